package main

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/charmbracelet/x/term"
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
	// Langs holds every --lang given: a pack keeps them all, the other uses take one.
	Langs     []string
	Briefing  string
	AnswerKey bool
	Format    string
	Out       string
	Autoplay  bool
	Step      bool
	Delay     time.Duration
	Plain     bool
	Case      string
	Force     bool
	List      bool
	Pack      string
	// Scenarios are the --scenario flags of --pack (default: every built-in scenario).
	Scenarios []string
	// Sleep waits between autoplay steps; tests replace it.
	Sleep func(time.Duration)
}

func newSimulateCmd(f *factory, runF func(*simulateOptions) error) *cobra.Command {
	opts := &simulateOptions{Sleep: time.Sleep, Format: training.FormatText}
	cmd := &cobra.Command{
		Use:   "simulate SCENARIO [--lang L] [--briefing md|html|pdf|text | --answer-key [--format text|md|html|pdf]] [--out FILE [--force]] [--autoplay [--delay D] [--step]] [--plain]\n  simulate --list\n  simulate --pack DIR [--lang L]... [--scenario S]... [--force]",
		Short: "Run a training interview from a fictional scenario",
		Long: `Run a workshop simulation of a training scenario (a file, or the id of a built-in one; see
--list). The scenario's guideline is found by its id among the built-in guidelines, then
among the YAML files in the scenario's folder and its parent; --guideline FILE overrides.

--list shows every built-in scenario: its id and title, the languages it is written in, the
profile and outcome its answers give, and what it teaches.

--briefing md|html|pdf|text writes the role-player's briefing instead of starting an
interview: the persona, and the answers to give to each question, in the person's language
(--lang). Give it to the person who plays the interviewee, not to the trainee.

--answer-key writes the trainer's key instead (--format text, md, html or pdf): the
expected outcome, each dimension, the indicators and flags with the answers behind them,
the referrals with why, the lesson and the working by hand, in --lang.

--pack DIR writes a workshop pack: every role card and answer key, as PDF and HTML, of the
scenarios given with --scenario (default: every built-in one) in the languages given with
--lang (each kept; default: every language of the scenario), and an index page.

Without these, the trainee runs a training interview of the scenario's guideline (the TUI
on a terminal, plain mode otherwise or with --plain). The session is stored in the
training folder, marked as training and with the scenario's id, for "earlyid debrief"; the
end names the command. --case continues a stored session of the same scenario, and refuses
one of another scenario. --out never replaces a file, nor --pack a folder that has files,
without --force.

--autoplay walks through the scenario's answers on screen by itself, one question every
--delay (default 1.5s), or one at each Enter with --step, and ends on the result: a
demonstration for a projector.`,
		Example: `  earlyid simulate --list
  earlyid simulate mixed-flows-md-border-stranger-offer --briefing pdf --lang uk --out briefing.pdf
  earlyid simulate mixed-flows-md-border-stranger-offer --answer-key --format pdf --lang ro --out key.pdf
  earlyid simulate --pack workshop --lang ro --lang uk --scenario mixed-flows-md-palanca-aunt
  earlyid simulate mixed-flows-md-border-stranger-offer --lang uk --ui-lang ro
  earlyid simulate my-case.yaml --autoplay --step`,
		Args: func(cmd *cobra.Command, args []string) error {
			if opts.List || opts.Pack != "" {
				return exactArgs(f, 0, "")(cmd, args)
			}
			return exactArgs(f, 1, "SCENARIO")(cmd, args)
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.Scenario = args[0]
			}
			if len(opts.Langs) > 1 && opts.Pack == "" {
				return f.usageError("train.error.one_lang", nil)
			}
			if len(opts.Langs) == 1 {
				opts.Lang = opts.Langs[0]
			}
			// The modes exclude one another: each writes something else, or runs.
			var modes []string
			for _, m := range []struct {
				on   bool
				name string
			}{{opts.List, "list"}, {opts.Pack != "", "pack"}, {opts.Briefing != "", "briefing"}, {opts.AnswerKey, "answer-key"}, {opts.Autoplay, "autoplay"}} {
				if m.on {
					modes = append(modes, m.name)
				}
			}
			if len(modes) > 1 {
				return f.usageError("cli.error.flags_conflict", map[string]any{"First": modes[0], "Second": modes[1]})
			}
			if opts.Briefing != "" && !slices.Contains(training.BriefingFormats, opts.Briefing) {
				return f.usageError("cli.error.bad_format", map[string]any{"Value": opts.Briefing, "Formats": strings.Join(training.BriefingFormats, ", ")})
			}
			if cmd.Flags().Changed("format") && !opts.AnswerKey {
				return f.usageError("train.error.format_needs_answer_key", nil)
			}
			if opts.AnswerKey && !slices.Contains(training.AnswerKeyFormats, opts.Format) {
				return f.usageError("cli.error.bad_format", map[string]any{"Value": opts.Format, "Formats": strings.Join(training.AnswerKeyFormats, ", ")})
			}
			if opts.Out != "" && opts.Briefing == "" && !opts.AnswerKey {
				return f.usageError("train.error.out_needs_briefing", nil)
			}
			if len(opts.Scenarios) > 0 && opts.Pack == "" {
				return f.usageError("train.error.scenario_needs_pack", nil)
			}
			if opts.Step && !opts.Autoplay {
				return f.usageError("train.error.step_needs_autoplay", nil)
			}
			if opts.Delay < 0 {
				return f.usageError("cli.error.flag_bad_value", map[string]any{"Flag": "--delay", "Value": opts.Delay.String()})
			}
			if opts.Case != "" {
				// A stored session's code is taken in any case, as by every command that
				// looks one up; a new code stays as strict as interview --case.
				if code, ok := caseCodeArg(opts.Case); ok && f.hasTrainingSession(code) {
					opts.Case = code
				}
				if err := validateCodeArg(f, opts.Case); err != nil {
					return err
				}
			}
			if runF != nil {
				return runF(opts)
			}
			switch {
			case opts.List:
				return runSimulateList(f)
			case opts.Pack != "":
				return runSimulatePack(f, opts)
			}
			return runSimulate(f, opts)
		},
	}
	cmd.Flags().StringVar(&opts.Guideline, "guideline", "", "the scenario's guideline `FILE|ID` (default: found by the scenario's guideline id)")
	cmd.Flags().StringArrayVar(&opts.Langs, "lang", nil, "the person's `language` (one of the guideline's languages); with --pack, give it once per language")
	cmd.Flags().StringVar(&opts.Briefing, "briefing", "", "write the role-player's briefing as md, html, pdf or text instead of interviewing")
	cmd.Flags().StringVar(&opts.Out, "out", "", "write the briefing or answer key to `FILE` (default: standard output)")
	cmd.Flags().BoolVar(&opts.AnswerKey, "answer-key", false, "write the trainer's answer key instead of interviewing")
	cmd.Flags().StringVarP(&opts.Format, "format", "f", training.FormatText, "answer key format: text, md, html or pdf")
	cmd.Flags().BoolVar(&opts.List, "list", false, "list the built-in scenarios")
	cmd.Flags().StringVar(&opts.Pack, "pack", "", "write every role card and answer key (PDF and HTML) and an index into `DIR`")
	cmd.Flags().StringArrayVar(&opts.Scenarios, "scenario", nil, "a `SCENARIO` of the pack (file or built-in id); give it once per scenario")
	cmd.Flags().BoolVar(&opts.Step, "step", false, "with --autoplay, wait for Enter before each question instead of a delay")
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
	// The trainer's handouts: the role card or the answer key, written and nothing played.
	var handout interface{ Render(io.Writer, string) error }
	format := opts.Format
	switch {
	case opts.Briefing != "":
		format = opts.Briefing
		handout, err = training.NewBriefing(c, lang)
	case opts.AnswerKey:
		handout, err = training.NewAnswerKey(c, lang)
	}
	if err != nil {
		return err
	}
	if handout != nil {
		if format == training.FormatPDF && opts.Out == "" && f.IO.StdoutTTY {
			return f.usageError("cli.error.export_binary_terminal", map[string]any{"Format": "PDF"})
		}
		return writeNewOutput(f, opts.Out, opts.Force, func(w io.Writer) error { return handout.Render(w, format) })
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
	iopts := newInterviewOptions(f)
	iopts.Open = func(string) (*guidelines.Guideline, guidelines.Diagnostics) { return c.Guideline, nil }
	iopts.Lang = opts.Lang
	if opts.Autoplay {
		iopts.Lang = lang // no setup form asks for it
	}
	iopts.Training = true
	iopts.Plain = opts.Plain
	iopts.Case = code
	iopts.Scenario = c.Scenario.ID
	if opts.Autoplay {
		iopts.Drive = func(e *interview.Engine) error {
			ao := training.AutoplayOptions{Delay: opts.Delay, Sleep: opts.Sleep, Width: outWidth(f)}
			if opts.Step {
				// One line read per question: Enter on a terminal. At the end of the input
				// the demonstration plays on to its result.
				in := bufio.NewReader(f.IO.In)
				ao.Step = func() error {
					if _, err := in.ReadString('\n'); err != nil && !errors.Is(err, io.EOF) {
						return err
					}
					return nil
				}
			}
			_, err := training.Autoplay(e, c, f.IO.Out, ao)
			return err
		}
	} else {
		// The trainee reads this: it names the case, never the command that prints the
		// role card (the answers the trainee is to find out).
		f.IO.ErrOut.Write([]byte(f.Localizer().T("train.simulate.start", map[string]any{"Title": textsafe.Line(c.Scenario.Title.Plain(lang)), "Code": code}) + "\n"))
	}
	if err := runInterview(f, iopts); err != nil {
		return err
	}
	f.IO.ErrOut.Write([]byte(f.Localizer().T("train.simulate.debrief", map[string]any{"Code": code}) + "\n"))
	return nil
}

// runSimulateList prints the catalogue of built-in scenarios.
func runSimulateList(f *factory) error {
	all, _ := guidelines.EmbeddedScenarios()
	var cases []*training.Case
	for _, s := range all {
		c, err := lookupCase(f, s.ID, "")
		if err != nil {
			return err
		}
		cases = append(cases, c)
	}
	return training.RenderCatalogue(f.IO.Out, cases, training.FormatText, f.Localizer().Lang())
}

// runSimulatePack writes a workshop pack. A folder that already holds files is written
// into only with --force: a pack laid over another mixes two workshops.
func runSimulatePack(f *factory, opts *simulateOptions) error {
	ids := opts.Scenarios
	if len(ids) == 0 {
		all, _ := guidelines.EmbeddedScenarios()
		for _, s := range all {
			ids = append(ids, s.ID)
		}
	}
	var cases []*training.Case
	for _, id := range ids {
		c, err := lookupCase(f, id, opts.Guideline)
		if err != nil {
			return err
		}
		cases = append(cases, c)
	}
	// A scenario not written in a language is left out of it; a language no scenario
	// has is a mistake.
	for _, l := range opts.Langs {
		if !slices.ContainsFunc(cases, func(c *training.Case) bool { return slices.Contains(c.Guideline.Languages, l) }) {
			return checkLang(f, cases[0].Guideline, l)
		}
	}
	if entries, err := os.ReadDir(opts.Pack); err == nil && len(entries) > 0 && !opts.Force {
		return f.failure(nil, "cli.error.file_exists", map[string]any{"Path": opts.Pack})
	}
	written, err := training.WritePack(opts.Pack, cases, opts.Langs, f.Localizer().Lang())
	if err != nil {
		return f.failure(err, "train.error.write", map[string]any{"File": opts.Pack, "Detail": err.Error()})
	}
	f.IO.ErrOut.Write([]byte(f.Localizer().N("train.pack.written", len(written), map[string]any{"Index": filepath.Join(opts.Pack, training.PackIndex)}) + "\n"))
	return nil
}

// outWidth returns the width of the terminal on stdout less one column (a line that fills
// the last column makes some terminals skip a line), or 0 when stdout is not a terminal.
func outWidth(f *factory) int {
	out, ok := f.IO.Out.(*os.File)
	if !ok || !f.IO.StdoutTTY {
		return 0
	}
	if w, _, err := term.GetSize(out.Fd()); err == nil && w > 20 {
		return w - 1
	}
	return 0
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
