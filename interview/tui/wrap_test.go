package tui

import (
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/interview"
)

// rowStart matches the first line of an answer row ("  ▸ 1  text" or "    2  text").
var rowStart = regexp.MustCompile(`^(    |  ▸ )\d+  `)

// A long answer wraps under its own first word, on the selected row as on the others: the
// pointer must not push the selected row's continuation lines out of line.
func TestWrappedAnswersHangUnderTheirText(t *testing.T) {
	s := session{guideline: "mixed-flows-md", lang: "uk", uiLang: "ro", mode: interview.ModeTraining,
		answers: map[string]guidelines.Value{"s_private": {Str: "yes"}}}
	view := runKeys(t, New(s.engine(t), Options{}), 60, 20)
	lines := strings.Split(ansi.Strip(view), "\n")
	checked := 0
	for i := 0; i < len(lines); i++ {
		m := rowStart.FindString(lines[i])
		if m == "" {
			continue
		}
		want := ansi.StringWidth(m)
		for j := i + 1; j < len(lines) && continues(lines[j]); j++ {
			if got := len(lines[j]) - len(strings.TrimLeft(lines[j], " ")); got != want {
				t.Errorf("line %d hangs at column %d, its row's text starts at %d:\n%s", j+1, got, want, view)
			}
			checked++
		}
	}
	if checked == 0 {
		t.Fatalf("no answer wrapped at 60 columns; the test no longer tests anything:\n%s", view)
	}
}

// continues says whether line can be a continuation of an answer row: not empty, not a new
// row, not the "…" of a cut list nor the footer's rule.
func continues(line string) bool {
	s := strings.TrimSpace(line)
	return s != "" && !rowStart.MatchString(line) && !strings.HasPrefix(s, "…") && !strings.HasPrefix(s, "─")
}
