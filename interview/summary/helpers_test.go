package summary

import (
	"bytes"
	"os/exec"
	"testing"
	"time"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/indicators"
	"github.com/earlyid/earlyid/interview"
)

// The fixed clock of every test: the interview began at 09:30 and the summary is produced at
// 14:00 UTC on 27.11.2026.
var (
	interviewed = time.Date(2026, 11, 27, 9, 30, 0, 0, time.UTC)
	generated   = time.Date(2026, 11, 27, 14, 0, 0, 0, time.UTC)
)

// The two shipped scenarios of the golden files: an adult presumed victim (every section
// filled, consent to share given) and a 15-year-old with a controlling companion (urgent
// child flag, a "don't know" answer, further assessment).
const (
	scenarioAdult = "mixed-flows-md-telegram-construction-debt"
	scenarioChild = "mixed-flows-md-palanca-aunt"
	// scenarioLargest has the most present indicators of the shipped scenarios: the
	// benchmarks use it.
	scenarioLargest = "mixed-flows-md-online-partner-nightclub"
)

// scenarioSession returns the shipped scenario's guideline and a finished training session
// holding its answers and notes, as an interview with those answers would have saved it.
func scenarioSession(tb testing.TB, id string) (*guidelines.Guideline, *interview.Session) {
	tb.Helper()
	scs, err := guidelines.EmbeddedScenarios()
	if err != nil {
		tb.Fatalf("the embedded scenarios do not load: %v", err)
	}
	var sc *guidelines.Scenario
	for _, s := range scs {
		if s.ID == id {
			sc = s
		}
	}
	if sc == nil {
		tb.Fatalf("no embedded scenario %q", id)
	}
	g, ds := guidelines.Open(sc.Guideline)
	if g == nil || ds.HasErrors() {
		tb.Fatalf("guideline %s: %v", sc.Guideline, ds)
	}
	s, err := interview.NewSession(g, "MD-7K3Q-2PXA", interview.ModeTraining, "uk", "ro", interviewed)
	if err != nil {
		tb.Fatal(err)
	}
	for q, v := range sc.Answers.Values {
		s.Answers.Values[q] = v
	}
	for q, n := range sc.Answers.Notes {
		s.Answers.Notes[q] = n
	}
	s.Status = interview.StatusFinished
	s.Updated = interviewed.Add(35 * time.Minute)
	s.Place = "Palanca, punctul de trecere a frontierei"
	s.InterviewerRole = "ofițer de poliție de frontieră"
	s.Institution = "IGPF"
	s.Remarks = "Calm, cooperant.\nA cerut să fie contactat în limba ucraineană."
	return g, s
}

// build scores s and builds its summary in lang with the fixed clock.
func build(tb testing.TB, g *guidelines.Guideline, s *interview.Session, lang, basis string) *Summary {
	tb.Helper()
	a, err := Assess(g, s)
	if err != nil {
		tb.Fatal(err)
	}
	sum, err := Build(g, s, a, Options{Lang: lang, LegalBasis: basis, Generated: generated, Location: time.UTC})
	if err != nil {
		tb.Fatal(err)
	}
	return sum
}

// render writes sum in format.
func render(tb testing.TB, sum *Summary, format string) []byte {
	tb.Helper()
	var buf bytes.Buffer
	if err := sum.Render(&buf, format); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// assessment is Assess without the error, for tests.
func assessment(tb testing.TB, g *guidelines.Guideline, s *interview.Session) *indicators.Assessment {
	tb.Helper()
	a, err := Assess(g, s)
	if err != nil {
		tb.Fatal(err)
	}
	return a
}

// needTool skips the test when a poppler tool is missing. CI installs poppler-utils
// (.ci/run), so there it always runs.
func needTool(tb testing.TB, name string) string {
	tb.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		tb.Skipf("%s is not installed (apt-get install poppler-utils); the PDF text checks need it", name)
	}
	return path
}
