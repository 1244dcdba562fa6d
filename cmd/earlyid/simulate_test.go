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
		!strings.Contains(out, "1 demonstration (simulate --autoplay) is left out: it is not a trainee's interview.") ||
		!strings.Contains(out, "1 unfinished interview is left out of these figures") {
		t.Errorf("group debrief: exit %d\n%s", code, out)
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
