package interview

import (
	"testing"
	"time"

	"github.com/earlyid/earlyid/guidelines"
)

// atInterpreter returns an engine over a new session of the default guideline whose setup
// recorded present, at the interpreter question.
func atInterpreter(t *testing.T, present bool) (*Engine, *Session) {
	t.Helper()
	g, ds := guidelines.Open(guidelines.DefaultID)
	if g == nil || ds.HasErrors() {
		t.Fatal(ds)
	}
	s, err := NewSession(g, "MD-INTP-0001", ModeReal, "uk", "ro", time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	e, err := New(g, s, NewMemoryStore())
	if err != nil {
		t.Fatal(err)
	}
	e.SetInterpreter(present)
	if err := e.Start(); err != nil {
		t.Fatal(err)
	}
	if err := e.Goto(InterpreterQuestion); err != nil {
		t.Fatal(err)
	}
	return e, s
}

// The setup's "no interpreter" pre-fills the guideline's interpreter question with the
// choice that says none; "an interpreter is present" pre-fills nothing, since which kind
// (a professional, a volunteer, the companion) is for the interviewer to say. The answer
// given then is the session's record, whatever the setup said.
func TestInterpreterAnswerWinsOverTheSetup(t *testing.T) {
	e, s := atInterpreter(t, false)
	st := e.Current()
	if !st.Prefilled || st.Answered || st.Value.Str != "not_needed" {
		t.Errorf("with no interpreter set up, the question shows %+v (prefilled %v), want not_needed suggested", st.Value, st.Prefilled)
	}
	if err := e.Answer(guidelines.Value{Str: "professional"}); err != nil {
		t.Fatal(err)
	}
	if !s.Interpreter {
		t.Error("the answer \"a professional interpreter\" leaves the session saying no interpreter was there")
	}

	e, s = atInterpreter(t, true)
	if st := e.Current(); st.Prefilled {
		t.Errorf("with an interpreter set up, the kind of interpreter is assumed: %+v", st.Value)
	}
	if err := e.Answer(guidelines.Value{Str: "not_needed"}); err != nil {
		t.Fatal(err)
	}
	if s.Interpreter {
		t.Error("the answer \"not needed\" leaves the session saying an interpreter was there")
	}
	if err := e.Goto(InterpreterQuestion); err != nil {
		t.Fatal(err)
	}
	if err := e.Answer(guidelines.Value{Special: guidelines.Unknown}); err != nil {
		t.Fatal(err)
	}
	if s.Interpreter {
		t.Error("\"don't know\" changed what the earlier answer recorded")
	}
}
