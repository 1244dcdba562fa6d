package main

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/earlyid/earlyid/interview"
	"github.com/earlyid/earlyid/interview/sessionlock"
)

// windowArgsEnv carries the arguments of a helper process that runs earlyid itself
// (separated by \x1f): a second window, as a user would open it.
const windowArgsEnv = "EARLYID_TEST_WINDOW_ARGS"

// TestWindowHelper is earlyid in another process when windowArgsEnv is set; otherwise it
// does nothing.
func TestWindowHelper(t *testing.T) {
	if args := os.Getenv(windowArgsEnv); args != "" {
		os.Exit(run(strings.Split(args, "\x1f"), systemIO(os.Getenv)))
	}
}

// window is earlyid running in another process, with its output collected as it comes.
type window struct {
	cmd   *exec.Cmd
	stdin io.WriteCloser
	mu    sync.Mutex
	out   bytes.Buffer
}

func (w *window) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.out.Write(p)
}

func (w *window) output() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.out.String()
}

// waitFor waits until the window has printed s.
func (w *window) waitFor(t *testing.T, s string) {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if strings.Contains(w.output(), s) {
			return
		}
	}
	t.Fatalf("the window did not print %q:\n%s", s, w.output())
}

// openWindow starts earlyid with args in another process, on the data folder data.
func openWindow(t *testing.T, data string, args ...string) *window {
	t.Helper()
	w := &window{cmd: exec.Command(os.Args[0], "-test.run=^TestWindowHelper$")}
	w.cmd.Env = append(os.Environ(), "EARLYID_DATA_DIR="+data, "EARLYID_CONFIG_DIR="+filepath.Join(data, "config"),
		"EARLYID_LANG=", "TERM=dumb", windowArgsEnv+"="+strings.Join(args, "\x1f"))
	w.cmd.Stdout, w.cmd.Stderr = w, w
	var err error
	if w.stdin, err = w.cmd.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	if err := w.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.stdin.Close(); w.cmd.Process.Kill(); w.cmd.Wait() })
	return w
}

// finish closes the window's input and returns its exit code.
func (w *window) finish(t *testing.T) int {
	t.Helper()
	w.stdin.Close()
	err := w.cmd.Wait()
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode()
	}
	if err != nil {
		t.Fatal(err)
	}
	return 0
}

// lockCase is the training session the tests open in two windows.
const lockCase = "MD-LOCK-0001"

// openedInterview starts a training interview on lockCase in another process, answers the
// first question and returns once the second one is shown: from then on that window holds
// the session.
func openedInterview(t *testing.T, data string) *window {
	t.Helper()
	a := openWindow(t, data, "interview", "--plain", "--training", "--guideline", "example", "--case", lockCase, "--lang", "ro", "--ui-lang", "en")
	a.waitFor(t, "Question 1 ·")
	io.WriteString(a.stdin, "y\n")
	a.waitFor(t, "Question 2 ·")
	return a
}

// storedTraining reads lockCase as saved in the data folder.
func storedTraining(t *testing.T, data string) *interview.Session {
	t.Helper()
	st, err := interview.ReadTrainingStore(interview.TrainingDirIn(data))
	if err != nil {
		t.Fatal(err)
	}
	s, err := st.Load(lockCase)
	if err != nil {
		t.Fatalf("the session is gone: %v", err)
	}
	return s
}

func TestSecondWindowOnASessionIsRefusedAndNothingIsLost(t *testing.T) {
	data := t.TempDir()
	a := openedInterview(t, data)
	b := openWindow(t, data, "resume", lockCase, "--plain", "--ui-lang", "en")
	io.WriteString(b.stdin, "n\nn\n:quit\n")
	if code := b.finish(t); code != exitFailure {
		t.Errorf("the second window exited with %d, want %d:\n%s", code, exitFailure, b.output())
	}
	want := "The session " + lockCase + " has been open in another window since " + time.Now().Format("15:04")[:3]
	if out := b.output(); !strings.Contains(out, want) || !strings.Contains(out, "(process "+strconv.Itoa(a.cmd.Process.Pid)+")") {
		t.Errorf("the second window does not name the case, the time and the first window's process (%d):\n%s", a.cmd.Process.Pid, out)
	}
	if strings.Contains(b.output(), "Question") {
		t.Errorf("the second window showed a question of a session open elsewhere:\n%s", b.output())
	}
	io.WriteString(a.stdin, "n\n:quit\n")
	if code := a.finish(t); code != exitOK {
		t.Fatalf("the first window exited with %d:\n%s", code, a.output())
	}
	if s := storedTraining(t, data); len(s.Answers.Values) != 2 {
		t.Errorf("the session holds %d answers after the second window was refused, want the first window's 2: %v", len(s.Answers.Values), s.Answers.Values)
	}
	// Once the first window has ended, the case opens again.
	c := openWindow(t, data, "resume", lockCase, "--plain", "--ui-lang", "en")
	io.WriteString(c.stdin, ":quit\n")
	if code := c.finish(t); code != exitOK {
		t.Errorf("resume after the first window ended exited with %d:\n%s", code, c.output())
	}
	if _, err := os.Stat(filepath.Join(data, "locks", lockCase+".lock")); !os.IsNotExist(err) {
		t.Errorf("a lock file named by the case code stays after every window ended: %v", err)
	}
}

func TestExportDuringAnInterviewKeepsItsSharingLogEntry(t *testing.T) {
	data := t.TempDir()
	a := openedInterview(t, data)
	out := filepath.Join(t.TempDir(), "summary.md")

	// While the interview stays open, export waits a moment and then refuses, writing
	// nothing: a summary that left without its line in the log is what must not happen.
	refused := openWindow(t, data, "export", lockCase, "--format", "md", "--out", out, "--ui-lang", "en")
	if code := refused.finish(t); code != exitFailure || !strings.Contains(refused.output(), "open in another window") {
		t.Errorf("export during an interview exited with %d:\n%s", code, refused.output())
	}
	// The same through the session file's path.
	byPath := openWindow(t, data, "export", filepath.Join(interview.TrainingDirIn(data), lockCase+".json"), "--format", "md", "--out", out, "--ui-lang", "en")
	if code := byPath.finish(t); code != exitFailure || !strings.Contains(byPath.output(), "open in another window") {
		t.Errorf("export of the session file by its path during an interview exited with %d:\n%s", code, byPath.output())
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("a refused export wrote its file: %v", err)
	}

	// An export that starts while the interview is closing waits for it, then logs.
	waiting := openWindow(t, data, "export", lockCase, "--format", "md", "--out", out, "--ui-lang", "en")
	time.Sleep(300 * time.Millisecond)
	io.WriteString(a.stdin, ":quit\n")
	if code := a.finish(t); code != exitOK {
		t.Fatalf("the interview exited with %d:\n%s", code, a.output())
	}
	if code := waiting.finish(t); code != exitOK {
		t.Fatalf("the export that waited for the interview exited with %d:\n%s", code, waiting.output())
	}
	if s := storedTraining(t, data); len(s.Exports) != 1 || s.Exports[0].Format != "md" {
		t.Errorf("the sharing log after the export holds %+v, want the one md export", s.Exports)
	}
}

func TestDeleteDuringAnInterviewIsRefused(t *testing.T) {
	data := t.TempDir()
	a := openedInterview(t, data)
	del := openWindow(t, data, "sessions", "delete", lockCase, "--training", "--yes", "--ui-lang", "en")
	if code := del.finish(t); code != exitFailure || !strings.Contains(del.output(), "open in another window") {
		t.Errorf("delete during an interview exited with %d:\n%s", code, del.output())
	}
	io.WriteString(a.stdin, ":quit\n")
	if code := a.finish(t); code != exitOK {
		t.Fatalf("the interview exited with %d:\n%s", code, a.output())
	}
	if s := storedTraining(t, data); len(s.Answers.Values) != 1 {
		t.Errorf("the session holds %d answers, want the interview's 1", len(s.Answers.Values))
	}
}

// TestPurgeSkipsASessionOpenInAnotherWindow: purge deletes the other old sessions, names
// the one that is open and keeps it, and exits with 1.
func TestPurgeSkipsASessionOpenInAnotherWindow(t *testing.T) {
	t.Parallel()
	env := newStorageEnv(t)
	for _, c := range []string{"MD-OPEN-0001", "MD-SHUT-0001"} {
		if code, _, errOut := (cliRun{folders: env, stdin: "y\n:quit\n"}).run(t, "interview", "--plain", "--training", "--guideline", "example", "--case", c); code != 0 {
			t.Fatalf("interview %s: exit %d: %s", c, code, errOut)
		}
	}
	// Another window: the lock is per open file, so one held here is another window's.
	l, err := sessionlock.Acquire(filepath.Join(env.data, "locks"), "MD-OPEN-0001", 0, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	defer l.Release()
	later := time.Date(2026, 9, 1, 12, 0, 0, 0, time.UTC)
	code, _, errOut := cliRun{folders: env, now: later, ui: "en"}.run(t, "sessions", "purge", "--older-than", "30d", "--training", "--yes")
	if code != exitFailure || !strings.Contains(errOut, "The session MD-OPEN-0001 has been open in another window since") {
		t.Errorf("purge with an open session: exit %d, stderr:\n%s", code, errOut)
	}
	if !env.hasTrainingFile("MD-OPEN-0001") || env.hasTrainingFile("MD-SHUT-0001") {
		t.Errorf("purge should keep the open session and delete the other: open kept %v, other kept %v",
			env.hasTrainingFile("MD-OPEN-0001"), env.hasTrainingFile("MD-SHUT-0001"))
	}
}
