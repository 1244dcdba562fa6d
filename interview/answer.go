package interview

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/earlyid/earlyid/guidelines"
)

// Kinds of AnswerError. Front ends show the localized message "interview.error.<Kind>"
// with the error's fields as template data (.Min, .Max, .Choice, .Value, and .ChoiceText: the
// choice's text, which the localizer renders in its own language).
const (
	ErrKindEmpty         = "empty"          // nothing was given
	ErrKindNotYesNo      = "not_yes_no"     // a yesno answer other than yes or no
	ErrKindUnknownChoice = "unknown_choice" // no such choice (Choice names it)
	ErrKindNotANumber    = "not_a_number"
	ErrKindBelowMin      = "below_min"    // Min is set
	ErrKindAboveMax      = "above_max"    // Max is set
	ErrKindNotADate      = "not_a_date"   // not written YYYY-MM-DD
	ErrKindNoSuchDate    = "no_such_date" // written YYYY-MM-DD, but not in the calendar (2026-02-31)
	ErrKindFutureDate    = "future_date"  // after today, for a question about the past (Question.Past)
	ErrKindNotAList      = "not_a_list"   // several values given to a one-answer question
	ErrKindDuplicate     = "duplicate"    // a multi answer names a choice twice
	ErrKindExclusive     = "exclusive"    // a multi answer combines an exclusive choice (Choice) with others
	ErrKindBadSpecial    = "bad_special"  // a special answer other than unknown or declined
	ErrKindTooLong       = "too_long"     // a text, note or remarks of more than MaxText characters (Value: the length)
	// ErrKindNotDeclinable is "Prefer not to answer" given to a question for the
	// interviewer (ForInterviewer): it is the person's right, and the interviewer has no
	// such answer to give about what they observe or judge.
	ErrKindNotDeclinable = "not_declinable"
)

// AnswerError is an answer the current question cannot take. It carries what a front end
// needs to explain it in the interviewer's language.
type AnswerError struct {
	Question string // question id
	Kind     string // one of the ErrKind constants
	Value    string // the offending input or value, as given
	Choice   string // the unknown choice, for ErrKindUnknownChoice; the exclusive one, for ErrKindExclusive
	Min, Max *float64

	// ChoiceText is the text of Choice, for ErrKindExclusive: the message names the choice
	// as the interviewer saw it, not by its id.
	ChoiceText guidelines.Text
}

// MaxText is the longest text answer, note or closing remarks the engine takes, in
// characters: the one limit of both front ends and of answers and scenario files
// (guidelines.MaxText, which the file loader checks).
const MaxText = guidelines.MaxText

// tooLong returns the error for a text of question id (or "" for the remarks) that is
// longer than MaxText, or nil. The text itself is never part of the error: it may be the
// person's words.
func tooLong(id, s string) error {
	if n := utf8.RuneCountInString(s); n > MaxText {
		return &AnswerError{Question: id, Kind: ErrKindTooLong, Value: strconv.Itoa(n)}
	}
	return nil
}

func (e *AnswerError) Error() string {
	switch e.Kind {
	case ErrKindTooLong:
		return fmt.Sprintf("the text for %q has %s characters, more than the %d allowed", e.Question, e.Value, MaxText)
	case ErrKindEmpty:
		return fmt.Sprintf("no answer was given to %s", e.Question)
	case ErrKindNotYesNo:
		return fmt.Sprintf("%s takes yes or no, not %q", e.Question, e.Value)
	case ErrKindUnknownChoice:
		return fmt.Sprintf("%s has no choice %q", e.Question, e.Choice)
	case ErrKindNotANumber:
		return fmt.Sprintf("%s takes a number, not %q", e.Question, e.Value)
	case ErrKindBelowMin:
		return fmt.Sprintf("%s takes a number of at least %s, not %s", e.Question, fmtNum(e.Min), e.Value)
	case ErrKindAboveMax:
		return fmt.Sprintf("%s takes a number of at most %s, not %s", e.Question, fmtNum(e.Max), e.Value)
	case ErrKindNotADate:
		return fmt.Sprintf("%s takes a date written YYYY-MM-DD, not %q", e.Question, e.Value)
	case ErrKindNoSuchDate:
		return fmt.Sprintf("%s takes a date, and %s does not exist in the calendar", e.Question, e.Value)
	case ErrKindFutureDate:
		return fmt.Sprintf("%s asks about the past, and %s is after today", e.Question, e.Value)
	case ErrKindNotAList:
		return fmt.Sprintf("%s takes one answer, not a list", e.Question)
	case ErrKindDuplicate:
		return fmt.Sprintf("%s names the choice %q twice", e.Question, e.Choice)
	case ErrKindExclusive:
		return fmt.Sprintf("%s cannot combine the choice %q with other choices", e.Question, e.Choice)
	case ErrKindNotDeclinable:
		return fmt.Sprintf("%s is for the interviewer, and \"prefer not to answer\" is not one of its answers", e.Question)
	default:
		return fmt.Sprintf("%s cannot take the answer %q", e.Question, e.Value)
	}
}

// Data returns the template data for the error's localized message.
func (e *AnswerError) Data() map[string]any {
	d := map[string]any{"Question": e.Question, "Value": e.Value, "Choice": e.Choice}
	if e.ChoiceText != nil {
		// A locales.Translated: the localizer renders it in the reader's language.
		d["ChoiceText"] = e.ChoiceText
	}
	if e.Min != nil {
		d["Min"] = fmtNum(e.Min)
	}
	if e.Max != nil {
		d["Max"] = fmtNum(e.Max)
	}
	if e.Kind == ErrKindTooLong {
		d["Max"] = MaxText
	}
	return d
}

func fmtNum(f *float64) string {
	if f == nil {
		return ""
	}
	return strconv.FormatFloat(*f, 'f', -1, 64)
}

// Validate checks that v is an answer q can take and returns it normalized (a multi
// answer's ids in the question's order). Every question takes the special answers Unknown
// and Declined. The error is an *AnswerError.
func Validate(q *guidelines.Question, v guidelines.Value) (guidelines.Value, error) {
	fail := func(kind, value string) (guidelines.Value, error) {
		return guidelines.Value{}, &AnswerError{Question: q.ID, Kind: kind, Value: value, Min: q.Min, Max: q.Max}
	}
	if v.Special != "" {
		if v.Special != guidelines.Unknown && v.Special != guidelines.Declined {
			return fail(ErrKindBadSpecial, v.Special)
		}
		return guidelines.Value{Special: v.Special}, nil
	}
	if q.Type != guidelines.TypeMulti && len(v.List) > 0 {
		return fail(ErrKindNotAList, v.Display())
	}
	switch q.Type {
	case guidelines.TypeYesNo:
		if v.Str == "" {
			return fail(ErrKindEmpty, "")
		}
		if v.Str != "yes" && v.Str != "no" {
			return fail(ErrKindNotYesNo, v.Str)
		}
		return guidelines.Value{Str: v.Str}, nil
	case guidelines.TypeChoice:
		if v.Str == "" {
			return fail(ErrKindEmpty, "")
		}
		if q.Choice(v.Str) == nil {
			return guidelines.Value{}, &AnswerError{Question: q.ID, Kind: ErrKindUnknownChoice, Value: v.Str, Choice: v.Str}
		}
		return guidelines.Value{Str: v.Str}, nil
	case guidelines.TypeMulti:
		if len(v.List) == 0 {
			if v.Str != "" { // one id given as a string: accept it as a list of one
				v.List = []string{v.Str}
			} else {
				return fail(ErrKindEmpty, "")
			}
		}
		seen := make(map[string]bool, len(v.List))
		for _, id := range v.List {
			if q.Choice(id) == nil {
				return guidelines.Value{}, &AnswerError{Question: q.ID, Kind: ErrKindUnknownChoice, Value: id, Choice: id}
			}
			if seen[id] {
				return guidelines.Value{}, &AnswerError{Question: q.ID, Kind: ErrKindDuplicate, Value: id, Choice: id}
			}
			seen[id] = true
		}
		if len(seen) > 1 {
			// An exclusive choice ("Nothing was different") beside another would contradict
			// itself, and the other choice would still be scored as evidence.
			for _, c := range q.Choices {
				if c.Exclusive && seen[c.ID] {
					return guidelines.Value{}, &AnswerError{Question: q.ID, Kind: ErrKindExclusive, Value: c.ID, Choice: c.ID, ChoiceText: c.Text}
				}
			}
		}
		list := make([]string, 0, len(v.List))
		for _, c := range q.Choices {
			if seen[c.ID] {
				list = append(list, c.ID)
			}
		}
		return guidelines.Value{List: list}, nil
	case guidelines.TypeNumber:
		if v.Str != "" {
			return fail(ErrKindNotANumber, v.Str)
		}
		n := v.Num
		if math.IsNaN(n) || math.IsInf(n, 0) {
			return fail(ErrKindNotANumber, strconv.FormatFloat(n, 'f', -1, 64))
		}
		shown := strconv.FormatFloat(n, 'f', -1, 64)
		if q.Min != nil && n < *q.Min {
			return fail(ErrKindBelowMin, shown)
		}
		if q.Max != nil && n > *q.Max {
			return fail(ErrKindAboveMax, shown)
		}
		return guidelines.Value{Num: n}, nil
	case guidelines.TypeDate:
		if v.Str == "" {
			return fail(ErrKindEmpty, "")
		}
		if !IsDate(v.Str) {
			// The form is checked apart from the calendar: "31.02.2026" is written right and
			// only the day is wrong, which "write it as YYYY-MM-DD" would not explain.
			if dateShaped(v.Str) {
				return fail(ErrKindNoSuchDate, v.Str)
			}
			return fail(ErrKindNotADate, v.Str)
		}
		return guidelines.Value{Str: v.Str}, nil
	default: // text
		if v.Str == "" {
			return fail(ErrKindEmpty, "")
		}
		if err := tooLong(q.ID, v.Str); err != nil {
			return guidelines.Value{}, err
		}
		return guidelines.Value{Str: v.Str}, nil
	}
}

// IsDate reports whether s is a real calendar date written YYYY-MM-DD.
func IsDate(s string) bool {
	if len(s) != 10 {
		return false
	}
	_, err := time.Parse(time.DateOnly, s)
	return err == nil
}

// dateShaped reports whether s is written like a date, YYYY-MM-DD in digits, whether or not
// that day exists.
func dateShaped(s string) bool {
	if len(s) != 10 {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch {
		case i == 4 || i == 7:
			if s[i] != '-' {
				return false
			}
		case s[i] < '0' || s[i] > '9':
			return false
		}
	}
	return true
}

// Errors of the engine's navigation. Front ends show "interview.error.<name>".
var (
	// ErrNoQuestion: the interview is not on a question (setup, review, result).
	ErrNoQuestion = errors.New("the interview is not on a question")
	// ErrNoBack: there is nothing to go back to.
	ErrNoBack = errors.New("there is no earlier question to go back to")
	// ErrNotApplicable: the section or question does not apply to the answers given so far.
	ErrNotApplicable = errors.New("this part of the interview does not apply to the answers given")
	// ErrUnknownID: no section or question has this id.
	ErrUnknownID = errors.New("no section or question has this id")
)
