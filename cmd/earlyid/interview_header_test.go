package main

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/earlyid/earlyid/interview"
)

// loadTraining reads the training session code from the test's data folder.
func loadTraining(t *testing.T, env storageEnv, code string) *interview.Session {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(env.data, "training", code+".json"))
	if err != nil {
		t.Fatal(err)
	}
	s, err := interview.UnmarshalSession(raw)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestInterviewSetupHeaderReachesTheSummary types the place, the role and the institution
// in the TUI's setup form of `earlyid interview` (on a terminal: the keys as a terminal sends
// them), quits with the quick exit, and finds them in the saved session and in the summary
// `earlyid export` writes.
func TestInterviewSetupHeaderReachesTheSummary(t *testing.T) {
	t.Parallel()
	env := newStorageEnv(t)
	const code = "MD-TEST-0701"
	keys := strings.Join([]string{
		"\x1b[B", "Palanca, punctul de trecere", // ↓ from "interpreter present" to the place
		"\t", "ofițer de frontieră", // Tab to the role
		"\r", "IGPF", // Enter goes to the next field too: the institution
		"\t", "\r", // Tab to Start, Enter
		"\x18", // the quick exit: the session is saved at the first question
	}, "")
	rc, _, errOut := cliRun{folders: env, tty: true, stdin: keys, ui: "en"}.run(t, "interview", "--training", "--guideline", "example", "--case", code, "--lang", "ro")
	if rc != 0 {
		t.Fatalf("interview: exit %d: %s", rc, errOut)
	}
	s := loadTraining(t, env, code)
	if s.Place != "Palanca, punctul de trecere" || s.InterviewerRole != "ofițer de frontieră" || s.Institution != "IGPF" {
		t.Fatalf("saved header %q / %q / %q", s.Place, s.InterviewerRole, s.Institution)
	}
	if s.Position.Stage == interview.StageSetup {
		t.Errorf("the interview did not start: %+v", s.Position)
	}
	rc, out, errOut := cliRun{folders: env}.run(t, "export", code, "--format", "md")
	if rc != 0 {
		t.Fatalf("export: exit %d: %s", rc, errOut)
	}
	for _, want := range []string{"Palanca, punctul de trecere", "ofițer de frontieră", "IGPF"} {
		if !strings.Contains(out, want) {
			t.Errorf("the summary lacks %q:\n%s", want, out)
		}
	}
}

// TestInterviewHeaderFlags: --place, --role and --institution are stored in the new session
// (sanitized), resume keeps them, reusing the code cannot change them, and a value longer
// than 80 characters is refused.
func TestInterviewHeaderFlags(t *testing.T) {
	t.Parallel()
	env := newStorageEnv(t)
	const code = "MD-TEST-0702"
	rc, out, errOut := cliRun{folders: env, stdin: "y\n:quit\n"}.run(t, "interview", "--plain", "--training", "--guideline", "example", "--case", code,
		"--place", "  Chișinău\x1b[2J ", "--role", "психолог", "--institution", "ANAS")
	if rc != 0 {
		t.Fatalf("interview: exit %d\n%s\n%s", rc, out, errOut)
	}
	s := loadTraining(t, env, code)
	if s.Place != "Chișinău" || s.InterviewerRole != "психолог" || s.Institution != "ANAS" {
		t.Fatalf("saved header %q / %q / %q", s.Place, s.InterviewerRole, s.Institution)
	}

	// resume keeps them (it has no such flags), through to the end of the interview.
	if rc, out, errOut := (cliRun{folders: env, stdin: ":quit\n"}).run(t, "resume", code); rc != 0 {
		t.Fatalf("resume: exit %d\n%s\n%s", rc, out, errOut)
	}
	if s := loadTraining(t, env, code); s.Place != "Chișinău" || s.InterviewerRole != "психолог" || s.Institution != "ANAS" {
		t.Errorf("after resume: %q / %q / %q", s.Place, s.InterviewerRole, s.Institution)
	}

	// Reusing the code with another place is refused (the code is taken): the recorded
	// place stays.
	rc, _, errOut = cliRun{folders: env, stdin: ":quit\n"}.run(t, "interview", "--plain", "--training", "--guideline", "example", "--case", code, "--place", "Palanca")
	if rc != exitUsage || !strings.Contains(errOut, "earlyid resume "+code) {
		t.Errorf("reused the code with another place: exit %d, stderr %q", rc, errOut)
	}
	if s := loadTraining(t, env, code); s.Place != "Chișinău" {
		t.Errorf("the recorded place changed to %q", s.Place)
	}

	rc, _, errOut = cliRun{folders: env}.run(t, "interview", "--plain", "--training", "--guideline", "example", "--role", strings.Repeat("ș", 81))
	if rc != exitUsage || !strings.Contains(errOut, "--role is too long: at most 80 characters") {
		t.Errorf("81 characters: exit %d, stderr %q", rc, errOut)
	}
}

// fullStore is a training store whose saves fail from the second one on, as a disk that
// fills up during the interview.
type fullStore struct {
	interview.Store
	n int
}

func (s *fullStore) Save(x *interview.Session) error {
	s.n++
	if s.n > 1 {
		return errors.New("no space left on device")
	}
	return s.Store.Save(x)
}

// TestPlainEndOfInputAfterFailedSave: when the input ends while the last save failed,
// plain mode says that the last answers are not saved and the command exits 1, so that a
// script notices.
func TestPlainEndOfInputAfterFailedSave(t *testing.T) {
	t.Parallel()
	f, out, _ := cliRun{stdin: "y\ny\n"}.factory(t)
	opts := newInterviewOptions(f)
	opts.Guideline, opts.Case, opts.Training, opts.Plain = "example", "MD-TEST-0703", true, true
	opts.TrainingStore = func() (interview.Store, error) {
		st, err := f.openTrainingStore()
		return &fullStore{Store: st}, err
	}
	err := runInterview(f, opts)
	if code, msg := f.describe(err, nil); code != exitFailure || msg != "" {
		t.Errorf("exit %d, message %q (%v); want 1 and nothing more to print", code, msg, err)
	}
	if !strings.Contains(out.String(), "are NOT saved") {
		t.Errorf("no warning that the answers are lost:\n%s", out.String())
	}
}
