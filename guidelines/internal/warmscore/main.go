//go:build unix

// Command warmscore is earlyid's side of the warm runs of the peer comparison
// (.ci/bench-surveyjs): the work of `earlyid score --guideline FORM --answers ANSWERS` —
// read and load the form, read the answers, score them — done once to warm up, then
// repeated in the same process, as the SurveyJS side repeats its work in one warm Node
// process. Neither side's figure has a process start in it. It prints the median wall and
// CPU (user + system, of the whole process, the collector included) milliseconds of one
// repeat, as the SurveyJS side does.
//
// Usage: go run ./guidelines/internal/warmscore -form DIR/form.yaml -answers DIR/answers.yaml
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"runtime/debug"
	"slices"
	"syscall"
	"time"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/indicators"
)

func main() {
	form := flag.String("form", "form.yaml", "the guideline to load")
	answers := flag.String("answers", "answers.yaml", "its answers file")
	repeats := flag.Int("repeats", 3, "timed repeats after the warm-up")
	flag.Parse()
	if os.Getenv("GOGC") == "" {
		// What `earlyid score` runs with (shortGCPercent in cmd/earlyid): the same work,
		// with the same collector.
		debug.SetGCPercent(400)
	}
	if err := run(*form, *answers, *repeats); err != nil {
		fmt.Fprintln(os.Stderr, "warmscore:", err)
		os.Exit(1)
	}
}

func run(form, answers string, repeats int) error {
	if err := once(form, answers); err != nil {
		return err
	}
	wall, cpu := make([]float64, repeats), make([]float64, repeats)
	for i := range repeats {
		t, c := time.Now(), cpuTime()
		if err := once(form, answers); err != nil {
			return err
		}
		wall[i] = float64(time.Since(t).Microseconds()) / 1000
		cpu[i] = float64((cpuTime() - c).Microseconds()) / 1000
	}
	fmt.Printf("%.2f %.2f\n", median(wall), median(cpu))
	return nil
}

// once is what `earlyid score` does with a guideline and an answers file given by path.
func once(form, answers string) error {
	g, ds := guidelines.Load(form)
	if g == nil {
		return fmt.Errorf("the form does not load: %v", ds)
	}
	data, err := os.ReadFile(answers)
	if err != nil {
		return fmt.Errorf("the answers cannot be read: %w", err)
	}
	ans, _, ads := guidelines.ParseAnswers(answers, data, g)
	if ads.HasErrors() {
		return fmt.Errorf("the answers do not load: %v", ads)
	}
	var incomplete *indicators.IncompleteError
	if _, err := indicators.Score(g, ans); err != nil && !errors.As(err, &incomplete) {
		return fmt.Errorf("the answers cannot be scored: %w", err)
	}
	return nil
}

// cpuTime is the process's CPU time so far, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func median(xs []float64) float64 {
	s := slices.Sorted(slices.Values(xs))
	if n := len(s); n%2 == 0 {
		return (s[n/2-1] + s[n/2]) / 2
	}
	return s[len(s)/2]
}
