package training

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"testing"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/interview"
)

// TestReportRescoreStrict scores a small pilot again with the strict rule set. Worked out by
// hand from the scenarios (default → strict):
//
//   - 3 finished interviews of exit-ban-smuggler-debt: presumed_victim → exploited_no_means
//     (strict wants coercion at destination as well): 3 changes, the rules differ;
//   - 2 of chisinau-cafe-wages: exploited_no_means under both: no change;
//   - 1 of telegram-construction-debt without its answer to gender_pref (a question that
//     applies, left unanswered): presumed_victim → exploited_no_means, a change where the
//     rule set needs a question never asked; gender_pref is reported, not guessed;
//   - 1 more of telegram-construction-debt without its answer to gender_pref, whose screen
//     was shown (the person left it): the same change, but the interview asked the question,
//     so the rules differ on the same missing answer, and gender_pref is not reported;
//   - 1 unfinished interview of exit-ban-smuggler-debt: not counted (outcomes count finished
//     interviews only).
//
// So: 7 finished, presumed_victim → exploited_no_means 5, exploited_no_means → same 2;
// changed 5 of 7: 4 by the rules, 1 where a question was never asked; gender_pref 1.
func TestReportRescoreStrict(t *testing.T) {
	t.Parallel()
	strict, ds := guidelines.Open("mixed-flows-md-strict")
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	dir := t.TempDir()
	n := 0
	add := func(scenario string, drop string, shown bool, status interview.Status) {
		t.Helper()
		c := mustCase(t, "mixed-flows-md-"+scenario)
		vals := copyValues(c)
		if drop != "" {
			if _, ok := vals[drop]; !ok {
				t.Fatalf("%s does not answer %s: the test tests less than it says", scenario, drop)
			}
			delete(vals, drop)
		}
		n++
		var secs map[string]float64
		if shown {
			secs = map[string]float64{drop: 20}
		}
		s := session(t, c, fmt.Sprintf("MD-RSC%d-0001", n), vals, secs)
		s.Status = status
		data, _ := s.Marshal()
		os.WriteFile(filepath.Join(dir, s.Code+".json"), data, 0o600)
	}
	for range 3 {
		add("exit-ban-smuggler-debt", "", false, interview.StatusFinished)
	}
	add("chisinau-cafe-wages", "", false, interview.StatusFinished)
	add("chisinau-cafe-wages", "", false, interview.StatusFinished)
	add("telegram-construction-debt", "gender_pref", false, interview.StatusFinished)
	add("telegram-construction-debt", "gender_pref", true, interview.StatusFinished)
	add("exit-ban-smuggler-debt", "", false, interview.StatusInProgress)
	files, _ := CollectFiles([]string{dir})
	rep, err := NewReport(files, ReportOptions{AllScenarios: true, MinGroup: 1, Rescore: []*guidelines.Guideline{strict}})
	if err != nil {
		t.Fatal(err)
	}
	gr := rep.Guidelines[0]
	if len(gr.Rescores) != 1 {
		t.Fatalf("%d rescores, want 1", len(gr.Rescores))
	}
	rs := gr.Rescores[0]
	wantCross := map[[2]string]int{{"presumed_victim", "exploited_no_means"}: 5, {"exploited_no_means", "exploited_no_means"}: 2}
	if rs.Finished != 7 || !maps.Equal(rs.Cross, wantCross) || rs.ByRules != 4 || rs.ByUnasked != 1 || !maps.Equal(rs.Unasked, map[string]int{"gender_pref": 1}) {
		t.Errorf("finished %d, cross %v, by rules %d, by unasked %d, unasked %v", rs.Finished, rs.Cross, rs.ByRules, rs.ByUnasked, rs.Unasked)
	}
	requireRendered(t, rep, map[string][]string{
		FormatText: {"Scored again with", "Outcome changed: 5 of 7; 4 because the rules differ, 1 where this rule set needs questions the interview never asked", "gender_pref ·"},
		FormatCSV: {"mixed-flows-md,rescore_outcome,rescore=mixed-flows-md-strict,presumed_victim>exploited_no_means,5,",
			"mixed-flows-md,rescore_changed,rescore=mixed-flows-md-strict,unasked,1,", "mixed-flows-md,rescore_unasked,rescore=mixed-flows-md-strict,gender_pref,1,"},
	})
	// A rule set that is the sessions' own guideline, or does not share its questions, scores
	// nothing again.
	rep, _ = NewReport(files, ReportOptions{AllScenarios: true, Rescore: []*guidelines.Guideline{gr.Guideline}})
	if len(rep.Guidelines[0].Rescores) != 0 {
		t.Errorf("the sessions' own guideline was rescored")
	}
}
