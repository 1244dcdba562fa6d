package training

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/indicators"
	"github.com/earlyid/earlyid/interview"
)

// TestReportPilotByGroup breaks a synthetic pilot down by language, with the default
// minimum group size of 5. The scenarios, under the default rule set (strict in brackets)
// and with their count of indicators:
//
//	P israel-domestic-servitude  presumed_victim, high (high)      18 indicators
//	E exit-ban-smuggler-debt     presumed_victim, high (medium)    15
//	C chisinau-cafe-wages        exploited_no_means, medium        4
//	S shelter-no-signal          no_indicators, low                0
//
// The counts of indicators the followed-up interviews have, 0 aside, are 4, 15 and 18: every
// group has those thresholds by count. The groups, each interview followed up (id:
// identified, not: not identified), with its time on the questions:
//
//	ro  P×5 id, E×1 not, S×5 not   600 s each   followed up 11: 5 identified, 6 not
//	uk  P×2 id, S×3 not            300 s        5: 2 identified, 3 not
//	ru  E×5 id, C×5 not, P×1 not   900 s        11: 5 identified, 6 not
//	en  P×3 id, S×2 not            300 s        5: 3 identified, 2 not
//
// Withheld in the groups:
//
//   - uk and en: fewer than 5 identified (2, 3): the whole pilot. Together they hide 5
//     identified and 5 not, so nothing more is withheld for them (no complement). Their
//     medians stay, their results being shown: 5:00.
//   - ru, strict at high: only P screens positive (E is medium under strict): 1 positive,
//     withheld; so is ≥18 under both rule sets (P alone has 18 indicators). The withheld
//     groups uk and en hold 5 positives (their P) at every threshold, so no other row goes
//     with them.
//   - ro: nothing. Default at high: positive P5 + E1: TP 5, FP 1, FN 0, TN 5 → sensitivity
//     5/5, specificity 5/6, PPV 5/6, NPV 5/5. Strict at high: TP 5, FP 0, FN 0, TN 6.
//   - ru, default at high: TP 5 (E), FP 1 (P), FN 0, TN 5 (C); ≥15 the same.
//
// Cost: uk's median interview is one of shelter-no-signal (3 of its 5), 5:00, its pilot
// withheld but not its medians; ro 11 followed up, 5 identified, 6,600 s → 2.2 interviews
// and 1,320 s (22:00) per identified victim; ru 11, 5, 9,900 s → 2.2 and 33:00. All: 32 followed up, 15 identified,
// 19,500 s → 2.1 interviews and 1,300 s (21:40).
//
// Then without en: uk alone hides 2 identified, which subtraction from all would give
// away, so the shown group with the fewest identified, ro (5, ahead of ru's 5 in order),
// is withheld as well (complement).
func TestReportPilotByGroup(t *testing.T) {
	t.Parallel()
	strict, ds := guidelines.Open("mixed-flows-md-strict")
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	dir, noEN := t.TempDir(), t.TempDir()
	n := 0
	add := func(lang, scenario string, count int, result interview.FollowUpResult, seconds float64) {
		t.Helper()
		c := mustCase(t, "mixed-flows-md-"+scenario)
		for range count {
			n++
			s := session(t, c, fmt.Sprintf("MD-GRP%d-0001", n), copyValues(c), map[string]float64{"gender_pref": seconds})
			s.Lang = lang
			s.FollowUps = []interview.FollowUp{{Result: result, Recorded: t0}}
			data, _ := s.Marshal()
			os.WriteFile(filepath.Join(dir, s.Code+".json"), data, 0o600)
			if lang != "en" {
				os.WriteFile(filepath.Join(noEN, s.Code+".json"), data, 0o600)
			}
		}
	}
	id, not := interview.FollowUpIdentified, interview.FollowUpNotIdentified
	add("ro", "israel-domestic-servitude", 5, id, 600)
	add("ro", "exit-ban-smuggler-debt", 1, not, 600)
	add("ro", "shelter-no-signal", 5, not, 600)
	add("uk", "israel-domestic-servitude", 2, id, 300)
	add("uk", "shelter-no-signal", 3, not, 300)
	add("ru", "exit-ban-smuggler-debt", 5, id, 900)
	add("ru", "chisinau-cafe-wages", 5, not, 900)
	add("ru", "israel-domestic-servitude", 1, not, 900)
	add("en", "israel-domestic-servitude", 3, id, 300)
	add("en", "shelter-no-signal", 2, not, 300)

	report := func(dir string) *GuidelineReport {
		t.Helper()
		files, _ := CollectFiles([]string{dir})
		rep, err := NewReport(files, ReportOptions{AllScenarios: true, By: ByLanguage, Rescore: []*guidelines.Guideline{strict}})
		if err != nil {
			t.Fatal(err)
		}
		return rep.Guidelines[0]
	}
	gr := report(dir)
	groups := map[string]*Pilot{}
	for _, grp := range gr.Groups {
		groups[grp.Key] = &grp.Pilot
	}
	ro, uk, ru, en := groups["ro"], groups["uk"], groups["ru"], groups["en"]
	if ro == nil || uk == nil || ru == nil || en == nil {
		t.Fatalf("groups %v", groups)
	}
	for name, p := range map[string]*Pilot{"uk": uk, "en": en} {
		if !p.Suppressed || p.Complement || p.FollowedUp != 0 || len(p.Rules) != 0 || p.MedianSeconds != 300 {
			t.Errorf("%s: %+v, want withheld (not as a complement), medians kept", name, p)
		}
	}
	if ro.Suppressed || ru.Suppressed {
		t.Fatalf("ro or ru withheld: %+v, %+v", ro, ru)
	}
	counts := func(a Accuracy) [4]int { return [4]int{a.TP, a.FP, a.FN, a.TN} }
	if got := counts(ro.Rules[0].ByLevel[0]); got != [4]int{5, 1, 0, 5} {
		t.Errorf("ro, default, high: %v", got)
	}
	if got := counts(ro.Rules[1].ByLevel[0]); got != [4]int{5, 0, 0, 6} {
		t.Errorf("ro, strict, high: %v", got)
	}
	if got := counts(ru.Rules[0].ByLevel[0]); got != [4]int{5, 1, 0, 5} {
		t.Errorf("ru, default, high: %v", got)
	}
	for i, ra := range ru.Rules {
		for _, a := range ra.Accuracies() {
			want := a.AtLeast == 18 || i == 1 && a.Threshold == ThresholdHigh
			if a.Suppressed != want || a.Complement {
				t.Errorf("ru, %s, %s: withheld %v (complement %v), want %v", ra.Guideline.ID, a.Threshold, a.Suppressed, a.Complement, want)
			}
			if a.Suppressed && counts(a) != [4]int{} {
				t.Errorf("ru, %s, %s: withheld but holds %v", ra.Guideline.ID, a.Threshold, counts(a))
			}
		}
	}
	for _, p := range []*Pilot{ro, ru} {
		if len(p.Rules) != 2 || len(p.Rules[0].ByCount) != 3 || p.Rules[0].ByCount[2].AtLeast != 18 {
			t.Errorf("the thresholds by count are not those of all: %+v", p.Rules)
		}
	}
	// Whatever the groups, a share shown in one rests on at least 5 interviews: never 1 of 1.
	for _, grp := range gr.Groups[1:] {
		for _, ra := range grp.Pilot.Rules {
			for _, a := range ra.Accuracies() {
				for _, p := range []Proportion{a.Sensitivity(), a.Specificity(), a.PPV(), a.NPV()} {
					if !a.Suppressed && p.N > 0 && p.N < 5 {
						t.Errorf("%s, %s, %s: a share of %d/%d is shown", grp.Key, ra.Guideline.ID, a.Threshold, p.K, p.N)
					}
				}
			}
		}
	}
	// uk's median interview is one of its three of shelter-no-signal: the questions asked
	// are that scenario's answers to questions that apply.
	shelter := mustCase(t, "mixed-flows-md-shelter-no-signal")
	sa, err := indicators.Score(shelter.Guideline, shelter.Scenario.Answers)
	if err != nil {
		t.Fatal(err)
	}
	asked := 0
	for id := range shelter.Scenario.Answers.Values {
		if q := shelter.Guideline.Question(id); q != nil && sa.Applies[q.Index] {
			asked++
		}
	}
	if uk.MedianAsked != float64(asked) || asked == 0 {
		t.Errorf("uk: median %v questions asked, want %d", uk.MedianAsked, asked)
	}
	if n, sec, _ := ro.PerIdentified(); n != 2.2 || sec != 1320 {
		t.Errorf("ro: %v interviews, %v s per identified victim", n, sec)
	}
	rep := &Report{By: ByLanguage, MinGroup: DefaultMinGroup, Guidelines: []*GuidelineReport{gr}}
	requireRendered(t, rep, map[string][]string{
		FormatText: {"Accuracy against the follow-up — Romanian -- Finished interviews: 11.",
			"Accuracy against the follow-up — Ukrainian -- Not shown: too few of this group's interviews have a decision of the referral system (fewer than the minimum group size, 5)",
			"A share of so few people would point at a person. Cost: a finished interview takes 5:00 on its questions",
			"one formally identified victim took 2.2 interviews and 33:00 of interviewing", "one formally identified victim took 2.1 interviews and 21:40 of interviewing",
			"A row of dashes (“—”) hides its figures"},
		FormatCSV: {"mixed-flows-md,pilot_suppressed,language=uk,min_group,,Ukrainian,,,withheld", "mixed-flows-md,median_interview_seconds,language=uk,,300,",
			"mixed-flows-md,sensitivity,language=ro,high,1,Romanian,", "mixed-flows-md,specificity,language=ro,high,0.833,",
			"mixed-flows-md-strict,true_negative,sessions_of=mixed-flows-md&language=ro,high,6,",
			"mixed-flows-md-strict,accuracy_suppressed,sessions_of=mixed-flows-md&language=ru,high,,Russian,Outcome of high level,,withheld",
			"mixed-flows-md,accuracy_suppressed,language=ru,18,,", "mixed-flows-md,seconds_per_identified,language=ru,,1980,"},
	})
	var csv strings.Builder
	if err := rep.WriteCSV(&csv, "en"); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(csv.String(), "language=uk,high") || strings.Contains(csv.String(), ",identified,language=en,") {
		t.Errorf("the CSV shows a withheld group's figures")
	}

	gr = report(noEN)
	for _, grp := range gr.Groups {
		if p := grp.Pilot; grp.Key == "ro" && (!p.Suppressed || !p.Complement) || grp.Key == "ru" && p.Suppressed {
			t.Errorf("without en, %s: withheld %v, complement %v", grp.Key, p.Suppressed, p.Complement)
		}
	}
	requireRendered(t, &Report{By: ByLanguage, MinGroup: DefaultMinGroup, Guidelines: []*GuidelineReport{gr}}, map[string][]string{
		FormatText: {"Accuracy against the follow-up — Romanian -- Not shown, so that the figures of a smaller group cannot be worked out"},
		FormatCSV:  {"mixed-flows-md,pilot_suppressed,language=ro,complement,,Romanian,,,withheld_complement"},
	})
}

// TestReportPilotGroupUnfinished: by scenario, a scenario whose interviews all stopped part
// way has no figures against the follow-up (none of 0 finished, no median of nothing), while
// the other has them: 2 interviews of israel-domestic-servitude, finished and identified,
// and 2 of shelter-no-signal, in progress.
func TestReportPilotGroupUnfinished(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for i, sc := range []string{"israel-domestic-servitude", "israel-domestic-servitude", "shelter-no-signal", "shelter-no-signal"} {
		c := mustCase(t, "mixed-flows-md-"+sc)
		s := session(t, c, fmt.Sprintf("MD-UNF%d-0001", i), copyValues(c), map[string]float64{"gender_pref": 60})
		if i >= 2 {
			s.Status = interview.StatusInProgress
		}
		s.FollowUps = []interview.FollowUp{{Result: interview.FollowUpIdentified, Recorded: t0}}
		data, _ := s.Marshal()
		os.WriteFile(filepath.Join(dir, s.Code+".json"), data, 0o600)
	}
	files, _ := CollectFiles([]string{dir})
	rep, err := NewReport(files, ReportOptions{By: ByScenario})
	if err != nil {
		t.Fatal(err)
	}
	israel, shelter := txt(mustCase(t, "mixed-flows-md-israel-domestic-servitude").Scenario.Title, "en"), txt(mustCase(t, "mixed-flows-md-shelter-no-signal").Scenario.Title, "en")
	var text, csv strings.Builder
	rep.Render(&text, FormatText, "en")
	rep.WriteCSV(&csv, "en")
	if !strings.Contains(oneLine(text.String()), "Accuracy against the follow-up — "+israel) || strings.Contains(oneLine(text.String()), "Accuracy against the follow-up — "+shelter) {
		t.Errorf("want the pilot of %q only:\n%s", israel, text.String())
	}
	if !strings.Contains(csv.String(), "mixed-flows-md,followed_up,scenario=mixed-flows-md-israel-domestic-servitude,,2,") ||
		strings.Contains(csv.String(), "median_interview_seconds,scenario=mixed-flows-md-shelter-no-signal") {
		t.Errorf("want the pilot rows of israel-domestic-servitude only:\n%s", csv.String())
	}
}
