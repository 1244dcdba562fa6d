package explore_test

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/guidelines/explore"
	"github.com/earlyid/earlyid/locales"
)

func load(t *testing.T, path string) *guidelines.Guideline {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	g, ds := guidelines.LoadBytes(path, data)
	if g == nil {
		t.Fatalf("%s does not load:\n%v", path, ds)
	}
	return g
}

// finding is the part of a diagnostic a guideline author acts on.
type finding struct {
	line     int
	severity guidelines.Severity
	code     string
}

func findings(ds guidelines.Diagnostics) []finding {
	out := make([]finding, len(ds))
	for i, d := range ds {
		out[i] = finding{d.Pos.Line, d.Severity, d.Code}
	}
	return out
}

func TestRunFindsWhatReadingCannot(t *testing.T) {
	t.Parallel()
	g := load(t, "testdata/small.yaml")
	rep := explore.Run(g, 300, 7)

	want := []finding{
		// int(job_offer) fails whenever the answer is "unknown": a failure no load-time
		// check sees (the loader refuses `age < 18`, which used to be the example here).
		{36, guidelines.SevError, "explore_condition_failed"},
		// never_asked's condition can never hold.
		{18, guidelines.SevWarning, "explore_question_unreached"},
		{45, guidelines.SevWarning, "explore_outcome_never"},
	}
	got := findings(rep.Diagnostics)
	for _, w := range want {
		if !slices.Contains(got, w) {
			t.Errorf("missing finding %+v; got %+v", w, got)
		}
	}
	if len(got) != len(want) {
		t.Errorf("got %d findings %+v, want exactly %+v", len(got), got, want)
	}
	for _, d := range rep.Diagnostics {
		if d.File != "testdata/small.yaml" || d.Pos.Col < 1 {
			t.Errorf("finding without a usable position: %+v", d)
		}
		if d.Code == "explore_condition_failed" {
			if d.Args["Condition"] != `(age ?? 99) < 18 || job_offer == "unknown" && int(job_offer) < 18` || d.Args["Count"].(int) < 1 {
				t.Errorf("condition failure lacks its details: %+v", d.Args)
			}
			// At the call that failed (col 58, `int`), said in the reader's language
			// without expr's own position inside the condition.
			if d.Pos.Col != 58 {
				t.Errorf("failure at column %d, want 58 (the “int”)", d.Pos.Col)
			}
			msg := d.Message(locales.New("ru"))
			if !strings.Contains(msg, "16 из 300") || strings.Contains(msg, "(1:47)") {
				t.Errorf("ru message: %s", msg)
			}
		}
	}
	if rep.Failed == 0 || rep.Failed == rep.Runs {
		t.Errorf("Failed = %d of %d: want some interviews with an unknown job offer and some without", rep.Failed, rep.Runs)
	}
}

func TestRunIsDeterministic(t *testing.T) {
	t.Parallel()
	g := load(t, "testdata/small.yaml")
	a, b := explore.Run(g, 200, 42), explore.Run(g, 200, 42)
	if a.Paths != b.Paths || a.Failed != b.Failed || len(a.ByOutcome) != len(b.ByOutcome) {
		t.Fatalf("same seed, different reports:\n%+v\n%+v", a, b)
	}
	for i := range a.ByOutcome {
		if a.ByOutcome[i] != b.ByOutcome[i] {
			t.Errorf("outcome %d: %+v vs %+v", i, a.ByOutcome[i], b.ByOutcome[i])
		}
	}
}

func TestRunPathStatistics(t *testing.T) {
	t.Parallel()
	g := load(t, "testdata/small.yaml")
	rep := explore.Run(g, 500, 1)
	// Two questions always apply; never_asked never does.
	if rep.Paths != (explore.Stats{Count: 500, Min: 2, Median: 2, Max: 2}) {
		t.Errorf("Paths = %+v, want 500 interviews of exactly 2 questions", rep.Paths)
	}
	var total int
	for _, o := range rep.ByOutcome {
		total += o.Paths.Count
		if o.Outcome == "impossible" {
			t.Errorf("outcome %q reported as reached", o.Outcome)
		}
	}
	if total != rep.Runs-rep.Failed {
		t.Errorf("outcomes cover %d interviews, want %d (every interview that scored)", total, rep.Runs-rep.Failed)
	}
}

// Every shipped guideline explores without a run-time failure: "don't know", "prefer not
// to answer" and skipped questions must never break a condition.
func TestShippedGuidelinesNeverFail(t *testing.T) {
	t.Parallel()
	gs, err := guidelines.Embedded()
	if err != nil {
		t.Logf("some embedded guidelines do not load (tested in package guidelines): %v", err)
	}
	for _, g := range gs {
		t.Run(g.ID, func(t *testing.T) {
			rep := explore.Run(g, 300, 1)
			for _, d := range rep.Diagnostics {
				if d.Severity == guidelines.SevError {
					t.Errorf("%s", d.Error())
				}
			}
		})
	}
}

func BenchmarkRun(b *testing.B) {
	gs, _ := guidelines.Embedded()
	for _, g := range gs {
		b.Run(g.ID, func(b *testing.B) {
			for b.Loop() {
				explore.Run(g, 100, 1)
			}
		})
	}
}

// Parts whose conditions can never hold are each reported once, at the part itself, so the
// author lands on the id to fix.
func TestRunFindsPartsNeverReached(t *testing.T) {
	t.Parallel()
	g := load(t, "testdata/never.yaml")
	rep := explore.Run(g, 300, 1)
	type at struct {
		code      string
		id        string
		line, col int
	}
	want := []at{
		{"explore_section_unreached", "contradiction", 13, 5},
		{"explore_indicator_never", "impossible_offer", 30, 5},
		{"explore_flag_never", "impossible_flag", 53, 5},
		{"explore_referral_never", "never_referred", 62, 5},
	}
	var got []at
	for _, d := range rep.Diagnostics {
		if d.Severity != guidelines.SevWarning || d.File != "testdata/never.yaml" {
			t.Errorf("unexpected finding %s", d.Error())
		}
		id, _ := d.Args["ID"].(string)
		got = append(got, at{d.Code, id, d.Pos.Line, d.Pos.Col})
	}
	if !slices.Equal(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
}

// TestRunSaysWhichOutcomeCatchesAnother: an outcome whose condition does hold but always
// after an earlier one that holds too is reported with the outcome that catches it, so the
// author knows to reorder rather than to rewrite the condition.
func TestRunSaysWhichOutcomeCatchesAnother(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile("testdata/small.yaml")
	if err != nil {
		t.Fatal(err)
	}
	src := strings.Replace(string(data), "      text: Impossible\n      when: \"false\"", "      text: Shadowed\n      when: deceptive_recruitment", 1)
	g, ds := guidelines.LoadBytes("shadowed.yaml", []byte(src))
	if g == nil {
		t.Fatalf("does not load:\n%v", ds)
	}
	rep := explore.Run(g, 300, 7)
	if len(rep.Unreached) != 1 || rep.Unreached[0].Outcome != "impossible" {
		t.Fatalf("unreached %+v, want impossible alone", rep.Unreached)
	}
	u := rep.Unreached[0]
	if u.Held == 0 || len(u.CaughtBy) != 1 || u.CaughtBy[0] != (explore.Catch{Outcome: "positive", Count: u.Held}) {
		t.Errorf("impossible: %+v, want held and caught by positive every time", u)
	}
	var found bool
	for _, d := range rep.Diagnostics {
		if d.Code == "explore_outcome_never" {
			t.Errorf("an outcome whose condition held is reported as never holding: %s", d.Error())
		}
		if d.Code == "explore_outcome_caught" {
			found = true
			if d.Pos.Line != 45 || !strings.Contains(d.Error(), "positive (") {
				t.Errorf("finding %s, want it at line 45 naming positive", d.Error())
			}
		}
	}
	if !found {
		t.Errorf("no explore_outcome_caught finding: %v", rep.Diagnostics)
	}
	// The condition that never holds is still told apart.
	if rep := explore.Run(load(t, "testdata/small.yaml"), 300, 7); len(rep.Unreached) != 1 || rep.Unreached[0].Held != 0 {
		t.Errorf("an outcome whose condition is false: %+v, want unreached and never held", rep.Unreached)
	}
}
