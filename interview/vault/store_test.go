package vault

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"filippo.io/age"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/interview"
	"github.com/earlyid/earlyid/interview/plain"
)

func TestStoreRoundTripAndPermissions(t *testing.T) {
	t.Parallel()
	g := textGuideline(t, 5)
	id := newIdentity(t)
	st := openStore(t, id)
	e := newEngine(t, g, st, "MD-RT00-0001")
	answer(t, e, "первый ответ")
	if err := e.Note("a note"); err != nil {
		t.Fatal(err)
	}
	answer(t, e, "second")

	got, err := st.Load("MD-RT00-0001")
	if err != nil {
		t.Fatal(err)
	}
	if !sameSession(t, got, e.Session()) {
		t.Errorf("loaded session differs from the live one")
	}
	raw, _ := os.ReadFile(st.Path("MD-RT00-0001"))
	if !bytes.HasPrefix(raw, []byte("age-encryption.org/v1\n-> X25519 ")) || bytes.Contains(raw, []byte("second")) {
		t.Errorf("the session file is not age-encrypted to X25519")
	}
	if runtime.GOOS != "windows" {
		assertMode(t, st.Dir(), 0o700)
		assertMode(t, st.Path("MD-RT00-0001"), 0o600)
	}
	entries, _ := os.ReadDir(st.Dir())
	if len(entries) != 1 {
		t.Errorf("the sessions folder holds %d entries, want only the session file", len(entries))
	}
	metas, err := st.List()
	if err != nil || len(metas) != 1 || metas[0].Answered != 2 || metas[0].Mode != interview.ModeReal {
		t.Errorf("List = %+v, %v", metas, err)
	}
	if err := st.Delete("MD-RT00-0001"); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Load("MD-RT00-0001"); !errors.Is(err, interview.ErrNotFound) {
		t.Errorf("load after delete: %v, want ErrNotFound", err)
	}
	if err := st.Delete("MD-RT00-0001"); !errors.Is(err, interview.ErrNotFound) {
		t.Errorf("second delete: %v, want ErrNotFound", err)
	}
}

// TestStoreTightensFolder: an existing sessions folder with loose permissions is made
// private on open.
func TestStoreTightensFolder(t *testing.T) {
	t.Parallel()
	if runtime.GOOS == "windows" {
		t.Skip("mode bits mean nothing on Windows")
	}
	dir := filepath.Join(t.TempDir(), "sessions")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(dir, []age.Recipient{newIdentity(t).Recipient()}); err != nil {
		t.Fatal(err)
	}
	assertMode(t, dir, 0o700)
}

// TestRecoveryRecipient: with the organisation's recovery recipient configured, its
// identity alone decrypts a session, and a store unlocked with it reads it.
func TestRecoveryRecipient(t *testing.T) {
	t.Parallel()
	g := textGuideline(t, 3)
	user, org := newIdentity(t), newIdentity(t)
	dir := filepath.Join(t.TempDir(), "sessions")
	st, err := Open(dir, []age.Recipient{user.Recipient(), org.Recipient()}, WithIdentity(user))
	if err != nil {
		t.Fatal(err)
	}
	e := newEngine(t, g, st, "MD-REC0-0001")
	answer(t, e, "kept for the organisation")

	f, err := os.Open(st.Path("MD-REC0-0001"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := age.Decrypt(f, org)
	if err != nil {
		t.Fatalf("the recovery identity cannot decrypt: %v", err)
	}
	plain, err := io.ReadAll(r)
	if err != nil || !bytes.Contains(plain, []byte("kept for the organisation")) {
		t.Fatalf("recovery decrypt: %v", err)
	}
	orgStore, err := Open(dir, []age.Recipient{org.Recipient()}, WithIdentity(org))
	if err != nil {
		t.Fatal(err)
	}
	if s, err := orgStore.Load("MD-REC0-0001"); err != nil || s.Answers.Values["q0"].Str != "kept for the organisation" {
		t.Errorf("recovery store load: %v", err)
	}
	// A third key reads nothing, and says so.
	other, _ := Open(dir, []age.Recipient{org.Recipient()}, WithIdentity(newIdentity(t)))
	if _, err := other.Load("MD-REC0-0001"); !errors.Is(err, ErrNotForThisKey) {
		t.Errorf("other key: %v, want ErrNotForThisKey", err)
	}
}

// TestStoreWriteOnly: a store opened without an identity saves (autosave needs only the
// public recipient) but cannot read.
func TestStoreWriteOnly(t *testing.T) {
	t.Parallel()
	g := textGuideline(t, 2)
	id := newIdentity(t)
	dir := filepath.Join(t.TempDir(), "sessions")
	st, err := Open(dir, []age.Recipient{id.Recipient()})
	if err != nil {
		t.Fatal(err)
	}
	e := newEngine(t, g, st, "MD-WO00-0001")
	answer(t, e, "x")
	if _, err := st.Load("MD-WO00-0001"); !errors.Is(err, ErrLocked) {
		t.Errorf("load without identity: %v, want ErrLocked", err)
	}
	if _, err := Open(dir, nil); err == nil {
		t.Errorf("a store without recipients was opened")
	}
}

// TestDamagedSessionFiles: a truncated, altered or foreign file gives a clear error naming
// it, and the other sessions still load and list.
func TestDamagedSessionFiles(t *testing.T) {
	t.Parallel()
	g := textGuideline(t, 3)
	id := newIdentity(t)
	st := openStore(t, id)
	e := newEngine(t, g, st, "MD-GOOD-0001")
	answer(t, e, "fine")
	good, _ := os.ReadFile(st.Path("MD-GOOD-0001"))

	other := newEngine(t, g, st, "MD-MOVE-0001")
	answer(t, other, "moved")
	moved, _ := os.ReadFile(st.Path("MD-MOVE-0001"))
	os.Remove(st.Path("MD-MOVE-0001"))

	tests := []struct {
		name    string
		data    []byte
		wantErr func(error) bool
	}{
		{"truncated by 10 bytes", good[:len(good)-10], isDamaged},
		{"cut in the header", good[:40], isDamaged},
		{"one flipped bit in the payload", flip(good, len(good)-20), isDamaged},
		{"empty", nil, isDamaged},
		{"plain JSON", []byte(`{"version":1,"code":"MD-BAD0-0001"}`), isDamaged},
		{"another session's file", moved, isDamaged},
		{"another key", encryptTo(t, newIdentity(t), good), func(err error) bool { return errors.Is(err, ErrNotForThisKey) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := st.Path("MD-BAD0-0001")
			if err := os.WriteFile(path, tt.data, 0o600); err != nil {
				t.Fatal(err)
			}
			_, err := st.Load("MD-BAD0-0001")
			if err == nil || !tt.wantErr(err) || !strings.Contains(err.Error(), path) {
				t.Errorf("Load: %v; want a clear error naming %s", err, path)
			}
			entries, err := st.Entries()
			if err != nil || len(entries) != 2 || entries[0].Code != "MD-GOOD-0001" || entries[0].Err != nil || entries[1].Err == nil {
				t.Errorf("Entries = %+v, %v; want the good session, then the damaged one", entries, err)
			}
			metas, err := st.List()
			if len(metas) != 1 || err == nil {
				t.Errorf("List = %v, %v; want the good session and an error naming the bad file", metas, err)
			}
		})
	}
}

func isDamaged(err error) bool {
	var de *DamagedError
	return errors.As(err, &de)
}

func encryptTo(t testing.TB, id *age.X25519Identity, data []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := age.Encrypt(&buf, id.Recipient())
	if err != nil {
		t.Fatal(err)
	}
	w.Write(data)
	w.Close()
	return buf.Bytes()
}

// TestResumeExact: a session saved, then loaded by a new store unlocked from the identity
// file, resumes at the same question with the same answers, notes, history and timings.
func TestResumeExact(t *testing.T) {
	t.Parallel()
	g := textGuideline(t, 6)
	data := t.TempDir()
	idPath := IdentityPath(data)
	id, err := CreateIdentity(idPath, goodPassphrase, testWorkFactor)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(data, "sessions")
	st, _ := Open(dir, []age.Recipient{id.Recipient()})
	e := newEngine(t, g, st, "MD-RES0-0001")
	answer(t, e, "one")
	answer(t, e, "two")
	e.Note("note on the third")
	answer(t, e, "three")
	e.Back()
	e.Note("changed my mind")
	if err := e.Quit(); err != nil {
		t.Fatal(err)
	}
	before := e.Session()

	// A later command: unlock once, load, continue.
	id2, err := UnlockIdentity(idPath, goodPassphrase)
	if err != nil {
		t.Fatal(err)
	}
	st2, _ := Open(dir, []age.Recipient{id2.Recipient()}, WithIdentity(id2))
	s, err := st2.Load("MD-RES0-0001")
	if err != nil {
		t.Fatal(err)
	}
	e2, err := interview.New(g, s, st2)
	if err != nil {
		t.Fatal(err)
	}
	// Quit saves, then starts timing the current screen again (the engine stays usable), as
	// New does on resume: the resumed session equals the one left, field for field.
	if !sameSession(t, e2.Session(), before) {
		t.Fatalf("the resumed session differs from the one left")
	}
	if q := e2.Current().Question; q == nil || q.ID != "q2" {
		t.Fatalf("resumed at %v, want q2", e2.Current().Question)
	}
	if st := e2.Current(); st.Note != "changed my mind" || st.Value.Str != "three" {
		t.Errorf("resumed step %+v", st)
	}
	if tm := s.Timings["q0"]; tm == nil || tm.Seconds != 4.5 || tm.Visits != 1 || tm.AnsweredAt == nil {
		t.Errorf("timing of q0 = %+v, want 4.5 s (three ticks of the test clock), 1 visit", tm)
	}
}

// sameSession compares two sessions through their JSON (times compare by instant).
func sameSession(t *testing.T, a, b *interview.Session) bool {
	t.Helper()
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	var va, vb any
	json.Unmarshal(ja, &va)
	json.Unmarshal(jb, &vb)
	if !reflect.DeepEqual(va, vb) {
		t.Logf("got  %s\nwant %s", ja, jb)
		return false
	}
	return true
}

// faultWriter fails while fail is set, with err, and otherwise writes for real. When only
// is set, it fails only for files in that folder (a full data disk, not a USB stick).
type faultWriter struct {
	fail  bool
	err   error
	only  string
	calls int
}

func (f *faultWriter) write(path string, data []byte) error {
	f.calls++
	if f.fail && (f.only == "" || filepath.Dir(path) == f.only) {
		return fmt.Errorf("the file %s could not be saved: %w", path, f.err)
	}
	return interview.WriteFileAtomic(path, data)
}

// TestSaveFailureKeepsGoing injects write errors at the store's file-system seam: the
// interview goes on in memory with SaveError set (naming the cause, never an answer),
// the last good file stays intact, and the next change after the fault clears saves
// everything.
func TestSaveFailureKeepsGoing(t *testing.T) {
	t.Parallel()
	for _, fault := range []error{syscall.ENOSPC, syscall.EACCES, syscall.EIO, os.ErrNotExist} {
		t.Run(fault.Error(), func(t *testing.T) {
			g := textGuideline(t, 6)
			id := newIdentity(t)
			fw := &faultWriter{err: fault}
			st := openStore(t, id, WithWriter(fw.write))
			e := newEngine(t, g, st, "MD-FULL-0001")
			answer(t, e, "saved before the disk filled")
			good, _ := os.ReadFile(st.Path("MD-FULL-0001"))

			fw.fail = true
			const secret = "SECRET-ANSWER-while-failing"
			if err := e.Answer(guidelines.Value{Str: secret}); err != nil {
				t.Fatal(err) // the answer itself is accepted
			}
			e.Note(secret + " note")
			serr := e.SaveError()
			if !errors.Is(serr, fault) || strings.Contains(serr.Error(), "SECRET") {
				t.Fatalf("SaveError = %v; want the cause, without the answer", serr)
			}
			if q := e.Current().Question; q == nil || q.ID != "q2" {
				t.Errorf("the interview did not go on: at %v", q)
			}
			now, _ := os.ReadFile(st.Path("MD-FULL-0001"))
			if !bytes.Equal(good, now) {
				t.Errorf("the last good file changed during the failure")
			}
			if s, err := st.Load("MD-FULL-0001"); err != nil || len(s.Answers.Values) != 1 {
				t.Errorf("last good file: %v, %v", s, err)
			}

			fw.fail = false
			answer(t, e, "after the fault cleared")
			s, err := st.Load("MD-FULL-0001")
			if err != nil || s.Answers.Values["q1"].Str != secret || s.Answers.Notes["q2"] != secret+" note" || len(s.Answers.Values) != 3 {
				t.Errorf("after recovery: %+v, %v", s, err)
			}
		})
	}
}

// TestFolderRemovedThenCopy: the sessions folder disappears mid-interview (a cleanup):
// the next save creates it again, private. When it cannot come back (a drive gone for
// good: here a file stands in its place), saving fails with a clear error, and SaveCopy
// writes an encrypted copy elsewhere that holds every answer and is read like a session
// file.
func TestFolderRemovedThenCopy(t *testing.T) {
	t.Parallel()
	g := textGuideline(t, 4)
	id := newIdentity(t)
	st := openStore(t, id)
	e := newEngine(t, g, st, "MD-GONE-0001")
	answer(t, e, "before")
	if err := os.RemoveAll(st.Dir()); err != nil {
		t.Fatal(err)
	}
	answer(t, e, "after the folder was removed")
	if err := e.SaveError(); err != nil {
		t.Fatalf("the save after the folder was removed failed: %v", err)
	}
	if s, err := st.Load("MD-GONE-0001"); err != nil || s.Answers.Values["q1"].Str != "after the folder was removed" {
		t.Fatalf("after the folder came back: %+v, %v", s, err)
	}
	if info, err := os.Stat(st.Dir()); err != nil || (runtime.GOOS != "windows" && info.Mode().Perm() != 0o700) {
		t.Fatalf("the recreated folder: %v, %v", info, err)
	}
	if err := os.RemoveAll(st.Dir()); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(st.Dir(), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	e.Answer(guidelines.Value{Str: "after the folder went"})
	if err := e.SaveError(); err == nil {
		t.Fatal("a save into a folder that cannot exist succeeded")
	}
	if !e.CanSaveCopy() {
		t.Fatal("the encrypted store cannot write copies")
	}
	elsewhere := t.TempDir()
	path, err := e.SaveCopy(elsewhere)
	if err != nil {
		t.Fatal(err)
	}
	if path != filepath.Join(elsewhere, "MD-GONE-0001.age") {
		t.Errorf("copy written to %s", path)
	}
	if _, err := e.SaveCopy(path); !errors.Is(err, fs.ErrExist) {
		t.Errorf("second copy to the same file: %v, want fs.ErrExist", err)
	}
	s, err := st.ReadFile(path)
	if err != nil || s.Answers.Values["q2"].Str != "after the folder went" {
		t.Errorf("copy: %+v, %v", s, err)
	}
	if hits := findPlaintext(t, elsewhere, []byte("after the folder went")); len(hits) > 0 {
		t.Errorf("plaintext in %v", hits)
	}
	if e.SaveError() == nil {
		t.Errorf("SaveCopy cleared SaveError: the session is still not saved in its place")
	}
}

// TestLeakCanary runs a real interview through the engine and the encrypted store with a
// unique canary as answer and note, including failing saves, then searches the data
// folder, the temp folder and the error texts for it in plaintext.
func TestLeakCanary(t *testing.T) {
	canary := fmt.Sprintf("CANARY-%d-Лідія", os.Getpid())
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp) // anything that writes a temp file writes it here
	g := textGuideline(t, 5)
	id := newIdentity(t)
	data := filepath.Join(t.TempDir(), "earlyid")
	fw := &faultWriter{err: syscall.ENOSPC}
	st, err := Open(filepath.Join(data, "sessions"), []age.Recipient{id.Recipient()}, WithIdentity(id), WithWriter(fw.write))
	if err != nil {
		t.Fatal(err)
	}
	e := newEngine(t, g, st, "MD-LEAK-0001")
	var msgs []string
	answer(t, e, canary+" answer")
	e.Note(canary + " note")
	fw.fail = true
	e.Answer(guidelines.Value{Str: canary + " during failure"})
	msgs = append(msgs, e.SaveError().Error())
	fw.fail = false
	e.Quit()
	if _, err := e.SaveCopy(filepath.Join(data, "copy.age")); err != nil {
		t.Fatal(err)
	}
	// Damaged files' errors are messages too.
	os.WriteFile(filepath.Join(data, "sessions", "MD-TRNC-0001.age"), mustRead(t, st.Path("MD-LEAK-0001"))[:300], 0o600)
	if _, err := st.Load("MD-TRNC-0001"); err != nil {
		msgs = append(msgs, err.Error())
	}

	s, err := st.Load("MD-LEAK-0001")
	if err != nil || !strings.Contains(s.Answers.Values["q0"].Str, canary) {
		t.Fatalf("positive control: the canary is not in the decrypted session (%v)", err)
	}
	for _, root := range []string{data, tmp} {
		if hits := findPlaintext(t, root, []byte(canary)); len(hits) > 0 {
			t.Errorf("the canary is readable in %v", hits)
		}
	}
	for _, m := range msgs {
		if strings.Contains(m, "CANARY") {
			t.Errorf("the canary is in a message: %s", m)
		}
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestPlainQuitOffersCopy: in plain mode, quitting while the last save failed offers to
// write an encrypted copy elsewhere; the copy holds the unsaved answer, the output never
// shows the answers, and nothing readable reaches the disk.
func TestPlainQuitOffersCopy(t *testing.T) {
	t.Parallel()
	canary := fmt.Sprintf("CANARY-plain-%d", os.Getpid())
	g := textGuideline(t, 4)
	id := newIdentity(t)
	fw := &faultWriter{err: syscall.ENOSPC}
	st := openStore(t, id, WithWriter(fw.write))
	fw.only = st.Dir()
	s, _ := interview.NewSession(g, "MD-PLQT-0001", interview.ModeReal, "en", "en", time.Now())
	e, err := interview.New(g, s, st)
	if err != nil {
		t.Fatal(err)
	}
	usb := t.TempDir()
	existing := filepath.Join(usb, "taken.age")
	os.WriteFile(existing, []byte("someone else's file"), 0o600)
	// First answer saves; then the disk is full for the second answer and the note.
	in := &switchReader{lines: []string{"first\n", canary + "\n", ":note " + canary + " note\n", ":quit\n", existing + "\n", usb + "\n"}, after: 1, onAfter: func() { fw.fail = true }}
	var out bytes.Buffer
	end, err := plain.Run(e, in, &out, plain.Options{})
	if err != nil || end != plain.Quit {
		t.Fatalf("plain.Run = %v, %v", end, err)
	}
	text := out.String()
	for _, want := range []string{"Could not save the session", "encrypted copy", "already exists", "MD-PLQT-0001.age"} {
		if !strings.Contains(text, want) {
			t.Errorf("output lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "CANARY") {
		t.Errorf("the output shows an answer or note:\n%s", text)
	}
	if b, _ := os.ReadFile(existing); string(b) != "someone else's file" {
		t.Errorf("an existing file was overwritten")
	}
	cp, err := st.ReadFile(filepath.Join(usb, "MD-PLQT-0001.age"))
	if err != nil || cp.Answers.Values["q1"].Str != canary || cp.Answers.Notes["q2"] != canary+" note" {
		t.Fatalf("copy: %+v, %v", cp, err)
	}
	for _, dir := range []string{usb, st.Dir()} {
		if hits := findPlaintext(t, dir, []byte(canary)); len(hits) > 0 {
			t.Errorf("plaintext in %v", hits)
		}
	}
}

// switchReader hands out lines one Read at a time and calls onAfter once after `after`
// lines were read (to make the disk fill up at a chosen moment).
type switchReader struct {
	lines   []string
	after   int
	onAfter func()
	n       int
}

func (r *switchReader) Read(p []byte) (int, error) {
	if r.n == r.after && r.onAfter != nil {
		r.onAfter()
		r.onAfter = nil
	}
	if r.n >= len(r.lines) {
		return 0, io.EOF
	}
	n := copy(p, r.lines[r.n])
	r.n++
	return n, nil
}

// TestDataFolderRemovedKeyComesBack: when the whole data folder goes while an interview
// runs (key file included), the next save writes the key file back, byte for byte, before
// the session: otherwise the session would be encrypted to a key that exists nowhere on
// disk, and lost when earlyid ends. The restored key still opens with the passphrase.
func TestDataFolderRemovedKeyComesBack(t *testing.T) {
	t.Parallel()
	g := textGuideline(t, 3)
	data := filepath.Join(t.TempDir(), "earlyid")
	keyPath := IdentityPath(data)
	id, err := CreateIdentity(keyPath, "correct horse battery staple", testWorkFactor)
	if err != nil {
		t.Fatal(err)
	}
	keyFile, err := os.ReadFile(keyPath)
	if err != nil {
		t.Fatal(err)
	}
	st, err := Open(filepath.Join(data, "sessions"), []age.Recipient{id.Recipient()}, WithIdentity(id), WithKeyFile(keyPath, keyFile))
	if err != nil {
		t.Fatal(err)
	}
	e := newEngine(t, g, st, "MD-GONE-0002")
	answer(t, e, "before")
	if err := os.RemoveAll(data); err != nil {
		t.Fatal(err)
	}
	answer(t, e, "after the data folder was removed")
	got, err := os.ReadFile(keyPath)
	if err != nil || !bytes.Equal(got, keyFile) {
		t.Fatalf("the key file was not written back as it was (err %v)", err)
	}
	if info, err := os.Stat(keyPath); err != nil || (runtime.GOOS != "windows" && info.Mode().Perm() != 0o600) {
		t.Fatalf("the restored key file: %v, %v", info, err)
	}
	unlocked, err := UnlockIdentity(keyPath, "correct horse battery staple")
	if err != nil {
		t.Fatal(err)
	}
	reader, err := Open(filepath.Join(data, "sessions"), []age.Recipient{unlocked.Recipient()}, WithIdentity(unlocked))
	if err != nil {
		t.Fatal(err)
	}
	if s, err := reader.Load("MD-GONE-0002"); err != nil || s.Answers.Values["q1"].Str != "after the data folder was removed" {
		t.Fatalf("the session saved after the removal does not open with the restored key: %+v, %v", s, err)
	}
	// A key file that is there is never touched, even if it differs (it may be newer).
	if err := os.WriteFile(keyPath, []byte("another key"), 0o600); err != nil {
		t.Fatal(err)
	}
	answer(t, e, "later")
	if got, _ := os.ReadFile(keyPath); string(got) != "another key" {
		t.Error("an existing key file was replaced")
	}
}

// TestStoreSavesAtOnce: the self-check server saves, through one Store, the sessions of
// everyone who asks for contact at the same moment. Each file must hold its own person's
// answers, whole: saves that shared the store's buffers unguarded wrote damaged files, or
// one person's answers into another's.
func TestStoreSavesAtOnce(t *testing.T) {
	t.Parallel()
	g := textGuideline(t, 3)
	id := newIdentity(t)
	st := openStore(t, id)
	const people = 24
	sessions := make([]*interview.Session, people)
	for i := range sessions {
		s, err := interview.NewSession(g, fmt.Sprintf("MD-SAVE-%04d", i), interview.ModeSelf, "en", "en", time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC))
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range g.Questions {
			// Answers of different lengths, so that a buffer shared by two saves shows.
			s.Answers.Values[q.ID] = guidelines.Value{Str: fmt.Sprintf("person %d, %s: %s", i, q.ID, strings.Repeat("x", 100*i))}
		}
		sessions[i] = s
	}
	var wg sync.WaitGroup
	for round := range 4 {
		for _, s := range sessions {
			wg.Go(func() {
				if err := st.Save(s); err != nil {
					t.Errorf("round %d, %s: %v", round, s.Code, err)
				}
			})
		}
	}
	wg.Wait()
	for i, want := range sessions {
		got, err := st.Load(want.Code)
		if err != nil {
			t.Errorf("%s: %v", want.Code, err)
			continue
		}
		for _, q := range g.Questions {
			if got.Answers.Values[q.ID].Str != want.Answers.Values[q.ID].Str {
				t.Errorf("%s holds %q for %s, not person %d's answer", want.Code, got.Answers.Values[q.ID].Str, q.ID, i)
			}
		}
	}
}
