package tui

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/interview"
)

// benchModel builds the model of a new training session of g at 80×24, as the program
// does before its first frame.
func benchModel(b *testing.B, g *guidelines.Guideline, code, lang, uiLang string) tea.Model {
	b.Helper()
	s, err := interview.NewSession(g, code, interview.ModeTraining, lang, uiLang, fixedNow())
	if err != nil {
		b.Fatal(err)
	}
	e, err := interview.New(g, s, interview.NewMemoryStore(), interview.WithClock(fixedNow))
	if err != nil {
		b.Fatal(err)
	}
	m, _ := New(e, Options{}).Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	return m
}

// synthetic10k is the synthetic guideline of 10,000 questions and 5,000 indicators.
func synthetic10k(b *testing.B) *guidelines.Guideline {
	b.Helper()
	g, ds := guidelines.LoadBytes("synthetic.yaml", guidelines.Synthetic(10000, 5000))
	if g == nil || ds.HasErrors() {
		b.Fatal(ds)
	}
	return g
}

// BenchmarkFirstFrame: load the shipped default guideline from its bytes, make a session
// and an engine, build the model and draw the first frame (target: under 50 ms).
func BenchmarkFirstFrame(b *testing.B) {
	name := guidelines.DefaultID + ".yaml"
	data, err := guidelines.FS.ReadFile(name)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		g, ds := guidelines.LoadBytes(name, data)
		if g == nil || ds.HasErrors() {
			b.Fatal(ds)
		}
		if benchModel(b, g, "MD-7K3Q-2PXA", "uk", "ro").View() == "" {
			b.Fatal("empty first frame")
		}
	}
}

// BenchmarkKeypress: one cursor move (Update + View) on a 10,000-question guideline
// (target: under 1 ms).
func BenchmarkKeypress(b *testing.B) {
	m := benchModel(b, synthetic10k(b), "SYN-0001", "ro", "en")
	if m.(Model).screen != screenQuestion {
		b.Fatal("not on a question")
	}
	for b.Loop() {
		m, _ = m.Update(keyDown)
		_ = m.View()
	}
}

// BenchmarkAnswerKeypress: the keys that answer one question and show the next (Update,
// any command it returns, and View) on a 10,000-question guideline, saving to a memory
// store — which encodes the whole session as JSON, as every real store does before the
// next question is shown. "1" answers a yes/no or choice question; a multi question takes
// "1" (tick) and Enter; a question answered by typing takes ↓ (to "don't know") and Enter.
func BenchmarkAnswerKeypress(b *testing.B) {
	g := synthetic10k(b)
	start := func() tea.Model { return benchModel(b, g, "SYN-0001", "ro", "en") }
	press := func(m tea.Model, msgs ...tea.Msg) tea.Model {
		for _, msg := range msgs {
			var cmd tea.Cmd
			m, cmd = m.Update(msg)
			for cmd != nil { // run what the key started, as the program would
				next := cmd()
				cmd = nil
				if next != nil {
					if _, batch := next.(tea.BatchMsg); !batch {
						m, cmd = m.Update(next)
					}
				}
			}
		}
		_ = m.View()
		return m
	}
	m := start()
	for b.Loop() {
		mm := m.(Model)
		if mm.screen != screenQuestion {
			b.StopTimer()
			m = start()
			b.StartTimer()
			continue
		}
		switch mm.question.step.Question.Type {
		case guidelines.TypeYesNo, guidelines.TypeChoice:
			m = press(m, keyRunes("1"))
		case guidelines.TypeMulti:
			m = press(m, keyRunes("1"), keyEnter) // tick the first choice, confirm
		default:
			m = press(m, keyDown, keyEnter)
		}
	}
}
