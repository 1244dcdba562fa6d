package training

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/interview"
)

// TestReportCountsEachSessionOnce is a workshop's folder merged from USB copies: seven
// trainees' sessions, one of them given again by name (report ws ws/TR-01.json), a copy
// of another under a second laptop's folder, a later copy of a third (finished there, in
// progress in the folder) and an older copy of a fourth that differs. Seven interviews are
// reported, four files are left out as copies, and the two sessions whose copies differ
// are counted from the copy changed last, named in Conflicts.
func TestReportCountsEachSessionOnce(t *testing.T) {
	t.Parallel()
	c := mustCase(t, "mixed-flows-md-border-stranger-offer")
	root := t.TempDir()
	ws, usb, laptop, old := filepath.Join(root, "ws"), filepath.Join(root, "usb"), filepath.Join(root, "laptop2"), filepath.Join(root, "old")
	for _, d := range []string{ws, usb, laptop, old} {
		os.Mkdir(d, 0o700)
	}
	write := func(dir string, s *interview.Session) string {
		t.Helper()
		data, err := s.Marshal()
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, s.Code+".json")
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	}
	var paths []string
	for i := 1; i <= 7; i++ {
		s := session(t, c, fmt.Sprintf("MD-TR%02d-0001", i), copyValues(c), nil)
		s.Updated = t0
		if i == 2 {
			s.Status = interview.StatusInProgress
		}
		paths = append(paths, write(ws, s))
		switch i {
		case 1:
			write(usb, s) // the same file, under another folder
		case 2:
			s.Status = interview.StatusFinished
			s.Updated = t0.Add(3600e9)
			write(laptop, s)
		case 3:
			s.Updated = t0.Add(-3600e9)
			s.Lang = "ru"
			write(old, s)
		}
	}
	files, err := CollectFiles([]string{ws, paths[0], usb, laptop, old})
	if err != nil || len(files) != 11 {
		t.Fatalf("%d files, %v", len(files), err)
	}
	rep, err := NewReport(files, ReportOptions{Workers: 3})
	if err != nil {
		t.Fatal(err)
	}
	all := rep.Guidelines[0].Groups[0]
	if all.Sessions != 7 || all.Finished != 7 || all.Langs["ru"] != 0 {
		t.Errorf("%d sessions, %d finished, languages %v: want 7 finished, none in Russian (the older copy)", all.Sessions, all.Finished, all.Langs)
	}
	want := []Conflict{
		{Kept: filepath.Join(laptop, "MD-TR02-0001.json"), Dropped: paths[1]},
		{Kept: paths[2], Dropped: filepath.Join(old, "MD-TR03-0001.json")},
	}
	if rep.Duplicates != 4 || rep.Differing != 2 || !slices.Equal(rep.Conflicts, want) {
		t.Errorf("duplicates %d, differing %d, conflicts %v; want 4, 2, %v", rep.Duplicates, rep.Differing, rep.Conflicts, want)
	}
	requireRendered(t, rep, map[string][]string{
		FormatText: {"4 files are copies of sessions already counted and are left out", "2 sessions have copies that differ"},
		FormatCSV:  {",skipped_duplicate,,,4,", ",duplicate_differs,,,2,"},
	})
}

// TestReportAskedMeansShown: a trainee who reached a question and stopped there, without
// answering, was asked it; a question never shown was not. Both interviews stopped at
// money_next_days, one of them answered it.
func TestReportAskedMeansShown(t *testing.T) {
	t.Parallel()
	c := mustCase(t, "mixed-flows-md-border-stranger-offer")
	g := c.Guideline
	stop := g.Question("money_next_days")
	if stop == nil {
		t.Fatal("no question money_next_days")
	}
	dir := t.TempDir()
	for i := range 2 {
		vals, secs := map[string]guidelines.Value{}, map[string]float64{}
		for _, q := range g.Questions[:stop.Index+1] {
			if v, ok := c.Scenario.Answers.Values[q.ID]; ok {
				vals[q.ID], secs[q.ID] = v, 10
			}
		}
		secs[stop.ID] = 30
		if i == 0 {
			delete(vals, stop.ID) // reached, shown for 30 s, left unanswered
		}
		s := session(t, c, fmt.Sprintf("MD-STOP-%04d", i), vals, secs)
		s.Status = interview.StatusInProgress
		data, _ := s.Marshal()
		os.WriteFile(filepath.Join(dir, s.Code+".json"), data, 0o600)
	}
	files, _ := CollectFiles([]string{dir})
	rep, err := NewReport(files, ReportOptions{MinGroup: 1}) // two interviews: every figure shown
	if err != nil {
		t.Fatal(err)
	}
	qs := rep.Guidelines[0].Groups[0].Questions
	if got := qs[stop.Index]; got.Asked != 2 || got.Unanswered != 1 || got.MedianSeconds != 30 {
		t.Errorf("%s: asked %d, unanswered %d, median %v s; want 2, 1, 30", stop.ID, got.Asked, got.Unanswered, got.MedianSeconds)
	}
	if last := g.Questions[len(g.Questions)-1]; qs[last.Index].Asked != 0 {
		t.Errorf("%s, never shown, asked %d times", last.ID, qs[last.Index].Asked)
	}
	var b bytes.Buffer
	rep.Render(&b, FormatCSV, "en")
	if !bytes.Contains(b.Bytes(), []byte("mixed-flows-md,question_asked,all,money_next_days,2,")) || !bytes.Contains(b.Bytes(), []byte("mixed-flows-md,question_unanswered,all,money_next_days,1,All,")) {
		t.Errorf("the CSV lacks the question asked twice, once unanswered:\n%s", b.String())
	}
}

// TestReportRankingsNeedFiveInterviews: in the golden set (six interviews), with every
// figure shown (--min-group 1), the question about the consulate was asked once and
// answered "don't know": 1 of 1, 100%. It is in the question table, but the ranking of the
// questions most often declined or not known leaves it out, and says why.
func TestReportRankingsNeedFiveInterviews(t *testing.T) {
	t.Parallel()
	rep, err := NewReport(smallSet(t), ReportOptions{MinGroup: 1, AllScenarios: true})
	if err != nil {
		t.Fatal(err)
	}
	g := rep.Guidelines[0].Guideline
	if qs := rep.Guidelines[0].Groups[0].Questions[g.Question("consulate_contact").Index]; qs.Asked != 1 || qs.Unknown != 1 {
		t.Fatalf("consulate_contact: %+v, want asked 1, don't know 1", qs)
	}
	var b bytes.Buffer
	if err := rep.Render(&b, FormatText, "en"); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	i := strings.Index(out, "Most often declined or answered “don't know”")
	if i < 0 {
		t.Fatalf("no ranking:\n%s", out)
	}
	var ranking string
	for j, line := range strings.Split(out[i:], "\n") {
		if j > 0 && !strings.HasPrefix(line, "  ") {
			break
		}
		ranking += line + "\n"
	}
	if strings.Contains(ranking, "(100%)") || strings.Contains(ranking, "consulate") {
		t.Errorf("a question asked once is ranked:\n%s", ranking)
	}
	if !strings.Contains(oneLine(out), "Only questions asked in at least 5 interviews are ranked") {
		t.Errorf("the report does not say which questions are ranked")
	}
}

// TestReportKeepsScenariosApart: a workshop folder of two scenarios, three trainees each.
// The report gives each scenario its own group of three, none merged into "other answers"
// (training cases hold no real person), and says why; a breakdown by a question refuses,
// naming both; --all-scenarios pools the six. A real interview among them brings the
// minimum group size back.
func TestReportKeepsScenariosApart(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	ids := []string{"mixed-flows-md-border-stranger-offer", "mixed-flows-md-palanca-aunt"}
	for i := range 6 {
		c := mustCase(t, ids[i%2])
		s := session(t, c, fmt.Sprintf("MD-SCEN-%04d", i), copyValues(c), nil)
		data, _ := s.Marshal()
		os.WriteFile(filepath.Join(dir, s.Code+".json"), data, 0o600)
	}
	files, _ := CollectFiles([]string{dir})
	rep, err := NewReport(files, ReportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	gr := rep.Guidelines[0]
	if !rep.ByScenarioAuto || rep.By != ByScenario || !gr.Fictional || !slices.Equal(groupKeysOf(gr), []string{"", ids[0], ids[1]}) ||
		gr.Groups[1].Sessions != 3 || gr.Groups[2].Sessions != 3 || gr.Groups[1].Suppressed {
		t.Errorf("auto %v by %q fictional %v groups %q", rep.ByScenarioAuto, rep.By, gr.Fictional, groupKeysOf(gr))
	}
	var b bytes.Buffer
	rep.Render(&b, FormatText, "en")
	if out := oneLine(b.String()); !strings.Contains(out, "each scenario has a column of its own") || !strings.Contains(out, "A 15-year-old boy with an “aunt”") {
		t.Errorf("the text does not say why, or lacks the scenario's title:\n%s", b.String())
	}
	_, err = NewReport(files, ReportOptions{By: "citizenship"})
	var se *ScenariosError
	if !errors.As(err, &se) || se.Scenarios[ids[0]] != 3 || se.Scenarios[ids[1]] != 3 || se.Guideline != "mixed-flows-md" {
		t.Errorf("--by citizenship: %v, want the two scenarios named", err)
	}
	pooled, err := NewReport(files, ReportOptions{By: "citizenship", AllScenarios: true})
	if err != nil || pooled.Guidelines[0].Groups[0].Sessions != 6 {
		t.Errorf("--all-scenarios: %v", err)
	}

	c := mustCase(t, ids[0])
	s := session(t, c, "MD-REAL-0001", copyValues(c), nil)
	s.Scenario, s.Mode = "", interview.ModeReal
	data, _ := s.Marshal()
	os.WriteFile(filepath.Join(dir, s.Code+".json"), data, 0o600)
	files, _ = CollectFiles([]string{dir})
	rep, err = NewReport(files, ReportOptions{By: ByScenario})
	if err != nil {
		t.Fatal(err)
	}
	if gr := rep.Guidelines[0]; gr.Fictional || rep.ByScenarioAuto || gr.Groups[len(gr.Groups)-1].Key != KeyOther {
		t.Errorf("with a real interview: fictional %v, groups %q; want the minimum group size applied", gr.Fictional, groupKeysOf(gr))
	}
}

// groupKeysOf lists the keys of a report's groups, in order.
func groupKeysOf(gr *GuidelineReport) []string {
	var out []string
	for _, grp := range gr.Groups {
		out = append(out, grp.Key)
	}
	return out
}

// TestReportCSVLabelsInTheReportsLanguage: the CSV names groups and keys in the report's
// language beside the ids (Ukrainian here), with the percentage of each count's base: in the
// golden set, 3 of the 6 interviews in Ukrainian is 50%.
func TestReportCSVLabelsInTheReportsLanguage(t *testing.T) {
	t.Parallel()
	rep, err := NewReport(smallSet(t), ReportOptions{AllScenarios: true})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := rep.Render(&b, FormatCSV, "uk"); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "\nmixed-flows-md,lang,all,uk,3,Усі,українська,50,\n") {
		t.Errorf("the CSV lacks the Ukrainian-language row labelled in Ukrainian:\n%s", b.String()[:600])
	}
}

// requireRendered renders rep in English in each format of wants and checks that the output
// holds each of its strings (the text with its line breaks and runs of spaces joined).
func requireRendered(t *testing.T, rep *Report, wants map[string][]string) {
	t.Helper()
	requireRenderedIn(t, rep, "en", wants)
}

// requireRenderedIn is requireRendered with the labels in lang.
func requireRenderedIn(t *testing.T, rep *Report, lang string, wants map[string][]string) {
	t.Helper()
	for format, ws := range wants {
		var b bytes.Buffer
		if err := rep.Render(&b, format, lang); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		if format == FormatText {
			out = oneLine(out)
		}
		for _, w := range ws {
			if !strings.Contains(out, w) {
				t.Errorf("%s (%s) lacks %q", format, lang, w)
			}
		}
	}
}
