package guidelines

import (
	"errors"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/checker"
	"github.com/expr-lang/expr/compiler"
	"github.com/expr-lang/expr/conf"
	"github.com/expr-lang/expr/file"
	"github.com/expr-lang/expr/optimizer"
	"github.com/expr-lang/expr/vm"
	"github.com/expr-lang/expr/vm/runtime"

	"github.com/earlyid/earlyid/locales"
)

// Names the scoring puts in scope for outcome and referral conditions.
const (
	NameProfile = "profile"
	NameOutcome = "outcome"
	NameStrong  = "strong"
	NameMedium  = "medium"
	NameWeak    = "weak"
)

// compileEnv returns the sample environment conditions of scope are type-checked against.
// Answers are typed from their question types; the scoring names are typed by what they hold.
func (g *Guideline) compileEnv(scope Scope) map[string]any {
	env := make(map[string]any, len(g.Questions)+len(g.Indicators)+len(g.Flags)+8)
	for _, q := range g.Questions {
		env[q.ID] = q.sampleValue()
	}
	g.addScopeNames(env, scope)
	return env
}

// addScopeNames adds to env the names scope has besides the answers, each typed by what it
// holds. They come after the answers: a name given twice (an error reported elsewhere)
// takes its later meaning.
func (g *Guideline) addScopeNames(env map[string]any, scope Scope) {
	if scope >= ScopeFlag {
		env[NameProfile] = ""
	}
	if scope >= ScopeOutcome {
		for _, d := range g.Dimensions {
			env[d.ID] = false
		}
		for _, in := range g.Indicators {
			env[in.ID] = false
		}
		for _, f := range g.Flags {
			env[f.ID] = false
		}
		env[NameStrong], env[NameMedium], env[NameWeak] = 0, 0, 0
	}
	if scope >= ScopeReferral {
		env[NameOutcome] = ""
	}
}

// exprOptions are the options every condition is compiled with. Clock builtins are disabled so
// that the same answers always give the same result. AsBool alone lets a result of unknown
// type through to be checked when it runs; a number answer can be nil, so `age ?? 1` or
// `(age ?? 0) + 1` have no static type and would fail only during an interview. WarnOnAny
// makes such a condition an error when the file is loaded.
func exprOptions(env map[string]any) []expr.Option {
	return []expr.Option{
		expr.Env(env),
		expr.AsBool(),
		expr.WarnOnAny(),
		expr.DisableBuiltin("now"),
		expr.DisableBuiltin("date"),
		expr.DisableBuiltin("duration"),
		expr.DisableBuiltin("timezone"),
	}
}

// condCompiler compiles the conditions of one scope. expr.Compile builds a fresh
// configuration — the table of builtins and the type cache of the environment — for every
// expression, which was a fifth of loading a guideline; here it is built once, and compile
// runs the same steps as expr.Compile (parse and check, optimize, compile) on it. The
// configuration is only read by those steps.
type condCompiler struct {
	cfg *conf.Config
}

func newCondCompiler(env map[string]any) *condCompiler {
	cfg := conf.CreateNew()
	for _, op := range exprOptions(env) {
		op(cfg)
	}
	for name := range cfg.Disabled {
		delete(cfg.Builtins, name)
	}
	cfg.Check()
	return &condCompiler{cfg: cfg}
}

// compile type-checks and compiles src. The error is expr's own (a *file.Error when it has a
// position); the loader turns it into a Diagnostic.
//
// inspect, when not nil, sees the checked tree before the optimizer folds it (the loader's
// checks of compared values need `q in ["a", "b"]` as written, with positions), so the
// source is parsed once.
func (cc *condCompiler) compile(src string, inspect func(ast.Node)) (*vm.Program, error) {
	tree, err := checker.ParseCheck(src, cc.cfg)
	if err != nil {
		return nil, err
	}
	if inspect != nil {
		inspect(tree.Node)
	}
	ast.Walk(&tree.Node, inVisitor{})
	if cc.cfg.Optimize {
		if err := optimizer.Optimize(&tree.Node, cc.cfg); err != nil {
			var fe *file.Error
			if errors.As(err, &fe) {
				return nil, fe.Bind(tree.Source)
			}
			return nil, err
		}
	}
	return compiler.Compile(tree, cc.cfg)
}

// inVisitor turns every `s in x` whose left side the checker typed as a string into a call
// of a typed `in` of earlyid's own, when x is a multi answer ([]string) or a list of
// strings written out (`q in ["a", "b"]`). expr's own `in` goes through reflection: over a
// slice it copies each element into a new allocation to compare it, which was three in five
// of all the allocations of scoring a set of answers on the default guideline
// (`"work" in offer_type` and the like run for every interview); for a written list,
// which its optimizer turns into a set, it looks the string up through reflect. It runs
// after the loader's checks have seen the tree as written and before the optimizer.
type inVisitor struct{}

var (
	stringType  = reflect.TypeOf("")
	stringsType = reflect.TypeOf([]string(nil))
	boolType    = reflect.TypeOf(false)
)

func (inVisitor) Visit(n *ast.Node) {
	b, ok := (*n).(*ast.BinaryNode)
	if !ok || b.Operator != "in" || b.Left.Type() != stringType {
		return
	}
	var fn func(any, any) bool
	right := b.Right
	switch {
	case b.Right.Type() == stringsType:
		fn = inMulti
	default:
		set := stringSet(b.Right)
		if set == nil {
			return
		}
		fn = inSet
		// The set expr's optimizer would have made of the list.
		right = &ast.ConstantNode{Value: set}
		right.SetType(reflect.TypeOf(set))
	}
	// A constant callee of type func(any, any) bool compiles to expr's OpCallTyped, which
	// calls it with the operands straight from the stack: the call allocates nothing.
	callee := &ast.ConstantNode{Value: fn}
	callee.SetType(reflect.TypeOf(fn))
	call := &ast.CallNode{Callee: callee, Arguments: []ast.Node{b.Left, right}}
	call.SetType(boolType)
	ast.Patch(n, call)
}

// stringSet returns the strings of a list written out of string literals alone, as a set;
// nil for anything else.
func stringSet(n ast.Node) map[string]struct{} {
	arr, ok := n.(*ast.ArrayNode)
	if !ok || len(arr.Nodes) == 0 {
		return nil
	}
	set := make(map[string]struct{}, len(arr.Nodes))
	for _, e := range arr.Nodes {
		s, ok := e.(*ast.StringNode)
		if !ok {
			return nil
		}
		set[s.Value] = struct{}{}
	}
	return set
}

// inMulti is expr's `in` for a string and a []string. Any other operands, which the
// checker's types rule out, go to expr's own `in`, so the result is always expr's.
func inMulti(needle, list any) bool {
	if s, ok := needle.(string); ok {
		if l, ok := list.([]string); ok {
			return slices.Contains(l, s)
		}
	}
	return runtime.In(needle, list)
}

// inSet is expr's `in` for a string and the set of a written list, as inMulti.
func inSet(needle, set any) bool {
	if s, ok := needle.(string); ok {
		if m, ok := set.(map[string]struct{}); ok {
			_, found := m[s]
			return found
		}
	}
	return runtime.In(needle, set)
}

// Compiler compiles conditions of one scope of a loaded guideline the way the loader
// compiles the file's own: the same environment, the same disabled builtins, the same type
// checks. Code that builds a condition from a guideline's parts (the summary weighs each
// part of an outcome's rule on its own) compiles it here, so that no condition ever runs
// under rules the file's conditions do not.
type Compiler struct {
	g     *Guideline
	se    *scopeEnv
	scope Scope
}

// Compiler returns a Compiler for conditions of scope.
func (g *Guideline) Compiler(scope Scope) *Compiler {
	return &Compiler{g: g, se: newScopeEnv(g, scope), scope: scope}
}

// Compile compiles src. The error wraps expr's own, which the loader would have reported.
func (c *Compiler) Compile(src string) (*Condition, error) {
	cond := &Condition{Src: src, Scope: c.scope}
	var unguarded []*ast.IdentifierNode
	inspect := func(tree ast.Node) { unguarded = unguardedNil(tree, c.g.isNumber) }
	if err := c.se.compileCond(cond, inspect); err != nil {
		return nil, fmt.Errorf("the condition %q does not compile: %w", src, err)
	}
	if len(unguarded) > 0 {
		// The loader refuses this in a file; a condition built from a file's parts must not
		// run where the file's own could not.
		return nil, fmt.Errorf("the condition %q uses the number question %q where it may have no value", src, unguarded[0].Value)
	}
	return cond, nil
}

type nameCollector struct {
	names []string
	// seen indexes names once there are manyNames of them: a condition names a few, and a
	// map per condition was a sizeable part of what compiling a guideline allocates.
	seen map[string]bool
}

// manyNames is the number of names from which nameCollector looks them up in a map.
const manyNames = 16

func (v *nameCollector) Visit(n *ast.Node) {
	id, ok := (*n).(*ast.IdentifierNode)
	if !ok {
		return
	}
	if v.seen != nil {
		if v.seen[id.Value] {
			return
		}
		v.seen[id.Value] = true
	} else if slices.Contains(v.names, id.Value) {
		return
	}
	v.names = append(v.names, id.Value)
	if v.seen == nil && len(v.names) == manyNames {
		v.seen = make(map[string]bool, 2*manyNames)
		for _, name := range v.names {
			v.seen[name] = true
		}
	}
}

func identifiers(node ast.Node) []string {
	v := &nameCollector{}
	ast.Walk(&node, v)
	return v.names
}

// Compiled reports whether c was compiled successfully.
func (c *Condition) Compiled() bool { return c != nil && c.prog != nil }

// Node returns the expression's syntax tree (for checks that look inside a condition).
func (c *Condition) Node() ast.Node {
	if c.prog == nil {
		return nil
	}
	return c.prog.Node()
}

// RuntimeError is a condition that failed while it ran. With a validated guideline this is a
// bug in the guideline (found by validate --explore) and never the person's fault.
type RuntimeError struct {
	File string
	// Pos is where the condition failed: at the operator when expr says which, else at the
	// condition's start.
	Pos Pos
	Src string
	Err error
}

// Error renders the failure in English, for logs; Message renders it for a reader.
func (e *RuntimeError) Error() string {
	return fmt.Sprintf("%s:%d:%d: the condition %q failed while it ran: %v", e.File, e.Pos.Line, e.Pos.Col, e.Src, e.Err)
}

func (e *RuntimeError) Unwrap() error { return e.Err }

// Reason says why the condition failed, in words a Diagnostic or Message renders in the
// reader's language (expr's own message only as a marked detail when it is not a known one).
func (e *RuntimeError) Reason() Phrase {
	if e.Err == nil {
		return phrase("diag.reason.detail", "Detail", "")
	}
	return exprReason(e.Err.Error())
}

// Message renders the failure in l's language: file:line:col, the condition and why.
func (e *RuntimeError) Message(l *locales.Localizer) string {
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Pos.Line, max(e.Pos.Col, 1),
		l.T("diag.runtime.condition_failed", renderArgs(l, map[string]any{"Condition": e.Src, "Error": e.Reason()})))
}

// Evaluator runs conditions. It reuses one expr VM, so it is not safe for concurrent use;
// give each goroutine its own.
type Evaluator struct {
	g     *Guideline
	m     vm.VM
	lines []string // g's lines, split on the first failure that needs them

	// The answers of a ResolveReusing by question index, as conditions would see them and
	// in what state (see resolve); kept for the next one with this Evaluator.
	answers []any
	states  []AnswerState
}

// NewEvaluator returns an Evaluator for g's conditions.
func (g *Guideline) NewEvaluator() *Evaluator { return &Evaluator{g: g} }

// Eval runs c against env. A nil condition holds.
func (e *Evaluator) Eval(c *Condition, env map[string]any) (bool, error) {
	if c == nil {
		return true, nil
	}
	if c.prog == nil {
		return false, &RuntimeError{File: e.g.File, Pos: c.Pos, Src: c.Src, Err: fmt.Errorf("the condition was never compiled")}
	}
	out, err := e.m.Run(c.prog, env)
	if err != nil {
		return false, &RuntimeError{File: e.g.File, Pos: e.failedAt(c, err), Src: c.Src, Err: e.redacted(err, env)}
	}
	b, _ := out.(bool) // AsBool at compile time guarantees a bool
	return b, nil
}

// redacted returns err with the answers to text and sensitive questions (the person's own
// words: a name, a phone number) taken out of expr's message, which quotes the values it
// failed on ("int(Ivan)"). The reason travels to the result screen, the referral summary
// and the debrief, and an answer withheld there without consent must not come back
// through it. The original error is not kept: nothing can print it later.
func (e *Evaluator) redacted(err error, env map[string]any) error {
	msg := err.Error()
	out := msg
	for id, v := range env {
		s, ok := v.(string)
		if !ok || s == "" {
			continue
		}
		if q := e.g.Question(id); q == nil || q.Type != TypeText && !q.Sensitive {
			continue
		}
		out = replaceWord(out, strconv.Quote(s), "…")
		out = replaceWord(out, s, "…")
	}
	if out == msg {
		return err
	}
	return errors.New(out) // i18n:ignore: expr's detail, shown as such by Reason
}

// replaceWord replaces every occurrence of old in s that does not run on into a letter or
// digit on either side, so that an answer "in" leaves "invalid" whole.
func replaceWord(s, old, with string) string {
	var b strings.Builder
	for {
		i := strings.Index(s, old)
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		end := i + len(old)
		before, _ := utf8.DecodeLastRuneInString(s[:i])
		after, _ := utf8.DecodeRuneInString(s[end:])
		if i > 0 && isWordRune(before) && isWordRune(rune(old[0])) || end < len(s) && isWordRune(after) && isWordRune(lastRune(old)) {
			b.WriteString(s[:i+1])
			s = s[i+1:]
			continue
		}
		b.WriteString(s[:i])
		b.WriteString(with)
		s = s[end:]
	}
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func lastRune(s string) rune { r, _ := utf8.DecodeLastRuneInString(s); return r }

// failedAt places err inside c in the file, as the loader places a compile error; c's own
// position when expr gives no offset or the scalar cannot be followed.
func (e *Evaluator) failedAt(c *Condition, err error) Pos {
	var fe *file.Error
	if !errors.As(err, &fe) || e.g.src == nil {
		return c.Pos
	}
	if e.lines == nil {
		e.lines = splitLines(string(e.g.src))
	}
	p, _ := condPos(e.lines, c, fe.From)
	return p
}

// Resolution is what a set of answers means for the questionnaire, computed in file order as
// a live interview would: which sections and questions apply, the environment conditions
// see, and the person's profile.
type Resolution struct {
	// Env maps every question id to the value conditions see: the answer if the question
	// applies and was answered, else its type's "not asked" value; and "profile" to Profile.
	Env map[string]any
	// Applies[i] reports whether Guideline.Questions[i] applies (its section's and its own
	// condition hold).
	Applies []bool
	// SectionApplies[i] reports whether Guideline.Sections[i]'s condition holds.
	SectionApplies []bool
	// Profile is the id of the first profile whose condition holds ("" without profiles).
	Profile string
	// Answered[i] says what vals holds for Guideline.Questions[i], whether or not it applies,
	// so that callers need not look every answer up again.
	Answered []AnswerState

	g *Guideline // the guideline resolved, which ResolveReusing checks
}

// AnswerState says whether a question was answered, and with which kind of answer.
type AnswerState uint8

// The answer states.
const (
	NotAnswered AnswerState = iota
	AnsweredValue
	AnsweredUnknown
	AnsweredDeclined
)

// answerState is the state of a looked-up answer.
func answerState(v Value, given bool) AnswerState {
	switch {
	case !given:
		return NotAnswered
	case v.Special == Unknown:
		return AnsweredUnknown
	case v.Special == Declined:
		return AnsweredDeclined
	}
	return AnsweredValue
}

// Resolve computes the Resolution of vals. An answer to a question that does not apply is
// ignored: conditions see that question as not asked. The error is a *RuntimeError.
func (g *Guideline) Resolve(e *Evaluator, vals map[string]Value) (*Resolution, error) {
	return g.resolve(e, vals, &Resolution{
		Env:            g.notAskedEnv(),
		Applies:        make([]bool, len(g.Questions)),
		SectionApplies: make([]bool, len(g.Sections)),
		Answered:       make([]AnswerState, len(g.Questions)),
		g:              g,
	}, false)
}

// ResolveReusing is Resolve in the storage of old, a Resolution of g that the caller no
// longer reads and has not changed (nil for none): an interview resolves again after every
// answer, and copying the whole not-asked environment, as Resolve does, is most of what a
// resolution allocates on a large guideline. Only the entries that held answers are put
// back to not asked. The result is what Resolve would give; old must not be read again,
// even when an error is returned.
func (g *Guideline) ResolveReusing(e *Evaluator, vals map[string]Value, old *Resolution) (*Resolution, error) {
	if old == nil || old.g != g || g.baseEnv == nil || len(old.Env) != len(g.baseEnv) {
		return g.Resolve(e, vals)
	}
	// An entry holds an answer only where the question applies and was answered; resolve
	// sets both before it writes the entry, so this holds even when it stopped on an error.
	for i, applies := range old.Applies {
		if applies && old.Answered[i] != NotAnswered {
			id := g.Questions[i].ID
			old.Env[id] = g.baseEnv[id]
		}
	}
	old.Env[NameProfile] = g.baseEnv[NameProfile]
	clear(old.Applies)
	clear(old.SectionApplies)
	clear(old.Answered)
	old.Profile = ""
	return g.resolve(e, vals, old, true)
}

// resolve fills r, whose environment reads every question as not asked and whose slices
// are zero. With onePass, the answers are first read in one pass over vals, by question
// index, into the Evaluator's own slices, rather than looked up question by question: an
// interview's answers grow to hundreds, and on a 10,000-question guideline the lookups
// after every answer were a quarter of its time. A single resolve (Score) looks them up:
// there the slices would be made for one use, which cost more than they saved.
func (g *Guideline) resolve(e *Evaluator, vals map[string]Value, r *Resolution, onePass bool) (*Resolution, error) {
	var answers []any
	var states []AnswerState
	if onePass {
		if cap(e.answers) < len(g.Questions) {
			e.answers = make([]any, len(g.Questions))
			e.states = make([]AnswerState, len(g.Questions))
		}
		answers, states = e.answers[:len(g.Questions)], e.states[:len(g.Questions)]
		clear(answers) // nothing of another session's answers stays behind
		clear(states)
		for id, v := range vals {
			if q := g.Question(id); q != nil {
				states[q.Index] = answerState(v, true)
				answers[q.Index] = q.envValue(v, true)
			}
		}
	}
	for si, s := range g.Sections {
		ok, err := e.Eval(s.When, r.Env)
		if err != nil {
			return nil, err
		}
		r.SectionApplies[si] = ok
		for _, q := range s.Questions {
			var v Value
			var st AnswerState
			if onePass {
				st = states[q.Index]
			} else {
				var given bool
				v, given = vals[q.ID]
				st = answerState(v, given)
			}
			r.Answered[q.Index] = st
			if !ok {
				continue // the section does not apply: neither does q
			}
			applies, err := e.Eval(q.When, r.Env)
			if err != nil {
				return nil, err
			}
			r.Applies[q.Index] = applies
			switch {
			case !applies || st == NotAnswered:
			case onePass:
				r.Env[q.ID] = answers[q.Index]
			default:
				r.Env[q.ID] = q.envValue(v, true)
			}
		}
	}
	for _, p := range g.Profiles {
		ok, err := e.Eval(p.When, r.Env)
		if err != nil {
			return nil, err
		}
		if ok {
			r.Profile = p.ID
			break
		}
	}
	// Flag conditions see the profile too; answer-scope conditions cannot name it (they do
	// not compile with it), so having it in the shared environment changes nothing for them.
	r.Env[NameProfile] = r.Profile
	return r, nil
}

// notAskedEnv returns a fresh environment in which every question reads as not asked.
// Cloning a map built once is several times faster than filling a new one, and Resolve runs
// after every answer.
func (g *Guideline) notAskedEnv() map[string]any {
	if g.baseEnv == nil { // a Guideline not made by the loader (tests build some by hand)
		env := make(map[string]any, len(g.Questions)+1)
		for _, q := range g.Questions {
			env[q.ID] = q.envValue(Value{}, false)
		}
		env[NameProfile] = ""
		return env
	}
	return maps.Clone(g.baseEnv)
}

// isNumber reports whether name is a number question: the one kind of answer that is nil
// when there is none.
func (g *Guideline) isNumber(name string) bool {
	q := g.Question(name)
	return q != nil && q.Type == TypeNumber
}

// Question returns the question with id, or nil.
func (g *Guideline) Question(id string) *Question {
	if q, ok := g.byID[id].(*Question); ok {
		return q
	}
	return nil
}

// Indicator returns the indicator with id, or nil.
func (g *Guideline) Indicator(id string) *Indicator {
	if x, ok := g.byID[id].(*Indicator); ok {
		return x
	}
	return nil
}

// Dimension returns the dimension with id, or nil.
func (g *Guideline) Dimension(id string) *Dimension {
	if x, ok := g.byID[id].(*Dimension); ok {
		return x
	}
	return nil
}

// Flag returns the flag with id, or nil.
func (g *Guideline) Flag(id string) *Flag {
	if x, ok := g.byID[id].(*Flag); ok {
		return x
	}
	return nil
}

// Referral returns the referral with id, or nil.
func (g *Guideline) Referral(id string) *Referral {
	if x, ok := g.byID[id].(*Referral); ok {
		return x
	}
	return nil
}

// Outcome returns the outcome with id, or nil.
func (g *Guideline) Outcome(id string) *Outcome {
	if x, ok := g.byID[id].(*Outcome); ok {
		return x
	}
	return nil
}

// Section returns the section with id, or nil.
func (g *Guideline) Section(id string) *Section {
	if x, ok := g.byID[id].(*Section); ok {
		return x
	}
	return nil
}

// NameKind says what an id in an outcome or referral condition names.
type NameKind uint8

// The kinds of OutcomeName.
const (
	KindQuestion NameKind = iota + 1
	KindDimension
	KindIndicator
	KindFlag
)

// OutcomeName is an id that outcome and referral conditions read and scoring must give a
// value: a question, dimension, indicator or flag.
type OutcomeName struct {
	Name string
	Kind NameKind
	// Index is the place of what Name names in the guideline's list of its kind
	// (Questions, Dimensions, Indicators or Flags); -1 when it is not in the list, which
	// scoring reads as absent (false).
	Index int
}

// OutcomeNames lists, each once, the question, dimension, indicator and flag ids that the
// outcome and referral conditions read: every one of them when a condition reads the
// whole environment through $env. Scoring fills only these into the environment of those
// conditions, since a compiled condition reads nothing else; profile, strong, medium,
// weak and outcome are not listed (scoring always gives them). The list is worked out once
// at load, because Score builds that environment for every set of answers; it is shared,
// so callers must not change it.
func (g *Guideline) OutcomeNames() []OutcomeName {
	if g.outcomeNames != nil {
		return g.outcomeNames
	}
	return g.findOutcomeNames()
}

func (g *Guideline) findOutcomeNames() []OutcomeName {
	var names []string
	full := false
	add := func(c *Condition) {
		if c == nil {
			return
		}
		names = append(names, c.Names...)
		full = full || slices.Contains(c.Names, "$env")
	}
	for _, o := range g.Scoring.Outcomes {
		add(o.When)
	}
	for _, r := range g.Referrals {
		add(r.When)
	}
	if full {
		names = names[:0]
		for _, q := range g.Questions {
			names = append(names, q.ID)
		}
		for _, d := range g.Dimensions {
			names = append(names, d.ID)
		}
		for _, in := range g.Indicators {
			names = append(names, in.ID)
		}
		for _, f := range g.Flags {
			names = append(names, f.ID)
		}
	}
	out := make([]OutcomeName, 0, len(names))
	seen := make(map[string]bool, len(names))
	for _, n := range names {
		if seen[n] {
			continue
		}
		seen[n] = true
		switch n {
		case NameProfile, NameStrong, NameMedium, NameWeak, NameOutcome:
			continue // scoring gives these itself
		}
		var on OutcomeName
		switch x := g.byID[n].(type) {
		case *Question:
			on = OutcomeName{Name: n, Kind: KindQuestion, Index: x.Index}
		case *Dimension:
			on = OutcomeName{Name: n, Kind: KindDimension, Index: slices.Index(g.Dimensions, x)}
		case *Indicator:
			on = OutcomeName{Name: n, Kind: KindIndicator, Index: slices.Index(g.Indicators, x)}
		case *Flag:
			on = OutcomeName{Name: n, Kind: KindFlag, Index: slices.Index(g.Flags, x)}
		default:
			continue // a builtin or a closure's variable: not the environment's to give
		}
		out = append(out, on) // Index is -1 for a node outside its list: it reads as false
	}
	return out
}
