package main

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/interview"
	"github.com/earlyid/earlyid/interview/summary"
	"github.com/earlyid/earlyid/interview/vault"
	"github.com/earlyid/earlyid/locales"
	"github.com/earlyid/earlyid/textsafe"
)

// exportOptions holds the export command's dependencies and flag values.
type exportOptions struct {
	IO        *IOStreams
	Localizer func() *locales.Localizer
	Open      func(idOrPath string) (*guidelines.Guideline, guidelines.Diagnostics)
	Now       func() time.Time
	Keys      *keyAccess
	// TrainingStore opens the store of training sessions.
	TrainingStore func() (interview.Store, error)

	// Session is the argument: a case code, or the path of a session file.
	Session    string
	Guideline  string
	Format     string
	Lang       string
	Out        string
	Recipients []string
	Armor      bool
	Force      bool
	LegalBasis string
	Place      string
	Role       string
	Inst       string
	Training   bool
}

func newExportCmd(f *factory, runF func(*exportOptions) error) *cobra.Command {
	opts := &exportOptions{
		IO: f.IO, Localizer: f.Localizer, Open: guidelines.Open, Now: f.Now, Keys: newKeyAccess(f),
		TrainingStore: f.openTrainingStore,
	}
	cmd := &cobra.Command{
		Use:   "export CODE|SESSION_FILE --format md|html|json|pdf [--lang L] [--out FILE] [--recipient age1…]… [--armor] [--force] [--legal-basis BASIS]",
		Short: "Write the referral summary (Markdown, HTML, JSON or PDF)",
		Long: `Write the referral summary of a saved session, for the national referral system: the case,
urgent matters, the outcome and the rule that produced it, consent, the dimensions, every
indicator with the answers behind it, risk factors, needs and referrals, the trusted person,
the questions declined or answered "don't know", the closing remarks, and the statement that
this is a screening, not a legal identification. A training case says so on every page.

The session is given by its case code (a real session asks for the passphrase once; a
training session opens without it; --training picks the training one when both exist) or by
the path of a session file (a training .json, or an encrypted .age copy).

--format: md (Markdown, also readable as plain text), html (one self-contained file that
prints on A4), json (for case-management systems; "earlyid schema --summary" prints its
JSON Schema) or pdf (A4, needs --out or a redirect). --lang is the summary's language (en,
ro, uk, ru; default: the interface language), independent of the interview's languages.

Answers the guideline marks sensitive (contact details, the trusted person) appear only when
the person agreed to share their identity, or with --legal-basis when the law allows sharing
without consent: risk_to_life, child_protection, court_order, legal_obligation. The basis is
written in the summary and in the sharing log.

--recipient (repeatable) encrypts the summary with age to the receiving organisations'
public keys (age1…) and appends .age to --out, so it can travel by e-mail or USB stick;
--armor makes it ASCII text (only with --recipient). An existing file is never replaced
without --force. Every export is recorded in the session's sharing log ("earlyid sessions
show CODE").

--place, --role and --institution record where the interview took place and the
interviewer's role and institution when the session does not have them yet.`,
		Example: `  earlyid export MD-7K3Q-2PXA --format pdf --lang ro --out MD-7K3Q-2PXA.pdf
  earlyid export MD-7K3Q-2PXA --format json --recipient age1qyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqs3290gq --out case.json
  earlyid export MD-7K3Q-2PXA --format md --lang uk --legal-basis child_protection > summary.md
  earlyid export session.json --format html --out summary.html --place Palanca`,
		Args: exactArgs(f, 1, "CODE|SESSION_FILE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Session = sessionArg(args[0])
			if err := opts.validate(f); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return runExport(f, opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.Format, "format", "", "output format: md, html, json or pdf (required)")
	fl.StringVar(&opts.Lang, "lang", "", "`language` of the summary: en, ro, uk or ru (default: the interface language)")
	fl.StringVar(&opts.Out, "out", "", "write to `FILE` (default, or -: standard output); .age is appended when encrypting")
	fl.StringArrayVar(&opts.Recipients, "recipient", nil, "encrypt to this age `recipient` (age1…); repeat for several")
	fl.BoolVar(&opts.Armor, "armor", false, "write the encrypted summary as ASCII armour (text) instead of binary; needs --recipient")
	fl.BoolVar(&opts.Force, "force", false, "replace --out if it exists")
	fl.StringVar(&opts.LegalBasis, "legal-basis", "", "share sensitive answers without consent under this legal `basis`: "+strings.Join(summary.LegalBases, ", "))
	fl.StringVar(&opts.Place, "place", "", "where the interview took place, when the session does not record it")
	fl.StringVar(&opts.Role, "role", "", "the interviewer's role (never a name), when the session does not record it")
	fl.StringVar(&opts.Inst, "institution", "", "the interviewer's institution, when the session does not record it")
	fl.StringVar(&opts.Guideline, "guideline", "", "the guideline `FILE|ID` the session was made with (default: the built-in one it names)")
	fl.BoolVar(&opts.Training, "training", false, "export the training session with this code")
	addPassphraseFlag(cmd, opts.Keys)
	return cmd
}

// validate checks the flags before anything is read, so a mistake costs no passphrase.
func (o *exportOptions) validate(f *factory) error {
	l := f.Localizer()
	if o.Format == "" {
		return f.usageError("cli.error.missing_args", map[string]any{"What": "--format " + strings.Join(summary.Formats, "|")})
	}
	if !summary.ValidFormat(o.Format) {
		return f.usageError("cli.error.bad_format", map[string]any{"Value": o.Format, "Formats": strings.Join(summary.Formats, ", ")})
	}
	if o.Lang == "" {
		o.Lang = l.Lang()
	} else if lang, err := locales.Parse(o.Lang); err == nil {
		o.Lang = lang
	} else {
		return f.usageError("cli.error.export_lang", map[string]any{"Value": o.Lang, "Languages": strings.Join(locales.Languages, ", ")})
	}
	if o.LegalBasis != "" && !slices.Contains(summary.LegalBases, o.LegalBasis) {
		return f.usageError("cli.error.export_legal_basis", map[string]any{"Value": o.LegalBasis, "Bases": strings.Join(summary.LegalBases, ", ")})
	}
	// Armour is a form of the encrypted file only: without a recipient it would be ignored
	// and a user who asked for a protected text file would get plaintext instead.
	if o.Armor && len(o.Recipients) == 0 {
		return f.usageError("cli.error.export_armor_without_recipient", nil)
	}
	for _, r := range o.Recipients {
		if _, err := summary.ParseRecipient(r); err != nil {
			return recipientError(f, err)
		}
	}
	// "-" is standard output, as for every other file argument of earlyid; a file named
	// "-" holding a real person's unencrypted summary is what a user would not expect.
	if o.Out == "-" {
		o.Out = ""
	}
	// Binary output never goes to a terminal: it would garble the screen and help nobody.
	if o.Out == "" && o.IO.StdoutTTY {
		switch {
		case summary.Binary(o.Format):
			return f.usageError("cli.error.export_binary_terminal", map[string]any{"Format": strings.ToUpper(o.Format)})
		case len(o.Recipients) > 0 && !o.Armor:
			return f.usageError("cli.error.export_binary_terminal", map[string]any{"Format": "age"})
		}
	}
	return nil
}

// recipientError is the localized sentence for a bad --recipient; a secret key is never
// repeated on the screen.
func recipientError(f *factory, err error) error {
	var re *summary.RecipientError
	if errors.As(err, &re) && re.Secret {
		return &cliError{code: exitUsage, err: err, msg: f.Localizer().T("cli.error.export_recipient_secret", nil)}
	}
	if errors.As(err, &re) {
		// The age library's detail ("separator '1' at invalid position") is English and
		// says nothing a user can act on; what to give instead is in the message.
		return &cliError{code: exitUsage, err: err, msg: f.Localizer().T("cli.error.export_recipient", map[string]any{"Value": textsafe.Line(re.Value)})}
	}
	return err
}

// saveReason says in the interface language why a file could not be written. The cause
// is sorted by interview.SaveFailureReason, as for a session that cannot be saved; the
// words are the export's own (the user chose this path: no data folder is involved, and
// nothing is created again). An error it cannot sort keeps the system's own words, marked
// as English.
func saveReason(l *locales.Localizer, err error) string {
	reason, _ := interview.SaveFailureReason(err)
	if reason == interview.SaveFailedOther {
		return l.T("cli.error.save_reason.other", map[string]any{"Detail": textsafe.Line(err.Error())})
	}
	return l.T("cli.error.save_reason."+reason, nil)
}

func runExport(f *factory, o *exportOptions) error {
	// The sharing log is a change to the session: an interview open on it would write over
	// the new line at its next save, so export waits for it briefly, then refuses before
	// it writes anything. A session file given by path (the store's own file, or a copy)
	// is held under the code its name gives.
	code := o.Session
	if isSessionPath(code) {
		code = strings.TrimSuffix(filepath.Base(code), filepath.Ext(code))
	}
	if interview.ValidateCaseCode(code) == nil {
		l, err := f.lockSession(code, lockWaitCommand)
		if err != nil {
			return err
		}
		defer l.Release()
	}
	s, saver, err := o.load(f, o.Session)
	if err != nil {
		return err
	}
	var g *guidelines.Guideline
	var ds guidelines.Diagnostics
	if o.Guideline != "" {
		g, ds = o.Open(o.Guideline)
	} else {
		g, ds = recordedGuideline(o.Open, s.Guideline.ID)
	}
	if g == nil || ds.HasErrors() {
		if o.Guideline != "" {
			return errorsOf(ds)
		}
		return f.failure(ds, "cli.error.export_guideline_needed", map[string]any{"Code": s.Code, "ID": textsafe.Line(s.Guideline.ID)})
	}
	if g.ID != s.Guideline.ID {
		return f.failure(nil, "cli.error.export_guideline_mismatch", map[string]any{"Code": s.Code, "Want": textsafe.Line(s.Guideline.ID), "Got": g.ID})
	}

	l := o.Localizer()
	for _, x := range []struct{ have, flag, name, label string }{
		{s.Place, o.Place, "place", "summary.field.place"},
		{s.InterviewerRole, o.Role, "role", "summary.field.role"},
		{s.Institution, o.Inst, "institution", "summary.field.institution"},
	} {
		if x.have != "" && x.flag != "" && x.have != strings.TrimSpace(x.flag) {
			o.IO.ErrLine(l.T("cli.export.field_kept", map[string]any{"Field": l.T(x.label, nil), "Value": textsafe.Line(x.have), "Flag": x.name}))
		}
	}

	path, err := summary.Export(summary.ExportOptions{
		Guideline: g, Session: s, Store: saver,
		Format: o.Format, Lang: o.Lang, LegalBasis: o.LegalBasis,
		Recipients: o.Recipients, Armor: o.Armor,
		Out: o.Out, W: o.IO.Out, Force: o.Force,
		Place: o.Place, Role: o.Role, Institution: o.Inst,
		Now: o.Now,
	})
	var exists *summary.ExistsError
	var logErr *summary.LogError
	var writeErr *summary.WriteError
	switch {
	case errors.As(err, &exists):
		return f.failure(err, "cli.error.file_exists", map[string]any{"Path": exists.Path})
	case errors.As(err, &logErr):
		// The summary left the tool but the log does not say so: that must not pass quietly.
		return f.failure(err, "cli.export.log_failed", map[string]any{"Code": s.Code, "Detail": saveReason(l, logErr.Err)})
	case errors.As(err, &writeErr) && writeErr.Path == "":
		return f.failure(err, "cli.error.export_write_stdout", map[string]any{"Reason": saveReason(l, writeErr.Err)})
	case errors.As(err, &writeErr):
		return f.failure(err, "cli.error.export_write", map[string]any{"File": writeErr.Path, "Reason": saveReason(l, writeErr.Err)})
	case err != nil:
		return f.failure(err, "cli.error.export_failed", map[string]any{"Detail": textsafe.Line(err.Error())})
	}
	if path != "" {
		o.IO.ErrLine(l.T("cli.export.written", map[string]any{"File": path}))
	}
	if len(o.Recipients) == 0 && s.Mode != interview.ModeTraining {
		if path != "" {
			o.IO.ErrLine(l.T("cli.export.unencrypted", map[string]any{"File": path}))
		} else {
			o.IO.ErrLine(l.T("cli.export.unencrypted_stdout", nil))
		}
	}
	return nil
}

// isSessionPath reports whether the argument names a file rather than a case code: a case
// code has no path separator and no dot.
func isSessionPath(arg string) bool {
	_, code := caseCodeArg(arg)
	return !code
}

// load returns the session the argument names and where its sharing log is saved: the
// store it came from, or the file it was read from.
func (o *exportOptions) load(f *factory, arg string) (*interview.Session, summary.Saver, error) {
	if !isSessionPath(arg) {
		iopts := newInterviewOptions(f)
		iopts.Keys = o.Keys
		iopts.TrainingStore = o.TrainingStore
		s, err := loadAnySession(f, iopts, arg, o.Training)
		if err != nil {
			return nil, nil, err
		}
		if s.Mode == interview.ModeTraining {
			st, err := o.TrainingStore()
			if err != nil {
				return nil, nil, err
			}
			return s, st, nil
		}
		st, err := o.Keys.Store(false) // unlocked already by loadAnySession
		if err != nil {
			return nil, nil, err
		}
		return s, st, nil
	}

	if strings.EqualFold(filepath.Ext(arg), vault.Ext) {
		st, err := o.Keys.Store(false)
		if err != nil {
			return nil, nil, err
		}
		s, err := st.ReadFile(arg)
		if errors.Is(err, interview.ErrNotFound) {
			return nil, nil, f.readError(arg, os.ErrNotExist)
		}
		if err != nil {
			return nil, nil, sessionError(f, err)
		}
		return s, &encryptedFile{store: st, path: arg}, nil
	}

	data, err := readSessionFile(arg)
	if err != nil {
		return nil, nil, f.readError(arg, err)
	}
	s, err := interview.UnmarshalSession(data)
	if err != nil {
		return nil, nil, f.failure(err, "cli.error.export_not_session", map[string]any{"File": arg, "Detail": textsafe.Line(err.Error())})
	}
	if s.Mode != interview.ModeTraining {
		// Real answers exist only encrypted; a plaintext one came from outside earlyid.
		return nil, nil, f.failure(nil, "cli.error.export_real_plaintext", map[string]any{"File": arg})
	}
	return s, trainingFile(arg), nil
}

// maxSessionFile bounds what is read from a session file given by path.
const maxSessionFile = 16 << 20

func readSessionFile(path string) ([]byte, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	if st, err := fh.Stat(); err == nil && st.IsDir() {
		return nil, errIsDir
	}
	return io.ReadAll(io.LimitReader(fh, maxSessionFile))
}

// trainingFile saves a training session back to the JSON file it was read from.
type trainingFile string

func (p trainingFile) Save(s *interview.Session) error {
	data, err := s.Marshal()
	if err != nil {
		return err
	}
	return interview.WriteFileAtomic(string(p), data)
}

// encryptedFile saves a session back, encrypted like the store does, to the .age file it
// was read from.
type encryptedFile struct {
	store *vault.Store
	path  string
}

func (e *encryptedFile) Save(s *interview.Session) error {
	data, err := e.store.Encrypt(s)
	if err != nil {
		return err
	}
	return interview.WriteFileAtomic(e.path, data)
}
