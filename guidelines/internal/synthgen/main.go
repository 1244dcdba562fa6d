// Command synthgen writes the synthetic form of guidelines.Synthetic in both formats of
// the peer comparison (.ci/bench-surveyjs), with the same answers in both:
//
//	DIR/form.yaml      the earlyid guideline
//	DIR/answers.yaml   its answers file, for earlyid score
//	DIR/form.json      the same form as a SurveyJS survey
//	DIR/answers.json   the same answers as SurveyJS data
//
// Usage: go run ./guidelines/internal/synthgen -questions 1000 -dir DIR
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/earlyid/earlyid/guidelines"
)

func main() {
	questions := flag.Int("questions", 1000, "number of questions")
	indicators := flag.Int("indicators", 0, "number of indicators (default: half the questions)")
	dir := flag.String("dir", ".", "folder to write the four files to")
	flag.Parse()
	if err := run(*questions, *indicators, *dir); err != nil {
		fmt.Fprintln(os.Stderr, "synthgen:", err)
		os.Exit(1)
	}
}

func run(questions, indicators int, dir string) error {
	if indicators <= 0 {
		indicators = max(questions/2, 1)
	}
	sjs, err := guidelines.SyntheticSurveyJS(questions, indicators)
	if err != nil {
		return err
	}
	answersYAML, answersJSON := guidelines.SyntheticAnswers(questions)
	for name, data := range map[string][]byte{
		"form.yaml":    guidelines.Synthetic(questions, indicators),
		"answers.yaml": answersYAML,
		"form.json":    sjs,
		"answers.json": answersJSON,
	} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			return fmt.Errorf("the file %s could not be written: %w", name, err)
		}
	}
	return nil
}
