package training

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/indicators"
	"github.com/earlyid/earlyid/interview"
	"github.com/earlyid/earlyid/locales"
)

// genSessions writes n training sessions into dir, built from the shipped scenarios of
// both guidelines with random changes (seeded, so the set is the same every run): a quarter
// of the interviews stop part-way (in progress), a fifth of the choice answers become
// another of the question's choices (several, for a question with several answers), some
// answers become "don't know" or "prefer not to answer", languages vary, every answered question gets 1–90 s. Every session
// carries a note and, where the scenario has one, a text answer with a marker that must
// never reach a report. Every 25th session is a demonstration (simulate --autoplay), which a
// report leaves out.
func genSessions(t testing.TB, dir string, n int, seed uint64) []*interview.Session {
	t.Helper()
	cases := shipped(t)
	r := rand.New(rand.NewPCG(seed, 7))
	var out []*interview.Session
	for i := range n {
		c := cases[r.IntN(len(cases))]
		g := c.Guideline
		vals := map[string]guidelines.Value{}
		cut := len(g.Questions)
		finished := true
		if r.IntN(4) == 0 {
			cut, finished = r.IntN(len(g.Questions)), false
		}
		for _, q := range g.Questions[:cut] {
			v, ok := c.Scenario.Answers.Values[q.ID]
			if !ok {
				continue
			}
			// Another of the question's choices, at times: every group of a breakdown
			// occurs, not only the scenarios' answers.
			v = vary(q, v, r)
			if q.Type == guidelines.TypeText && !v.IsSpecial() {
				v = guidelines.Value{Str: fmt.Sprintf("SECRET-ANSWER-%d", i)}
			}
			vals[q.ID] = v
		}
		lang := g.Languages[r.IntN(len(g.Languages))]
		code := fmt.Sprintf("MD-%04d-TQ%02d", i, i%97)
		s, err := interview.NewSession(g, code, interview.ModeTraining, lang, "en", t0)
		if err != nil {
			t.Fatal(err)
		}
		s.Scenario = c.Scenario.ID
		s.Demo = i%25 == 24
		s.Status = interview.StatusInProgress
		if finished {
			s.Status = interview.StatusFinished
		}
		ids := slices.Sorted(func(yield func(string) bool) {
			for id := range vals {
				if !yield(id) {
					return
				}
			}
		})
		for _, id := range ids {
			s.Answers.Values[id] = vals[id]
			s.Timings[id] = &interview.Timing{Seconds: float64(1 + r.IntN(90)), Visits: 1 + r.IntN(2)}
		}
		if len(ids) > 0 {
			s.Answers.Notes[ids[r.IntN(len(ids))]] = fmt.Sprintf("SECRET-NOTE-%d", i)
		}
		data, err := s.Marshal()
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, code+".json"), data, 0o600); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	return out
}

// expectedGroup is a group's figures computed here, independently of the report code.
type expectedGroup struct {
	sessions, finished          int
	langs, statuses             map[string]int
	outcomes, indicators, flags map[string]int
	asked, declined, unknown    map[string]int
	times                       map[string][]float64
	lengths                     []float64
}

func newExpectedGroup() *expectedGroup {
	return &expectedGroup{langs: map[string]int{}, statuses: map[string]int{}, outcomes: map[string]int{},
		indicators: map[string]int{}, flags: map[string]int{}, asked: map[string]int{}, declined: map[string]int{},
		unknown: map[string]int{}, times: map[string][]float64{}}
}

func med(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// expectFigures computes, per guideline id and group key ("" for all), what a report over
// sessions must say; by is a question id or "".
func expectFigures(t testing.TB, sessions []*interview.Session, by string) map[string]map[string]*expectedGroup {
	t.Helper()
	out := map[string]map[string]*expectedGroup{}
	for _, s := range sessions {
		if s.Demo {
			continue // a demonstration is no interview
		}
		g, ds := guidelines.Open(s.Guideline.ID)
		if ds.HasErrors() {
			t.Fatal(ds)
		}
		res, err := g.Resolve(g.NewEvaluator(), s.Answers.Values)
		if err != nil {
			t.Fatal(err)
		}
		a, err := indicators.Score(g, guidelines.Answers{Values: s.Answers.Values})
		if err != nil {
			t.Fatal(err)
		}
		keys := []string{""}
		if by != "" {
			q := g.Question(by)
			v, ok := s.Answers.Values[by]
			switch {
			case !ok || !res.Applies[q.Index]:
				keys = append(keys, "not_asked")
			case v.Special != "":
				keys = append(keys, v.Special)
			case v.List != nil:
				keys = append(keys, v.List...)
			default:
				keys = append(keys, v.Str)
			}
		}
		if out[g.ID] == nil {
			out[g.ID] = map[string]*expectedGroup{}
		}
		for _, k := range keys {
			e := out[g.ID][k]
			if e == nil {
				e = newExpectedGroup()
				out[g.ID][k] = e
			}
			e.sessions++
			e.langs[s.Lang]++
			e.statuses[string(s.Status)]++
			// The results of an interview stopped part-way are not counted.
			if s.Status == interview.StatusFinished {
				e.finished++
				e.outcomes[a.Outcome.ID]++
				for _, x := range a.Indicators {
					e.indicators[x.Indicator.ID]++
				}
				for _, f := range a.Flags {
					e.flags[f.Flag.ID]++
				}
			}
			total := 0.0
			for _, q := range g.Questions {
				tm := s.Timings[q.ID]
				if tm != nil {
					total += tm.Seconds
				}
				v, ok := s.Answers.Values[q.ID]
				if !ok || !res.Applies[q.Index] {
					continue
				}
				e.asked[q.ID]++
				if v.Special == "declined" {
					e.declined[q.ID]++
				}
				if v.Special == "unknown" {
					e.unknown[q.ID]++
				}
				if tm != nil {
					e.times[q.ID] = append(e.times[q.ID], tm.Seconds)
				}
			}
			e.lengths = append(e.lengths, total)
		}
	}
	return out
}

func compareMaps(t *testing.T, what string, got, want map[string]int) {
	t.Helper()
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s[%s] = %d, want %d", what, k, got[k], v)
		}
	}
	for k, v := range got {
		if _, ok := want[k]; !ok && v != 0 {
			t.Errorf("%s[%s] = %d, want none", what, k, v)
		}
	}
}

func checkGroup(t *testing.T, g *guidelines.Guideline, got *Group, want *expectedGroup) {
	t.Helper()
	if got.Sessions != want.sessions || got.Finished != want.finished {
		t.Errorf("sessions %d, finished %d; want %d, %d", got.Sessions, got.Finished, want.sessions, want.finished)
	}
	compareMaps(t, "lang", got.Langs, want.langs)
	compareMaps(t, "status", got.Statuses, want.statuses)
	compareMaps(t, "mode", got.Modes, map[string]int{"training": want.sessions})
	compareMaps(t, "outcome", got.Outcomes, want.outcomes)
	compareMaps(t, "indicator", got.Indicators, want.indicators)
	compareMaps(t, "flag", got.Flags, want.flags)
	var never []string
	for _, q := range g.Questions {
		qs := got.Questions[q.Index]
		if qs.Asked != want.asked[q.ID] || qs.Declined != want.declined[q.ID] || qs.Unknown != want.unknown[q.ID] {
			t.Errorf("%s: asked/declined/unknown %d/%d/%d, want %d/%d/%d", q.ID, qs.Asked, qs.Declined, qs.Unknown, want.asked[q.ID], want.declined[q.ID], want.unknown[q.ID])
		}
		if m := med(want.times[q.ID]); qs.MedianSeconds != m {
			t.Errorf("%s: median %v s, want %v", q.ID, qs.MedianSeconds, m)
		}
		if want.asked[q.ID] == 0 {
			never = append(never, q.ID)
		}
	}
	var gotNever []string
	for _, q := range got.NeverReached(g) {
		gotNever = append(gotNever, q.ID)
	}
	if !slices.Equal(gotNever, never) {
		t.Errorf("never reached %v, want %v", gotNever, never)
	}
	if m := med(want.lengths); got.MedianLength != m {
		t.Errorf("median length %v, want %v", got.MedianLength, m)
	}
}

// TestReport500: 500 generated sessions of two guidelines, a damaged file and an
// encrypted one; every figure against the one computed in the test. The minimum group size
// is off here (every group as it is); TestReportMinGroup* test it.
func TestReport500(t *testing.T) {
	t.Parallel()
	rs := sharedSessions(t, 500, 1)
	sessions := rs.sessions
	extra := t.TempDir()
	os.WriteFile(filepath.Join(extra, "damaged.json"), []byte("{\"version\": 1, "), 0o600)
	os.WriteFile(filepath.Join(extra, "MD-REAL-0001.age"), []byte("age-encryption.org/v1\n..."), 0o600)
	files, err := CollectFiles([]string{rs.dir, extra})
	if err != nil || len(files) != 502 {
		t.Fatalf("%d files, %v", len(files), err)
	}
	demos := 0
	for _, s := range sessions {
		if s.Demo {
			demos++
		}
	}
	// The files read from disk, by three workers at once, among damaged and encrypted ones;
	// the breakdowns below aggregate the same files read once (sharedSessions).
	read, err := NewReport(files, ReportOptions{By: "citizenship", Workers: 3, MinGroup: 1, AllScenarios: true})
	if err != nil {
		t.Fatal(err)
	}
	if read.Skipped.Encrypted != 1 || len(read.Skipped.Damaged) != 1 || read.Skipped.Demos != demos || demos != 20 {
		t.Errorf("skipped %+v, want %d demonstrations", read.Skipped, demos)
	}
	once := rs.report(t, "citizenship", 1)
	if len(read.Guidelines) != len(once.Guidelines) {
		t.Fatalf("%d guidelines read, %d from the records read once", len(read.Guidelines), len(once.Guidelines))
	}
	for i, gr := range read.Guidelines {
		if !reflect.DeepEqual(gr.Groups, once.Guidelines[i].Groups) {
			t.Errorf("%s: the report read from the files differs from the one of the records read once", gr.Guideline.ID)
		}
	}
	for _, by := range []string{"", "citizenship", "offer_type"} {
		t.Run("by="+by, func(t *testing.T) {
			rep := rs.report(t, by, 1)
			want := expectFigures(t, sessions, by)
			if by == "citizenship" {
				// The varied answers give every group, not only the scenarios' citizenships.
				for _, k := range []string{"ukrainian", "moldovan", "third_country", "stateless", "undocumented"} {
					if e := want["mixed-flows-md"][k]; e == nil || e.sessions < 5 {
						t.Errorf("citizenship %s: too few sessions to test (%v)", k, e)
					}
				}
			}
			if len(rep.Guidelines) != 2 || len(want) != 2 {
				t.Fatalf("%d guidelines, want 2", len(rep.Guidelines))
			}
			total := 0
			for _, gr := range rep.Guidelines {
				exp := want[gr.Guideline.ID]
				groups := 0
				for _, grp := range gr.Groups {
					w := exp[grp.Key]
					if w == nil {
						if grp.Sessions != 0 {
							t.Errorf("%s/%s: %d sessions, want 0", gr.Guideline.ID, grp.Key, grp.Sessions)
						}
						continue
					}
					groups++
					t.Run(gr.Guideline.ID+"/"+grp.Key, func(t *testing.T) { checkGroup(t, gr.Guideline, grp, w) })
				}
				if groups != len(exp) {
					t.Errorf("%s: %d groups with sessions, want %d", gr.Guideline.ID, groups, len(exp))
				}
				total += gr.Groups[0].Sessions
			}
			if total != 500-demos {
				t.Errorf("%d sessions reported, want %d", total, 500-demos)
			}
		})
	}
}

// TestReportHoldsNoCaseCodesAnswersOrNotes renders the 500 sessions in every format, also
// broken down by a question (with the default minimum group size and with none), and looks
// for every case code, note and text answer.
func TestReportHoldsNoCaseCodesAnswersOrNotes(t *testing.T) {
	t.Parallel()
	rs := sharedSessions(t, 500, 1)
	var secrets []string
	for _, s := range rs.sessions {
		secrets = append(secrets, s.Code)
		for _, n := range s.Answers.Notes {
			secrets = append(secrets, n)
		}
		for _, v := range s.Answers.Values {
			if strings.HasPrefix(v.Str, "SECRET") {
				secrets = append(secrets, v.Str)
			}
		}
	}
	if len(secrets) < 1000 {
		t.Fatalf("only %d secrets generated", len(secrets))
	}
	for _, c := range []struct {
		by       string
		minGroup int
	}{{"", 0}, {"travel_with", 0}, {"travel_with", 1}, {ByProfile, 0}, {ByProfile, 1}} {
		by := c.by
		rep := rs.report(t, by, c.minGroup)
		for _, f := range ReportFormats {
			var b bytes.Buffer
			if err := rep.Render(&b, f, "ru"); err != nil {
				t.Fatal(err)
			}
			out := b.String()
			for _, s := range []string{"SECRET", "MD-0", "Бабуся"} {
				if strings.Contains(out, s) {
					t.Fatalf("by %q, %s: the report contains %q", by, f, s)
				}
			}
			for _, s := range secrets {
				if strings.Contains(out, s) {
					t.Fatalf("by %q, %s: the report contains %q", by, f, s)
				}
			}
		}
	}
}

func TestReportByRefusesFreeAnswers(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	genSessions(t, dir, 5, 3)
	files, _ := CollectFiles([]string{dir})
	for by, kind := range map[string]string{"age": "type", "trusted_contact": "sensitive", "nope": "unknown"} {
		_, err := NewReport(files, ReportOptions{By: by})
		be, ok := err.(*ByQuestionError)
		if !ok || be.Kind != kind {
			t.Errorf("--by %s: %v, want kind %s", by, err, kind)
		}
	}
}

// smallSet is the fixed set of the golden files: six sessions, hand-checkable.
func smallSet(t *testing.T) []string {
	dir := t.TempDir()
	genSessions(t, dir, 6, 42)
	files, err := CollectFiles([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestReportGolden(t *testing.T) {
	t.Parallel()
	files := smallSet(t)
	// The six interviews come from six scenarios: pooled (--all-scenarios), except in the
	// cases marked auto, where the report gives each scenario its own group by itself, and
	// by_language.
	for _, tt := range []struct {
		name, by, format string
		auto             bool
	}{
		{"text", "", FormatText, false}, {"html", "", FormatHTML, false}, {"csv", "", FormatCSV, false},
		{"by_travel_with_text", "travel_with", FormatText, false}, {"by_profile_csv", ByProfile, FormatCSV, false},
		{"by_scenario_auto_text", "", FormatText, true}, {"by_language_csv", ByLanguage, FormatCSV, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rep, err := NewReport(files, ReportOptions{By: tt.by, AllScenarios: !tt.auto})
			if err != nil {
				t.Fatal(err)
			}
			var b bytes.Buffer
			if err := rep.Render(&b, tt.format, "en"); err != nil {
				t.Fatal(err)
			}
			if tt.format == FormatCSV {
				// UTF-8 with a byte order mark, so that Excel reads the labels right.
				data, ok := bytes.CutPrefix(b.Bytes(), []byte("\ufeff"))
				if !ok {
					t.Errorf("the CSV does not start with a byte order mark")
				}
				rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
				if err != nil || strings.Join(rows[0], ",") != "guideline,metric,group,key,value,group_label,key_label,percent,marker" {
					t.Fatalf("csv: %v, header %v", err, rows[0])
				}
				for _, r := range rows[1:] {
					// A figure, or a marker row, with no value and the marker apart.
					if _, err := strconv.ParseFloat(r[4], 64); err != nil && (r[4] != "" || r[8] == "") {
						t.Errorf("value %q is not a number, and the row no marker: %v", r[4], r)
					}
					if r[7] != "" {
						if p, err := strconv.ParseFloat(r[7], 64); err != nil || p < 0 || p > 100 {
							t.Errorf("percent %q: %v", r[7], r)
						}
					}
				}
			}
			if tt.format == FormatHTML && (strings.Contains(b.String(), "<script") || !strings.Contains(b.String(), "<svg")) {
				t.Errorf("HTML must have inline SVG charts and no script")
			}
			golden.RequireEqual(t, b.Bytes())
		})
	}
}

// BenchmarkReport10k measures a report over 10,000 training session files (generated once
// into b.TempDir, outside the timing).
func BenchmarkReport10k(b *testing.B) {
	dir := b.TempDir()
	genSessions(b, dir, 10000, 9)
	b.ResetTimer()
	for b.Loop() {
		files, err := CollectFiles([]string{dir})
		if err != nil {
			b.Fatal(err)
		}
		rep, err := NewReport(files, ReportOptions{By: "citizenship", AllScenarios: true})
		if err != nil {
			b.Fatal(err)
		}
		if err := rep.Render(&bytes.Buffer{}, FormatText, "en"); err != nil {
			b.Fatal(err)
		}
	}
}

// TestSkipMessagesLocalized: every reason a file is left out of a report reads in each
// language with the file's name, never in English outside English.
func TestSkipMessagesLocalized(t *testing.T) {
	t.Parallel()
	errs := []*SkipError{
		{File: "a.json", Reason: SkipNotSession, Err: errors.New("invalid character 'g'")},
		{File: "a.json", Reason: SkipVersion, Version: 99},
		{File: "a.json", Reason: SkipTooLarge},
		{File: "a.json", Reason: SkipUnreadable, Err: errors.New("input/output error")},
		{File: "a.json", Reason: SkipUnreadable, Err: fs.ErrPermission},
		{File: "a.json", Reason: SkipUnreadable, Err: fs.ErrNotExist},
		{File: "a.json", Reason: SkipScore, Err: errors.New("x")},
		{File: "a.age", Reason: SkipEncrypted, Err: errors.New("x")},
	}
	for _, lang := range []string{"en", "ro", "uk", "ru"} {
		l := locales.New(lang)
		seen := map[string]bool{}
		for _, e := range errs {
			msg := SkipMessage(fmt.Errorf("wrapped: %w", e), l)
			if !strings.HasPrefix(msg, e.File+": ") || seen[msg] || strings.Contains(msg, "train.report") || strings.Contains(msg, "invalid character") {
				t.Errorf("%s %s: %q", lang, e.Reason, msg)
			}
			seen[msg] = true
			if lang != "en" && (strings.Contains(msg, " the ") || strings.Contains(msg, "could not")) {
				t.Errorf("%s %s: English in %q", lang, e.Reason, msg)
			}
		}
	}
	if got := SkipMessage(errors.New("plain"), locales.New("uk")); got != "plain" {
		t.Errorf("a plain error: %q", got)
	}
}

// TestReportCountsFinishedInterviewsOnly: three finished interviews and one stopped
// part-way: the outcomes, indicators and flags are over the three, and every format says
// so.
func TestReportCountsFinishedInterviewsOnly(t *testing.T) {
	t.Parallel()
	c := mustCase(t, "mixed-flows-md-border-stranger-offer")
	dir := t.TempDir()
	for i := range 4 {
		s := session(t, c, fmt.Sprintf("MD-FIN0-%04d", i), copyValues(c), nil)
		if i == 3 {
			s.Status = interview.StatusInProgress
		}
		data, err := s.Marshal()
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, s.Code+".json"), data, 0o600)
	}
	files, _ := CollectFiles([]string{dir})
	rep, err := NewReport(files, ReportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	all := rep.Guidelines[0].Groups[0]
	outcomes := 0
	for _, n := range all.Outcomes {
		outcomes += n
	}
	if all.Sessions != 4 || all.Finished != 3 || outcomes != 3 || all.Outcomes[c.Scenario.Expected.Outcome] != 3 {
		t.Errorf("sessions %d, finished %d, outcomes %v", all.Sessions, all.Finished, all.Outcomes)
	}
	for _, in := range c.Scenario.Expected.Indicators {
		if all.Indicators[in] != 3 {
			t.Errorf("indicator %s raised in %d interviews, want 3", in, all.Indicators[in])
		}
	}
	want := map[string][]string{
		FormatText: {"over the 3 finished interviews only. 1 unfinished interview (in progress or abandoned) is not counted", "Finished interviews 3 (75%)"},
		FormatHTML: {"over the 3 finished interviews only. 1 unfinished interview (in progress or abandoned) is not counted"},
		FormatCSV:  {"mixed-flows-md,finished,all,,3,All,,75,\n", "mixed-flows-md,unfinished_not_counted,all,,1,All,,25,\n", "mixed-flows-md,outcome,all," + c.Scenario.Expected.Outcome + ",3,All,"},
	}
	for format, ss := range want {
		var b bytes.Buffer
		if err := rep.Render(&b, format, "en"); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		if format == FormatText {
			out = oneLine(out) // sentences wrap at textWidth
		}
		for _, s := range ss {
			if !strings.Contains(out, s) {
				t.Errorf("%s lacks %q", format, s)
			}
		}
	}
	var b bytes.Buffer
	rep.Render(&b, FormatText, "uk")
	if !strings.Contains(oneLine(b.String()), "лише за 3 завершеними співбесідами. 1 незавершену співбесіду") {
		t.Errorf("uk text lacks the basis:\n%s", b.String())
	}
}

// TestReportDemosLeftOut: a demonstration is left out and counted, in every format; with
// IncludeDemos it is an interview like any other.
func TestReportDemosLeftOut(t *testing.T) {
	t.Parallel()
	c := mustCase(t, "mixed-flows-md-border-stranger-offer")
	dir := t.TempDir()
	for i := range 3 {
		s := session(t, c, fmt.Sprintf("MD-DEMO-%04d", i), copyValues(c), nil)
		s.Demo = i == 0
		data, _ := s.Marshal()
		os.WriteFile(filepath.Join(dir, s.Code+".json"), data, 0o600)
	}
	files, _ := CollectFiles([]string{dir})
	rep, err := NewReport(files, ReportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Skipped.Demos != 1 || rep.Guidelines[0].Groups[0].Sessions != 2 {
		t.Errorf("demos %d, sessions %d; want 1, 2", rep.Skipped.Demos, rep.Guidelines[0].Groups[0].Sessions)
	}
	for format, want := range map[string]string{
		FormatText: "1 demonstration (simulate --autoplay) is not included",
		FormatHTML: "1 demonstration (simulate --autoplay) is not included",
		FormatCSV:  ",skipped_demo,,,1,",
	} {
		var b bytes.Buffer
		rep.Render(&b, format, "en")
		out := b.String()
		if format == FormatText {
			out = oneLine(out) // sentences wrap at textWidth
		}
		if !strings.Contains(out, want) {
			t.Errorf("%s lacks %q", format, want)
		}
	}
	rep, _ = NewReport(files, ReportOptions{IncludeDemos: true})
	if rep.Skipped.Demos != 0 || rep.Guidelines[0].Groups[0].Sessions != 3 {
		t.Errorf("with demos: demos %d, sessions %d; want 0, 3", rep.Skipped.Demos, rep.Guidelines[0].Groups[0].Sessions)
	}
}

// TestReportTextWidth: the text report fits a terminal of textWidth (100) columns, in every
// language, broken down by each yes/no or choice question of the shipped guideline with many
// choices and by profile: tables too wide letter their group columns, with a legend below,
// and split; paragraphs and headings wrap. With -short, only by profile and by the
// questions of one answer and of several with the most choices.
func TestReportTextWidth(t *testing.T) {
	t.Parallel()
	rs := sharedSessions(t, 500, 1)
	g, ds := guidelines.Open("mixed-flows-md")
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	// By scenario: the 23 shipped scenarios, a column each, titled at length.
	bys := []string{ByProfile, ByScenario, ByLanguage}
	for _, q := range g.Questions {
		if len(q.Choices) >= 5 && CheckBy(g, q.ID) == nil {
			bys = append(bys, q.ID)
		}
	}
	for _, want := range []string{ByScenario, "needs", "travel_with", "citizenship"} {
		if !slices.Contains(bys, want) {
			t.Fatalf("--by %s is not among %v", want, bys)
		}
	}
	if testing.Short() {
		// The widest tables: the questions with the most choices, of one answer and of
		// several.
		widest := map[bool]*guidelines.Question{}
		for _, id := range bys[3:] { // the questions, after profile, scenario and language
			q := g.Question(id)
			multi := q.Type == guidelines.TypeMulti
			if w := widest[multi]; w == nil || len(q.Choices) > len(w.Choices) {
				widest[multi] = q
			}
		}
		bys = []string{ByProfile, ByScenario, widest[false].ID, widest[true].ID}
	}
	lettered := false
	for _, by := range bys {
		for _, minGroup := range []int{1, 0} {
			rep := rs.report(t, by, minGroup)
			for _, lang := range []string{"en", "ro", "uk", "ru"} {
				var b bytes.Buffer
				if err := rep.Render(&b, FormatText, lang); err != nil {
					t.Fatal(err)
				}
				for i, line := range strings.Split(b.String(), "\n") {
					if n := len([]rune(line)); n > textWidth {
						t.Errorf("--by %s --min-group %d, %s: line %d has %d characters:\n%s", by, minGroup, lang, i+1, n, line)
					}
				}
				lettered = lettered || strings.Contains(b.String(), "\n  A  ")
			}
		}
	}
	if !lettered {
		t.Errorf("no table was lettered: the test no longer tests what it says")
	}
}
