// Package bilingual gives guideline texts and UI messages in the two languages of an
// interview, the person's and the interviewer's, in the order the reader needs them. The
// TUI, the plain mode and autoplay all render both languages through it, so they agree on
// which language comes first and on when a text is shown only once.
package bilingual

import (
	"slices"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/locales"
)

// Languages are the two languages of one interview.
type Languages struct {
	// Person is the person's language, always one of the guideline's. Interviewer is the
	// interviewer's UI language; it is Person when the person answers alone, since nobody
	// else reads the screen.
	Person, Interviewer string
	// PersonUI and InterviewerUI speak the UI messages in Person and Interviewer.
	PersonUI, InterviewerUI *locales.Localizer

	content []string // the guideline's languages: its texts exist in these only
}

// New returns the languages of an interview of g with the person's language lang and the
// interviewer's uiLang. A lang the guideline lacks becomes its first language; an empty
// uiLang, or self (the person answers alone), makes the interviewer's language the person's.
func New(g *guidelines.Guideline, lang, uiLang string, self bool) Languages {
	lang = g.ContentLang(lang)
	if self || uiLang == "" {
		uiLang = lang
	}
	return Languages{
		Person: lang, Interviewer: uiLang,
		PersonUI: locales.New(lang), InterviewerUI: locales.New(uiLang),
		content: g.Languages,
	}
}

// InterviewerContent is the language guideline texts are given to the interviewer in:
// Interviewer when the guideline has it, else the person's language.
func (l Languages) InterviewerContent() string {
	if slices.Contains(l.content, l.Interviewer) {
		return l.Interviewer
	}
	return l.Person
}

// ForPerson returns t in the person's language, without Markdown emphasis markers.
func (l Languages) ForPerson(t guidelines.Text) string {
	return t.Plain(l.Person, l.content...)
}

// ForInterviewer returns t in the interviewer's language (InterviewerContent), without
// Markdown emphasis markers.
func (l Languages) ForInterviewer(t guidelines.Text) string {
	return t.Plain(l.InterviewerContent(), l.content...)
}

// Pair returns t in both languages: the person's first, or the interviewer's first when
// interviewerFirst (the interviewer's own questions: observations and the safety check,
// see interview.ForInterviewer). second is "" when both read the same, so the text is
// shown once.
func (l Languages) Pair(t guidelines.Text, interviewerFirst bool) (first, second string) {
	a, b := l.ForPerson(t), l.ForInterviewer(t)
	if interviewerFirst {
		a, b = b, a
	}
	if a == b {
		return a, ""
	}
	return a, b
}

// Message returns UI message id in both languages, ordered as Pair orders texts and
// joined with " · " ("Так · Da"), or once when both read the same.
func (l Languages) Message(id string, interviewerFirst bool) string {
	a, b := l.PersonUI.T(id, nil), l.InterviewerUI.T(id, nil)
	if interviewerFirst {
		a, b = b, a
	}
	if a == b {
		return a
	}
	return a + " · " + b
}
