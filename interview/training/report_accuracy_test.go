package training

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/interview"
)

// TestWilsonAgainstNewcombe checks the 95% Wilson score interval against the values
// published in Newcombe, R. G. (1998), "Two-sided confidence intervals for the single
// proportion: comparison of seven methods", Statistics in Medicine 17, 857–872, Table II,
// method 3 (score interval without continuity correction).
func TestWilsonAgainstNewcombe(t *testing.T) {
	for _, c := range []struct {
		k, n      int
		low, high float64
	}{{81, 263, 0.2553, 0.3662}, {15, 148, 0.0624, 0.1605}, {0, 20, 0, 0.1611}, {1, 29, 0.0061, 0.1718}} {
		p := Wilson(c.k, c.n)
		if math.Abs(p.Low-c.low) > 0.00005 || math.Abs(p.High-c.high) > 0.00005 {
			t.Errorf("%d/%d: %.4f–%.4f, want %.4f–%.4f", c.k, c.n, p.Low, p.High, c.low, c.high)
		}
	}
}

// TestReportPilotAccuracy is a synthetic pilot with a known truth: finished interviews of
// scenarios whose outcomes are known, with follow-up results assigned here. Levels of the
// default rule set: presumed_victim and imminent_exploitation high, exploited_no_means,
// child_protection_case and further_assessment medium, no_indicators low.
//
//	israel-domestic-servitude   presumed_victim (high)       4: 3 identified, 1 not
//	chisinau-cafe-wages         exploited_no_means (medium)  3: 1 identified, 2 not
//	shelter-no-signal           no_indicators (low)          5: 1 identified, 4 not
//	exit-ban-smuggler-debt      presumed_victim (high; strict: exploited_no_means, medium)
//	                                                          2: 2 identified
//	israel-domestic-servitude   3 more: pending, lost to follow-up, none recorded
//	israel-domestic-servitude   1 unfinished, identified: not counted at all
//
// Finished 17; followed up 14, of them 7 identified; pending 1, lost 1, none 1.
//
// Every interview took 600 s: the 14 followed up 8,400 s, so one identified victim took
// 14/7 = 2 interviews and 1,200 s (20:00); per victim found by the default rule set at high,
// 14/5 = 2.8 interviews and 1,680 s (28:00); by the strict one at high, 14/3 ≈ 4.7 and
// 2,800 s (46:40).
//
// Default, positive = high: TP 3+2 = 5, FP 1, FN 1+1 = 2, TN 2+4 = 6 → sensitivity 5/7,
// specificity 6/7, PPV 5/6, NPV 6/8. Positive = high or medium: TP 5+1 = 6, FP 1+2 = 3,
// FN 1, TN 4 → 6/7, 4/7, 6/9, 4/5.
// Strict, high: exit-ban is medium now: TP 3, FP 1, FN 1+1+2 = 4, TN 6 → 3/7, 6/7, 3/4,
// 6/10; high or medium: the same as the default's, 6/7, 4/7, 6/9, 4/5.
//
// By count of indicators present (the two rule sets share them, so the same for both; from
// the scenarios' expected sets): israel 18, exit-ban 15, chisinau 4, shelter 0. The counts
// listed are those a followed-up interview has, 0 aside: 4, 15 and 18.
//
//	≥4:  positive israel, exit-ban, chisinau: TP 3+2+1 = 6, FP 1+2 = 3, FN 1, TN 4
//	≥15: positive israel, exit-ban: TP 5, FP 1, FN 1+1 = 2, TN 2+4 = 6
//	≥18: positive israel: TP 3, FP 1, FN 1+2+1 = 4, TN 2+4 = 6 → sensitivity 3/7 = 42.9%
//	     (15.8–75.0%), PPV 3/4
func TestReportPilotAccuracy(t *testing.T) {
	t.Parallel()
	strict, ds := guidelines.Open("mixed-flows-md-strict")
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	dir := t.TempDir()
	n := 0
	add := func(scenario string, count int, result interview.FollowUpResult, status interview.Status) {
		t.Helper()
		c := mustCase(t, "mixed-flows-md-"+scenario)
		for range count {
			n++
			// 600 s on the question screens, whatever was asked: 10:00 an interview.
			s := session(t, c, fmt.Sprintf("MD-PLT%d-0001", n), copyValues(c), map[string]float64{"gender_pref": 600})
			s.Status = status
			if result != "" {
				// An earlier result, changed since: only the last counts.
				s.FollowUps = []interview.FollowUp{{Result: interview.FollowUpPending, Recorded: t0}, {Result: result, Recorded: t0}}
			}
			data, _ := s.Marshal()
			os.WriteFile(filepath.Join(dir, s.Code+".json"), data, 0o600)
		}
	}
	fin := interview.StatusFinished
	add("israel-domestic-servitude", 3, interview.FollowUpIdentified, fin)
	add("israel-domestic-servitude", 1, interview.FollowUpNotIdentified, fin)
	add("chisinau-cafe-wages", 1, interview.FollowUpIdentified, fin)
	add("chisinau-cafe-wages", 2, interview.FollowUpNotIdentified, fin)
	add("shelter-no-signal", 1, interview.FollowUpIdentified, fin)
	add("shelter-no-signal", 4, interview.FollowUpNotIdentified, fin)
	add("exit-ban-smuggler-debt", 2, interview.FollowUpIdentified, fin)
	add("israel-domestic-servitude", 1, interview.FollowUpPending, fin)
	add("israel-domestic-servitude", 1, interview.FollowUpLost, fin)
	add("israel-domestic-servitude", 1, "", fin)
	add("israel-domestic-servitude", 1, interview.FollowUpIdentified, interview.StatusInProgress)
	files, _ := CollectFiles([]string{dir})
	rep, err := NewReport(files, ReportOptions{AllScenarios: true, Rescore: []*guidelines.Guideline{strict}})
	if err != nil {
		t.Fatal(err)
	}
	p := rep.Guidelines[0].Groups[0].Pilot
	if p.Finished != 17 || p.FollowedUp != 14 || p.Identified != 7 || p.Pending != 1 || p.Lost != 1 || p.NoResult != 1 || len(p.Rules) != 2 {
		t.Fatalf("pilot %+v", p)
	}
	want := map[string][2][4]int{ // rule set → threshold → TP, FP, FN, TN
		"mixed-flows-md":        {{5, 1, 2, 6}, {6, 3, 1, 4}},
		"mixed-flows-md-strict": {{3, 1, 4, 6}, {6, 3, 1, 4}},
	}
	for _, ra := range p.Rules {
		for i, a := range ra.ByLevel {
			if got := [4]int{a.TP, a.FP, a.FN, a.TN}; got != want[ra.Guideline.ID][i] {
				t.Errorf("%s, %s: TP/FP/FN/TN %v, want %v", ra.Guideline.ID, a.Threshold, got, want[ra.Guideline.ID][i])
			}
		}
	}
	wantCounts := []struct {
		atLeast        int
		tp, fp, fn, tn int
	}{{4, 6, 3, 1, 4}, {15, 5, 1, 2, 6}, {18, 3, 1, 4, 6}}
	for _, ra := range p.Rules {
		if len(ra.ByCount) != len(wantCounts) {
			t.Fatalf("%s: %d thresholds by count, want %d: %+v", ra.Guideline.ID, len(ra.ByCount), len(wantCounts), ra.ByCount)
		}
		for i, w := range wantCounts {
			a := ra.ByCount[i]
			if a.AtLeast != w.atLeast || a.Threshold != fmt.Sprint(w.atLeast) || [4]int{a.TP, a.FP, a.FN, a.TN} != [4]int{w.tp, w.fp, w.fn, w.tn} {
				t.Errorf("%s, at least %d: %+v, want TP/FP/FN/TN %d/%d/%d/%d", ra.Guideline.ID, w.atLeast, a, w.tp, w.fp, w.fn, w.tn)
			}
		}
	}
	if n, sec, ok := p.PerIdentified(); !ok || n != 2 || sec != 1200 || p.MedianSeconds != 600 {
		t.Errorf("per identified %v interviews, %v s (%v); median %v s", n, sec, ok, p.MedianSeconds)
	}
	if n, sec, _ := p.PerFound(p.Rules[1].ByLevel[0]); math.Abs(n-14.0/3) > 1e-9 || sec != 2800 {
		t.Errorf("strict, high: %v interviews, %v s per victim found", n, sec)
	}
	if s := p.Rules[0].ByLevel[0].Sensitivity(); s.K != 5 || s.N != 7 || s.Low >= 5.0/7 || s.High <= 5.0/7 {
		t.Errorf("sensitivity %+v", s)
	}
	requireRendered(t, rep, map[string][]string{
		FormatText: {"Accuracy against the follow-up", "Finished interviews: 17. The referral system has decided about 14 of them (7 formally identified as victims); not counted below: pending 1, lost to follow-up 1, no follow-up recorded 1.",
			"71.4% (35.9–91.8%) · 5/7", "verification bias",
			"At least 18 indicators present 42.9% (15.8–75.0%) · 3/7", "Rule set: Early identification in mixed migratory flows (Republic of Moldova) — strict (“survey”) variant (mixed-flows-md-strict)", "At least 4 indicators present", "the cut-off of a screening tool", "one formally identified victim took 2 interviews and 20:00 of interviewing", "2.8 · 28:00", "4.7 · 46:40"},
		FormatHTML: {"Sensitivity and specificity, by rule set and threshold", "mixed-flows-md-strict · high · Sensitivity", "mixed-flows-md · ≥18 indicators · Specificity"},
		FormatCSV: {"mixed-flows-md,followed_up,all,,14,", "mixed-flows-md,sensitivity,all,high,0.714,", "mixed-flows-md-strict,sensitivity,sessions_of=mixed-flows-md,high,0.429,",
			"mixed-flows-md-strict,npv,sessions_of=mixed-flows-md,high,0.6,", "mixed-flows-md,false_negative,all,high_or_medium,1,",
			"mixed-flows-md,interviews_per_identified,all,,2,", "mixed-flows-md,sensitivity,all,18,0.429,All,At least 18 indicators present,42.9,", "mixed-flows-md-strict,true_positive,sessions_of=mixed-flows-md,4,6,",
			"mixed-flows-md,ppv,all,15,0.833,", "mixed-flows-md-strict,seconds_per_true_positive,sessions_of=mixed-flows-md,high,2800,"},
	})
	// The same figures with a decimal comma in Romanian, Ukrainian and Russian (PPV at ≥15
	// is 5/6 = 83.3%); the CSV stays as a program reads it, whatever the labels' language.
	for _, lang := range []string{"ro", "uk", "ru"} {
		requireRenderedIn(t, rep, lang, map[string][]string{
			FormatText: {"71,4% (35,9–91,8%) · 5/7", "42,9% (15,8–75,0%) · 3/7", "83,3% (43,6–97,0%) · 5/6", "2,8 · 28:00", "4,7 · 46:40"},
			FormatHTML: {"71,4% (35,9–91,8%) · 5/7", "83,3% (43,6–97,0%) · 5/6"},
			FormatCSV:  {"mixed-flows-md,ppv,all,15,0.833,", ",42.9,", "mixed-flows-md,sensitivity,all,high,0.714,"},
		})
		var b bytes.Buffer
		if err := rep.Render(&b, FormatText, lang); err != nil {
			t.Fatal(err)
		}
		if out := b.String(); strings.Contains(out, "71.4") || strings.Contains(out, "83.3") || strings.Contains(out, "2.8 ") {
			t.Errorf("%s text keeps a decimal point:\n%s", lang, out)
		}
	}
	requireRendered(t, rep, map[string][]string{FormatText: {"83.3% (43.6–97.0%) · 5/6"}})
}
