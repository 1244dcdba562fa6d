package tui

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/interview"
)

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
		s, err := interview.NewSession(g, "MD-7K3Q-2PXA", interview.ModeTraining, "uk", "ro", fixedNow())
		if err != nil {
			b.Fatal(err)
		}
		e, err := interview.New(g, s, interview.NewMemoryStore(), interview.WithClock(fixedNow))
		if err != nil {
			b.Fatal(err)
		}
		m, _ := New(e, Options{}).Update(tea.WindowSizeMsg{Width: 80, Height: 24})
		if m.View() == "" {
			b.Fatal("empty first frame")
		}
	}
}

// BenchmarkKeypress: one cursor move (Update + View) on a 10,000-question guideline
// (target: under 1 ms).
func BenchmarkKeypress(b *testing.B) {
	g, ds := guidelines.LoadBytes("synthetic.yaml", guidelines.Synthetic(10000, 5000))
	if g == nil || ds.HasErrors() {
		b.Fatal(ds)
	}
	s, err := interview.NewSession(g, "SYN-0001", interview.ModeTraining, "ro", "en", fixedNow())
	if err != nil {
		b.Fatal(err)
	}
	e, err := interview.New(g, s, interview.NewMemoryStore(), interview.WithClock(fixedNow))
	if err != nil {
		b.Fatal(err)
	}
	var m tea.Model = New(e, Options{})
	m, _ = m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	if m.(Model).screen != screenQuestion {
		b.Fatal("not on a question")
	}
	for b.Loop() {
		m, _ = m.Update(keyDown)
		_ = m.View()
	}
}
