package main

import (
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// initBudget is what one of earlyid's own packages may allocate while it is initialised.
// Every command pays for every package's initialisation, `earlyid version` too, so what
// one command needs (templates, tables, compiled expressions) is built on first use
// instead. The heaviest today is guidelines/workbook's few regexps, at 17 KB; the web
// pages' templates parsed at start-up were 80 KB.
const initBudget = 32 << 10

var initLine = regexp.MustCompile(`^init (github\.com/earlyid/earlyid\S*) @.* (\d+) bytes, (\d+) allocs$`)

// No package of earlyid builds at start-up what only one command uses. The test binary
// links every package the command does; run again with GODEBUG=inittrace=1 and no test,
// it reports each package's initialisation.
func TestStartUpBuildsNothingBig(t *testing.T) {
	t.Parallel()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(self, "-test.run=^$")
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("the test binary did not run: %v\n%s", err, out)
	}
	seen := 0
	for line := range strings.Lines(string(out)) {
		m := initLine.FindStringSubmatch(strings.TrimSpace(line))
		if m == nil {
			continue
		}
		seen++
		if bytes, _ := strconv.Atoi(m[2]); bytes > initBudget {
			t.Errorf("%s allocates %d bytes (%s allocations) when earlyid starts, more than %d: build it on first use (sync.OnceValue)", m[1], bytes, m[3], initBudget)
		}
	}
	if seen < 10 {
		t.Fatalf("inittrace reported %d of earlyid's packages: the test no longer sees them\n%s", seen, out)
	}
}
