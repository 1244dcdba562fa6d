package main

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"filippo.io/age"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/interview"
	"github.com/earlyid/earlyid/interview/summary"
	"github.com/earlyid/earlyid/locales"
)

// scenarioFile is a shipped scenario used as an answers file: every question answered.
const scenarioFile = "../../guidelines/scenarios/mixed-flows-md-telegram-construction-debt.yaml"

// finishInterview runs an interview pre-filled with the scenario's answers through to the
// result (Enter at the review and result screens) and saves it under code.
func finishInterview(t *testing.T, env storageEnv, code string, training bool) {
	t.Helper()
	args := []string{"interview", "--plain", "--answers", scenarioFile, "--case", code, "--lang", "uk"}
	if training {
		args = append(args, "--training")
	} else {
		args = append(args, "--passphrase-file", env.passFile)
	}
	if rc, out, errOut := (cliRun{folders: env, stdin: "\n\n\n\n"}).run(t, args...); rc != 0 {
		t.Fatalf("interview: exit %d\n%s\n%s", rc, out, errOut)
	}
}

func TestExportTrainingSessionToStdout(t *testing.T) {
	t.Parallel()
	env := newStorageEnv(t)
	finishInterview(t, env, "MD-TEST-0401", true)
	rc, out, errOut := cliRun{folders: env}.run(t, "export", "MD-TEST-0401", "--format", "md", "--lang", "ro", "--place", "Palanca")
	if rc != 0 {
		t.Fatalf("exit %d: %s", rc, errOut)
	}
	for _, want := range []string{"# Rezumat pentru referire — cazul MD-TEST-0401", "**INSTRUIRE — caz fictiv**", "**Motivul:** Dimensiuni pozitive: ", "**Locul:** Palanca"} {
		if !strings.Contains(out, want) {
			t.Errorf("the summary lacks %q", want)
		}
	}
	if errOut != "" {
		t.Errorf("a training export printed %q; no reminder is due for a fictional case", errOut)
	}
	data, err := os.ReadFile(filepath.Join(env.data, "training", "MD-TEST-0401.json"))
	if err != nil {
		t.Fatal(err)
	}
	s, err := interview.UnmarshalSession(data)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Exports) != 1 || s.Exports[0].Format != "md" || s.Exports[0].Lang != "ro" || s.Place != "Palanca" {
		t.Errorf("sharing log %+v, place %q", s.Exports, s.Place)
	}
}

// TestExportRealSession: a real session opens with the passphrase, a plaintext export
// reminds the user that it is not encrypted, an encrypted one does not, and both are in the
// encrypted session's sharing log.
func TestExportRealSession(t *testing.T) {
	t.Parallel()
	env := newStorageEnv(t)
	finishInterview(t, env, "MD-TEST-0402", false)
	dir := t.TempDir()
	out := filepath.Join(dir, "case.pdf")
	rc, _, errOut := cliRun{folders: env}.run(t, "export", "MD-TEST-0402", "--format", "pdf", "--out", out, "--passphrase-file", env.passFile)
	if rc != 0 {
		t.Fatalf("exit %d: %s", rc, errOut)
	}
	if !strings.Contains(errOut, "is not encrypted") || !strings.Contains(errOut, out) {
		t.Errorf("no reminder that %s is not encrypted:\n%s", out, errOut)
	}
	if data, _ := os.ReadFile(out); !bytes.HasPrefix(data, []byte("%PDF-")) {
		t.Error("no PDF was written")
	}

	id, _ := age.GenerateX25519Identity()
	rc, _, errOut = cliRun{folders: env}.run(t, "export", "MD-TEST-0402", "--format", "json", "--out", filepath.Join(dir, "case.json"),
		"--recipient", id.Recipient().String(), "--legal-basis", "risk_to_life", "--passphrase-file", env.passFile)
	if rc != 0 {
		t.Fatalf("exit %d: %s", rc, errOut)
	}
	if strings.Contains(errOut, "is not encrypted") {
		t.Error("an encrypted export got the plaintext reminder")
	}
	if _, err := os.Stat(filepath.Join(dir, "case.json.age")); err != nil {
		t.Errorf("the encrypted file is not case.json.age: %v", err)
	}

	f, _, _ := cliRun{folders: env}.factory(t)
	k := newKeyAccess(f)
	k.PassphraseFile = env.passFile
	st, err := k.Store(false)
	if err != nil {
		t.Fatal(err)
	}
	s, err := st.Load("MD-TEST-0402")
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Exports) != 2 || s.Exports[0].Format != "pdf" || s.Exports[1].LegalBasis != "risk_to_life" ||
		len(s.Exports[1].Recipients) != 1 || s.Exports[1].Recipients[0] != id.Recipient().String() {
		t.Errorf("sharing log: %+v", s.Exports)
	}
	// sessions show answers "who received this case, and on what basis".
	rc, show, errOut := cliRun{folders: env}.run(t, "sessions", "show", "MD-TEST-0402", "--passphrase-file", env.passFile, "--ui-lang", "en")
	if rc != 0 {
		t.Fatalf("sessions show: exit %d: %s", rc, errOut)
	}
	if !strings.Contains(show, "encrypted for "+id.Recipient().String()) ||
		!strings.Contains(show, "shared without consent, on the basis of a risk to the person's life") {
		t.Errorf("sessions show does not list the export with its recipient and legal basis:\n%s", show)
	}
}

func TestExportRefusals(t *testing.T) {
	t.Parallel()
	env := newStorageEnv(t)
	finishInterview(t, env, "MD-TEST-0403", true)
	existing := filepath.Join(t.TempDir(), "there.md")
	if err := os.WriteFile(existing, []byte("keep"), 0o600); err != nil {
		t.Fatal(err)
	}
	id, _ := age.GenerateX25519Identity()
	tests := []struct {
		name   string
		tty    bool
		args   []string
		code   int
		stderr string
		never  string
	}{
		{"no format", false, []string{}, exitUsage, "--format", ""},
		{"bad format", false, []string{"--format", "docx"}, exitUsage, "docx", ""},
		{"pdf to a terminal", true, []string{"--format", "pdf"}, exitUsage, "--out FILE", ""},
		{"binary age to a terminal", true, []string{"--format", "md", "--recipient", id.Recipient().String()}, exitUsage, "age", ""},
		{"armour without a recipient", false, []string{"--format", "md", "--armor"}, exitUsage, "--armor writes an encrypted summary as text, so it needs at least one --recipient", ""},
		{"bad legal basis", false, []string{"--format", "md", "--legal-basis", "curiosity"}, exitUsage, "risk_to_life", ""},
		{"bad recipient", false, []string{"--format", "md", "--recipient", "age1nope"}, exitUsage, "age1nope", ""},
		{"secret key", false, []string{"--format", "md", "--recipient", id.String()}, exitUsage, "secret key", id.String()[20:]},
		{"bad language", false, []string{"--format", "md", "--lang", "fr"}, exitUsage, "fr", ""},
		{"existing file", false, []string{"--format", "md", "--out", existing}, exitFailure, existing, ""},
		{"unknown code", false, []string{"--format", "md", "MD-TEST-9999"}, exitFailure, "MD-TEST-9999", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"export"}, tt.args...)
			if !containsCode(tt.args) {
				args = append(args, "MD-TEST-0403")
			}
			rc, out, errOut := cliRun{folders: env, tty: tt.tty}.run(t, args...)
			if rc != tt.code || !strings.Contains(errOut, tt.stderr) {
				t.Errorf("exit %d, stderr %q; want exit %d mentioning %q", rc, errOut, tt.code, tt.stderr)
			}
			if out != "" {
				t.Errorf("a refused export wrote %q", out[:min(len(out), 60)])
			}
			if tt.never != "" && strings.Contains(errOut+out, tt.never) {
				t.Error("the secret key was repeated")
			}
		})
	}
	if data, _ := os.ReadFile(existing); string(data) != "keep" {
		t.Error("the existing file was changed")
	}
}

// TestExportArmorWithoutRecipientLocalized: --armor alone is refused in the interface
// language, before the passphrase is asked, and nothing is written.
func TestExportArmorWithoutRecipientLocalized(t *testing.T) {
	t.Parallel()
	env := newStorageEnv(t)
	finishInterview(t, env, "MD-TEST-0404", false)
	out := filepath.Join(t.TempDir(), "case.md")
	rc, stdout, errOut := cliRun{folders: env, ui: "ro"}.run(t, "export", "MD-TEST-0404", "--format", "md", "--armor", "--out", out, "--passphrase-file", env.passFile)
	if rc != exitUsage || !strings.Contains(errOut, "--armor scrie ca text un rezumat criptat") || stdout != "" {
		t.Errorf("exit %d, stderr %q; want exit 2 and the Romanian reason", rc, errOut)
	}
	if _, err := os.Stat(out); err == nil {
		t.Errorf("%s was written although the export was refused", out)
	}
}

// TestExportErrorsInInterfaceLanguage: a bad recipient and a folder that does not exist are
// explained in the interface language, without the age library's or the system's English.
func TestExportErrorsInInterfaceLanguage(t *testing.T) {
	t.Parallel()
	env := newStorageEnv(t)
	finishInterview(t, env, "MD-TEST-0405", true)
	missing := filepath.Join(t.TempDir(), "nonexistent", "dir", "x.md")
	tests := []struct {
		name, ui string
		args     []string
		code     int
		want     string
	}{
		{"recipient ro", "ro", []string{"--recipient", "age1bogus"}, exitUsage, "„age1bogus” nu este un destinatar age valid. Destinatarul este cheia publică"},
		{"recipient uk", "uk", []string{"--recipient", "age1bogus"}, exitUsage, "«age1bogus» не є дійсним одержувачем age"},
		{"missing folder ru", "ru", []string{"--out", missing}, exitFailure, "Сводку не удалось записать в " + missing + ".age: такой папки не существует."},
		{"missing folder ro", "ro", []string{"--out", missing}, exitFailure, "Rezumatul nu a putut fi scris în " + missing + ".age: dosarul nu există."},
	}
	id, _ := age.GenerateX25519Identity()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"export", "MD-TEST-0405", "--format", "md"}, tt.args...)
			if tt.code == exitFailure {
				args = append(args, "--recipient", id.Recipient().String()) // the .age in want
			}
			rc, _, errOut := cliRun{folders: env, ui: tt.ui}.run(t, args...)
			if rc != tt.code || !strings.Contains(errOut, tt.want) {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", rc, errOut, tt.code, tt.want)
			}
			for _, english := range []string{"separator", "malformed", "invalid position", "no such file", "could not be saved", "open "} {
				if strings.Contains(errOut, english) {
					t.Errorf("stderr has the English %q: %q", english, errOut)
				}
			}
		})
	}
}

// TestSaveReason: every cause a user can fix (interview.SaveFailureReason's) is named in
// each language, never in the system's English; anything else keeps the system's words,
// marked as English.
func TestSaveReason(t *testing.T) {
	t.Parallel()
	errs := map[string]error{
		"not found": syscall.ENOENT, "permission": syscall.EACCES, "eperm": syscall.EPERM,
		"disk full": syscall.ENOSPC, "read-only": syscall.EROFS,
	}
	for _, lang := range locales.Languages {
		l := locales.New(lang)
		seen := map[string]string{}
		for name, errno := range errs {
			err := fmt.Errorf("the file /x/y could not be saved: %w", &fs.PathError{Op: "open", Path: "/x/y", Err: errno})
			got := saveReason(l, err)
			if got == "" || strings.Contains(got, errno.Error()) || strings.Contains(got, "/x/y") {
				t.Errorf("%s, %s: %q", lang, name, got)
			}
			seen[name] = got
		}
		if seen["not found"] == seen["permission"] || seen["disk full"] == seen["read-only"] || seen["permission"] != seen["eperm"] {
			t.Errorf("%s: causes are not told apart: %v", lang, seen)
		}
		other := saveReason(l, errors.New("input/output error"))
		if !strings.Contains(other, "“input/output error”") && !strings.Contains(other, "«input/output error»") && !strings.Contains(other, "„input/output error”") {
			t.Errorf("%s: an unknown error lost its detail: %q", lang, other)
		}
	}
}

func containsCode(args []string) bool {
	for _, a := range args {
		if strings.HasPrefix(a, "MD-") {
			return true
		}
	}
	return false
}

// TestExportSessionFile: a training session given by path is exported and its sharing log
// written back to that file; a real session in a plaintext file is refused.
func TestExportSessionFile(t *testing.T) {
	t.Parallel()
	newStorageEnv(t)
	g, ds := guidelines.Open("mixed-flows-md")
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	dir := t.TempDir()
	write := func(mode interview.Mode) string {
		s, err := interview.NewSession(g, "MD-TEST-0404", mode, "ro", "ro", time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC))
		if err != nil {
			t.Fatal(err)
		}
		s.Answers.Values["consent_interview"] = guidelines.Value{Str: "yes"}
		data, _ := s.Marshal()
		path := filepath.Join(dir, string(mode)+".json")
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	}
	path := write(interview.ModeTraining)
	out := filepath.Join(dir, "summary.html")
	rc, _, errOut := cliRun{}.run(t, "export", path, "--format", "html", "--out", out)
	if rc != 0 {
		t.Fatalf("exit %d: %s", rc, errOut)
	}
	if data, _ := os.ReadFile(out); !bytes.Contains(data, []byte("TRAINING — fictional case")) {
		t.Error("the HTML lacks the training marking")
	}
	data, _ := os.ReadFile(path)
	if s, err := interview.UnmarshalSession(data); err != nil || len(s.Exports) != 1 || s.Exports[0].Format != "html" {
		t.Errorf("the session file's sharing log was not updated: %v", err)
	}

	rc, _, errOut = cliRun{}.run(t, "export", write(interview.ModeReal), "--format", "md")
	if rc != exitFailure || !strings.Contains(errOut, "real interview, unencrypted") {
		t.Errorf("a plaintext real session: exit %d, %q", rc, errOut)
	}
	rc, _, errOut = cliRun{}.run(t, "export", scenarioFile, "--format", "md")
	if rc != exitFailure || !strings.Contains(errOut, "not a session file") {
		t.Errorf("a scenario given as a session: exit %d, %q", rc, errOut)
	}
}

func TestSchemaSummary(t *testing.T) {
	t.Parallel()
	rc, out, errOut := cliRun{}.run(t, "schema", "--summary")
	if rc != 0 || out != string(summary.SchemaJSON) {
		t.Errorf("exit %d, stderr %q; the summary schema was not printed", rc, errOut)
	}
	if rc, _, _ := (cliRun{}).run(t, "schema", "--summary", "--scenario"); rc != exitUsage {
		t.Errorf("--summary --scenario: exit %d, want %d", rc, exitUsage)
	}
}

// TestExportOutDashIsStandardOutput: `--out -` means the screen or the pipe, as "-" does
// everywhere else in earlyid, never a file named "-" holding a real person's summary.
func TestExportOutDashIsStandardOutput(t *testing.T) {
	env := newStorageEnv(t)
	finishInterview(t, env, "MD-TEST-0403", false)
	t.Chdir(t.TempDir())
	rc, out, errOut := cliRun{folders: env}.run(t, "export", "MD-TEST-0403", "--format", "md", "--out", "-", "--passphrase-file", env.passFile)
	if rc != 0 {
		t.Fatalf("exit %d: %s", rc, errOut)
	}
	if !strings.Contains(out, "MD-TEST-0403") {
		t.Errorf("the summary did not go to standard output:\n%.300s", out)
	}
	if _, err := os.Stat("-"); err == nil {
		t.Error("a file named - was written")
	}
	if strings.Contains(errOut, "file -") {
		t.Errorf("stderr speaks of a file named -: %q", errOut)
	}
}
