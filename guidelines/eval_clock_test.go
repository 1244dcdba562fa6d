package guidelines

import (
	"strings"
	"testing"
)

// clockGuideline has a condition in every place the format allows one; each test case
// puts a clock builtin into one of them (CLOCK_<place>) and a harmless condition into the
// others.
const clockGuideline = `format: earlyid/guideline/v1
id: clock
version: "1"
title: {en: Clock}
languages: [en]
privacy:
  share_identity_when: 'CLOCK_privacy'
profiles:
  - {id: adult, when: 'CLOCK_profile', text: {en: Adult}}
  - {id: anyone, when: "true", text: {en: Anyone}}
sections:
  - id: opening
    title: {en: Opening}
    questions:
      - {id: a, type: yesno, text: {en: "A?"}}
  - id: main
    title: {en: Main}
    when: 'CLOCK_section'
    questions:
      - {id: b, type: yesno, when: 'CLOCK_question', text: {en: "B?"}}
dimensions:
  - {id: d, stage: recruitment, text: {en: D}}
indicators:
  - {id: i, dimension: d, strength: strong, text: {en: I}, when: 'CLOCK_indicator'}
flags:
  - {id: f, urgency: priority, text: {en: F}, when: 'CLOCK_flag'}
scoring:
  element_positive:
    - {strong: 1}
  outcomes:
    - {id: found, level: high, text: {en: Found}, when: 'CLOCK_outcome'}
    - {id: nothing_found, level: low, text: {en: Nothing}, when: "true"}
referrals:
  - {id: r, name: {en: R}, role: {en: Helps}, contact: "1", when: 'CLOCK_referral'}
`

var clockPlaces = []string{"privacy", "profile", "section", "question", "indicator", "flag", "outcome", "referral"}

// clockCalls use each builtin that reads the clock or the computer's time zone, in a
// condition that would compile if the builtin were allowed.
var clockCalls = []string{
	`now() > date("2020-01-01")`,
	`date("2026-01-01") > date("2020-01-01")`,
	`duration("1h") > duration("1m")`,
	`timezone("UTC") != nil`,
}

func clockFile(place, call string) string {
	src := clockGuideline
	for _, p := range clockPlaces {
		cond := `a == "yes"`
		if p == place {
			cond = call
		}
		src = strings.Replace(src, "CLOCK_"+p, cond, 1)
	}
	return src
}

// TestClockBuiltinsAreRefusedEverywhere: the same answers must always give the same
// result, so a condition that reads the clock or the time zone (now, date, duration,
// timezone) is an error wherever a guideline writes it, and a condition compiled later
// from a guideline's parts (Compiler, as the summary does) is refused in every scope too.
func TestClockBuiltinsAreRefusedEverywhere(t *testing.T) {
	if g, ds := LoadBytes("clock.yaml", []byte(clockFile("", ""))); g == nil || ds.HasErrors() {
		t.Fatalf("the guideline without a clock does not load:\n%v", ds)
	}
	for _, call := range clockCalls {
		for _, place := range clockPlaces {
			_, ds := LoadBytes("clock.yaml", []byte(clockFile(place, call)))
			if !ds.HasErrors() {
				t.Errorf("%s in the %s condition is accepted", call, place)
			}
		}
	}
	g, _ := LoadBytes("clock.yaml", []byte(clockFile("", "")))
	for scope := ScopeAnswers; scope <= ScopeReferral; scope++ {
		cc := g.Compiler(scope)
		if _, err := cc.Compile(`a == "yes"`); err != nil {
			t.Fatalf("scope %d: a plain condition does not compile: %v", scope, err)
		}
		for _, call := range clockCalls {
			if _, err := cc.Compile(call); err == nil {
				t.Errorf("scope %d: Compiler accepts %s", scope, call)
			}
		}
	}
}
