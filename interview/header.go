package interview

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/textsafe"
)

// MaxHeaderField is the longest place, role or institution a session takes, in
// characters: the referral summary's header has room for that on one line, and the
// command's flags and the setup form both hold to it.
const MaxHeaderField = 80

// HeaderField cleans a place, role or institution as the summary's header prints it (one
// line, no control characters, no surrounding spaces) and reports whether it is within
// MaxHeaderField characters; the caller decides whether a longer one is refused (a flag)
// or cut (a form whose input already stops at the limit).
func HeaderField(v string) (string, bool) {
	v = strings.TrimSpace(textsafe.Line(v))
	return v, utf8.RuneCountInString(v) <= MaxHeaderField
}

// InterpreterQuestion is the id of the guideline question that records who interprets the
// conversation (the default guideline asks it of the interviewer, after the safety check).
// Its answer is the session's one record of the interpreter: it sets Session.Interpreter,
// which the setup's yes/no field only pre-fills, and the summary prints it. A guideline
// without such a question keeps the setup's answer.
const InterpreterQuestion = "interpreter"

// noInterpreterChoices are the choice ids that say no interpreter is there; any other
// choice names one.
var noInterpreterChoices = []string{"not_needed", "none"}

// InterpreterPresent reads an answer v to the interpreter question q: whether an
// interpreter is there, and whether the answer says at all (not for "don't know" or
// "prefer not to answer", nor for a question of another type).
func InterpreterPresent(q *guidelines.Question, v guidelines.Value) (present, known bool) {
	if v.IsSpecial() {
		return false, false
	}
	switch q.Type {
	case guidelines.TypeYesNo:
		return v.Str == "yes", v.Str == "yes" || v.Str == "no"
	case guidelines.TypeChoice:
		if q.Choice(v.Str) == nil {
			return false, false
		}
		return !slices.Contains(noInterpreterChoices, v.Str), true
	}
	return false, false
}

// InterpreterPrefill is the answer to the interpreter question q that the setup's yes/no
// field suggests before the interviewer answers it: "no" or the choice that says none
// when no interpreter was set up, "yes" when one was. For a choice question and an
// interpreter present there is none: whether it is a professional, a volunteer or the
// companion (a reason to postpone) is for the interviewer to say, not to be assumed.
func InterpreterPrefill(q *guidelines.Question, present bool) (guidelines.Value, bool) {
	switch q.Type {
	case guidelines.TypeYesNo:
		if present {
			return guidelines.Value{Str: "yes"}, true
		}
		return guidelines.Value{Str: "no"}, true
	case guidelines.TypeChoice:
		if present {
			return guidelines.Value{}, false
		}
		for _, c := range q.Choices {
			if slices.Contains(noInterpreterChoices, c.ID) {
				return guidelines.Value{Str: c.ID}, true
			}
		}
	}
	return guidelines.Value{}, false
}
