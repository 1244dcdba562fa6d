package guidelines

import (
	"os"
	"strings"
	"testing"

	"github.com/earlyid/earlyid/locales"
)

// TestRussianDeclinedAnswerIsQuotedAsTheScreenShowsIt: the Russian texts of the default
// guideline quote the "prefer not to answer" choice. «Предпочитаю не отвечать» is a calque
// of the English; the screen now says «Не хочу отвечать», and a person
// told about one label must not find another among the choices.
func TestRussianDeclinedAnswerIsQuotedAsTheScreenShowsIt(t *testing.T) {
	label := locales.New("ru").T("interview.answer.declined", nil)
	if strings.Contains(strings.ToLower(label), "предпочитаю") {
		t.Fatalf("the Russian screen label is still the calque %q", label)
	}
	data, err := os.ReadFile("mixed-flows-md.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(strings.ToLower(string(data)), "предпочитаю не отвечать") {
		t.Errorf("mixed-flows-md.yaml still quotes «Предпочитаю не отвечать»; the label is %q", label)
	}
	g := mustEmbedded(t, "mixed-flows-md")
	for _, sec := range g.Sections {
		if sec.ID != "consent" {
			continue
		}
		for _, s := range []string{sec.Intro["ru"], sec.IntroSelf["ru"]} {
			if !strings.Contains(s, "«"+label+"»") {
				t.Errorf("the Russian consent intro does not quote «%s»: %s", label, s)
			}
		}
	}
}
