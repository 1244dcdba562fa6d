package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/earlyid/earlyid/interview"
)

func TestInterviewFlags(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"name as case code", []string{"interview", "--case", "Ivanova"}, exitUsage, "Lowercase letters suggest a name"},
		{"spaces in case code", []string{"interview", "--case", "IVAN 1"}, exitUsage, "no spaces"},
		{"training and self", []string{"interview", "--training", "--self"}, exitUsage, "cannot be used together"},
		{"language the guideline lacks", []string{"interview", "--guideline", "example", "--lang", "de"}, exitUsage, "“de”"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errOut := cliRun{}.run(t, append(tt.args, "--ui-lang", "en")...)
			if code != tt.code || !strings.Contains(errOut, tt.want) {
				t.Errorf("exit %d, stderr %q; want exit %d containing %q", code, errOut, tt.code, tt.want)
			}
		})
	}
}

// TestInterviewTrainingSavesAndResumes quits a training interview and continues it with
// resume: the session file lives in the training folder and the second run picks up at the
// same question. Reusing its code with interview --case is refused, saying how to continue.
func TestInterviewTrainingSavesAndResumes(t *testing.T) {
	t.Parallel()
	data := t.TempDir()
	env := storageEnv{data: data}
	code, out, errOut := cliRun{folders: env, stdin: "y\n:quit\n"}.run(t, "interview", "--training", "--plain", "--guideline", "example", "--case", "MD-TEST-0100", "--ui-lang", "en")
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d, stderr %s", code, errOut)
	}
	if !strings.Contains(out, "earlyid resume MD-TEST-0100") || strings.ContainsRune(out, 0x1b) {
		t.Errorf("output:\n%s", out)
	}
	path := filepath.Join(data, "training", "MD-TEST-0100.json")
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s, err := interview.UnmarshalSession(raw)
	if err != nil || s.Mode != interview.ModeTraining || len(s.Answers.Values) != 1 {
		t.Fatalf("stored session %+v, %v", s, err)
	}
	code, out, errOut = cliRun{folders: env}.run(t, "interview", "--training", "--plain", "--guideline", "example", "--case", "MD-TEST-0100", "--lang", "uk", "--ui-lang", "en")
	if code != exitUsage || out != "" {
		t.Errorf("a reused case code: exit %d, want %d; output:\n%s", code, exitUsage, out)
	}
	for _, want := range []string{"MD-TEST-0100", "training — fictional case", "started " + s.Created.Local().Format("2006-01-02 15:04"), "earlyid resume MD-TEST-0100", "choose another code"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("the refusal lacks %q:\n%s", want, errOut)
		}
	}
	if again, _ := os.ReadFile(path); string(again) != string(raw) {
		t.Errorf("the refused run changed the stored session")
	}
	code, out, _ = cliRun{folders: env}.run(t, "resume", "MD-TEST-0100", "--plain", "--ui-lang", "en")
	if code != 0 || !strings.Contains(out, "Question 2 ·") {
		t.Errorf("resume did not continue at question 2 (exit %d):\n%s", code, out)
	}
	if _, err := os.Stat(filepath.Join(data, "sessions")); err == nil {
		t.Errorf("a training interview created the real sessions folder")
	}
}

// TestInterviewRealIsNotWritten: a real interview is only ever saved encrypted, so without
// a way to get the passphrase (no terminal, no --passphrase-file) it does not start, and
// writes nothing to the data folder (storage_test.go covers the encrypted runs).
func TestInterviewRealIsNotWritten(t *testing.T) {
	t.Parallel()
	data := t.TempDir()
	env := storageEnv{data: data}
	code, out, errOut := cliRun{folders: env, stdin: "y\ny\n"}.run(t, "interview", "--plain", "--guideline", "example", "--ui-lang", "en")
	if code != exitUsage || !strings.Contains(errOut, "--passphrase-file") || out != "" {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	entries, _ := os.ReadDir(data)
	if len(entries) != 0 {
		t.Errorf("a real interview wrote %v", entries)
	}
}

// TestInterviewRefusesACodeInUse: a specialist who reuses the code of a real session for a
// self interview (in Romanian) is told, in the interface language, that the code is taken,
// by which session, and how to continue it; the stored session is untouched.
func TestInterviewRefusesACodeInUse(t *testing.T) {
	t.Parallel()
	env := newStorageEnv(t)
	if code, _, errOut := (cliRun{folders: env, stdin: "y\n:quit\n"}).run(t, "interview", "--plain", "--guideline", "example", "--case", "MD-USED-0001", "--passphrase-file", env.passFile); code != 0 {
		t.Fatalf("first interview: exit %d\n%s", code, errOut)
	}
	before, err := os.ReadFile(env.sessionFile("MD-USED-0001"))
	if err != nil {
		t.Fatal(err)
	}
	code, out, errOut := cliRun{folders: env, stdin: "y\n", ui: "ro"}.run(t, "interview", "--self", "--plain", "--guideline", "example", "--lang", "uk", "--case", "MD-USED-0001", "--passphrase-file", env.passFile)
	if code != exitUsage || out != "" {
		t.Fatalf("reused code: exit %d, want %d\nstdout:\n%s", code, exitUsage, out)
	}
	for _, want := range []string{"Există deja o sesiune salvată cu codul cazului MD-USED-0001", "(real, începută la ", "earlyid resume MD-USED-0001"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("the refusal lacks %q:\n%s", want, errOut)
		}
	}
	if after, _ := os.ReadFile(env.sessionFile("MD-USED-0001")); string(after) != string(before) {
		t.Errorf("the refused run changed the stored session")
	}
}
