package vault

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"filippo.io/age"

	"github.com/earlyid/earlyid/interview"
	"github.com/earlyid/earlyid/interview/vault/strength"
)

// IdentityFileName is the name of the identity file in the data folder.
const IdentityFileName = "identity.age"

// Work factors (log2 of scrypt's N) of the passphrase that protects the identity.
const (
	// DefaultWorkFactor is what CreateIdentity uses in earnest: age's own default, about a
	// second and 256 MiB of memory per unlock on a laptop, once per command.
	DefaultWorkFactor = 18
	// MaxWorkFactor bounds what UnlockIdentity accepts, so a planted identity file cannot
	// make earlyid compute for minutes (age's own cap, 22, is about 15 s).
	MaxWorkFactor = 20
)

// MinPassphraseLength is the shortest passphrase CreateIdentity accepts, in characters.
// Whoever holds a lost laptop can try passphrases offline for as long as they like; scrypt
// makes each try cost about a second, which protects a long passphrase, not a short one.
const MinPassphraseLength = strength.MinLength

// maxIdentityFile bounds what UnlockIdentity reads: a real identity file is about 400 bytes.
const maxIdentityFile = 64 << 10

// Errors about the identity. Callers test them with errors.Is.
var (
	// ErrWrongPassphrase: the passphrase does not open the identity file.
	ErrWrongPassphrase = errors.New("the passphrase is not correct")
	// ErrNoIdentity: no identity file exists yet (no real interview was run here).
	ErrNoIdentity = errors.New("no key has been created yet")
	// ErrIdentityExists: CreateIdentity found an identity file and kept it.
	ErrIdentityExists = errors.New("a key already exists")
	// ErrWeakPassphrase: CreateIdentity refused the passphrase (see strength.Check).
	ErrWeakPassphrase = errors.New("the passphrase is too short or too easy to guess")
)

// IdentityFileError reports an identity file that exists but is not a valid earlyid key
// file (damaged, truncated, or not made by earlyid).
type IdentityFileError struct {
	Path string
	Err  error
}

func (e *IdentityFileError) Error() string {
	return fmt.Sprintf("the key file %s is damaged or is not an earlyid key file: %v", e.Path, e.Err)
}

func (e *IdentityFileError) Unwrap() error { return e.Err }

// releaseScryptMemory collects the garbage and gives the freed memory back to the system
// at once. Called when a passphrase has been tried: scrypt's 256 MiB buffer is garbage by
// then, but the collector had last sized the heap while it was live, so with earlyid's high
// GOGC nothing would collect it for minutes, and the runtime would keep the pages even
// then. An interview that follows the unlock lives on a few megabytes. The collection costs
// a few milliseconds, nothing next to the second scrypt took.
func releaseScryptMemory() { debug.FreeOSMemory() }

// IdentityPath returns the identity file in dataDir.
func IdentityPath(dataDir string) string { return filepath.Join(dataDir, IdentityFileName) }

// IdentityExists reports whether the identity file at path exists.
func IdentityExists(path string) (bool, error) {
	_, err := os.Lstat(path)
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, fs.ErrNotExist):
		return false, nil
	default:
		return false, fmt.Errorf("the key file %s could not be checked: %w", path, err)
	}
}

// CreateIdentity generates a new X25519 identity and stores it at path, encrypted with
// passphrase at scrypt work factor logN (DefaultWorkFactor in earnest; tests use less). The
// folder is created 0700 and the file written 0600 with interview.WriteFileAtomic. An
// existing identity file is never replaced (ErrIdentityExists): it is the only key to the
// sessions already saved.
func CreateIdentity(path, passphrase string, logN int) (*age.X25519Identity, error) {
	if !strength.Check(passphrase).Acceptable() {
		return nil, ErrWeakPassphrase
	}
	if ok, err := IdentityExists(path); err != nil {
		return nil, err
	} else if ok {
		return nil, fmt.Errorf("%s: %w", path, ErrIdentityExists)
	}
	id, err := age.GenerateX25519Identity()
	if err != nil {
		return nil, fmt.Errorf("a new key could not be generated: %w", err)
	}
	if err := writeIdentity(path, id, passphrase, logN); err != nil {
		return nil, err
	}
	return id, nil
}

// writeIdentity stores id at path, encrypted with passphrase at work factor logN, replacing
// whatever is there atomically: the old file stays whole until the new one is complete.
func writeIdentity(path string, id *age.X25519Identity, passphrase string, logN int) error {
	r, err := age.NewScryptRecipient(passphrase)
	if err != nil {
		return fmt.Errorf("the key could not be protected with the passphrase: %w", err)
	}
	r.SetWorkFactor(logN)
	defer releaseScryptMemory()
	// The same layout as age-keygen, so `age -d -i identity.age` reads it too.
	var plain bytes.Buffer
	fmt.Fprintf(&plain, "# earlyid key, created: %s\n# public key: %s\n%s\n",
		time.Now().UTC().Format(time.RFC3339), id.Recipient(), id)
	var enc bytes.Buffer
	w, err := age.Encrypt(&enc, r)
	if err == nil {
		_, err = w.Write(plain.Bytes())
	}
	if err == nil {
		err = w.Close()
	}
	clear(plain.Bytes())
	if err != nil {
		return fmt.Errorf("the key could not be protected with the passphrase: %w", err)
	}
	if err := interview.EnsurePrivateDir(filepath.Dir(path)); err != nil {
		return err
	}
	return interview.WriteFileAtomic(path, enc.Bytes())
}

// ChangePassphrase writes the identity id back to path protected by a new passphrase, at
// work factor logN. The caller has unlocked id from path with the old passphrase; the file
// is replaced atomically, so a crash leaves the old passphrase or the new one in force,
// never a key file that neither opens.
func ChangePassphrase(path string, id *age.X25519Identity, passphrase string, logN int) error {
	if !strength.Check(passphrase).Acceptable() {
		return ErrWeakPassphrase
	}
	return writeIdentity(path, id, passphrase, logN)
}

// UnlockIdentity reads the identity file at path and decrypts it with passphrase. A wrong
// passphrase gives an error wrapping ErrWrongPassphrase, a missing file ErrNoIdentity, and
// a damaged one an *IdentityFileError. The file is only read, never changed.
func UnlockIdentity(path, passphrase string) (*age.X25519Identity, error) {
	data, err := readKeyFile(path)
	if err != nil {
		return nil, err
	}
	// Nothing of the plaintext is used unless all of it decrypted (age streams, and a
	// damaged later chunk only fails at the end).
	plain, err := decryptKeyFile(path, data, passphrase)
	defer clear(plain)
	if err != nil {
		return nil, err
	}
	for _, line := range strings.Split(string(plain), "\n") {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "AGE-SECRET-KEY-1") {
			id, err := age.ParseX25519Identity(line)
			if err != nil {
				return nil, &IdentityFileError{Path: path, Err: errors.New("the key inside is not valid")}
			}
			return id, nil
		}
	}
	return nil, &IdentityFileError{Path: path, Err: errors.New("it holds no key")}
}
