package guidelines

import (
	"github.com/expr-lang/expr/ast"
)

// checkNil reports, once per name, a number question that cu's condition uses where no
// value would stop it (see unguardedNil).
func (l *loader) checkNil(cu *condUse, tree ast.Node) {
	reported := map[string]bool{}
	for _, id := range unguardedNil(tree, func(name string) bool {
		q, ok := lookup[*Question](l, name)
		return ok && q.Type == TypeNumber
	}) {
		if reported[id.Value] {
			continue
		}
		reported[id.Value] = true
		p, exact := l.srcPos(cu.c, id.Location().From)
		snippet := ""
		if !exact {
			snippet = "\n | " + cu.c.Src
		}
		l.add(SevError, "maybe_nil", p, kv("Name", id.Value, "Field", cu.path, "Snippet", snippet))
	}
}

// unguardedNil returns the uses in tree of names that may be nil (number questions, by
// isNumber) where nil would make the condition fail. A number answer is nil whenever the
// question was not asked (its section or its own `when` did not hold) or the person said
// "don't know" or "prefer not to answer"; every other type has a value then ("" for yes/no,
// choice, text and date, [] for multi). expr compares nil with == and != and looks it up
// with `in`, but `nil >= 500`, `nil + 1`, `-nil` and `abs(nil)` fail while the interview
// runs, so the only uses accepted without a guard are an operand of == or != and the left
// of ?? or of `in`. Anywhere else the name must be guarded: `q != nil` to the left of &&,
// `q == nil` to the left of ||, or the test of a ?: or `if`, which the VM evaluates first
// and short-circuits on.
//
// Everything not shown safe is refused, so the check stays sound for constructs it does not
// know (a `let`, an array, a closure): the fix it asks for is always possible.
func unguardedNil(tree ast.Node, isNumber func(string) bool) []*ast.IdentifierNode {
	var nullable []*ast.IdentifierNode
	walk(tree, func(n ast.Node) {
		if id, ok := n.(*ast.IdentifierNode); ok && isNumber(id.Value) {
			nullable = append(nullable, id)
		}
	})
	if len(nullable) == 0 {
		return nil
	}
	safe := map[*ast.IdentifierNode]bool{}
	markDirect := func(n ast.Node) {
		if id, ok := n.(*ast.IdentifierNode); ok {
			safe[id] = true
		}
	}
	guard := func(sub ast.Node, names map[string]bool) {
		if len(names) == 0 {
			return
		}
		walk(sub, func(n ast.Node) {
			if id, ok := n.(*ast.IdentifierNode); ok && names[id.Value] {
				safe[id] = true
			}
		})
	}
	walk(tree, func(n ast.Node) {
		switch n := n.(type) {
		case *ast.BinaryNode:
			switch n.Operator {
			case "==", "!=":
				markDirect(n.Left)
				markDirect(n.Right)
			case "??", "in":
				markDirect(n.Left)
			case "&&", "and":
				guard(n.Right, nilTests(n.Left, "!=", "&&", "and"))
			case "||", "or":
				guard(n.Right, nilTests(n.Left, "==", "||", "or"))
			}
		case *ast.ConditionalNode:
			guard(n.Exp1, nilTests(n.Cond, "!=", "&&", "and"))
			guard(n.Exp2, nilTests(n.Cond, "==", "||", "or"))
		}
	})
	var out []*ast.IdentifierNode
	for _, id := range nullable {
		if !safe[id] {
			out = append(out, id)
		}
	}
	return out
}

// nilTests returns the names n tests against nil with op (`q != nil` or `nil != q`), looking
// through the operators in join: when n holds, each of them is known to be (or, for "==",
// not to be) nil. `a != nil && b != nil` gives both a and b; `a != nil || b != nil` gives
// neither, since either side alone may have made it true.
func nilTests(n ast.Node, op string, join ...string) map[string]bool {
	out := map[string]bool{}
	var visit func(ast.Node)
	visit = func(n ast.Node) {
		b, ok := n.(*ast.BinaryNode)
		if !ok {
			return
		}
		for _, j := range join {
			if b.Operator == j {
				visit(b.Left)
				visit(b.Right)
				return
			}
		}
		if b.Operator != op {
			return
		}
		if id, ok := b.Left.(*ast.IdentifierNode); ok {
			if _, isNil := b.Right.(*ast.NilNode); isNil {
				out[id.Value] = true
			}
		}
		if id, ok := b.Right.(*ast.IdentifierNode); ok {
			if _, isNil := b.Left.(*ast.NilNode); isNil {
				out[id.Value] = true
			}
		}
	}
	visit(n)
	return out
}
