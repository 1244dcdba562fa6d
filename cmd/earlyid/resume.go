package main

import (
	"errors"

	"github.com/spf13/cobra"

	"github.com/earlyid/earlyid/interview"
	"github.com/earlyid/earlyid/textsafe"
)

// openStore returns the interview's mode and the store it saves to: the training folder
// for --training, else the encrypted store (the first real interview creates the key).
func (o *interviewOptions) openStore() (interview.Mode, interview.Store, error) {
	if o.Training {
		st, err := o.TrainingStore()
		return interview.ModeTraining, st, err
	}
	mode := interview.ModeReal
	if o.Self {
		mode = interview.ModeSelf
	}
	st, err := o.Keys.Store(true)
	if err != nil {
		return mode, nil, err
	}
	if n := o.Keys.recoveryNotice(); n != "" {
		o.IO.ErrLine(n)
	}
	return mode, st, nil
}

// resumeOptions holds the resume command's dependencies and flag values.
type resumeOptions struct {
	// Interview runs the resumed session: the interview command's dependencies, which
	// runResume fills with the settings the session was made with.
	Interview *interviewOptions

	Code      string
	Guideline string
	Plain     bool
	Training  bool
	// Interviewer reopens a self session for the specialist (--interviewer): the
	// interviewer's questions the person left open are asked, and the result is shown.
	Interviewer bool
}

func newResumeCmd(f *factory, runF func(*resumeOptions) error) *cobra.Command {
	opts := &resumeOptions{Interview: newInterviewOptions(f)}
	cmd := &cobra.Command{
		Use:   "resume CODE [--plain] [--interviewer] [--guideline FILE] [--passphrase-file FILE]",
		Short: "Continue a saved interview",
		Long: `Continue a saved interview exactly where it stopped: the same question, with its
answers, notes and timings.

A real or self session is encrypted: earlyid asks for your passphrase once (scripts give it
with --passphrase-file FILE or EARLYID_PASSPHRASE_FILE, never on the command line). A training
session opens without it. When a real and a training session share the code, the real one is
resumed; --training picks the training one.

The guideline is the built-in one the session was made with; a session made with a guideline
file needs --guideline FILE again.

A self session (interview --self) is resumed for the person, who answers alone. The safety
check and the interviewer's observations are left open for you: --interviewer reopens the
session for you instead, with the same passphrase, at the first question left open; you see
the review and the result as in your own interview. The session records that you continued
it, and from then on it resumes for you; its mode stays self, as the person's answers were
given alone. Training sessions have no such step and refuse --interviewer.`,
		Example: `  earlyid resume MD-7K3Q-2PXA
  earlyid resume MD-7K3Q-2PXA --interviewer
  earlyid resume MD-7K3Q-2PXA --plain --passphrase-file ~/.earlyid-pass < answers.txt`,
		Args: exactArgs(f, 1, "CODE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Code = args[0]
			if opts.Training && opts.Interviewer {
				return f.usageError("cli.error.flags_conflict", map[string]any{"First": "training", "Second": "interviewer"})
			}
			return runOr(runF, opts, func() error { return runResume(f, opts) })
		},
	}
	cmd.Flags().StringVar(&opts.Guideline, "guideline", "", "the guideline `FILE|ID` the session was made with (default: the built-in one it names)")
	cmd.Flags().BoolVar(&opts.Plain, "plain", false, "line-by-line mode: numbered prompts, one answer per line, no escape sequences")
	cmd.Flags().BoolVar(&opts.Training, "training", false, "resume the training session with this code")
	cmd.Flags().BoolVar(&opts.Interviewer, "interviewer", false, "reopen a self session for the interviewer: answer the questions left open for you and see the result")
	addPassphraseFlag(cmd, opts.Interview.Keys)
	return cmd
}

// runResume loads the session and runs its interview through the interview command's own
// runner (the TUI or plain mode), with the settings the session was made with.
func runResume(f *factory, resume *resumeOptions) error {
	opts := resume.Interview
	code, err := resolveCode(f, resume.Code)
	if err != nil {
		return err
	}
	resume.Code = code
	// Locked before the session is read: a second window on the same case is refused
	// before it can show a question that the first one is answering.
	l, err := f.lockSession(code, lockWaitInterview)
	if err != nil {
		return err
	}
	defer l.Release()
	opts.Locked = true
	s, err := loadAnySession(f, opts, resume.Code, resume.Training)
	if err != nil {
		return err
	}
	if resume.Interviewer && s.Mode == interview.ModeTraining {
		return f.usageError("resume.interviewer.training", map[string]any{"Code": s.Code})
	}
	opts.Guideline = resume.Guideline
	if opts.Guideline == "" {
		opts.Guideline = s.Guideline.ID
		if g, ds := recordedGuideline(opts.Open, opts.Guideline); g == nil || ds.HasErrors() {
			return f.failure(ds, "cli.sessions.guideline_needed", map[string]any{"ID": textsafe.Line(s.Guideline.ID), "Code": s.Code})
		}
	}
	if resume.Interviewer && s.Mode == interview.ModeSelf {
		if err := handOverToInterviewer(f, opts, s); err != nil {
			return err
		}
		opts.IO.ErrLine(f.Localizer().T("resume.interviewer.notice", map[string]any{"Code": s.Code}))
	}
	opts.Case = s.Code
	opts.Lang = s.Lang
	opts.Plain = resume.Plain
	opts.Training = s.Mode == interview.ModeTraining
	opts.Self = s.Mode == interview.ModeSelf
	opts.Interpreter = s.Interpreter
	return runInterview(f, opts)
}

// handOverToInterviewer records in the self session s that the interviewer continues it
// (see interview.Session.HandOverToInterviewer) and saves it, so that the interview resumed
// next (runInterview loads the session again) runs as a real one.
func handOverToInterviewer(f *factory, opts *interviewOptions, s *interview.Session) error {
	g, ds := opts.Open(opts.Guideline)
	if g == nil || ds.HasErrors() {
		return errorsOf(ds)
	}
	if err := s.HandOverToInterviewer(g, opts.Now()); err != nil {
		return err
	}
	st, err := opts.Keys.Store(false)
	if err != nil {
		return err
	}
	if err := st.Save(s); err != nil {
		return f.failure(err, "resume.interviewer.not_saved", map[string]any{"Code": s.Code, "Reason": err.Error()})
	}
	return nil
}

// validateCodeArg checks a case code given as an argument, with the localized reason.
func validateCodeArg(f *factory, code string) error {
	err := interview.ValidateCaseCode(code)
	if err == nil {
		return nil
	}
	var ce *interview.CaseCodeError
	if errors.As(err, &ce) {
		return &cliError{code: exitUsage, err: err, msg: f.Localizer().T("interview.case."+ce.Kind, nil)}
	}
	return err
}

// loadAnySession reads arg as a case code in any case (resolveCode), then loads the
// session with it: the encrypted one when it exists (unlocking the key once), else the
// training one. preferTraining picks the training one first.
func loadAnySession(f *factory, opts *interviewOptions, arg string, preferTraining bool) (*interview.Session, error) {
	code, err := resolveCode(f, arg)
	if err != nil {
		return nil, err
	}
	encrypted := f.hasRealSession(code)
	training := f.hasTrainingSession(code)
	var st interview.Store
	switch {
	case training && (preferTraining || !encrypted):
		st, err = opts.TrainingStore()
	case encrypted:
		st, err = opts.Keys.Store(false)
	default:
		return nil, noSession(f, code)
	}
	if err != nil {
		return nil, err
	}
	s, err := st.Load(code)
	if err != nil {
		return nil, sessionError(f, err)
	}
	return s, nil
}

// hasTrainingSession reports whether a training session file with code exists.
func (f *factory) hasTrainingSession(code string) bool {
	st, err := f.readTrainingStore()
	return err == nil && st.Has(code)
}
