package vault

import (
	"bufio"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"filippo.io/age"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/interview"
)

var crashRuns = flag.Int("crashruns", 50, "how many times TestCrashKill kills an interview with SIGKILL")

// Environment of the child processes the crash and disk-full tests start (the test binary
// runs itself; see os/exec's helper-process tests).
const (
	envChild = "EARLYID_VAULT_TEST_CHILD" // which child: "crash" or "diskfull"
	envDir   = "EARLYID_VAULT_TEST_DIR"   // the sessions folder
	envKey   = "EARLYID_VAULT_TEST_KEY"   // the test identity (a throw-away key)
	envRun   = "EARLYID_VAULT_TEST_RUN"   // the run number, to make every answer unique
)

const (
	crashCode      = "MD-CRSH-0001"
	crashQuestions = 40
	// answerPrefix starts every answer the crash child gives; the parent searches the
	// folder for it in plaintext.
	answerPrefix = "crash-answer-"
)

// TestCrashKill runs an interview in a child process through the engine and the real
// encrypted store, and kills it with SIGKILL at a random moment, -crashruns times (each
// run continues the same session). The child prints "ACK <question> <answer>" after each
// answer whose save returned. After every kill the session file must decrypt (never torn)
// and hold every acknowledged answer, or a later one to the same question (the save of
// an answer can finish before its ACK is printed).
func TestCrashKill(t *testing.T) {
	t.Parallel()
	if runtime.GOOS == "windows" || runtime.GOOS == "plan9" {
		t.Skip("SIGKILL is a Unix signal")
	}
	runs := *crashRuns
	if testing.Short() {
		runs = min(runs, 10)
	}
	id := newIdentity(t)
	dir := filepath.Join(t.TempDir(), "sessions")
	reader, err := Open(dir, []age.Recipient{id.Recipient()}, WithIdentity(id))
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 6))
	acked := map[string]int{} // question → sequence number of its last acknowledged answer
	totalAcks, killedMidRun := 0, 0
	for run := range runs {
		cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$")
		cmd.Env = append(os.Environ(), envChild+"=crash", envDir+"="+dir, envKey+"="+id.String(), envRun+"="+strconv.Itoa(run))
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		cmd.Stderr = os.Stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := make(chan string, 1024)
		go func() {
			sc := bufio.NewScanner(out)
			for sc.Scan() {
				lines <- sc.Text()
			}
			close(lines)
		}()
		// Wait for the child to be ready (store open, session loaded), then kill it at a
		// random moment: while encrypting, writing, syncing, renaming or between saves.
		ready := false
		for l := range lines {
			if l == "READY" {
				ready = true
				break
			}
		}
		if !ready {
			cmd.Wait()
			t.Fatalf("run %d: the child ended before it was ready", run)
		}
		time.Sleep(time.Duration(rng.IntN(25000)) * time.Microsecond)
		cmd.Process.Signal(syscall.SIGKILL)
		for l := range lines { // only complete lines count: a torn "ACK" line is no ACK
			q, seq, ok := parseAck(l)
			if ok {
				acked[q] = seq
				totalAcks++
			}
		}
		err = cmd.Wait()
		if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			killedMidRun++
		} else if err != nil {
			t.Fatalf("run %d: the child failed: %v", run, err)
		}

		if len(acked) == 0 {
			continue // killed before its first save: nothing was promised
		}
		s, err := reader.Load(crashCode)
		if err != nil {
			t.Fatalf("run %d: the session does not load after SIGKILL: %v", run, err)
		}
		for q, want := range acked {
			got, ok := seqOf(s.Answers.Values[q].Str)
			if !ok || got < want {
				t.Fatalf("run %d: question %s holds %q; the acknowledged answer had sequence %d", run, q, s.Answers.Values[q].Str, want)
			}
		}
	}
	if hits := findPlaintext(t, dir, []byte(answerPrefix)); len(hits) > 0 {
		t.Errorf("plaintext answers on disk after the kills: %v", hits)
	}
	countTemps := func() int {
		n := 0
		if entries, err := os.ReadDir(dir); err == nil {
			for _, e := range entries {
				if strings.Contains(e.Name(), ".tmp-") {
					n++ // left by a kill between create and rename; ciphertext
				}
			}
		}
		return n
	}
	temps := countTemps()
	// Every run's Open removed what the runs before left (their processes have ended), so
	// only the last run's temp file may be there, and the next Open removes it at once.
	if temps > 1 {
		t.Errorf("%d temp files of killed processes after the last run; each Open should remove those of ended processes", temps)
	}
	if _, err := Open(dir, []age.Recipient{id.Recipient()}); err != nil {
		t.Fatal(err)
	}
	if n := countTemps(); n != 0 {
		t.Errorf("%d temp files of killed processes are left after Open", n)
	}
	if totalAcks == 0 {
		t.Fatalf("no answer was acknowledged in %d runs: the test tested nothing", runs)
	}
	t.Logf("%d runs, %d killed while answering, %d acknowledged answers checked, %d orphan temp files (ciphertext)", runs, killedMidRun, totalAcks, temps)
}

// parseAck reads "ACK <question> <answer>" and returns the answer's sequence number.
func parseAck(line string) (string, int, bool) {
	f := strings.Fields(line)
	if len(f) != 3 || f[0] != "ACK" {
		return "", 0, false
	}
	seq, ok := seqOf(f[2])
	return f[1], seq, ok
}

// seqOf returns the sequence number in an answer "crash-answer-<seq>".
func seqOf(answer string) (int, bool) {
	s, ok := strings.CutPrefix(answer, answerPrefix)
	if !ok {
		return 0, false
	}
	n, err := strconv.Atoi(s)
	return n, err == nil
}

// TestCrashChild is the child of TestCrashKill; run alone it does nothing.
func TestCrashChild(t *testing.T) {
	if os.Getenv(envChild) != "crash" {
		t.Skip("the child process of TestCrashKill")
	}
	id, err := age.ParseX25519Identity(os.Getenv(envKey))
	if err != nil {
		fatalChild("key: %v", err)
	}
	run, _ := strconv.Atoi(os.Getenv(envRun))
	g := textGuideline(t, crashQuestions)
	st, err := Open(os.Getenv(envDir), []age.Recipient{id.Recipient()}, WithIdentity(id))
	if err != nil {
		fatalChild("open: %v", err)
	}
	s, err := st.Load(crashCode)
	if err != nil {
		if s, err = interview.NewSession(g, crashCode, interview.ModeReal, "en", "en", time.Now()); err != nil {
			fatalChild("new session: %v", err)
		}
	}
	e, err := interview.New(g, s, st)
	if err != nil {
		fatalChild("engine: %v", err)
	}
	if err := e.Start(); err != nil || e.SaveError() != nil {
		fatalChild("start: %v %v", err, e.SaveError())
	}
	w := bufio.NewWriter(os.Stdout)
	fmt.Fprintln(w, "READY")
	w.Flush()
	for k := 0; k < 1_000_000; k++ {
		if e.Current().Question == nil { // at the review: change an earlier answer
			if err := e.Goto(fmt.Sprintf("q%d", k%crashQuestions)); err != nil {
				fatalChild("goto: %v", err)
			}
		}
		q := e.Current().Question.ID
		v := fmt.Sprintf("%s%d", answerPrefix, run*1_000_000+k)
		if err := e.Answer(guidelines.Value{Str: v}); err != nil {
			fatalChild("answer: %v", err)
		}
		if err := e.SaveError(); err != nil {
			fatalChild("save: %v", err)
		}
		fmt.Fprintf(w, "ACK %s %s\n", q, v)
		w.Flush() // the ACK leaves only after the save returned
	}
	os.Exit(0)
}

func fatalChild(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "child: "+format+"\n", args...)
	os.Exit(3)
}
