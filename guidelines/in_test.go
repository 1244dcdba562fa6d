package guidelines

import (
	"slices"
	"testing"

	"github.com/expr-lang/expr/vm"
	"github.com/expr-lang/expr/vm/runtime"
)

// TestInIsExprIn: the `in` that conditions on multi answers and written lists now run must
// answer as expr's own `in` for every pair of operands, including those the checker's types
// rule out.
func TestInIsExprIn(t *testing.T) {
	lists := []any{[]string{"a", "b"}, []string{}, []string(nil), []string{Unknown}, []string{"ab"}, []any{"a"}, nil,
		map[string]struct{}{"a": {}, "b": {}}, map[string]struct{}{"": {}}, map[string]struct{}{}}
	needles := []any{"a", "b", "", "ab", Unknown, Declined, 1, nil}
	for _, l := range lists {
		for _, n := range needles {
			want := func() (b bool, p any) {
				defer func() { p = recover() }()
				return runtime.In(n, l), nil
			}
			in := inMulti
			if _, ok := l.(map[string]struct{}); ok {
				in = inSet
			}
			got := func() (b bool, p any) {
				defer func() { p = recover() }()
				return in(n, l), nil
			}
			wb, wp := want()
			gb, gp := got()
			if gb != wb || (gp == nil) != (wp == nil) {
				t.Errorf("%#v in %#v: %v (panic %v), expr's in gives %v (panic %v)", n, l, gb, gp, wb, wp)
			}
		}
	}
}

// TestInRuns: a condition that looks for a choice in a multi answer, or for an answer in a
// written list, runs earlyid's `in` — with the answer expr's `in` gives, negated or not —
// and allocates nothing while it runs.
func TestInRuns(t *testing.T) {
	g := LoadOneSection(t, "in", `      - {id: m, type: multi, text: M, choices: [{id: a, text: A}, {id: b, text: B}, {id: c, text: C}]}
      - {id: t, type: text, text: T}
      - {id: q1, type: yesno, text: Q, when: '"a" in m'}
      - {id: q2, type: yesno, text: Q, when: 'not ("b" in m) && t in m'}
      - {id: q3, type: yesno, text: Q, when: '"c" not in m'}
      - {id: q4, type: yesno, text: Q, when: 't in ["a", "b"] || t not in ["c", ""]'}
`, `q1 == "yes"`)
	ev := g.NewEvaluator()
	conds := []*Condition{g.Question("q1").When, g.Question("q2").When, g.Question("q3").When, g.Question("q4").When}
	for _, c := range []struct {
		m              []string
		t              string
		q1, q2, q3, q4 bool
	}{
		{[]string{"a", "c"}, "c", true, true, false, false},
		{[]string{"b"}, "b", false, false, true, true},
		{[]string{Unknown}, Unknown, false, true, true, true},
		{[]string{}, "", false, false, true, false},
	} {
		env := map[string]any{"m": c.m, "t": c.t, "q1": "", "q2": "", "q3": ""}
		for i, want := range []bool{c.q1, c.q2, c.q3, c.q4} {
			got, err := ev.Eval(conds[i], env)
			if err != nil || got != want {
				t.Errorf("m=%v t=%q: q%d applies %v (%v), want %v", c.m, c.t, i+1, got, err, want)
			}
		}
	}
	env := map[string]any{"m": []string{"c", "b", "a"}, "t": "b"}
	for _, c := range conds {
		if slices.Contains(c.prog.Bytecode, vm.OpIn) {
			t.Errorf("%s still runs expr's in:\n%s", c.Src, c.prog.Disassemble())
		}
		if n := testing.AllocsPerRun(100, func() { _, _ = ev.Eval(c, env) }); n != 0 {
			t.Errorf("%s allocates %v times a run", c.Src, n)
		}
	}
}

// LoadOneSection loads a guideline made for a test: one section holding questions (the YAML
// of its list items, one flow mapping a line), one indicator whose condition is
// indicatorWhen, and one outcome. Exported for the package's external tests too.
func LoadOneSection(t testing.TB, id, questions, indicatorWhen string) *Guideline {
	t.Helper()
	src := `format: earlyid/guideline/v1
id: ` + id + `
version: "1"
title: Test
languages: [en]
sections:
  - id: main
    title: Main
    questions:
` + questions + `dimensions:
  - {id: dim, stage: exploitation, text: D}
indicators:
  - {id: i, dimension: dim, strength: weak, text: I, when: '` + indicatorWhen + `'}
scoring:
  element_positive:
    - {strong: 2}
  outcomes:
    - {id: rest, level: low, text: None, when: "true"}
`
	g, ds := LoadBytes(id+".yaml", []byte(src))
	if g == nil || ds.HasErrors() {
		t.Fatalf("the test guideline does not load: %v", ds)
	}
	return g
}
