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
	Session   string
	Guideline string
	// Formats and Langs are every --format and --lang given: one file is written for each
	// format in each language, from one unlock of the key.
	Formats []string
	Langs   []string
	// Out is --out: the file, or with several files (or an existing folder) the folder
	// that receives them as <CODE>-<lang>.<format>.
	Out string
	// Identity is --identity: an age identity file (the organisation's recovery key) that
	// opens the session file instead of this computer's key.
	Identity   string
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
		Use:   "export CODE|SESSION_FILE --format md|html|json|pdf… [--lang L]… [--out FILE|DIR] [--identity KEYFILE] [--recipient age1…]… [--armor] [--force] [--legal-basis BASIS]",
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

Both take several values (--format pdf --format json, or --format pdf,json; the same for
--lang): one file is written for each format in each language, with one unlock of the key
and one line in the sharing log each. --out is then a folder, which must exist, and the
files in it are named <CODE>-<lang>.<format> (MD-7K3Q-2PXA-ro.pdf; .age is appended when
encrypting); none is written when any of them exists already, unless --force. A single
file given an existing folder as --out is named the same way.

--identity KEYFILE opens an encrypted session file with the organisation's recovery key
(an age identity file, possibly protected with a passphrase, asked on the terminal)
instead of this computer's key: the summary of a laptop's session whose key is lost. The
file is only read, so that export is not recorded in its sharing log; import the session
first ("earlyid sessions import") to keep the log.

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
  earlyid export session.json --format html --out summary.html --place Palanca
  earlyid export MD-7K3Q-2PXA --format pdf,json --lang ro,en --out ./referral
  earlyid export /media/usb/MD-7K3Q-2PXA.age --identity org-recovery.key --format pdf --out case.pdf`,
		Args: exactArgs(f, 1, "CODE|SESSION_FILE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Session = sessionArg(args[0])
			if err := opts.validate(f); err != nil {
				return err
			}
			return runOr(runF, opts, func() error { return runExport(f, opts) })
		},
	}
	fl := cmd.Flags()
	fl.StringSliceVar(&opts.Formats, "format", nil, "output `format`: md, html, json or pdf (required); several give one file each")
	fl.StringSliceVar(&opts.Langs, "lang", nil, "`language` of the summary: en, ro, uk or ru (default: the interface language); several give one file each")
	fl.StringVar(&opts.Out, "out", "", "write to `FILE` (default, or -: standard output), or into the folder DIR; .age is appended when encrypting")
	fl.StringVar(&opts.Identity, "identity", "", "open the session file with this age identity `KEYFILE` (the organisation's recovery key) instead of this computer's key")
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
	if len(o.Formats) == 0 {
		return f.usageError("cli.error.missing_args", map[string]any{"What": "--format " + strings.Join(summary.Formats, "|")})
	}
	var formats, langs []string
	for _, format := range o.Formats {
		format = strings.TrimSpace(format)
		if !summary.ValidFormat(format) {
			return f.usageError("cli.error.bad_format", map[string]any{"Value": format, "Formats": strings.Join(summary.Formats, ", ")})
		}
		if !slices.Contains(formats, format) {
			formats = append(formats, format)
		}
	}
	if len(o.Langs) == 0 {
		o.Langs = []string{l.Lang()}
	}
	for _, value := range o.Langs {
		lang, err := locales.Parse(strings.TrimSpace(value))
		if err != nil {
			return f.usageError("cli.error.export_lang", map[string]any{"Value": value, "Languages": strings.Join(locales.Languages, ", ")})
		}
		if !slices.Contains(langs, lang) {
			langs = append(langs, lang)
		}
	}
	o.Formats, o.Langs = formats, langs
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
	// Several files cannot share one output: they go into a folder, which must be there
	// (a mistyped name must not scatter real summaries into a new folder nobody looks in).
	if o.many() {
		if o.Out == "" {
			return f.usageError("cli.error.export_many_needs_folder", nil)
		}
		if st, err := os.Stat(o.Out); err != nil || !st.IsDir() {
			return f.usageError("cli.error.export_many_not_folder", map[string]any{"Path": o.Out})
		}
	}
	// Binary output never goes to a terminal: it would garble the screen and help nobody.
	if o.Out == "" && o.IO.StdoutTTY {
		switch {
		case summary.Binary(o.Formats[0]):
			return f.usageError("cli.error.export_binary_terminal", map[string]any{"Format": strings.ToUpper(o.Formats[0])})
		case len(o.Recipients) > 0 && !o.Armor:
			return f.usageError("cli.error.export_binary_terminal", map[string]any{"Format": "age"})
		}
	}
	return nil
}

// many reports whether more than one file is to be written.
func (o *exportOptions) many() bool { return len(o.Formats)*len(o.Langs) > 1 }

// exportFile is one summary to write: its format, language and file ("" for stdout).
type exportFile struct{ format, lang, out string }

// files returns the summaries to write, for the session with code: each format in each
// language, in the order given. Into a folder (several files, or --out naming a folder)
// each is named <code>-<lang>.<format>.
func (o *exportOptions) files(code string) []exportFile {
	dir := o.many()
	if !dir && o.Out != "" {
		st, err := os.Stat(o.Out)
		dir = err == nil && st.IsDir()
	}
	var out []exportFile
	for _, format := range o.Formats {
		for _, lang := range o.Langs {
			x := exportFile{format: format, lang: lang, out: o.Out}
			if dir {
				x.out = filepath.Join(o.Out, code+"-"+lang+summary.Extension(format))
			}
			out = append(out, x)
		}
	}
	return out
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

	files := o.files(s.Code)
	// Refuse before writing anything: half of a set of summaries is easily taken for all.
	if !o.Force {
		for _, x := range files {
			if p := summary.OutputPath(x.out, len(o.Recipients) > 0); p != "" {
				if _, err := os.Lstat(p); err == nil {
					return f.failure(err, "cli.error.file_exists", map[string]any{"Path": p})
				}
			}
		}
	}
	for _, x := range files {
		if err := o.write(f, g, s, saver, x); err != nil {
			return err
		}
	}
	if saver == nil {
		o.IO.ErrLine(l.T("cli.export.not_logged", map[string]any{"Code": s.Code}))
	}
	return nil
}

// write writes one summary of s and reports it: where it went and, for a real person's
// unencrypted summary, the reminder to keep it safe.
func (o *exportOptions) write(f *factory, g *guidelines.Guideline, s *interview.Session, saver summary.Saver, x exportFile) error {
	l := o.Localizer()
	path, err := summary.Export(summary.ExportOptions{
		Guideline: g, Session: s, Store: saver,
		Format: x.format, Lang: x.lang, LegalBasis: o.LegalBasis,
		Recipients: o.Recipients, Armor: o.Armor,
		Out: x.out, W: o.IO.Out, Force: o.Force,
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
	if o.Identity != "" {
		return o.loadWithIdentity(f, arg)
	}
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

// loadWithIdentity opens the encrypted session arg (a file, or a code in this computer's
// sessions folder) with the identity file of --identity. No saver is returned: the file
// is only read (it may be the one copy of a lost laptop's case, or on a read-only disk),
// and encrypting it again here would need recipients it does not name.
func (o *exportOptions) loadWithIdentity(f *factory, arg string) (*interview.Session, summary.Saver, error) {
	path := arg
	if !isSessionPath(arg) {
		dir, err := f.sessionsDir()
		if err != nil {
			return nil, nil, err
		}
		path = filepath.Join(dir, arg+vault.Ext)
	}
	if _, err := os.Stat(path); err != nil {
		return nil, nil, f.readError(path, err)
	}
	ids, err := readIdentityArg(f, o.Keys, o.Identity)
	if err != nil {
		return nil, nil, err
	}
	s, err := vault.ReadFile(path, ids...)
	var fk *vault.ForeignKeyError
	switch {
	case errors.As(err, &fk):
		return nil, nil, f.failure(err, "cli.export.identity_other_key", map[string]any{"File": path, "Identity": o.Identity})
	case err != nil:
		return nil, nil, sessionError(f, err)
	}
	return s, nil, nil
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
