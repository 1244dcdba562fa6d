package interview

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/guidelines/guidelinestest"
	"github.com/earlyid/earlyid/indicators"
	"github.com/earlyid/earlyid/locales"
)

// synthetic loads guidelines.Synthetic(questions, indicators).
func synthetic(t testing.TB, questions, inds int) *guidelines.Guideline {
	t.Helper()
	g, ds := guidelines.LoadBytes("synthetic.yaml", guidelines.Synthetic(questions, inds))
	if g == nil {
		t.Fatalf("synthetic guideline: %v", ds)
	}
	return g
}

// answersYAML writes a as an answers file, the way a person would for `earlyid score`.
func answersYAML(g *guidelines.Guideline, a guidelines.Answers) []byte {
	q := func(s string) string { b, _ := json.Marshal(s); return string(b) } // JSON strings are YAML
	var b bytes.Buffer
	b.WriteString("answers:\n")
	for _, id := range slices.Sorted(maps.Keys(a.Values)) {
		v := a.Values[id]
		fmt.Fprintf(&b, "  %s: ", id)
		switch {
		case v.IsSpecial():
			b.WriteString(v.Special)
		case g.Question(id).Type == guidelines.TypeMulti:
			parts := make([]string, len(v.List))
			for i, c := range v.List {
				parts[i] = q(c)
			}
			b.WriteString("[" + strings.Join(parts, ", ") + "]")
		case g.Question(id).Type == guidelines.TypeNumber:
			b.WriteString(strconv.FormatFloat(v.Num, 'f', -1, 64))
		default:
			b.WriteString(q(v.Str))
		}
		b.WriteByte('\n')
	}
	if len(a.Notes) > 0 {
		b.WriteString("notes:\n")
		for _, id := range slices.Sorted(maps.Keys(a.Notes)) {
			fmt.Fprintf(&b, "  %s: %s\n", id, q(a.Notes[id]))
		}
	}
	return b.Bytes()
}

// randomInterview runs one interview with random answers, changes (Back, Goto an earlier
// question, jumps) and notes, to the review.
func randomInterview(t testing.TB, r *rand.Rand, g *guidelines.Guideline) *Engine {
	e := newEngine(t, g, NewMemoryStore())
	for steps := 0; steps < 20*len(g.Questions)+100; steps++ {
		st := e.Current()
		if st.Question == nil {
			if r.IntN(3) == 0 && len(e.Session().Answers.Values) > 0 { // change something from the review
				ids := slices.Sorted(maps.Keys(e.Session().Answers.Values))
				if e.Goto(ids[r.IntN(len(ids))]) == nil {
					continue
				}
			}
			break
		}
		switch k := r.IntN(20); {
		case k == 0:
			e.Back()
		case k == 1:
			secs := e.Sections()
			s := secs[r.IntN(len(secs))]
			e.JumpToSection(s.Section.ID)
		case k == 2:
			e.Note(fmt.Sprintf("note %d: said “so”", steps))
		default:
			v := guidelinestest.RandomValue(r, st.Question)
			if v.Special == guidelines.Declined && ForInterviewer(st.Question) {
				v = guidelines.UnknownValue // the interviewer cannot decline (TestInterviewerCannotDecline)
			}
			if err := e.Answer(v); err != nil {
				t.Fatalf("answer %s: %v", st.Question.ID, err)
			}
		}
	}
	return e
}

func reportJSON(t testing.TB, a *indicators.Assessment) string {
	var b bytes.Buffer
	if err := indicators.WriteJSON(a, &b, "", locales.New("en")); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestPropertyEngineScoresLikeAnAnswersFile: whatever path an interview takes, its final
// answers score exactly as the same answers written to an answers file and read back with
// guidelines.ParseAnswers (what `earlyid score` does).
func TestPropertyEngineScoresLikeAnAnswersFile(t *testing.T) {
	var gs []*guidelines.Guideline
	embedded, err := guidelines.Embedded()
	if err != nil {
		t.Fatalf("embedded guidelines: %v", err)
	}
	gs = append(gs, embedded...)
	synth := synthetic(t, 200, 100)
	gs = append(gs, synth)
	runs := 40
	if testing.Short() {
		runs = 5
	}
	for _, g := range gs {
		t.Run(g.ID, func(t *testing.T) {
			n := runs
			if len(g.Questions) > 100 {
				n = max(runs/8, 2)
			}
			for seed := range n {
				r := rand.New(rand.NewPCG(uint64(seed), 7))
				e := randomInterview(t, r, g)
				engineA, err := e.Finish()
				if err != nil {
					t.Fatal(err)
				}
				file := answersYAML(g, e.Answers())
				parsed, _, pds := guidelines.ParseAnswers("answers.yaml", file, g)
				if pds.HasErrors() {
					t.Fatalf("seed %d: the answers file does not parse: %v\n%s", seed, pds, file)
				}
				fileA, err := indicators.Score(g, parsed)
				if err != nil {
					t.Fatal(err)
				}
				if a, b := reportJSON(t, engineA), reportJSON(t, fileA); a != b {
					t.Fatalf("seed %d: the engine and the answers file score differently\nengine: %s\nfile:   %s\nanswers:\n%s", seed, a, b, file)
				}
				if !slices.Equal(engineA.Ignored, fileA.Ignored) {
					t.Fatalf("seed %d: ignored answers differ: %v vs %v", seed, engineA.Ignored, fileA.Ignored)
				}
			}
		})
	}
}

// BenchmarkAnswer measures one Engine.Answer (validate, re-resolve the whole guideline,
// move on, save) on a 10,000-question guideline. "nostore" is the engine alone; "memory"
// adds encoding the whole session as JSON on every save, as every real store does.
func BenchmarkAnswer(b *testing.B) {
	g := synthetic(b, 10000, 5000)
	for _, bc := range []struct {
		name  string
		store func() Store
	}{
		{"nostore", func() Store { return nopStore{NewMemoryStore()} }},
		{"memory", func() Store { return NewMemoryStore() }},
	} {
		b.Run(bc.name, func(b *testing.B) {
			r := rand.New(rand.NewPCG(1, 2))
			e := newEngine(b, g, bc.store())
			b.ResetTimer()
			for b.Loop() {
				st := e.Current()
				if st.Question == nil {
					b.StopTimer()
					e = newEngine(b, g, bc.store())
					st = e.Current()
					b.StartTimer()
				}
				v := guidelinestest.RandomValue(r, st.Question)
				if v.Special == guidelines.Declined && ForInterviewer(st.Question) {
					v = guidelines.UnknownValue // the interviewer cannot decline (TestInterviewerCannotDecline)
				}
				if err := e.Answer(v); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// nopStore saves nothing: the engine's own cost, without encoding.
type nopStore struct{ *MemoryStore }

func (nopStore) Save(*Session) error { return nil }
