package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestNewValidateCmd(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		args string
		want validateOptions
	}{
		{"defaults", "a.yaml", validateOptions{Files: []string{"a.yaml"}, Format: "text"}},
		{"json, several files", "--format json a.yaml b.yaml", validateOptions{Files: []string{"a.yaml", "b.yaml"}, Format: "json"}},
		{"explore with a seed", "--explore 50 --seed 7 a.yaml", validateOptions{Files: []string{"a.yaml"}, Format: "text", Explore: 50, Seed: 7, SeedSet: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := mustOptions(t, newValidateCmd, strings.Fields(tt.args)...)
			if strings.Join(got.Files, " ") != strings.Join(tt.want.Files, " ") || got.Format != tt.want.Format ||
				got.Explore != tt.want.Explore || got.Seed != tt.want.Seed || got.SeedSet != tt.want.SeedSet {
				t.Errorf("got %+v, want %+v", *got, tt.want)
			}
		})
	}
}

func TestValidateText(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		args       []string
		wantCode   int
		want       []string // the exact stdout lines
		wantStderr string
	}{
		{
			name:     "good guideline",
			args:     []string{"testdata/good.yaml"},
			wantCode: exitOK,
			want:     []string{"No problems found in 1 file."},
		},
		{
			// A file that cannot be read is a finding like any other, never "no problems".
			name:     "missing file beside a good one",
			args:     []string{"testdata/nope.yaml", "testdata/good.yaml"},
			wantCode: exitFailure,
			want: []string{
				"testdata/nope.yaml: error: Cannot read the file: the file does not exist. Check the path and that you may read it. [read]",
				"1 error, 0 warnings in 2 files.",
			},
		},
		{
			name:     "folder given as a file",
			args:     []string{"testdata/cases"},
			wantCode: exitFailure,
			want: []string{
				"testdata/cases: error: Cannot read the file: it is a folder, not a file. Check the path and that you may read it. [read]",
				"1 error, 0 warnings in 1 file.",
			},
		},
		{
			name:     "broken guideline",
			args:     []string{"testdata/bad.yaml"},
			wantCode: exitFailure,
			want: []string{
				"testdata/bad.yaml:6:1: error: Unknown key “autor”. Expected one of: format, id, version, title, description, languages, source, review, privacy, profiles, sections, dimensions, indicators, scoring, flags, referrals. [unknown_key]",
				"testdata/bad.yaml:12:15: error: Unknown question type “boolean”. Expected one of: yesno, choice, multi, text, number, date. [unknown_type]",
				"2 errors, 0 warnings in 1 file.",
			},
		},
		{
			name:     "sorted across files, whatever their order",
			args:     []string{"testdata/cases/tiny-wrong.yaml", "testdata/bad.yaml", "testdata/good.yaml"},
			wantCode: exitFailure,
			want: []string{
				"testdata/bad.yaml:6:1: error: Unknown key “autor”. Expected one of: format, id, version, title, description, languages, source, review, privacy, profiles, sections, dimensions, indicators, scoring, flags, referrals. [unknown_key]",
				"testdata/bad.yaml:12:15: error: Unknown question type “boolean”. Expected one of: yesno, choice, multi, text, number, date. [unknown_type]",
				"testdata/cases/tiny-wrong.yaml:6:3: error: There is no question “job_offr” in the guideline. Did you mean “job_offer”? [unknown_question]",
				"3 errors, 0 warnings in 3 files.",
			},
		},
		{
			name:     "scenario checked against the guideline given with it",
			args:     []string{"testdata/good.yaml", "testdata/cases/tiny-minor.yaml"},
			wantCode: exitOK,
			want:     []string{"No problems found in 2 files."},
		},
		{
			name:     "scenario alone finds its guideline in the folder above",
			args:     []string{"testdata/cases/tiny-minor.yaml"},
			wantCode: exitOK,
			want:     []string{"No problems found in 1 file."},
		},
		{
			name:     "scenario whose guideline is nowhere",
			args:     []string{"testdata/cases/orphan.yaml"},
			wantCode: exitFailure,
			want: []string{
				"testdata/cases/orphan.yaml:1:1: error: The guideline “no-such-guideline” this scenario is written for was not found. Give its file on the command line, or keep it in the scenario's folder or the folder above. [scenario_guideline_not_found]",
				"1 error, 0 warnings in 1 file.",
			},
		},
		{
			name:     "explore finds a condition that fails at run time",
			args:     []string{"--explore", "200", "--seed", "3", "testdata/good.yaml"},
			wantCode: exitFailure,
			want: []string{
				"testdata/good.yaml:28:58: error: This condition failed while it ran (", // at int(job_offer); the counts depend on the seed
				"Explored tiny: 200 random interviews (--seed 3). Questions asked per interview: minimum 2, median 2, maximum 2.",
				"  positive: ",
				"  none_found: ",
				"1 error, 0 warnings in 1 file.",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := cliRun{}.run(t, append([]string{"validate"}, tt.args...)...)
			if code != tt.wantCode {
				t.Errorf("exit code %d, want %d", code, tt.wantCode)
			}
			if stderr != tt.wantStderr {
				t.Errorf("stderr = %q, want %q", stderr, tt.wantStderr)
			}
			lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
			if len(lines) != len(tt.want) {
				t.Fatalf("got %d lines, want %d:\n%s", len(lines), len(tt.want), stdout)
			}
			for i, w := range tt.want {
				if !strings.HasPrefix(lines[i], w) {
					t.Errorf("line %d:\n got %s\nwant %s", i+1, lines[i], w)
				}
			}
		})
	}
}

func TestValidateJSON(t *testing.T) {
	t.Parallel()
	code, stdout, stderr := cliRun{}.run(t, "validate", "--format", "json", "testdata/good.yaml", "testdata/bad.yaml")
	if code != exitFailure || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	var got []jsonDiagnostic
	decodeJSON(t, stdout, &got)
	want := []jsonDiagnostic{
		{File: "testdata/bad.yaml", Line: 6, Column: 1, Severity: "error", Code: "unknown_key"},
		{File: "testdata/bad.yaml", Line: 12, Column: 15, Severity: "error", Code: "unknown_type",
			Path: "sections[0].questions[0].type", Question: "job_offer", Number: "1.1"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d findings, want %d: %+v", len(got), len(want), got)
	}
	for i := range want {
		g := got[i]
		g.Message = ""
		if g != want[i] {
			t.Errorf("finding %d = %+v, want %+v", i, g, want[i])
		}
		if got[i].Message == "" || strings.HasPrefix(got[i].Message, "diag.") {
			t.Errorf("finding %d has no readable message: %q", i, got[i].Message)
		}
	}

	// No findings: an empty array, not null, so a consumer can always iterate.
	code, stdout, _ = cliRun{}.run(t, "validate", "--format=json", "testdata/good.yaml")
	if code != exitOK || strings.TrimSpace(stdout) != "[]" {
		t.Errorf("exit %d, stdout %q; want 0 and []", code, stdout)
	}
}

// A file that cannot be read is in the JSON too, not only on stderr, and in the UI language.
func TestValidateJSONReadFailure(t *testing.T) {
	t.Parallel()
	code, stdout, stderr := cliRun{}.run(t, "--ui-lang", "ro", "validate", "--format", "json", "testdata/nope.yaml")
	if code != exitFailure || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	var got []jsonDiagnostic
	decodeJSON(t, stdout, &got)
	want := jsonDiagnostic{File: "testdata/nope.yaml", Severity: "error", Code: "read",
		Message: "Fișierul nu poate fi citit: fișierul nu există. Verificați calea și dreptul de citire."}
	if len(got) != 1 || got[0] != want {
		t.Errorf("got %+v, want [%+v]", got, want)
	}
}

// --seed without --explore would be silently ignored; the author is told instead.
func TestValidateSeedNeedsExplore(t *testing.T) {
	t.Parallel()
	code, stdout, stderr := cliRun{}.run(t, "validate", "--seed", "5", "testdata/good.yaml")
	if code != exitUsage || stdout != "" {
		t.Errorf("exit %d, stdout %q; want %d and nothing", code, stdout, exitUsage)
	}
	if !strings.Contains(stderr, "--seed only chooses the random interviews of --explore.") {
		t.Errorf("stderr = %q", stderr)
	}
}

// With --explore, the JSON output is one document with the findings and the statistics;
// the sentence form of the statistics goes to stderr for the person watching.
func TestValidateJSONExploreStatistics(t *testing.T) {
	t.Parallel()
	_, stdout, stderr := cliRun{}.run(t, "validate", "--format", "json", "--explore", "20", "--seed", "1", "testdata/good.yaml")
	var got struct {
		Findings []jsonDiagnostic `json:"findings"`
		Explore  []jsonExplore    `json:"explore"`
	}
	decodeJSON(t, stdout, &got)
	if len(got.Explore) != 1 {
		t.Fatalf("explore = %+v, want one guideline", got.Explore)
	}
	e := got.Explore[0]
	if e.Guideline != "tiny" || e.Interviews != 20 || e.Seed != 1 || e.Questions != (jsonPathStats{Min: 2, Median: 2, Max: 2}) {
		t.Errorf("statistics = %+v, want tiny, 20 interviews, seed 1, 2 questions each", e)
	}
	n := 0
	for _, o := range e.Outcomes {
		n += o.Interviews
	}
	if len(e.Outcomes) == 0 || n != e.Interviews-e.Failed {
		t.Errorf("outcomes %+v cover %d interviews, want %d", e.Outcomes, n, e.Interviews-e.Failed)
	}
	if e.Failed > 0 && len(got.Findings) == 0 {
		t.Errorf("%d interviews failed, but no finding says so", e.Failed)
	}
	if !strings.Contains(stderr, "Explored tiny: 20 random interviews (--seed 1).") {
		t.Errorf("stderr = %q, want the exploration summary", stderr)
	}
}

func TestValidateExploreSeedIsPrintedWhenRandom(t *testing.T) {
	t.Parallel()
	at := time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)
	_, stdout, _ := cliRun{now: at}.run(t, "validate", "--explore", "5", "testdata/good.yaml")
	// The clock gives the seed; printing it makes any run reproducible.
	if !strings.Contains(stdout, fmt.Sprintf("(--seed %d)", at.UnixNano())) {
		t.Errorf("stdout = %q, want the seed", stdout)
	}
}

// Every shipped guideline and scenario validates without an error (warnings, such as
// contacts left for the deploying organisation, are allowed).
func TestValidateShippedFiles(t *testing.T) {
	t.Parallel()
	files, _ := filepath.Glob("../../guidelines/*.yaml")
	scenarios, _ := filepath.Glob("../../guidelines/scenarios/*.yaml")
	if len(files) == 0 || len(scenarios) == 0 {
		t.Fatal("no shipped files found")
	}
	code, stdout, stderr := cliRun{}.run(t, append([]string{"validate"}, append(files, scenarios...)...)...)
	if code != exitOK {
		t.Errorf("exit %d:\n%s%s", code, stdout, stderr)
	}
}

func TestValidateLocalizedCount(t *testing.T) {
	t.Parallel()
	tests := []struct{ lang, want string }{
		{"ro", "2 erori, 0 avertismente în 1 fișier."},
		{"uk", "2 помилки, 0 попереджень у 1 файлі."},
		{"ru", "2 ошибки, 0 предупреждений в 1 файле."},
	}
	for _, tt := range tests {
		_, stdout, _ := cliRun{}.run(t, "--ui-lang", tt.lang, "validate", "testdata/bad.yaml")
		if !strings.HasSuffix(strings.TrimSpace(stdout), tt.want) {
			t.Errorf("%s: got %q, want it to end with %q", tt.lang, stdout, tt.want)
		}
	}
}

// A translator sees at the end how many texts each language still lacks: in translations.yaml
// one "ro" text is missing and two are empty (counted by hand from the file).
func TestValidateCountsTranslationsToDo(t *testing.T) {
	t.Parallel()
	code, out, _ := cliRun{}.run(t, "validate", "../../guidelines/testdata/bad/translations.yaml")
	if code != exitFailure {
		t.Fatalf("exit code %d", code)
	}
	if !strings.Contains(out, "\nTexts still to translate, by language: ro 3.\n") {
		t.Errorf("no count of the translations to do:\n%s", out)
	}
	if _, out, _ := (cliRun{}).run(t, "validate", "testdata/good.yaml"); strings.Contains(out, "to translate") {
		t.Errorf("a complete file is said to need translations:\n%s", out)
	}
}

// validate takes a built-in guideline's id, as preview and score do, and reports its
// findings at the built-in file; an id that is no built-in one lists those there are.
func TestValidateBuiltinID(t *testing.T) {
	code, stdout, _ := cliRun{}.run(t, "validate", "example")
	if code != 0 || !strings.Contains(stdout, "embedded:example.yaml:") || !strings.Contains(stdout, "0 errors, 1 warning in 1 file.") {
		t.Errorf("validate example: exit %d\n%s", code, stdout)
	}
	code, stdout, _ = cliRun{}.run(t, "validate", "no-such-guideline")
	if code != exitFailure || !strings.Contains(stdout, "[unknown_guideline]") || !strings.Contains(stdout, "mixed-flows-md") {
		t.Errorf("validate no-such-guideline: exit %d\n%s", code, stdout)
	}
}

// TestValidateScoresScenarios: a scenario whose expected outcome its answers do not reach is
// an error at that outcome, whether the scenario is named or found beside its guideline, so
// that a trainee who gives exactly its answers is never told their result differs.
func TestValidateScoresScenarios(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	g, err := os.ReadFile("../../guidelines/example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	sc, err := os.ReadFile("../../guidelines/scenarios/example-adult-documents.yaml")
	if err != nil {
		t.Fatal(err)
	}
	wrong := strings.Replace(string(sc), "outcome: presumed_victim", "outcome: further_assessment", 1)
	line := strings.Count(wrong[:strings.Index(wrong, "outcome: further")], "\n") + 1
	if err := os.Mkdir(filepath.Join(dir, "scenarios"), 0o700); err != nil {
		t.Fatal(err)
	}
	gPath, sPath := filepath.Join(dir, "g.yaml"), filepath.Join(dir, "scenarios", "case.yaml")
	if err := os.WriteFile(gPath, g, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(sPath, []byte(wrong), 0o600); err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf("%s:%d:12: error: These answers reach the outcome “presumed_victim”, not “further_assessment”.", sPath, line)
	for _, args := range [][]string{{gPath}, {sPath}, {gPath, sPath}} {
		code, stdout, _ := cliRun{}.run(t, append([]string{"validate"}, args...)...)
		if code != exitFailure || strings.Count(stdout, want) != 1 {
			t.Errorf("validate %v: exit %d, want one line %q:\n%s", args, code, want, stdout)
		}
	}
}

// validate --explore says in JSON why an outcome is never reached: which earlier outcome
// caught it, and in how many interviews.
func TestValidateJSONExploreSaysWhyAnOutcomeIsUnreached(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile("../../guidelines/explore/testdata/small.yaml")
	if err != nil {
		t.Fatal(err)
	}
	src := strings.Replace(string(data), "      when: \"false\"", "      when: deceptive_recruitment", 1)
	path := filepath.Join(t.TempDir(), "shadowed.yaml")
	if err := os.WriteFile(path, []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	_, stdout, _ := cliRun{}.run(t, "validate", "--format", "json", "--explore", "100", "--seed", "7", path)
	var got struct {
		Findings []jsonDiagnostic `json:"findings"`
		Explore  []jsonExplore    `json:"explore"`
	}
	decodeJSON(t, stdout, &got)
	if len(got.Explore) != 1 || len(got.Explore[0].Unreached) != 1 {
		t.Fatalf("explore = %+v, want one unreached outcome", got.Explore)
	}
	u := got.Explore[0].Unreached[0]
	if u.Outcome != "impossible" || u.Held == 0 || len(u.CaughtBy) != 1 || u.CaughtBy[0] != (jsonCatch{Outcome: "positive", Interviews: u.Held}) {
		t.Errorf("unreached = %+v, want impossible caught by positive", u)
	}
	var said bool
	for _, f := range got.Findings {
		said = said || f.Code == "explore_outcome_caught" && strings.Contains(f.Message, "positive (")
	}
	if !said {
		t.Errorf("no finding says that positive catches impossible: %+v", got.Findings)
	}
}

// A scenario beside a guideline is read only when it names that guideline; one whose
// guideline line cannot be read this way is parsed to find out.
func TestNamesGuideline(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		data string
		want bool
	}{
		{"format: earlyid/scenario/v1\nguideline: example\n", true},
		{"guideline: \"example\"  # the demo\n", true},
		{"guideline: mixed-flows-md\n", false},
		{"{format: earlyid/scenario/v1, guideline: mixed-flows-md}\n", true},
	} {
		if got := namesGuideline([]byte(tt.data), "example"); got != tt.want {
			t.Errorf("namesGuideline(%q) = %v, want %v", tt.data, got, tt.want)
		}
	}
}
