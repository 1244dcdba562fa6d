package tui

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/earlyid/earlyid/interview"
	"github.com/earlyid/earlyid/locales"
)

// TestHandoverSaysSo: when the specialist continues a self session (resume --interviewer),
// the safety check says that the person has answered alone, not "check before you begin";
// a real interview still says the latter.
func TestHandoverSaysSo(t *testing.T) {
	ro := locales.New("ro")
	before, handover := ro.T("interview.safety.intro", nil), ro.T("tui.handover.intro", nil)
	for _, continued := range []bool{false, true} {
		mode := interview.ModeReal
		if continued {
			mode = interview.ModeSelf
		}
		e := session{lang: "uk", uiLang: "ro", mode: mode}.engine(t)
		if continued {
			at := fixedNow().Add(time.Hour)
			e.Session().InterviewerContinued = &at
		}
		v := plainView(update(New(e, Options{}), tea.WindowSizeMsg{Width: 100, Height: 30}))
		want, not := before, handover
		if continued {
			want, not = handover, before
		}
		if !strings.Contains(strings.Join(strings.Fields(v), " "), want) || strings.Contains(v, not) {
			t.Errorf("continued %v: the safety check does not say %q alone:\n%s", continued, want, v)
		}
	}
}

// TestSelfModeHasNoSwap: the person alone reads one language, so L swaps nothing there and
// neither the footer nor the help offers it; with an interviewer it does.
func TestSelfModeHasNoSwap(t *testing.T) {
	swap := locales.New("uk").T("tui.key.swap.long", nil)
	for _, mode := range []interview.Mode{interview.ModeSelf, interview.ModeReal} {
		e := session{lang: "uk", uiLang: "uk", mode: mode}.engine(t)
		m := update(New(e, Options{}), tea.WindowSizeMsg{Width: 100, Height: 30}, keyRunes("L"))
		if got := m.(Model).c.swap; got != (mode != interview.ModeSelf) {
			t.Errorf("%s: L sets swap to %v", mode, got)
		}
		help := plainView(update(m, keyRunes("?")))
		if offered := strings.Contains(help, swap); offered != (mode != interview.ModeSelf) {
			t.Errorf("%s: the help offers L: %v:\n%s", mode, offered, help)
		}
	}
}
