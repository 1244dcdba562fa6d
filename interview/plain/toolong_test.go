package plain

import (
	"strings"
	"testing"

	"github.com/earlyid/earlyid/interview"
	"github.com/earlyid/earlyid/locales"
)

// TestTextLongerThanTheLimit: a note or closing remarks longer than interview.MaxText are
// refused with the reason, and nothing of them is kept; at the limit they are kept.
func TestTextLongerThanTheLimit(t *testing.T) {
	en := locales.New("en")
	refusal := en.T("interview.error.too_long", map[string]any{"Value": interview.MaxText + 1, "Max": interview.MaxText})
	over, at := strings.Repeat("ț", interview.MaxText+1), strings.Repeat("ț", interview.MaxText)

	e := exampleEngine(t, interview.ModeTraining, interview.NewMemoryStore())
	_, out := run(t, e, "y\n:note "+over+"\n:quit\n")
	if !strings.Contains(out, refusal) || len(e.Session().Answers.Notes) != 0 {
		t.Errorf("a note over the limit: notes %d, output lacks %q", len(e.Session().Answers.Notes), refusal)
	}
	e = exampleEngine(t, interview.ModeTraining, interview.NewMemoryStore())
	run(t, e, "y\n:note "+at+"\n:quit\n")
	if len(e.Session().Answers.Notes) != 1 {
		t.Errorf("a note at the limit was not kept")
	}

	g := openGuideline(t, "example")
	complete := strings.Join(answerLines(t, g, findScenario(t, "example-minor-kitchen").Answers), "\n") + "\n"
	e = exampleEngine(t, interview.ModeTraining, interview.NewMemoryStore())
	_, out = run(t, e, complete+":remarks "+over+"\n:remarks\n"+over+"\n\n:quit\n")
	if strings.Count(out, refusal) != 2 || e.Session().Remarks != "" {
		t.Errorf("remarks over the limit: kept %d characters, %d refusals", len(e.Session().Remarks), strings.Count(out, refusal))
	}
}
