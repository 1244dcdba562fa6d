package guidelines

import (
	"slices"
	"testing"

	"github.com/expr-lang/expr/vm"
	"github.com/expr-lang/expr/vm/runtime"
)

// TestInMultiIsExprIn: the `in` that conditions on multi answers now run must answer as
// expr's own `in` for every pair of operands, including those the checker's types rule out.
func TestInMultiIsExprIn(t *testing.T) {
	lists := []any{[]string{"a", "b"}, []string{}, []string(nil), []string{Unknown}, []string{"ab"}, []any{"a"}, nil}
	needles := []any{"a", "b", "", "ab", Unknown, Declined, 1, nil}
	for _, l := range lists {
		for _, n := range needles {
			want := func() (b bool, p any) {
				defer func() { p = recover() }()
				return runtime.In(n, l), nil
			}
			got := func() (b bool, p any) {
				defer func() { p = recover() }()
				return inMulti(n, l), nil
			}
			wb, wp := want()
			gb, gp := got()
			if gb != wb || (gp == nil) != (wp == nil) {
				t.Errorf("%#v in %#v: %v (panic %v), expr's in gives %v (panic %v)", n, l, gb, gp, wb, wp)
			}
		}
	}
}

// TestInMultiRuns: a condition that looks for a choice in a multi answer runs inMulti —
// with the answer expr's `in` gives, negated or not — and allocates nothing while it runs.
func TestInMultiRuns(t *testing.T) {
	g, ds := LoadBytes("in.yaml", []byte(`format: earlyid/guideline/v1
id: in
version: "1"
title: In
languages: [en]
sections:
  - id: main
    title: Main
    questions:
      - {id: m, type: multi, text: M, choices: [{id: a, text: A}, {id: b, text: B}, {id: c, text: C}]}
      - {id: t, type: text, text: T}
      - {id: q1, type: yesno, text: Q, when: '"a" in m'}
      - {id: q2, type: yesno, text: Q, when: 'not ("b" in m) && t in m'}
      - {id: q3, type: yesno, text: Q, when: '"c" not in m'}
dimensions:
  - {id: dim, stage: exploitation, text: D}
indicators:
  - {id: i, dimension: dim, strength: weak, text: I, when: 'q1 == "yes"'}
scoring:
  element_positive:
    - {strong: 2}
  outcomes:
    - {id: rest, level: low, text: None, when: "true"}
`))
	if g == nil || ds.HasErrors() {
		t.Fatalf("the test guideline does not load: %v", ds)
	}
	ev := g.NewEvaluator()
	q1, q2, q3 := g.Question("q1").When, g.Question("q2").When, g.Question("q3").When
	for _, c := range []struct {
		m          []string
		t          string
		q1, q2, q3 bool
	}{
		{[]string{"a", "c"}, "c", true, true, false},
		{[]string{"b"}, "b", false, false, true},
		{[]string{Unknown}, Unknown, false, true, true},
		{[]string{}, "", false, false, true},
	} {
		env := map[string]any{"m": c.m, "t": c.t, "q1": "", "q2": "", "q3": ""}
		for i, want := range []bool{c.q1, c.q2, c.q3} {
			got, err := ev.Eval([]*Condition{q1, q2, q3}[i], env)
			if err != nil || got != want {
				t.Errorf("m=%v t=%q: q%d applies %v (%v), want %v", c.m, c.t, i+1, got, err, want)
			}
		}
	}
	if slices.Contains(q1.prog.Bytecode, vm.OpIn) {
		t.Errorf("\"a\" in m still runs expr's in:\n%s", q1.prog.Disassemble())
	}
	env := map[string]any{"m": []string{"c", "b", "a"}, "t": ""}
	if n := testing.AllocsPerRun(100, func() { _, _ = ev.Eval(q1, env) }); n != 0 {
		t.Errorf("\"a\" in m allocates %v times a run", n)
	}
}
