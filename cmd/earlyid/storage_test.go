package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"filippo.io/age"

	"github.com/earlyid/earlyid/interview"
	"github.com/earlyid/earlyid/interview/vault"
)

const testPass = "four unrelated words here"

// storageEnv is a private data folder, config folder and passphrase file for one test:
// the runs given it (cliRun.folders) share the sessions and settings.
type storageEnv struct {
	data, config, passFile string
}

func newStorageEnv(t *testing.T) storageEnv {
	t.Helper()
	e := storageEnv{data: t.TempDir(), config: t.TempDir()}
	e.passFile = filepath.Join(t.TempDir(), "pass")
	if err := os.WriteFile(e.passFile, []byte(testPass+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return e
}

// hasTrainingFile reports whether the training session file with code exists.
func (e storageEnv) hasTrainingFile(code string) bool {
	_, err := os.Stat(filepath.Join(e.data, "training", code+".json"))
	return err == nil
}

func (e storageEnv) sessionFile(code string) string {
	return filepath.Join(e.data, "sessions", code+vault.Ext)
}

// decryptWith decrypts path with id and returns the plaintext.
func decryptWith(t *testing.T, path string, id age.Identity) []byte {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := age.Decrypt(f, id)
	if err != nil {
		t.Fatalf("%s does not decrypt: %v", path, err)
	}
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestRealInterviewEncryptedThenResumed: the first real interview creates the key from the
// passphrase file, saves only ciphertext, and resume continues at the same question.
func TestRealInterviewEncryptedThenResumed(t *testing.T) {
	t.Parallel()
	env := newStorageEnv(t)
	code, out, errOut := cliRun{folders: env, stdin: "y\n:note a note\n:quit\n"}.run(t, "interview", "--plain", "--guideline", "example", "--case", "MD-TEST-0200", "--passphrase-file", env.passFile)
	if code != 0 || !strings.Contains(errOut, "Your key is created") || !strings.Contains(out, "earlyid resume MD-TEST-0200") {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
	}
	raw, err := os.ReadFile(env.sessionFile("MD-TEST-0200"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(raw, []byte("age-encryption.org/v1")) || bytes.Contains(raw, []byte("a note")) {
		t.Fatalf("the session file is not encrypted")
	}
	if runtime.GOOS != "windows" {
		for path, want := range map[string]os.FileMode{
			env.data: 0o700, filepath.Join(env.data, "sessions"): 0o700,
			vault.IdentityPath(env.data): 0o600, env.sessionFile("MD-TEST-0200"): 0o600,
		} {
			if st, err := os.Stat(path); err != nil || st.Mode().Perm() != want {
				t.Errorf("%s: mode %v, want %o (%v)", path, st.Mode().Perm(), want, err)
			}
		}
	}
	if _, err := os.Stat(filepath.Join(env.data, "training")); err == nil {
		t.Errorf("a real interview created the training folder")
	}

	code, out, errOut = cliRun{folders: env, stdin: ":quit\n"}.run(t, "resume", "MD-TEST-0200", "--plain", "--passphrase-file", env.passFile)
	if code != 0 || !strings.Contains(out, "Question 2 ·") || !strings.Contains(out, "a note") {
		t.Errorf("resume did not continue at question 2 with its note (exit %d):\n%s\n%s", code, out, errOut)
	}
	if strings.Contains(errOut, "Your key is created") {
		t.Errorf("resume created a second key")
	}
}

// TestPassphraseFileRules: a passphrase file others can read is refused, an empty one
// too, and a short or guessable passphrase cannot create a key; nothing is written in any
// case.
func TestPassphraseFileRules(t *testing.T) {
	t.Parallel()
	if runtime.GOOS == "windows" {
		t.Skip("mode bits mean nothing on Windows")
	}
	env := newStorageEnv(t)
	loose := filepath.Join(t.TempDir(), "loose")
	os.WriteFile(loose, []byte(testPass+"\n"), 0o644)
	empty := filepath.Join(t.TempDir(), "empty")
	os.WriteFile(empty, []byte("\n"), 0o600)
	short := filepath.Join(t.TempDir(), "short")
	os.WriteFile(short, []byte("abc123\n"), 0o600)
	common := filepath.Join(t.TempDir(), "common")
	os.WriteFile(common, []byte("password12\n"), 0o600)
	tests := []struct {
		file, want string
	}{
		{common, "one of the passwords or words people use most"},
		{loose, "chmod 600 " + loose},
		{empty, "is empty"},
		{short, "too short"},
		{filepath.Join(t.TempDir(), "missing"), "Cannot read the passphrase file"},
	}
	for _, tt := range tests {
		code, _, errOut := cliRun{folders: env, stdin: "y\n"}.run(t, "interview", "--plain", "--guideline", "example", "--passphrase-file", tt.file)
		if code != exitFailure || !strings.Contains(errOut, tt.want) {
			t.Errorf("%s: exit %d, stderr %q; want 1 and %q", filepath.Base(tt.file), code, errOut, tt.want)
		}
	}
	if entries, _ := os.ReadDir(env.data); len(entries) != 0 {
		t.Errorf("refused runs wrote %v", entries)
	}
}

// TestWrongPassphrase: a wrong passphrase gives a clear error after three tries on a
// terminal (one with a file), and leaves the key and session files byte-for-byte as they
// were; a right one on the third try works.
func TestWrongPassphrase(t *testing.T) {
	t.Parallel()
	env := newStorageEnv(t)
	if code, _, errOut := (cliRun{folders: env, stdin: "y\n:quit\n"}).run(t, "interview", "--plain", "--guideline", "example", "--case", "MD-WRNG-0001", "--passphrase-file", env.passFile); code != 0 {
		t.Fatalf("setup: %s", errOut)
	}
	keyBefore, _ := os.ReadFile(vault.IdentityPath(env.data))
	sessBefore, _ := os.ReadFile(env.sessionFile("MD-WRNG-0001"))
	unchanged := func(t *testing.T) {
		t.Helper()
		k, _ := os.ReadFile(vault.IdentityPath(env.data))
		s, _ := os.ReadFile(env.sessionFile("MD-WRNG-0001"))
		if !bytes.Equal(k, keyBefore) || !bytes.Equal(s, sessBefore) {
			t.Errorf("a wrong passphrase changed files on disk")
		}
	}

	wrong := filepath.Join(t.TempDir(), "wrong")
	os.WriteFile(wrong, []byte("not the passphrase at all\n"), 0o600)
	code, out, errOut := cliRun{folders: env, stdin: "y\n"}.run(t, "resume", "MD-WRNG-0001", "--plain", "--passphrase-file", wrong)
	if code != exitFailure || !strings.Contains(errOut, "The passphrase is not correct. Nothing was changed") || strings.Contains(errOut, "tries left") || out != "" {
		t.Errorf("file: exit %d, stderr %q", code, errOut)
	}
	unchanged(t)

	code, _, errOut = cliRun{folders: env, tty: true, stdin: ":quit\n", typed: []string{"a", "b", "c", testPass}}.run(t, "resume", "MD-WRNG-0001", "--plain")
	if code != exitFailure || !strings.Contains(errOut, "2 tries left") || !strings.Contains(errOut, "1 try left") || !strings.Contains(errOut, "Nothing was changed") {
		t.Errorf("terminal, three wrong: exit %d, stderr %q", code, errOut)
	}
	unchanged(t)

	code, out, errOut = cliRun{folders: env, tty: true, stdin: ":quit\n", typed: []string{"a", "b", testPass}}.run(t, "resume", "MD-WRNG-0001", "--plain")
	if code != 0 || !strings.Contains(out, "Question 2 ·") || strings.Count(errOut, "Passphrase:") != 3 {
		t.Errorf("terminal, right on the third try: exit %d\n%s\n%s", code, out, errOut)
	}
}

// TestWrongPassphraseNamesRecoveryOnlyWhenSet: the last wrong passphrase promises that the
// organisation can still open the sessions only when a recovery key is configured; without
// one it says a forgotten passphrase loses them, as the README does.
func TestWrongPassphraseNamesRecoveryOnlyWhenSet(t *testing.T) {
	t.Parallel()
	env := newStorageEnv(t)
	if code, _, errOut := (cliRun{folders: env, stdin: "y\n:quit\n"}).run(t, "interview", "--plain", "--guideline", "example", "--case", "MD-RCVR-0001", "--passphrase-file", env.passFile); code != 0 {
		t.Fatalf("setup: %s", errOut)
	}
	wrong := filepath.Join(t.TempDir(), "wrong")
	os.WriteFile(wrong, []byte("not the passphrase at all\n"), 0o600)
	const promise, lost = "can open the sessions saved since its recovery key was set", "No recovery key of your organisation is set, so if the passphrase is forgotten, the sessions cannot be opened"

	code, _, errOut := cliRun{folders: env}.run(t, "resume", "MD-RCVR-0001", "--plain", "--passphrase-file", wrong)
	if code != exitFailure || !strings.Contains(errOut, lost) || strings.Contains(errOut, promise) {
		t.Errorf("no recovery key: exit %d, stderr %q; want %q", code, errOut, lost)
	}

	org, _ := age.GenerateX25519Identity()
	if code, _, errOut := (cliRun{folders: env}).run(t, "config", "set", "recovery-recipient", org.Recipient().String(), "--passphrase-file", env.passFile); code != 0 {
		t.Fatalf("config set: %s", errOut)
	}
	code, _, errOut = cliRun{folders: env}.run(t, "resume", "MD-RCVR-0001", "--plain", "--passphrase-file", wrong)
	if code != exitFailure || !strings.Contains(errOut, promise) || strings.Contains(errOut, lost) {
		t.Errorf("recovery key set: exit %d, stderr %q; want %q", code, errOut, promise)
	}
}

// TestPassphraseFileFromEnvironment: EARLYID_PASSPHRASE_FILE alone creates the key and
// opens the sessions, as --passphrase-file does, and the flag wins over it.
func TestPassphraseFileFromEnvironment(t *testing.T) {
	t.Parallel()
	env := newStorageEnv(t)
	byEnv := map[string]string{envPassphraseFile: env.passFile}
	code, _, errOut := cliRun{folders: env, stdin: "y\n:quit\n", env: byEnv}.run(t, "interview", "--plain", "--guideline", "example", "--case", "MD-ENVP-0001")
	if code != 0 || !strings.Contains(errOut, "Your key is created") {
		t.Fatalf("interview with the variable: exit %d, stderr %q", code, errOut)
	}
	if _, err := vault.UnlockIdentity(vault.IdentityPath(env.data), testPass); err != nil {
		t.Errorf("the key does not open with the passphrase of the file the variable names: %v", err)
	}
	code, out, errOut := cliRun{folders: env, env: byEnv}.run(t, "sessions", "show", "MD-ENVP-0001")
	if code != 0 || !strings.Contains(out, "Case code: MD-ENVP-0001") {
		t.Errorf("show with the variable: exit %d\n%s\n%s", code, out, errOut)
	}

	wrong := filepath.Join(t.TempDir(), "wrong")
	os.WriteFile(wrong, []byte("not the passphrase at all\n"), 0o600)
	code, _, errOut = cliRun{folders: env, env: map[string]string{envPassphraseFile: wrong}}.run(t, "sessions", "show", "MD-ENVP-0001")
	if code != exitFailure || !strings.Contains(errOut, "The passphrase is not correct") {
		t.Errorf("a wrong file in the variable: exit %d, stderr %q", code, errOut)
	}
	code, out, errOut = cliRun{folders: env, env: map[string]string{envPassphraseFile: wrong}}.run(t, "sessions", "show", "MD-ENVP-0001", "--passphrase-file", env.passFile)
	if code != 0 || !strings.Contains(out, "Case code: MD-ENVP-0001") {
		t.Errorf("--passphrase-file did not win over the variable: exit %d\n%s", code, errOut)
	}
}

// TestRetentionChangesSessionsListWarnings: a session 40 days old is within the default
// 90 days; after "config set retention 30d" the list marks it and the warning names 30d, and
// after "config unset retention" it is within the period again.
func TestRetentionChangesSessionsListWarnings(t *testing.T) {
	t.Parallel()
	env := newStorageEnv(t)
	pf := []string{"--passphrase-file", env.passFile}
	if code, _, errOut := (cliRun{folders: env, stdin: "y\n:quit\n"}).run(t, append([]string{"interview", "--plain", "--guideline", "example", "--case", "MD-RTNT-0001"}, pf...)...); code != 0 {
		t.Fatalf("setup: %s", errOut)
	}
	later := time.Date(2026, 4, 10, 12, 0, 0, 0, time.UTC) // 40 days after the interview
	list := func() (string, string) {
		t.Helper()
		code, out, errOut := cliRun{folders: env, now: later}.run(t, append([]string{"sessions", "list"}, pf...)...)
		if code != 0 {
			t.Fatalf("list: exit %d\n%s", code, errOut)
		}
		return out, errOut
	}
	marked := func(out string) bool {
		for _, line := range strings.Split(out, "\n") {
			if strings.HasPrefix(line, "MD-RTNT-0001") {
				return strings.Contains(line, "!")
			}
		}
		t.Fatalf("the list lacks the session:\n%s", out)
		return false
	}

	out, errOut := list()
	if marked(out) || strings.Contains(errOut, "more than") {
		t.Errorf("default retention: a 40-day-old session is flagged\n%s\n%s", out, errOut)
	}
	if code, _, errOut := (cliRun{folders: env}).run(t, "config", "set", "retention", "30d"); code != 0 {
		t.Fatalf("config set retention: %s", errOut)
	}
	out, errOut = list()
	if !marked(out) || !strings.Contains(errOut, "1 session was last changed more than 30 days ago") || !strings.Contains(errOut, "--older-than 30d") {
		t.Errorf("retention 30d: the old session is not flagged\n%s\n%s", out, errOut)
	}
	if code, _, errOut := (cliRun{folders: env}).run(t, "config", "unset", "retention"); code != 0 {
		t.Fatalf("config unset retention: %s", errOut)
	}
	if out, errOut = list(); marked(out) || strings.Contains(errOut, "more than") {
		t.Errorf("after unset: the session is still flagged\n%s\n%s", out, errOut)
	}
}

// TestCreateOnTerminal: the first real interview on a terminal explains the key, refuses
// a short passphrase, asks again when the two differ, and creates the key.
func TestCreateOnTerminal(t *testing.T) {
	t.Parallel()
	env := newStorageEnv(t)
	typed := []string{"short", testPass, "four unrelated words HERE", testPass, testPass}
	code, _, errOut := cliRun{folders: env, tty: true, stdin: ":quit\n", typed: typed}.run(t, "interview", "--plain", "--guideline", "example", "--case", "MD-TERM-0001")
	for _, want := range []string{"first real interview", "No recovery key", "at least 10 characters", "too short", "not the same", "Your key is created"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q", want)
		}
	}
	if code != 0 || strings.Count(errOut, "New passphrase:") != 3 || strings.Count(errOut, "Repeat the passphrase:") != 2 {
		t.Fatalf("exit %d, stderr:\n%s", code, errOut)
	}
	if _, err := vault.UnlockIdentity(vault.IdentityPath(env.data), testPass); err != nil {
		t.Errorf("the key does not open with the passphrase typed: %v", err)
	}
}

// TestGuessablePassphraseOnTerminal: a keyboard walk and a run of digits are refused in
// the interface language, with the reason and the advice to use several words; the key is
// made only from the passphrase that follows.
func TestGuessablePassphraseOnTerminal(t *testing.T) {
	t.Parallel()
	env := newStorageEnv(t)
	typed := []string{"фывапролджэ", "9876543210", testPass, testPass}
	code, _, errOut := cliRun{folders: env, tty: true, stdin: ":quit\n", typed: typed, ui: "ro"}.run(t, "interview", "--plain", "--guideline", "example", "--case", "MD-WEAK-0001")
	for _, want := range []string{"urmează taste vecine de pe tastatură", "un șir de caractere consecutive", "câteva cuvinte fără legătură între ele"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	if code != 0 || strings.Count(errOut, "Repet") != 1 {
		t.Fatalf("exit %d, stderr:\n%s", code, errOut)
	}
	if _, err := vault.UnlockIdentity(vault.IdentityPath(env.data), testPass); err != nil {
		t.Errorf("the key does not open with the passphrase accepted: %v", err)
	}
}

// TestRecoveryRecipientConfig: config set validates the recipient and writes a private
// file; sessions saved afterwards decrypt with the organisation's identity alone, and the
// interview says they are also encrypted to it.
func TestRecoveryRecipientConfig(t *testing.T) {
	t.Parallel()
	env := newStorageEnv(t)
	org, _ := age.GenerateX25519Identity()
	if code, _, errOut := (cliRun{folders: env}).run(t, "config", "set", "recovery-recipient", "age1notarecipient"); code != exitUsage || !strings.Contains(errOut, "is not an age recipient") {
		t.Errorf("bad recipient: exit %d, %q", code, errOut)
	}
	if code, out, errOut := (cliRun{folders: env}).run(t, "config", "set", "recovery-recipient", org.Recipient().String()); code != 0 || !strings.Contains(out, "is set to") {
		t.Fatalf("exit %d: %s %s", code, out, errOut)
	}
	if code, out, _ := (cliRun{folders: env}).run(t, "config", "get", "recovery-recipient"); code != 0 || strings.TrimSpace(out) != org.Recipient().String() {
		t.Errorf("config get: %q", out)
	}
	if code, out, _ := (cliRun{folders: env}).run(t, "config", "get"); code != 0 || !strings.Contains(out, "retention: 90d (default)") {
		t.Errorf("config get: %q", out)
	}
	if runtime.GOOS != "windows" {
		st, err := os.Stat(filepath.Join(env.config, "config.json"))
		if err != nil || st.Mode().Perm() != 0o600 {
			t.Errorf("config file mode %v, %v", st.Mode().Perm(), err)
		}
	}
	code, _, errOut := cliRun{folders: env, stdin: "y\n:quit\n"}.run(t, "interview", "--plain", "--guideline", "example", "--case", "MD-ORG0-0001", "--passphrase-file", env.passFile)
	if code != 0 || !strings.Contains(errOut, "recovery key "+org.Recipient().String()) || strings.Contains(errOut, "No recovery key") {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	plain := decryptWith(t, env.sessionFile("MD-ORG0-0001"), org)
	s, err := interview.UnmarshalSession(plain)
	if err != nil || s.Code != "MD-ORG0-0001" || len(s.Answers.Values) != 1 {
		t.Errorf("recovery decrypt: %+v, %v", s, err)
	}
	if code, _, errOut := (cliRun{folders: env}).run(t, "config", "set", "retention", "6m"); code != exitUsage || !strings.Contains(errOut, "is not a period") {
		t.Errorf("retention 6m: exit %d, %q", code, errOut)
	}
}

// TestSessionsCommands: list (real, training and a damaged file; old sessions flagged),
// show, delete and purge.
func TestSessionsCommands(t *testing.T) {
	t.Parallel()
	env := newStorageEnv(t)
	pf := []string{"--passphrase-file", env.passFile}
	mustRun := func(c cliRun, args ...string) string {
		t.Helper()
		code, out, errOut := c.run(t, args...)
		if code != 0 {
			t.Fatalf("%v: exit %d\n%s\n%s", args, code, out, errOut)
		}
		return out
	}
	mustRun(cliRun{folders: env, stdin: "y\ny\n:quit\n"}, append([]string{"interview", "--plain", "--guideline", "example", "--case", "MD-REAL-0001"}, pf...)...)
	mustRun(cliRun{folders: env, stdin: "y\n:quit\n", now: time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)}, append([]string{"interview", "--plain", "--guideline", "example", "--case", "MD-REAL-0002"}, pf...)...)
	mustRun(cliRun{folders: env, stdin: "y\n:quit\n"}, "interview", "--plain", "--training", "--guideline", "example", "--case", "MD-TRNG-0001")
	good, _ := os.ReadFile(env.sessionFile("MD-REAL-0001"))
	os.WriteFile(env.sessionFile("MD-DMGD-0001"), good[:len(good)-7], 0o600)

	later := time.Date(2026, 6, 15, 12, 0, 0, 0, time.UTC) // 106 days after the first
	code, out, errOut := cliRun{folders: env, now: later}.run(t, append([]string{"sessions", "list"}, pf...)...)
	if code != exitFailure {
		t.Errorf("list with a damaged file: exit %d, want 1", code)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 5 || !strings.HasPrefix(lines[0], "CODE") || !strings.HasPrefix(lines[1], "MD-REAL-0002") || !strings.Contains(lines[4], "MD-DMGD-0001") || !strings.Contains(lines[4], "unreadable") {
		t.Errorf("list:\n%s", out)
	}
	for _, want := range []string{"example", "real", "in progress", "training — fictional case", "!"} {
		if !strings.Contains(out, want) {
			t.Errorf("list lacks %q:\n%s", want, out)
		}
	}
	if !strings.Contains(errOut, "MD-DMGD-0001.age is damaged") || !strings.Contains(errOut, "2 sessions were last changed more than 90 days ago") {
		t.Errorf("list stderr:\n%s", errOut)
	}

	out = mustRun(cliRun{folders: env}, append([]string{"sessions", "show", "MD-REAL-0001"}, pf...)...)
	for _, want := range []string{"Case code: MD-REAL-0001", "Mode: real", "answers: 2", "Sharing log: no summary"} {
		if !strings.Contains(out, want) {
			t.Errorf("show lacks %q:\n%s", want, out)
		}
	}
	if code, _, errOut := (cliRun{folders: env}).run(t, append([]string{"sessions", "show", "MD-DMGD-0001"}, pf...)...); code != exitFailure || !strings.Contains(errOut, "MD-DMGD-0001.age is damaged or incomplete") {
		t.Errorf("show damaged: exit %d, %q", code, errOut)
	}

	// delete: a non-terminal must say --yes.
	if code, _, errOut := (cliRun{folders: env}).run(t, "sessions", "delete", "MD-TRNG-0001"); code != exitUsage || !strings.Contains(errOut, "--yes") {
		t.Errorf("delete without --yes: exit %d, %q", code, errOut)
	}
	if code, _, _ := (cliRun{folders: env, tty: true, stdin: "n\n"}).run(t, "sessions", "delete", "MD-TRNG-0001"); code != 0 || !env.hasTrainingFile("MD-TRNG-0001") {
		t.Errorf("answering no deleted the session")
	}
	out = mustRun(cliRun{folders: env}, "sessions", "delete", "MD-TRNG-0001", "--yes")
	if !strings.Contains(out, "is deleted") || env.hasTrainingFile("MD-TRNG-0001") {
		t.Errorf("delete: %s", out)
	}

	// purge: the damaged file is named and kept, the dry run deletes nothing.
	code, out, errOut = cliRun{folders: env, now: later}.run(t, append([]string{"sessions", "purge", "--older-than", "30d", "--dry-run"}, pf...)...)
	if code != 0 || !strings.Contains(out, "1 session was last changed more than 30 days ago") || !strings.Contains(errOut, "MD-DMGD-0001 was not deleted") {
		t.Errorf("dry run: exit %d\n%s\n%s", code, out, errOut)
	}
	if code, _, errOut := (cliRun{folders: env, now: later}).run(t, append([]string{"sessions", "purge", "--older-than", "30d"}, pf...)...); code != exitUsage || !strings.Contains(errOut, "--yes") {
		t.Errorf("purge without --yes: exit %d, %q", code, errOut)
	}
	out = mustRun(cliRun{folders: env, now: later}, append([]string{"sessions", "purge", "--older-than", "30d", "--yes"}, pf...)...)
	if !strings.Contains(out, "1 session deleted") {
		t.Errorf("purge: %s", out)
	}
	if _, err := os.Stat(env.sessionFile("MD-REAL-0001")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the old session is still there")
	}
	for _, kept := range []string{"MD-REAL-0002", "MD-DMGD-0001"} {
		if _, err := os.Stat(env.sessionFile(kept)); err != nil {
			t.Errorf("%s was purged: %v", kept, err)
		}
	}
	if code, _, errOut := (cliRun{folders: env}).run(t, "sessions", "purge", "--older-than", "3 months", "--yes"); code != exitUsage || !strings.Contains(errOut, "is not a period") {
		t.Errorf("bad period: exit %d, %q", code, errOut)
	}
	if code, _, errOut := (cliRun{folders: env}).run(t, "resume", "MD-NONE-0001"); code != exitFailure || !strings.Contains(errOut, "No saved session has the case code MD-NONE-0001") {
		t.Errorf("resume unknown: exit %d, %q", code, errOut)
	}
}

// TestResumeTrainingNeedsNoPassphrase: a training session resumes without a key or a
// passphrase.
func TestResumeTrainingNeedsNoPassphrase(t *testing.T) {
	t.Parallel()
	env := newStorageEnv(t)
	if code, _, errOut := (cliRun{folders: env, stdin: "y\n:quit\n"}).run(t, "interview", "--plain", "--training", "--guideline", "example", "--case", "MD-TRNG-0002"); code != 0 {
		t.Fatal(errOut)
	}
	code, out, errOut := cliRun{folders: env, stdin: ":quit\n"}.run(t, "resume", "MD-TRNG-0002", "--plain")
	if code != 0 || !strings.Contains(out, "Question 2 ·") || !strings.Contains(out, "TRAINING") {
		t.Errorf("exit %d\n%s\n%s", code, out, errOut)
	}
	if _, err := os.Stat(vault.IdentityPath(env.data)); err == nil {
		t.Errorf("resuming a training session created a key")
	}
}

// TestLeakCanaryCLI runs a real interview end to end (plain mode, the encrypted store)
// with a unique canary as an answer and as a note, then searches the data folder, the
// config folder, the temp folder and both output streams for it in plaintext.
func TestLeakCanaryCLI(t *testing.T) {
	env := newStorageEnv(t)
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	canary := fmt.Sprintf("CANARY-%d-Ирина", os.Getpid())
	guideline := filepath.Join(t.TempDir(), "leak.yaml")
	os.WriteFile(guideline, []byte(leakGuideline), 0o600)
	in := canary + " answer\n:note " + canary + " note\n:quit\n"
	code, out, errOut := cliRun{folders: env, stdin: in}.run(t, "interview", "--plain", "--guideline", guideline, "--case", "MD-LEAK-0002", "--passphrase-file", env.passFile)
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	code, out2, errOut2 := cliRun{folders: env, stdin: ":quit\n"}.run(t, "sessions", "list", "--passphrase-file", env.passFile)
	if code != 0 {
		t.Fatalf("list: %s", errOut2)
	}
	// Positive control: the canary is in the session, readable with the key.
	id, err := vault.UnlockIdentity(vault.IdentityPath(env.data), testPass)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(decryptWith(t, env.sessionFile("MD-LEAK-0002"), id), []byte(canary)) {
		t.Fatal("positive control: the canary is not in the decrypted session")
	}
	for _, root := range []string{env.data, env.config, tmp} {
		filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err == nil && d.Type().IsRegular() {
				if b, _ := os.ReadFile(path); bytes.Contains(b, []byte(canary)) {
					t.Errorf("the canary is readable in %s", path)
				}
			}
			return nil
		})
	}
	for name, s := range map[string]string{"stdout": out + out2, "stderr": errOut + errOut2} {
		if strings.Contains(s, "CANARY") {
			t.Errorf("the canary is in %s:\n%s", name, s)
		}
	}
}

// leakGuideline starts with a text question, so the canary is typed at once.
const leakGuideline = `format: earlyid/guideline/v1
id: leak-test
version: "1"
title: {en: Leak test}
languages: [en]
sections:
  - id: s
    title: {en: Questions}
    questions:
      - id: story
        type: text
        text: {en: "What happened?"}
      - id: later
        type: yesno
        text: {en: "Anything else?"}
dimensions:
  - id: d
    stage: recruitment
    text: {en: D}
indicators:
  - id: i
    dimension: d
    strength: weak
    text: {en: I}
    when: 'later == "yes"'
scoring:
  element_positive:
    - {weak: 1}
  outcomes:
    - id: low
      level: low
      text: {en: Low}
      when: "true"
referrals:
  - id: hotline
    name: {en: Hotline}
    role: {en: Advice}
    contact: "0 800 77777"
`

// TestDamagedConfigNamesTheSpot: a settings file edited by hand into invalid JSON is
// reported with its path, line and column in the interface language, not with the JSON
// decoder's English sentence; a folder where the file should be is said as such.
func TestDamagedConfigNamesTheSpot(t *testing.T) {
	t.Parallel()
	env := newStorageEnv(t)
	path := filepath.Join(env.config, "config.json")
	if err := os.WriteFile(path, []byte("{\n  \"retention\": \"30d\",\n  \"recovery_recipient\": age1\n}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for ui, want := range map[string]string{
		"en": "The settings file " + path + " is damaged at line 3, column 25.",
		"uk": "Файл налаштувань " + path + " пошкоджено в рядку 3, стовпці 25.",
	} {
		code, _, errOut := cliRun{folders: env, ui: ui}.run(t, "config", "get")
		if code != exitFailure || !strings.Contains(errOut, want) || strings.Contains(errOut, "invalid character") {
			t.Errorf("%s: exit %d, stderr %q; want %d and %q", ui, code, errOut, exitFailure, want)
		}
	}
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(path, 0o700); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := (cliRun{folders: env}).run(t, "config", "get"); code != exitFailure || !strings.Contains(errOut, path+" is a folder, not a file.") {
		t.Errorf("a folder as the settings file: exit %d, stderr %q", code, errOut)
	}
}

// TestRecoverySettingWritableByOthers: a recovery key setting that other users can change
// (the settings file, or its folder) is refused before anything is encrypted to it, and
// the message says how to close it; closed again, it is used.
func TestRecoverySettingWritableByOthers(t *testing.T) {
	t.Parallel()
	if runtime.GOOS == "windows" {
		t.Skip("mode bits mean nothing on Windows")
	}
	env := newStorageEnv(t)
	org, _ := age.GenerateX25519Identity()
	if code, _, errOut := (cliRun{folders: env}).run(t, "config", "set", "recovery-recipient", org.Recipient().String()); code != 0 {
		t.Fatalf("config set: %s", errOut)
	}
	file := filepath.Join(env.config, "config.json")
	for _, tt := range []struct {
		path string
		mode os.FileMode
		fix  string
	}{{file, 0o620, "chmod 600 " + file}, {file, 0o602, "chmod 600 " + file}, {env.config, 0o770, "chmod 700 " + env.config}} {
		private := os.FileMode(0o600)
		if tt.path == env.config {
			private = 0o700
		}
		os.Chmod(tt.path, tt.mode)
		code, _, errOut := cliRun{folders: env, stdin: "y\n:quit\n"}.run(t, "interview", "--plain", "--guideline", "example", "--case", "MD-RCVW-0001", "--passphrase-file", env.passFile)
		if code != exitFailure || !strings.Contains(errOut, "could put their own key there") || !strings.Contains(errOut, tt.fix) {
			t.Errorf("%s %04o: exit %d, %q; want 1 and %q", tt.path, tt.mode, code, errOut, tt.fix)
		}
		// Nothing of the interview is written. The case was locked before the key was opened
		// (one window per case); the lock's folder may stay, empty: the lock file holds no
		// more than a process id and is removed when the lock is released.
		entries, _ := os.ReadDir(env.data)
		for _, e := range entries {
			if locks, _ := os.ReadDir(filepath.Join(env.data, e.Name())); e.Name() == "locks" && e.IsDir() && len(locks) == 0 {
				continue
			}
			t.Errorf("%s %04o: the refused interview wrote %s", tt.path, tt.mode, e.Name())
		}
		os.Chmod(tt.path, private)
	}
	if code, out, errOut := (cliRun{folders: env}).run(t, "config", "get", "recovery-recipient"); code != 0 || strings.TrimSpace(out) != org.Recipient().String() {
		t.Errorf("closed again: exit %d, %q %q", code, out, errOut)
	}
}
