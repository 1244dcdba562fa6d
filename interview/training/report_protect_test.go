package training

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/interview"
)

// groupPlan is n finished sessions of a shipped scenario with the answer to citizenship
// replaced: a choice id, "unknown" or "declined".
type groupPlan struct {
	scenario, citizenship string
	n                     int
}

// genPlanned writes the planned sessions into dir (languages and seconds seeded), each with
// a note and a marker in every text answer, as genSessions does.
func genPlanned(t testing.TB, dir string, plans []groupPlan, seed uint64) []*interview.Session {
	t.Helper()
	r := rand.New(rand.NewPCG(seed, 11))
	var out []*interview.Session
	i := 0
	for _, p := range plans {
		c := mustCase(t, p.scenario)
		g := c.Guideline
		for range p.n {
			code := fmt.Sprintf("MD-%04d-PL%02d", i, i%97)
			s, err := interview.NewSession(g, code, interview.ModeTraining, g.Languages[r.IntN(len(g.Languages))], "en", t0)
			if err != nil {
				t.Fatal(err)
			}
			s.Scenario, s.Status = c.Scenario.ID, interview.StatusFinished
			ids := slices.Sorted(func(yield func(string) bool) {
				for id := range c.Scenario.Answers.Values {
					if !yield(id) {
						return
					}
				}
			})
			for _, id := range ids {
				v := c.Scenario.Answers.Values[id]
				if q := g.Question(id); q != nil && q.Type == guidelines.TypeText && !v.IsSpecial() {
					v = guidelines.Value{Str: fmt.Sprintf("SECRET-ANSWER-%d", i)}
				}
				s.Answers.Values[id] = v
				s.Timings[id] = &interview.Timing{Seconds: float64(1 + r.IntN(90)), Visits: 1}
			}
			switch p.citizenship {
			case guidelines.Unknown:
				s.Answers.Values["citizenship"] = guidelines.UnknownValue
			case guidelines.Declined:
				s.Answers.Values["citizenship"] = guidelines.DeclinedValue
			default:
				s.Answers.Values["citizenship"] = guidelines.Value{Str: p.citizenship}
			}
			s.Answers.Notes[ids[0]] = fmt.Sprintf("SECRET-NOTE-%d", i)
			data, err := s.Marshal()
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, code+".json"), data, 0o600); err != nil {
				t.Fatal(err)
			}
			out = append(out, s)
			i++
		}
	}
	return out
}

const (
	grandmother = "mixed-flows-md-grandmother-no-indicators"
	cafe        = "mixed-flows-md-chisinau-cafe-wages"
	border      = "mixed-flows-md-border-stranger-offer"
	tcn         = "mixed-flows-md-tcn-documents-employer"
	aunt        = "mixed-flows-md-palanca-aunt"
	strict      = "mixed-flows-md-strict-telegram-construction-debt"
)

// smallGroupsPlan: in mixed-flows-md, ukrainian 7 (5 + 2 of two scenarios), moldovan 5
// (exactly the minimum), and third_country 3 + stateless 2, which merge into an "other"
// group of 5 (shown). In mixed-flows-md-strict, ukrainian 6, moldovan 7 and stateless 2: the
// "other" group of 2 is withheld, and so is ukrainian (6, the smallest group shown), or
// 2 = 15 - 7 - 6 would give it away.
var smallGroupsPlan = []groupPlan{
	{grandmother, "ukrainian", 5}, {cafe, "ukrainian", 2},
	{border, "moldovan", 5},
	{tcn, "third_country", 3}, {aunt, "stateless", 2},
	{strict, "ukrainian", 6}, {strict, "moldovan", 7}, {strict, "stateless", 2},
}

// byKeys lists the group keys of a --by question in the report's order.
func byKeys(g *guidelines.Guideline, by string) []string {
	q := g.Question(by)
	var keys []string
	if q.Type == guidelines.TypeYesNo {
		keys = []string{"yes", "no"}
	}
	for _, c := range q.Choices {
		keys = append(keys, c.ID)
	}
	return append(keys, "unknown", "declined", "not_asked")
}

// withheldCells returns want with the declined, "don't know" and times of the questions in
// cells cleared, as a report shows a group with those cells withheld.
func withheldCells(want *expectedGroup, cells []string) *expectedGroup {
	w := *want
	w.declined, w.unknown, w.times = copyCounts(want.declined), copyCounts(want.unknown), map[string][]float64{}
	for id, ts := range want.times {
		w.times[id] = ts
	}
	for _, id := range cells {
		delete(w.declined, id)
		delete(w.unknown, id)
		delete(w.times, id)
	}
	return &w
}

// withheldResults returns want without its outcomes, indicators and flags when they are
// withheld.
func withheldResults(want *expectedGroup, withheld bool) *expectedGroup {
	if !withheld {
		return want
	}
	w := *want
	w.outcomes, w.indicators, w.flags = map[string]int{}, map[string]int{}, map[string]int{}
	return &w
}

func copyCounts(m map[string]int) map[string]int {
	out := make(map[string]int, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// suppressedCells lists the questions withheld in grp, in file order.
func suppressedCells(g *guidelines.Guideline, grp *Group) []string {
	var out []string
	for _, q := range g.Questions {
		if grp.Questions[q.Index].Suppressed {
			out = append(out, q.ID)
		}
	}
	return out
}

// sessionsOf returns the sessions of guideline gid whose answer to by is one of keys
// (a session with several such answers once).
func sessionsOf(t *testing.T, sessions []*interview.Session, gid, by string, keys []string) []*interview.Session {
	t.Helper()
	var out []*interview.Session
	for _, s := range sessions {
		if s.Guideline.ID != gid {
			continue
		}
		got := expectFigures(t, []*interview.Session{s}, by)[gid]
		if slices.ContainsFunc(keys, func(k string) bool { return got[k] != nil }) {
			out = append(out, s)
		}
	}
	return out
}

var (
	offerQs = []string{"offer_type", "offer_from", "offer_channel", "offer_only_women", "job_type", "job_pay_promise",
		"knows_employer", "offer_status", "recruit_pressure"}
	// beforeQs are asked of a person who has not left yet, or is on the way, with the offer.
	beforeQs = []string{"offer_docs_keep", "offer_cost_repay", "offer_departure", "offer_advice"}
	workQs   = []string{"work_for", "work_country", "work_hours_day", "days_off", "paid", "pay_deductions",
		"living_conditions", "work_safety", "contract", "refuse_tasks", "sexual_services", "dependency", "can_find_help"}
	// controlQs are asked when something said points to other people's involvement.
	controlQs = []string{"kept_from_leaving", "contact_stopped", "pressure_by_them", "debt_destination", "exploit_forms", "sexual_acts"}
)

// inFileOrder sorts question ids as the guideline lists them.
func inFileOrder(g *guidelines.Guideline, ids ...[]string) []string {
	var out []string
	for _, l := range ids {
		out = append(out, l...)
	}
	slices.SortFunc(out, func(a, b string) int { return g.Question(a).Index - g.Question(b).Index })
	return out
}

// TestReportMinGroupSmallGroups checks the minimum group size (5) on smallGroupsPlan
// against figures worked out by hand from the plan and the per-question counts of its
// scenarios (asked per group, from the scenarios' paths):
//
//	question (mixed-flows-md 2026.2)  all  ukrainian  moldovan  other (3 third_country + 2 stateless)
//	s_private and most screening      17     7          5        5
//	age_uncertain                     15     7          5        3 (stateless: child path)
//	offer block (9 questions)         12     2          5        5
//	before-travel block (4)            7     0          5        2 (border: about to go; aunt: on the way)
//	not_as_told                    7     2          0        5
//	work block (13 questions)          5     2          0        3
//	control block (6 questions)       12     2          5        5 (opened by an offer; not the grandmother)
//	trusted_person                    12     2          5        5
//	trusted_contact_ok                 9     2          5        2
//	decided_for_you 5, travel_debt 5, docs_can_get_back 5, protection 12 (7/0/5): in one group
//	  each or none small — nothing withheld
//	child_companion_relation, consent_letter, debt_work_off, trusted_contact: 2, in other only
//
// A cell asked fewer than 5 times is withheld; then, since every interview is in exactly one
// group, while the withheld cells of a question add up to 1–4, the smallest cell shown is
// withheld too (ties: the first group). So: offer block, control block and trusted_person:
// ukrainian (2), then moldovan (5, before other's 5); before-travel block: other (2), then
// moldovan (5); not_as_told: ukrainian (2), then other (5); trusted_contact_ok: ukrainian
// and other (2+2=4), then moldovan; age_uncertain: other (3), then moldovan (5 < 7); work
// block: ukrainian and other (2+3=5, enough); the four questions of other only: nothing left
// to withhold (“All” shows them, as it always does).
func TestReportMinGroupSmallGroups(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	sessions := genPlanned(t, dir, smallGroupsPlan, 5)
	files, err := CollectFiles([]string{dir})
	if err != nil || len(files) != 32 {
		t.Fatalf("%d files, %v", len(files), err)
	}
	rep, err := NewReport(files, ReportOptions{By: "citizenship", AllScenarios: true})
	if err != nil {
		t.Fatal(err)
	}
	off, err := NewReport(files, ReportOptions{By: "citizenship", MinGroup: 1, AllScenarios: true})
	if err != nil {
		t.Fatal(err)
	}
	if rep.MinGroup != 5 || off.MinGroup != 1 {
		t.Fatalf("MinGroup %d and %d, want 5 and 1", rep.MinGroup, off.MinGroup)
	}
	raw := expectFigures(t, sessions, "citizenship")
	merged := []string{"third_country", "stateless", "undocumented", "unknown", "declined", "not_asked"}
	keysOf := func(gr *GuidelineReport) (keys []string) {
		for _, grp := range gr.Groups {
			keys = append(keys, grp.Key)
		}
		return keys
	}

	// mixed-flows-md: ukrainian 7 and moldovan 5 shown; 3 + 2 merged into "other", 5: shown.
	gr := rep.Guidelines[0]
	g := gr.Guideline
	if g.ID != "mixed-flows-md" || !slices.Equal(keysOf(gr), []string{"", "ukrainian", "moldovan", KeyOther}) {
		t.Fatalf("%s: groups %q", g.ID, keysOf(gr))
	}
	other := gr.Groups[3]
	if !slices.Equal(other.Merged, merged) || other.Sessions != 5 || other.Suppressed {
		t.Errorf("other: merged %v, %d sessions, suppressed %v", other.Merged, other.Sessions, other.Suppressed)
	}
	wantCells := map[string][]string{
		"ukrainian": inFileOrder(g, offerQs, workQs, controlQs, []string{"not_as_told", "trusted_person", "trusted_contact_ok"}),
		"moldovan":  inFileOrder(g, offerQs, beforeQs, controlQs, []string{"age_uncertain", "trusted_person", "trusted_contact_ok"}),
		KeyOther: inFileOrder(g, beforeQs, workQs, []string{"age_uncertain", "not_as_told", "child_companion_relation", "consent_letter", "child_crossing",
			"debt_work_off", "trusted_contact_ok", "trusted_contact"}),
	}
	wantOther := expectFigures(t, sessionsOf(t, sessions, g.ID, "citizenship", []string{"third_country", "stateless"}), "")[g.ID][""]
	if wantOther.sessions != 5 {
		t.Fatalf("the plan has %d sessions in other", wantOther.sessions)
	}
	for _, grp := range gr.Groups[1:] {
		if got := suppressedCells(g, grp); !slices.Equal(got, wantCells[grp.Key]) {
			t.Errorf("%s: withheld questions\n%v, want\n%v", grp.Key, got, wantCells[grp.Key])
		}
		if grp.Suppressed || grp.Complement {
			t.Errorf("%s is withheld", grp.Key)
		}
		want := raw[g.ID][grp.Key]
		if grp.Key == KeyOther {
			want = wantOther
		}
		t.Run(g.ID+"/"+grp.Key, func(t *testing.T) { checkGroup(t, g, grp, withheldCells(want, wantCells[grp.Key])) })
	}
	// The merged group's own figures: 2 "don't know" on protection, both from stateless.
	if qs := other.Questions[g.Question("protection").Index]; qs.Asked != 5 || qs.Unknown != 2 || qs.Suppressed {
		t.Errorf("other, protection: %+v", qs)
	}

	// mixed-flows-md-strict: ukrainian 6, moldovan 7; stateless 2 merged into "other", 2:
	// withheld, and ukrainian with it (15 - 7 - 6 = 2 would show it).
	gr = rep.Guidelines[1]
	g = gr.Guideline
	if g.ID != "mixed-flows-md-strict" || !slices.Equal(keysOf(gr), []string{"", "ukrainian", "moldovan", KeyOther}) {
		t.Fatalf("%s: groups %q", g.ID, keysOf(gr))
	}
	uk, md, other := gr.Groups[1], gr.Groups[2], gr.Groups[3]
	if !uk.Suppressed || !uk.Complement || uk.Sessions != 0 || len(uk.Outcomes) != 0 || uk.Questions[0].Asked != 0 {
		t.Errorf("ukrainian: %+v, want withheld (complement) and cleared", uk)
	}
	if !other.Suppressed || other.Complement || other.Sessions != 0 || !slices.Equal(other.Merged, []string{"third_country", "stateless", "undocumented", "unknown", "declined", "not_asked"}) {
		t.Errorf("other: %+v, want withheld (too small)", other)
	}
	if md.Suppressed || len(suppressedCells(g, md)) != 0 {
		t.Errorf("moldovan: suppressed %v, cells %v", md.Suppressed, suppressedCells(g, md))
	}
	t.Run(g.ID+"/moldovan", func(t *testing.T) { checkGroup(t, g, md, raw[g.ID]["moldovan"]) })

	// The figures of all interviews are the same as without a minimum, and right, but for
	// the declined, "don't know" and times of the questions asked in fewer than 5: those say
	// what one or two people did.
	for i, gr := range rep.Guidelines {
		var rare []string
		for _, q := range gr.Guideline.Questions {
			if n := off.Guidelines[i].Groups[0].Questions[q.Index].Asked; n > 0 && n < 5 {
				rare = append(rare, q.ID)
			}
		}
		if gr.Guideline.ID == "mixed-flows-md" && len(rare) == 0 {
			t.Errorf("no question asked fewer than 5 times: the test tests less than it says")
		}
		if cells := suppressedCells(gr.Guideline, gr.Groups[0]); !slices.Equal(cells, rare) {
			t.Errorf("%s, all: withheld %v, want %v", gr.Guideline.ID, cells, rare)
		}
		want := withheldCells(raw[gr.Guideline.ID][""], rare)
		t.Run(gr.Guideline.ID+"/all", func(t *testing.T) { checkGroup(t, gr.Guideline, gr.Groups[0], want) })
	}

	// --min-group 1: every group as it is, none merged or withheld.
	for _, gr := range off.Guidelines {
		var shown []string
		for _, grp := range gr.shown()[1:] {
			shown = append(shown, grp.Key)
			if grp.Suppressed || len(suppressedCells(gr.Guideline, grp)) > 0 || grp.Key == KeyOther {
				t.Errorf("--min-group 1, %s/%s: withheld or merged", gr.Guideline.ID, grp.Key)
			}
			t.Run("off/"+gr.Guideline.ID+"/"+grp.Key, func(t *testing.T) { checkGroup(t, gr.Guideline, grp, raw[gr.Guideline.ID][grp.Key]) })
		}
		want := map[string][]string{"mixed-flows-md": {"ukrainian", "moldovan", "third_country", "stateless"}, "mixed-flows-md-strict": {"ukrainian", "moldovan", "stateless"}}[gr.Guideline.ID]
		if !slices.Equal(shown, want) {
			t.Errorf("--min-group 1, %s: groups %v, want %v", gr.Guideline.ID, shown, want)
		}
	}
}

// TestReportMinGroupRendered: every format states the threshold and what was merged and
// withheld, shows "—" (text, HTML) or a suppressed row (CSV) instead of the figures, and
// holds no case code, answer or note; --min-group 1 says that small groups are shown.
func TestReportMinGroupRendered(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	sessions := genPlanned(t, dir, smallGroupsPlan, 5)
	files, _ := CollectFiles([]string{dir})
	rep, err := NewReport(files, ReportOptions{By: "citizenship", AllScenarios: true})
	if err != nil {
		t.Fatal(err)
	}
	render := func(rep *Report, format string) string {
		var b bytes.Buffer
		if err := rep.Render(&b, format, "en"); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		for _, s := range sessions {
			for _, secret := range []string{s.Code, "SECRET"} {
				if strings.Contains(out, secret) {
					t.Fatalf("%s: the report contains %q", format, secret)
				}
			}
		}
		return out
	}
	g := rep.Guidelines[0].Guideline
	choice := func(id string) string { return txt(g.Question("citizenship").Choice(id).Text, "en") }
	for _, format := range []string{FormatText, FormatHTML} {
		out := render(rep, format)
		if format == FormatHTML {
			out = strings.NewReplacer("&#34;", "\"", "&#39;", "'", "&amp;", "&").Replace(out)
		} else {
			out = oneLine(out) // sentences wrap at textWidth
		}
		for _, s := range []string{
			"Minimum group size: 5 interviews. An answer given in fewer interviews is not shown on its own (--min-group).",
			"Other answers (fewer than 5 interviews each)",
			"Merged into “Other answers”, each given in fewer than 5 interviews or in none: " + choice("third_country") + ", " + choice("stateless") + ", " + choice("undocumented") + ", Don't know, Prefer not to answer, Not asked.",
			"“Other answers” holds fewer than 5 interviews in all: its figures are not shown (—).",
			"Also not shown (—), so that the figures of the small groups cannot be worked out by subtracting the groups shown from “All”: " + choice("ukrainian") + ".",
			"In a group's question table, “—” marks a question asked in fewer than 5 of the group's interviews",
		} {
			if !strings.Contains(out, s) {
				t.Errorf("%s lacks %q", format, s)
			}
		}
		// "Questions — Stateless" would be a group of its own.
		if strings.Contains(out, "Questions — "+choice("stateless")) || strings.Contains(out, "Small groups shown") {
			t.Errorf("%s shows a small group", format)
		}
	}
	text := render(rep, FormatText)
	if strings.Count(text, "Questions — Other answers") != 1 { // mixed-flows-md's is shown, strict's withheld
		t.Errorf("text: %d question tables of other answers", strings.Count(text, "Questions — Other answers"))
	}

	rows, err := csv.NewReader(strings.NewReader(render(rep, FormatCSV))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	has := map[string]bool{}
	for _, r := range rows[1:] {
		// The ids and the value; a marker row has no value.
		has[strings.Join(r[:5], ",")] = true
		if _, err := strconv.ParseFloat(r[4], 64); err != nil && (r[4] != "" || r[8] == "") {
			t.Errorf("value %q is not a number, and the row no marker: %v", r[4], r)
		}
		if strings.HasSuffix(r[2], "=stateless") || strings.HasSuffix(r[2], "=third_country") {
			t.Errorf("a small group has its own row: %v", r)
		}
		if r[0] == "mixed-flows-md-strict" && (r[2] == "citizenship=ukrainian" || r[2] == "citizenship=*other") && r[1] != "suppressed" && r[1] != "merged" {
			t.Errorf("a withheld group has a figure: %v", r)
		}
		if r[0] == "mixed-flows-md" && r[2] == "citizenship=ukrainian" && r[3] == "offer_type" && r[1] != "question_asked" && r[1] != "question_suppressed" {
			t.Errorf("a withheld question has a figure: %v", r)
		}
	}
	for _, s := range []string{
		",min_group,,,5",
		"mixed-flows-md,merged,citizenship=*other,stateless,",
		"mixed-flows-md,merged,citizenship=*other,not_asked,",
		"mixed-flows-md,sessions,citizenship=*other,,5",
		"mixed-flows-md,sessions,citizenship=ukrainian,,7",
		"mixed-flows-md,question_asked,citizenship=ukrainian,offer_type,2",
		"mixed-flows-md,question_suppressed,citizenship=ukrainian,offer_type,",
		"mixed-flows-md,question_unknown,citizenship=*other,protection,2",
		"mixed-flows-md,sessions,all,,17",
		"mixed-flows-md-strict,sessions,all,,15",
		"mixed-flows-md-strict,suppressed,citizenship=*other,min_group,",
		"mixed-flows-md-strict,suppressed,citizenship=ukrainian,complement,",
		"mixed-flows-md-strict,sessions,citizenship=moldovan,,7",
	} {
		if !has[s] {
			t.Errorf("csv lacks %s", s)
		}
	}

	off, err := NewReport(files, ReportOptions{By: "citizenship", MinGroup: 1, AllScenarios: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, format := range ReportFormats {
		out := render(off, format)
		switch format {
		case FormatCSV:
			if !strings.Contains(out, "\n,min_group,,,1,") || !strings.Contains(out, "mixed-flows-md,sessions,citizenship=stateless,,2,"+choice("stateless")+",") || strings.Contains(out, "suppressed") {
				t.Errorf("csv with --min-group 1:\n%s", out[:400])
			}
		default:
			if !strings.Contains(out, "Small groups shown") || !strings.Contains(out, "The minimum group size is off (--min-group 1)") ||
				!strings.Contains(out, "Questions — "+choice("stateless")) || strings.Contains(out, "Other answers") {
				t.Errorf("%s with --min-group 1 does not show and flag the small groups", format)
			}
		}
	}
}

// TestReportMinGroupProperties checks, on 500 generated sessions broken down by a choice
// question, a question with several answers and the profile, what must hold whatever the
// counts: the figures of all interviews unchanged; every answer given in fewer than 5
// interviews merged (and only those); the merged group's figures those of the interviews
// with any merged answer, each once; no group shown below 5; in a breakdown whose groups
// add up, the withheld groups, and per question the withheld cells, never hold 1–4
// interviews together while something could still be withheld; every other figure as
// without a minimum.
func TestReportMinGroupProperties(t *testing.T) {
	t.Parallel()
	const n = 5
	rs := sharedSessions(t, 500, 1)
	sessions := rs.sessions
	for _, by := range []string{"citizenship", "travel_with", "offer_type", ByProfile} {
		t.Run(by, func(t *testing.T) {
			rep := rs.report(t, by, 0)
			off := rs.report(t, by, 1)
			raw := map[string]map[string]*expectedGroup{}
			if by != ByProfile {
				raw = expectFigures(t, sessions, by)
			}
			for gi, gr := range rep.Guidelines {
				g := gr.Guideline
				ref := off.Guidelines[gi]
				if !reflect.DeepEqual(gr.Groups[0], ref.Groups[0]) {
					t.Errorf("%s: the group of all interviews changed", g.ID)
				}
				size := map[string]int{}
				for _, grp := range ref.Groups[1:] {
					size[grp.Key] = grp.Sessions
				}
				if by != ByProfile {
					// The sizes without a minimum are right (TestReport500 checks the rest).
					for _, k := range byKeys(g, by) {
						want := 0
						if e := raw[g.ID][k]; e != nil {
							want = e.sessions
						}
						if size[k] != want {
							t.Fatalf("%s/%s: %d sessions, want %d", g.ID, k, size[k], want)
						}
					}
				}
				var small []string
				for _, grp := range ref.Groups[1:] {
					if grp.Sessions < n {
						small = append(small, grp.Key)
					}
				}
				hidden, total := 0, gr.Groups[0].Sessions
				hiddenFinished := 0
				var visible []*Group
				for _, grp := range gr.Groups[1:] {
					if grp.Key == KeyOther {
						if !slices.Equal(grp.Merged, small) {
							t.Errorf("%s: merged %v, want %v", g.ID, grp.Merged, small)
						}
						if by != ByProfile {
							want := expectFigures(t, sessionsOf(t, sessions, g.ID, by, small), "")[g.ID][""]
							if want == nil {
								want = newExpectedGroup()
							}
							if grp.Suppressed != (want.sessions < n) {
								t.Errorf("%s: other has %d sessions, suppressed %v", g.ID, want.sessions, grp.Suppressed)
							}
							if grp.Suppressed {
								hidden += want.sessions
								hiddenFinished += want.finished
							} else {
								if grp.ResultsSuppressed {
									hiddenFinished += want.finished
								}
								if grp.ResultsSuppressed != (want.finished > 0 && want.finished < n) && !grp.ResultsComplement {
									t.Errorf("%s: other has %d finished, results suppressed %v", g.ID, want.finished, grp.ResultsSuppressed)
								}
								t.Run(g.ID+"/other", func(t *testing.T) {
									checkGroup(t, g, grp, withheldResults(withheldCells(want, suppressedCells(g, grp)), grp.ResultsSuppressed))
								})
							}
						}
						continue
					}
					if slices.Contains(small, grp.Key) {
						t.Errorf("%s/%s: a small group is shown", g.ID, grp.Key)
					}
					refGrp := ref.Groups[slices.IndexFunc(ref.Groups, func(x *Group) bool { return x.Key == grp.Key })]

					if grp.Suppressed {
						if !grp.Complement || !gr.Additive {
							t.Errorf("%s/%s: withheld but not small", g.ID, grp.Key)
						}
						hidden += refGrp.Sessions
						hiddenFinished += refGrp.Finished
						continue
					}
					visible = append(visible, grp)
					if grp.ResultsSuppressed {
						hiddenFinished += refGrp.Finished
					}
					if grp.Sessions != refGrp.Sessions || grp.Finished != refGrp.Finished || grp.MedianLength != refGrp.MedianLength ||
						(!grp.ResultsSuppressed && !reflect.DeepEqual(grp.Outcomes, refGrp.Outcomes)) {
						t.Errorf("%s/%s: figures differ from those without a minimum", g.ID, grp.Key)
					}
					switch {
					case grp.ResultsSuppressed && (len(grp.Outcomes) > 0 || len(grp.Indicators) > 0 || len(grp.Flags) > 0):
						t.Errorf("%s/%s: results withheld but still there", g.ID, grp.Key)
					case grp.ResultsSuppressed && !grp.ResultsComplement && refGrp.Finished >= n:
						t.Errorf("%s/%s: results withheld with %d finished", g.ID, grp.Key, refGrp.Finished)
					case !grp.ResultsSuppressed && refGrp.Finished > 0 && refGrp.Finished < n:
						t.Errorf("%s/%s: results shown over %d finished interviews", g.ID, grp.Key, refGrp.Finished)
					}
					for i, qs := range grp.Questions {
						rq := refGrp.Questions[i]
						if qs.Asked != rq.Asked || (!qs.Suppressed && !reflect.DeepEqual(qs, rq)) {
							t.Errorf("%s/%s/%s: %+v, want %+v", g.ID, grp.Key, g.Questions[i].ID, qs, rq)
						}
						if qs.Suppressed && rq.Asked >= n && !gr.Additive {
							t.Errorf("%s/%s/%s: withheld with %d asked", g.ID, grp.Key, g.Questions[i].ID, rq.Asked)
						}
					}
				}
				if !gr.Additive {
					continue
				}
				if hidden > 0 && hidden < n && len(visible) > 0 {
					t.Errorf("%s: the withheld groups hold %d interviews: %d - the groups shown gives them away", g.ID, hidden, total)
				}
				resultCandidates := slices.ContainsFunc(visible, func(grp *Group) bool { return !grp.ResultsSuppressed && grp.Finished > 0 })
				if hiddenFinished > 0 && hiddenFinished < n && resultCandidates {
					t.Errorf("%s: the withheld results hold %d finished interviews", g.ID, hiddenFinished)
				}
				for _, q := range g.Questions {
					hiddenAsked, candidates := gr.Groups[0].Questions[q.Index].Asked, 0
					for _, grp := range visible {
						if qs := grp.Questions[q.Index]; !qs.Suppressed {
							hiddenAsked -= qs.Asked
							if qs.Asked > 0 {
								candidates++
							}
						}
					}
					if hiddenAsked > 0 && hiddenAsked < n && candidates > 0 {
						t.Errorf("%s/%s: the withheld cells hold %d interviews", g.ID, q.ID, hiddenAsked)
					}
				}
			}
		})
	}
}
