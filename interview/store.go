package interview

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Store keeps sessions. The engine calls Save after every change, before the front end may
// show the next question, so Save must be durable when it returns nil (or, for a store that
// is not Persistent, at least keep a copy that later changes to the live session do not
// touch). Codes are validated case codes, safe to use as file names.
//
// Implementations: MemoryStore (nothing on disk), TrainingStore (plaintext JSON, training
// sessions only) and, in its own package, the encrypted store for real sessions.
type Store interface {
	// Save writes s, replacing any earlier version with the same code.
	Save(s *Session) error
	// Load reads the session with code; the error wraps ErrNotFound when there is none.
	Load(code string) (*Session, error)
	// List returns every stored session's Meta, most recently updated first.
	List() ([]Meta, error)
	// Delete removes the session with code; the error wraps ErrNotFound when there is none.
	Delete(code string) error
}

// Persister is implemented by stores that can say whether saved sessions survive the
// process. A Store that does not implement it is taken to be persistent.
type Persister interface {
	Persistent() bool
}

// ErrNotFound is wrapped by a Store's error for a code it does not hold.
var ErrNotFound = errors.New("no session with this case code")

// ErrNotRegularFile is the reason of a DamagedError for a session file that is a symbolic
// link, a device or a folder: a store reads only regular files, so that a link planted in
// its folder cannot make it read (and quote) another file.
var ErrNotRegularFile = errors.New("it is not a regular file but a link or a device, which earlyid does not follow")

// DamagedError reports a session file that cannot be read as a session: truncated,
// altered, not a session at all, or not a regular file. Path names the file, so the user
// knows which one. Err says why in earlyid's own words, never with the file's content: a
// decoder's message may quote the bytes it stumbled on, and the file may be anything.
type DamagedError struct {
	Path string
	Err  error
}

func (e *DamagedError) Error() string {
	return fmt.Sprintf("the session file %s is damaged or incomplete and cannot be read: %v", e.Path, e.Err)
}

func (e *DamagedError) Unwrap() error { return e.Err }

// CheckSessionFile returns nil when path is a regular file, an error wrapping ErrNotFound
// (for code) when there is none, and a *DamagedError with ErrNotRegularFile for a link, a
// device or a folder. Stores call it before they read a session by its code.
func CheckSessionFile(path, code string) error {
	st, err := os.Lstat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("%s: %w", code, ErrNotFound)
	case err != nil:
		return fmt.Errorf("the session file %s could not be read: %w", path, err)
	case !st.Mode().IsRegular():
		return &DamagedError{Path: path, Err: ErrNotRegularFile}
	}
	return nil
}

func sortMetas(m []Meta) {
	slices.SortFunc(m, func(a, b Meta) int {
		if c := b.Updated.Compare(a.Updated); c != 0 {
			return c
		}
		return strings.Compare(a.Code, b.Code)
	})
}

// MemoryStore keeps sessions in memory only: they are gone when the process ends. A real
// interview uses it until the encrypted store exists, and the front end says so on screen.
// It is safe for concurrent use.
type MemoryStore struct {
	mu   sync.Mutex
	data map[string][]byte
}

// NewMemoryStore returns an empty MemoryStore.
func NewMemoryStore() *MemoryStore { return &MemoryStore{data: map[string][]byte{}} }

// Persistent reports false: nothing outlives the process.
func (m *MemoryStore) Persistent() bool { return false }

// Save keeps an encoded copy of s.
func (m *MemoryStore) Save(s *Session) error {
	if err := ValidateCaseCode(s.Code); err != nil {
		return err
	}
	data, err := s.Marshal()
	if err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.data[s.Code] = data
	return nil
}

// Load returns a copy of the session with code.
func (m *MemoryStore) Load(code string) (*Session, error) {
	m.mu.Lock()
	data, ok := m.data[code]
	m.mu.Unlock()
	if !ok {
		return nil, fmt.Errorf("%s: %w", code, ErrNotFound)
	}
	return UnmarshalSession(data)
}

// List returns the Meta of every session kept.
func (m *MemoryStore) List() ([]Meta, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make([]Meta, 0, len(m.data))
	for _, data := range m.data {
		s, err := UnmarshalSession(data)
		if err != nil {
			return nil, err
		}
		out = append(out, s.Meta())
	}
	sortMetas(out)
	return out, nil
}

// Delete forgets the session with code.
func (m *MemoryStore) Delete(code string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.data[code]; !ok {
		return fmt.Errorf("%s: %w", code, ErrNotFound)
	}
	delete(m.data, code)
	return nil
}

// TrainingStore keeps training sessions as plaintext JSON files, one per case code, in one
// folder (see TrainingDir). It refuses any session that is not a training session: real
// answers are never written in plaintext.
type TrainingStore struct {
	dir string
}

// trainingExt is the file name extension of a training session.
const trainingExt = ".json"

// NewTrainingStore opens (creating it 0700 if needed) the folder dir for training sessions,
// tightens its permissions, and removes temp files that a killed process left behind (see
// RemoveStaleTemps).
func NewTrainingStore(dir string) (*TrainingStore, error) {
	if err := EnsurePrivateDir(dir); err != nil {
		return nil, err
	}
	RemoveStaleTemps(dir, time.Minute)
	return &TrainingStore{dir: dir}, nil
}

// ReadTrainingStore returns the store of training sessions in dir for a command that may
// only look at them (a listing, a lookup by code, a deletion): a folder that exists is
// tidied as NewTrainingStore does, and a missing one is not created. It holds no sessions,
// and the first Save creates it.
func ReadTrainingStore(dir string) (*TrainingStore, error) {
	if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
		return &TrainingStore{dir: dir}, nil
	}
	return NewTrainingStore(dir)
}

// Dir returns the folder the store writes to.
func (t *TrainingStore) Dir() string { return t.dir }

// Persistent reports true.
func (t *TrainingStore) Persistent() bool { return true }

// Path returns the file a session with code is stored in.
func (t *TrainingStore) Path(code string) string { return filepath.Join(t.dir, code+trainingExt) }

// Save writes s atomically and durably; only training sessions are accepted.
func (t *TrainingStore) Save(s *Session) error {
	if s.Mode != ModeTraining {
		return fmt.Errorf("the session %s is a %s interview; only training sessions may be stored unencrypted", s.Code, s.Mode)
	}
	if err := ValidateCaseCode(s.Code); err != nil {
		return err
	}
	data, err := s.Marshal()
	if err != nil {
		return err
	}
	if err := RecreatePrivateDir(t.dir); err != nil {
		return err
	}
	return WriteFileAtomic(t.Path(s.Code), data)
}

// Load reads the training session with code.
func (t *TrainingStore) Load(code string) (*Session, error) {
	if err := ValidateCaseCode(code); err != nil {
		return nil, err
	}
	path := t.Path(code)
	if err := CheckSessionFile(path, code); err != nil {
		return nil, err
	}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s: %w", code, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("the training session %s could not be read: %w", path, err)
	}
	s, err := UnmarshalSession(data)
	if err != nil {
		return nil, &DamagedError{Path: path, Err: err}
	}
	return s, nil
}

// List returns the Meta of every training session in the folder, most recently updated
// first. A damaged file is skipped (and named in the returned error) so one bad file does
// not hide the others; Entries shows them in place.
func (t *TrainingStore) List() ([]Meta, error) {
	entries, err := t.Entries()
	if err != nil {
		return nil, err
	}
	return Metas(entries)
}

// Has reports whether a training session file with code exists (nothing is read).
func (t *TrainingStore) Has(code string) bool { return HasSessionFile(t.dir, trainingExt, code) }

// Entries reads every training session file and returns one Entry per file, readable or
// not, most recently updated first (unreadable ones last). A folder that does not exist
// holds no sessions; the error is only for one that cannot be listed.
func (t *TrainingStore) Entries() ([]Entry, error) {
	codes, err := SessionFiles(t.dir, trainingExt)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return ReadEntries(codes, t.Path, t.Load), nil
}

// Delete removes the training session with code.
func (t *TrainingStore) Delete(code string) error {
	if err := ValidateCaseCode(code); err != nil {
		return err
	}
	err := os.Remove(t.Path(code))
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%s: %w", code, ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("the training session %s could not be deleted: %w", code, err)
	}
	RemoveSessionTemps(t.dir, code+trainingExt)
	return SyncDir(t.dir)
}

// Entry is one session file as a listing sees it: its code and, when it could be read, its
// Meta; otherwise Err says why, so that a damaged file does not hide the others.
type Entry struct {
	Code    string
	Path    string
	ModTime time.Time
	Meta    Meta // valid when Err is nil
	Err     error
}

// ReadEntries loads the session of every code (path names its file, load reads it) and
// returns one Entry per code: the readable ones first, most recently updated first, then
// the unreadable ones in the order of codes.
func ReadEntries(codes []string, path func(code string) string, load func(code string) (*Session, error)) []Entry {
	var ok, bad []Entry
	for _, code := range codes {
		e := Entry{Code: code, Path: path(code)}
		if st, err := os.Stat(e.Path); err == nil {
			e.ModTime = st.ModTime()
		}
		s, err := load(code)
		if err != nil {
			e.Err = err
			bad = append(bad, e)
			continue
		}
		e.Meta = s.Meta()
		ok = append(ok, e)
	}
	slices.SortFunc(ok, func(a, b Entry) int {
		if c := b.Meta.Updated.Compare(a.Meta.Updated); c != 0 {
			return c
		}
		return strings.Compare(a.Code, b.Code)
	})
	return append(ok, bad...)
}

// Metas returns the Meta of the readable entries, and the errors of the others joined: a
// store's List over its Entries.
func Metas(entries []Entry) ([]Meta, error) {
	var out []Meta
	var errs []error
	for _, e := range entries {
		if e.Err != nil {
			errs = append(errs, e.Err)
			continue
		}
		out = append(out, e.Meta)
	}
	return out, errors.Join(errs...)
}

// SessionFiles returns the codes of the session files in dir, sorted: the regular files
// named a valid case code followed by ext. Nothing is read. The error wraps fs.ErrNotExist
// when dir does not exist.
func SessionFiles(dir, ext string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("the sessions folder %s could not be read: %w", dir, err)
	}
	var out []string
	for _, e := range entries {
		code, ok := strings.CutSuffix(e.Name(), ext)
		if !ok || !e.Type().IsRegular() || ValidateCaseCode(code) != nil {
			continue
		}
		out = append(out, code)
	}
	return out, nil
}

// HasSessionFile reports whether dir holds a regular file named code followed by ext, for a
// valid case code. Nothing is read.
func HasSessionFile(dir, ext, code string) bool {
	if ValidateCaseCode(code) != nil {
		return false
	}
	st, err := os.Lstat(filepath.Join(dir, code+ext))
	return err == nil && st.Mode().IsRegular()
}

// EnsurePrivateDir creates dir (and its parents) with mode 0700 and tightens dir itself to
// 0700 when it already existed with looser permissions.
func EnsurePrivateDir(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("the folder %s could not be created: %w", dir, err)
	}
	if runtime.GOOS == "windows" {
		return nil // mode bits mean nothing there; the per-user profile folder protects it
	}
	if err := os.Chmod(dir, 0o700); err != nil {
		return fmt.Errorf("the folder %s could not be made private: %w", dir, err)
	}
	return nil
}

// RecreatePrivateDir creates dir again (0700, as EnsurePrivateDir does) when it is missing.
// Stores call it before every save: when the data folder is removed while an interview runs
// (a cleanup, a synced folder, a drive unplugged and plugged back), every later save would
// otherwise fail until earlyid ends, and the answers would be lost. An existing folder, or
// one that cannot be checked, is left to the write to report on.
func RecreatePrivateDir(dir string) error {
	if _, err := os.Stat(dir); !errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return EnsurePrivateDir(dir)
}

// tempPrefix starts the name of every temp file WriteFileAtomic creates:
// ".tmp-<pid>-<random>", where pid is the writing process. The name holds nothing of the
// file it replaces: a case code in it would outlive a deleted session in the listing of
// any folder a killed save left it in.
const tempPrefix = ".tmp-"

// legacyTempInfix sits in the temp names of earlier versions, ".<name>.tmp-<random>",
// which named the target (and so the case code); they are still tidied, by age.
const legacyTempInfix = ".tmp-"

// WriteFileAtomic replaces path with data so that a crash at any instant leaves either the
// old file or the new one, never a torn one: it writes a temp file (mode 0600) in the same
// folder, fsyncs it, renames it over path and fsyncs the folder. On error the temp file is
// removed and the old file is untouched. Temp files are named ".tmp-<pid>-<random>"; see
// RemoveStaleTemps.
func WriteFileAtomic(path string, data []byte) error { return writeFileAtomic(osFS{}, path, data) }

// atomicFS is the file system as writeFileAtomic uses it: the seam through which a test
// replays a power loss at every step of a save (store_crash_test.go).
type atomicFS interface {
	CreateTemp(dir, pattern string) (atomicFile, error)
	Rename(from, to string) error
	SyncDir(dir string) error
	Remove(name string) error
}

// atomicFile is the temp file of a save.
type atomicFile interface {
	Name() string
	Write(p []byte) (int, error)
	Chmod(mode os.FileMode) error
	Sync() error
	Close() error
}

func writeFileAtomic(fsys atomicFS, path string, data []byte) error {
	dir, _ := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := fsys.CreateTemp(dir, tempPrefix+strconv.Itoa(os.Getpid())+"-*")
	if err != nil {
		return fmt.Errorf("the file %s could not be saved: %w", path, err)
	}
	tmp := f.Name()
	renamed := false
	defer func() {
		if !renamed {
			f.Close()
			fsys.Remove(tmp)
		}
	}()
	if runtime.GOOS != "windows" {
		if err := f.Chmod(0o600); err != nil { // CreateTemp uses 0600 already; be explicit
			return fmt.Errorf("the file %s could not be saved: %w", path, err)
		}
	}
	if _, err := f.Write(data); err != nil {
		return fmt.Errorf("the file %s could not be saved: %w", path, err)
	}
	if err := f.Sync(); err != nil { // without it a crash can leave a zero-length file
		return fmt.Errorf("the file %s could not be saved: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("the file %s could not be saved: %w", path, err)
	}
	if err := fsys.Rename(tmp, path); err != nil {
		return fmt.Errorf("the file %s could not be saved: %w", path, err)
	}
	renamed = true
	if err := fsys.SyncDir(dir); err != nil {
		// The new file is in place; only its durability across power loss is in doubt.
		return fmt.Errorf("the file %s was written but the folder could not be flushed to disk: %w", path, err)
	}
	return nil
}

// osFS is atomicFS on the real file system.
type osFS struct{}

func (osFS) CreateTemp(dir, pattern string) (atomicFile, error) { return os.CreateTemp(dir, pattern) }
func (osFS) Remove(name string) error                           { return os.Remove(name) }
func (osFS) SyncDir(dir string) error                           { return syncDir(dir) }

// Rename renames, retrying briefly on Windows where an indexer or virus scanner holding the
// target open makes the rename fail for a moment.
func (osFS) Rename(from, to string) error {
	err := os.Rename(from, to)
	if runtime.GOOS != "windows" {
		return err
	}
	for i := 0; err != nil && i < 10; i++ {
		time.Sleep(time.Duration(5*(i+1)) * time.Millisecond)
		err = os.Rename(from, to)
	}
	return err
}

// SyncDir flushes a folder's entries (a rename or a removal) to disk, so that they survive
// a power loss. Windows cannot do this portably, so it is a no-op there.
func SyncDir(dir string) error {
	if err := syncDir(dir); err != nil {
		return fmt.Errorf("the folder %s could not be flushed to disk: %w", dir, err)
	}
	return nil
}

func syncDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

// RemoveStaleTemps deletes the temp files of WriteFileAtomic in dir that no running save
// can still need: at once those whose writing process has ended (a process killed between
// creating and renaming one leaves it behind), and any older than age, which no save takes
// that long to finish (a temp of an earlier version, named without a process, or one
// whose process id was reused). Errors are ignored: this is tidying.
func RemoveStaleTemps(dir string, age time.Duration) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	cutoff := time.Now().Add(-age)
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !isTempName(name) {
			continue
		}
		if pid, ok := tempWriter(name); ok && !processAlive(pid) {
			os.Remove(filepath.Join(dir, name))
			continue
		}
		if info, err := e.Info(); err == nil && info.ModTime().Before(cutoff) {
			os.Remove(filepath.Join(dir, name))
		}
	}
}

// RemoveSessionTemps deletes the temp files a deleted session may have left in dir: those
// of an earlier version named after its file (".<file>.tmp-*"), whatever their age, and the
// stale ones of any save (RemoveStaleTemps). Temp files hold what the session held, so a
// deletion removes them with it. file is a case code and an extension, which hold no
// pattern characters. Errors are ignored, as in RemoveStaleTemps.
func RemoveSessionTemps(dir, file string) {
	if matches, err := filepath.Glob(filepath.Join(dir, "."+file+legacyTempInfix+"*")); err == nil {
		for _, m := range matches {
			os.Remove(m)
		}
	}
	RemoveStaleTemps(dir, time.Minute)
}

// isTempName reports whether name is a temp file of WriteFileAtomic, of this version or an
// earlier one.
func isTempName(name string) bool {
	return strings.HasPrefix(name, ".") && strings.Contains(name, legacyTempInfix)
}

// tempWriter returns the process id in a temp file's name, when it has one.
func tempWriter(name string) (int, bool) {
	rest, ok := strings.CutPrefix(name, tempPrefix)
	if !ok {
		return 0, false
	}
	digits, _, ok := strings.Cut(rest, "-")
	if !ok {
		return 0, false
	}
	pid, err := strconv.Atoi(digits)
	return pid, err == nil && pid > 0
}

// processAlive reports whether a process with pid runs. When in doubt (a process of
// another user, a system that cannot say) it answers true, so that a temp file is only
// removed at once when its writer is surely gone.
func processAlive(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false // Windows opens the process here, and there is none
	}
	defer p.Release()
	if runtime.GOOS == "windows" {
		return true
	}
	err = p.Signal(syscall.Signal(0))
	return err == nil || errors.Is(err, syscall.EPERM)
}

// DataDirFrom returns earlyid's own data folder: EARLYID_DATA_DIR when set (tests and
// portable installs use it), else the platform's per-user data folder plus "earlyid":
//
//	Linux, BSD:  $XDG_DATA_HOME/earlyid, or ~/.local/share/earlyid
//	macOS:       ~/Library/Application Support/earlyid
//	Windows:     %LocalAppData%\earlyid
//
// The environment is read through getenv, so that a command line (and its tests, in
// parallel) can run against an environment of its own. It does not create the folder;
// EnsurePrivateDir does.
func DataDirFrom(getenv func(string) string) (string, error) {
	if d := getenv("EARLYID_DATA_DIR"); d != "" {
		return filepath.Abs(d)
	}
	switch runtime.GOOS {
	case "windows":
		if d := getenv("LocalAppData"); d != "" {
			return filepath.Join(d, "earlyid"), nil
		}
		d, err := os.UserConfigDir() // %AppData%, the roaming profile: second best
		if err != nil {
			return "", fmt.Errorf("no data folder was found (set EARLYID_DATA_DIR): %w", err)
		}
		return filepath.Join(d, "earlyid"), nil
	case "darwin", "ios":
		home, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("no data folder was found (set EARLYID_DATA_DIR): %w", err)
		}
		return filepath.Join(home, "Library", "Application Support", "earlyid"), nil
	default:
		// XDG: a relative XDG_DATA_HOME is invalid and must be ignored.
		if d := getenv("XDG_DATA_HOME"); d != "" && filepath.IsAbs(d) {
			return filepath.Join(d, "earlyid"), nil
		}
		home, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("no data folder was found (set EARLYID_DATA_DIR): %w", err)
		}
		return filepath.Join(home, ".local", "share", "earlyid"), nil
	}
}

// TrainingDirIn returns the folder of training sessions in the data folder data.
func TrainingDirIn(data string) string { return filepath.Join(data, "training") }

// SessionsDirIn returns the folder of real (encrypted) sessions in the data folder data.
func SessionsDirIn(data string) string { return filepath.Join(data, "sessions") }
