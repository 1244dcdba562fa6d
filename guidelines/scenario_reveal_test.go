package guidelines

import (
	"slices"
	"strings"
	"testing"
)

// TestScenarioRevealLater: reveal_later is read as a list of question ids; an id that is no
// question of the guideline, one the scenario does not answer, and one listed twice are
// errors at their place in the file.
func TestScenarioRevealLater(t *testing.T) {
	g := mustEmbedded(t, "example")
	base := `format: earlyid/scenario/v1
id: reveal-test
guideline: example
title: {ro: "T", uk: "T", ru: "T", en: "T"}
answers:
  safe_to_talk: yes
  consent_interview: yes
expected:
  outcome: no_indicators
`
	s, ds := LoadScenarioBytes("ok.yaml", []byte(base+"reveal_later: [consent_interview]\n"))
	if s == nil || ds.HasErrors() {
		t.Fatalf("%v", ds)
	}
	if ds := CheckScenario(s, g); ds.HasErrors() || len(s.RevealLater) != 1 || s.RevealLater[0] != "consent_interview" {
		t.Errorf("reveal_later %v: %v", s.RevealLater, ds)
	}
	s, ds = LoadScenarioBytes("bad.yaml", []byte(base+"reveal_later: [consent_interview, no_such_question, job_offer, consent_interview]\n"))
	if s == nil {
		t.Fatalf("%v", ds)
	}
	var codes []string
	for _, d := range CheckScenario(s, g) {
		if d.Severity == SevError {
			codes = append(codes, d.Code)
		}
	}
	slices.Sort(codes)
	if got := strings.Join(codes, " "); got != "not_in_answers repeated_expected unknown_question" {
		t.Errorf("findings %s", got)
	}
}
