package guidelines

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// MaxText is the longest text answer, note or closing remarks, in characters, wherever
// they come from: typed in either front end, or read from an answers or scenario file. It
// is about two pages of a summary, far more than a note needs, and bounds what one text
// costs every export (interview.MaxText is the engine's name for it).
const MaxText = 4000

// ParseAnswers reads an answers file — an `answers:` map (question id → value) and an optional
// `notes:` map (question id → the interviewer's note) — and checks it against g. A scenario
// file is accepted too; its other keys are ignored. It returns the answers, the position of
// each answer's value by question id, and every finding.
//
// Values, by question type:
//   - every question: `unknown` (don't know) or `declined` (prefer not to answer);
//   - yesno: `yes` or `no` (YAML's true/false are read as yes/no);
//   - choice: one choice id;
//   - multi: a list of choice ids, even for one (`[telegram]`), each at most once; stored in
//     the question's choice order. A single value is refused rather than guessed, so that a
//     forgotten bracket cannot silently drop the rest of a line;
//   - text: any text;
//   - number: a number within the question's min and max;
//   - date: a real calendar date written YYYY-MM-DD.
func ParseAnswers(name string, data []byte, g *Guideline) (Answers, map[string]Pos, Diagnostics) {
	ans := NewAnswers()
	pos := map[string]Pos{}
	l := newLoader(name, data)
	root := l.parse()
	if root == nil {
		return ans, pos, l.finish()
	}
	keys := []string{"answers", "notes"}
	if DetectFormat(data) == FormatScenario {
		keys = scenarioKeys
	}
	m := l.mapping(root, "", keys...)
	l.require(m, "", "answers")
	if m != nil && g != nil {
		l.answers(m.get("answers"), g, ans.Values, pos)
		l.notes(m.get("notes"), g, ans.Notes)
	}
	return ans, pos, l.finish()
}

// answers reads an answers mapping, typing each value by its question.
func (l *loader) answers(n *yaml.Node, g *Guideline, vals map[string]Value, pos map[string]Pos) {
	m := l.mapping(n, "answers")
	if m == nil {
		return
	}
	for k, v := range m.all() {
		q := g.Question(k.Value)
		if q == nil {
			l.errAt(k, "unknown_question", kv("ID", k.Value, "Suggestion", suggest(k.Value, questionIDs(g))))
			continue
		}
		pos[q.ID] = posOf(v)
		if val, ok := l.answerValue(q, v); ok {
			vals[q.ID] = val
		}
	}
}

// notes reads a notes mapping: question id → note.
func (l *loader) notes(n *yaml.Node, g *Guideline, notes map[string]string) {
	m := l.mapping(n, "notes")
	if m == nil {
		return
	}
	for k, v := range m.all() {
		if g != nil && g.Question(k.Value) == nil {
			l.errAt(k, "unknown_note", kv("ID", k.Value, "Suggestion", suggest(k.Value, questionIDs(g))))
			continue
		}
		if s, _, ok := l.noteValue(v, "notes."+k.Value); ok {
			notes[k.Value] = s
		}
	}
}

func questionIDs(g *Guideline) []string {
	ids := make([]string, len(g.Questions))
	for i, q := range g.Questions {
		ids[i] = q.ID
	}
	return ids
}

var dateRe = lazyRegexp(`^\d{4}-\d{2}-\d{2}$`)

// answerValue turns the YAML value of one answer into a Value for q. It is the one place that
// knows how answers are written, shared by answers files and scenarios.
func (l *loader) answerValue(q *Question, n *yaml.Node) (Value, bool) {
	if isNull(n) {
		l.errAt(n, "empty_answer", kv("ID", q.ID))
		return Value{}, false
	}
	if n.Kind == yaml.MappingNode {
		l.errAt(n, "want_scalar", kv("Field", "answers."+q.ID))
		return Value{}, false
	}
	if sp, ok := specialOf(n); ok {
		return Value{Special: sp}, true
	}
	if q.Type == TypeMulti {
		if n.Kind != yaml.SequenceNode {
			l.errAt(n, "answer_needs_list", kv("ID", q.ID, "Value", n.Value))
			return Value{}, false
		}
		chosen := map[string]*yaml.Node{}
		ok := true
		for _, it := range n.Content {
			if it.Kind != yaml.ScalarNode {
				l.errAt(it, "want_scalar", kv("Field", "answers."+q.ID+"[]"))
				ok = false
				continue
			}
			if it.Value == Unknown || it.Value == Declined {
				l.errAt(it, "special_in_list", kv("ID", q.ID, "Value", it.Value))
				ok = false
				continue
			}
			if q.Choice(it.Value) == nil {
				l.unknownChoice(q, it)
				ok = false
				continue
			}
			if first := chosen[it.Value]; first != nil {
				// The interview refuses a repeated choice; an answers file or a scenario
				// must not slip one past it.
				l.errAt(it, "repeated_choice", kv("ID", q.ID, "Value", it.Value, "Line", first.Line, "Col", first.Column))
				ok = false
				continue
			}
			chosen[it.Value] = it
		}
		if ok && len(chosen) > 1 {
			// The interview refuses an exclusive choice ("Nothing was different") with any
			// other; otherwise the contradiction would be scored as evidence.
			for _, it := range n.Content {
				if c := q.Choice(it.Value); c != nil && c.Exclusive {
					l.errAt(it, "exclusive_combined", kv("ID", q.ID, "Value", it.Value))
					ok = false
				}
			}
		}
		if !ok {
			return Value{}, false
		}
		list := make([]string, 0, len(chosen))
		for _, c := range q.Choices {
			if chosen[c.ID] != nil {
				list = append(list, c.ID)
			}
		}
		return Value{List: list}, true
	}
	if n.Kind != yaml.ScalarNode {
		l.errAt(n, "answer_not_list", kv("ID", q.ID, "Type", string(q.Type)))
		return Value{}, false
	}
	s := n.Value
	switch q.Type {
	case TypeYesNo:
		if n.Tag == "!!bool" {
			if b, err := strconv.ParseBool(strings.ToLower(s)); err == nil {
				s = map[bool]string{true: "yes", false: "no"}[b]
			}
		}
		if s != "yes" && s != "no" {
			l.errAt(n, "bad_yesno", kv("ID", q.ID, "Value", n.Value))
			return Value{}, false
		}
		return Value{Str: s}, true
	case TypeChoice:
		if q.Choice(s) == nil {
			l.unknownChoice(q, n)
			return Value{}, false
		}
		return Value{Str: s}, true
	case TypeNumber:
		f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
		if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
			l.errAt(n, "not_a_number", kv("ID", q.ID, "Value", s))
			return Value{}, false
		}
		if (q.Min != nil && f < *q.Min) || (q.Max != nil && f > *q.Max) {
			l.errAt(n, "out_of_range", kv("ID", q.ID, "Value", s, "Min", bound(q.Min), "Max", bound(q.Max)))
			return Value{}, false
		}
		return Value{Num: f}, true
	case TypeDate:
		if !dateRe().MatchString(s) {
			l.errAt(n, "bad_date", kv("ID", q.ID, "Value", s))
			return Value{}, false
		}
		if _, err := time.Parse(time.DateOnly, s); err != nil {
			l.errAt(n, "bad_date", kv("ID", q.ID, "Value", s))
			return Value{}, false
		}
		return Value{Str: s}, true
	default: // text
		if strings.TrimSpace(s) == "" {
			l.errAt(n, "empty_answer", kv("ID", q.ID))
			return Value{}, false
		}
		if !l.shortEnough(n, q.ID, s) {
			return Value{}, false
		}
		return Value{Str: s}, true
	}
}

// specialOf recognises `unknown` and `declined`, also as a one-item list (for multi).
func specialOf(n *yaml.Node) (string, bool) {
	if n.Kind == yaml.SequenceNode && len(n.Content) == 1 {
		n = n.Content[0]
	}
	if n.Kind == yaml.ScalarNode && n.Tag == "!!str" && (n.Value == Unknown || n.Value == Declined) {
		return n.Value, true
	}
	return "", false
}

func (l *loader) unknownChoice(q *Question, n *yaml.Node) {
	ids := make([]string, len(q.Choices))
	for i, c := range q.Choices {
		ids[i] = c.ID
	}
	l.errAt(n, "unknown_choice", kv("ID", q.ID, "Value", n.Value, "Suggestion", suggest(n.Value, ids), "Expected", strings.Join(ids, ", ")))
}

// bound renders an optional limit for a message.
func bound(f *float64) string {
	if f == nil {
		return "—"
	}
	return strconv.FormatFloat(*f, 'f', -1, 64)
}

// genericValue reads an answer before its question is known (a scenario loaded on its own):
// lists become List, true/false become yes/no, numbers Num, anything else Str. CheckScenario
// replaces it with the typed value.
func genericValue(n *yaml.Node) (Value, bool) {
	if isNull(n) {
		return Value{}, false
	}
	if sp, ok := specialOf(n); ok {
		return Value{Special: sp}, true
	}
	switch n.Kind {
	case yaml.SequenceNode:
		list := make([]string, 0, len(n.Content))
		for _, it := range n.Content {
			if it.Kind == yaml.ScalarNode && !slices.Contains(list, it.Value) {
				list = append(list, it.Value)
			}
		}
		return Value{List: list}, true
	case yaml.ScalarNode:
		switch n.Tag {
		case "!!bool":
			if b, err := strconv.ParseBool(strings.ToLower(n.Value)); err == nil {
				return Value{Str: map[bool]string{true: "yes", false: "no"}[b]}, true
			}
		case "!!int", "!!float":
			if f, err := strconv.ParseFloat(n.Value, 64); err == nil {
				return Value{Num: f}, true
			}
		}
		return Value{Str: n.Value}, true
	}
	return Value{}, false
}

// shortEnough reports whether the text answer or note s on question id has at most
// MaxText characters, and reports it at n when it has more.
func (l *loader) shortEnough(n *yaml.Node, id, s string) bool {
	if c := utf8.RuneCountInString(s); c > MaxText {
		l.errAt(n, "text_too_long", kv("ID", id, "Length", c, "Max", MaxText))
		return false
	}
	return true
}
