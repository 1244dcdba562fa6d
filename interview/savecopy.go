package interview

import "errors"

// CopySaver is implemented by stores that can write a session to a place of the user's
// choosing in the same protected form as their own files (the encrypted store writes it
// encrypted to the same recipients). It is the way out when the store's own folder cannot
// be written and the user quits with unsaved changes.
type CopySaver interface {
	// SaveCopy writes s to path (into it, when path is a folder), never replacing an
	// existing file, and returns the file written.
	SaveCopy(s *Session, path string) (string, error)
}

// ErrNoCopy is returned by Engine.SaveCopy when the store cannot write copies.
var ErrNoCopy = errors.New("this kind of session cannot be copied elsewhere")

// CanSaveCopy reports whether SaveCopy can work: the store writes protected copies. Front
// ends offer a copy when quitting while SaveError is not nil and this is true.
func (e *Engine) CanSaveCopy() bool {
	_, ok := e.store.(CopySaver)
	return ok
}

// SaveCopy writes the live session, with every change made in memory, to path in the
// store's protected form (encrypted for the encrypted store) and returns the file written.
// It does not change the session or SaveError.
func (e *Engine) SaveCopy(path string) (string, error) { return e.Snapshot().WriteCopy(path) }
