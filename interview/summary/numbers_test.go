package summary

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/earlyid/earlyid/guidelines"
)

// TestNumberAnswersInTheSummarysLanguage: 12.5 hours a day is evidence of excessive hours
// (12 or more). The summary writes it as its reader does, "12,5" in Romanian, Ukrainian and
// Russian; the JSON's answer stays the number a program reads.
var pointed = regexp.MustCompile(`12\.5[^0-9p]`)

func TestNumberAnswersInTheSummarysLanguage(t *testing.T) {
	t.Parallel()
	g, s := scenarioSession(t, scenarioAdult)
	s.Answers.Values["work_hours_day"] = guidelines.Value{Num: 12.5}
	for lang, want := range map[string]string{"en": "12.5", "ro": "12,5", "uk": "12,5", "ru": "12,5"} {
		sum := build(t, g, s, lang, "")
		for _, f := range []string{FormatMarkdown, FormatHTML} {
			out := string(render(t, sum, f))
			// (The style sheet's "12.5pt" is no figure.)
			if !strings.Contains(out, want) || lang != "en" && pointed.MatchString(out) {
				t.Errorf("%s %s: 12.5 hours is not written %q", lang, f, want)
			}
		}
		var doc struct {
			Indicators []struct {
				ID       string `json:"id"`
				Evidence []struct {
					Question string `json:"question"`
					Answer   any    `json:"answer"`
				} `json:"evidence"`
			} `json:"indicators"`
		}
		if err := json.Unmarshal(render(t, sum, FormatJSON), &doc); err != nil {
			t.Fatal(err)
		}
		found := false
		for _, in := range doc.Indicators {
			for _, e := range in.Evidence {
				if in.ID == "excessive_hours" && e.Answer == 12.5 {
					found = true
				}
			}
		}
		if !found {
			t.Errorf("%s JSON: excessive_hours lacks the answer 12.5 as a number: %+v", lang, doc.Indicators)
		}
	}
}
