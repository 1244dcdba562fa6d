package tui

import (
	"regexp"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/earlyid/earlyid/guidelines"
)

// TestSectionNameIsNeverCut: at 60 columns the header names the section whole: in the
// interviewer's language alone when both do not fit on the line, and wrapped under itself
// when even that does not ("Despre dumneavoastră și cu cine călătoriți").
func TestSectionNameIsNeverCut(t *testing.T) {
	for _, tt := range []struct {
		guideline, section, want string
		lines                    int
	}{
		{"example", "", "Munca și călătoria", 1}, // atMulti stands in the work section
		{"mixed-flows-md", "about_you", "Despre dumneavoastră și cu cine călătoriți", 2},
	} {
		s := session{guideline: tt.guideline, lang: "uk", uiLang: "ro"}
		if tt.section == "" {
			s.answers = atMulti
		} else {
			s.answers = map[string]guidelines.Value{"consent_interview": yes()} // the section applies
		}
		e := s.engine(t)
		if err := e.Start(); err != nil {
			t.Fatal(err)
		}
		if tt.section != "" {
			if err := e.JumpToSection(tt.section); err != nil {
				t.Fatal(err)
			}
		}
		m := update(New(e, Options{}), tea.WindowSizeMsg{Width: 60, Height: 20}).(Model)
		head := m.header()
		var text []string
		for _, l := range head[:len(head)-1] { // the bar is the header's last line
			// Without the question number and headway ("13 · 16%") that end the first line.
			text = append(text, strings.TrimSpace(progress.ReplaceAllString(plainView(stringModel(l)), "")))
		}
		flat := strings.Join(strings.Fields(strings.Join(text, " ")), " ")
		if !strings.Contains(flat, tt.want) || strings.Contains(flat, "…") || len(text) != tt.lines {
			t.Errorf("%s: %s at 60 columns: the header is %q, want %q whole on %d line(s)", tt.guideline, tt.section, text, tt.want, tt.lines)
		}
	}
}

var progress = regexp.MustCompile(`(\d+ · )?\d+% *$`)

// stringModel shows a fixed string, so that plainView strips its styles.
type stringModel string

func (s stringModel) Init() tea.Cmd                       { return nil }
func (s stringModel) Update(tea.Msg) (tea.Model, tea.Cmd) { return s, nil }
func (s stringModel) View() string                        { return string(s) }
