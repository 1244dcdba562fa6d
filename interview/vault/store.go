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
	"strings"
	"sync"
	"time"

	"filippo.io/age"

	"github.com/earlyid/earlyid/interview"
)

// Ext is the file name extension of an encrypted session.
const Ext = ".age"

// maxSessionFile bounds what Load reads. A 200-answer session is about 40 KB; a file far
// larger is not one of ours and is refused before it fills memory.
const maxSessionFile = 32 << 20

// Errors about stores and sessions. Callers test them with errors.Is.
var (
	// ErrLocked: the store was opened without an identity, so it can save but not read.
	ErrLocked = errors.New("the sessions cannot be read without unlocking the key")
	// ErrNotForThisKey: a session file was encrypted for another key (another installation,
	// or a copy from another computer).
	ErrNotForThisKey = errors.New("the session file was not encrypted for this key")
)

// DamagedError reports a session file that cannot be decrypted or decoded (see
// interview.DamagedError, which it is).
type DamagedError = interview.DamagedError

// Reasons of a DamagedError, in earlyid's words: age's own errors quote the file (a file
// that is not an age file has its first line repeated in the error), so they are not kept.
var (
	errNotAge       = errors.New("it is not an encrypted session, or its header is damaged")
	errNotAuthentic = errors.New("its content does not authenticate: it was cut short or altered")
	errTooLarge     = errors.New("the file is far too large to be a session")
)

// ForeignKeyError reports a session file encrypted for another key: it wraps
// ErrNotForThisKey and names the file.
type ForeignKeyError struct {
	Path string
}

func (e *ForeignKeyError) Error() string {
	return fmt.Sprintf("%s: %v", e.Path, ErrNotForThisKey)
}

func (e *ForeignKeyError) Unwrap() error { return ErrNotForThisKey }

// WriteFunc replaces path with data atomically and durably. The store writes every file
// through one: interview.WriteFileAtomic in earnest; tests inject failures here (a full
// disk, a folder that is gone) without needing a broken file system.
type WriteFunc func(path string, data []byte) error

// Store is the encrypted interview.Store of real (and self) sessions: one age file per
// session, <dir>/<CODE>.age, encrypted to the recipients given to Open. Saving needs only
// the recipients; reading needs the identity (WithIdentity). It is safe for concurrent
// use: reads share nothing, and saves are serialized (the self-check server saves through
// one Store for every person, a report reads on every core).
type Store struct {
	dir        string
	recipients []age.Recipient
	identities []age.Identity
	write      WriteFunc
	// keyPath and keyFile are the passphrase-protected key file and its bytes (WithKeyFile).
	keyPath string
	keyFile []byte
	// mu serializes the saves, which share sealed and plain: the self-check server saves
	// the sessions of people who ask for contact at the same moment through one Store, and
	// two saves in one buffer would write one person's answers into another's file.
	mu sync.Mutex
	// sealed holds the ciphertext of the last save, and plain the capacity of the buffer
	// its JSON was encoded into, cleared (see seal).
	sealed bytes.Buffer
	plain  []byte
}

// Option configures a Store.
type Option func(*Store)

// WithIdentity lets the store read sessions (Load, List, Entries): the unlocked identity.
// Without it the store can only save. An X25519 identity is kept with its key parsed once
// (see x25519Identity): a report opens thousands of files with it.
func WithIdentity(id age.Identity) Option {
	return func(s *Store) { s.identities = append(s.identities, cachedIdentity(id)) }
}

// WithKeyFile gives the store the key file at path, as read when it was unlocked: still
// encrypted with the passphrase, so holding it in memory reveals nothing. When the file is
// gone at a save (the whole data folder was deleted while earlyid ran), the store writes
// it back first: a session encrypted to a key that exists nowhere on disk could never be
// opened again, unless the organisation holds a recovery key.
func WithKeyFile(path string, data []byte) Option {
	return func(s *Store) { s.keyPath, s.keyFile = path, slices.Clone(data) }
}

// WithWriter replaces interview.WriteFileAtomic, the one seam through which the store
// writes files. Tests use it to inject write errors.
func WithWriter(w WriteFunc) Option { return func(s *Store) { s.write = w } }

// Open opens the sessions folder dir (creating it 0700, tightening an existing one to
// 0700) and removes the temp files that a killed save left behind (see
// interview.RemoveStaleTemps). Every
// session saved is encrypted to all of recipients; there must be at least one.
func Open(dir string, recipients []age.Recipient, opts ...Option) (*Store, error) {
	if len(recipients) == 0 {
		return nil, errors.New("the encrypted store needs at least one recipient")
	}
	if err := interview.EnsurePrivateDir(dir); err != nil {
		return nil, err
	}
	interview.RemoveStaleTemps(dir, time.Minute)
	s := &Store{dir: dir, recipients: recipients, write: interview.WriteFileAtomic}
	for _, o := range opts {
		o(s)
	}
	return s, nil
}

// Dir returns the sessions folder.
func (s *Store) Dir() string { return s.dir }

// Persistent reports true: saved sessions outlive the process.
func (s *Store) Persistent() bool { return true }

// CanRead reports whether the store holds an identity, so Load and List work.
func (s *Store) CanRead() bool { return len(s.identities) > 0 }

// Path returns the file the session with code is stored in.
func (s *Store) Path(code string) string { return filepath.Join(s.dir, code+Ext) }

// Encrypt returns sess encrypted to the store's recipients. The plaintext exists only in
// memory, and is cleared once encrypted. Unlike Save it is safe for concurrent use (a
// report's or an import's workers): it encrypts into buffers of its own.
func (s *Store) Encrypt(sess *interview.Session) ([]byte, error) {
	plain, _ := plainBuffers.Get().(*[]byte)
	if plain == nil {
		plain = new([]byte)
	}
	defer plainBuffers.Put(plain)
	var buf bytes.Buffer
	return s.sealInto(&buf, plain, sess)
}

// plainBuffers lends Encrypt the buffer it encodes a session's JSON into: an import or a
// training pack encrypts one session after another, and growing a new buffer to 50 KB for
// each cost more than the encoding. What is lent back has been cleared.
var plainBuffers sync.Pool // of *[]byte

// seal encrypts sess into the store's own buffers and returns the ciphertext, valid until
// the next call: an autosave writes the bytes and is done with them, so one pair of
// buffers serves every save instead of two new ones each time.
func (s *Store) seal(sess *interview.Session) ([]byte, error) {
	return s.sealInto(&s.sealed, &s.plain, sess)
}

// sealInto encrypts sess into buf and returns its bytes. The JSON is encoded into *plain,
// whose capacity is kept for the next call, and cleared as soon as it is encrypted,
// whatever happens.
func (s *Store) sealInto(buf *bytes.Buffer, plain *[]byte, sess *interview.Session) ([]byte, error) {
	data, err := sess.AppendCompact((*plain)[:0])
	defer func() {
		clear(data)
		*plain = data[:0]
	}()
	if err != nil {
		return nil, err
	}
	buf.Reset()
	// The ciphertext is the plaintext, a header of about 200 bytes a recipient and 16
	// bytes a 64 KiB chunk: room made once instead of the buffer doubling its way there.
	buf.Grow(len(data) + 1024)
	buf.Reset()
	w, err := age.Encrypt(buf, s.recipients...)
	if err != nil {
		return nil, fmt.Errorf("the session %s could not be encrypted: %w", sess.Code, err)
	}
	// One write: age's chunk buffer then grows once, to the session's size, where
	// pieces would regrow it several times.
	if _, err := w.Write(data); err != nil {
		return nil, fmt.Errorf("the session %s could not be encrypted: %w", sess.Code, err)
	}
	// Close writes the last chunk; without it the file would never authenticate.
	if err := w.Close(); err != nil {
		return nil, fmt.Errorf("the session %s could not be encrypted: %w", sess.Code, err)
	}
	return buf.Bytes(), nil
}

// Save encrypts sess in memory and writes the ciphertext atomically and durably (temp file
// in the same folder, fsync, rename, fsync of the folder). On error the previous file is
// intact; the error names the session's code and the cause, never its content.
func (s *Store) Save(sess *interview.Session) error {
	if err := interview.ValidateCaseCode(sess.Code); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	data, err := s.seal(sess)
	if err != nil {
		return err
	}
	if err := interview.RecreatePrivateDir(s.dir); err != nil { // removed while earlyid ran
		return err
	}
	if err := s.restoreKeyFile(); err != nil {
		return err
	}
	return s.write(s.Path(sess.Code), data)
}

// restoreKeyFile writes the key file back when it is gone (see WithKeyFile). One stat per
// save: nothing next to the encryption it guards.
func (s *Store) restoreKeyFile() error {
	if s.keyPath == "" {
		return nil
	}
	if _, err := os.Lstat(s.keyPath); !errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err := interview.RecreatePrivateDir(filepath.Dir(s.keyPath)); err != nil {
		return err
	}
	return s.write(s.keyPath, s.keyFile)
}

// SaveCopy writes sess, encrypted like Save does, to path: the way out when the sessions
// folder cannot be written (a full disk, a removed drive) and the user quits. When path is
// an existing folder the file is <path>/<CODE>.age. An existing file is never replaced
// (the error wraps fs.ErrExist). It returns the file written.
func (s *Store) SaveCopy(sess *interview.Session, path string) (string, error) {
	if path == "" {
		return "", errors.New("no path was given for the copy")
	}
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		path = filepath.Join(path, sess.Code+Ext)
	}
	if _, err := os.Lstat(path); err == nil {
		return "", fmt.Errorf("%s: %w", path, fs.ErrExist)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return "", fmt.Errorf("the copy could not be written to %s: %w", path, err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	data, err := s.seal(sess)
	if err != nil {
		return "", err
	}
	if err := s.write(path, data); err != nil {
		return "", err
	}
	return path, nil
}

// Load decrypts the session with code. A missing file wraps interview.ErrNotFound; a
// file that does not decrypt or decode is a *DamagedError naming it; a file for another
// key wraps ErrNotForThisKey.
func (s *Store) Load(code string) (*interview.Session, error) {
	if err := interview.ValidateCaseCode(code); err != nil {
		return nil, err
	}
	if err := interview.CheckSessionFile(s.Path(code), code); err != nil {
		return nil, err
	}
	sess, err := s.ReadFile(s.Path(code))
	if err != nil {
		return nil, err
	}
	if sess.Code != code {
		return nil, &DamagedError{Path: s.Path(code), Err: fmt.Errorf("it holds the session %s, not %s", sess.Code, code)}
	}
	return sess, nil
}

// ReadFile decrypts and decodes the session file at path (a file of the store, or a copy
// written by SaveCopy).
func (s *Store) ReadFile(path string) (*interview.Session, error) {
	if !s.CanRead() {
		return nil, ErrLocked
	}
	return ReadFile(path, s.identities...)
}

// Decrypt reads and decrypts the session file at path and returns its content, the JSON
// of a session, undecoded: for a reader that needs only part of it (a report over
// thousands of sessions), and that clears it when done. Unlike the rest of the Store it is
// safe for concurrent use: it only reads the identities.
func (s *Store) Decrypt(path string) ([]byte, error) {
	if !s.CanRead() {
		return nil, ErrLocked
	}
	return decryptFile(path, s.identities)
}

// ReadFile decrypts the session file at path with any of ids and decodes it: a file of a
// store, a copy, or one from another computer opened with the organisation's recovery
// identity. A missing file wraps interview.ErrNotFound, a file none of ids opens is a
// *ForeignKeyError, and one that does not decrypt or decode a *DamagedError.
func ReadFile(path string, ids ...age.Identity) (*interview.Session, error) {
	plain, err := decryptFile(path, ids)
	defer clear(plain)
	if err != nil {
		return nil, err
	}
	sess, err := interview.UnmarshalSession(plain)
	if err != nil {
		// UnmarshalSession's errors name a JSON position or version, never content.
		return nil, &DamagedError{Path: path, Err: err}
	}
	return sess, nil
}

// decryptFile returns the plaintext of the age file at path, only once all of it
// authenticated; the caller clears it.
func decryptFile(path string, ids []age.Identity) ([]byte, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		code := strings.TrimSuffix(filepath.Base(path), Ext)
		return nil, fmt.Errorf("%s: %w", code, interview.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("the session file %s could not be read: %w", path, err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("the session file %s could not be read: %w", path, err)
	}
	if !st.Mode().IsRegular() {
		return nil, &DamagedError{Path: path, Err: interview.ErrNotRegularFile}
	}
	if st.Size() > maxSessionFile {
		return nil, &DamagedError{Path: path, Err: errTooLarge}
	}
	// Read into a buffer of the file's size: io.ReadAll would copy a session file of
	// 11 KB five times over as it grows.
	data := bytes.NewBuffer(make([]byte, 0, st.Size()+bytes.MinRead))
	if _, err := data.ReadFrom(io.LimitReader(f, maxSessionFile+1)); err != nil {
		return nil, fmt.Errorf("the session file %s could not be read: %w", path, err)
	}
	if data.Len() > maxSessionFile {
		return nil, &DamagedError{Path: path, Err: errTooLarge}
	}
	plain, err := decryptAge(data.Bytes(), ids)
	switch {
	case errors.Is(err, errForeign):
		return nil, &ForeignKeyError{Path: path}
	case err != nil:
		return nil, &DamagedError{Path: path, Err: err}
	}
	return plain, nil
}

// Entry is one session file as a listing sees it (see interview.Entry).
type Entry = interview.Entry

// Codes returns the codes of the session files in the folder, without decrypting
// anything (no identity needed), sorted.
func (s *Store) Codes() ([]string, error) { return Codes(s.dir) }

// Codes returns the codes of the session files in the sessions folder dir, sorted. Nothing
// is decrypted, so no key is needed. The error wraps fs.ErrNotExist when dir does not exist.
func Codes(dir string) ([]string, error) { return interview.SessionFiles(dir, Ext) }

// Has reports whether a session file with code exists (no identity needed).
func (s *Store) Has(code string) bool { return Has(s.dir, code) }

// Has reports whether the sessions folder dir holds a session file with code. Nothing is
// decrypted, so no key is needed.
func Has(dir, code string) bool { return interview.HasSessionFile(dir, Ext, code) }

// Entries decrypts every session file and returns one Entry per file, readable or not,
// most recently updated first (unreadable ones last). The error is only for a folder that
// cannot be listed.
func (s *Store) Entries() ([]Entry, error) {
	codes, err := s.Codes()
	if err != nil {
		return nil, err
	}
	return interview.ReadEntries(codes, s.Path, s.Load), nil
}

// List returns the Meta of every readable session, most recently updated first. Damaged
// files are left out and named in the returned error, so one bad file does not hide the
// others (Entries shows them in place).
func (s *Store) List() ([]interview.Meta, error) {
	entries, err := s.Entries()
	if err != nil {
		return nil, err
	}
	return interview.Metas(entries)
}

// Delete removes the session file with code and flushes the folder (see Remove).
func (s *Store) Delete(code string) error { return Remove(s.dir, code) }

// Remove deletes the session file with code from the sessions folder dir, with the temp
// files a killed save of it left behind, and flushes the folder, so the removal survives
// a crash. No key is needed, so deleting is always possible. It is not erasure: copies
// made before still open with the unchanged key (see the package documentation).
func Remove(dir, code string) error {
	if err := interview.ValidateCaseCode(code); err != nil {
		return err
	}
	err := os.Remove(filepath.Join(dir, code+Ext))
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%s: %w", code, interview.ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("the session %s could not be deleted: %w", code, err)
	}
	interview.RemoveSessionTemps(dir, code+Ext)
	return interview.SyncDir(dir)
}

var _ interview.Store = (*Store)(nil)
