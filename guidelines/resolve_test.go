package guidelines_test

import (
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/guidelines/guidelinestest"
)

// resolveEqual fails unless got is what Resolve gives for vals: the environment every
// condition sees, which questions and sections apply, the answer states and the profile.
func resolveEqual(t *testing.T, step int, g *guidelines.Guideline, vals map[string]guidelines.Value, got *guidelines.Resolution) {
	t.Helper()
	want, err := g.Resolve(g.NewEvaluator(), vals)
	if err != nil {
		t.Fatalf("step %d: %v", step, err)
	}
	switch {
	case got.Profile != want.Profile:
		t.Fatalf("step %d: profile %q, want %q", step, got.Profile, want.Profile)
	case !reflect.DeepEqual(got.Applies, want.Applies):
		t.Fatalf("step %d: the questions that apply differ", step)
	case !reflect.DeepEqual(got.SectionApplies, want.SectionApplies):
		t.Fatalf("step %d: the sections that apply differ", step)
	case !reflect.DeepEqual(got.Answered, want.Answered):
		t.Fatalf("step %d: the answer states differ", step)
	case !reflect.DeepEqual(got.Env, want.Env):
		for id, w := range want.Env {
			if g, ok := got.Env[id]; !ok || !reflect.DeepEqual(g, w) {
				t.Fatalf("step %d: %s reads %#v, want %#v", step, id, g, w)
			}
		}
		t.Fatalf("step %d: the environment has %d names, want %d", step, len(got.Env), len(want.Env))
	}
}

// TestResolveReusingIsResolve follows an interview as the engine does — answers given,
// changed, withdrawn, and a resolution after each — on every built-in guideline, and
// checks that reusing the previous resolution's storage gives exactly what a fresh
// Resolve gives, every time: an answer left behind in the reused environment would make a
// later question apply, or an indicator hold, on an answer the person took back.
func TestResolveReusingIsResolve(t *testing.T) {
	gs, err := guidelines.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range gs {
		t.Run(g.ID, func(t *testing.T) {
			r := rand.New(rand.NewPCG(3, uint64(len(g.Questions))))
			ev := g.NewEvaluator()
			var res, spare *guidelines.Resolution
			for run := range 20 {
				vals := map[string]guidelines.Value{}
				for step := range 3 * len(g.Questions) {
					q := g.Questions[r.IntN(len(g.Questions))]
					if _, given := vals[q.ID]; given && r.IntN(4) == 0 {
						delete(vals, q.ID)
					} else {
						vals[q.ID] = guidelinestest.RandomValue(r, q)
					}
					got, err := g.ResolveReusing(ev, vals, spare)
					if err != nil {
						t.Fatalf("run %d, step %d: %v", run, step, err)
					}
					resolveEqual(t, step, g, vals, got)
					spare, res = res, got
				}
			}
		})
	}
}

// TestResolveReusingAfterAFailure reuses a resolution whose resolving stopped on a
// condition that failed while it ran: what it had written by then must not survive into
// the next resolution.
func TestResolveReusingAfterAFailure(t *testing.T) {
	g := guidelines.LoadOneSection(t, "fails", `      - {id: a, type: yesno, text: A}
      - {id: t, type: text, text: T}
      - {id: b, type: yesno, text: B, when: 'a == "yes"'}
      - {id: c, type: yesno, text: C, when: 'int(t) > 3'}
      - {id: d, type: yesno, text: D, when: 'b == "yes"'}
`, `d == "yes"`)
	yes, no := guidelines.Value{Str: "yes"}, guidelines.Value{Str: "no"}
	ev := g.NewEvaluator()
	vals := map[string]guidelines.Value{"a": yes, "t": {Str: "9"}, "b": yes, "c": yes, "d": yes}
	res, err := g.Resolve(ev, vals)
	if err != nil {
		t.Fatal(err)
	}
	resolveEqual(t, 0, g, vals, res)
	// a and b are written again before t's condition fails: the first resolution's
	// storage now holds a partial one.
	vals["t"] = guidelines.Value{Str: "many"}
	if _, err := g.ResolveReusing(ev, vals, res); err == nil {
		t.Fatal("int(\"many\") did not fail")
	}
	vals = map[string]guidelines.Value{"a": no, "t": {Str: "1"}, "b": yes, "d": yes}
	got, err := g.ResolveReusing(ev, vals, res)
	if err != nil {
		t.Fatal(err)
	}
	resolveEqual(t, 2, g, vals, got)
	if got.Env["b"] != "" || got.Env["d"] != "" {
		t.Errorf("b and d read %q and %q after a became no, want not asked", got.Env["b"], got.Env["d"])
	}
}
