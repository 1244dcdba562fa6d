package summary

import (
	"strings"

	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/parser"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/textsafe"
)

// The outcome's reason says, in the summary language, which facts of this case made the
// outcome's condition hold: the profile, the positive dimensions, the indicators and flags
// it names, the number of indicators, the answers it looks at. Rendering the condition
// itself in words reads badly in a referral summary — it names dimension ids and every
// alternative, most of which did not apply — so the reason follows the condition down to the
// parts that are true for this person instead: for "a or b" the alternatives that hold, for
// "a and b" both. It re-parses the source, because the compiled program's tree is rewritten
// by the optimizer.

// facts collects what made a condition hold.
type facts struct {
	profile bool
	dims    map[string]bool
	inds    map[string]bool
	flags   map[string]bool
	count   bool            // the indicator counts (strong, medium, weak)
	answers map[string]bool // questions compared in a part that is true
	other   bool            // a true part that names nothing above (a negation, a function)
	always  bool            // the literal true: no earlier outcome applied
}

// explainer walks a condition's tree against the environment the outcome's rule ran in
// (indicators.Assessment.OutcomeEnv). Each part it weighs is compiled as the guideline's
// own conditions are, so a part runs under the same rules as the whole: a builtin the
// format disables is refused here too.
type explainer struct {
	g   *guidelines.Guideline
	cc  *guidelines.Compiler
	ev  *guidelines.Evaluator
	env map[string]any
	f   facts
}

// reason returns the one-line reason of outcome o in the summary language.
func (b *builder) reason(o *guidelines.Outcome) string {
	x := &explainer{g: b.g, cc: b.g.Compiler(guidelines.ScopeOutcome), ev: b.g.NewEvaluator(),
		env: b.a.OutcomeEnv, f: facts{
			dims: map[string]bool{}, inds: map[string]bool{}, flags: map[string]bool{}, answers: map[string]bool{},
		}}
	if o.When == nil {
		x.f.always = true
	} else if tree, err := parser.Parse(o.When.Src); err != nil {
		x.f.other = true
	} else {
		x.explain(tree.Node)
	}
	return b.sayFacts(x.f)
}

// explain records why n, which holds, holds.
func (x *explainer) explain(n ast.Node) {
	switch n := n.(type) {
	case *ast.BoolNode:
		if n.Value {
			x.f.always = true
			return
		}
	case *ast.IdentifierNode:
		switch {
		case x.g.Dimension(n.Value) != nil:
			x.f.dims[n.Value] = true
			return
		case x.g.Indicator(n.Value) != nil:
			x.f.inds[n.Value] = true
			return
		case x.g.Flag(n.Value) != nil:
			x.f.flags[n.Value] = true
			return
		}
	case *ast.BinaryNode:
		switch n.Operator {
		case "&&", "and":
			x.explain(n.Left)
			x.explain(n.Right)
			return
		case "||", "or":
			// Every alternative that holds is a reason; when none can be evaluated alone
			// (it should not happen), the whole is kept unexplained rather than guessed.
			held := false
			for _, side := range []ast.Node{n.Left, n.Right} {
				if x.holds(side) {
					x.explain(side)
					held = true
				}
			}
			if !held {
				x.f.other = true
			}
			return
		}
	}
	x.leaf(n)
}

// leaf records a true part that is not a plain name: a comparison of the profile, of the
// counts or of answers.
func (x *explainer) leaf(n ast.Node) {
	names := map[string]bool{}
	ast.Find(n, func(m ast.Node) bool {
		if id, ok := m.(*ast.IdentifierNode); ok {
			names[id.Value] = true
		}
		return false
	})
	if len(names) == 0 {
		x.f.other = true
		return
	}
	named := false
	for name := range names {
		switch {
		case name == guidelines.NameProfile:
			x.f.profile, named = true, true
		case name == guidelines.NameStrong || name == guidelines.NameMedium || name == guidelines.NameWeak:
			x.f.count, named = true, true
		case x.g.Question(name) != nil:
			x.f.answers[name], named = true, true
		}
	}
	for name := range names {
		if x.g.Dimension(name) != nil || x.g.Indicator(name) != nil || x.g.Flag(name) != nil {
			// A negated or computed dimension, indicator or flag (!d, d == false): the fact
			// is an absence the summary cannot name simply.
			named = false
		}
	}
	if !named {
		x.f.other = true
	}
}

// holds evaluates the part n of the condition. A part that does not compile or run on its
// own counts as not holding.
func (x *explainer) holds(n ast.Node) bool {
	c, err := x.cc.Compile(n.String())
	if err != nil {
		return false
	}
	ok, err := x.ev.Eval(c, x.env)
	return err == nil && ok
}

// sayFacts renders the facts as sentences in the summary language, in a fixed order: what
// the ILO rules rest on (profile, dimensions, the number of indicators) before the single
// indicators, warning signs and answers a guideline may add.
func (b *builder) sayFacts(f facts) string {
	l := b.l
	var parts []string
	// list says one item with the message one, several with many: the label's number
	// follows the list's, and no count is shown (the items are).
	list := func(one, many string, items []string) {
		switch {
		case len(items) == 1:
			parts = append(parts, l.T(one, map[string]any{"List": items[0]}))
		case len(items) > 1:
			parts = append(parts, l.T(many, map[string]any{"List": strings.Join(items, "; ")}))
		}
	}
	if f.profile {
		for _, p := range b.g.Profiles {
			if p.ID == b.a.Profile {
				parts = append(parts, l.T("summary.outcome.fact.profile", map[string]any{"Profile": b.text(p.Text)}))
			}
		}
	}
	var dims, inds, flags []string
	for _, d := range b.g.Dimensions {
		if f.dims[d.ID] {
			dims = append(dims, b.text(d.Text))
		}
	}
	for _, in := range b.g.Indicators {
		if f.inds[in.ID] {
			inds = append(inds, b.text(in.Text))
		}
	}
	for _, fl := range b.g.Flags {
		if f.flags[fl.ID] {
			flags = append(flags, firstSentence(b.text(fl.Text)))
		}
	}
	list("summary.outcome.fact.dimension", "summary.outcome.fact.dimensions", dims)
	if f.count {
		n := b.a.Strong + b.a.Medium + b.a.Weak
		parts = append(parts, l.N("summary.outcome.fact.count", n, nil))
	}
	list("summary.outcome.fact.indicator", "summary.outcome.fact.indicators", inds)
	list("summary.outcome.fact.flag", "summary.outcome.fact.flags", flags)
	var answers []string
	for _, q := range b.g.Questions {
		if f.answers[q.ID] {
			a := b.answer(q)
			answers = append(answers, a.Text+" — "+a.AnswerText)
		}
	}
	list("summary.outcome.fact.answer", "summary.outcome.fact.answers", answers)
	if f.other {
		parts = append(parts, l.T("summary.outcome.fact.other", nil))
	}
	if len(parts) == 0 {
		parts = append(parts, l.T("summary.outcome.fact.default", nil))
	}
	return textsafe.Line(strings.Join(parts, " "))
}

// firstSentence returns the first sentence of a flag's text without its full stop: the
// fact, without the advice that follows it. A stop within the first 20 characters may be an
// abbreviation ("nr.", "ex.") and is passed over.
func firstSentence(s string) string {
	for i, r := range s {
		if i >= 20 && (r == '.' || r == '!' || r == '?') && (i+1 == len(s) || s[i+1] == ' ') {
			return s[:i]
		}
	}
	return strings.TrimSuffix(s, ".")
}
