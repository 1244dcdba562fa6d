package web

import (
	"html"
	"strings"
	"testing"

	"github.com/earlyid/earlyid/guidelines"
)

// The end page says, in the person's language and under each contact, what the service
// does for them (role_self), and never the text written for staff (role: "given to
// everyone, as information"), which speaks about the person.
func TestEndPageSaysWhatEachServiceDoes(t *testing.T) {
	g := openGuideline(t, guidelines.DefaultID)
	sc := scenario(t, "mixed-flows-md-grandmother-no-indicators")
	for _, lang := range g.Languages {
		b := newBrowser(t, newServer(t, Config{Guideline: g}))
		completeScenario(t, b, g, sc, lang)
		page := html.UnescapeString(b.page)
		i, j := strings.Index(page, `<ul class="help">`), strings.Index(page, "</ul>")
		if i < 0 || j < i {
			t.Fatalf("%s: the end page lists no contact:\n%s", lang, b.page)
		}
		help := page[i:j]
		n := 0
		for _, r := range g.Referrals {
			if !r.Reachable() {
				continue
			}
			n++
			if self := r.RoleSelf.Plain(lang); !strings.Contains(help, "<p>"+self+"</p></li>") {
				t.Errorf("%s: the end page lacks, under %s, what it does for the person: %q\n%s", lang, r.ID, self, help)
			}
			if role := r.Role.Plain(lang); strings.Contains(page, role) {
				t.Errorf("%s: the end page shows the staff's text of %s: %q", lang, r.ID, role)
			}
		}
		if n == 0 {
			t.Fatal("the default guideline has no contact to show")
		}
	}
}
