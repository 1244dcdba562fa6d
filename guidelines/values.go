package guidelines

import (
	"fmt"
	"strconv"
	"strings"
)

// The two answers every question accepts besides its own values.
const (
	Unknown  = "unknown"  // the person does not know, or the interviewer cannot tell
	Declined = "declined" // the person prefers not to answer
)

// Value is one answer as given. Exactly one of Str, List and Num is meaningful, by the
// question's type; Special is Unknown or Declined instead of an answer.
type Value struct {
	Special string   `json:"special,omitempty"`
	Str     string   `json:"str,omitempty"`  // yesno, choice, text, date
	List    []string `json:"list,omitempty"` // multi: choice ids, in the question's order
	Num     float64  `json:"num,omitempty"`  // number
}

// UnknownValue and DeclinedValue are the two special answers.
var (
	UnknownValue  = Value{Special: Unknown}
	DeclinedValue = Value{Special: Declined}
)

// IsSpecial reports whether v is "don't know" or "prefer not to answer".
func (v Value) IsSpecial() bool { return v.Special != "" }

// Equal reports whether two values are the same answer.
func (v Value) Equal(o Value) bool {
	if v.Special != o.Special || v.Str != o.Str || v.Num != o.Num || len(v.List) != len(o.List) {
		return false
	}
	for i := range v.List {
		if v.List[i] != o.List[i] {
			return false
		}
	}
	return true
}

// Answers is a set of answers and notes by question id.
type Answers struct {
	Values map[string]Value  `json:"values"`
	Notes  map[string]string `json:"notes,omitempty"`
	// NoteBy says who wrote each note, NoteByPerson or NoteByInterviewer. A note it does not
	// name is the interviewer's: answers files and sessions written before it existed hold
	// only the interviewer's notes (a self session's are dated by the session, see
	// interview.UnmarshalSession).
	NoteBy map[string]string `json:"note_by,omitempty"`
}

// Who wrote a note: in self mode the person types their own notes, and a summary must never
// present the person's words as the interviewer's observation, nor the other way round.
const (
	NoteByPerson      = "person"
	NoteByInterviewer = "interviewer"
)

// NoteAuthor returns who wrote the note on question id: NoteByPerson or NoteByInterviewer.
func (a Answers) NoteAuthor(id string) string {
	if a.NoteBy[id] == NoteByPerson {
		return NoteByPerson
	}
	return NoteByInterviewer
}

// NewAnswers returns empty, ready-to-fill Answers.
func NewAnswers() Answers {
	return Answers{Values: map[string]Value{}, Notes: map[string]string{}, NoteBy: map[string]string{}}
}

// envValue is the value a condition sees for q: the answer when it was given and q applies,
// else the type's "not asked" value. Special answers keep their word, so no condition can
// mistake them for "yes"; a number that is unknown or declined is nil.
func (q *Question) envValue(v Value, ok bool) any {
	switch q.Type {
	case TypeMulti:
		if !ok {
			return notAskedList
		}
		if v.IsSpecial() {
			return []string{v.Special}
		}
		return v.List // conditions only read it
	case TypeNumber:
		if !ok || v.IsSpecial() {
			return nil
		}
		return v.Num
	default:
		s := v.Str
		switch {
		case !ok:
			s = ""
		case v.IsSpecial():
			s = v.Special
		}
		if b, found := q.boxed[s]; found {
			return b
		}
		return s
	}
}

// notAskedList is the value of every multi question that was not asked, boxed once.
var notAskedList any = []string{}

// boxValues fills q.boxed once the question is loaded (see Question.boxed).
func (q *Question) boxValues() {
	if q.Type != TypeYesNo && q.Type != TypeChoice {
		return
	}
	q.boxed = map[string]any{"": "", Unknown: Unknown, Declined: Declined}
	if q.Type == TypeYesNo {
		q.boxed["yes"], q.boxed["no"] = "yes", "no"
	}
	for _, c := range q.Choices {
		q.boxed[c.ID] = c.ID
	}
}

// sampleValue is the value whose Go type expr checks q's uses against.
func (q *Question) sampleValue() any {
	switch q.Type {
	case TypeMulti:
		return []string{}
	case TypeNumber:
		return float64(0)
	default:
		return ""
	}
}

// Display renders v as the answers file would write it ("yes", "a, b", "24", "unknown").
func (v Value) Display() string {
	switch {
	case v.IsSpecial():
		return v.Special
	case v.List != nil:
		return strings.Join(v.List, ", ")
	case v.Str != "":
		return v.Str
	default:
		return strconv.FormatFloat(v.Num, 'f', -1, 64)
	}
}

// ValueText renders v for a reader in lang: choice texts for choices, "Yes"/"No" through
// yes and no (given by the caller, already localized), the number or text as given.
func (q *Question) ValueText(v Value, lang string, yes, no, unknown, declined string) string {
	switch {
	case v.Special == Unknown:
		return unknown
	case v.Special == Declined:
		return declined
	}
	switch q.Type {
	case TypeYesNo:
		if v.Str == "yes" {
			return yes
		}
		return no
	case TypeChoice:
		if c := q.Choice(v.Str); c != nil {
			return c.Text.Plain(lang)
		}
		return v.Str
	case TypeMulti:
		parts := make([]string, 0, len(v.List))
		for _, id := range v.List {
			if c := q.Choice(id); c != nil {
				parts = append(parts, c.Text.Plain(lang))
			} else {
				parts = append(parts, id)
			}
		}
		return strings.Join(parts, "; ")
	case TypeNumber:
		return strconv.FormatFloat(v.Num, 'f', -1, 64)
	default:
		return v.Str
	}
}

// Choice returns q's choice with id, or nil.
func (q *Question) Choice(id string) *Choice {
	for _, c := range q.Choices {
		if c.ID == id {
			return c
		}
	}
	return nil
}

// String implements fmt.Stringer for debugging output in tests.
func (v Value) String() string { return fmt.Sprintf("%q", v.Display()) }
