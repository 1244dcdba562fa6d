package main

import (
	"bytes"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"testing"
)

// ptyArgsEnv carries the arguments of the helper process that script(1) runs on a
// pseudo-terminal (separated by \x1f).
const ptyArgsEnv = "EARLYID_TEST_PTY_ARGS"

// TestPlainModeWritesNoEscapesOnATerminal runs a plain-mode interview on a real
// pseudo-terminal (through script(1), re-running this test binary as earlyid) and checks
// that nothing it writes holds an escape sequence. TERM=dumb keeps bubbletea's package
// initialisation from querying the terminal's background colour (README, "Plain mode"):
// that query is the one escape sequence a plain-mode run can send, and it is not plain
// mode's own.
func TestPlainModeWritesNoEscapesOnATerminal(t *testing.T) {
	if args := os.Getenv(ptyArgsEnv); args != "" { // the helper: earlyid itself, on the pty
		os.Exit(run(strings.Split(args, "\x1f"), systemIO(os.Getenv)))
	}
	if runtime.GOOS != "linux" {
		t.Skip("uses util-linux script(1)")
	}
	script, err := exec.LookPath("script")
	if err != nil {
		t.Skip("script(1) is not installed")
	}
	data := t.TempDir()
	self := "'" + strings.ReplaceAll(os.Args[0], "'", `'\''`) + "'"
	cmd := exec.Command(script, "-qec", self+" -test.run='^TestPlainModeWritesNoEscapesOnATerminal$'", "/dev/null")
	cmd.Env = append(os.Environ(), "TERM=dumb", "EARLYID_DATA_DIR="+data,
		ptyArgsEnv+"="+strings.Join([]string{"interview", "--plain", "--training", "--guideline", "example", "--case", "MD-PTY0-0001", "--lang", "ro", "--ui-lang", "en"}, "\x1f"))
	// On a terminal plain mode asks the setup the flags left open: the place, role and
	// institution (Enter leaves each empty) and the interpreter (Enter keeps "no").
	cmd.Stdin = strings.NewReader("\n\n\n\ny\n:quit\n")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("script: %v\n%q", err, out)
	}
	if !bytes.Contains(out, []byte("earlyid resume MD-PTY0-0001")) || !bytes.Contains(out, []byte("Question 2 ·")) {
		t.Fatalf("the interview did not run on the pseudo-terminal:\n%q", out)
	}
	for _, asked := range []string{"Place of the interview (Enter: leave empty)", "Interpreter present: y = yes, n = no (Enter: No)", "Setup: Person's language: Română"} {
		if !bytes.Contains(out, []byte(asked)) {
			t.Errorf("plain mode on a terminal did not ask or show the setup (%q):\n%q", asked, out)
		}
	}
	if bytes.Contains(out, []byte("Interviewer's language: type its number")) {
		t.Error("plain mode asks the interviewer's language that --ui-lang gave")
	}
	if i := bytes.IndexByte(out, 0x1b); i >= 0 {
		t.Errorf("plain mode wrote an escape sequence on a terminal at byte %d:\n%q", i, out)
	}
}
