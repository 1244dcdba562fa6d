package training

import (
	"strings"
	"testing"
	"time"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/interview"
)

// t0 is the fixed start of every test session.
var t0 = time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)

// tick returns a clock that moves one second forward at every call, so an engine driven by
// a test records non-zero, reproducible timings.
func tick() func() time.Time {
	now := t0
	return func() time.Time {
		now = now.Add(time.Second)
		return now
	}
}

// mustCase looks up an embedded scenario.
func mustCase(t testing.TB, id string) *Case {
	t.Helper()
	c, _, err := Lookup(id, "")
	if err != nil {
		t.Fatalf("Lookup(%s): %v", id, err)
	}
	return c
}

// shipped returns the embedded scenarios of the mixed-flows-md guidelines.
func shipped(t testing.TB) []*Case {
	t.Helper()
	all, err := guidelines.EmbeddedScenarios()
	if err != nil {
		t.Fatalf("embedded scenarios: %v", err)
	}
	var out []*Case
	for _, s := range all {
		if len(s.ID) > len("mixed-flows-md") && s.ID[:len("mixed-flows-md")] == "mixed-flows-md" {
			out = append(out, mustCase(t, s.ID))
		}
	}
	if len(out) < 8 {
		t.Fatalf("only %d shipped scenarios", len(out))
	}
	return out
}

// session returns a finished training session of c's guideline with the given answers
// and per-question seconds.
func session(t testing.TB, c *Case, code string, vals map[string]guidelines.Value, secs map[string]float64) *interview.Session {
	t.Helper()
	s, err := interview.NewSession(c.Guideline, code, interview.ModeTraining, "en", "en", t0)
	if err != nil {
		t.Fatal(err)
	}
	s.Scenario = c.Scenario.ID
	s.Status = interview.StatusFinished
	for id, v := range vals {
		s.Answers.Values[id] = v
	}
	for id, sec := range secs {
		s.Timings[id] = &interview.Timing{Seconds: sec, Visits: 1}
	}
	return s
}

// copyValues returns a copy of the scenario's answers.
func copyValues(c *Case) map[string]guidelines.Value {
	out := make(map[string]guidelines.Value, len(c.Scenario.Answers.Values))
	for k, v := range c.Scenario.Answers.Values {
		out[k] = v
	}
	return out
}

func str(s string) guidelines.Value  { return guidelines.Value{Str: s} }
func num(f float64) guidelines.Value { return guidelines.Value{Num: f} }

// oneLine joins the lines of a text layout (wrapped at textWidth) and its runs of spaces,
// so that a test can look for a sentence whatever its line breaks.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
