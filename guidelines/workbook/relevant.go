package workbook

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

// An XLSForm's relevant column is written in XPath: ${q} = 'x', selected(${q}, 'x'), and,
// or, not(), comparisons, count-selected(). translateRelevant rewrites the common forms as an
// earlyid condition; anything else is an error naming what was not understood, so the import
// says which condition it could not carry instead of guessing.

// maxRelevant bounds an expression: a condition is a line, and the parser recurses.
const maxRelevant = 4000

// relevantNames renames what an XLSForm expression names: question names to earlyid ids, and
// per question its choice names.
type relevantNames struct {
	ids     map[string]string
	choices map[string]map[string]string // earlyid question id → XLSForm choice → earlyid choice
	types   map[string]string            // earlyid question id → its earlyid type
}

type tok struct {
	kind string // "num", "str", "ref", "name", "op", "(", ")", ","
	val  string
}

func lexRelevant(s string) ([]tok, error) {
	var out []tok
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case c == '$':
			end := strings.IndexByte(s[i:], '}')
			if !strings.HasPrefix(s[i:], "${") || end < 0 {
				return nil, errors.New("a ${ without its }")
			}
			out = append(out, tok{"ref", strings.TrimSpace(s[i+2 : i+end])})
			i += end + 1
		case c == '\'' || c == '"':
			end := strings.IndexByte(s[i+1:], c)
			if end < 0 {
				return nil, errors.New("a text without its closing quote")
			}
			out = append(out, tok{"str", s[i+1 : i+1+end]})
			i += end + 2
		case c >= '0' && c <= '9' || c == '.' && i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9':
			j := i
			for j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == '.') {
				j++
			}
			if _, err := strconv.ParseFloat(s[i:j], 64); err != nil {
				return nil, fmt.Errorf("%q is not a number", s[i:j])
			}
			// A whole number must fit the conditions' integers (64 bits), or expr refuses it.
			if !strings.Contains(s[i:j], ".") {
				if _, err := strconv.ParseInt(s[i:j], 10, 64); err != nil {
					return nil, fmt.Errorf("%q is too large a number", s[i:j])
				}
			}
			out = append(out, tok{"num", s[i:j]})
			i = j
		case c == '(' || c == ')' || c == ',':
			out = append(out, tok{string(c), string(c)})
			i++
		case strings.ContainsRune("=!<>+-*", rune(c)):
			op := string(c)
			if i+1 < len(s) && s[i+1] == '=' && c != '=' && c != '+' && c != '-' && c != '*' {
				op += "="
			}
			if op == "!" {
				return nil, errors.New("! without =")
			}
			out = append(out, tok{"op", op})
			i += len(op)
		case unicode.IsLetter(rune(c)):
			j := i
			for j < len(s) && (unicode.IsLetter(rune(s[j])) || s[j] == '-' || s[j] == '_' || s[j] >= '0' && s[j] <= '9') {
				j++
			}
			out = append(out, tok{"name", s[i:j]})
			i = j
		default:
			return nil, fmt.Errorf("%q is not understood", string(c))
		}
	}
	return out, nil
}

// Precedences of the earlyid output, loosest first.
const (
	precOr = iota + 1
	precAnd
	precCmp
	precAdd
	precMul
	precUnary
	precAtom
)

type rparser struct {
	toks  []tok
	pos   int
	names relevantNames
	depth int
}

// expr is a translated sub-expression: its text, its precedence, and the question it is
// when it is one (to translate the choice it is compared with).
type rexpr struct {
	s    string
	prec int
	q    string
	str  bool // a string literal, kept unquoted in lit
	lit  string
}

func translateRelevant(src string, names relevantNames) (string, error) {
	if len(src) > maxRelevant {
		return "", errors.New("the condition is too long")
	}
	toks, err := lexRelevant(src)
	if err != nil {
		return "", err
	}
	p := &rparser{toks: toks, names: names}
	e, err := p.or()
	if err != nil {
		return "", err
	}
	if p.pos < len(p.toks) {
		return "", fmt.Errorf("%q is not understood here", p.toks[p.pos].val)
	}
	return e.s, nil
}

func (p *rparser) peek() tok {
	if p.pos < len(p.toks) {
		return p.toks[p.pos]
	}
	return tok{}
}

func wrap(e rexpr, prec int) string {
	if e.prec < prec {
		return "(" + e.s + ")"
	}
	return e.s
}

func (p *rparser) binary(next func() (rexpr, error), prec int, ops map[string]string) (rexpr, error) {
	l, err := next()
	if err != nil {
		return l, err
	}
	for {
		t := p.peek()
		op, ok := ops[t.val]
		if !ok || t.kind != "op" && t.kind != "name" {
			return l, nil
		}
		p.pos++
		r, err := next()
		if err != nil {
			return r, err
		}
		l = rexpr{s: wrap(l, prec) + " " + op + " " + wrap(r, prec+1), prec: prec}
	}
}

func (p *rparser) or() (rexpr, error) {
	p.depth++
	defer func() { p.depth-- }()
	if p.depth > 50 {
		return rexpr{}, errors.New("the condition is nested too deeply")
	}
	return p.binary(p.and, precOr, map[string]string{"or": "||"})
}

func (p *rparser) and() (rexpr, error) {
	return p.binary(p.cmp, precAnd, map[string]string{"and": "&&"})
}

var cmpOps = map[string]string{"=": "==", "!=": "!=", "<": "<", "<=": "<=", ">": ">", ">=": ">="}

func (p *rparser) cmp() (rexpr, error) {
	l, err := p.add()
	if err != nil {
		return l, err
	}
	t := p.peek()
	op, ok := cmpOps[t.val]
	if !ok || t.kind != "op" {
		return l, nil
	}
	p.pos++
	r, err := p.add()
	if err != nil {
		return r, err
	}
	// A choice compared with its question is the choice's earlyid id.
	if l.q != "" && r.str {
		r = p.choice(l.q, r.lit)
	} else if r.q != "" && l.str {
		l = p.choice(r.q, l.lit)
	}
	out := rexpr{s: wrap(l, precCmp+1) + " " + op + " " + wrap(r, precCmp+1), prec: precCmp}
	// An unanswered number is empty in XLSForm, and every comparison with it is false; in
	// earlyid it is nil, which a comparison must be guarded against.
	for _, q := range []string{l.q, r.q} {
		if q != "" && p.names.types[q] == "number" {
			out = rexpr{s: q + " != nil && " + out.s, prec: precAnd}
			break
		}
	}
	return out, nil
}

func (p *rparser) add() (rexpr, error) {
	return p.binary(p.mul, precAdd, map[string]string{"+": "+", "-": "-"})
}

func (p *rparser) mul() (rexpr, error) {
	return p.binary(p.unary, precMul, map[string]string{"*": "*", "div": "/", "mod": "%"})
}

func (p *rparser) unary() (rexpr, error) {
	if t := p.peek(); t.kind == "op" && t.val == "-" {
		p.pos++
		e, err := p.unary()
		if err != nil {
			return e, err
		}
		return rexpr{s: "-" + wrap(e, precUnary), prec: precUnary}, nil
	}
	return p.primary()
}

// choice is the literal v compared with question q, as the earlyid choice id it became.
func (p *rparser) choice(q, v string) rexpr {
	if id, ok := p.names.choices[q][v]; ok {
		v = id
	}
	return rexpr{s: strconv.Quote(v), prec: precAtom, str: true, lit: v}
}

func (p *rparser) expect(kind string) error {
	if p.peek().kind != kind {
		return fmt.Errorf("%s expected", kind)
	}
	p.pos++
	return nil
}

func (p *rparser) args() ([]rexpr, error) {
	if err := p.expect("("); err != nil {
		return nil, err
	}
	var out []rexpr
	if p.peek().kind == ")" {
		p.pos++
		return out, nil
	}
	for {
		e, err := p.or()
		if err != nil {
			return nil, err
		}
		out = append(out, e)
		switch p.peek().kind {
		case ",":
			p.pos++
		case ")":
			p.pos++
			return out, nil
		default:
			return nil, errors.New(", or ) expected")
		}
	}
}

func (p *rparser) primary() (rexpr, error) {
	t := p.peek()
	p.pos++
	switch t.kind {
	case "num":
		return rexpr{s: t.val, prec: precAtom}, nil
	case "str":
		return rexpr{s: strconv.Quote(t.val), prec: precAtom, str: true, lit: t.val}, nil
	case "ref":
		id, ok := p.names.ids[t.val]
		if !ok {
			return rexpr{}, fmt.Errorf("${%s} is no question of the form", t.val)
		}
		return rexpr{s: id, prec: precAtom, q: id}, nil
	case "(":
		e, err := p.or()
		if err != nil {
			return e, err
		}
		if err := p.expect(")"); err != nil {
			return e, err
		}
		return rexpr{s: wrap(e, precAtom), prec: precAtom, q: e.q}, nil
	case "name":
		args, err := p.args()
		if err != nil {
			return rexpr{}, err
		}
		switch {
		case t.val == "not" && len(args) == 1:
			return rexpr{s: "!" + wrap(args[0], precAtom), prec: precUnary}, nil
		case t.val == "selected" && len(args) == 2 && args[0].q != "" && args[1].str:
			c := p.choice(args[0].q, args[1].lit)
			if p.names.types[args[0].q] != "multi" {
				return rexpr{s: args[0].q + " == " + c.s, prec: precCmp}, nil
			}
			return rexpr{s: c.s + " in " + args[0].q, prec: precCmp}, nil
		case (t.val == "count-selected" || t.val == "string-length") && len(args) == 1 && args[0].q != "":
			return rexpr{s: "len(" + args[0].q + ")", prec: precAtom}, nil
		case t.val == "true" && len(args) == 0:
			return rexpr{s: "true", prec: precAtom}, nil
		case t.val == "false" && len(args) == 0:
			return rexpr{s: "false", prec: precAtom}, nil
		}
		return rexpr{}, fmt.Errorf("the function %s() is not translated", t.val)
	}
	if t.kind == "" {
		return rexpr{}, errors.New("the condition ends too early")
	}
	return rexpr{}, fmt.Errorf("%q is not understood here", t.val)
}
