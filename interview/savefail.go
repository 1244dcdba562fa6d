package interview

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"

	"github.com/earlyid/earlyid/locales"
	"github.com/earlyid/earlyid/textsafe"
)

// Reasons a save fails, as SaveFailureReason tells them apart. Each has the localized
// message "interview.save_failed.<reason>": what went wrong and what to do about it.
const (
	SaveFailedNoSpace    = "no_space"   // the disk is full (ENOSPC)
	SaveFailedReadOnly   = "read_only"  // the disk is mounted read-only (EROFS)
	SaveFailedPermission = "permission" // the folder may not be written (EACCES, EPERM)
	SaveFailedNoFolder   = "no_folder"  // the folder is gone and could not be created again
	SaveFailedOther      = "other"      // anything else (an I/O error, a file in the way, …)
)

// SaveFailureReason sorts a store's save error into one of the SaveFailed reasons, and
// names the folder the session was to be written in ("" when the error does not say).
func SaveFailureReason(err error) (reason, folder string) {
	switch {
	case errors.Is(err, syscall.ENOSPC), errors.Is(err, syscall.EDQUOT): // a quota is the user's disk
		reason = SaveFailedNoSpace
	case errors.Is(err, syscall.EROFS):
		reason = SaveFailedReadOnly
	case errors.Is(err, fs.ErrPermission): // EACCES and EPERM
		reason = SaveFailedPermission
	case errors.Is(err, fs.ErrNotExist), errors.Is(err, syscall.ENOTDIR): // a file where the folder was
		reason = SaveFailedNoFolder
	default:
		reason = SaveFailedOther
	}
	return reason, failedFolder(err)
}

// failedFolder returns the folder a failed file operation was about: the path of the
// error when it is a folder, else the folder that holds it (a session file, or the temp
// file a save writes first).
func failedFolder(err error) string {
	var path string
	var pe *fs.PathError
	var le *os.LinkError
	switch {
	case errors.As(err, &le):
		path = le.New
	case errors.As(err, &pe):
		path = pe.Path
	default:
		return ""
	}
	if info, err := os.Stat(path); err == nil && info.IsDir() {
		return path
	}
	return filepath.Dir(path)
}

// SaveFailedMessage is the warning both front ends show while saving fails, in l's
// language: that the session could not be saved, why — a localized reason with what to
// do, never the system's English error text — and that the interview goes on in memory.
// It says that the last save is intact only when there is one: for an engine's error
// (Engine.SaveError) of a session not yet saved at all, it says that nothing is.
func SaveFailedMessage(l *locales.Localizer, err error) string {
	reason, folder := SaveFailureReason(err)
	why := l.T("interview.save_failed."+reason, map[string]any{"Folder": textsafe.Line(folder)})
	var unsaved *unsavedError
	if errors.As(err, &unsaved) {
		return l.T("interview.save_failed_first", map[string]any{"Reason": why})
	}
	return l.T("interview.save_failed", map[string]any{"Reason": why})
}
