package main

import (
	"bytes"
	"errors"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/interview"
	"github.com/earlyid/earlyid/interview/training"
	"github.com/earlyid/earlyid/textsafe"
)

// simulateOptions holds the simulate command's flag values.
type simulateOptions struct {
	// Scenario is the argument: a scenario file, or the id of a built-in one.
	Scenario  string
	Guideline string
	Lang      string
	Briefing  string
	Out       string
	Autoplay  bool
	Delay     time.Duration
	Plain     bool
	Case      string
	Force     bool
	// Sleep waits between autoplay steps; tests replace it.
	Sleep func(time.Duration)
}

func newSimulateCmd(f *factory, runF func(*simulateOptions) error) *cobra.Command {
	opts := &simulateOptions{Sleep: time.Sleep}
	cmd := &cobra.Command{
		Use:   "simulate SCENARIO [--lang L] [--briefing md|html|pdf|text [--out FILE [--force]]] [--autoplay [--delay D]] [--plain]",
		Short: "Run a training interview from a fictional scenario",
		Long: `Run a workshop simulation of a training scenario (a file, or the id of a built-in one; see
"earlyid guidelines"). The scenario's guideline is found by its id among the built-in
guidelines, then among the YAML files in the scenario's folder and its parent; --guideline
FILE overrides.

--briefing md|html|pdf|text writes the role-player's briefing instead of starting an
interview: the persona, and the answers to give to each question, in the person's language
(--lang). Give it to the person who plays the interviewee, not to the trainee.

Without --briefing, the trainee runs a training interview of the scenario's guideline (the
TUI on a terminal, plain mode otherwise or with --plain). The session is stored in the
training folder, marked as training and with the scenario's id, for "earlyid debrief"; the
end names the command. --case continues a stored session of the same scenario, and refuses
one of another scenario. --out never replaces a file without --force.

--autoplay walks through the scenario's answers on screen by itself, one question every
--delay (default 1.5s), and ends on the result: a demonstration for a projector.`,
		Example: `  earlyid simulate mixed-flows-md-border-stranger-offer --briefing pdf --lang uk --out briefing.pdf
  earlyid simulate mixed-flows-md-border-stranger-offer --lang uk --ui-lang ro
  earlyid simulate my-case.yaml --autoplay --delay 3s`,
		Args: exactArgs(f, 1, "SCENARIO"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Scenario = args[0]
			if opts.Briefing != "" && !slices.Contains(training.BriefingFormats, opts.Briefing) {
				return f.usageError("cli.error.bad_format", map[string]any{"Value": opts.Briefing, "Formats": strings.Join(training.BriefingFormats, ", ")})
			}
			if opts.Briefing != "" && opts.Autoplay {
				return f.usageError("cli.error.flags_conflict", map[string]any{"First": "briefing", "Second": "autoplay"})
			}
			if opts.Out != "" && opts.Briefing == "" {
				return f.usageError("train.error.out_needs_briefing", nil)
			}
			if opts.Delay < 0 {
				return f.usageError("cli.error.flag_bad_value", map[string]any{"Flag": "--delay", "Value": opts.Delay.String()})
			}
			if opts.Case != "" {
				if err := validateCodeArg(f, opts.Case); err != nil {
					return err
				}
			}
			if runF != nil {
				return runF(opts)
			}
			return runSimulate(f, opts)
		},
	}
	cmd.Flags().StringVar(&opts.Guideline, "guideline", "", "the scenario's guideline `FILE|ID` (default: found by the scenario's guideline id)")
	cmd.Flags().StringVar(&opts.Lang, "lang", "", "the person's `language` (one of the guideline's languages)")
	cmd.Flags().StringVar(&opts.Briefing, "briefing", "", "write the role-player's briefing as md, html, pdf or text instead of interviewing")
	cmd.Flags().StringVar(&opts.Out, "out", "", "write the briefing to `FILE` (default: standard output)")
	cmd.Flags().BoolVar(&opts.Autoplay, "autoplay", false, "play the scenario's answers on screen by themselves (a demonstration)")
	cmd.Flags().DurationVar(&opts.Delay, "delay", 1500*time.Millisecond, "pause after each question with --autoplay (e.g. 2s, 0 for none)")
	cmd.Flags().BoolVar(&opts.Plain, "plain", false, "line-by-line mode: numbered prompts, one answer per line, no escape sequences")
	cmd.Flags().StringVar(&opts.Case, "case", "", "case `CODE` of the training session (default: generated); continues a stored one of the same scenario")
	cmd.Flags().BoolVar(&opts.Force, "force", false, "replace --out if it exists")
	return cmd
}

// lookupCase finds a scenario and its guideline, turning lookup failures into localized
// sentences; warnings go to stderr.
func lookupCase(f *factory, arg, guideline string) (*training.Case, error) {
	c, warn, err := training.Lookup(arg, guideline)
	l := f.Localizer()
	var unknown *training.UnknownScenarioError
	var notFound *training.GuidelineNotFoundError
	switch {
	case errors.As(err, &unknown):
		return nil, f.failure(err, "train.error.unknown_scenario", map[string]any{"ID": unknown.ID, "Known": strings.Join(unknown.Known, ", ")})
	case errors.As(err, &notFound):
		return nil, f.failure(err, "train.error.guideline_not_found", map[string]any{"ID": notFound.ID, "Scenario": notFound.Scenario})
	case err != nil:
		return nil, err
	}
	for _, d := range warn {
		f.IO.ErrOut.Write([]byte(d.Format(l) + "\n"))
	}
	return c, nil
}

func runSimulate(f *factory, opts *simulateOptions) error {
	c, err := lookupCase(f, opts.Scenario, opts.Guideline)
	if err != nil {
		return err
	}
	lang, err := personLang(f, c.Guideline, opts.Lang, f.Localizer().Lang())
	if err != nil {
		return err
	}
	if opts.Briefing != "" {
		b, err := training.NewBriefing(c, lang)
		if err != nil {
			return err
		}
		if opts.Briefing == training.FormatPDF && opts.Out == "" && f.IO.StdoutTTY {
			return f.usageError("cli.error.export_binary_terminal", map[string]any{"Format": "PDF"})
		}
		return writeNewOutput(f, opts.Out, opts.Force, func(w io.Writer) error { return b.Render(w, opts.Briefing) })
	}

	// A code given is continued only when its session simulates this very scenario: going
	// on with another scenario's session would mix two cases in one debrief. A code left
	// out is made here, so that the end can name it for the debrief.
	code := opts.Case
	if code != "" {
		if other, err := storedScenario(f, code); err != nil {
			return err
		} else if other != "" && other != c.Scenario.ID {
			return f.failure(nil, "train.error.case_other_scenario", map[string]any{"Code": code, "Scenario": textsafe.Line(other), "Want": c.Scenario.ID})
		}
	} else if code, err = interview.NewCaseCode(); err != nil {
		return err
	}

	// The interview itself runs through the interview command's runner: same setup, same
	// store (training), same front ends.
	io := newInterviewOptions(f)
	io.Open = func(string) (*guidelines.Guideline, guidelines.Diagnostics) { return c.Guideline, nil }
	io.Lang = opts.Lang
	if opts.Autoplay {
		io.Lang = lang // no setup form asks for it
	}
	io.Training = true
	io.Plain = opts.Plain
	io.Case = code
	io.Scenario = c.Scenario.ID
	if opts.Autoplay {
		io.Drive = func(e *interview.Engine) error {
			_, err := training.Autoplay(e, c, f.IO.Out, training.AutoplayOptions{Delay: opts.Delay, Sleep: opts.Sleep})
			return err
		}
	} else {
		// The trainee reads this: it names the case, never the command that prints the
		// role card (the answers the trainee is to find out).
		f.IO.ErrOut.Write([]byte(f.Localizer().T("train.simulate.start", map[string]any{"Title": textsafe.Line(c.Scenario.Title.Plain(lang)), "Code": code}) + "\n"))
	}
	if err := runInterview(f, io); err != nil {
		return err
	}
	f.IO.ErrOut.Write([]byte(f.Localizer().T("train.simulate.debrief", map[string]any{"Code": code}) + "\n"))
	return nil
}

// storedScenario returns the scenario recorded by the training session code, "" when there
// is no such session (or it records none).
func storedScenario(f *factory, code string) (string, error) {
	store, err := f.readTrainingStore()
	if err != nil {
		return "", err
	}
	s, err := store.Load(code)
	switch {
	case errors.Is(err, interview.ErrNotFound):
		return "", nil
	case err != nil:
		return "", err
	}
	return s.Scenario, nil
}

// writeNewOutput is writeOutput that refuses to replace an existing out unless force: a
// role card or a debrief written over another is lost without a word.
func writeNewOutput(f *factory, out string, force bool, render func(w io.Writer) error) error {
	if out != "" && out != "-" && !force {
		if _, err := os.Lstat(out); err == nil {
			return f.failure(nil, "cli.error.file_exists", map[string]any{"Path": out})
		}
	}
	return writeOutput(f, out, render)
}

// writeOutput runs render into the file out (replaced atomically), or into stdout when out
// is "" or "-".
func writeOutput(f *factory, out string, render func(w io.Writer) error) error {
	if out == "" || out == "-" {
		return render(f.IO.Out)
	}
	var buf bytes.Buffer
	if err := render(&buf); err != nil {
		return err
	}
	if err := interview.WriteFileAtomic(out, buf.Bytes()); err != nil {
		return f.failure(err, "train.error.write", map[string]any{"File": out, "Detail": err.Error()})
	}
	return nil
}
