package main

import (
	"errors"
	"time"

	"github.com/spf13/cobra"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/interview"
	"github.com/earlyid/earlyid/interview/plain"
	"github.com/earlyid/earlyid/interview/tui"
	"github.com/earlyid/earlyid/interview/vault"
	"github.com/earlyid/earlyid/locales"
	"github.com/earlyid/earlyid/textsafe"
)

// interviewOptions holds the interview command's dependencies and flag values.
type interviewOptions struct {
	IO        *IOStreams
	Localizer func() *locales.Localizer
	Open      func(idOrPath string) (*guidelines.Guideline, guidelines.Diagnostics)
	Read      func(path string) ([]byte, error)
	Now       func() time.Time
	// TrainingStore opens the store of training sessions (tests point it at a temp folder
	// through EARLYID_DATA_DIR, or replace it).
	TrainingStore func() (interview.Store, error)
	// Keys opens the encrypted store of real and self sessions, asking for the passphrase
	// once per command (passphrase.go).
	Keys *keyAccess
	// Scenario and Drive serve simulate (simulate.go): Scenario is the training
	// scenario's id, recorded in a new session; Drive, when set, runs the engine instead of
	// the TUI or plain mode (simulate --autoplay).
	Scenario string
	Drive    func(e *interview.Engine) error

	Guideline   string
	Lang        string
	Case        string
	Answers     string
	Plain       bool
	Training    bool
	Self        bool
	Interpreter bool
	// InterpreterSet is true when --interpreter was given (true or false): then the setup
	// form does not ask again.
	InterpreterSet bool
	// Place, Role and Institution head the referral summary (--place, --role,
	// --institution): they describe the interviewer, never the person. Given, they are
	// stored in a session that lacks them; the setup form asks for the ones still empty.
	Place, Role, Institution string
	// NewOnly refuses a --case code that a stored session already has: the interview
	// command starts new interviews only (resume continues one, simulate --case may).
	NewOnly bool
	// Locked is set by a caller that holds the session's lock already (resume takes it
	// before it reads the session), so that runInterview does not ask for it a second time.
	Locked bool
}

func newInterviewCmd(f *factory, runF func(*interviewOptions) error) *cobra.Command {
	opts := newInterviewOptions(f)
	cmd := &cobra.Command{
		Use:   "interview [--guideline FILE|ID] [--lang L] [--case CODE] [--training | --self] [--plain] [--answers FILE] [--place P] [--role R] [--institution I]",
		Short: "Run an interview",
		Long: `Run a guided interview: the safety check, consent, the questions that apply, a review of
the answers, and the result with its indicators, flags and referrals.

The person's language is --lang (default: the interviewer's language when the guideline has
it, else the guideline's first language); the interviewer's language is --ui-lang. The case
code is generated (e.g. MD-7K3Q-2PXA) unless --case gives one: capital letters, digits and
dashes only, never a name.

--training marks a fictional case: it is stored unencrypted in the training folder, apart from
real sessions. A --case code that a saved session already has is refused: continue that
session with earlyid resume CODE. Real and
--self interviews are saved encrypted after every answer: the first one creates your key and
asks for a new passphrase, later ones ask for it once (scripts: --passphrase-file FILE).
--self lets the person answer alone: no hints, no result, and at the end where to get help.
--answers pre-fills answers from an answers file; the interview starts at the first question
left open.

--place, --role and --institution head the referral summary: where the interview takes place,
the interviewer's role (never a name) and institution. They are optional; the setup form asks
for the ones not given.

Plain mode (line by line, for screen readers, slow links and scripts) reads one answer per
line: y/n (or da/nu, так/ні, да/нет), the number or id of a choice, several numbers or ids
separated by commas, numbers and dates as typed; ? for don't know, - for prefer not to
answer; :back, :goto N, :section N, :note TEXT, :quit, :help, and at the review :remarks for the
interviewer's closing remarks. It is used with --plain, and whenever standard input or output
is not a terminal. When the input ends while the last save failed, the last
answers are lost: plain mode says so and exits with status 1 (:quit offers an encrypted copy).`,
		Example: `  earlyid interview --training --lang uk --ui-lang ro
  earlyid interview --place Palanca --role "border police officer" --institution IGPF
  earlyid interview --plain --training < answers.txt
  earlyid interview --guideline my-guideline.yaml --answers prefill.yaml --training`,
		Args: exactArgs(f, 0, ""),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.InterpreterSet = cmd.Flags().Changed("interpreter")
			opts.NewOnly = true
			if opts.Training && opts.Self {
				return f.usageError("cli.error.flags_conflict", map[string]any{"First": "training", "Second": "self"})
			}
			if opts.Case != "" {
				if err := validateCodeArg(f, opts.Case); err != nil {
					return err
				}
			}
			for _, x := range []struct {
				v    *string
				flag string
			}{{&opts.Place, "place"}, {&opts.Role, "role"}, {&opts.Institution, "institution"}} {
				var ok bool
				if *x.v, ok = interview.HeaderField(*x.v); !ok {
					return f.usageError("cli.error.flag_too_long", map[string]any{"Flag": x.flag, "Max": interview.MaxHeaderField})
				}
			}
			return runOr(runF, opts, func() error { return runInterview(f, opts) })
		},
	}
	cmd.Flags().StringVar(&opts.Guideline, "guideline", "", "guideline `FILE|ID` (default: the built-in default guideline)")
	cmd.Flags().StringVar(&opts.Lang, "lang", "", "the person's `language` (one of the guideline's languages)")
	cmd.Flags().StringVar(&opts.Case, "case", "", "case `CODE` (default: generated); never a name")
	cmd.Flags().StringVar(&opts.Answers, "answers", "", "answers `FILE` to pre-fill")
	cmd.Flags().BoolVar(&opts.Plain, "plain", false, "line-by-line mode: numbered prompts, one answer per line, no escape sequences")
	cmd.Flags().BoolVar(&opts.Training, "training", false, "a fictional training case (stored unencrypted, apart from real sessions)")
	cmd.Flags().BoolVar(&opts.Self, "self", false, "the person answers alone: no hints, no result, and where to get help at the end")
	cmd.Flags().BoolVar(&opts.Interpreter, "interpreter", false, "an interpreter is present")
	cmd.Flags().StringVar(&opts.Place, "place", "", "where the interview takes place, for the referral summary")
	cmd.Flags().StringVar(&opts.Role, "role", "", "the interviewer's role (never a name), for the referral summary")
	cmd.Flags().StringVar(&opts.Institution, "institution", "", "the interviewer's institution, for the referral summary")
	addPassphraseFlag(cmd, opts.Keys)
	return cmd
}

// newInterviewOptions returns the interview command's defaults; resume (resume.go) starts
// from the same ones, so both run the same interview.
func newInterviewOptions(f *factory) *interviewOptions {
	return &interviewOptions{
		IO: f.IO, Localizer: f.Localizer, Open: guidelines.Open, Read: f.readInput, Now: f.Now,
		TrainingStore: f.openTrainingStore,
		Keys:          newKeyAccess(f),
	}
}

// openTrainingStore opens the training sessions folder in the user's data folder.
func (f *factory) openTrainingStore() (interview.Store, error) {
	dir, err := f.trainingDir()
	if err != nil {
		return nil, err
	}
	return interview.NewTrainingStore(dir)
}

// readTrainingStore opens the training sessions folder for a command that only looks at
// it: a missing folder is not created.
func (f *factory) readTrainingStore() (*interview.TrainingStore, error) {
	dir, err := f.trainingDir()
	if err != nil {
		return nil, err
	}
	return interview.ReadTrainingStore(dir)
}

func runInterview(f *factory, opts *interviewOptions) error {
	g, ds := opts.Open(opts.Guideline)
	if g == nil || ds.HasErrors() {
		return errorsOf(ds)
	}
	ul := opts.Localizer()
	uiLang := ul.Lang()
	lang, err := personLang(f, g, opts.Lang, uiLang)
	if err != nil {
		return err
	}

	// One window per session: a case given by code is locked before anything of it is
	// read, so no second window can load it and later write over this one's answers.
	if opts.Case != "" && !opts.Locked {
		l, err := f.lockSession(opts.Case, lockWaitInterview)
		if err != nil {
			return err
		}
		defer l.Release()
	}

	// Training sessions go to the training folder; real and self sessions to the encrypted
	// store (the passphrase is asked for once, here, before any question).
	mode, store, err := opts.openStore()
	if err != nil {
		return err
	}

	var prefill guidelines.Answers
	if opts.Answers != "" {
		if prefill, err = readAnswersFile(opts.Read, opts.IO.ErrOut, ul, opts.Answers, g); err != nil {
			return err
		}
	}

	s, stored, err := openSession(store, g, opts.Case, mode, lang, uiLang, opts.Now())
	if err != nil {
		return sessionError(f, err)
	}
	if opts.Case == "" {
		// A new code: no other window knows it yet, but an export or a deletion from one
		// may come while this interview runs.
		l, err := f.lockSession(s.Code, lockWaitInterview)
		if err != nil {
			return err
		}
		defer l.Release()
	}
	if stored && opts.NewOnly {
		// Reusing a code would carry on someone else's case, with its languages and mode
		// instead of the ones asked for: refuse, and say how to continue it on purpose.
		return &cliError{code: exitUsage, msg: ul.T("interview.case.exists", map[string]any{
			"Code": s.Code, "Mode": modeText(ul, false, s.Mode), "Started": s.Created.Local().Format("2006-01-02 15:04"),
		})}
	}
	s.Interpreter = s.Interpreter || opts.Interpreter
	// The summary's header: a flag fills what the session lacks (the engine saves it on
	// Start); a continued session (simulate --case) keeps what it records, as export does.
	for _, x := range []struct {
		have       *string
		flag, name string
		label      string
	}{
		{&s.Place, opts.Place, "place", "summary.field.place"},
		{&s.InterviewerRole, opts.Role, "role", "summary.field.role"},
		{&s.Institution, opts.Institution, "institution", "summary.field.institution"},
	} {
		switch {
		case *x.have == "":
			*x.have = x.flag
		case x.flag != "" && x.flag != *x.have:
			opts.IO.ErrLine(ul.T("cli.export.field_kept", map[string]any{"Field": ul.T(x.label, nil), "Value": textsafe.Line(*x.have), "Flag": x.name}))
		}
	}
	if opts.Scenario != "" && s.Scenario == "" { // a simulation records its scenario for debrief
		s.Scenario = opts.Scenario
	}
	for id, v := range prefill.Values {
		s.Answers.Values[id] = v
	}
	for id, n := range prefill.Notes {
		s.Answers.Notes[id] = n
		s.Answers.NoteBy[id] = prefill.NoteAuthor(id) // an answers file is the interviewer's
	}
	e, err := interview.New(g, s, store, interview.WithClock(opts.Now))
	if err != nil {
		return err
	}
	if opts.Drive != nil { // simulate --autoplay plays the scenario's answers itself
		return opts.Drive(e)
	}
	// TUI branch (owned by interview/tui): a terminal on stdin and stdout and no --plain.
	// The setup form asks what the flags did not give.
	if !opts.Plain && opts.IO.CanPrompt() {
		dataDir, _ := f.dataDir() // only keeps exports out of it; "" when it cannot be known
		_, encrypted := store.(*vault.Store)
		var recovery string
		if c, _, err := f.loadConfig(); err == nil {
			recovery = c.RecoveryRecipient
		}
		err := tui.Run(e, opts.IO.In, opts.IO.Out, tui.Options{
			ShowRecovery: encrypted, Recovery: recovery, // where the interviewer sees it, before the first question
			AskLang: opts.Lang == "", AskUILang: f.uiLang == "", AskInterpreter: !opts.InterpreterSet,
			Mono: f.Getenv("NO_COLOR") != "", DataDir: dataDir,
			Now: opts.Now, // the clock of exports from the result screen (the summary's date, the sharing log)
		})
		if errors.Is(err, tui.ErrNotSaved) {
			return errSilentFailure // the screen said the changes are lost; nothing more is printed after a quick exit
		}
		return err
	}
	if _, err := plain.Run(e, opts.IO.In, opts.IO.Out, plain.Options{
		Terminal: opts.IO.StdoutTTY, Prompt: opts.IO.StdinTTY,
		Setup: plain.Setup{AskLang: opts.Lang == "", AskUILang: f.uiLang == "", AskInterpreter: !opts.InterpreterSet},
	}); err != nil {
		if errors.Is(err, plain.ErrNotSaved) {
			return errSilentFailure // plain mode said that the last answers are lost; scripts see exit 1
		}
		return err
	}
	return nil
}

// openSession returns the stored session with code when the store has one (stored is
// true: resume, or simulate --case), else starts a new one.
func openSession(store interview.Store, g *guidelines.Guideline, code string, mode interview.Mode, lang, uiLang string, now time.Time) (s *interview.Session, stored bool, err error) {
	if code != "" {
		s, err := store.Load(code)
		switch {
		case err == nil:
			return s, true, nil
		case !errors.Is(err, interview.ErrNotFound):
			return nil, false, err
		}
	}
	s, err = interview.NewSession(g, code, mode, lang, uiLang, now)
	return s, false, err
}
