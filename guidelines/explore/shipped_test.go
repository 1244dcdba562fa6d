package explore_test

import (
	"strings"
	"testing"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/guidelines/explore"
)

// TestShippedGuidelinesReachEverything: random interviews over each built-in guideline reach
// every section and question and can produce every indicator, outcome, flag and referral —
// no "never reached / never present" warning, not only no error. A part nothing can reach
// is dead weight an author believes is working (2,000 runs, as the README's
// `validate --explore 2000` check; seed fixed so a failure can be replayed).
func TestShippedGuidelinesReachEverything(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("2,000 random interviews per guideline")
	}
	gs, err := guidelines.Embedded()
	if err != nil {
		t.Logf("some embedded guidelines do not load (tested in package guidelines): %v", err)
	}
	for _, g := range gs {
		t.Run(g.ID, func(t *testing.T) {
			rep := explore.Run(g, 2000, 1)
			for _, d := range rep.Diagnostics {
				if strings.HasPrefix(d.Code, "explore_") {
					t.Errorf("%s", d.Error())
				}
			}
		})
	}
}
