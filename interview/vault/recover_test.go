package vault

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"filippo.io/age"
	"filippo.io/age/armor"
)

// writeProtected writes content to path encrypted with passphrase, as `age -p` does.
func writeProtected(t *testing.T, path, content, passphrase string, armored bool) {
	t.Helper()
	r, err := age.NewScryptRecipient(passphrase)
	if err != nil {
		t.Fatal(err)
	}
	r.SetWorkFactor(testWorkFactor)
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out interface {
		Write([]byte) (int, error)
		Close() error
	} = f
	var aw interface{ Close() error }
	if armored {
		a := armor.NewWriter(f)
		out, aw = a, a
	}
	w, err := age.Encrypt(out, r)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write([]byte(content)); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if aw != nil {
		aw.Close()
	}
}

// TestReadIdentityFile: the organisation's identity opens whether it is a plain age-keygen
// file, one protected with a passphrase (binary or armoured), or earlyid's own key file;
// a wrong passphrase and a file with no key are told apart, and no secret is quoted.
func TestReadIdentityFile(t *testing.T) {
	t.Parallel()
	org := newIdentity(t)
	dir := t.TempDir()
	keygen := "# created: 2026-03-01T09:00:00Z\n# public key: " + org.Recipient().String() + "\n" + org.String() + "\n"
	plain := filepath.Join(dir, "org.txt")
	os.WriteFile(plain, []byte(keygen), 0o600)
	prot := filepath.Join(dir, "org.age")
	writeProtected(t, prot, keygen, "the organisation's own words", false)
	armored := filepath.Join(dir, "org.asc")
	writeProtected(t, armored, keygen, "the organisation's own words", true)
	own := filepath.Join(dir, IdentityFileName)
	if _, err := CreateIdentity(own, "the organisation's own words", testWorkFactor); err != nil {
		t.Fatal(err)
	}
	asked := 0
	pass := func(p string) func() (string, error) {
		return func() (string, error) { asked++; return p, nil }
	}
	for _, path := range []string{plain, prot, armored} {
		asked = 0
		ids, err := ReadIdentityFile(path, pass("the organisation's own words"))
		if err != nil || len(ids) != 1 || ids[0].(*age.X25519Identity).Recipient().String() != org.Recipient().String() {
			t.Errorf("%s: %v, %v", filepath.Base(path), ids, err)
		}
		if want := path != plain; (asked == 1) != want {
			t.Errorf("%s: the passphrase was asked %d times", filepath.Base(path), asked)
		}
	}
	if ids, err := ReadIdentityFile(own, pass("the organisation's own words")); err != nil || len(ids) != 1 {
		t.Errorf("earlyid's key file: %v, %v", ids, err)
	}
	if _, err := ReadIdentityFile(prot, pass("not the words")); !errors.Is(err, ErrWrongPassphrase) {
		t.Errorf("wrong passphrase: %v", err)
	}
	junk := filepath.Join(dir, "junk")
	os.WriteFile(junk, []byte("AGE-SECRET-KEY-1NOTAKEYATALL\n"), 0o600)
	_, err := ReadIdentityFile(junk, pass(""))
	var ife *IdentityFileError
	if !errors.As(err, &ife) || strings.Contains(err.Error(), "NOTAKEY") {
		t.Errorf("a file with no key: %v", err)
	}
	if _, err := ReadIdentityFile(filepath.Join(dir, "missing"), pass("")); !errors.Is(err, ErrNoIdentity) {
		t.Errorf("missing file: %v", err)
	}
}

// TestReencryptAddsARecipient: a session re-encrypted to the user and a recovery recipient
// opens with both, and holds what it held; a damaged file is left alone.
func TestReencryptAddsARecipient(t *testing.T) {
	t.Parallel()
	g := textGuideline(t, 2)
	user, org := newIdentity(t), newIdentity(t)
	st := openStore(t, user)
	answer(t, newEngine(t, g, st, "MD-REC0-0002"), "before the recovery key")
	path := st.Path("MD-REC0-0002")
	if OpensWith(path, org) {
		t.Fatal("the recovery identity opens a file saved before it was set")
	}
	if err := Reencrypt(path, []age.Identity{user}, []age.Recipient{user.Recipient(), org.Recipient()}, nil); err != nil {
		t.Fatal(err)
	}
	for _, id := range []*age.X25519Identity{user, org} {
		s, err := ReadFile(path, id)
		if err != nil || s.Answers.Values["q0"].Str != "before the recovery key" {
			t.Errorf("after re-encryption: %v", err)
		}
	}
	bad := filepath.Join(st.Dir(), "MD-REC0-0003"+Ext)
	os.WriteFile(bad, []byte("age-encryption.org/v1\n-> X25519 broken\n"), 0o600)
	var de *DamagedError
	if err := Reencrypt(bad, []age.Identity{user}, []age.Recipient{user.Recipient()}, nil); !errors.As(err, &de) {
		t.Errorf("damaged file: %v", err)
	}
	if data, _ := os.ReadFile(bad); !strings.HasPrefix(string(data), "age-encryption.org/v1\n-> X25519 broken") {
		t.Error("a damaged file was rewritten")
	}
}

// TestRotationInterruptedThenResumed: a rotation killed after one session keeps the old
// key file; started again it takes the same new key, rewrites only what is left, and only
// then replaces the key file. Afterwards the old key opens nothing and the new one all.
func TestRotationInterruptedThenResumed(t *testing.T) {
	t.Parallel()
	g := textGuideline(t, 2)
	data := t.TempDir()
	const pass = "four unrelated words here"
	keyPath := IdentityPath(data)
	old, err := CreateIdentity(keyPath, pass, testWorkFactor)
	if err != nil {
		t.Fatal(err)
	}
	org := newIdentity(t)
	st, err := Open(filepath.Join(data, "sessions"), []age.Recipient{old.Recipient(), org.Recipient()}, WithIdentity(old))
	if err != nil {
		t.Fatal(err)
	}
	codes := []string{"MD-ROT0-0001", "MD-ROT0-0002", "MD-ROT0-0003"}
	for _, c := range codes {
		answer(t, newEngine(t, g, st, c), "answer of "+c)
	}

	r, err := StartRotation(keyPath, old, pass, testWorkFactor)
	if err != nil || r.Resumed {
		t.Fatalf("start: %v (resumed %v)", err, r != nil && r.Resumed)
	}
	extra := []age.Recipient{org.Recipient()}
	if did, err := r.Rotate(st.Path(codes[0]), extra, nil); err != nil || !did {
		t.Fatalf("first file: %v, %v", did, err)
	}
	// The process dies here: the key file is still the old one, and the pending one exists.
	if id, err := UnlockIdentity(keyPath, pass); err != nil || id.String() != old.String() {
		t.Fatalf("after the interruption the key file is not the old key: %v", err)
	}
	if !RotationPending(data) {
		t.Fatal("the interruption left no pending rotation")
	}

	r2, err := StartRotation(keyPath, old, pass, testWorkFactor)
	if err != nil || !r2.Resumed || r2.New.String() != r.New.String() {
		t.Fatalf("resume: %v; resumed %v, same key %v", err, r2 != nil && r2.Resumed, r2 != nil && r2.New.String() == r.New.String())
	}
	rewritten := 0
	for _, c := range codes {
		did, err := r2.Rotate(st.Path(c), extra, nil)
		if err != nil {
			t.Fatal(err)
		}
		if did {
			rewritten++
		}
	}
	if rewritten != 2 {
		t.Errorf("the resumed rotation rewrote %d files, want the 2 left", rewritten)
	}
	if err := r2.Finish(); err != nil {
		t.Fatal(err)
	}
	if RotationPending(data) {
		t.Error("the pending key is still there after Finish")
	}
	id, err := UnlockIdentity(keyPath, pass)
	if err != nil || id.String() != r.New.String() {
		t.Fatalf("the key file is not the new key: %v", err)
	}
	for _, c := range codes {
		if OpensWith(st.Path(c), old) {
			t.Errorf("%s still opens with the old key", c)
		}
		for _, k := range []*age.X25519Identity{id, org} {
			if s, err := ReadFile(st.Path(c), k); err != nil || s.Answers.Values["q0"].Str != "answer of "+c {
				t.Errorf("%s: %v", c, err)
			}
		}
	}
}

// TestChangePassphrase: the key file opens with the new passphrase only, and holds the
// same key; a weak new passphrase changes nothing.
func TestChangePassphrase(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), IdentityFileName)
	id, err := CreateIdentity(path, "four unrelated words here", testWorkFactor)
	if err != nil {
		t.Fatal(err)
	}
	if err := ChangePassphrase(path, id, "1234567890", testWorkFactor); !errors.Is(err, ErrWeakPassphrase) {
		t.Errorf("weak passphrase: %v", err)
	}
	if err := ChangePassphrase(path, id, "five other unrelated words", testWorkFactor); err != nil {
		t.Fatal(err)
	}
	if _, err := UnlockIdentity(path, "four unrelated words here"); !errors.Is(err, ErrWrongPassphrase) {
		t.Errorf("the old passphrase still opens the key: %v", err)
	}
	if got, err := UnlockIdentity(path, "five other unrelated words"); err != nil || got.String() != id.String() {
		t.Errorf("new passphrase: %v", err)
	}
}
