package interview

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/earlyid/earlyid/locales"
)

// TestSaveFailedMessage: each common cause of a failed save is told in the reader's
// language with what to do, and never with the system's English error text.
func TestSaveFailedMessage(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "MD-TEST-0001.json")
	wrap := func(errno error) error { // as WriteFileAtomic reports a failed temp file
		return fmt.Errorf("the file %s could not be saved: %w", file,
			&fs.PathError{Op: "open", Path: filepath.Join(dir, ".MD-TEST-0001.json.tmp-*"), Err: errno})
	}
	for _, tt := range []struct {
		name   string
		err    error
		reason string
		folder string
	}{
		{"full disk", wrap(syscall.ENOSPC), SaveFailedNoSpace, dir},
		{"read-only disk", wrap(syscall.EROFS), SaveFailedReadOnly, dir},
		{"no permission", wrap(syscall.EACCES), SaveFailedPermission, dir},
		{"not permitted", wrap(syscall.EPERM), SaveFailedPermission, dir},
		{"folder gone", wrap(syscall.ENOENT), SaveFailedNoFolder, dir},
		{"quota exceeded", wrap(syscall.EDQUOT), SaveFailedNoSpace, dir},
		{"a file where the folder was", wrap(syscall.ENOTDIR), SaveFailedNoFolder, dir},
		{"rename", &os.LinkError{Op: "rename", Old: file + ".tmp", New: file, Err: syscall.EIO}, SaveFailedOther, dir},
		{"folder itself", &fs.PathError{Op: "sync", Path: dir, Err: syscall.EIO}, SaveFailedOther, dir},
		{"no path", errors.New("age: encryption failed"), SaveFailedOther, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			reason, folder := SaveFailureReason(tt.err)
			if reason != tt.reason || folder != tt.folder {
				t.Errorf("SaveFailureReason = %s, %q; want %s, %q", reason, folder, tt.reason, tt.folder)
			}
			for _, lang := range []string{"en", "ro", "uk", "ru"} {
				l := locales.New(lang)
				msg := SaveFailedMessage(l, tt.err)
				why := l.T("interview.save_failed."+tt.reason, map[string]any{"Folder": tt.folder})
				if !strings.Contains(msg, why) || strings.Contains(msg, tt.err.Error()) || strings.Contains(msg, "could not be saved") && lang != "en" {
					t.Errorf("%s: %q does not give the localized reason %q alone", lang, msg, why)
				}
				if strings.Contains(msg, "<no value>") || (tt.folder != "" && tt.reason != SaveFailedNoSpace && !strings.Contains(msg, tt.folder)) {
					t.Errorf("%s: %q does not name the folder %s", lang, msg, tt.folder)
				}
			}
		})
	}
}

// failingTrainingStore is a TrainingStore whose saves fail with a full disk.
type failingTrainingStore struct{ *TrainingStore }

func (failingTrainingStore) Save(*Session) error {
	return fmt.Errorf("the file could not be saved: %w", syscall.ENOSPC)
}

// TestSaveFailedMessageSaysTheLastSaveIsIntactOnlyWhenThereIsOne: the warning promises an
// intact last save only for a session the store holds; for a new session whose saves all
// failed, it says that nothing is saved.
func TestSaveFailedMessageSaysTheLastSaveIsIntactOnlyWhenThereIsOne(t *testing.T) {
	en := locales.New("en")
	g := openExample(t)
	st, err := NewTrainingStore(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	failing := failingTrainingStore{st}

	s, err := NewSession(g, "MD-TEST-0001", ModeTraining, "ro", "en", newClock().Now())
	if err != nil {
		t.Fatal(err)
	}
	e, err := New(g, s, failing)
	if err != nil {
		t.Fatal(err)
	}
	e.Start()
	if msg := SaveFailedMessage(en, e.SaveError()); strings.Contains(msg, "intact") || !strings.Contains(msg, "nothing of it has been saved yet") {
		t.Errorf("a session never saved: %q", msg)
	}

	if err := st.Save(s); err != nil { // the store now holds a version
		t.Fatal(err)
	}
	e, err = New(g, s, failing)
	if err != nil {
		t.Fatal(err)
	}
	e.Start()
	if msg := SaveFailedMessage(en, e.SaveError()); !strings.Contains(msg, "the last save is intact") {
		t.Errorf("a session the store holds: %q", msg)
	}

	// A save that worked in this engine counts too.
	s2, _ := NewSession(g, "MD-TEST-0002", ModeTraining, "ro", "en", newClock().Now())
	rs := &switchStore{TrainingStore: st}
	e, _ = New(g, s2, rs)
	e.Start()
	rs.fail = true
	e.Save()
	if msg := SaveFailedMessage(en, e.SaveError()); !strings.Contains(msg, "the last save is intact") {
		t.Errorf("after a save that worked: %q", msg)
	}
}

// switchStore is a TrainingStore whose saves fail once fail is set.
type switchStore struct {
	*TrainingStore
	fail bool
}

func (s *switchStore) Save(sess *Session) error {
	if s.fail {
		return fmt.Errorf("the file could not be saved: %w", syscall.ENOSPC)
	}
	return s.TrainingStore.Save(sess)
}
