package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSessionsFollowUp: follow-ups of two training sessions (fictional pilots take them
// too): one recorded twice from the flags, with a hostile note, shown as a history by
// sessions show with the current result last and the note made harmless; a CSV with bad
// rows is refused line by line and records nothing; the same file corrected records all.
func TestSessionsFollowUp(t *testing.T) {
	t.Parallel()
	data := t.TempDir()
	env := storageEnv{data: data}
	run := func(args ...string) (int, string, string) {
		t.Helper()
		return cliRun{folders: env}.run(t, append(args, "--ui-lang", "en")...)
	}
	for _, code := range []string{"MD-FLUP-0001", "MD-FLUP-0002"} {
		if c, _, errOut := run("simulate", border, "--autoplay", "--delay", "0", "--plain", "--case", code); c != 0 {
			t.Fatalf("autoplay: exit %d %s", c, errOut)
		}
	}
	if c, _, errOut := run("sessions", "follow-up", "MD-FLUP-0001", "--result", "pending", "--by", "CNAET", "--note", "sent \x1b[31mred\x1b]8;;http://x\x07 on"); c != 0 ||
		!strings.Contains(errOut, "Follow-up recorded for 1 session.") {
		t.Fatalf("follow-up: exit %d %s", c, errOut)
	}
	if c, _, errOut := run("sessions", "follow-up", "md-flup-0001", "--result", "identified", "--date", "2026-01-15", "--by", "CNAET"); c != 0 {
		t.Fatalf("follow-up, lower case: exit %d %s", c, errOut)
	}
	c, out, _ := run("sessions", "show", "MD-FLUP-0001")
	pending, identified := strings.Index(out, "  Pending · CNAET · recorded "), strings.Index(out, "  Identified as a victim · 2026-01-15 · CNAET · recorded ")
	if c != 0 || pending < 0 || identified < pending || strings.ContainsRune(out, '\x1b') || strings.ContainsRune(out, '\x07') || !strings.Contains(out, "sent") {
		t.Errorf("show: exit %d, want the history, current last, the note harmless:\n%s", c, out)
	}

	csvPath := filepath.Join(t.TempDir(), "results.csv")
	os.WriteFile(csvPath, []byte("case code,result,date,institution\n"+
		"MD-FLUP-0002,identified,2026-02-01,CNAET\n"+
		"MD-NOPE-0009,identified,,\n"+
		"MD-FLUP-0001,maybe,,\n"+
		"MD-FLUP-0002,pending,,\n"+
		"MD-FLUP-0001,not-identified,2099-01-01,\n"), 0o600)
	c, _, errOut := run("sessions", "follow-up", "--from", csvPath)
	for _, want := range []string{"Line 3: ", "MD-NOPE-0009", "Line 4: “maybe” is not a follow-up result", "Line 5: The session MD-FLUP-0002 is also on line 2",
		"Line 6: “2099-01-01” is not the date of a decision", "Nothing was recorded."} {
		if c == 0 || !strings.Contains(errOut, want) {
			t.Errorf("bad CSV: exit %d, lacks %q:\n%s", c, want, errOut)
		}
	}
	if _, out, _ := run("sessions", "show", "MD-FLUP-0002"); strings.Contains(out, "Follow-up") {
		t.Errorf("a bad file recorded a row:\n%s", out)
	}
	os.WriteFile(csvPath, []byte("\ufeffMD-FLUP-0002,identified,2026-02-01,CNAET\nMD-FLUP-0001,not-identified,2026-03-01,IGP\n"), 0o600)
	if c, _, errOut := run("sessions", "follow-up", "--from", csvPath); c != 0 || !strings.Contains(errOut, "Follow-up recorded for 2 sessions.") {
		t.Fatalf("good CSV: exit %d %s", c, errOut)
	}
	_, out, _ = run("sessions", "show", "MD-FLUP-0002")
	if !strings.Contains(out, "  Identified as a victim · 2026-02-01 · CNAET · recorded ") {
		t.Errorf("show after the file:\n%s", out)
	}
	b, _ := os.ReadFile(filepath.Join(data, "training", "MD-FLUP-0001.json"))
	if strings.Count(string(b), `"result"`) != 3 {
		t.Errorf("the session file does not hold the three results:\n%s", b)
	}
}

// TestSessionsFollowUpRealSession: a real session's follow-up is kept inside its encrypted
// file (the note is nowhere in plaintext) and shown with the key.
func TestSessionsFollowUpRealSession(t *testing.T) {
	t.Parallel()
	env := newStorageEnv(t)
	if code, _, errOut := (cliRun{folders: env, stdin: "y\n:quit\n"}).run(t, "interview", "--plain", "--guideline", "example", "--case", "MD-REAL-0401", "--passphrase-file", env.passFile); code != 0 {
		t.Fatalf("interview: exit %d %s", code, errOut)
	}
	code, _, errOut := cliRun{folders: env}.run(t, "sessions", "follow-up", "MD-REAL-0401", "--result", "not-identified", "--by", "CNAET", "--note", "FOLLOWUP-SECRET", "--passphrase-file", env.passFile, "--ui-lang", "en")
	if code != 0 {
		t.Fatalf("follow-up: exit %d %s", code, errOut)
	}
	b, _ := os.ReadFile(env.sessionFile("MD-REAL-0401"))
	if strings.Contains(string(b), "FOLLOWUP-SECRET") || len(b) == 0 {
		t.Errorf("the note is in plaintext, or the file is gone")
	}
	_, out, _ := cliRun{folders: env}.run(t, "sessions", "show", "MD-REAL-0401", "--passphrase-file", env.passFile, "--ui-lang", "en")
	if !strings.Contains(out, "  Not identified · CNAET · recorded ") || !strings.Contains(out, "FOLLOWUP-SECRET") {
		t.Errorf("show:\n%s", out)
	}
}
