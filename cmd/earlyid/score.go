package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/indicators"
	"github.com/earlyid/earlyid/interview/training"
	"github.com/earlyid/earlyid/locales"
)

// scoreOptions holds the score command's dependencies and flag values.
type scoreOptions struct {
	IO        *IOStreams
	Localizer func() *locales.Localizer
	Open      func(idOrPath string) (*guidelines.Guideline, guidelines.Diagnostics)
	Read      func(path string) ([]byte, error)

	Guideline string
	Answers   string
	Format    string
	Lang      string
}

func newScoreCmd(f *factory, runF func(*scoreOptions) error) *cobra.Command {
	opts := &scoreOptions{IO: f.IO, Localizer: f.Localizer, Open: guidelines.Open, Read: f.readInput}
	cmd := &cobra.Command{
		Use:   "score --answers FILE|SCENARIO [--guideline FILE|ID]",
		Short: "Score an answers file without an interview",
		Long: `Score an answers file against a guideline, exactly as a finished interview is scored: the
indicators present with the answers and notes behind them, each dimension's counts and
whether it is positive, the outcome, the urgent flags and the referrals.

The answers file has an "answers:" map (question id → answer) and an optional "notes:" map
(question id → the interviewer's note); a training scenario file works too, and so does the
id of a built-in scenario (scored against its own guideline unless --guideline is given). Every answer is
checked against the guideline; a mistake is reported as file:line:col and nothing is scored.
Answers to questions that do not apply (their condition, or their section's, is false) are
not counted, and the text report lists them.

Texts are in the content language --lang (default: the guideline's first language); the
labels of the text report follow it when it is a UI language. --format json prints one
object with the keys guideline, outcome, dimensions, indicators, flags and referrals (see
the README).`,
		Example: `  earlyid score --answers answers.yaml
  earlyid score --guideline my-guideline.yaml --answers answers.yaml --format json
  earlyid score --guideline example --answers guidelines/scenarios/example-unclear.yaml --lang ro
  earlyid score --answers mixed-flows-md-telegram-construction-debt --lang uk`,
		Args: exactArgs(f, 0, ""),
		RunE: func(cmd *cobra.Command, args []string) error {
			if !slices.Contains(indicators.Formats, opts.Format) {
				return f.usageError("cli.error.bad_format", map[string]any{"Value": opts.Format, "Formats": strings.Join(indicators.Formats, ", ")})
			}
			if opts.Answers == "" {
				return f.usageError("cli.error.missing_args", map[string]any{"What": "--answers FILE"})
			}
			return runOr(runF, opts, func() error { return runScore(f, opts) })
		},
	}
	cmd.Flags().StringVar(&opts.Guideline, "guideline", "", "guideline `FILE|ID` (default: the built-in default guideline)")
	cmd.Flags().StringVar(&opts.Answers, "answers", "", "answers `FILE` to score (- for standard input), or a built-in scenario's id")
	cmd.Flags().StringVar(&opts.Format, "format", indicators.FormatText, "output format: text or json")
	cmd.Flags().StringVar(&opts.Lang, "lang", "", "content `language` of the report (default: the guideline's first language)")
	return cmd
}

func runScore(f *factory, opts *scoreOptions) error {
	// A built-in scenario's id scores its answers against its own guideline (or
	// --guideline), as a trainer checks an answer key; a file of that name comes first.
	var scenario *training.Case
	if _, err := os.Stat(opts.Answers); err != nil && opts.Answers != "-" && builtinScenario(opts.Answers) {
		c, err := lookupCase(f, opts.Answers, opts.Guideline)
		if err != nil {
			return err
		}
		scenario = c
	}
	var g *guidelines.Guideline
	if scenario != nil {
		g = scenario.Guideline
	} else {
		var ds guidelines.Diagnostics
		g, ds = opts.Open(opts.Guideline)
		if g == nil || ds.HasErrors() {
			// The guideline's warnings are its authors' business (validate shows them); only
			// what stops scoring is printed here.
			return errorsOf(ds)
		}
	}
	lang := opts.Lang
	if lang == "" {
		lang = g.Languages[0] // a score is not for a person: the guideline's own first language
	} else if err := checkLang(f, g, lang); err != nil {
		return err
	}

	ul := opts.Localizer()
	var answers guidelines.Answers
	if scenario != nil {
		answers = scenario.Scenario.Answers // checked and typed against g by the lookup
	} else {
		var err error
		if answers, err = readAnswersFile(opts.Read, opts.IO.ErrOut, ul, opts.Answers, g); err != nil {
			return err
		}
	}

	a, err := indicators.Score(g, answers)
	var incomplete *indicators.IncompleteError
	if errors.As(err, &incomplete) {
		// The report lists what could not be evaluated, with the reasons: a result that
		// lacks a part is shown, not withheld.
		err = nil
	}
	if err != nil {
		detail := err.Error()
		var re *guidelines.RuntimeError
		if errors.As(err, &re) {
			detail = re.Message(ul) // it names the file, position and condition already
		}
		return f.failure(err, "cli.error.score_failed", map[string]any{"Detail": detail})
	}
	// The report is one document in one language: labels follow the content language when
	// the program speaks it.
	rl := ul
	if locales.Supported(lang) {
		rl = locales.New(lang)
	}
	w := bufio.NewWriter(opts.IO.Out)
	if err := indicators.Render(a, w, opts.Format, lang, rl); err != nil {
		return err
	}
	return w.Flush()
}

// errorsOf returns the errors among ds as one error, so the app prints one line per finding
// and exits 1. It is never nil: callers only call it when loading failed.
func errorsOf(ds guidelines.Diagnostics) error {
	if errs := ds.Errors(); len(errs) > 0 {
		return errs
	}
	return ds
}

// readAnswersFile reads the answers file at path ("-": standard input) through read and
// types it against g. Its errors come back as the diagnostics to print; its warnings are
// said on errOut, and the answers are used.
func readAnswersFile(read func(string) ([]byte, error), errOut io.Writer, ul *locales.Localizer, path string, g *guidelines.Guideline) (guidelines.Answers, error) {
	data, err := read(path)
	if err != nil {
		return guidelines.Answers{}, err
	}
	name := path
	if name == "-" {
		name = "(stdin)"
	}
	answers, _, ads := guidelines.ParseAnswers(name, data, g)
	ads.Sort()
	if ads.HasErrors() {
		return guidelines.Answers{}, ads
	}
	for _, d := range ads {
		fmt.Fprintln(errOut, d.Format(ul))
	}
	return answers, nil
}
