package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"filippo.io/age"

	"github.com/earlyid/earlyid/interview"
	"github.com/earlyid/earlyid/interview/sessionlock"
	"github.com/earlyid/earlyid/interview/vault"
)

// orgKey writes the organisation's identity as age-keygen does and returns the file.
func orgKey(t *testing.T, id *age.X25519Identity) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "org-recovery.key")
	content := "# created: 2026-03-01T09:00:00Z\n# public key: " + id.Recipient().String() + "\n" + id.String() + "\n"
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// copyDir copies the regular files of src into a new folder and returns it: the USB stick
// the organisation carries a lost laptop's sessions on.
func copyDir(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !e.Type().IsRegular() {
			continue
		}
		data, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dst, e.Name()), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

// TestRecoveryWholeStory walks what happens when a laptop's key is lost: interviews on
// laptop A, one before and one after the organisation's recovery key is set (setting it
// re-encrypts the earlier one); A's key file is lost, and A says so without pretending
// there are no sessions; the organisation imports A's files on laptop B with its own
// identity (a damaged file among them is named, the others imported, and training
// sessions stay training), exports a summary there, and can also export straight from
// A's file without any local key.
func TestRecoveryWholeStory(t *testing.T) {
	t.Parallel()
	org, _ := age.GenerateX25519Identity()
	orgFile := orgKey(t, org)
	a, b := newStorageEnv(t), newStorageEnv(t)

	finishInterview(t, a, "MD-STRY-0001", false)
	if code, out, errOut := (cliRun{folders: a}).run(t, "config", "set", "recovery-recipient", org.Recipient().String(), "--passphrase-file", a.passFile); code != 0 ||
		!strings.Contains(errOut, "Re-encrypting 1 session:") || !strings.Contains(errOut, "1/1  MD-STRY-0001") ||
		!strings.Contains(out, "1 session saved before is now encrypted to the recovery key too.") {
		t.Fatalf("config set: exit %d\n%s\n%s", code, out, errOut)
	}
	if !vault.OpensWith(a.sessionFile("MD-STRY-0001"), org) {
		t.Fatal("the session saved before the recovery key was set does not open with it")
	}
	finishInterview(t, a, "MD-STRY-0002", false)
	finishInterview(t, a, "MD-STRY-0003", true)

	// Laptop A's key is lost.
	if err := os.Remove(vault.IdentityPath(a.data)); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := cliRun{folders: a}.run(t, "sessions", "list", "--passphrase-file", a.passFile)
	if code != exitFailure || !strings.Contains(errOut, "2 sessions are here, but the key that opens them is missing") ||
		!strings.Contains(errOut, "earlyid sessions import") || strings.Contains(errOut, "No key has been created") {
		t.Errorf("lost key, sessions list: exit %d\n%s", code, errOut)
	}
	// Nor does a new interview make a new key over the loss.
	code, _, errOut = cliRun{folders: a, stdin: "y\n:quit\n"}.run(t, "interview", "--plain", "--guideline", "example", "--case", "MD-STRY-0009", "--passphrase-file", a.passFile)
	if code != exitFailure || !strings.Contains(errOut, "key that opens them is missing") || !strings.Contains(errOut, "move the folder") {
		t.Errorf("lost key, new interview: exit %d\n%s", code, errOut)
	}
	if ok, _ := vault.IdentityExists(vault.IdentityPath(a.data)); ok {
		t.Error("an interview made a new key while sessions of the lost one were there")
	}

	// The organisation brings A's files to laptop B, with a damaged one among them.
	usb := copyDir(t, filepath.Join(a.data, "sessions"))
	for name, data := range map[string][]byte{"MD-STRY-0003.json": nil, "MD-STRY-0004.age": []byte("age-encryption.org/v1\n-> X25519 cut short")} {
		if data == nil {
			data, _ = os.ReadFile(filepath.Join(a.data, "training", name))
		}
		os.WriteFile(filepath.Join(usb, name), data, 0o600)
	}
	before := map[string][]byte{}
	for _, c := range []string{"MD-STRY-0001", "MD-STRY-0002"} {
		before[c], _ = os.ReadFile(filepath.Join(usb, c+".age"))
	}
	if code, _, errOut := (cliRun{folders: b}).run(t, "config", "set", "recovery-recipient", org.Recipient().String()); code != 0 {
		t.Fatalf("config set on B: %s", errOut)
	}
	code, out, errOut := cliRun{folders: b}.run(t, "sessions", "import", usb, "--identity", orgFile, "--passphrase-file", b.passFile)
	if code != exitFailure {
		t.Errorf("import with a damaged file: exit %d, want %d", code, exitFailure)
	}
	for _, want := range []string{"MD-STRY-0001.age: imported as MD-STRY-0001 (real)", "MD-STRY-0002.age: imported as MD-STRY-0002 (real)",
		"MD-STRY-0003.json: imported as MD-STRY-0003 (training — fictional case)", "Imported: 3. Already here: 0. Not imported: 1."} {
		if !strings.Contains(out, want) {
			t.Errorf("import output lacks %q:\n%s", want, out)
		}
	}
	if !strings.Contains(errOut, "MD-STRY-0004.age: not imported: the file is damaged") || !strings.Contains(errOut, "Your key is created") {
		t.Errorf("import stderr:\n%s", errOut)
	}
	for _, c := range []string{"MD-STRY-0001", "MD-STRY-0002"} {
		if s := loadReal(t, b, c); s.Mode != interview.ModeReal || len(s.Answers.Values) == 0 {
			t.Errorf("%s on B: mode %s, %d answers", c, s.Mode, len(s.Answers.Values))
		}
		if !vault.OpensWith(b.sessionFile(c), org) {
			t.Errorf("%s on B is not encrypted to the recovery key", c)
		}
		if raw, _ := os.ReadFile(b.sessionFile(c)); bytes.Equal(raw, before[c]) {
			t.Errorf("%s was copied, not re-encrypted to B's key", c)
		}
		if after, _ := os.ReadFile(filepath.Join(usb, c+".age")); !bytes.Equal(after, before[c]) {
			t.Errorf("the imported file %s was changed", c)
		}
	}
	if !b.hasTrainingFile("MD-STRY-0003") || a.hasTrainingFile("MD-STRY-0001") {
		t.Error("the training session was not imported as training")
	}
	if hits := findInTree(t, b.data, []byte(`"code": "MD-STRY-0001"`)); len(hits) > 0 {
		t.Errorf("plaintext of a real session on B: %v", hits)
	}

	// The same file again is recognised; a different session under the same code is refused.
	code, out, errOut = cliRun{folders: b}.run(t, "sessions", "import", filepath.Join(usb, "MD-STRY-0001.age"), "--identity", orgFile, "--passphrase-file", b.passFile)
	if code != 0 || !strings.Contains(out, "MD-STRY-0001 is already here, the same.") {
		t.Errorf("import again: exit %d\n%s\n%s", code, out, errOut)
	}
	rival := filepath.Join(t.TempDir(), "MD-STRY-0001.age")
	s := loadReal(t, b, "MD-STRY-0001")
	s.Place = "somewhere else"
	orgOnly, _ := vault.Open(t.TempDir(), []age.Recipient{org.Recipient()})
	if _, err := orgOnly.SaveCopy(s, rival); err != nil {
		t.Fatal(err)
	}
	code, _, errOut = cliRun{folders: b}.run(t, "sessions", "import", rival, "--identity", orgFile, "--passphrase-file", b.passFile)
	if code != exitFailure || !strings.Contains(errOut, "a different session with the case code MD-STRY-0001 is already here, and it is kept") {
		t.Errorf("rival session: exit %d\n%s", code, errOut)
	}
	if s := loadReal(t, b, "MD-STRY-0001"); s.Place == "somewhere else" {
		t.Error("the rival session replaced the one that was here")
	}

	// B exports the summary from its own store, as for any session of its own.
	code, out, errOut = cliRun{folders: b}.run(t, "export", "MD-STRY-0001", "--format", "md", "--lang", "en", "--passphrase-file", b.passFile)
	if code != 0 || !strings.Contains(out, "MD-STRY-0001") || !strings.Contains(out, "screening") {
		t.Errorf("export on B: exit %d\n%s", code, errOut)
	}

	// Or straight from A's file, on a computer with no key at all.
	c := newStorageEnv(t)
	code, out, errOut = cliRun{folders: c}.run(t, "export", filepath.Join(usb, "MD-STRY-0002.age"), "--identity", orgFile, "--format", "md", "--lang", "ro")
	if code != 0 || !strings.Contains(out, "cazul MD-STRY-0002") || !strings.Contains(errOut, "not recorded in the sharing log of MD-STRY-0002") {
		t.Errorf("export --identity: exit %d\n%s\n%s", code, out, errOut)
	}
	if after, _ := os.ReadFile(filepath.Join(usb, "MD-STRY-0002.age")); !bytes.Equal(after, before["MD-STRY-0002"]) {
		t.Error("export --identity changed the file it read")
	}
	if ok, _ := vault.IdentityExists(vault.IdentityPath(c.data)); ok {
		t.Error("export --identity created a key")
	}
}

// findInTree returns the files under root that contain needle.
func findInTree(t *testing.T, root string, needle []byte) []string {
	t.Helper()
	var hits []string
	filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			if data, _ := os.ReadFile(p); bytes.Contains(data, needle) {
				hits = append(hits, p)
			}
		}
		return nil
	})
	return hits
}

// TestRecoveryWithTheWrongIdentity: an identity file that is not the organisation's opens
// nothing, and says so for each file; a protected one asks its passphrase on the terminal,
// refuses a wrong one, and is refused without a terminal.
func TestRecoveryWithTheWrongIdentity(t *testing.T) {
	t.Parallel()
	org, _ := age.GenerateX25519Identity()
	other, _ := age.GenerateX25519Identity()
	a, b := newStorageEnv(t), newStorageEnv(t)
	if code, _, errOut := (cliRun{folders: a}).run(t, "config", "set", "recovery-recipient", org.Recipient().String()); code != 0 {
		t.Fatal(errOut)
	}
	finishInterview(t, a, "MD-WRNG-0001", false)
	file := a.sessionFile("MD-WRNG-0001")

	code, out, errOut := cliRun{folders: b}.run(t, "sessions", "import", file, "--identity", orgKey(t, other), "--passphrase-file", b.passFile)
	if code != exitFailure || !strings.Contains(errOut, "MD-WRNG-0001.age: not imported: the key used") || !strings.Contains(out, "Not imported: 1.") {
		t.Errorf("import, wrong identity: exit %d\n%s\n%s", code, out, errOut)
	}
	code, _, errOut = cliRun{folders: b}.run(t, "export", file, "--identity", orgKey(t, other), "--format", "md")
	if code != exitFailure || !strings.Contains(errOut, "does not open with the key in") {
		t.Errorf("export, wrong identity: exit %d\n%s", code, errOut)
	}
	notKey := filepath.Join(t.TempDir(), "notes.txt")
	os.WriteFile(notKey, []byte("AGE-SECRET-KEY-1SECRETLOOKINGBUTNOT\n"), 0o600)
	code, _, errOut = cliRun{folders: b}.run(t, "export", file, "--identity", notKey, "--format", "md")
	if code != exitFailure || !strings.Contains(errOut, "is not an age key file") || strings.Contains(errOut, "SECRETLOOKING") {
		t.Errorf("export, not a key file: exit %d\n%s", code, errOut)
	}

	// The organisation keeps its identity under a passphrase (age -p).
	protected := filepath.Join(t.TempDir(), "org.age")
	r, _ := age.NewScryptRecipient("the organisation's long passphrase")
	r.SetWorkFactor(testWorkFactor)
	var buf bytes.Buffer
	w, _ := age.Encrypt(&buf, r)
	w.Write([]byte(org.String() + "\n"))
	w.Close()
	os.WriteFile(protected, buf.Bytes(), 0o600)
	code, _, errOut = cliRun{folders: b}.run(t, "export", file, "--identity", protected, "--format", "md")
	if code != exitUsage || !strings.Contains(errOut, "can only be typed on a terminal") {
		t.Errorf("protected identity, no terminal: exit %d\n%s", code, errOut)
	}
	code, _, errOut = cliRun{folders: b, tty: true, typed: []string{"not it"}}.run(t, "export", file, "--identity", protected, "--format", "md")
	if code != exitFailure || !strings.Contains(errOut, "Passphrase of the key file") || !strings.Contains(errOut, "does not open the key file") {
		t.Errorf("protected identity, wrong passphrase: exit %d\n%s", code, errOut)
	}
	code, out, errOut = cliRun{folders: b, tty: true, typed: []string{"the organisation's long passphrase", testPass, testPass}}.run(t,
		"sessions", "import", file, "--identity", protected)
	if code != 0 || !strings.Contains(out, "imported as MD-WRNG-0001") {
		t.Errorf("protected identity: exit %d\n%s\n%s", code, out, errOut)
	}
}

// TestKeyRotateSkipsAnOpenSessionAndResumes: a session open in another window is skipped
// and named, so the old key stays in force and the other commands say a rotation is
// unfinished; run again, the rotation finishes with the same new key. Afterwards the old
// key opens no session, the new one and the recovery key open every one.
func TestKeyRotateSkipsAnOpenSessionAndResumes(t *testing.T) {
	t.Parallel()
	org, _ := age.GenerateX25519Identity()
	env := newStorageEnv(t)
	if code, _, errOut := (cliRun{folders: env}).run(t, "config", "set", "recovery-recipient", org.Recipient().String()); code != 0 {
		t.Fatal(errOut)
	}
	codes := []string{"MD-ROTA-0001", "MD-ROTA-0002", "MD-ROTA-0003"}
	for _, c := range codes {
		finishInterview(t, env, c, false)
	}
	oldKey, _ := os.ReadFile(vault.IdentityPath(env.data))
	old, err := vault.UnlockIdentity(vault.IdentityPath(env.data), testPass)
	if err != nil {
		t.Fatal(err)
	}

	held, err := sessionlock.Acquire(filepath.Join(env.data, "locks"), codes[1], 0, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	code, out, errOut := cliRun{folders: env}.run(t, "key", "rotate", "--passphrase-file", env.passFile)
	if code != exitFailure || !strings.Contains(errOut, "Re-encrypting 3 sessions:") || !strings.Contains(errOut, "2/3  MD-ROTA-0002  skipped") ||
		!strings.Contains(errOut, "open in another window") || !strings.Contains(errOut, "1 session is not encrypted to the new key yet, so the old key stays in force") {
		t.Errorf("rotate with an open session: exit %d\n%s\n%s", code, out, errOut)
	}
	if now, _ := os.ReadFile(vault.IdentityPath(env.data)); !bytes.Equal(now, oldKey) {
		t.Fatal("the key file was replaced while a session was not re-encrypted")
	}
	if !vault.OpensWith(env.sessionFile(codes[1]), old) {
		t.Fatal("the session open in another window was re-encrypted")
	}
	code, _, errOut = cliRun{folders: env}.run(t, "sessions", "list", "--passphrase-file", env.passFile)
	if code != exitFailure || !strings.Contains(errOut, "A key rotation was interrupted") {
		t.Errorf("sessions list during a rotation: exit %d\n%s", code, errOut)
	}
	held.Release()

	code, out, errOut = cliRun{folders: env}.run(t, "key", "rotate", "--passphrase-file", env.passFile)
	if code != 0 || !strings.Contains(errOut, "goes on with the same new key") || !strings.Contains(errOut, "Re-encrypting 1 session:") ||
		!strings.Contains(out, "The key is replaced, and 1 session was re-encrypted") || !strings.Contains(out, "recovery key has not changed") {
		t.Fatalf("rotate again: exit %d\n%s\n%s", code, out, errOut)
	}
	newID, err := vault.UnlockIdentity(vault.IdentityPath(env.data), testPass)
	if err != nil || newID.String() == old.String() {
		t.Fatalf("the key file is not a new key under the same passphrase: %v", err)
	}
	if vault.RotationPending(env.data) {
		t.Error("the pending key is left behind")
	}
	for _, c := range codes {
		if vault.OpensWith(env.sessionFile(c), old) {
			t.Errorf("%s still opens with the old key", c)
		}
		if !vault.OpensWith(env.sessionFile(c), newID) || !vault.OpensWith(env.sessionFile(c), org) {
			t.Errorf("%s does not open with the new key and the recovery key", c)
		}
	}
	if code, out, errOut := (cliRun{folders: env}).run(t, "sessions", "list", "--passphrase-file", env.passFile); code != 0 || strings.Count(out, "MD-ROTA-") != 3 {
		t.Errorf("sessions list after the rotation: exit %d\n%s\n%s", code, out, errOut)
	}
	if _, out, _ := (cliRun{folders: env}).run(t, "sessions", "delete", "--help"); strings.Contains(out, "planned") || !strings.Contains(out, "earlyid key rotate does that") {
		t.Errorf("the delete help still calls key rotate planned:\n%s", out)
	}
}

// TestKeyPassphrase: the current passphrase is asked first, then the new one twice, with
// the same strength rules as the first one; afterwards only the new one opens the key,
// which is the same key (the sessions open without re-encryption).
func TestKeyPassphrase(t *testing.T) {
	t.Parallel()
	env := newStorageEnv(t)
	finishInterview(t, env, "MD-PASS-0001", false)
	const newPass = "five other unrelated words"
	if code, _, errOut := (cliRun{folders: env}).run(t, "key", "passphrase", "--passphrase-file", env.passFile); code != exitUsage || !strings.Contains(errOut, "typed twice on a terminal") {
		t.Errorf("no terminal: exit %d\n%s", code, errOut)
	}
	code, out, errOut := cliRun{folders: env, tty: true, typed: []string{testPass, "1234567890", newPass, newPass}}.run(t, "key", "passphrase")
	if code != 0 || !strings.Contains(errOut, "First type your current passphrase.") || !strings.Contains(errOut, "among the first tried") ||
		!strings.Contains(out, "The passphrase is changed.") {
		t.Fatalf("key passphrase: exit %d\n%s\n%s", code, out, errOut)
	}
	if _, err := vault.UnlockIdentity(vault.IdentityPath(env.data), testPass); err == nil {
		t.Error("the old passphrase still opens the key")
	}
	code, _, errOut = cliRun{folders: env, tty: true, typed: []string{newPass}}.run(t, "sessions", "show", "MD-PASS-0001")
	if code != 0 {
		t.Errorf("the session does not open with the new passphrase: exit %d\n%s", code, errOut)
	}
}

// TestExportSeveralFormatsAndLanguagesUnlocksOnce: two formats in two languages are four
// files in the --out folder, named <CODE>-<lang>.<format>, from one passphrase typed once,
// and four lines in the sharing log; an existing one stops the whole set before anything
// is written.
func TestExportSeveralFormatsAndLanguagesUnlocksOnce(t *testing.T) {
	t.Parallel()
	env := newStorageEnv(t)
	finishInterview(t, env, "MD-MANY-0001", false)
	dir := t.TempDir()
	code, out, errOut := cliRun{folders: env, tty: true, typed: []string{testPass}}.run(t,
		"export", "MD-MANY-0001", "--format", "md,json", "--lang", "ro", "--lang", "en", "--out", dir)
	if code != 0 || strings.Count(errOut, "Passphrase:") != 1 {
		t.Fatalf("exit %d (the passphrase must be asked once)\n%s\n%s", code, out, errOut)
	}
	for _, name := range []string{"MD-MANY-0001-ro.md", "MD-MANY-0001-en.md", "MD-MANY-0001-ro.json", "MD-MANY-0001-en.json"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("%s was not written: %v", name, err)
		}
	}
	if md, _ := os.ReadFile(filepath.Join(dir, "MD-MANY-0001-ro.md")); !strings.Contains(string(md), "Rezumat pentru referire") {
		t.Error("the Romanian file is not in Romanian")
	}
	if s := loadReal(t, env, "MD-MANY-0001"); len(s.Exports) != 4 {
		t.Fatalf("sharing log: %+v", s.Exports)
	}
	os.Remove(filepath.Join(dir, "MD-MANY-0001-ro.md"))
	code, _, errOut = cliRun{folders: env}.run(t, "export", "MD-MANY-0001", "--format", "md,json", "--lang", "ro,en", "--out", dir, "--passphrase-file", env.passFile)
	if code != exitFailure || !strings.Contains(errOut, "already exists") {
		t.Errorf("existing file: exit %d\n%s", code, errOut)
	}
	if _, err := os.Stat(filepath.Join(dir, "MD-MANY-0001-ro.md")); err == nil {
		t.Error("a file of the set was written although another one exists")
	}
	if s := loadReal(t, env, "MD-MANY-0001"); len(s.Exports) != 4 {
		t.Errorf("a refused export was logged: %d entries", len(s.Exports))
	}
}

// TestImportOwnBackupWithoutIdentity: a backup of this computer's own sessions comes back
// with this computer's key, no --identity needed; a computer with no key gets none made
// by an import that could not open the files with it anyway.
func TestImportOwnBackupWithoutIdentity(t *testing.T) {
	t.Parallel()
	env := newStorageEnv(t)
	finishInterview(t, env, "MD-BACK-0001", false)
	backup := copyDir(t, filepath.Join(env.data, "sessions"))
	if code, _, errOut := (cliRun{folders: env}).run(t, "sessions", "delete", "MD-BACK-0001", "--yes"); code != 0 {
		t.Fatal(errOut)
	}
	code, out, errOut := cliRun{folders: env}.run(t, "sessions", "import", backup, "--passphrase-file", env.passFile)
	if code != 0 || !strings.Contains(out, "imported as MD-BACK-0001 (real)") {
		t.Errorf("own backup: exit %d\n%s\n%s", code, out, errOut)
	}
	fresh := newStorageEnv(t)
	code, _, errOut = cliRun{folders: fresh}.run(t, "sessions", "import", backup, "--passphrase-file", fresh.passFile)
	if code != exitFailure || !strings.Contains(errOut, "No key has been created on this computer yet") {
		t.Errorf("no key, no --identity: exit %d\n%s", code, errOut)
	}
	if ok, _ := vault.IdentityExists(vault.IdentityPath(fresh.data)); ok {
		t.Error("an import without --identity made a key")
	}
}

// TestRecoveryUnsetReencryptsToThisComputerOnly: removing the recovery key is meant to take
// the organisation's key away from this computer's cases, so the sessions saved before are
// re-encrypted to the local key alone — the removed key opens none of them afterwards, the
// local key every one — and the message says so, and that copies already handed on stay
// readable.
func TestRecoveryUnsetReencryptsToThisComputerOnly(t *testing.T) {
	t.Parallel()
	org, _ := age.GenerateX25519Identity()
	env := newStorageEnv(t)
	if code, _, errOut := (cliRun{folders: env}).run(t, "config", "set", "recovery-recipient", org.Recipient().String()); code != 0 {
		t.Fatal(errOut)
	}
	codes := []string{"MD-UNST-0001", "MD-UNST-0002"}
	for _, c := range codes {
		finishInterview(t, env, c, false)
		if !vault.OpensWith(env.sessionFile(c), org) {
			t.Fatalf("%s does not open with the recovery key while it is set", c)
		}
	}
	code, out, errOut := cliRun{folders: env}.run(t, "config", "unset", "recovery-recipient", "--passphrase-file", env.passFile)
	if code != 0 || !strings.Contains(errOut, "Re-encrypting 2 sessions:") ||
		!strings.Contains(out, "encrypted to this computer's key only. Copies the organisation already holds") ||
		!strings.Contains(out, "2 sessions saved before are now encrypted to this computer's key only.") {
		t.Fatalf("config unset: exit %d\n%s\n%s", code, out, errOut)
	}
	local, err := vault.UnlockIdentity(vault.IdentityPath(env.data), testPass)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range codes {
		if vault.OpensWith(env.sessionFile(c), org) {
			t.Errorf("%s still opens with the removed recovery key", c)
		}
		if !vault.OpensWith(env.sessionFile(c), local) {
			t.Errorf("%s no longer opens with this computer's key", c)
		}
	}
}
