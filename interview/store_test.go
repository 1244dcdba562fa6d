package interview

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/earlyid/earlyid/guidelines"
)

func trainingSession(t *testing.T, code string) *Session {
	t.Helper()
	g := &guidelines.Guideline{ID: "g", Version: "1", Hash: "abc"}
	s, err := NewSession(g, code, ModeTraining, "uk", "ro", time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	s.Answers.Values["age"] = guidelines.Value{Num: 24}
	s.Answers.Values["via"] = guidelines.Value{List: []string{"telegram", "friend"}}
	s.Answers.Values["job"] = guidelines.UnknownValue
	s.Answers.Notes["job"] = "Оферта прийшла від незнайомця"
	return s
}

func TestTrainingStoreAtomic(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("mode bits mean nothing on Windows")
	}
	dir := filepath.Join(t.TempDir(), "earlyid", "training")
	st, err := NewTrainingStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	s := trainingSession(t, "MD-AAAA-0001")
	for i := 0; i < 3; i++ { // replacing works too
		s.Remarks = strings.Repeat("x", i)
		if err := st.Save(s); err != nil {
			t.Fatal(err)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 || entries[0].Name() != "MD-AAAA-0001.json" {
		t.Fatalf("folder holds %v, want only the session file (no temp files)", names(entries))
	}
	info, _ := os.Stat(filepath.Join(dir, "MD-AAAA-0001.json"))
	if info.Mode().Perm() != 0o600 {
		t.Errorf("file mode %v, want 0600", info.Mode().Perm())
	}
	dinfo, _ := os.Stat(dir)
	if dinfo.Mode().Perm() != 0o700 {
		t.Errorf("folder mode %v, want 0700", dinfo.Mode().Perm())
	}
	got, err := st.Load("MD-AAAA-0001")
	if err != nil {
		t.Fatal(err)
	}
	if got.Remarks != "xx" || got.Answers.Values["age"].Num != 24 || got.Answers.Values["job"].Special != guidelines.Unknown ||
		got.Answers.Notes["job"] != s.Answers.Notes["job"] || len(got.Answers.Values["via"].List) != 2 {
		t.Errorf("decoded session differs: %+v", got.Answers)
	}
	metas, err := st.List()
	if err != nil || len(metas) != 1 || metas[0].Code != "MD-AAAA-0001" || metas[0].Answered != 3 {
		t.Errorf("List = %+v, %v", metas, err)
	}
	if err := st.Delete("MD-AAAA-0001"); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Load("MD-AAAA-0001"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Load after Delete = %v, want ErrNotFound", err)
	}
	if err := st.Delete("MD-AAAA-0001"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Delete twice = %v, want ErrNotFound", err)
	}
}

func TestTrainingStoreTightensExistingFolder(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("mode bits mean nothing on Windows")
	}
	dir := t.TempDir()
	os.Chmod(dir, 0o755)
	if _, err := NewTrainingStore(dir); err != nil {
		t.Fatal(err)
	}
	info, _ := os.Stat(dir)
	if info.Mode().Perm() != 0o700 {
		t.Errorf("existing folder left at %v", info.Mode().Perm())
	}
}

func TestTrainingStoreRefusesRealSessions(t *testing.T) {
	st, err := NewTrainingStore(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range []Mode{ModeReal, ModeSelf} {
		s := trainingSession(t, "MD-AAAA-0002")
		s.Mode = m
		if err := st.Save(s); err == nil {
			t.Errorf("a %s session was written in plaintext", m)
		}
	}
	entries, _ := os.ReadDir(st.Dir())
	if len(entries) != 0 {
		t.Errorf("files left: %v", names(entries))
	}
}

func TestWriteFileAtomicFailureLeavesOldFileAndNoTemp(t *testing.T) {
	if runtime.GOOS == "windows" || os.Geteuid() == 0 {
		t.Skip("needs a folder the test cannot write (not possible as root)")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "MD-AAAA-0003.json")
	if err := WriteFileAtomic(path, []byte("old")); err != nil {
		t.Fatal(err)
	}
	os.Chmod(dir, 0o500)
	defer os.Chmod(dir, 0o700)
	if err := WriteFileAtomic(path, []byte("new")); err == nil {
		t.Fatal("write into a read-only folder succeeded")
	}
	data, _ := os.ReadFile(path)
	if string(data) != "old" {
		t.Errorf("old file now %q", data)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("temp file left: %v", names(entries))
	}
}

func TestWriteFileAtomicMissingFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "gone")
	if err := WriteFileAtomic(filepath.Join(dir, "x.json"), []byte("x")); err == nil {
		t.Fatal("write into a missing folder succeeded")
	}
}

// deadPID returns the id of a process that has ended.
func deadPID(t *testing.T) int {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	return cmd.ProcessState.Pid()
}

func TestRemoveStaleTemps(t *testing.T) {
	dir := t.TempDir()
	mine := fmt.Sprintf(".tmp-%d-111", os.Getpid())
	killed := fmt.Sprintf(".tmp-%d-222", deadPID(t))
	files := map[string]time.Duration{ // name: age
		mine:                                    0,         // a save of a running process: kept
		killed:                                  0,         // its process is gone: removed at once
		".MD-AAAA-0004.json.tmp-123":            time.Hour, // an earlier version's, old: removed
		".MD-AAAA-0005.json.tmp-456":            0,         // an earlier version's, young: kept
		fmt.Sprintf(".tmp-%d-333", os.Getpid()): time.Hour, // no save takes an hour: removed
		"MD-AAAA-0004.json":                     time.Hour, // a session: kept
	}
	for name, age := range files {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte("x"), 0o600)
		when := time.Now().Add(-age)
		os.Chtimes(p, when, when)
	}
	RemoveStaleTemps(dir, time.Minute)
	entries, _ := os.ReadDir(dir)
	want := []string{".MD-AAAA-0005.json.tmp-456", mine, "MD-AAAA-0004.json"}
	slices.Sort(want)
	if got := names(entries); !slices.Equal(got, want) {
		t.Errorf("after tidying: %v, want %v", got, want)
	}
}

// TestTempNamesHoldNoCaseCode: a temp file's name is seen by anyone who lists the folder,
// and a killed save leaves it there, so it must not name the session.
func TestTempNamesHoldNoCaseCode(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "MD-AAAA-0009.json")
	os.MkdirAll(filepath.Join(target, "inside"), 0o700) // the rename fails, and its error names the temp
	err := WriteFileAtomic(target, []byte("new"))
	var le *os.LinkError
	if !errors.As(err, &le) {
		t.Fatalf("renaming over a folder: %v", err)
	}
	name := filepath.Base(le.Old)
	if strings.Contains(name, "MD-AAAA-0009") || !strings.HasPrefix(name, fmt.Sprintf(".tmp-%d-", os.Getpid())) {
		t.Errorf("the temp file is named %q, want .tmp-<pid>-<random> without the case code", name)
	}
}

func TestDeleteRemovesTheSessionsTemps(t *testing.T) {
	dir := t.TempDir()
	st, err := NewTrainingStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Save(trainingSession(t, "MD-AAAA-0010")); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{".MD-AAAA-0010.json.tmp-1", fmt.Sprintf(".tmp-%d-1", deadPID(t))} {
		os.WriteFile(filepath.Join(dir, name), []byte("x"), 0o600)
	}
	if err := st.Delete("MD-AAAA-0010"); err != nil {
		t.Fatal(err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("the folder holds %v after the only session was deleted", names(entries))
	}
}

func TestMemoryStoreCopies(t *testing.T) {
	st := NewMemoryStore()
	s := trainingSession(t, "MD-AAAA-0006")
	st.Save(s)
	s.Answers.Values["age"] = guidelines.Value{Num: 99} // a later change must not leak in
	got, err := st.Load("MD-AAAA-0006")
	if err != nil || got.Answers.Values["age"].Num != 24 {
		t.Errorf("stored copy changed with the live session: %v %v", got.Answers.Values["age"], err)
	}
	if _, err := st.Load("MD-NONE-0000"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Load unknown = %v", err)
	}
}

func TestDataDir(t *testing.T) {
	env := map[string]string{"EARLYID_DATA_DIR": "/tmp/earlyid-test-data"}
	getenv := func(k string) string { return env[k] }
	d, err := DataDirFrom(getenv)
	if err != nil || d != "/tmp/earlyid-test-data" {
		t.Errorf("DataDir with EARLYID_DATA_DIR = %q, %v", d, err)
	}
	if tr, se := TrainingDirIn(d), SessionsDirIn(d); tr != filepath.Join(d, "training") || se != filepath.Join(d, "sessions") {
		t.Errorf("TrainingDir %q SessionsDir %q", tr, se)
	}
	if runtime.GOOS != "linux" {
		return
	}
	env = map[string]string{"XDG_DATA_HOME": "/xdg"}
	if d, _ := DataDirFrom(getenv); d != "/xdg/earlyid" {
		t.Errorf("DataDir with XDG_DATA_HOME = %q", d)
	}
	env = map[string]string{"XDG_DATA_HOME": "relative"} // invalid by the XDG spec: ignored
	t.Setenv("HOME", "/home/u")                          // os.UserHomeDir reads the process's own
	if d, _ := DataDirFrom(getenv); d != "/home/u/.local/share/earlyid" {
		t.Errorf("DataDir with a relative XDG_DATA_HOME = %q", d)
	}
}

func TestCaseCodes(t *testing.T) {
	seen := map[string]bool{}
	for i := 0; i < 200; i++ {
		c, err := NewCaseCode()
		if err != nil {
			t.Fatal(err)
		}
		if len(c) != 12 || !strings.HasPrefix(c, "MD-") || c[7] != '-' || strings.ContainsAny(c, "ILOU") {
			t.Fatalf("bad generated code %q", c)
		}
		if err := ValidateCaseCode(c); err != nil {
			t.Fatalf("generated code %q refused: %v", c, err)
		}
		seen[c] = true
	}
	if len(seen) < 199 {
		t.Errorf("only %d distinct codes in 200", len(seen))
	}
	tests := []struct{ code, kind string }{
		{"MD-7K3Q-2PXA", ""},
		{"CASE-2026-17", ""},
		{"A1B2", ""},
		{"ABC", "length"},
		{strings.Repeat("A1", 17), "length"},
		{"md-7k3q-2pxa", "lowercase"},
		{"Ivanova", "lowercase"},
		{"Олена", "lowercase"},
		{"IVAN PETROV 1", "space"},
		{"IVANOVA", "no_digit"},
		{"MD_7K3Q", "chars"},
		{"../../ETC1", "chars"},
		{"ОЛЕНА1", "chars"},
		{"COM1", "reserved"},
		{"LPT9", "reserved"},
		{"COM0", "reserved"},
		{"COM10", ""}, // only one digit makes a device
		{"COM1-2026", ""},
	}
	for _, tt := range tests {
		err := ValidateCaseCode(tt.code)
		var ce *CaseCodeError
		switch {
		case tt.kind == "" && err != nil:
			t.Errorf("ValidateCaseCode(%q) = %v, want ok", tt.code, err)
		case tt.kind != "" && (!errors.As(err, &ce) || ce.Kind != tt.kind):
			t.Errorf("ValidateCaseCode(%q) = %v, want kind %s", tt.code, err, tt.kind)
		}
	}
}

func TestWindowsDeviceNames(t *testing.T) {
	for name, want := range map[string]bool{
		"CON": true, "con": true, "Nul.json": true, "aux.age": true, "PRN": true,
		"COM1": true, "com9": true, "LPT1.txt": true, "lpt0": true,
		"CONSOLE": false, "COM10": false, "LPTX": false, "MD-COM1": false, "COM": false,
	} {
		if got := windowsDeviceName(name); got != want {
			t.Errorf("windowsDeviceName(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestSessionJSONRoundTrip(t *testing.T) {
	s := trainingSession(t, "MD-AAAA-0007")
	data, err := s.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), `"version": 1`) {
		t.Errorf("no version in %s", data)
	}
	got, err := UnmarshalSession(data)
	if err != nil {
		t.Fatal(err)
	}
	again, _ := got.Marshal()
	if string(again) != string(data) {
		t.Errorf("round trip changed the session:\n%s\n%s", data, again)
	}
	if _, err := UnmarshalSession([]byte(strings.Replace(string(data), `"version": 1`, `"version": 9`, 1))); err == nil {
		t.Errorf("a future version was accepted")
	}
	if _, err := UnmarshalSession(data[:len(data)/2]); err == nil {
		t.Errorf("a truncated session was accepted")
	}
}

func names(es []os.DirEntry) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.Name())
	}
	return out
}

// TestWriteFileAtomicRenameFailureLeavesNoTemp fails the rename (the target is a folder
// that is not empty), which works even as root: the temp file must be gone afterwards.
func TestWriteFileAtomicRenameFailureLeavesNoTemp(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "MD-AAAA-0008.json")
	os.MkdirAll(filepath.Join(target, "inside"), 0o700)
	if err := WriteFileAtomic(target, []byte("new")); err == nil {
		t.Fatal("renaming over a folder succeeded")
	}
	entries, _ := os.ReadDir(dir)
	if got := names(entries); len(got) != 1 || got[0] != "MD-AAAA-0008.json" {
		t.Errorf("temp file left behind: %v", got)
	}
}

// TestTrainingStoreRecreatesARemovedFolder: when the data folder is removed while an
// interview runs, the next save creates it again (private, 0700) instead of failing until
// earlyid ends.
func TestTrainingStoreRecreatesARemovedFolder(t *testing.T) {
	data := filepath.Join(t.TempDir(), "earlyid")
	dir := filepath.Join(data, "training")
	st, err := NewTrainingStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	s := trainingSession(t, "MD-GONE-0002")
	if err := st.Save(s); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(data); err != nil { // the whole data folder, not only training/
		t.Fatal(err)
	}
	s.Remarks = "after the folder was removed"
	if err := st.Save(s); err != nil {
		t.Fatalf("the save after the folder was removed failed: %v", err)
	}
	got, err := st.Load("MD-GONE-0002")
	if err != nil || got.Remarks != s.Remarks {
		t.Fatalf("after the folder came back: %+v, %v", got, err)
	}
	if runtime.GOOS != "windows" {
		for _, d := range []string{data, dir} {
			if info, err := os.Stat(d); err != nil || info.Mode().Perm() != 0o700 {
				t.Errorf("%s recreated as %v (%v), want 0700", d, info.Mode().Perm(), err)
			}
		}
	}
}

// TestReadTrainingStore: a command that only looks at training sessions does not create the
// folder; it finds every session file by code, and a damaged file is listed with its error
// after the readable ones instead of hiding them.
func TestReadTrainingStore(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "training")
	st, err := ReadTrainingStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	if es, err := st.Entries(); err != nil || len(es) != 0 || st.Has("MD-TEST-0001") {
		t.Errorf("a missing folder: entries %v, %v; want none", es, err)
	}
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("looking at the training sessions created the folder (%v)", err)
	}

	older, newer := trainingSession(t, "MD-TEST-0001"), trainingSession(t, "MD-TEST-0002")
	newer.Updated = older.Updated.Add(time.Hour)
	for _, s := range []*Session{older, newer} {
		if err := st.Save(s); err != nil {
			t.Fatal(err)
		}
	}
	for name, content := range map[string]string{
		"MD-TEST-0000.json": "{not a session", // damaged
		"notes.json":        "{}",             // not a case code
		"MD-TEST-0003.age":  "",               // another store's file
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(dir, "MD-TEST-0004.json"), 0o700); err != nil { // a folder, not a file
		t.Fatal(err)
	}
	es, err := st.Entries()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range es {
		got = append(got, e.Code)
		if (e.Err != nil) != (e.Code == "MD-TEST-0000") || e.Path != st.Path(e.Code) {
			t.Errorf("%s: path %s, error %v", e.Code, e.Path, e.Err)
		}
	}
	if want := []string{"MD-TEST-0002", "MD-TEST-0001", "MD-TEST-0000"}; !slices.Equal(got, want) {
		t.Errorf("entries %v, want %v (newest first, the damaged one last)", got, want)
	}
	if es[0].Meta.Updated != newer.Updated {
		t.Errorf("the newest entry's meta: %+v", es[0].Meta)
	}
	for code, want := range map[string]bool{"MD-TEST-0001": true, "MD-TEST-0000": true, "MD-TEST-0003": false, "MD-TEST-0004": false, "../MD-TEST-0001": false} {
		if st.Has(code) != want {
			t.Errorf("Has(%s) = %v, want %v", code, !want, want)
		}
	}
}

// TestDataDirFrom: the data folder follows the environment it is given, not the process's,
// so that command lines with environments of their own can run side by side.
func TestDataDirFrom(t *testing.T) {
	t.Setenv("EARLYID_DATA_DIR", "/tmp/the-process-own")
	env := map[string]string{"EARLYID_DATA_DIR": "/tmp/earlyid-given"}
	d, err := DataDirFrom(func(k string) string { return env[k] })
	if err != nil || d != "/tmp/earlyid-given" {
		t.Errorf("DataDirFrom = %q, %v; want the given folder", d, err)
	}
	if TrainingDirIn(d) != "/tmp/earlyid-given/training" || SessionsDirIn(d) != "/tmp/earlyid-given/sessions" {
		t.Errorf("TrainingDirIn %q, SessionsDirIn %q", TrainingDirIn(d), SessionsDirIn(d))
	}
	if runtime.GOOS != "linux" {
		return
	}
	env = map[string]string{"XDG_DATA_HOME": "/xdg"}
	if d, _ := DataDirFrom(func(k string) string { return env[k] }); d != "/xdg/earlyid" {
		t.Errorf("DataDirFrom with XDG_DATA_HOME = %q", d)
	}
}
