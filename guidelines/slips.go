package guidelines

import (
	"strconv"
	"strings"

	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/parser"
)

// The common slips of an author new to the condition language, each said with its fix: a
// single "=" where "==" compares, "==" on a multi question (whose answer is a list), and a
// number question compared with a text. The type check refuses some of these with a
// message about types, and lets others through (`(age ?? 0) == "18"` is never true, and
// `(age ?? 0) > "18"` fails while it runs); these findings replace both.

// checkSingleEquals reports a lone "=" in src (outside quotes), which expr refuses as an
// unexpected token, with the condition as it should read. It reports at most one finding
// and says whether it did.
func (l *loader) checkSingleEquals(cu *condUse) bool {
	src := []rune(cu.c.Src)
	var quote rune
	escaped := false
	for i, r := range src {
		switch {
		case escaped:
			escaped = false
		case quote != 0:
			if r == '\\' && quote != '`' {
				escaped = true
			} else if r == quote {
				quote = 0
			}
		case r == '"' || r == '\'' || r == '`':
			quote = r
		case r == '=':
			prev, next := rune(0), rune(0)
			if i > 0 {
				prev = src[i-1]
			}
			if i+1 < len(src) {
				next = src[i+1]
			}
			if next == '=' || next == '~' || strings.ContainsRune("=!<>", prev) {
				continue
			}
			fixed := string(src[:i]) + "==" + string(src[i+1:])
			p, _ := l.srcPos(cu.c, i)
			l.add(SevError, "single_equals", p, kv("Field", cu.path, "Fixed", fixed))
			return true
		}
	}
	return false
}

// checkSlips reports, in tree, comparisons of a multi question with a text and of a number
// question with a text. It says whether it reported anything.
func (l *loader) checkSlips(cu *condUse, tree ast.Node) bool {
	found := false
	walk(tree, func(n ast.Node) {
		b, ok := n.(*ast.BinaryNode)
		if !ok {
			return
		}
		switch b.Operator {
		case "==", "!=", "<", ">", "<=", ">=":
		default:
			return
		}
		for _, side := range [][2]ast.Node{{b.Left, b.Right}, {b.Right, b.Left}} {
			s, ok := side[1].(*ast.StringNode)
			if !ok {
				continue
			}
			name, kind := l.operandKind(side[0])
			if name == "" {
				continue
			}
			at := side[0].Location().From
			switch {
			case kind == TypeMulti && (b.Operator == "==" || b.Operator == "!="):
				fix := strconv.Quote(s.Value) + " in " + name
				if b.Operator == "!=" {
					fix = "not (" + fix + ")"
				}
				l.slip(cu, at, "multi_equals", kv("Name", name, "Value", s.Value, "Fix", fix))
				found = true
			case kind == TypeNumber:
				lhs := name
				if _, bare := side[0].(*ast.IdentifierNode); !bare {
					lhs = "(" + name + " ?? 0)"
				}
				fix := lhs + " " + b.Operator + " 0"
				if f, err := strconv.ParseFloat(strings.TrimSpace(s.Value), 64); err == nil {
					fix = lhs + " " + b.Operator + " " + strconv.FormatFloat(f, 'f', -1, 64)
				}
				l.slip(cu, s.Location().From, "number_vs_text", kv("Name", name, "Value", s.Value, "Fix", fix))
				found = true
			}
		}
	})
	return found
}

// operandKind names the question an operand reads and its type: a question's id, or a
// number question behind `??` (`(age ?? 0)`), whose static type expr leaves open.
func (l *loader) operandKind(n ast.Node) (string, QuestionType) {
	if b, ok := n.(*ast.BinaryNode); ok && b.Operator == "??" {
		n = b.Left
	}
	id, ok := n.(*ast.IdentifierNode)
	if !ok {
		return "", ""
	}
	q, ok := lookup[*Question](l, id.Value)
	if !ok || (q.Type != TypeMulti && q.Type != TypeNumber) {
		return "", ""
	}
	return id.Value, q.Type
}

// slip adds one finding at the rune offset at of cu's condition.
func (l *loader) slip(cu *condUse, at int, code string, args map[string]any) {
	p, exact := l.srcPos(cu.c, at)
	snippet := ""
	if !exact {
		snippet = "\n | " + cu.c.Src
	}
	args["Field"], args["Snippet"] = cu.path, snippet
	l.add(SevError, code, p, args)
}

// slipsOnFailure looks for a slip in a condition the type check refused, so the finding
// says the fix instead of the types. It says whether it reported one.
func (l *loader) slipsOnFailure(cu *condUse) bool {
	tree, err := parser.Parse(cu.c.Src)
	if err != nil {
		return strings.Contains(cu.c.Src, "=") && l.checkSingleEquals(cu)
	}
	return l.checkSlips(cu, tree.Node)
}
