package interview

import (
	"strconv"
	"strings"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/textsafe"
)

// yesWords and noWords are the words for yes and no in every UI language (lower case;
// replies are lower-cased before the lookup). "нi" is "ні" typed with a Latin i, as a
// Ukrainian keyboard switched half-way gives it.
var (
	yesWords = map[string]bool{"y": true, "yes": true, "da": true, "d": true, "так": true, "т": true, "да": true, "д": true}
	noWords  = map[string]bool{"n": true, "no": true, "nu": true, "ні": true, "нi": true, "н": true, "нет": true}
)

// IsYesWord reports whether reply (any case, surrounding spaces ignored) is a word for yes
// in one of the UI languages. A confirmation that defaults to no ([y/N]) takes these words
// and nothing else, so that a stray digit never confirms.
func IsYesWord(reply string) bool {
	return yesWords[strings.ToLower(strings.TrimSpace(reply))]
}

// YesNo reads a reply to a yes/no question as the interview takes it: a word for yes or no
// in any UI language (any case, surrounding spaces ignored), or 1 and 2, the order the two
// answers are listed in. ok is false for anything else.
func YesNo(reply string) (yes, ok bool) {
	w := strings.ToLower(strings.TrimSpace(reply))
	switch {
	case w == "1" || yesWords[w]:
		return true, true
	case w == "2" || noWords[w]:
		return false, true
	}
	return false, false
}

// ParseInput turns a typed answer to q into a value, the same way for every front end:
//
//	every question     ?  = don't know        -  = prefer not to answer (or their words)
//	yes/no             a word for yes or no in a UI language, or 1, 2 (see YesNo)
//	one choice         its number in the list, or its id (any case)
//	several choices    numbers or ids separated by commas, semicolons or spaces
//	number             as typed: 24, 1.5 (a decimal comma, 1,5, works too)
//	date               YYYY-MM-DD, or DD.MM.YYYY as dates are written in Moldova and Ukraine
//	text               as typed, on one line, without anything that acts on a terminal
//
// The error is an *AnswerError. The value is not yet validated against q: Validate does
// that, and Engine.Answer calls it.
func ParseInput(q *guidelines.Question, input string) (guidelines.Value, error) {
	raw := strings.TrimSpace(input)
	fail := func(kind string) (guidelines.Value, error) {
		return guidelines.Value{}, &AnswerError{Question: q.ID, Kind: kind, Value: textsafe.Line(raw), Min: q.Min, Max: q.Max}
	}
	if raw == "" {
		return fail(ErrKindEmpty)
	}
	switch strings.ToLower(raw) {
	case "?", guidelines.Unknown:
		return guidelines.UnknownValue, nil
	case "-", guidelines.Declined:
		return guidelines.DeclinedValue, nil
	}
	switch q.Type {
	case guidelines.TypeYesNo:
		yes, ok := YesNo(raw)
		switch {
		case !ok:
			return fail(ErrKindNotYesNo)
		case yes:
			return guidelines.Value{Str: "yes"}, nil
		}
		return guidelines.Value{Str: "no"}, nil
	case guidelines.TypeChoice:
		id, ok := choiceID(q, raw)
		if !ok {
			return guidelines.Value{}, &AnswerError{Question: q.ID, Kind: ErrKindUnknownChoice, Value: textsafe.Line(raw), Choice: textsafe.Line(raw)}
		}
		return guidelines.Value{Str: id}, nil
	case guidelines.TypeMulti:
		parts := strings.FieldsFunc(raw, func(r rune) bool { return r == ',' || r == ';' || r == ' ' || r == '\t' })
		if len(parts) == 0 {
			return fail(ErrKindEmpty)
		}
		list := make([]string, 0, len(parts))
		for _, p := range parts {
			id, ok := choiceID(q, p)
			if !ok {
				return guidelines.Value{}, &AnswerError{Question: q.ID, Kind: ErrKindUnknownChoice, Value: textsafe.Line(p), Choice: textsafe.Line(p)}
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
			return fail(ErrKindNotANumber)
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
