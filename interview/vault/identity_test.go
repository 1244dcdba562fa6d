package vault

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

const goodPassphrase = "correct horse battery staple"

func TestIdentityCreateAndUnlock(t *testing.T) {
	t.Parallel()
	data := filepath.Join(t.TempDir(), "earlyid")
	path := IdentityPath(data)
	if _, err := UnlockIdentity(path, goodPassphrase); !errors.Is(err, ErrNoIdentity) {
		t.Fatalf("unlock before create: %v, want ErrNoIdentity", err)
	}
	if _, err := CreateIdentity(path, "too short", testWorkFactor); !errors.Is(err, ErrWeakPassphrase) {
		t.Fatalf("weak passphrase: %v, want ErrWeakPassphrase", err)
	}
	id, err := CreateIdentity(path, goodPassphrase, testWorkFactor)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(raw, []byte("AGE-SECRET-KEY")) || !bytes.HasPrefix(raw, []byte("age-encryption.org/v1\n-> scrypt ")) {
		t.Fatalf("the identity file is not passphrase-encrypted:\n%.80q", raw)
	}
	if runtime.GOOS != "windows" {
		assertMode(t, path, 0o600)
		assertMode(t, data, 0o700)
	}

	got, err := UnlockIdentity(path, goodPassphrase)
	if err != nil {
		t.Fatal(err)
	}
	if got.Recipient().String() != id.Recipient().String() {
		t.Errorf("unlocked a different key")
	}

	// A wrong passphrase: a clear error, and the file is byte-for-byte unchanged.
	for _, wrong := range []string{"", "correct horse battery stapler", strings.ToUpper(goodPassphrase)} {
		_, err := UnlockIdentity(path, wrong)
		if !errors.Is(err, ErrWrongPassphrase) {
			t.Errorf("wrong passphrase %q: %v, want ErrWrongPassphrase", wrong, err)
		}
	}
	// Creating again never replaces the key that opens the existing sessions.
	if _, err := CreateIdentity(path, "another good passphrase", testWorkFactor); !errors.Is(err, ErrIdentityExists) {
		t.Errorf("second create: %v, want ErrIdentityExists", err)
	}
	after, _ := os.ReadFile(path)
	if !bytes.Equal(raw, after) {
		t.Errorf("the identity file changed")
	}
}

func TestIdentityDamaged(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := IdentityPath(dir)
	if _, err := CreateIdentity(path, goodPassphrase, testWorkFactor); err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(path)
	tests := []struct {
		name string
		data []byte
	}{
		{"truncated", raw[:len(raw)-10]},
		{"flipped byte", flip(raw, len(raw)-5)},
		{"not age", []byte("AGE-SECRET-KEY-1 but in plain text\n")},
		{"empty", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := os.WriteFile(path, tt.data, 0o600); err != nil {
				t.Fatal(err)
			}
			_, err := UnlockIdentity(path, goodPassphrase)
			var ife *IdentityFileError
			if !errors.As(err, &ife) || !strings.Contains(err.Error(), path) {
				t.Errorf("got %v, want an *IdentityFileError naming %s", err, path)
			}
		})
	}
}

func flip(b []byte, i int) []byte {
	c := bytes.Clone(b)
	c[i] ^= 0x01
	return c
}

func assertMode(t *testing.T, path string, want os.FileMode) {
	t.Helper()
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := st.Mode().Perm(); got != want {
		t.Errorf("%s has mode %o, want %o", path, got, want)
	}
}
