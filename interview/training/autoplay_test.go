package training

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/earlyid/earlyid/interview"
)

// TestAutoplayForAProjector: at 60 columns no line is wider than the screen unless it is a
// single word, and no word is cut (every word of the unwrapped output is there whole);
// the question count has one total and only grows; with a step function, it is called
// once per question and nothing sleeps; the note is in the interviewer's language.
func TestAutoplayForAProjector(t *testing.T) {
	t.Parallel()
	c := mustCase(t, "mixed-flows-md-telegram-construction-debt")
	play := func(width int, step func() error) string {
		s, err := interview.NewSession(c.Guideline, "MD-AUTO-0003", interview.ModeTraining, "uk", "ro", t0)
		if err != nil {
			t.Fatal(err)
		}
		e, err := interview.New(c.Guideline, s, interview.NewMemoryStore(), interview.WithClock(tick()))
		if err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		slept := 0
		if _, err := Autoplay(e, c, &out, AutoplayOptions{Delay: time.Second, Sleep: func(time.Duration) { slept++ }, Step: step, Width: width}); err != nil {
			t.Fatal(err)
		}
		if step != nil && slept != 0 {
			t.Errorf("slept %d times in step mode", slept)
		}
		return out.String()
	}
	steps := 0
	narrow := play(60, func() error { steps++; return nil })
	wide := play(0, nil)

	for _, line := range strings.Split(narrow, "\n") {
		if n := len([]rune(line)); n > 60 && len(strings.Fields(line)) > 1 {
			t.Errorf("a line of %d columns: %q", n, line)
		}
	}
	if got, want := strings.Fields(narrow), strings.Fields(wide); len(got) != len(want)+len(strings.Fields("Apăsați Enter pentru următoarea întrebare.")) {
		t.Errorf("%d words at 60 columns, %d unwrapped: a word was cut or lost", len(got), len(want))
	}
	if !strings.Contains(narrow, "Apăsați Enter pentru următoarea întrebare.") {
		t.Errorf("step mode does not say how to go on:\n%s", narrow)
	}

	counts := regexp.MustCompile(`(?m)^\[(\d+)/(\d+)\]`).FindAllStringSubmatch(wide, -1)
	if len(counts) == 0 || steps != len(counts) {
		t.Fatalf("%d steps for %d questions shown", steps, len(counts))
	}
	last := 0
	for _, m := range counts {
		n, _ := strconv.Atoi(m[1])
		if m[2] != counts[0][2] || n <= last {
			t.Errorf("the count went %d → %s/%s (total first %s)", last, m[1], m[2], counts[0][2])
		}
		last = n
	}

	// The interviewer reads Romanian here: the note on s_medical is the Romanian one.
	if !strings.Contains(oneLine(wide), "Tăietură infectată la mâna stângă") || strings.Contains(wide, "Infected cut") {
		t.Errorf("the note is not in the interviewer's language:\n%s", wide)
	}
}
