package training

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/interview"
)

// t0 is the fixed start of every test session.
var t0 = time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)

// tick returns a clock that moves one second forward at every call, so an engine driven by
// a test records non-zero, reproducible timings.
func tick() func() time.Time {
	now := t0
	return func() time.Time {
		now = now.Add(time.Second)
		return now
	}
}

// mustCase looks up an embedded scenario.
func mustCase(t testing.TB, id string) *Case {
	t.Helper()
	c, _, err := Lookup(id, "")
	if err != nil {
		t.Fatalf("Lookup(%s): %v", id, err)
	}
	return c
}

// shipped returns the embedded scenarios of the mixed-flows-md guidelines.
func shipped(t testing.TB) []*Case {
	t.Helper()
	all, err := guidelines.EmbeddedScenarios()
	if err != nil {
		t.Fatalf("embedded scenarios: %v", err)
	}
	var out []*Case
	for _, s := range all {
		if len(s.ID) > len("mixed-flows-md") && s.ID[:len("mixed-flows-md")] == "mixed-flows-md" {
			out = append(out, mustCase(t, s.ID))
		}
	}
	if len(out) < 8 {
		t.Fatalf("only %d shipped scenarios", len(out))
	}
	return out
}

// session returns a finished training session of c's guideline with the given answers
// and per-question seconds.
func session(t testing.TB, c *Case, code string, vals map[string]guidelines.Value, secs map[string]float64) *interview.Session {
	t.Helper()
	s, err := interview.NewSession(c.Guideline, code, interview.ModeTraining, "en", "en", t0)
	if err != nil {
		t.Fatal(err)
	}
	s.Scenario = c.Scenario.ID
	s.Status = interview.StatusFinished
	for id, v := range vals {
		s.Answers.Values[id] = v
	}
	for id, sec := range secs {
		s.Timings[id] = &interview.Timing{Seconds: sec, Visits: 1}
	}
	return s
}

// copyValues returns a copy of the scenario's answers.
func copyValues(c *Case) map[string]guidelines.Value {
	out := make(map[string]guidelines.Value, len(c.Scenario.Answers.Values))
	for k, v := range c.Scenario.Answers.Values {
		out[k] = v
	}
	return out
}

func str(s string) guidelines.Value  { return guidelines.Value{Str: s} }
func num(f float64) guidelines.Value { return guidelines.Value{Num: f} }

// oneLine joins the lines of a text layout (wrapped at textWidth) and its runs of spaces,
// so that a test can look for a sentence whatever its line breaks.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// TestMain removes the shared session files (sharedSessions) once every test has run.
func TestMain(m *testing.M) {
	code := m.Run()
	shared.Lock()
	if shared.dir != "" {
		os.RemoveAll(shared.dir)
	}
	shared.Unlock()
	os.Exit(code)
}

// reportSet is a set of generated session files (genSessions) that several report tests
// read. Writing, reading and scoring 500 files is most of the time of those tests, so the
// set is built once per test binary and only read after.
type reportSet struct {
	dir      string
	files    []string
	sessions []*interview.Session
	// records are the files as NewReport reads and scores them (demonstrations left out),
	// for report, which aggregates them again for each breakdown.
	records []record
}

// report is the report NewReport writes over the set's files with by and minGroup, from
// the records read once, with the interviews of every scenario pooled (--all-scenarios).
func (rs *reportSet) report(t testing.TB, by string, minGroup int) *Report {
	t.Helper()
	rep, err := aggregate(slices.Values(rs.records), by, minGroup, true)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// shared holds the sets built so far, by size and seed, in one temporary folder that
// TestMain removes.
var shared struct {
	sync.Mutex
	dir  string
	sets map[[2]uint64]*reportSet
}

// sharedSessions returns the set of n sessions generated with seed, building it on first
// use. A set whose building failed is not kept: the next test that asks fails in turn.
func sharedSessions(t testing.TB, n int, seed uint64) *reportSet {
	t.Helper()
	shared.Lock()
	defer shared.Unlock()
	key := [2]uint64{uint64(n), seed}
	if rs := shared.sets[key]; rs != nil {
		return rs
	}
	if shared.dir == "" {
		dir, err := os.MkdirTemp("", "earlyid-report-test-")
		if err != nil {
			t.Fatal(err)
		}
		shared.dir, shared.sets = dir, map[[2]uint64]*reportSet{}
	}
	dir := filepath.Join(shared.dir, fmt.Sprintf("%d-%d", n, seed))
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	rs := &reportSet{dir: dir, sessions: genSessions(t, dir, n, seed)}
	files, err := CollectFiles([]string{dir})
	if err != nil || len(files) != n {
		t.Fatalf("%d files of %d, %v", len(files), n, err)
	}
	rs.files = files
	rs.records = slices.Collect(readRecords(files, ReportOptions{}))
	shared.sets[key] = rs
	return rs
}
