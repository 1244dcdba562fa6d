package guidelinestest

import (
	"testing"

	"github.com/earlyid/earlyid/guidelines"
)

// FailsAtRunTime returns a guideline that loads and validates but whose one indicator,
// i_nu, fails while it is evaluated unless the text question nu holds a number: it reads
// the text as one (int(nu)), which no load-time check can see through. Its only outcome is
// rest. The scoring and engine tests of a run-time failure share it.
func FailsAtRunTime(t testing.TB) *guidelines.Guideline {
	t.Helper()
	g, ds := guidelines.LoadBytes("fails_at_run_time.yaml", []byte(failsAtRunTime))
	if g == nil || ds.HasErrors() {
		t.Fatalf("the test guideline does not load: %v", ds)
	}
	return g
}

const failsAtRunTime = `format: earlyid/guideline/v1
id: fails-at-run-time
version: "1"
title: Fails at run time
languages: [en]
sections:
  - id: main
    title: Main
    questions:
      - {id: nu, type: text, text: N}
dimensions:
  - {id: dim, stage: exploitation, text: D}
indicators:
  - {id: i_nu, dimension: dim, strength: weak, text: I, when: 'int(nu) > 10'}
scoring:
  element_positive:
    - {strong: 2}
  outcomes:
    - {id: rest, level: low, text: None, when: "true"}
`
