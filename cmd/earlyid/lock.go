package main

import (
	"errors"
	"path/filepath"
	"time"

	"github.com/earlyid/earlyid/interview/sessionlock"
)

// Waits for a session's lock. An interview asks once: a second window on the same case is
// refused at once. A command that only changes a session briefly (export's sharing-log
// line, a deletion) waits a moment for an interview that is closing.
const (
	lockWaitInterview = 0
	lockWaitCommand   = 2 * time.Second
)

// locksDir returns the folder of the session locks in the data folder: one for real and
// training sessions, so a lock does not depend on which store a command ends up reading.
func (f *factory) locksDir() (string, error) {
	d, err := f.dataDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(d, "locks"), nil
}

// lockSession takes the lock of the session with code for this command (see package
// sessionlock), waiting up to wait for another process to let go. A session open elsewhere
// is refused with a sentence that names it, the process and when it was opened.
func (f *factory) lockSession(code string, wait time.Duration) (*sessionlock.Lock, error) {
	if err := validateCodeArg(f, code); err != nil {
		return nil, err
	}
	dir, err := f.locksDir()
	if err != nil {
		return nil, err
	}
	// The real clock, not f.Now: the time is shown to the user of another window as when
	// this one opened the case, and must be true even where a command's clock is fixed.
	l, err := sessionlock.Acquire(dir, code, wait, time.Now())
	var held *sessionlock.HeldError
	switch {
	case errors.As(err, &held) && held.Owner.PID == 0:
		return nil, f.failure(err, "cli.session.locked_unknown", map[string]any{"Code": code})
	case errors.As(err, &held):
		return nil, f.failure(err, "cli.session.locked", map[string]any{
			"Code": code, "PID": held.Owner.PID, "Since": sinceText(held.Owner.Since, time.Now()),
		})
	case err != nil:
		return nil, f.failure(err, "cli.session.lock_failed", map[string]any{"Code": code, "Reason": err.Error()})
	}
	return l, nil
}

// sinceText is when a window opened a session, as the user reads it: the time alone on the
// same day, the date too otherwise.
func sinceText(since, now time.Time) string {
	since, now = since.Local(), now.Local()
	if y, m, d := since.Date(); y == now.Year() && m == now.Month() && d == now.Day() {
		return since.Format("15:04")
	}
	return since.Format("2006-01-02 15:04")
}
