//go:build linux

package vault

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"filippo.io/age"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/interview"
)

// envFull selects how the disk-full child runs out of space: "tmpfs" (a 64 KiB tmpfs is
// mounted on the folder) or "rlimit" (RLIMIT_FSIZE: writes past the limit fail with EFBIG;
// Go ignores SIGXFSZ).
const envFull = "EARLYID_VAULT_TEST_FULL"

// TestDiskFullTmpfs fills a real 64 KiB file system: a tmpfs mounted in a private mount
// namespace (unshare), so nothing is mounted on the host. Needs root or user namespaces.
func TestDiskFullTmpfs(t *testing.T) {
	t.Parallel()
	unshare, err := exec.LookPath("unshare")
	if err != nil {
		t.Skip("unshare(1) is not installed, so no tiny file system can be mounted; the injected and RLIMIT_FSIZE disk-full tests still run")
	}
	dir := t.TempDir()
	args := []string{"-m", "--propagation", "private"}
	if os.Geteuid() != 0 {
		args = append([]string{"-r"}, args...) // a user namespace, where allowed
	}
	script := `mount -t tmpfs -o size=64k tmpfs "$1" || { echo MOUNTFAIL; exit 0; }; exec "$2" -test.run='^TestDiskFullChild$'`
	cmd := exec.Command(unshare, append(args, "sh", "-c", script, "sh", dir, os.Args[0])...)
	cmd.Env = append(os.Environ(), envChild+"=diskfull", envFull+"=tmpfs", envDir+"="+dir)
	out, err := cmd.CombinedOutput()
	if strings.Contains(string(out), "MOUNTFAIL") || (err != nil && strings.Contains(string(out), "unshare:")) {
		t.Skipf("this machine does not allow mounting a tmpfs in a private namespace (needs root or user namespaces): %s", firstLine(out))
	}
	checkChild(t, out, err, "ENOSPC")
}

// TestDiskFullRlimit runs out of space without privileges: the child lowers its own
// RLIMIT_FSIZE, so the real interview.WriteFileAtomic fails part-way through a write.
func TestDiskFullRlimit(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestDiskFullChild$")
	cmd.Env = append(os.Environ(), envChild+"=diskfull", envFull+"=rlimit", envDir+"="+dir)
	out, err := cmd.CombinedOutput()
	checkChild(t, out, err, "EFBIG")
}

func checkChild(t *testing.T, out []byte, err error, wantErrno string) {
	t.Helper()
	if err != nil || !strings.Contains(string(out), "OK "+wantErrno) {
		t.Fatalf("child: %v\n%s", err, out)
	}
	t.Logf("%s", firstLine(out))
}

func firstLine(b []byte) string {
	s, _, _ := strings.Cut(strings.TrimSpace(string(b)), "\n")
	return s
}

// TestDiskFullChild is the child of the disk-full tests; run alone it does nothing. It
// answers long answers until a save fails, then checks what a user relies on: the error
// is the file system's, the last good file decrypts with every answer saved before, no
// temp file is left, the interview goes on in memory, and once space is back the next
// save writes everything.
func TestDiskFullChild(t *testing.T) {
	if os.Getenv(envChild) != "diskfull" {
		t.Skip("the child process of the disk-full tests")
	}
	mode := os.Getenv(envFull)
	dir := filepath.Join(os.Getenv(envDir), "sessions")
	fail := func(format string, args ...any) {
		fmt.Printf("FAIL "+format+"\n", args...)
		os.Exit(5)
	}
	var want syscall.Errno
	var free func()
	switch mode {
	case "tmpfs":
		want = syscall.ENOSPC
		// Room to give back later, as a user would by deleting something.
		filler := filepath.Join(os.Getenv(envDir), "filler")
		if err := os.WriteFile(filler, make([]byte, 24<<10), 0o600); err != nil {
			fail("filler: %v", err)
		}
		free = func() { os.Remove(filler) }
	case "rlimit":
		want = syscall.EFBIG
		var old syscall.Rlimit
		syscall.Getrlimit(syscall.RLIMIT_FSIZE, &old)
		lim := syscall.Rlimit{Cur: 20 << 10, Max: old.Max}
		if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &lim); err != nil {
			fail("setrlimit: %v", err)
		}
		free = func() { syscall.Setrlimit(syscall.RLIMIT_FSIZE, &old) }
	default:
		fail("unknown mode %q", mode)
	}

	id := newIdentity(t)
	st, err := Open(dir, []age.Recipient{id.Recipient()}, WithIdentity(id))
	if err != nil {
		fail("open: %v", err)
	}
	g := textGuideline(t, 40)
	s, _ := interview.NewSession(g, "MD-FULL-0002", interview.ModeReal, "en", "en", time.Now())
	e, _ := interview.New(g, s, st)
	e.Start()
	saved := 0
	long := strings.Repeat("x", 1500)
	for i := 0; e.SaveError() == nil; i++ {
		if i == 39 {
			fail("the file system never filled up")
		}
		if err := e.Answer(guidelines.Value{Str: fmt.Sprintf("%d %s", i, long)}); err != nil {
			fail("answer: %v", err)
		}
		if e.SaveError() == nil {
			saved = i + 1
		}
	}
	if !errors.Is(e.SaveError(), want) {
		fail("SaveError = %v, want %v", e.SaveError(), want)
	}
	saveErr := e.SaveError().Error()
	got, err := st.Load("MD-FULL-0002")
	if err != nil {
		fail("the last good file does not load: %v", err)
	}
	if len(got.Answers.Values) != saved {
		fail("the last good file holds %d answers, want the %d saved", len(got.Answers.Values), saved)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		fail("temp files left behind: %v", entries)
	}
	// The interview goes on in memory.
	e.Answer(guidelines.Value{Str: "in memory"})
	inMemory := len(e.Session().Answers.Values)
	free()
	if err := e.Save(); err != nil {
		fail("save after freeing space: %v", err)
	}
	got, err = st.Load("MD-FULL-0002")
	if err != nil || len(got.Answers.Values) != inMemory {
		fail("after freeing space the file holds %v answers (%v), want %d", len(got.Answers.Values), err, inMemory)
	}
	fmt.Printf("OK %s after %d saved answers: %s\n", errnoName(want), saved, saveErr)
	os.Exit(0)
}

func errnoName(e syscall.Errno) string {
	switch e {
	case syscall.ENOSPC:
		return "ENOSPC"
	case syscall.EFBIG:
		return "EFBIG"
	}
	return e.Error()
}
