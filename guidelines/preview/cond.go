package preview

import (
	"strconv"
	"strings"

	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/parser"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/locales"
)

// condWords renders a simple condition in words ("job_offer = Yes and age < 18"), so that a
// reviewer who does not read expressions can follow the questionnaire. It reports false for
// anything it cannot say both simply and exactly; the caller then shows the source verbatim.
//
// It parses the source again rather than using the compiled program, whose tree the
// optimizer has rewritten (an `in [...]` list becomes a constant set, for example).
func condWords(c *guidelines.Condition, g *guidelines.Guideline, l *locales.Localizer, lang string) (string, bool) {
	if c == nil {
		return "", false
	}
	tree, err := parser.Parse(c.Src)
	if err != nil {
		return "", false
	}
	w := &worder{g: g, l: l, lang: lang}
	s, ok := w.node(tree.Node)
	if !ok || len([]rune(s)) > 240 { // a long sentence is harder to read than the source
		return "", false
	}
	return s, true
}

// worder puts a simple condition into words in the reader's language (condWords).
type worder struct {
	g    *guidelines.Guideline
	l    *locales.Localizer
	lang string
}

// node renders n; the second result is false when n is not simple.
func (w *worder) node(n ast.Node) (string, bool) {
	switch n := n.(type) {
	case *ast.BoolNode:
		if n.Value {
			return w.l.T("preview.cond.always", nil), true
		}
		return w.l.T("preview.cond.never", nil), true
	case *ast.IdentifierNode:
		// A bare name is a bool only in outcome and referral scope: a dimension, indicator or
		// flag id.
		if w.g.Dimension(n.Value) != nil || w.g.Indicator(n.Value) != nil || w.g.Flag(n.Value) != nil {
			return n.Value, true
		}
		return "", false
	case *ast.UnaryNode:
		if n.Operator != "!" && n.Operator != "not" {
			return "", false
		}
		s, ok := w.node(n.Node)
		if !ok {
			return "", false
		}
		if isLogic(n.Node) {
			s = "(" + s + ")"
		}
		return w.l.T("preview.cond.not", map[string]any{"X": s}), true
	case *ast.BinaryNode:
		return w.binary(n)
	}
	return "", false
}

func isLogic(n ast.Node) bool {
	b, ok := n.(*ast.BinaryNode)
	return ok && (b.Operator == "&&" || b.Operator == "||" || b.Operator == "and" || b.Operator == "or")
}

func isOr(n ast.Node) bool {
	b, ok := n.(*ast.BinaryNode)
	return ok && (b.Operator == "||" || b.Operator == "or")
}

func (w *worder) binary(n *ast.BinaryNode) (string, bool) {
	switch n.Operator {
	case "&&", "and":
		// A nil guard (`age != nil && age < 18`) says how the file avoids a run-time error,
		// not what the condition means: leave it out.
		if id, ok := nilGuard(n.Left); ok && mentions(n.Right, id) {
			return w.node(n.Right)
		}
		return w.join(n, "preview.cond.and")
	case "||", "or":
		return w.join(n, "preview.cond.or")
	case "==", "!=":
		return w.equality(n)
	case "in", "not in":
		return w.in(n)
	case "<", "<=", ">", ">=":
		return w.compare(n)
	}
	return "", false
}

func (w *worder) join(n *ast.BinaryNode, id string) (string, bool) {
	a, ok1 := w.node(n.Left)
	b, ok2 := w.node(n.Right)
	if !ok1 || !ok2 {
		return "", false
	}
	// Words have no precedence a reader can rely on: parenthesize every "and" inside an "or"
	// and every "or" inside an "and".
	if isLogic(n.Left) && isOr(n.Left) != isOr(n) {
		a = "(" + a + ")"
	}
	if isLogic(n.Right) && isOr(n.Right) != isOr(n) {
		b = "(" + b + ")"
	}
	return w.l.T(id, map[string]any{"A": a, "B": b}), true
}

// nilGuard reports whether n is `id != nil`.
func nilGuard(n ast.Node) (string, bool) {
	b, ok := n.(*ast.BinaryNode)
	if !ok || b.Operator != "!=" {
		return "", false
	}
	id, ok := b.Left.(*ast.IdentifierNode)
	if _, isNil := b.Right.(*ast.NilNode); !ok || !isNil {
		return "", false
	}
	return id.Value, true
}

func mentions(n ast.Node, id string) bool {
	found := false
	ast.Find(n, func(x ast.Node) bool {
		if i, ok := x.(*ast.IdentifierNode); ok && i.Value == id {
			found = true
		}
		return found
	})
	return found
}

// equality renders `q == "value"`, `q != "value"` and `q == nil`.
func (w *worder) equality(n *ast.BinaryNode) (string, bool) {
	id, val := n.Left, n.Right
	if _, ok := id.(*ast.IdentifierNode); !ok {
		id, val = val, id
	}
	ident, ok := id.(*ast.IdentifierNode)
	if !ok {
		return "", false
	}
	if _, isNil := val.(*ast.NilNode); isNil {
		if n.Operator == "==" {
			return w.l.T("preview.cond.not_answered", map[string]any{"ID": ident.Value}), true
		}
		return w.l.T("preview.cond.answered", map[string]any{"ID": ident.Value}), true
	}
	s, ok := val.(*ast.StringNode)
	if !ok {
		return "", false
	}
	if s.Value == "" {
		if n.Operator == "==" {
			return w.l.T("preview.cond.not_asked", map[string]any{"ID": ident.Value}), true
		}
		return w.l.T("preview.cond.asked", map[string]any{"ID": ident.Value}), true
	}
	op := "="
	if n.Operator == "!=" {
		op = "≠"
	}
	return ident.Value + " " + op + " " + w.value(ident.Value, s.Value), true
}

// in renders `"x" in q` (a multi question includes x) and `q in ["a", "b"]`.
func (w *worder) in(n *ast.BinaryNode) (string, bool) {
	neg := n.Operator == "not in"
	if s, ok := n.Left.(*ast.StringNode); ok {
		ident, ok := n.Right.(*ast.IdentifierNode)
		if !ok {
			return "", false
		}
		id := "preview.cond.includes"
		if neg {
			id = "preview.cond.excludes"
		}
		return w.l.T(id, map[string]any{"ID": ident.Value, "Value": w.value(ident.Value, s.Value)}), true
	}
	ident, ok := n.Left.(*ast.IdentifierNode)
	arr, ok2 := n.Right.(*ast.ArrayNode)
	if !ok || !ok2 || len(arr.Nodes) == 0 {
		return "", false
	}
	vals := make([]string, 0, len(arr.Nodes))
	for _, e := range arr.Nodes {
		s, ok := e.(*ast.StringNode)
		if !ok {
			return "", false
		}
		vals = append(vals, w.value(ident.Value, s.Value))
	}
	id := "preview.cond.one_of"
	if neg {
		id = "preview.cond.none_of"
	}
	return w.l.T(id, map[string]any{"ID": ident.Value, "Values": strings.Join(vals, ", ")}), true
}

// compare renders `age < 18` and `(age ?? 99) < 18`.
func (w *worder) compare(n *ast.BinaryNode) (string, bool) {
	left, ok := w.operand(n.Left)
	if !ok {
		return "", false
	}
	right, ok := w.operand(n.Right)
	if !ok {
		return "", false
	}
	op := map[string]string{"<": "<", "<=": "≤", ">": ">", ">=": "≥"}[n.Operator]
	return left + " " + op + " " + right, true
}

func (w *worder) operand(n ast.Node) (string, bool) {
	switch n := n.(type) {
	case *ast.IdentifierNode:
		return n.Value, true
	case *ast.IntegerNode:
		return strconv.Itoa(n.Value), true
	case *ast.FloatNode:
		return strconv.FormatFloat(n.Value, 'f', -1, 64), true
	case *ast.BinaryNode:
		if n.Operator != "??" {
			return "", false
		}
		id, ok := n.Left.(*ast.IdentifierNode)
		if !ok {
			return "", false
		}
		def, ok := w.operand(n.Right)
		if !ok {
			return "", false
		}
		return w.l.T("preview.cond.or_default", map[string]any{"ID": id.Value, "Default": def}), true
	}
	return "", false
}

// value renders an answer value compared with question id: the choice's text, Yes/No for a
// yesno question, the special answers in words, else the value itself.
func (w *worder) value(id, v string) string {
	switch v {
	case guidelines.Unknown:
		return w.l.T("preview.answer.unknown", nil)
	case guidelines.Declined:
		return w.l.T("preview.answer.declined", nil)
	}
	q := w.g.Question(id)
	if q == nil {
		return v
	}
	switch q.Type {
	case guidelines.TypeYesNo:
		switch v {
		case "yes":
			return w.l.T("preview.answer.yes", nil)
		case "no":
			return w.l.T("preview.answer.no", nil)
		}
	case guidelines.TypeChoice, guidelines.TypeMulti:
		if c := q.Choice(v); c != nil {
			return w.l.T("preview.quote", map[string]any{"X": c.Text.In(w.lang)})
		}
	}
	return w.l.T("preview.quote", map[string]any{"X": v})
}
