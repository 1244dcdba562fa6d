package plain

import (
	"strconv"
	"strings"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/interview"
	"github.com/earlyid/earlyid/interview/textsafe"
)

// yesWords and noWords are the words a yesno question takes, in every UI language
// (lower case; input is lower-cased before the lookup). Numbers 1 and 2 follow the order
// the answers are listed in.
var (
	yesWords = map[string]bool{"y": true, "yes": true, "1": true, "da": true, "d": true, "так": true, "т": true, "да": true, "д": true}
	noWords  = map[string]bool{"n": true, "no": true, "2": true, "nu": true, "ні": true, "нi": true, "н": true, "нет": true}
)

// ParseInput turns one typed line into an answer to q, following the grammar in the
// package documentation. The line must not be a command (see IsCommand). The error is an
// *interview.AnswerError; the value is not yet validated against q (interview.Validate
// does that, and Engine.Answer calls it).
func ParseInput(q *guidelines.Question, line string) (guidelines.Value, error) {
	raw := strings.TrimSpace(line)
	if strings.HasPrefix(raw, "::") { // "::x" is the text ":x", not a command
		raw = raw[1:]
	}
	fail := func(kind string) (guidelines.Value, error) {
		return guidelines.Value{}, &interview.AnswerError{Question: q.ID, Kind: kind, Value: textsafe.Line(raw), Min: q.Min, Max: q.Max}
	}
	if raw == "" {
		return fail(interview.ErrKindEmpty)
	}
	switch strings.ToLower(raw) {
	case "?", guidelines.Unknown:
		return guidelines.UnknownValue, nil
	case "-", guidelines.Declined:
		return guidelines.DeclinedValue, nil
	}
	switch q.Type {
	case guidelines.TypeYesNo:
		w := strings.ToLower(raw)
		switch {
		case yesWords[w]:
			return guidelines.Value{Str: "yes"}, nil
		case noWords[w]:
			return guidelines.Value{Str: "no"}, nil
		}
		return fail(interview.ErrKindNotYesNo)
	case guidelines.TypeChoice:
		id, ok := choiceID(q, raw)
		if !ok {
			return guidelines.Value{}, &interview.AnswerError{Question: q.ID, Kind: interview.ErrKindUnknownChoice, Value: textsafe.Line(raw), Choice: textsafe.Line(raw)}
		}
		return guidelines.Value{Str: id}, nil
	case guidelines.TypeMulti:
		parts := strings.FieldsFunc(raw, func(r rune) bool { return r == ',' || r == ';' || r == ' ' || r == '\t' })
		if len(parts) == 0 {
			return fail(interview.ErrKindEmpty)
		}
		list := make([]string, 0, len(parts))
		for _, p := range parts {
			id, ok := choiceID(q, p)
			if !ok {
				return guidelines.Value{}, &interview.AnswerError{Question: q.ID, Kind: interview.ErrKindUnknownChoice, Value: textsafe.Line(p), Choice: textsafe.Line(p)}
			}
			list = append(list, id)
		}
		return guidelines.Value{List: list}, nil
	case guidelines.TypeNumber:
		s := raw
		if !strings.Contains(s, ".") && strings.Count(s, ",") == 1 {
			s = strings.Replace(s, ",", ".", 1) // decimal comma, as written in ro, uk, ru
		}
		n, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return fail(interview.ErrKindNotANumber)
		}
		return guidelines.Value{Num: n}, nil
	case guidelines.TypeDate:
		return guidelines.Value{Str: normalizeDate(raw)}, nil
	default: // text: as typed, without anything that could act on a terminal later
		return guidelines.Value{Str: strings.TrimSpace(textsafe.Line(raw))}, nil
	}
}

// choiceID finds the choice s names: its 1-based number or its id (any case).
func choiceID(q *guidelines.Question, s string) (string, bool) {
	if n, err := strconv.Atoi(s); err == nil {
		if n >= 1 && n <= len(q.Choices) {
			return q.Choices[n-1].ID, true
		}
		return "", false
	}
	for _, c := range q.Choices {
		if strings.EqualFold(c.ID, s) {
			return c.ID, true
		}
	}
	return "", false
}

// normalizeDate turns DD.MM.YYYY (how dates are written in Moldova and Ukraine) into
// YYYY-MM-DD; anything else is returned as typed for validation to judge.
func normalizeDate(s string) string {
	p := strings.Split(s, ".")
	if len(p) != 3 || len(p[2]) != 4 || len(p[0]) == 0 || len(p[0]) > 2 || len(p[1]) == 0 || len(p[1]) > 2 {
		return s
	}
	for _, x := range p {
		if _, err := strconv.Atoi(x); err != nil {
			return s
		}
	}
	pad := func(x string) string {
		if len(x) == 1 {
			return "0" + x
		}
		return x
	}
	return p[2] + "-" + pad(p[1]) + "-" + pad(p[0])
}

// IsCommand reports whether line is a command (":back", ":note …", ":quit", ":help")
// rather than an answer. A line starting with "::" is an answer starting with ":".
func IsCommand(line string) bool {
	s := strings.TrimSpace(line)
	return strings.HasPrefix(s, ":") && !strings.HasPrefix(s, "::")
}

// FormatValue writes v as a line ParseInput reads back as the same answer to q: the
// inverse of ParseInput, used to turn an answers file into plain-mode input.
func FormatValue(q *guidelines.Question, v guidelines.Value) string {
	switch {
	case v.Special == guidelines.Unknown:
		return "?"
	case v.Special == guidelines.Declined:
		return "-"
	}
	switch q.Type {
	case guidelines.TypeYesNo:
		if v.Str == "yes" {
			return "y"
		}
		return "n"
	case guidelines.TypeMulti:
		return strings.Join(v.List, ",")
	case guidelines.TypeNumber:
		return strconv.FormatFloat(v.Num, 'f', -1, 64)
	case guidelines.TypeText:
		if strings.HasPrefix(v.Str, ":") {
			return ":" + v.Str
		}
		return v.Str
	default:
		return v.Str
	}
}
