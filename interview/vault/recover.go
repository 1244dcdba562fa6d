package vault

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"

	"filippo.io/age"
	"filippo.io/age/armor"

	"github.com/earlyid/earlyid/interview"
)

// ReadIdentityFile reads an age identity file given by the user: the organisation's
// recovery identity as age-keygen writes it, the same file protected with a passphrase
// (age -p, or earlyid's own identity.age), or either in ASCII armour. passphrase is called
// only for a protected file; it returns the passphrase (a terminal prompt, say). A wrong
// passphrase gives an error wrapping ErrWrongPassphrase, a missing file ErrNoIdentity, and
// a file that holds no identity an *IdentityFileError. The secret keys are never quoted.
func ReadIdentityFile(path string, passphrase func() (string, error)) ([]age.Identity, error) {
	data, err := readKeyFile(path)
	if err != nil {
		return nil, err
	}
	defer clear(data)
	keys := data
	if isAgeFile(data) {
		pass, err := passphrase()
		if err != nil {
			return nil, err
		}
		plain, err := decryptKeyFile(path, data, pass)
		defer clear(plain) // the secret keys, in the clear
		if err != nil {
			return nil, err
		}
		keys = plain
	}
	ids, err := age.ParseIdentities(bytes.NewReader(keys))
	if err != nil {
		// age's message may quote the line it could not parse: a secret key, perhaps.
		return nil, &IdentityFileError{Path: path, Err: errors.New("it holds no age identity (AGE-SECRET-KEY-1…)")}
	}
	return ids, nil
}

// isAgeFile reports whether data is an age-encrypted file, binary or armoured.
func isAgeFile(data []byte) bool {
	return bytes.HasPrefix(data, []byte("age-encryption.org/")) ||
		bytes.HasPrefix(bytes.TrimLeft(data, " \t\r\n"), []byte(armor.Header))
}

// readKeyFile reads a key file, bounded: a real one is a few hundred bytes.
func readKeyFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s: %w", path, ErrNoIdentity)
	}
	if err != nil {
		return nil, fmt.Errorf("the key file %s could not be read: %w", path, err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxIdentityFile+1))
	if err != nil {
		return nil, fmt.Errorf("the key file %s could not be read: %w", path, err)
	}
	if len(data) > maxIdentityFile {
		return nil, &IdentityFileError{Path: path, Err: errors.New("the file is far too large")}
	}
	return data, nil
}

// decryptKeyFile decrypts a passphrase-protected key file (data, read from path) and
// returns its plaintext, which the caller clears.
func decryptKeyFile(path string, data []byte, passphrase string) ([]byte, error) {
	if passphrase == "" {
		return nil, ErrWrongPassphrase // no key file is ever protected by an empty one
	}
	sid, err := age.NewScryptIdentity(passphrase)
	if err != nil {
		return nil, fmt.Errorf("the passphrase could not be used: %w", err)
	}
	sid.SetMaxWorkFactor(MaxWorkFactor)
	// scrypt's buffer is garbage once the file is decrypted (or refused): give it back.
	defer releaseScryptMemory()
	var in io.Reader = bytes.NewReader(data)
	if !bytes.HasPrefix(data, []byte("age-encryption.org/")) {
		in = armor.NewReader(in)
	}
	r, err := age.Decrypt(in, scryptIdentity{sid})
	if err != nil {
		var nm *age.NoIdentityMatchError
		if errors.As(err, &nm) && slices.Equal(nm.StanzaTypes, []string{"scrypt"}) {
			return nil, ErrWrongPassphrase
		}
		return nil, &IdentityFileError{Path: path, Err: err}
	}
	plain, err := io.ReadAll(r)
	if err != nil {
		clear(plain)
		return nil, &IdentityFileError{Path: path, Err: err}
	}
	return plain, nil
}

// Reencrypt decrypts the session file at path with any of ids and replaces it, atomically
// and durably through write, with the same session encrypted to recipients. The plaintext
// is kept byte for byte (nothing is decoded and written again, so nothing a newer version
// wrote is lost) and exists only in memory. A file that does not hold a session is left
// as it is, with the error ReadFile would give.
func Reencrypt(path string, ids []age.Identity, recipients []age.Recipient, write WriteFunc) error {
	plain, err := decryptFile(path, ids)
	defer clear(plain)
	if err != nil {
		return err
	}
	sess, err := interview.UnmarshalSession(plain)
	if err != nil {
		return &DamagedError{Path: path, Err: err}
	}
	data, err := encrypt(plain, recipients)
	if err != nil {
		return fmt.Errorf("the session %s could not be encrypted: %w", sess.Code, err)
	}
	if write == nil {
		write = interview.WriteFileAtomic
	}
	return write(path, data)
}

// encrypt returns plain encrypted to recipients.
func encrypt(plain []byte, recipients []age.Recipient) ([]byte, error) {
	var buf bytes.Buffer
	buf.Grow(len(plain) + 512)
	w, err := age.Encrypt(&buf, recipients...)
	if err != nil {
		return nil, err
	}
	if _, err := w.Write(plain); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// OpensWith reports whether the session file at path can be opened with id, from its
// header alone (one X25519 operation per recipient; nothing is decrypted past the header).
func OpensWith(path string, id age.Identity) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	_, err = age.Decrypt(f, id)
	return err == nil
}

// PendingIdentityFileName is the new key of a key rotation that has not finished, next to
// the identity file: it exists from the moment the new key is made until every session is
// encrypted to it, and then replaces the identity file.
const PendingIdentityFileName = "identity-next.age"

// PendingIdentityPath returns the new key of an unfinished rotation in dataDir.
func PendingIdentityPath(dataDir string) string {
	return filepath.Join(dataDir, PendingIdentityFileName)
}

// Rotation replaces the identity by a new one and re-encrypts every session to it. It is
// made to be interrupted: the new key is written first (PendingIdentityFileName, under the
// same passphrase), each session is then replaced atomically, and the old identity file is
// overwritten only by Finish, once every session opens with the new key. Starting a
// rotation again after a crash or a kill picks up the same new key and re-encrypts only
// the sessions that do not open with it yet.
type Rotation struct {
	// Old is the identity being replaced; New the one replacing it.
	Old, New *age.X25519Identity
	// Resumed reports that New was made by an earlier, interrupted rotation.
	Resumed bool

	path, pending string
}

// StartRotation begins (or resumes) replacing the identity at path, which old is the
// unlocked content of and passphrase protects. The new identity is protected by the same
// passphrase at work factor logN.
func StartRotation(path string, old *age.X25519Identity, passphrase string, logN int) (*Rotation, error) {
	r := &Rotation{Old: old, path: path, pending: PendingIdentityPath(filepath.Dir(path))}
	if ok, err := IdentityExists(r.pending); err != nil {
		return nil, err
	} else if ok {
		id, err := UnlockIdentity(r.pending, passphrase)
		if err != nil {
			return nil, fmt.Errorf("the new key of the interrupted rotation could not be opened: %w", err)
		}
		r.New, r.Resumed = id, true
		return r, nil
	}
	id, err := age.GenerateX25519Identity()
	if err != nil {
		return nil, fmt.Errorf("a new key could not be generated: %w", err)
	}
	if err := writeIdentity(r.pending, id, passphrase, logN); err != nil {
		return nil, err
	}
	r.New = id
	return r, nil
}

// Rotate re-encrypts the session file at path to the new identity and extra (the recovery
// recipient), unless it opens with the new identity already (done earlier, before an
// interruption). It reports whether the file was rewritten.
func (r *Rotation) Rotate(path string, extra []age.Recipient, write WriteFunc) (bool, error) {
	if OpensWith(path, r.New) {
		return false, nil
	}
	recipients := append([]age.Recipient{r.New.Recipient()}, extra...)
	if err := Reencrypt(path, []age.Identity{r.Old}, recipients, write); err != nil {
		return false, err
	}
	return true, nil
}

// Finish makes the new identity the identity: the pending key file replaces the old one in
// a single rename, flushed to disk. Call it only once every session opens with New.
func (r *Rotation) Finish() error {
	if err := os.Rename(r.pending, r.path); err != nil {
		return fmt.Errorf("the new key could not replace the old one: %w", err)
	}
	return interview.SyncDir(filepath.Dir(r.path))
}

// RotationPending reports whether a key rotation in dataDir was interrupted before it
// finished.
func RotationPending(dataDir string) bool {
	ok, _ := IdentityExists(PendingIdentityPath(dataDir))
	return ok
}

// SameSession reports whether a and b hold the same session: the same encoding, so that
// importing a file that is already here is recognised as the same case and not a rival.
func SameSession(a, b *interview.Session) (bool, error) {
	x, err := a.Marshal()
	if err != nil {
		return false, err
	}
	defer clear(x)
	y, err := b.Marshal()
	if err != nil {
		return false, err
	}
	defer clear(y)
	return bytes.Equal(x, y), nil
}
