package summary

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/earlyid/earlyid/guidelines"
)

// TestAnnouncedRiskIsNotAFact: on the default guideline, "someone said they will keep your
// passport" answered yes is shown as a risk announced — its own section and a mark on the
// answer wherever it stands as evidence — not as documents already withheld, in every
// format; the JSON says so with "announced".
func TestAnnouncedRiskIsNotAFact(t *testing.T) {
	t.Parallel()
	g, s := scenarioSession(t, "mixed-flows-md-telegram-about-to-leave")
	if q := g.Question("offer_docs_keep"); q == nil || !q.Future {
		t.Fatal("the default guideline no longer marks offer_docs_keep future: true")
	}
	if s.Answers.Values["offer_docs_keep"].Str != "yes" {
		t.Fatal("the scenario no longer has the passport announced to be kept")
	}
	sum := build(t, g, s, "en", "")
	md := string(render(t, sum, FormatMarkdown))
	section := "## Risks announced, not yet happened\n\nThe person was told that these will happen; they have not happened yet, and can still be prevented.\n\n- Has anyone said they will keep your passport or other documents — on the way, at the border or at work? — **Yes** (announced, not yet happened)"
	if !strings.Contains(md, section) {
		t.Errorf("the Markdown lacks the announced risk:\n%s", md)
	}
	for _, in := range sum.Indicators {
		for _, e := range in.Evidence {
			if e.Question == "offer_docs_keep" && !e.Announced {
				t.Errorf("the evidence of %s reads the announcement as a fact", in.ID)
			}
		}
	}
	for lang, mark := range map[string]string{"ro": "(anunțat, nu s-a întâmplat încă)", "uk": "(оголошено, ще не сталося)", "ru": "(объявлено, ещё не произошло)"} {
		for _, format := range []string{FormatMarkdown, FormatHTML} {
			if out := string(render(t, build(t, g, s, lang, ""), format)); !strings.Contains(out, mark) {
				t.Errorf("%s %s lacks %q", lang, format, mark)
			}
		}
	}
	var doc struct {
		Announced []Answer `json:"announced"`
	}
	if err := json.Unmarshal(render(t, sum, FormatJSON), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Announced) == 0 || doc.Announced[0].Question != "offer_docs_keep" || !doc.Announced[0].Announced {
		t.Errorf("the JSON's announced risks: %+v", doc.Announced)
	}

	// Told no such thing: no section.
	s.Answers.Values["offer_docs_keep"] = guidelines.Value{Str: "no"}
	s.Answers.Values["offer_cost_repay"] = guidelines.Value{Str: "no"}
	if md := string(render(t, build(t, g, s, "en", ""), FormatMarkdown)); strings.Contains(md, "Risks announced") {
		t.Error("a summary with nothing announced has the section")
	}
}
