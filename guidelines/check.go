package guidelines

import (
	"errors"
	"maps"
	"slices"
	"strings"
	"sync"

	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/builtin"
	"github.com/expr-lang/expr/file"
	"github.com/expr-lang/expr/parser"
	"go.yaml.in/yaml/v3"
)

// reserved returns the words an id may not be: expr's keywords and built-in functions (taken
// from expr itself, so an upgrade cannot leave a gap) and the names the scoring puts in
// scope. Built on first use: only loading a YAML file needs it.
var reserved = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for _, w := range []string{
		"in", "not", "and", "or", "nil", "true", "false", "let", "if", "else",
		"matches", "contains", "startsWith", "endsWith",
		NameProfile, NameOutcome, NameStrong, NameMedium, NameWeak,
	} {
		m[w] = true
	}
	for _, f := range builtin.Builtins {
		m[f.Name] = true
	}
	return m
})

// condUse is a condition found during the walk, with what is needed to check it once the
// whole file is known.
type condUse struct {
	c    *Condition
	path string
	// limit: questions with Index >= limit come too late to be named (-1: no limit).
	limit int
	self  string // the question the condition belongs to
}

// cond reads a condition; it is compiled in check, when every question's type is known.
func (l *loader) cond(n *yaml.Node, path string, scope Scope, limit int, self string) *Condition {
	s, ok := l.scalar(n, path)
	if !ok {
		return nil
	}
	if strings.TrimSpace(s) == "" {
		l.errAt(n, "empty_value", kv("Field", path))
		return nil
	}
	c := &Condition{
		Src:    s,
		Pos:    posOf(n),
		Quoted: n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0,
		Block:  n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0,
		Scope:  scope,
	}
	l.conds = append(l.conds, &condUse{c: c, path: path, limit: limit, self: self})
	return c
}

// check runs the checks that need the whole file: the id namespace, references between
// parts, and every condition.
func (l *loader) check() {
	g := l.g
	if len(g.byID) == 0 {
		g.byID = make(map[string]any, len(l.idOrder)) // grown an id at a time, twice the size
	}
	for _, id := range l.idOrder {
		uses := l.ids[id]
		g.byID[id] = uses[0].item
		dupAll(l, id, uses)
	}
	for _, id := range l.profOrd {
		dupAll(l, id, l.profIDs[id])
	}
	for _, r := range l.refers {
		if _, ok := lookup[*Referral](l, r.id); !ok {
			refs := idsOf[*Referral](l)
			l.errAt(r.node, "unknown_referral", kv("ID", r.id, "Suggestion", suggest(r.id, refs), "Expected", strings.Join(refs, ", ")))
		}
	}
	envs := scopeEnvs{g: g}
	for _, cu := range l.conds {
		l.compile(cu, envs.get(cu.c.Scope))
	}
	l.checkSensitive()
}

// checkSensitive warns when questions are marked sensitive but no privacy block says when
// their answers may be shared: they then never leave the tool, which may be meant, but an
// author who wrote `sensitive: true` expecting a consent question to govern it should know.
// Once, at the first such question.
func (l *loader) checkSensitive() {
	if l.g.Privacy.ShareIdentityWhen != nil {
		return
	}
	for _, q := range l.g.Questions {
		if q.Sensitive {
			l.add(SevWarning, "sensitive_without_privacy", q.Pos, kv("ID", q.ID))
			return
		}
	}
}

// complete runs the steps that make a read and compiled guideline ready to use: default
// evidence, boxed answer values, the not-asked environment. g.byID must be filled and
// every condition compiled (the default evidence is the questions When names).
func (g *Guideline) complete() {
	for _, x := range g.Indicators {
		if x.Evidence == nil && x.When != nil {
			for _, name := range x.When.Names {
				if g.Question(name) != nil {
					x.Evidence = append(x.Evidence, name)
				}
			}
		}
		x.evidenceQs = nil
		for _, id := range x.Evidence {
			if q := g.Question(id); q != nil {
				x.evidenceQs = append(x.evidenceQs, q)
			}
		}
	}
	for _, q := range g.Questions {
		q.boxValues()
	}
	g.baseEnv = nil
	g.baseEnv = g.notAskedEnv()
}

// dupAll reports an id used more than once, at every place it is used.
func dupAll(l *loader, id string, uses []idUse) {
	if len(uses) < 2 {
		return
	}
	for i, u := range uses {
		other := uses[0].pos
		if i == 0 {
			other = uses[1].pos
		}
		l.add(SevError, "duplicate_id", u.pos, kv("ID", id, "Line", other.Line))
	}
}

// scopeEnv is the compile environment of one scope, built once per file: expr builds the
// type information of a map environment by walking the whole map, and building it per
// condition made loading quadratic in the number of questions.
type scopeEnv struct {
	// env is the sample environment; an extended scope builds it only when a finding
	// lists its names (see names).
	env   map[string]any
	g     *Guideline
	scope Scope
	cc    *condCompiler
}

func newScopeEnv(g *Guideline, scope Scope) *scopeEnv {
	env := g.compileEnv(scope)
	return &scopeEnv{env: env, g: g, scope: scope, cc: newCondCompiler(env)}
}

// names lists every name in scope, sorted: the candidates for a "did you mean".
func (se *scopeEnv) names() []string {
	if se.env == nil {
		se.env = se.g.compileEnv(se.scope)
	}
	return slices.Sorted(maps.Keys(se.env))
}

// scopeEnvs builds each scope's environment on first use (most files use three or four),
// the later scopes by extending the answers' one.
type scopeEnvs struct {
	g *Guideline
	m map[Scope]*scopeEnv
}

func (e *scopeEnvs) get(scope Scope) *scopeEnv {
	se := e.m[scope]
	if se == nil {
		if e.m == nil {
			e.m = map[Scope]*scopeEnv{}
		}
		if scope == ScopeAnswers {
			se = newScopeEnv(e.g, scope)
		} else {
			se = e.get(ScopeAnswers).extend(e.g, scope)
		}
		e.m[scope] = se
	}
	return se
}

// compileCond compiles c and records the names it uses.
func (se *scopeEnv) compileCond(c *Condition, inspect func(ast.Node)) error {
	prog, err := se.cc.compile(c.Src, inspect)
	if err != nil {
		return err
	}
	c.prog = prog
	c.Names = identifiers(prog.Node())
	return nil
}

func (l *loader) compile(cu *condUse, se *scopeEnv) {
	c := cu.c
	inspect := func(tree ast.Node) {
		if strings.ContainsAny(c.Src, "\"'`") {
			l.checkValues(cu, tree)
		}
		if strings.Contains(c.Src, "??") {
			l.checkCoalesce(cu, tree)
		}
		l.checkNil(cu, tree)
		l.checkSlips(cu, tree)
	}
	if err := se.compileCond(c, inspect); err != nil {
		if l.namesUntyped(c.Src) {
			// The type check needs every named question's type; the missing or unknown
			// type is reported where it is written, and a guess here would only mislead.
			return
		}
		if l.slipsOnFailure(cu) {
			return
		}
		l.exprError(cu, se, err)
		return
	}
	l.checkNames(cu)
}

// checkCoalesce reports "q ?? x" on a question that is not a number. expr types the result
// of ?? loosely, so `(name ?? 0) > 3` on a text question compiles, then fails at run time
// as soon as the question has an answer: only number answers are ever nil.
func (l *loader) checkCoalesce(cu *condUse, tree ast.Node) {
	walk(tree, func(n ast.Node) {
		b, ok := n.(*ast.BinaryNode)
		if !ok || b.Operator != "??" {
			return
		}
		id, ok := b.Left.(*ast.IdentifierNode)
		if !ok {
			return
		}
		q, ok := lookup[*Question](l, id.Value)
		if !ok || q.Type == TypeNumber || !knownType(q.Type) {
			return
		}
		p, exact := l.srcPos(cu.c, id.Location().From)
		snippet := ""
		if !exact {
			snippet = "\n | " + cu.c.Src
		}
		l.add(SevError, "coalesce_not_number", p, kv("Name", id.Value, "Type", string(q.Type), "Snippet", snippet))
	})
}

func (l *loader) exprError(cu *condUse, se *scopeEnv, err error) {
	c := cu.c
	var fe *file.Error
	if !errors.As(err, &fe) {
		msg := err.Error()
		if got, ok := strings.CutPrefix(msg, "expected bool, but got "); ok {
			l.add(SevError, "expr_not_bool", c.Pos, kv("Field", cu.path, "Got", typeWord(got)))
			return
		}
		l.add(SevError, "expr_compile", c.Pos, kv("Field", cu.path, "Error", exprReason(msg), "Snippet", ""))
		return
	}
	p, exact := l.srcPos(c, fe.From)
	snippet := ""
	if !exact {
		snippet = fe.Snippet
	}
	if name, ok := strings.CutPrefix(fe.Message, "unknown name "); ok {
		if item, known := l.g.byID[name]; known {
			l.add(SevError, "out_of_scope", p, kv("Name", name, "Kind", kindOf(item), "Field", cu.path, "Snippet", snippet))
			return
		}
		switch name {
		case NameProfile, NameOutcome, NameStrong, NameMedium, NameWeak:
			l.add(SevError, "out_of_scope", p, kv("Name", name, "Kind", "scoring", "Field", cu.path, "Snippet", snippet))
			return
		}
		if l.incomplete {
			return // the name may belong to a part of the file that could not be read
		}
		l.add(SevError, "unknown_name", p, kv("Name", name, "Suggestion", suggest(name, se.names()), "Field", cu.path, "Snippet", snippet))
		return
	}
	if got, ok := strings.CutPrefix(fe.Message, "expected bool, but got "); ok {
		l.add(SevError, "expr_not_bool", p, kv("Field", cu.path, "Got", typeWord(got)))
		return
	}
	l.add(SevError, "expr_compile", p, kv("Field", cu.path, "Error", exprReason(fe.Message), "Snippet", snippet))
}

// knownType reports whether t is one of the format's question types (not missing, not a typo).
func knownType(t QuestionType) bool { return slices.Contains(QuestionTypes, t) }

// namesUntyped reports whether src parses and names a question whose type is missing or
// unknown: its checks cannot be trusted then, since the question was typed as text.
func (l *loader) namesUntyped(src string) bool {
	tree, err := parser.Parse(src)
	if err != nil {
		return false // a syntax error does not depend on types
	}
	untyped := false
	walk(tree.Node, func(n ast.Node) {
		if id, ok := n.(*ast.IdentifierNode); ok {
			if q, ok := lookup[*Question](l, id.Value); ok && !knownType(q.Type) {
				untyped = true
			}
		}
	})
	return untyped
}

// kindOf names the kind of item an id belongs to, for messages (a format keyword).
func kindOf(item any) string {
	switch item.(type) {
	case *Section:
		return "section"
	case *Question:
		return "question"
	case *Dimension:
		return "dimension"
	case *Indicator:
		return "indicator"
	case *Outcome:
		return "outcome"
	case *Flag:
		return "flag"
	case *Referral:
		return "referral"
	}
	return "id"
}

// checkNames reports a condition that names a question asked later (or itself): the next
// question must always be decidable from the answers already given.
func (l *loader) checkNames(cu *condUse) {
	if cu.limit < 0 {
		return
	}
	var tree ast.Node
	for _, name := range cu.c.Names {
		q, ok := lookup[*Question](l, name)
		if !ok || q.Index < cu.limit {
			continue
		}
		if tree == nil {
			t, err := parser.Parse(cu.c.Src)
			if err != nil {
				return
			}
			tree = t.Node
		}
		p, _ := l.srcPos(cu.c, firstIdent(tree, name))
		if name == cu.self {
			l.add(SevError, "self_reference", p, kv("Name", name, "Field", cu.path))
		} else {
			l.add(SevError, "later_question", p, kv("Name", name, "Field", cu.path))
		}
	}
}

// firstIdent returns the rune offset of name's first use in tree.
func firstIdent(tree ast.Node, name string) int {
	at := -1
	walk(tree, func(n ast.Node) {
		if id, ok := n.(*ast.IdentifierNode); ok && id.Value == name && at < 0 {
			at = id.Location().From
		}
	})
	return max(at, 0)
}

type funcVisitor func(ast.Node)

func (f funcVisitor) Visit(n *ast.Node) { f(*n) }

func walk(tree ast.Node, f func(ast.Node)) { ast.Walk(&tree, funcVisitor(f)) }

// checkValues reports a string compared with a yesno/choice/multi question (or with profile
// or outcome) that the question can never hold: a typo in a choice id must be an error, not
// a condition that is silently never true. It reads the unoptimized tree, because expr's
// optimizer folds `q in ["a", "b"]` into a constant set without positions.
func (l *loader) checkValues(cu *condUse, tree ast.Node) {
	walk(tree, func(n ast.Node) {
		b, ok := n.(*ast.BinaryNode)
		if !ok {
			return
		}
		switch b.Operator {
		case "==", "!=":
			if id, ok := b.Left.(*ast.IdentifierNode); ok {
				if s, ok := b.Right.(*ast.StringNode); ok {
					l.checkValue(cu, id.Value, s, false)
				}
			}
			if id, ok := b.Right.(*ast.IdentifierNode); ok {
				if s, ok := b.Left.(*ast.StringNode); ok {
					l.checkValue(cu, id.Value, s, false)
				}
			}
		case "in":
			if id, ok := b.Right.(*ast.IdentifierNode); ok {
				if s, ok := b.Left.(*ast.StringNode); ok {
					l.checkValue(cu, id.Value, s, true)
				}
			}
			if id, ok := b.Left.(*ast.IdentifierNode); ok {
				if arr, ok := b.Right.(*ast.ArrayNode); ok {
					for _, e := range arr.Nodes {
						if s, ok := e.(*ast.StringNode); ok {
							l.checkValue(cu, id.Value, s, false)
						}
					}
				}
			}
		}
	})
}

// checkValue checks one string against the values name can hold. member is true for
// `"x" in name`, where name must be a multi question.
func (l *loader) checkValue(cu *condUse, name string, s *ast.StringNode, member bool) {
	var allowed []string
	switch {
	case name == NameProfile && cu.c.Scope >= ScopeFlag:
		allowed = append([]string{""}, l.profOrd...)
	case name == NameOutcome && cu.c.Scope >= ScopeReferral:
		allowed = idsOf[*Outcome](l)
	default:
		q, ok := lookup[*Question](l, name)
		if !ok {
			return
		}
		switch {
		case q.Type == TypeYesNo && !member:
			allowed = []string{"yes", "no", Unknown, Declined, ""}
		case q.Type == TypeChoice && !member:
			allowed = []string{Unknown, Declined, ""}
		case q.Type == TypeMulti && member:
			allowed = []string{Unknown, Declined}
		default:
			return
		}
		for _, c := range q.Choices {
			allowed = append(allowed, c.ID)
		}
	}
	if contains(allowed, s.Value) {
		return
	}
	p, exact := l.srcPos(cu.c, s.Location().From)
	snippet := ""
	if !exact {
		snippet = "\n | " + cu.c.Src
	}
	var shown []string
	for _, a := range allowed {
		if a != "" {
			shown = append(shown, `"`+a+`"`)
		}
	}
	l.add(SevError, "unknown_value", p, kv("Name", name, "Value", s.Value,
		"Suggestion", suggest(s.Value, allowed), "Expected", strings.Join(shown, ", "), "Snippet", snippet))
}

// srcPos maps a rune offset in c's source to a position in the file, reading the raw lines
// in parallel with the scalar's value (through quotes, escapes, folding and block
// indentation). When the two cannot be matched it returns the scalar's own position and false,
// and the caller adds expr's snippet instead.
func (l *loader) srcPos(c *Condition, off int) (Pos, bool) { return condPos(l.fileLines(), c, off) }

// condPos is srcPos on a file's lines (as splitLines splits them).
func condPos(lines []string, c *Condition, off int) (Pos, bool) {
	src := []rune(c.Src)
	off = min(max(off, 0), len(src))
	line := c.Pos.Line - 1
	if line < 0 || line >= len(lines) {
		return c.Pos, false
	}
	raw := []rune(lines[line])
	col := c.Pos.Col - 1
	if col < 0 || col >= len(raw) {
		return c.Pos, false
	}
	var quote rune
	indent := -1
	switch {
	case c.Block:
		for _, r := range raw[col+1:] {
			if r >= '0' && r <= '9' { // explicit indentation indicator: rare, not mapped
				return c.Pos, false
			}
			if r == '#' {
				break
			}
		}
		for k := line + 1; k < len(lines); k++ {
			if t := strings.TrimLeft(lines[k], " "); t != "" {
				indent = len(lines[k]) - len(t)
				break
			}
		}
		if indent < 0 {
			return c.Pos, false
		}
		line++
		raw = []rune(lines[line])
		col = min(indent, len(raw))
	case c.Quoted:
		quote = raw[col]
		col++
	}
	for i := 0; i < off; {
		if col >= len(raw) {
			if src[i] != ' ' && src[i] != '\n' {
				return c.Pos, false
			}
			i++
			line++
			if line >= len(lines) {
				return c.Pos, false
			}
			raw = []rune(lines[line])
			col = 0
			if indent >= 0 {
				col = min(indent, len(raw))
			} else {
				for col < len(raw) && (raw[col] == ' ' || raw[col] == '\t') {
					col++
				}
			}
			continue
		}
		r := raw[col]
		switch {
		case quote == '"' && r == '\\':
			if col+1 >= len(raw) {
				return c.Pos, false
			}
			switch raw[col+1] {
			case 'x':
				col += 4
			case 'u':
				col += 6
			case 'U':
				col += 10
			default:
				col += 2
			}
			i++
		case quote == '\'' && r == '\'' && col+1 < len(raw) && raw[col+1] == '\'':
			col += 2
			i++
		case r == src[i]:
			col++
			i++
		case (r == ' ' || r == '\t') && strings.TrimSpace(string(raw[col:])) == "":
			col = len(raw) // trailing spaces before a folded line break
		default:
			return c.Pos, false
		}
	}
	return Pos{Line: line + 1, Col: col + 1}, true
}
