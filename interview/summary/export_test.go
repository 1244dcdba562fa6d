package summary

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"filippo.io/age"
	"filippo.io/age/armor"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/interview"
)

// exportOpts returns options that export the adult scenario's session, kept in a memory
// store, to a file in a fresh folder.
func exportOpts(t *testing.T, format string) (ExportOptions, *interview.MemoryStore, string) {
	t.Helper()
	g, s := scenarioSession(t, scenarioAdult)
	store := interview.NewMemoryStore()
	if err := store.Save(s); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	return ExportOptions{
		Guideline: g, Session: s, Store: store, Format: format, Lang: "ro",
		Out: filepath.Join(dir, "summary."+format),
		Now: func() time.Time { return generated }, Location: time.UTC,
	}, store, dir
}

// files lists a folder's entries, so a test sees any temp file left behind.
func files(t *testing.T, dir string) string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return strings.Join(names, " ")
}

// TestEncryptionRoundTrip encrypts to a test identity (binary and armoured) and decrypts
// the file back to the exact summary.
func TestEncryptionRoundTrip(t *testing.T) {
	t.Parallel()
	id, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	other, _ := age.GenerateX25519Identity()
	for _, armored := range []bool{false, true} {
		opts, _, dir := exportOpts(t, FormatJSON)
		opts.Recipients = []string{id.Recipient().String(), " " + other.Recipient().String() + " "}
		opts.Armor = armored
		path, err := Export(opts)
		if err != nil {
			t.Fatal(err)
		}
		if want := filepath.Join(dir, "summary.json.age"); path != want {
			t.Errorf("wrote %s, want %s", path, want)
		}
		if got := files(t, dir); got != "summary.json.age" {
			t.Errorf("the folder holds %q; only the encrypted file may be there", got)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(data, []byte("presumed_victim")) || bytes.Contains(data, []byte("Оксана")) {
			t.Fatal("plaintext in the encrypted file")
		}
		if armored && !bytes.HasPrefix(data, []byte("-----BEGIN AGE ENCRYPTED FILE-----")) {
			t.Fatalf("not armoured: %q", data[:min(40, len(data))])
		}
		for _, ident := range []age.Identity{id, other} {
			var r io.Reader
			if armored {
				r = armor.NewReader(bytes.NewReader(data))
			} else {
				r = bytes.NewReader(data)
			}
			dec, err := age.Decrypt(r, ident)
			if err != nil {
				t.Fatalf("armored=%v: %v", armored, err)
			}
			plain, err := io.ReadAll(dec)
			if err != nil {
				t.Fatal(err)
			}
			var sum Summary
			if err := json.Unmarshal(plain, &sum); err != nil {
				t.Fatalf("the decrypted file is not the JSON summary: %v", err)
			}
			if sum.Schema != SchemaID || sum.Outcome.ID != "presumed_victim" {
				t.Errorf("decrypted: schema %q outcome %q", sum.Schema, sum.Outcome.ID)
			}
		}
	}
}

func TestRecipientsAreChecked(t *testing.T) {
	t.Parallel()
	id, _ := age.GenerateX25519Identity()
	secret := id.String()
	for _, tt := range []struct {
		value  string
		secret bool
	}{
		{"age1notakey", false},
		{"ssh-ed25519 AAAAC3Nz", false},
		{"", false},
		{secret, true},
		{strings.ToLower(secret), true},
	} {
		opts, store, dir := exportOpts(t, FormatMarkdown)
		opts.Recipients = []string{tt.value}
		_, err := Export(opts)
		var re *RecipientError
		if !errors.As(err, &re) || re.Secret != tt.secret {
			t.Errorf("%q: %v, want a RecipientError (secret %v)", tt.value, err, tt.secret)
			continue
		}
		if strings.Contains(err.Error(), secret[15:]) || strings.Contains(strings.ToUpper(err.Error()), secret[15:]) {
			t.Error("the error message repeats a secret key")
		}
		if got := files(t, dir); got != "" {
			t.Errorf("a file was written: %s", got)
		}
		if s, _ := store.Load(opts.Session.Code); len(s.Exports) != 0 {
			t.Error("a refused export was logged")
		}
	}
}

// TestExistingFileNeedsForce: an existing file is never replaced without Force, and the
// refusal names it.
func TestExistingFileNeedsForce(t *testing.T) {
	t.Parallel()
	opts, store, _ := exportOpts(t, FormatHTML)
	if err := os.WriteFile(opts.Out, []byte("keep me"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := Export(opts)
	var ee *ExistsError
	if !errors.As(err, &ee) || ee.Path != opts.Out {
		t.Fatalf("got %v, want an ExistsError naming %s", err, opts.Out)
	}
	if data, _ := os.ReadFile(opts.Out); string(data) != "keep me" {
		t.Fatal("the existing file was changed")
	}
	if s, _ := store.Load(opts.Session.Code); len(s.Exports) != 0 {
		t.Error("a refused export was logged")
	}
	opts.Force = true
	if _, err := Export(opts); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(opts.Out); !bytes.HasPrefix(data, []byte("<!DOCTYPE html>")) {
		t.Error("--force did not replace the file")
	}
	if info, err := os.Stat(opts.Out); err == nil && info.Mode().Perm()&0o077 != 0 {
		t.Errorf("the export is readable by others: %v", info.Mode())
	}
}

// TestSharingLog: every export is recorded in the session and saved through its store:
// time, format, language, recipients, legal basis, and whether answers were withheld.
func TestSharingLog(t *testing.T) {
	t.Parallel()
	id, _ := age.GenerateX25519Identity()
	opts, store, _ := exportOpts(t, FormatPDF)
	opts.Session.Answers.Values["consent_share"] = interviewNo()
	if _, err := Export(opts); err != nil {
		t.Fatal(err)
	}
	var stdout bytes.Buffer
	opts2 := opts
	opts2.Out, opts2.W, opts2.Format, opts2.Lang = "", &stdout, FormatMarkdown, "uk"
	opts2.Recipients = []string{id.Recipient().String()}
	opts2.Armor = true
	opts2.LegalBasis = BasisChildProtection
	if path, err := Export(opts2); err != nil || path != "" {
		t.Fatalf("to the writer: %q, %v", path, err)
	}
	if !bytes.HasPrefix(stdout.Bytes(), []byte("-----BEGIN AGE")) {
		t.Error("the writer did not get the armoured summary")
	}
	s, err := store.Load(opts.Session.Code)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Exports) != 2 {
		t.Fatalf("%d log entries, want 2", len(s.Exports))
	}
	want := []interview.Export{
		{At: generated, Format: "pdf", Lang: "ro", Redacted: true},
		{At: generated, Format: "md", Lang: "uk", Recipients: []string{id.Recipient().String()}, LegalBasis: BasisChildProtection},
	}
	for i, w := range want {
		got := s.Exports[i]
		if !got.At.Equal(w.At) || got.Format != w.Format || got.Lang != w.Lang || got.Redacted != w.Redacted ||
			got.LegalBasis != w.LegalBasis || strings.Join(got.Recipients, ",") != strings.Join(w.Recipients, ",") {
			t.Errorf("entry %d = %+v, want %+v", i, got, w)
		}
	}
}

func interviewNo() guidelines.Value { return guidelines.Value{Str: "no"} }

// failingStore refuses every save.
type failingStore struct{}

func (failingStore) Save(*interview.Session) error { return errors.New("disk full") }

// TestLogFailureIsReported: the file is written but the caller learns the log was not saved.
func TestLogFailureIsReported(t *testing.T) {
	t.Parallel()
	opts, _, _ := exportOpts(t, FormatMarkdown)
	opts.Store = failingStore{}
	path, err := Export(opts)
	var le *LogError
	if !errors.As(err, &le) || path != opts.Out {
		t.Fatalf("got %q, %v; want the path and a LogError", path, err)
	}
	if _, err := os.Stat(path); err != nil {
		t.Error("the summary itself was not written")
	}
}

// TestHeaderFieldsFillOnlyWhatIsMissing: --place and friends fill empty fields and never
// change what the session records.
func TestHeaderFieldsFillOnlyWhatIsMissing(t *testing.T) {
	t.Parallel()
	opts, store, _ := exportOpts(t, FormatJSON)
	opts.Session.Place, opts.Session.Institution = "", "IGPF"
	opts.Place, opts.Institution = " Otaci ", "ANAS"
	if _, err := Export(opts); err != nil {
		t.Fatal(err)
	}
	s, _ := store.Load(opts.Session.Code)
	if s.Place != "Otaci" || s.Institution != "IGPF" {
		t.Errorf("place %q, institution %q; want Otaci, IGPF", s.Place, s.Institution)
	}
}

func TestExportRefusesBadInput(t *testing.T) {
	t.Parallel()
	opts, _, _ := exportOpts(t, "docx")
	if _, err := Export(opts); !errors.Is(err, ErrFormat) {
		t.Errorf("docx: %v", err)
	}
	opts, _, dir := exportOpts(t, FormatMarkdown)
	opts.Lang = "fr"
	if _, err := Export(opts); !errors.Is(err, ErrLang) {
		t.Errorf("fr: %v", err)
	}
	if got := files(t, dir); got != "" {
		t.Errorf("a file was written: %s", got)
	}
}

// TestWriteFailureIsAWriteError: a summary that cannot be written (here, into a folder that
// does not exist) is a *WriteError naming the file, with the system's cause for errors.Is,
// so that callers can explain it in the user's language; the sharing log is not touched.
func TestWriteFailureIsAWriteError(t *testing.T) {
	t.Parallel()
	opts, _, dir := exportOpts(t, FormatMarkdown)
	opts.Out = filepath.Join(dir, "missing", "summary.md")
	_, err := Export(opts)
	var we *WriteError
	if !errors.As(err, &we) || we.Path != opts.Out || !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("err = %#v, want a *WriteError for %s that is fs.ErrNotExist", err, opts.Out)
	}
	if len(opts.Session.Exports) != 0 {
		t.Errorf("a failed export is in the sharing log: %+v", opts.Session.Exports)
	}
}
