package training

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"filippo.io/age"

	"github.com/earlyid/earlyid/interview/vault"
)

// TestReportSameInParallel: a report read by several workers at once is byte for byte the
// report read one file at a time, in every format and broken down or not, with the same
// warnings in the same order, and so is one read in another order. The folder is a pilot's as it arrives: 300 real interviews
// made through the engine and encrypted, copies of some under a second laptop's folder
// (the same files, and others changed later there, two of them at the very same time),
// and files that are not readable sessions (cut short, not encrypted, for another key,
// empty, not JSON).
func TestReportSameInParallel(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	id := writeRealSessions(t, dir, 300, 5, "correct horse battery staple 42", 10)
	sessions := filepath.Join(dir, "sessions")
	st, err := vault.Open(sessions, []age.Recipient{id.Recipient()}, vault.WithIdentity(id))
	if err != nil {
		t.Fatal(err)
	}
	laptop, damaged := filepath.Join(dir, "laptop"), filepath.Join(dir, "damaged")
	for _, d := range []string{laptop, damaged} {
		if err := os.Mkdir(d, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	files, err := CollectFiles([]string{sessions})
	if err != nil || len(files) != 300 {
		t.Fatalf("%d files, %v", len(files), err)
	}
	write := func(path string, data []byte) {
		t.Helper()
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	for i, f := range files[:40] {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case i < 20: // the same file, once under its name and once renamed
			write(filepath.Join(laptop, filepath.Base(f)), data)
			if i%4 == 0 {
				write(filepath.Join(laptop, fmt.Sprintf("copy-%d.age", i)), data)
			}
		default: // changed on the laptop: later, or (four of them) at the same time
			s, err := st.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			s.Lang = map[string]string{"ro": "ru", "ru": "uk", "uk": "en", "en": "ro"}[s.Lang]
			if i%5 != 0 {
				s.Updated = s.Updated.Add(time.Hour)
			}
			enc, err := st.Encrypt(s)
			if err != nil {
				t.Fatal(err)
			}
			write(filepath.Join(laptop, filepath.Base(f)), enc)
		}
	}
	other, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	foreign, _ := vault.Open(filepath.Join(dir, "other"), []age.Recipient{other.Recipient()})
	s, err := st.ReadFile(files[50])
	if err != nil {
		t.Fatal(err)
	}
	enc, err := foreign.Encrypt(s)
	if err != nil {
		t.Fatal(err)
	}
	whole, err := os.ReadFile(files[60])
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{
		"MD-CUT0-0001.age":  whole[:len(whole)/2],
		"MD-CUT0-0002.age":  whole[:len(whole)-1],
		"MD-PLN0-0001.age":  []byte(`{"version":1,"code":"MD-PLN0-0001"}`),
		"MD-OTHR-0001.age":  enc,
		"MD-EMPT-0001.age":  nil,
		"MD-JSON-0001.json": []byte(`{"version":1,"code":`),
		"MD-JSON-0002.json": []byte("not a session"),
	} {
		write(filepath.Join(damaged, name), data)
	}
	files, err = CollectFiles([]string{sessions, laptop, damaged, files[7]})
	if err != nil {
		t.Fatal(err)
	}

	// The workers hand back files in whatever order they finish: a report that is the same
	// whatever the order, read from the last file to the first or shuffled, is the same
	// however they finish.
	reversed := slices.Clone(files)
	slices.Reverse(reversed)
	shuffled := slices.Clone(files)
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	runs := []struct {
		workers int
		order   string
		files   []string
	}{{1, "given", files}, {2, "given", files}, {8, "given", files}, {1, "reversed", reversed}, {8, "shuffled", shuffled}}
	for _, by := range []string{"", "citizenship"} {
		var want *Report
		var wantOut map[string][]byte
		for _, run := range runs {
			workers := fmt.Sprintf("%d workers, files in %s order", run.workers, run.order)
			rep, err := NewReport(run.files, ReportOptions{By: by, Workers: run.workers, ReadEncrypted: st.Decrypt})
			if err != nil {
				t.Fatal(err)
			}
			out := map[string][]byte{}
			for _, format := range ReportFormats {
				var b bytes.Buffer
				if err := rep.Render(&b, format, "ro"); err != nil {
					t.Fatal(err)
				}
				out[format] = b.Bytes()
			}
			if want == nil {
				want, wantOut = rep, out
				// The set is what it claims, or the comparison tests less than it says: 20
				// copies of the same file, 5 of them again renamed, 20 changed copies and one
				// file given twice; 5 encrypted files and 2 others unreadable.
				if rep.Duplicates != 46 || len(rep.Conflicts) != 20 || len(rep.Skipped.Errors) != 7 || rep.Skipped.Encrypted != 5 {
					t.Fatalf("%d copies, %d differing, %d files skipped (%d encrypted): want 46, 20, 7 (5)",
						rep.Duplicates, len(rep.Conflicts), len(rep.Skipped.Errors), rep.Skipped.Encrypted)
				}
				continue
			}
			for format, b := range out {
				if !bytes.Equal(b, wantOut[format]) {
					t.Errorf("--by %q, %s: the %s report differs from the one read one file at a time", by, workers, format)
				}
			}
			if !slices.Equal(rep.Conflicts, want.Conflicts) || rep.Duplicates != want.Duplicates {
				t.Errorf("--by %q, %s: copies %d %v, one at a time %d %v", by, workers, rep.Duplicates, rep.Conflicts, want.Duplicates, want.Conflicts)
			}
			if !slices.Equal(errorTexts(rep.Skipped.Errors), errorTexts(want.Skipped.Errors)) || !slices.Equal(rep.Skipped.Damaged, want.Skipped.Damaged) {
				t.Errorf("--by %q, %s: files skipped\n%q\none at a time\n%q", by, workers, errorTexts(rep.Skipped.Errors), errorTexts(want.Skipped.Errors))
			}
		}
	}
}

// errorTexts returns the messages of errs, in order.
func errorTexts(errs []error) []string {
	var out []string
	for _, e := range errs {
		out = append(out, e.Error())
	}
	return out
}
