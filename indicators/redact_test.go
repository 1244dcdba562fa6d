package indicators

import (
	"strings"
	"testing"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/guidelines/guidelinestest"
	"github.com/earlyid/earlyid/locales"
)

// TestUnevaluatedReasonHidesTheAnswer: when a condition fails on a text answer (the
// person's own words: a name, a phone number), expr's message quotes the value; the reason
// the result screen, the summary and the debrief show must not, since a sensitive answer
// withheld from the summary would come back through it. The rest of the reason — the file's
// place and the condition — stays for the guideline's authors.
func TestUnevaluatedReasonHidesTheAnswer(t *testing.T) {
	g := guidelinestest.FailsAtRunTime(t)
	for _, answer := range []string{"Ivan", "Ivan Petrov +37369123456", `say "in" then`} {
		a, err := Score(g, guidelines.Answers{Values: map[string]guidelines.Value{"nu": {Str: answer}}})
		if a == nil || err == nil || len(a.Unevaluated) != 1 {
			t.Fatalf("%q: the condition did not fail as the test needs: %v", answer, err)
		}
		reason := a.Unevaluated[0].Reason(locales.New("en"))
		if strings.Contains(reason, "Ivan") || strings.Contains(reason, "3736") || strings.Contains(reason, `"in"`) {
			t.Errorf("%q: the reason quotes the answer: %s", answer, reason)
		}
		if !strings.Contains(reason, "fails_at_run_time.yaml:") || !strings.Contains(reason, "int(nu) > 10") {
			t.Errorf("%q: the reason lost the place or the condition: %s", answer, reason)
		}
	}
}
