package sessionlock

import (
	"bufio"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"
)

// helperEnv, when set to "DIR CODE", makes the test binary a holder: it takes the lock,
// says "locked" on stdout and keeps the lock until its stdin closes.
const helperEnv = "SESSIONLOCK_HOLDER"

func TestMain(m *testing.M) {
	if v := os.Getenv(helperEnv); v != "" {
		var dir, code string
		dir, code = filepath.Dir(v), filepath.Base(v)
		l, err := Acquire(dir, code, 0, time.Now())
		if err != nil {
			os.Stdout.WriteString("error: " + err.Error() + "\n")
			os.Exit(3)
		}
		os.Stdout.WriteString("locked\n")
		bufio.NewReader(os.Stdin).ReadString('\n') // until the parent closes stdin
		if err := l.Release(); err != nil {
			os.Exit(4)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// startHolder runs another process that holds the lock of code in dir, and returns it once
// it holds the lock.
func startHolder(t *testing.T, dir, code string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), helperEnv+"="+filepath.Join(dir, code))
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { stdin.Close(); cmd.Process.Kill(); cmd.Wait() })
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil || line != "locked\n" {
		t.Fatalf("the holder did not take the lock: %q, %v", line, err)
	}
	return cmd
}

func TestSecondProcessIsRefusedWithTheHoldersRecord(t *testing.T) {
	dir := t.TempDir()
	holder := startHolder(t, dir, "MD-1234")
	before := time.Now()
	_, err := Acquire(dir, "MD-1234", 0, time.Now())
	var held *HeldError
	if !errors.As(err, &held) {
		t.Fatalf("Acquire while another process holds the lock = %v, want a *HeldError", err)
	}
	if held.Code != "MD-1234" || held.Owner.PID != holder.Process.Pid {
		t.Errorf("the refusal names %s and process %d, want MD-1234 and %d", held.Code, held.Owner.PID, holder.Process.Pid)
	}
	if d := before.Sub(held.Owner.Since); d < 0 || d > time.Minute {
		t.Errorf("the holder is said to have started at %v, %v before the attempt", held.Owner.Since, d)
	}
	// Another session is not concerned.
	l, err := Acquire(dir, "MD-5678", 0, time.Now())
	if err != nil {
		t.Fatalf("another session's lock was refused: %v", err)
	}
	l.Release()
}

func TestLockOfAKilledProcessIsTakenOver(t *testing.T) {
	dir := t.TempDir()
	holder := startHolder(t, dir, "MD-1234")
	if err := holder.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	holder.Wait()
	if _, err := os.Stat(Path(dir, "MD-1234")); err != nil {
		t.Fatalf("a killed holder should leave its lock file behind (the case this test is about): %v", err)
	}
	l, err := Acquire(dir, "MD-1234", 0, time.Now())
	if err != nil {
		t.Fatalf("the lock of a killed process was not taken over: %v", err)
	}
	if o := readOwner(Path(dir, "MD-1234")); o.PID != os.Getpid() {
		t.Errorf("the lock file records process %d after the takeover, want this one (%d)", o.PID, os.Getpid())
	}
	l.Release()
}

func TestWaitingAcquireGetsTheLockWhenTheHolderEnds(t *testing.T) {
	dir := t.TempDir()
	first, err := Acquire(dir, "MD-1234", 0, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		time.Sleep(200 * time.Millisecond)
		first.Release()
	}()
	second, err := Acquire(dir, "MD-1234", 5*time.Second, time.Now())
	if err != nil {
		t.Fatalf("a waiting Acquire did not get the lock its holder released: %v", err)
	}
	if _, err := Acquire(dir, "MD-1234", 0, time.Now()); err == nil {
		t.Fatal("two holders at once after a hand-over")
	}
	if err := second.Release(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(Path(dir, "MD-1234")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Release left the lock file, whose name is the case code: %v", err)
	}
}

func TestManyContendersNeverHoldTogether(t *testing.T) {
	dir := t.TempDir()
	const workers, rounds = 4, 100
	var holders atomic.Int32
	errs := make(chan error, workers)
	for range workers {
		go func() {
			for range rounds {
				l, err := Acquire(dir, "MD-1234", 10*time.Second, time.Now())
				if err != nil {
					errs <- err
					return
				}
				if holders.Add(1) != 1 {
					errs <- errors.New("two holders of one session at once")
					return
				}
				time.Sleep(100 * time.Microsecond)
				holders.Add(-1)
				if err := l.Release(); err != nil {
					errs <- err
					return
				}
			}
			errs <- nil
		}()
	}
	for range workers {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
}
