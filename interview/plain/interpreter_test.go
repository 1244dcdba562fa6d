package plain

import (
	"strings"
	"testing"

	"github.com/earlyid/earlyid/interview"
)

// At the guideline's interpreter question, plain mode says what the setup recorded and an
// empty line takes it, as Enter takes the preselected answer on the full screen.
func TestInterpreterQuestionIsPrefilledFromTheSetup(t *testing.T) {
	g := openGuideline(t, "mixed-flows-md")
	e := newEngine(t, g, interview.ModeReal, "en", "en", interview.NewMemoryStore(), nil)
	e.SetInterpreter(false)
	if err := e.Start(); err != nil {
		t.Fatal(err)
	}
	if err := e.Goto(interview.InterpreterQuestion); err != nil {
		t.Fatal(err)
	}
	_, out := run(t, e, "\n:quit\n")
	if !strings.Contains(out, "From the setup: Not needed: we speak the same language (Enter keeps it)") {
		t.Errorf("plain mode does not show the setup's answer:\n%s", out)
	}
	if v := e.Session().Answers.Values[interview.InterpreterQuestion]; v.Str != "not_needed" {
		t.Errorf("an empty line answered %+v, want the setup's not_needed", v)
	}
}
