// Package sessionlock gives each session one writer: an advisory lock, held for the life of
// an interview (or of a command that changes a session), that a second process asking for
// the same session is refused.
//
// The lock is an operating-system file lock taken through github.com/gofrs/flock: flock(2)
// on Unix, LockFileEx on Windows. Both are released by the kernel when the process that
// holds them ends, however it ends, so a lock left by a crashed or killed process is not a
// lock any more: the next process simply takes it over, and no age or process check is
// needed to call it stale. The lock file records, beside the lock, the holder's process id
// and the time it took the lock, so that the refusal can name them; it never holds
// anything about the case beyond its code, which names the file.
package sessionlock

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"github.com/gofrs/flock"
)

// Ext is the file name extension of a lock file.
const Ext = ".lock"

// ownerOffset is where the holder's record starts in the lock file. Windows locks the first
// byte of the file for the holder alone (that is the region gofrs/flock locks), and reading
// a locked region fails there, so the record starts after it for another process to read.
const ownerOffset = 1

// maxOwner bounds what is read of a holder's record: a few dozen bytes are written.
const maxOwner = 512

// retryDelay is the pause between two attempts while Acquire waits.
const retryDelay = 50 * time.Millisecond

// Owner is what a lock's holder records beside it.
type Owner struct {
	// PID is the holder's process id.
	PID int `json:"pid"`
	// Since is when the holder took the lock.
	Since time.Time `json:"since"`
}

// HeldError reports a session whose lock another process holds. Owner is the holder's
// record; it is zero when the holder has not written it yet or it could not be read.
type HeldError struct {
	Code  string
	Owner Owner
}

func (e *HeldError) Error() string {
	if e.Owner.PID == 0 {
		return fmt.Sprintf("the session %s is open in another process", e.Code)
	}
	return fmt.Sprintf("the session %s is open in another process (%d) since %s", e.Code, e.Owner.PID, e.Owner.Since.Local().Format("2006-01-02 15:04"))
}

// Lock is a held session lock. Release it when the session is no longer changed.
type Lock struct {
	fl   *flock.Flock
	path string
}

// Path returns the lock file of the session with code in the lock folder dir.
func Path(dir, code string) string { return filepath.Join(dir, code+Ext) }

// Acquire takes the lock of the session with code in the lock folder dir (created 0700 when
// missing), retrying for up to wait while another process holds it: a command that only
// adds a line to a session waits for one that is closing, an interview asks once (wait 0).
// The error is a *HeldError when another process still holds the lock at the end. now is
// the time recorded as the start of the hold.
//
// The caller must have validated code: it becomes a file name.
func Acquire(dir, code string, wait time.Duration, now time.Time) (*Lock, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("the lock folder %s could not be created: %w", dir, err)
	}
	deadline := time.Now().Add(wait)
	for {
		l, err := try(dir, code, now)
		if l != nil {
			return l, nil
		}
		if errors.Is(err, errMoved) {
			continue // the file was replaced under us: try the new one at once
		}
		if !time.Now().Before(deadline) {
			return nil, err
		}
		time.Sleep(retryDelay)
	}
}

// errMoved is try's error when the file it locked is no longer the lock file: the holder
// before removed it on release between our open and our lock.
var errMoved = errors.New("the lock file was replaced while it was being locked")

// try makes one attempt at the lock.
func try(dir, code string, now time.Time) (*Lock, error) {
	path := Path(dir, code)
	fl := flock.New(path, flock.SetFlag(os.O_CREATE|os.O_RDWR), flock.SetPermissions(0o600))
	ok, err := fl.TryLock()
	if err != nil {
		return nil, fmt.Errorf("the session %s could not be locked: %w", code, err)
	}
	if !ok {
		return nil, &HeldError{Code: code, Owner: readOwner(path)}
	}
	// Release removes the file while it still holds the lock, so a process that opened
	// the file before that removal may lock the removed file once it is free. Only the
	// file at the path counts.
	held, err := fl.Stat()
	if err != nil {
		fl.Close()
		return nil, fmt.Errorf("the session %s could not be locked: %w", code, err)
	}
	if st, err := os.Stat(path); err != nil || !os.SameFile(held, st) {
		fl.Close()
		return nil, errMoved
	}
	l := &Lock{fl: fl, path: path}
	if err := writeOwner(path, Owner{PID: os.Getpid(), Since: now}); err != nil {
		l.Release()
		return nil, fmt.Errorf("the session %s could not be locked: %w", code, err)
	}
	return l, nil
}

// writeOwner records o in the lock file at path, which the caller holds.
func writeOwner(path string, o Owner) error {
	data, err := json.Marshal(o)
	if err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	if _, err := f.WriteAt(data, ownerOffset); err != nil {
		f.Close()
		return err
	}
	// A longer record of an earlier holder must not outlast this one.
	if err := f.Truncate(ownerOffset + int64(len(data))); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// readOwner returns the record of the lock file at path, or a zero Owner when there is none
// yet (the holder has just taken the lock) or it cannot be read.
func readOwner(path string) Owner {
	f, err := os.Open(path)
	if err != nil {
		return Owner{}
	}
	defer f.Close()
	buf := make([]byte, maxOwner)
	n, _ := f.ReadAt(buf, ownerOffset)
	var o Owner
	if json.Unmarshal(buf[:n], &o) != nil || o.PID <= 0 {
		return Owner{}
	}
	return o
}

// Release removes the lock file and releases the lock, in that order, so that no second
// holder can lock the file being removed (see try). Windows refuses to remove a file that
// is open, so there the file is removed after the lock is released, which is as safe: the
// removal fails while any other process has it open, and so cannot pull it from under a
// new holder. After a crash the file stays, unlocked, and the next Acquire takes it over.
// Release of a nil Lock does nothing.
func (l *Lock) Release() error {
	if l == nil {
		return nil
	}
	rmErr := os.Remove(l.path)
	if err := l.fl.Close(); err != nil {
		return fmt.Errorf("the session lock %s could not be released: %w", l.path, err)
	}
	if rmErr != nil && runtime.GOOS == "windows" {
		rmErr = os.Remove(l.path)
	}
	if rmErr != nil && !errors.Is(rmErr, fs.ErrNotExist) {
		return fmt.Errorf("the session lock %s was released but could not be removed: %w", l.path, rmErr)
	}
	return nil
}
