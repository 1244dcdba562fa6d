package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/earlyid/earlyid/interview"
)

const border = "mixed-flows-md-border-stranger-offer"

func TestSimulateBriefing(t *testing.T) {
	t.Parallel()
	code, out, errOut := cliRun{}.run(t, "simulate", border, "--briefing", "md", "--lang", "uk", "--ui-lang", "en")
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, s := range []string{"**НАВЧАННЯ — вигаданий випадок**", "Ви граєте Олену", "→ **Українське**"} {
		if !strings.Contains(out, s) {
			t.Errorf("briefing lacks %q:\n%s", s, out)
		}
	}
	pdf := filepath.Join(t.TempDir(), "b.pdf")
	if code, _, errOut := (cliRun{}).run(t, "simulate", border, "--briefing", "pdf", "--out", pdf); code != 0 {
		t.Fatalf("pdf: exit %d %s", code, errOut)
	}
	if data, err := os.ReadFile(pdf); err != nil || !strings.HasPrefix(string(data), "%PDF-") {
		t.Errorf("pdf file: %v", err)
	}
	// An existing file is replaced only with --force.
	code, _, errOut = cliRun{}.run(t, "simulate", border, "--briefing", "md", "--out", pdf, "--ui-lang", "en")
	if data, _ := os.ReadFile(pdf); code != exitFailure || !strings.Contains(errOut, "already exists. Add --force") || !strings.HasPrefix(string(data), "%PDF-") {
		t.Errorf("--out over a file: exit %d %s", code, errOut)
	}
	if code, _, errOut := (cliRun{}).run(t, "simulate", border, "--briefing", "md", "--out", pdf, "--force"); code != 0 {
		t.Errorf("--force: exit %d %s", code, errOut)
	}
	if data, _ := os.ReadFile(pdf); strings.HasPrefix(string(data), "%PDF-") {
		t.Errorf("--force did not replace the file")
	}
}

func TestSimulateErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"simulate", "no-such-case"}, exitFailure, "no built-in scenario “no-such-case”"},
		{[]string{"simulate", border, "--briefing", "docx"}, exitUsage, "Unknown format “docx”"},
		{[]string{"simulate", border, "--out", "x.md"}, exitUsage, "use it with --briefing"},
		{[]string{"simulate", border, "--lang", "de"}, exitUsage, "“de”"},
	}
	for _, tt := range tests {
		code, _, errOut := cliRun{}.run(t, append(tt.args, "--ui-lang", "en")...)
		if code != tt.code || !strings.Contains(errOut, tt.want) {
			t.Errorf("%v: exit %d, %q; want %d, %q", tt.args, code, errOut, tt.code, tt.want)
		}
	}
}

// TestSimulateAutoplayDebriefReport runs a workshop end to end: a projector demonstration
// (autoplay, no delay, plain output), a trainee's plain interview stopped early, the
// debrief of each and of both, and a report over the training folder.
func TestSimulateAutoplayDebriefReport(t *testing.T) {
	t.Parallel()
	data := t.TempDir()
	env := storageEnv{data: data}
	code, out, errOut := cliRun{folders: env}.run(t, "simulate", border, "--autoplay", "--delay", "0", "--plain", "--case", "MD-DEMO-0001", "--lang", "uk", "--ui-lang", "en")
	if code != 0 {
		t.Fatalf("autoplay: exit %d %s", code, errOut)
	}
	for _, s := range []string{"TRAINING — fictional case", "Demonstration: Пропозиція незнайомця на кордоні", "→ Так · Yes", "Reached the outcome the scenario expects"} {
		if !strings.Contains(out, s) {
			t.Errorf("autoplay output lacks %q:\n%s", s, out)
		}
	}
	raw, err := os.ReadFile(filepath.Join(data, "training", "MD-DEMO-0001.json"))
	if err != nil {
		t.Fatal(err)
	}
	s, err := interview.UnmarshalSession(raw)
	if err != nil || s.Scenario != border || s.Mode != interview.ModeTraining || s.Status != interview.StatusFinished || !s.Demo {
		t.Fatalf("stored session %+v, %v", s, err)
	}

	// A trainee interviews in plain mode and stops after the safety check.
	code, _, errOut = cliRun{folders: env, stdin: "y\n1\nn\nn\nn\ny\n:quit\n"}.run(t, "simulate", border, "--plain", "--case", "MD-TRNE-0002", "--ui-lang", "en")
	if code != 0 {
		t.Fatalf("trainee: exit %d %s", code, errOut)
	}
	// The trainee's screen names the case and, at the end, how to debrief it; never the
	// command that prints the role card with the answers.
	if !strings.Contains(errOut, "case code MD-TRNE-0002") || !strings.Contains(errOut, "earlyid debrief MD-TRNE-0002") || strings.Contains(errOut, "--briefing") {
		t.Errorf("the trainee's messages:\n%s", errOut)
	}
	// The same code on another scenario is refused, naming the scenario it belongs to.
	code, _, errOut = cliRun{folders: env, stdin: ":quit\n"}.run(t, "simulate", "mixed-flows-md-palanca-aunt", "--plain", "--case", "MD-TRNE-0002", "--ui-lang", "en")
	if code != exitFailure || !strings.Contains(errOut, "The case code MD-TRNE-0002 belongs to a session of another scenario, "+border) {
		t.Errorf("another scenario's case: exit %d %s", code, errOut)
	}

	code, out, errOut = cliRun{folders: env}.run(t, "debrief", "MD-DEMO-0001", "--ui-lang", "en")
	if code != 0 || !strings.Contains(out, "[AS EXPECTED] Reached the expected outcome") || !strings.Contains(out, "Found 1 of 1 expected") ||
		!strings.Contains(out, "!!! DEMONSTRATION !!!") || !strings.Contains(out, "it is a demonstration, not a trainee's interview") {
		t.Errorf("debrief of the demonstration: exit %d %s\n%s", code, errOut, out)
	}
	code, out, _ = cliRun{folders: env}.run(t, "debrief", "MD-TRNE-0002", "--format", "md", "--ui-lang", "en")
	// Stopped after the safety check: unfinished, said first; what comes after is not
	// reached yet, not missed nor skipped.
	for _, want := range []string{"> **⚠ UNFINISHED INTERVIEW:** This interview is not finished (status: in progress).", "**PROVISIONAL** So far:",
		"**NOT REACHED YET**", "trainee: not reached yet (the interview is unfinished)", "## Questions not reached yet (the interview is unfinished)"} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("debrief of the trainee: exit %d, lacks %q\n%s", code, want, out)
		}
	}
	if strings.Contains(out, "**MISSED**") || strings.Contains(out, "AS EXPECTED") {
		t.Errorf("debrief of the unfinished trainee judges it:\n%s", out)
	}
	code, out, _ = cliRun{folders: env}.run(t, "debrief", "MD-DEMO-0001", filepath.Join(data, "training", "MD-TRNE-0002.json"), "--ui-lang", "en")
	if code != 0 || !strings.Contains(out, "Group debrief") || !strings.Contains(out, "0 trainees ·") ||
		!strings.Contains(strings.Join(strings.Fields(out), " "), "No trainee has finished this scenario: 1 interview is unfinished") {
		t.Errorf("group debrief: exit %d\n%s", code, out)
	}
	// The training folder stands for the sessions in it.
	code, folderOut, _ := cliRun{folders: env}.run(t, "debrief", filepath.Join(data, "training"), "--ui-lang", "en")
	if code != 0 || folderOut != out {
		t.Errorf("debrief of the training folder: exit %d\n%s\nwant the same as the two files:\n%s", code, folderOut, out)
	}

	// The demonstration is no interview: left out of the report, and said so.
	code, out, errOut = cliRun{folders: env}.run(t, "report", filepath.Join(data, "training"), "--format", "csv")
	if code != 0 || !strings.Contains(out, "mixed-flows-md,sessions,all,,1,") || !strings.Contains(out, ",skipped_demo,,,1,") {
		t.Errorf("report: exit %d %s\n%s", code, errOut, out)
	}
	code, out, _ = cliRun{folders: env}.run(t, "report", filepath.Join(data, "training"), "--ui-lang", "en")
	// The text report wraps at 100 columns: the sentence is looked for across lines.
	if code != 0 || !strings.Contains(strings.Join(strings.Fields(out), " "), "1 demonstration (simulate --autoplay) is not included: it is not an interview. Give --include-demos to count it.") {
		t.Errorf("report, text: exit %d\n%s", code, out)
	}

	// Counted, two interviews: under the minimum group size (5), the breakdown is withheld.
	code, out, errOut = cliRun{folders: env}.run(t, "report", filepath.Join(data, "training"), "--include-demos", "--by", "citizenship", "--format", "csv")
	if code != 0 || !strings.Contains(out, "mixed-flows-md,sessions,all,,2,") || !strings.Contains(out, "mixed-flows-md,suppressed,citizenship=*other,min_group,,") ||
		strings.Contains(out, "citizenship=ukrainian") {
		t.Errorf("report: exit %d %s\n%s", code, errOut, out)
	}
	code, out, errOut = cliRun{folders: env}.run(t, "report", filepath.Join(data, "training"), "--include-demos", "--by", "citizenship", "--format", "csv", "--min-group", "1")
	if code != 0 || !strings.Contains(out, "mixed-flows-md,sessions,all,,2,") || !strings.Contains(out, "mixed-flows-md,sessions,citizenship=ukrainian,,1,") {
		t.Errorf("report --min-group 1: exit %d %s\n%s", code, errOut, out)
	}
	if strings.Contains(out, "MD-DEMO") || strings.Contains(out, "MD-TRNE") {
		t.Errorf("the report names a case code")
	}
	code, _, errOut = cliRun{folders: env}.run(t, "report", filepath.Join(data, "training"), "--by", "age", "--ui-lang", "en")
	if code != exitUsage || !strings.Contains(errOut, "free text, numbers or dates") {
		t.Errorf("--by age: exit %d %s", code, errOut)
	}
}

func TestReportSkipsLockedRealSessions(t *testing.T) {
	t.Parallel()
	data := t.TempDir()
	env := storageEnv{data: data}
	dir := filepath.Join(data, "mixed")
	os.MkdirAll(dir, 0o700)
	os.WriteFile(filepath.Join(dir, "MD-REAL-0001.age"), []byte("age-encryption.org/v1\n"), 0o600)
	code, out, errOut := cliRun{folders: env}.run(t, "report", dir, "--ui-lang", "en")
	if code != 0 || !strings.Contains(errOut, "1 encrypted real session was not included") || !strings.Contains(out, "1 encrypted real session could not be read") {
		t.Errorf("exit %d\nstderr %s\nstdout %s", code, errOut, out)
	}
}

// TestDebriefFolderOfSeveralScenarios: a folder with the sessions of two scenarios gets a
// section per scenario, each session compared with its own; only --scenario compares them
// all with one, and says so for each session of another scenario.
func TestDebriefFolderOfSeveralScenarios(t *testing.T) {
	t.Parallel()
	env := storageEnv{data: t.TempDir()}
	base := demoSession(t, env)
	base["demo"] = false
	writeSession(t, env, "MD-DEMO-0001", base) // now a trainee's
	other := cloneSession(base)
	other["scenario"] = "mixed-flows-md-palanca-aunt"
	writeSession(t, env, "MD-PALA-0002", other)
	dir := filepath.Join(env.data, "training")

	code, out, errOut := cliRun{folders: env}.run(t, "debrief", dir, "--ui-lang", "en")
	flat := strings.Join(strings.Fields(out), " ")
	for _, want := range []string{"Group debrief: 2 scenarios", "== Group debrief: A stranger's offer at the border ==", "== Group debrief: A 15-year-old boy with an “aunt” ==",
		"1 trainee · scenario " + border, "1 trainee · scenario mixed-flows-md-palanca-aunt"} {
		if code != 0 || !strings.Contains(flat, want) {
			t.Errorf("debrief of a folder of two scenarios: exit %d, lacks %q\n%s", code, want, out)
		}
	}
	if errOut != "" {
		t.Errorf("nothing was asked, yet: %s", errOut)
	}

	code, out, errOut = cliRun{folders: env}.run(t, "debrief", dir, "--scenario", border, "--ui-lang", "en")
	if code != 0 || !strings.Contains(out, "2 trainees · scenario "+border) || strings.Contains(out, "2 scenarios") ||
		!strings.Contains(errOut, "The session MD-PALA-0002 records the scenario mixed-flows-md-palanca-aunt; it is compared with "+border+", as asked.") {
		t.Errorf("--scenario: exit %d %s\n%s", code, errOut, out)
	}
}

// TestSimulateTrainersTools: the catalogue lists every built-in scenario with its
// languages, profile, expected outcome and lesson; the answer key gives the expected result
// with its reasons; a pack keeps every --lang given and links every file from its index;
// an existing pack is replaced only with --force.
func TestSimulateTrainersTools(t *testing.T) {
	t.Parallel()
	code, out, errOut := cliRun{}.run(t, "simulate", "--list", "--ui-lang", "en")
	flat := strings.Join(strings.Fields(out), " ")
	for _, want := range []string{"mixed-flows-md-palanca-aunt — A 15-year-old boy with an “aunt”",
		"languages: ro, uk, ru, en · profile: Child (under 18, or age in doubt — presumption of age) · expected outcome: Exploitation imminent or under way: the person is about to leave",
		"For a child the child-protection referral is immediate, whatever the score;"} {
		if code != 0 || !strings.Contains(flat, want) {
			t.Errorf("--list: exit %d %s, lacks %q\n%s", code, errOut, want, out)
		}
	}
	if n := strings.Count(out, "expected outcome:"); n < 20 {
		t.Errorf("--list shows %d scenarios", n)
	}

	code, out, errOut = cliRun{}.run(t, "simulate", "mixed-flows-md-palanca-aunt", "--answer-key", "--format", "md", "--lang", "ro", "--ui-lang", "en")
	for _, want := range []string{"# Grila de răspunsuri: Un băiat de 15 ani cu o „mătușă”", "## Rezultatul așteptat", "**URGENT**", "Câți ani aveți? — 15", "## Referiri"} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("--answer-key: exit %d %s, lacks %q\n%s", code, errOut, want, out)
		}
	}

	pack := t.TempDir()
	code, _, errOut = cliRun{}.run(t, "simulate", "--pack", pack, "--lang", "ro", "--lang", "uk", "--scenario", "mixed-flows-md-palanca-aunt", "--ui-lang", "en")
	if code != 0 || !strings.Contains(errOut, "9 files written") {
		t.Fatalf("--pack: exit %d %s", code, errOut)
	}
	index, err := os.ReadFile(filepath.Join(pack, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"ro", "uk"} {
		for _, kind := range []string{"role-card", "answer-key"} {
			for _, ext := range []string{"html", "pdf"} {
				name := "mixed-flows-md-palanca-aunt." + lang + "." + kind + "." + ext
				if st, err := os.Stat(filepath.Join(pack, name)); err != nil || st.Size() == 0 {
					t.Errorf("%s: %v", name, err)
				}
				if !strings.Contains(string(index), `href="`+name+`"`) {
					t.Errorf("the index does not link %s", name)
				}
			}
		}
	}
	if strings.Contains(string(index), ".en.") || strings.Contains(string(index), ".ru.") {
		t.Errorf("the pack has languages not asked for:\n%s", index)
	}
	code, _, errOut = cliRun{}.run(t, "simulate", "--pack", pack, "--lang", "ro", "--scenario", "mixed-flows-md-palanca-aunt", "--ui-lang", "en")
	if code != exitFailure || !strings.Contains(errOut, "already exists. Add --force") {
		t.Errorf("--pack over a pack: exit %d %s", code, errOut)
	}

	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"simulate", border, "--lang", "ro", "--lang", "uk"}, "--lang is given once"},
		{[]string{"simulate", border, "--format", "pdf"}, "use it with --answer-key"},
		{[]string{"simulate", border, "--step"}, "use it with --autoplay"},
		{[]string{"simulate", border, "--scenario", border}, "use it with --pack DIR"},
		{[]string{"simulate", border, "--answer-key", "--briefing", "md"}, "--briefing"},
		{[]string{"simulate", "--list", border}, border},
	} {
		code, _, errOut := cliRun{}.run(t, append(tt.args, "--ui-lang", "en")...)
		if code != exitUsage || !strings.Contains(errOut, tt.want) {
			t.Errorf("%v: exit %d %q, want a usage error with %q", tt.args, code, errOut, tt.want)
		}
	}
}

// TestSimulateAutoplayStep: --step reads a line before each question; at the end of the
// input the demonstration plays on to its result, which is saved.
func TestSimulateAutoplayStep(t *testing.T) {
	t.Parallel()
	env := storageEnv{data: t.TempDir()}
	code, out, errOut := cliRun{folders: env, stdin: "\n\n"}.run(t, "simulate", border, "--autoplay", "--step", "--plain", "--case", "MD-STEP-0001", "--ui-lang", "en")
	if code != 0 || !strings.Contains(out, "Press Enter for the next question.") || !strings.Contains(out, "Reached the outcome the scenario expects") ||
		!strings.Contains(errOut, "earlyid debrief MD-STEP-0001") {
		t.Errorf("exit %d %s\n%s", code, errOut, out)
	}
}

// TestSimulateHandoutPDFNotToTerminal: a role card or an answer key in PDF is refused on a
// terminal without --out, as export refuses a PDF summary, and nothing is written to it.
func TestSimulateHandoutPDFNotToTerminal(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{{"--briefing", "pdf"}, {"--answer-key", "--format", "pdf"}} {
		code, out, errOut := cliRun{tty: true}.run(t, append([]string{"simulate", border, "--ui-lang", "en"}, args...)...)
		if code != exitUsage || !strings.Contains(errOut, "A PDF file cannot be shown in the terminal") || out != "" {
			t.Errorf("%v on a terminal: exit %d, stderr %q, %d bytes out", args, code, errOut, len(out))
		}
	}
}
