package guidelines

import (
	"strings"
	"testing"

	"github.com/earlyid/earlyid/locales"
)

// TestSelfModeIntrosAreWrittenForThePerson: in self mode the person reads the section
// intros alone, so the default guideline (and its strict variant) gives the consent and
// work sections, whose spoken intros say "My name is …" and "I would like to ask", an
// intro_self in every language. The consent one keeps the spoken facts a person needs on
// screen: it names the two answers that skip a question as the screen labels them, and it
// has no blank for the interviewer's name.
func TestSelfModeIntrosAreWrittenForThePerson(t *testing.T) {
	for _, id := range []string{"mixed-flows-md", "mixed-flows-md-strict"} {
		g := mustEmbedded(t, id)
		for _, sid := range []string{"consent", "work"} {
			var sec *Section
			for _, s := range g.Sections {
				if s.ID == sid {
					sec = s
				}
			}
			if sec == nil {
				t.Fatalf("%s has no section %s", id, sid)
			}
			for _, lang := range g.Languages {
				if strings.TrimSpace(sec.IntroSelf[lang]) == "" {
					t.Errorf("%s section %s: no intro_self in %s", id, sid, lang)
				}
			}
			if sid != "consent" {
				continue
			}
			for lang, s := range sec.IntroSelf {
				l := locales.New(lang)
				for _, label := range []string{l.T("interview.answer.unknown", nil), l.T("interview.answer.declined", nil)} {
					if !strings.Contains(s, label) {
						t.Errorf("%s consent intro_self (%s) does not name the answer %q: %s", id, lang, label, s)
					}
				}
				if strings.Contains(s, "…") {
					t.Errorf("%s consent intro_self (%s) has a blank for the interviewer to fill: %s", id, lang, s)
				}
			}
		}
	}
}
