package plain

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/earlyid/earlyid/interview"
	"github.com/earlyid/earlyid/locales"
)

// diskStore is a failingStore that says it keeps sessions on disk, as the training and
// the encrypted store do.
type diskStore struct{ *failingStore }

func (diskStore) Persistent() bool { return true }

// copyStore can also write copies elsewhere, as the encrypted store can (it writes the
// session's code to the file, enough to see that a copy was made).
type copyStore struct{ diskStore }

func (c copyStore) SaveCopy(s *interview.Session, path string) (string, error) {
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		path = filepath.Join(path, s.Code+".age")
	}
	return path, os.WriteFile(path, []byte(s.Code), 0o600)
}

// TestEndOfInputAfterFailedSave: when the input ends while the last save failed, nobody
// can be asked where a copy should go: Run says loudly that the last answers are not saved
// and how to avoid it, and returns ErrNotSaved (the command exits 1). When the saves work
// again before the end, or a copy was written, it does not.
func TestEndOfInputAfterFailedSave(t *testing.T) {
	en := locales.New("en")
	always := func() diskStore {
		return diskStore{&failingStore{MemoryStore: interview.NewMemoryStore(), failFrom: 2, failTo: 1 << 30}}
	}
	warnNoCopy := en.T("plain.eof.not_saved", map[string]any{"Copy": false})
	warnCopy := en.T("plain.eof.not_saved", map[string]any{"Copy": true})
	g := openGuideline(t, "example")
	complete := answerLines(t, g, findScenario(t, "example-minor-kitchen").Answers)
	tests := []struct {
		name     string
		store    interview.Store
		input    string
		end      Ending
		notSaved bool
		warn     string // printed
		not      string // not printed
	}{
		// Input ends at a question: a training store cannot write copies.
		{"question", always(), "y\ny\n", EndOfInput, true, warnNoCopy, en.T("plain.end_of_input", nil)},
		// The encrypted store could, after :quit: the warning says so.
		{"question, copies possible", copyStore{always()}, "y\ny\n", EndOfInput, true, warnCopy, en.T("vault.copy.offer", nil)},
		// Input ends at the safety pause.
		{"pause", always(), "n\n", Postponed, true, warnNoCopy, en.T("vault.copy.offer", nil)},
		// Input ends at the review: the result is shown, then the warning.
		{"review", always(), strings.Join(complete, "\n") + "\n", Finished, true, warnNoCopy, en.T("plain.finished.saved", map[string]any{"Code": "MD-PLAN-0001"})},
		// :quit offers a copy; the input ends at its prompt: the offer already said that the
		// changes are lost, so no second warning, but the run still fails.
		{"quit, no path", copyStore{always()}, "y\n:quit\n", Quit, true, en.T("vault.copy.skipped", nil), warnCopy},
		// A copy written: nothing is lost.
		{"quit, copy written", copyStore{always()}, "y\n:quit\n" + t.TempDir() + "\n", Quit, false, en.T("vault.copy.done", map[string]any{"Path": "", "Code": "MD-PLAN-0001"})[:20], warnCopy},
		// Saves failed for a while, then worked again before the end: nothing is lost.
		{"recovered", diskStore{&failingStore{MemoryStore: interview.NewMemoryStore(), failFrom: 2, failTo: 2}}, "y\ny\n", EndOfInput, false, en.T("plain.end_of_input", nil), warnNoCopy},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := exampleEngine(t, interview.ModeTraining, tt.store)
			var out strings.Builder
			end, err := Run(e, strings.NewReader(tt.input), &out, Options{})
			text := out.String()
			if end != tt.end {
				t.Errorf("ending %v, want %v", end, tt.end)
			}
			if got := errors.Is(err, ErrNotSaved); got != tt.notSaved {
				t.Errorf("err = %v, want ErrNotSaved: %v", err, tt.notSaved)
			}
			if !strings.Contains(text, tt.warn) {
				t.Errorf("output lacks %q:\n%s", tt.warn, text)
			}
			if strings.Contains(text, tt.not) {
				t.Errorf("output has %q:\n%s", tt.not, text)
			}
			if strings.Count(text, "NOT saved") > 1 {
				t.Errorf("the warning is printed more than once:\n%s", text)
			}
		})
	}
}

// TestFinishAfterFailedSaveOffersCopy: ending the interview at the review (an empty line)
// while the last save failed offers an encrypted copy, as :quit does and as the TUI does
// when it closes.
func TestFinishAfterFailedSaveOffersCopy(t *testing.T) {
	en := locales.New("en")
	g := openGuideline(t, "example")
	complete := answerLines(t, g, findScenario(t, "example-minor-kitchen").Answers)
	store := copyStore{diskStore{&failingStore{MemoryStore: interview.NewMemoryStore(), failFrom: 2, failTo: 1 << 30}}}
	e := exampleEngine(t, interview.ModeTraining, store)
	usb := t.TempDir()
	var out strings.Builder
	end, err := Run(e, strings.NewReader(strings.Join(complete, "\n")+"\n\n"+usb+"\n"), &out, Options{})
	if end != Finished || err != nil {
		t.Fatalf("Run = %v, %v\n%s", end, err, out.String())
	}
	if !strings.Contains(out.String(), en.T("vault.copy.offer", nil)) {
		t.Errorf("no copy offered:\n%s", out.String())
	}
	if b, err := os.ReadFile(filepath.Join(usb, "MD-PLAN-0001.age")); err != nil || string(b) != "MD-PLAN-0001" {
		t.Errorf("no copy written: %v", err)
	}
}

// lineReader hands out one line per Read and calls before(i) before line i.
type lineReader struct {
	lines  []string
	before func(i int)
	n      int
}

func (r *lineReader) Read(p []byte) (int, error) {
	if r.n >= len(r.lines) {
		return 0, io.EOF
	}
	r.before(r.n)
	n := copy(p, r.lines[r.n])
	r.n++
	return n, nil
}

// TestFolderRemovedMidInterviewIsRecreated: the training folder is deleted while plain
// mode runs; the next answer's save creates it again, so the end of the input finds the
// session saved instead of saying the answers are lost.
func TestFolderRemovedMidInterviewIsRecreated(t *testing.T) {
	en := locales.New("en")
	dir := filepath.Join(t.TempDir(), "earlyid", "training")
	store, err := interview.NewTrainingStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	e := exampleEngine(t, interview.ModeTraining, store)
	in := &lineReader{lines: []string{"y\n", "y\n"}, before: func(i int) {
		if i == 1 {
			os.RemoveAll(filepath.Dir(dir))
		}
	}}
	var out bytes.Buffer
	end, err := Run(e, in, &out, Options{})
	if err != nil || end != EndOfInput {
		t.Fatalf("Run = %v, %v\n%s", end, err, out.String())
	}
	if strings.Contains(out.String(), en.T("plain.eof.not_saved", map[string]any{"Copy": false})) || !strings.Contains(out.String(), en.T("plain.end_of_input", nil)) {
		t.Errorf("the answers were not saved after the folder was removed:\n%s", out.String())
	}
	s, err := store.Load("MD-PLAN-0001")
	if err != nil || len(s.Answers.Values) != 2 {
		t.Fatalf("stored %+v, %v; want both answers", s, err)
	}
}
