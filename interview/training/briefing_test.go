package training

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/earlyid/earlyid/indicators"
	"github.com/earlyid/earlyid/interview"
)

// TestBriefingMarkdownGolden: the role card of the border scenario in English. Read by
// hand: the TRAINING marking at top and bottom, the persona, every question the person is
// asked on the scenario's path with its answer (Ukrainian citizenship, "Transport; A job",
// much more than usual pay, no money for the next days …) and the notes, then the
// interviewer's own checks and observations (safety check, obs_no_address = Yes).
func TestBriefingMarkdownGolden(t *testing.T) {
	t.Parallel()
	b, err := NewBriefing(mustCase(t, "mixed-flows-md-border-stranger-offer"), "en")
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := b.Render(&out, FormatMarkdown); err != nil {
		t.Fatal(err)
	}
	golden.RequireEqual(t, out.Bytes())
}

func TestBriefingFormats(t *testing.T) {
	t.Parallel()
	c := mustCase(t, "mixed-flows-md-palanca-aunt")
	for _, lang := range []string{"ro", "uk", "ru", "en"} {
		b, err := NewBriefing(c, lang)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range BriefingFormats {
			var out bytes.Buffer
			if err := b.Render(&out, f); err != nil {
				t.Fatalf("%s %s: %v", lang, f, err)
			}
			s := out.String()
			switch f {
			case FormatPDF:
				if !strings.HasPrefix(s, "%PDF-") || out.Len() < 5000 {
					t.Errorf("%s pdf: %d bytes", lang, out.Len())
				}
			case FormatHTML:
				if strings.Contains(s, "<script") || !strings.Contains(s, b.labels().Banner) || !strings.Contains(s, c.Scenario.Persona.In(lang)[:20]) {
					t.Errorf("%s html lacks the banner or persona, or has a script", lang)
				}
			default:
				if !strings.Contains(s, b.labels().Banner) {
					t.Errorf("%s %s lacks the training banner", lang, f)
				}
			}
		}
	}
	// The sensitive text answer (the trusted person's contact) is part of the fictional role.
	b, _ := NewBriefing(c, "en")
	if len(b.Observations) == 0 || len(b.Sections) < 5 {
		t.Errorf("sections %d, observations %d", len(b.Sections), len(b.Observations))
	}
}

// TestAutoplayReachesExpected plays every shipped scenario with no delay through a real
// engine and checks the engine's own result against the scenario's expected one.
func TestAutoplayReachesExpected(t *testing.T) {
	t.Parallel()
	for _, c := range shipped(t) {
		t.Run(c.Scenario.ID, func(t *testing.T) {
			s, err := interview.NewSession(c.Guideline, "MD-AUTO-0001", interview.ModeTraining, "uk", "en", t0)
			if err != nil {
				t.Fatal(err)
			}
			store := interview.NewMemoryStore()
			e, err := interview.New(c.Guideline, s, store, interview.WithClock(tick()))
			if err != nil {
				t.Fatal(err)
			}
			var out bytes.Buffer
			var slept []time.Duration
			a, err := Autoplay(e, c, &out, AutoplayOptions{Delay: 0, Sleep: func(d time.Duration) { slept = append(slept, d) }})
			if err != nil {
				t.Fatal(err)
			}
			checkExpected(t, c, a)
			text := out.String()
			if !strings.Contains(text, "Reached the outcome the scenario expects") || strings.ContainsRune(text, 0x1b) {
				t.Errorf("output:\n%s", text)
			}
			if len(slept) != 0 {
				t.Errorf("slept %v with no delay", slept)
			}
			saved, err := store.Load("MD-AUTO-0001")
			if err != nil || saved.Status != interview.StatusFinished {
				t.Errorf("saved session %v, %v", saved, err)
			}
		})
	}
}

func TestAutoplayDelay(t *testing.T) {
	t.Parallel()
	c := mustCase(t, "mixed-flows-md-grandmother-no-indicators")
	s, _ := interview.NewSession(c.Guideline, "MD-AUTO-0002", interview.ModeTraining, "ro", "ro", t0)
	e, _ := interview.New(c.Guideline, s, interview.NewMemoryStore(), interview.WithClock(tick()))
	var slept []time.Duration
	var out bytes.Buffer
	if _, err := Autoplay(e, c, &out, AutoplayOptions{Delay: 1500 * time.Millisecond, Sleep: func(d time.Duration) { slept = append(slept, d) }}); err != nil {
		t.Fatal(err)
	}
	answered := len(e.Session().Answers.Values)
	if len(slept) != answered || slept[0] != 1500*time.Millisecond {
		t.Errorf("slept %d times for %d answers", len(slept), answered)
	}
	if !strings.Contains(out.String(), "INSTRUIRE — caz fictiv") {
		t.Errorf("no training banner:\n%s", out.String())
	}
}

func checkExpected(t *testing.T, c *Case, a *indicators.Assessment) {
	t.Helper()
	exp := c.Scenario.Expected
	if a.Outcome.ID != exp.Outcome {
		t.Errorf("outcome %s, want %s", a.Outcome.ID, exp.Outcome)
	}
	var ind, fl []string
	for _, x := range a.Indicators {
		ind = append(ind, x.Indicator.ID)
	}
	for _, f := range a.Flags {
		fl = append(fl, f.Flag.ID)
	}
	if !sameSet(ind, exp.Indicators) || !sameSet(fl, exp.Flags) {
		t.Errorf("indicators %v flags %v; want %v %v", ind, fl, exp.Indicators, exp.Flags)
	}
}

func sameSet(a, b []string) bool {
	m := setOf(a)
	if len(m) != len(setOf(b)) {
		return false
	}
	for _, x := range b {
		if !m[x] {
			return false
		}
	}
	return true
}
