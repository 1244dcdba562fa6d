package summary

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/guidelines/guidelinestest"
	"github.com/earlyid/earlyid/interview"
)

// TestSummaryOfAnIncompleteResult: a guideline whose condition fails while it runs (a text
// read as a number) still gives the case its referral summary — the interview shows a
// result, so the summary a specialist hands on must exist too — and every format says,
// above the outcome, which part could not be evaluated and why (with the guideline's line),
// in the summary's language; the JSON lists it and validates.
func TestSummaryOfAnIncompleteResult(t *testing.T) {
	t.Parallel()
	g := guidelinestest.FailsAtRunTime(t)
	s, err := interview.NewSession(g, "MD-7K3Q-2PXA", interview.ModeTraining, "en", "en", interviewed)
	if err != nil {
		t.Fatal(err)
	}
	s.Answers.Values["nu"] = guidelines.Value{Str: "twelve"}
	s.Status, s.Updated = interview.StatusFinished, interviewed.Add(10*time.Minute)
	a, err := Assess(g, s)
	if err != nil {
		t.Fatalf("Assess refused a result with a part that could not be evaluated: %v", err)
	}
	if len(a.Unevaluated) != 1 || a.Unevaluated[0].ID != "i_nu" {
		t.Fatalf("unevaluated = %+v, want the indicator i_nu", a.Unevaluated)
	}
	sum, err := Build(g, s, a, Options{Lang: "en", Generated: generated, Location: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	for _, format := range []string{FormatMarkdown, FormatHTML} {
		out := string(render(t, sum, format))
		why := strings.Index(out, "Could not be evaluated")
		item := strings.Index(out, "i_nu")
		outcome := strings.Index(out, "None") // the outcome's text
		if why < 0 || item < why || outcome < item {
			t.Errorf("%s: the part that could not be evaluated is not said above the outcome:\n%s", format, out)
		}
		if !strings.Contains(out, "fails_at_run_time.yaml:") {
			t.Errorf("%s: the reason does not name the guideline's place:\n%s", format, out)
		}
	}
	js := render(t, sum, FormatJSON)
	var got struct {
		Unevaluated []struct{ Kind, ID, Reason string }
	}
	if err := json.Unmarshal(js, &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Unevaluated) != 1 || got.Unevaluated[0].Kind != "indicator" || got.Unevaluated[0].ID != "i_nu" || got.Unevaluated[0].Reason == "" {
		t.Errorf("the JSON does not list the indicator:\n%s", js)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(js))
	if err != nil {
		t.Fatal(err)
	}
	if err := summarySchema(t).Validate(doc); err != nil {
		t.Errorf("the JSON of an incomplete result does not validate: %v", err)
	}
}
