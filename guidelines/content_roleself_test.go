package guidelines_test

import (
	"strings"
	"testing"
	"unicode"
)

// politeLower is the polite "you" of Ukrainian and Russian, in the small letters that the
// texts said to the person do not use.
var politeLower = map[string]bool{}

func init() {
	for _, w := range strings.Fields("ви вам вас вами ваш ваша ваше ваші вашої вашого вашому вашим ваших вашій " +
		"вы ваши вашей вашего вашему вашем") {
		politeLower[w] = true
	}
}

// TestReferralsSpeakToThePerson: every referral of the built-in guidelines — the strict
// variant's by inheritance — says to the person, in each language, what the service does
// for them: a text of its own, not the staff's role, that never calls them a victim, and in
// English speaks to "you". The end of a self-check shows it beside each known contact.
func TestReferralsSpeakToThePerson(t *testing.T) {
	// The words for "victim" in the four languages: a person reading their own screen is
	// not told what they are (the services' own names, which may hold the word, are apart).
	victim := []string{"victim", "жертв"}
	for _, id := range []string{"mixed-flows-md", "mixed-flows-md-strict"} {
		g := embedded(t, id)
		if len(g.Referrals) == 0 {
			t.Fatalf("%s has no referral", id)
		}
		for _, r := range g.Referrals {
			for _, lang := range g.Languages {
				self := strings.TrimSpace(r.RoleSelf[lang])
				low := strings.ToLower(self)
				switch {
				case self == "":
					t.Errorf("%s: referral %s says nothing to the person in %s", id, r.ID, lang)
					continue
				case self == strings.TrimSpace(r.Role[lang]):
					t.Errorf("%s: referral %s shows the person the staff's role in %s", id, r.ID, lang)
				}
				for _, w := range victim {
					if strings.Contains(low, w) {
						t.Errorf("%s: referral %s calls the person a victim in %s: %q", id, r.ID, lang, self)
					}
				}
				// Ukrainian and Russian texts address the person with a capital (Ви, Вам,
				// Ваш; Вы), as every other text said to them does.
				for _, w := range strings.FieldsFunc(self, func(r rune) bool { return !unicode.IsLetter(r) }) {
					if politeLower[w] {
						t.Errorf("%s: referral %s writes %q without its capital in %s: %q", id, r.ID, w, lang, self)
					}
				}
			}
			if en := " " + strings.ToLower(r.RoleSelf["en"]); !strings.Contains(en, " you") {
				t.Errorf("%s: referral %s does not speak to the person: %q", id, r.ID, r.RoleSelf["en"])
			}
		}
	}
}
