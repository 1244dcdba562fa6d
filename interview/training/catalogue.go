package training

import (
	"io"
	"strings"
	"unicode"

	"github.com/earlyid/earlyid/indicators"
)

// RenderCatalogue writes the list of cases for a trainer choosing one, in format (text, md
// or html) with labels in uiLang: each scenario's id and title, the languages it is written
// in, the profile its answers give, the outcome it expects, and the first sentence of its
// lesson.
func RenderCatalogue(w io.Writer, cases []*Case, format, uiLang string) error {
	var doc *document
	var items []item
	for _, c := range cases {
		g, sc := c.Guideline, c.Scenario
		t := newDebriefText(g, uiLang)
		if doc == nil {
			doc = &document{Lang: uiLang, Title: t.T("train.list.title", nil), Banner: t.T("common.training_banner", nil), Width: textWidth}
			doc.p(t.T("train.list.intro", nil))
		}
		var langs []string
		for _, l := range g.Languages {
			if strings.TrimSpace(sc.Title[l]) != "" {
				langs = append(langs, l)
			}
		}
		profile := "—"
		if a, err := indicators.Score(g, sc.Answers); a != nil && a.Profile != "" {
			profile = t.profile(a.Profile)
		} else if err != nil {
			profile = "?"
		}
		it := item{Text: sc.ID + " — " + txt(sc.Title, t.lang), Sub: []string{
			t.T("train.list.about", map[string]any{"Langs": strings.Join(langs, ", "), "Profile": profile, "Outcome": firstSentence(t.outcome(g.Outcome(sc.Expected.Outcome)))}),
		}}
		if lesson := firstSentence(sc.Lesson.Plain(t.lang)); lesson != "" {
			it.Sub = append(it.Sub, lesson)
		}
		items = append(items, it)
	}
	if doc == nil {
		doc = &document{Lang: uiLang}
	}
	doc.list(items)
	return doc.render(w, format)
}

// firstSentence returns s up to the end of its first sentence (a full stop, question or
// exclamation mark followed by a space), on one line.
func firstSentence(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	for i, c := range r {
		if (c == '.' || c == '?' || c == '!') && i+1 < len(r) && unicode.IsSpace(r[i+1]) {
			return string(r[:i+1])
		}
	}
	return s
}
