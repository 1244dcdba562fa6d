package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestReportMinGroup: six demonstration interviews (counted with --include-demos), all of
// Ukrainian citizens, broken down by citizenship with minimum group sizes around six; a
// minimum below 1 is a usage error.
func TestReportMinGroup(t *testing.T) {
	t.Parallel()
	data := t.TempDir()
	env := storageEnv{data: data}
	for i := range 6 {
		code, _, errOut := cliRun{folders: env}.run(t, "simulate", border, "--autoplay", "--delay", "0", "--plain", "--case", fmt.Sprintf("MD-DEMO-%04d", i+1), "--ui-lang", "en")
		if code != 0 {
			t.Fatalf("autoplay: exit %d %s", code, errOut)
		}
	}
	dir := filepath.Join(data, "training")
	report := func(args ...string) (int, string, string) {
		t.Helper()
		code, out, errOut := cliRun{folders: env}.run(t, append([]string{"report", dir, "--by", "citizenship", "--include-demos", "--ui-lang", "en"}, args...)...)
		if strings.Contains(out, "MD-DEMO") {
			t.Errorf("the report names a case code")
		}
		return code, out, errOut
	}

	// The default, 5: the six Ukrainians are a group; every other answer (none given) is
	// merged, and the merged group, empty, withheld.
	code, out, errOut := report("--format", "csv")
	for _, s := range []string{",min_group,,,5,", "mixed-flows-md,sessions,citizenship=ukrainian,,6,",
		"mixed-flows-md,merged,citizenship=*other,stateless,,", "mixed-flows-md,suppressed,citizenship=*other,min_group,,"} {
		if code != 0 || !strings.Contains(out, s) {
			t.Errorf("default: exit %d %s, lacks %q\n%s", code, errOut, s, out)
		}
	}
	// 7: the six are merged too, and withheld: only the figures of all interviews remain.
	code, out, _ = report("--format", "csv", "--min-group", "7")
	if code != 0 || !strings.Contains(out, ",min_group,,,7,") || !strings.Contains(out, "mixed-flows-md,merged,citizenship=*other,ukrainian,,") ||
		!strings.Contains(out, "mixed-flows-md,sessions,all,,6,") || strings.Contains(out, "citizenship=ukrainian,") {
		t.Errorf("--min-group 7: exit %d\n%s", code, out)
	}
	code, out, _ = report("--min-group", "7")
	out = strings.Join(strings.Fields(out), " ") // the text wraps at 100 columns
	if code != 0 || !strings.Contains(out, "Minimum group size: 7 interviews.") || !strings.Contains(out, "“Other answers” holds fewer than 7 interviews in all") ||
		!strings.Contains(out, "Other answers (fewer than 7 interviews each)") {
		t.Errorf("--min-group 7, text: exit %d\n%s", code, out)
	}
	// 1: every group, and a loud note.
	code, out, _ = report("--min-group", "1", "--format", "html")
	if code != 0 || !strings.Contains(out, "Small groups shown") || strings.Contains(out, "Other answers") {
		t.Errorf("--min-group 1: exit %d\n%s", code, out)
	}
	code, out, _ = cliRun{folders: env}.run(t, "report", dir, "--by", "citizenship", "--include-demos", "--ui-lang", "ro", "--min-group", "7")
	if code != 0 || !strings.Contains(out, "Alte răspunsuri (fiecare în mai puțin de 7 interviuri)") {
		t.Errorf("--ui-lang ro: exit %d\n%s", code, out)
	}
	for _, bad := range []string{"0", "-3"} {
		code, _, errOut = report("--min-group", bad)
		if code != exitUsage || !strings.Contains(errOut, "--min-group takes a number of interviews, 1 or more (1 shows every group), not "+bad+".") {
			t.Errorf("--min-group %s: exit %d %s", bad, code, errOut)
		}
	}
	code, _, errOut = report("--min-group", "five")
	if code != exitUsage {
		t.Errorf("--min-group five: exit %d %s", code, errOut)
	}
}

// TestReportSkipReasonsLocalized: a file of another session version and a file that is not
// a session are left out with the reason in the reader's language, naming the file.
func TestReportSkipReasonsLocalized(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	s99 := filepath.Join(dir, "s99.json")
	garbage := filepath.Join(dir, "garbage.json")
	os.WriteFile(s99, []byte(`{"version": 99, "guideline": {"id": "mixed-flows-md"}}`), 0o600)
	os.WriteFile(garbage, []byte("garbage"), 0o600)
	code, _, errOut := cliRun{}.run(t, "report", s99, garbage, "--ui-lang", "uk")
	for _, want := range []string{
		"Не враховано: " + s99 + ": файл сесії має версію 99; ця програма earlyid читає версію 1.",
		"Не враховано: " + garbage + ": цей файл не є сесією earlyid.",
	} {
		if code != 0 || !strings.Contains(errOut, want) {
			t.Errorf("exit %d, stderr lacks %q:\n%s", code, want, errOut)
		}
	}
	for _, english := range []string{"the file", "session file", "invalid character"} {
		if strings.Contains(errOut, english) {
			t.Errorf("stderr holds English %q:\n%s", english, errOut)
		}
	}
}

// TestReportReadsRealEncryptedSessions: a real interview, stored encrypted, is read with the
// passphrase file (scrypt at the tests' low work factor) and counted like any other, without
// its case code or note.
func TestReportReadsRealEncryptedSessions(t *testing.T) {
	t.Parallel()
	env := newStorageEnv(t)
	code, _, errOut := cliRun{folders: env, stdin: "y\n:note SECRET-NOTE\n:quit\n"}.run(t, "interview", "--plain", "--guideline", "example", "--case", "MD-REAL-0301", "--passphrase-file", env.passFile)
	if code != 0 {
		t.Fatalf("interview: exit %d %s", code, errOut)
	}
	if _, err := os.Stat(env.sessionFile("MD-REAL-0301")); err != nil {
		t.Fatalf("no encrypted session: %v", err)
	}
	dir := filepath.Join(env.data, "sessions")
	code, out, errOut := cliRun{folders: env}.run(t, "report", dir, "--format", "csv", "--passphrase-file", env.passFile)
	for _, want := range []string{",skipped_encrypted,,,0,", "example,sessions,all,,1,", "example,mode,all,real,1,",
		"example,status,all,in_progress,1,", "example,unfinished_not_counted,all,,1,"} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("exit %d %s: the report lacks %q\n%s", code, errOut, want, out)
		}
	}
	code, out, _ = cliRun{folders: env}.run(t, "report", dir, "--passphrase-file", env.passFile)
	if code != 0 || !strings.Contains(out, "1 session reported.") || !strings.Contains(out, "Mode: real") {
		t.Errorf("text: exit %d\n%s", code, out)
	}
	for _, secret := range []string{"MD-REAL-0301", "SECRET-NOTE"} {
		if strings.Contains(out, secret) {
			t.Errorf("the report holds %q", secret)
		}
	}
	// Without the passphrase the file is counted as not read, and said so.
	code, _, errOut = cliRun{folders: env}.run(t, "report", dir)
	if code != 0 || !strings.Contains(errOut, "1 encrypted real session was not included") {
		t.Errorf("no passphrase: exit %d %s", code, errOut)
	}
}

// TestReportWarnsOfDifferingCopies: a session given twice, once changed later under another
// folder, is counted once, and the warning names the file counted and the one left out.
func TestReportWarnsOfDifferingCopies(t *testing.T) {
	t.Parallel()
	data := t.TempDir()
	env := storageEnv{data: data}
	if code, _, errOut := (cliRun{folders: env}).run(t, "simulate", border, "--autoplay", "--delay", "0", "--plain", "--case", "MD-COPY-0001", "--ui-lang", "en"); code != 0 {
		t.Fatalf("autoplay: exit %d %s", code, errOut)
	}
	dir := filepath.Join(data, "training")
	orig := filepath.Join(dir, "MD-COPY-0001.json")
	b, err := os.ReadFile(orig)
	if err != nil {
		t.Fatal(err)
	}
	later := filepath.Join(t.TempDir(), "MD-COPY-0001.json")
	// The same session, changed last in 2099.
	changed := regexp.MustCompile(`"updated": "\d{4}`).ReplaceAll(b, []byte(`"updated": "2099`))
	if bytes.Equal(changed, b) {
		t.Fatal("the session file has no time of its last change to move")
	}
	os.WriteFile(later, changed, 0o600)
	code, out, errOut := cliRun{folders: env}.run(t, "report", dir, later, "--include-demos", "--format", "csv", "--ui-lang", "en")
	want := "Two copies of one session differ: " + later + " (changed last) is counted, " + orig + " is not."
	if code != 0 || !strings.Contains(errOut, want) || !strings.Contains(out, "mixed-flows-md,sessions,all,,1,") || !strings.Contains(out, ",skipped_duplicate,,,1,") {
		t.Errorf("exit %d, stderr %s, want %q\n%s", code, errOut, want, out)
	}
}

// TestReportRefusesToPoolScenarios: demonstrations of two scenarios (counted with
// --include-demos), broken down by citizenship: refused, naming both scenarios and the three
// ways out, in the reader's language; --all-scenarios pools them.
func TestReportRefusesToPoolScenarios(t *testing.T) {
	t.Parallel()
	data := t.TempDir()
	env := storageEnv{data: data}
	for i, sc := range []string{border, "mixed-flows-md-palanca-aunt"} {
		if code, _, errOut := (cliRun{folders: env}).run(t, "simulate", sc, "--autoplay", "--delay", "0", "--plain", "--case", fmt.Sprintf("MD-SCEN-%04d", i+1), "--ui-lang", "en"); code != 0 {
			t.Fatalf("autoplay: exit %d %s", code, errOut)
		}
	}
	dir := filepath.Join(data, "training")
	code, _, errOut := cliRun{folders: env}.run(t, "report", dir, "--include-demos", "--by", "citizenship", "--ui-lang", "en")
	if code != exitUsage || !strings.Contains(errOut, "come from 2 scenarios ("+border+", mixed-flows-md-palanca-aunt)") || !strings.Contains(errOut, "--all-scenarios") {
		t.Errorf("exit %d: %s", code, errOut)
	}
	code, _, errOut = cliRun{folders: env}.run(t, "report", dir, "--include-demos", "--by", "citizenship", "--ui-lang", "ro")
	if code != exitUsage || !strings.Contains(errOut, "provin din 2 scenarii") {
		t.Errorf("ro: exit %d: %s", code, errOut)
	}
	code, out, errOut := cliRun{folders: env}.run(t, "report", dir, "--include-demos", "--by", "citizenship", "--all-scenarios", "--format", "csv",
		"--rescore", "mixed-flows-md-strict")
	if code != 0 || !strings.Contains(out, "mixed-flows-md,sessions,all,,2,") || !strings.Contains(out, "mixed-flows-md,rescore_finished,rescore=mixed-flows-md-strict,,2,") {
		t.Errorf("--all-scenarios --rescore: exit %d %s\n%s", code, errOut, out)
	}
}

// TestReportPilotEndToEnd: interviews played through the interview engine (simulate
// --autoplay, counted with --include-demos), follow-up results recorded from a CSV, and the
// report scoring them again with the strict rule set. Worked out by hand:
//
//	MD-PLTE-0001, -0002  israel-domestic-servitude  default high, strict high; 18 indicators; identified
//	MD-PLTE-0003         exit-ban-smuggler-debt     default high, strict medium; 15; identified
//	MD-PLTE-0004         shelter-no-signal          low under both; 0; not identified
//	MD-PLTE-0005         shelter-no-signal          pending: not counted
//
// At high: default TP 3, TN 1; strict TP 2 (exit-ban is medium), FN 1, TN 1. At 18 or more
// indicators: TP 2, FN 1 (exit-ban has 15), TN 1.
func TestReportPilotEndToEnd(t *testing.T) {
	t.Parallel()
	data := t.TempDir()
	cli := cliRun{folders: storageEnv{data: data}}
	run := func(args ...string) (int, string, string) {
		t.Helper()
		return cli.run(t, append(args, "--ui-lang", "en")...)
	}
	for i, sc := range []string{"israel-domestic-servitude", "israel-domestic-servitude", "exit-ban-smuggler-debt", "shelter-no-signal", "shelter-no-signal"} {
		if c, _, errOut := run("simulate", "mixed-flows-md-"+sc, "--autoplay", "--delay", "0", "--plain", "--case", fmt.Sprintf("MD-PLTE-%04d", i+1)); c != 0 {
			t.Fatalf("autoplay %s: exit %d %s", sc, c, errOut)
		}
	}
	csvPath := filepath.Join(t.TempDir(), "results.csv")
	os.WriteFile(csvPath, []byte("case code,result,date,institution\n"+
		"MD-PLTE-0001,identified,2026-02-01,CNAET\nMD-PLTE-0002,identified,2026-02-01,CNAET\nMD-PLTE-0003,identified,2026-02-02,CNAET\n"+
		"MD-PLTE-0004,not-identified,2026-02-03,CNAET\nMD-PLTE-0005,pending,,\n"), 0o600)
	if c, _, errOut := run("sessions", "follow-up", "--from", csvPath); c != 0 {
		t.Fatalf("follow-up: exit %d %s", c, errOut)
	}
	code, out, errOut := run("report", filepath.Join(data, "training"), "--include-demos", "--all-scenarios", "--rescore", "mixed-flows-md-strict", "--format", "csv")
	for _, want := range []string{"mixed-flows-md,followed_up,all,,4,", "mixed-flows-md,follow_up_pending,all,,1,",
		"mixed-flows-md,true_positive,all,high,3,", "mixed-flows-md,true_negative,all,high,1,",
		"mixed-flows-md-strict,true_positive,sessions_of=mixed-flows-md,high,2,", "mixed-flows-md-strict,false_negative,sessions_of=mixed-flows-md,high,1,",
		"mixed-flows-md,true_positive,all,18,2,", "mixed-flows-md,false_negative,all,18,1,", "mixed-flows-md,true_positive,all,15,3,"} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("exit %d %s: the CSV lacks %q", code, errOut, want)
		}
	}
}
