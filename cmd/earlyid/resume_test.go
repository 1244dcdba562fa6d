package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/interview"
	"github.com/earlyid/earlyid/interview/vault"
	"github.com/earlyid/earlyid/locales"
)

// personAnswers answers every question of the example guideline that the person is asked
// alone; the safety check (safe_to_talk) and the observation age_uncertain are left open.
const personAnswers = `answers:
  consent_interview: yes
  consent_share: no
  age: 34
  arrival_date: 2026-01-12
  job_offer: yes
  recruited_via: [online]
  job_as_promised: different
  hours_per_day: 14
  paid_as_agreed: no
  documents_held: yes
  free_to_leave: no
  debt: no
  threats: unknown
  needs_medical: no
`

// selfSession runs a self interview in which the person answers all of their questions
// (pre-filled), so that it ends with where to get help and is saved under code.
func selfSession(t *testing.T, env storageEnv, code string) {
	t.Helper()
	answers := filepath.Join(t.TempDir(), "answers.yaml")
	if err := os.WriteFile(answers, []byte(personAnswers), 0o600); err != nil {
		t.Fatal(err)
	}
	rc, out, errOut := cliRun{folders: env}.run(t, "interview", "--self", "--plain", "--guideline", "example", "--lang", "en", "--answers", answers, "--case", code, "--passphrase-file", env.passFile)
	if rc != 0 || !strings.Contains(out, locales.New("en").T("interview.self.end.title", nil)) {
		t.Fatalf("the self interview did not end for the person: exit %d\n%s\n%s", rc, out, errOut)
	}
}

// loadReal decrypts the stored session code with the test's passphrase.
func loadReal(t *testing.T, env storageEnv, code string) *interview.Session {
	t.Helper()
	id, err := vault.UnlockIdentity(vault.IdentityPath(env.data), testPass)
	if err != nil {
		t.Fatal(err)
	}
	s, err := interview.UnmarshalSession(decryptWith(t, env.sessionFile(code), id))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestResumeSelfSessionAsInterviewer: plain resume keeps a self session the person's
// (the interviewer's questions stay unasked); resume --interviewer asks them, shows the
// review and the result, records that the interviewer continued it, keeps the mode self
// in the session and in the summary, and saves the closing remarks written at the review.
func TestResumeSelfSessionAsInterviewer(t *testing.T) {
	t.Parallel()
	en := locales.New("en")
	g, ds := guidelines.Open("example")
	if g == nil {
		t.Fatal(ds)
	}
	safety, observation := g.Question("safe_to_talk").Text.In("en"), g.Question("age_uncertain").Text.In("en")
	env := newStorageEnv(t)
	const code = "MD-SELF-0301"
	selfSession(t, env, code)

	// Without --interviewer the session is still the person's: nothing of the
	// interviewer's is asked, and no result is shown.
	rc, out, errOut := cliRun{folders: env, stdin: "\n"}.run(t, "resume", code, "--plain", "--passphrase-file", env.passFile)
	if rc != 0 || strings.Contains(out, safety) || strings.Contains(out, en.T("interview.result.title", nil)) {
		t.Fatalf("a plain resume of a self session asked the interviewer's questions or showed the result: exit %d\n%s\n%s", rc, out, errOut)
	}
	if s := loadReal(t, env, code); s.InterviewerContinued != nil {
		t.Errorf("a plain resume recorded the interviewer")
	}

	// --interviewer: the safety check first, then the observation, the review (remarks),
	// and the result.
	later := time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC)
	rc, out, errOut = cliRun{folders: env, now: later, stdin: "y\nn\n:remarks Completed by the specialist after the person answered.\n\n"}.run(t, "resume", code, "--interviewer", "--plain", "--passphrase-file", env.passFile)
	if rc != 0 {
		t.Fatalf("resume --interviewer: exit %d\n%s\n%s", rc, out, errOut)
	}
	if !strings.Contains(errOut, en.T("resume.interviewer.notice", map[string]any{"Code": code})) {
		t.Errorf("resume --interviewer did not say that the interviewer continues the session:\n%s", errOut)
	}
	is, io := strings.Index(out, safety), strings.Index(out, observation)
	ir, ires := strings.Index(out, en.T("interview.review.title", nil)), strings.Index(out, en.T("interview.result.title", nil))
	if is < 0 || io < is || ir < io || ires < ir {
		t.Errorf("want the safety check, the observation, the review and the result, in that order (at %d, %d, %d, %d):\n%s", is, io, ir, ires, out)
	}
	if !strings.Contains(out, g.Question("safe_to_talk").Hint.In("en")) {
		t.Errorf("the interviewer was not shown the hints:\n%s", out)
	}

	s := loadReal(t, env, code)
	if s.Mode != interview.ModeSelf {
		t.Errorf("mode %q after the interviewer continued; the person's answers were given alone, so it stays self", s.Mode)
	}
	if s.InterviewerContinued == nil || !s.InterviewerContinued.Equal(later) {
		t.Errorf("the session records the interviewer's continuation as %v, want %v", s.InterviewerContinued, later)
	}
	if s.PersonAlone() {
		t.Errorf("the continued session still counts as answered by the person alone")
	}
	if got := s.Answers.Values["safe_to_talk"]; got.Str != "yes" {
		t.Errorf("safe_to_talk = %+v, want yes", got)
	}
	if got := s.Answers.Values["age_uncertain"]; got.Str != "no" {
		t.Errorf("age_uncertain = %+v, want no", got)
	}
	if s.Answers.Values["age"].Num != 34 || s.Status != interview.StatusFinished {
		t.Errorf("the person's answers or the status changed: age %v, status %s", s.Answers.Values["age"], s.Status)
	}

	// The summary still says how the person answered, and prints the remarks.
	rc, md, errOut := cliRun{folders: env, now: later}.run(t, "export", code, "--format", "md", "--passphrase-file", env.passFile)
	if rc != 0 {
		t.Fatalf("export: exit %d\n%s", rc, errOut)
	}
	for _, want := range []string{en.T("summary.mode.self", nil), "Completed by the specialist after the person answered."} {
		if !strings.Contains(md, want) {
			t.Errorf("the summary lacks %q:\n%s", want, md)
		}
	}

	// Continued once, the session stays the interviewer's: a plain resume shows the result.
	rc, out, errOut = cliRun{folders: env, now: later}.run(t, "resume", code, "--plain", "--passphrase-file", env.passFile)
	if rc != 0 || !strings.Contains(out, en.T("interview.result.title", nil)) {
		t.Errorf("a later resume of the continued session did not show the result: exit %d\n%s\n%s", rc, out, errOut)
	}
}

// TestResumeInterviewerNeedsTheKey: --interviewer opens the encrypted session only with the
// passphrase, and a wrong one changes nothing.
func TestResumeInterviewerNeedsTheKey(t *testing.T) {
	t.Parallel()
	env := newStorageEnv(t)
	const code = "MD-SELF-0302"
	selfSession(t, env, code)
	before, err := os.ReadFile(env.sessionFile(code))
	if err != nil {
		t.Fatal(err)
	}
	wrong := filepath.Join(t.TempDir(), "wrong")
	if err := os.WriteFile(wrong, []byte("not the passphrase at all\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	rc, out, errOut := cliRun{folders: env, stdin: "y\nn\n\n"}.run(t, "resume", code, "--interviewer", "--plain", "--passphrase-file", wrong)
	if rc != exitFailure || !strings.Contains(errOut, "The passphrase is not correct") || out != "" {
		t.Errorf("a wrong passphrase: exit %d\n%s\n%s", rc, out, errOut)
	}
	if after, _ := os.ReadFile(env.sessionFile(code)); string(after) != string(before) {
		t.Errorf("a wrong passphrase changed the session file")
	}
}

// TestResumeInterviewerRefusesTraining: a training session has no interviewer's part left
// open; --interviewer is refused with a message that says how to continue it, and
// --training with --interviewer is a usage error.
func TestResumeInterviewerRefusesTraining(t *testing.T) {
	t.Parallel()
	env := newStorageEnv(t)
	const code = "MD-TRNG-0303"
	if rc, _, errOut := (cliRun{folders: env, stdin: "y\n:quit\n"}).run(t, "interview", "--plain", "--training", "--guideline", "example", "--case", code); rc != 0 {
		t.Fatal(errOut)
	}
	before := loadTraining(t, env, code)
	en := locales.New("en")
	rc, out, errOut := cliRun{folders: env, stdin: "y\n"}.run(t, "resume", code, "--interviewer", "--plain")
	if rc != exitUsage || !strings.Contains(errOut, en.T("resume.interviewer.training", map[string]any{"Code": code})) || out != "" {
		t.Errorf("resume --interviewer of a training session: exit %d\n%s\n%s", rc, out, errOut)
	}
	if after := loadTraining(t, env, code); after.InterviewerContinued != nil || !after.Updated.Equal(before.Updated) {
		t.Errorf("the refused resume changed the training session")
	}
	rc, _, errOut = cliRun{folders: env}.run(t, "resume", code, "--interviewer", "--training")
	if rc != exitUsage || !strings.Contains(errOut, en.T("cli.error.flags_conflict", map[string]any{"First": "training", "Second": "interviewer"})) {
		t.Errorf("--training --interviewer: exit %d, %q", rc, errOut)
	}
}
