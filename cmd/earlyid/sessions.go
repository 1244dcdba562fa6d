package main

import (
	"bufio"
	"errors"
	"fmt"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/indicators"
	"github.com/earlyid/earlyid/interview"
	"github.com/earlyid/earlyid/interview/textsafe"
	"github.com/earlyid/earlyid/interview/vault"
	"github.com/earlyid/earlyid/locales"
)

// storedSession is one saved session as the sessions commands see it, readable or not.
type storedSession struct {
	Code     string
	Training bool
	Meta     interview.Meta // valid when Err is nil
	Err      error          // why the file cannot be read
}

// collectSessions returns every saved session: training ones (no passphrase) and, when
// the sessions folder holds any, the encrypted ones (the key is unlocked once). A file
// that cannot be read is returned with its error and does not hide the others. Readable
// sessions come first, most recently changed first.
func collectSessions(f *factory, keys *keyAccess) ([]storedSession, error) {
	var out []storedSession
	if training, err := f.readTrainingStore(); err == nil {
		entries, err := training.Entries()
		if err != nil {
			return nil, err
		}
		for _, e := range entries {
			out = append(out, storedSession{Code: e.Code, Training: true, Meta: e.Meta, Err: e.Err})
		}
	}
	if f.hasRealSessions() {
		st, err := keys.Store(false)
		if err != nil {
			return nil, err
		}
		entries, err := st.Entries()
		if err != nil {
			return nil, err
		}
		for _, e := range entries {
			out = append(out, storedSession{Code: e.Code, Meta: e.Meta, Err: e.Err})
		}
	}
	slices.SortStableFunc(out, func(a, b storedSession) int {
		switch {
		case (a.Err == nil) != (b.Err == nil):
			if a.Err == nil {
				return -1
			}
			return 1
		case !a.Meta.Updated.Equal(b.Meta.Updated):
			return b.Meta.Updated.Compare(a.Meta.Updated)
		}
		return strings.Compare(a.Code, b.Code)
	})
	return out, nil
}

func newSessionsCmd(f *factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "sessions",
		Short: "List, show or delete saved sessions",
		Long: `List, show or delete saved sessions.

Real and self sessions are stored encrypted in the data folder (sessions/<CODE>.age); reading
them asks for your passphrase once per command (scripts: --passphrase-file FILE or
EARLYID_PASSPHRASE_FILE). Training sessions are stored unencrypted in training/<CODE>.json and
are marked as fictional.

Deleting a session removes its file. That is enough, because the file only ever held
ciphertext: without your key (or the organisation's recovery key) its leftovers on the disk
cannot be read. It does not delete exports already made, copies written elsewhere, or
backups of this computer.`,
		Args: exactArgs(f, 0, ""),
	}
	cmd.AddCommand(newSessionsListCmd(f), newSessionsShowCmd(f), newSessionsDeleteCmd(f), newSessionsPurgeCmd(f))
	return cmd
}

func newSessionsListCmd(f *factory) *cobra.Command {
	keys := newKeyAccess(f)
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List saved sessions",
		Long: `List saved sessions: case code, last change, guideline, mode, status and the number
of answers, read from inside the encrypted files. A file that cannot be read is listed as
unreadable, and the others are still shown. Sessions last changed longer ago than the
retention period (earlyid config get retention; 90d by default) are marked with "!".`,
		Args: exactArgs(f, 0, ""),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runSessionsList(f, keys)
		},
	}
	addPassphraseFlag(cmd, keys)
	return cmd
}

func runSessionsList(f *factory, keys *keyAccess) error {
	l := f.Localizer()
	c, _, err := f.loadConfig()
	if err != nil {
		return err
	}
	retention, retentionText := c.retention()
	all, err := collectSessions(f, keys)
	if err != nil {
		return err
	}
	if len(all) == 0 {
		fmt.Fprintln(f.IO.Out, l.T("cli.sessions.none", nil))
		return nil
	}
	now := f.Now()
	w := tabwriter.NewWriter(f.IO.Out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, strings.Join([]string{
		l.T("cli.sessions.col.code", nil), l.T("cli.sessions.col.updated", nil), l.T("cli.sessions.col.guideline", nil),
		l.T("cli.sessions.col.mode", nil), l.T("cli.sessions.col.status", nil), l.T("cli.sessions.col.answered", nil),
	}, "\t"))
	old, unreadable := 0, 0
	for _, s := range all {
		if s.Err != nil {
			unreadable++
			fmt.Fprintf(w, "%s\t?\t?\t%s\t%s\t?\n", s.Code, modeText(l, s.Training, ""), l.T("cli.sessions.unreadable", nil))
			continue
		}
		m := s.Meta
		date := m.Updated.Local().Format("2006-01-02 15:04")
		if now.Sub(m.Updated) > retention {
			date += " !"
			old++
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%d\n", m.Code, date,
			textsafe.Line(strings.TrimSpace(m.Guideline.ID+" "+m.Guideline.Version)),
			modeText(l, s.Training, m.Mode), statusText(l, m.Status), m.Answered)
	}
	if err := w.Flush(); err != nil {
		return err
	}
	for _, s := range all {
		if s.Err != nil {
			f.IO.ErrLine(sessionError(f, s.Err).Error())
		}
	}
	if old > 0 {
		f.IO.ErrLine(l.N("cli.sessions.old", old, map[string]any{"Retention": retentionText}))
		f.IO.ErrLine(l.T("cli.sessions.old_hint", map[string]any{"Retention": retentionText}))
	}
	if unreadable > 0 {
		return errSilentFailure
	}
	return nil
}

// modeText names a session's mode for a listing; training sessions are marked fictional.
func modeText(l *locales.Localizer, training bool, mode interview.Mode) string {
	switch {
	case training || mode == interview.ModeTraining:
		return l.T("cli.sessions.mode.training", nil)
	case mode == interview.ModeSelf:
		return l.T("cli.sessions.mode.self", nil)
	case mode == interview.ModeReal:
		return l.T("cli.sessions.mode.real", nil)
	}
	return "?"
}

// statusText names a session's status.
func statusText(l *locales.Localizer, st interview.Status) string {
	switch st {
	case interview.StatusInProgress, interview.StatusFinished, interview.StatusAbandoned:
		return l.T("cli.sessions.status."+string(st), nil)
	}
	return textsafe.Line(string(st))
}

func newSessionsShowCmd(f *factory) *cobra.Command {
	keys := newKeyAccess(f)
	var guideline string
	var training bool
	cmd := &cobra.Command{
		Use:   "show CODE [--guideline FILE]",
		Short: "Show a saved session",
		Long: `Show a saved session: what it is (guideline, mode, status, dates), the assessment
of its answers (indicators, flags, referrals) and its sharing log (the summaries that
were exported, when, in which format and for whom).`,
		Args: exactArgs(f, 1, "CODE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts := newInterviewOptions(f)
			opts.Keys = keys
			s, err := loadAnySession(f, opts, args[0], training)
			if err != nil {
				return err
			}
			return showSession(f, s, guideline)
		},
	}
	cmd.Flags().StringVar(&guideline, "guideline", "", "the guideline `FILE|ID` the session was made with (default: the built-in one it names)")
	cmd.Flags().BoolVar(&training, "training", false, "show the training session with this code")
	addPassphraseFlag(cmd, keys)
	return cmd
}

func showSession(f *factory, s *interview.Session, guideline string) error {
	l := f.Localizer()
	if guideline == "" {
		guideline = s.Guideline.ID
	}
	g, ds := guidelines.Open(guideline)
	if g == nil || ds.HasErrors() {
		return f.failure(ds, "cli.sessions.guideline_needed", map[string]any{"ID": textsafe.Line(s.Guideline.ID), "Code": s.Code})
	}
	e, err := interview.New(g, s, interview.NewMemoryStore()) // read-only: nothing is saved
	if err != nil {
		return err
	}
	a, err := e.Assessment()
	if err != nil {
		return f.failure(err, "cli.error.score_failed", map[string]any{"Detail": err.Error()})
	}
	out := f.IO.Out
	p := func(id string, data map[string]any) { fmt.Fprintln(out, textsafe.Line(l.T(id, data))) }
	if s.Mode == interview.ModeTraining {
		p("common.training_banner", nil)
	}
	p("cli.sessions.show.code", map[string]any{"Code": s.Code})
	p("cli.sessions.show.guideline", map[string]any{"ID": s.Guideline.ID, "Version": s.Guideline.Version})
	p("cli.sessions.show.mode", map[string]any{"Mode": modeText(l, false, s.Mode), "Status": statusText(l, s.Status), "Answered": len(s.Answers.Values)})
	p("cli.sessions.show.dates", map[string]any{"Created": s.Created.Local().Format("2006-01-02 15:04"), "Updated": s.Updated.Local().Format("2006-01-02 15:04")})
	if s.Interpreter {
		p("cli.sessions.show.interpreter", nil)
	}
	if e.GuidelineChanged() {
		p("cli.sessions.show.guideline_changed", nil)
	}
	fmt.Fprintln(out)
	lang := l.Lang()
	if !slices.Contains(g.Languages, lang) {
		lang = s.Lang
	}
	if err := indicators.WriteText(a, out, lang, l); err != nil {
		return err
	}
	fmt.Fprintln(out)
	if len(s.Exports) == 0 {
		p("cli.sessions.show.no_exports", nil)
		return nil
	}
	p("cli.sessions.show.sharing", nil)
	for _, x := range s.Exports {
		data := map[string]any{
			"At": x.At.Local().Format("2006-01-02 15:04"), "Format": x.Format, "Lang": x.Lang,
			"Recipients": strings.Join(x.Recipients, ", "),
		}
		id := "cli.sessions.show.export_plain"
		if len(x.Recipients) > 0 {
			id = "cli.sessions.show.export_encrypted"
		}
		line := "  " + l.T(id, data)
		if x.Redacted {
			line += " · " + l.T("cli.sessions.show.redacted", nil)
		}
		if x.LegalBasis != "" {
			// Identity shared without the person's consent: who received it, and on what basis.
			line += " · " + l.T("cli.sessions.show.legal_basis", map[string]any{"Basis": l.T("summary.legal_basis."+x.LegalBasis, nil)})
		}
		fmt.Fprintln(out, textsafe.Line(line))
	}
	return nil
}

// confirm asks a yes/no question on the terminal; non-terminals need --yes instead.
func confirm(f *factory, yes bool, id string, data map[string]any) (bool, error) {
	if yes {
		return true, nil
	}
	if !f.IO.CanPrompt() {
		return false, f.usageError("cli.sessions.needs_yes", nil)
	}
	fmt.Fprint(f.IO.ErrOut, f.Localizer().T(id, data)+" ")
	line, _ := bufio.NewReader(f.IO.In).ReadString('\n')
	switch strings.ToLower(strings.TrimSpace(line)) {
	case "y", "yes", "d", "da", "т", "так", "д", "да":
		return true, nil
	}
	f.IO.ErrLine(f.Localizer().T("cli.sessions.cancelled", nil))
	return false, nil
}

// removeSession deletes a stored session's file.
func (f *factory) removeSession(s storedSession) error {
	if s.Training {
		st, err := f.openTrainingStore()
		if err != nil {
			return err
		}
		return st.Delete(s.Code)
	}
	dir, err := f.sessionsDir()
	if err != nil {
		return err
	}
	return vault.Remove(dir, s.Code)
}

func newSessionsDeleteCmd(f *factory) *cobra.Command {
	var yes, training bool
	cmd := &cobra.Command{
		Use:   "delete CODE [--yes]",
		Short: "Delete a saved session",
		Long: `Delete a saved session. On a terminal earlyid asks first; elsewhere add --yes. No
passphrase is needed.

Removing the file is enough: it only ever held ciphertext, so what an SSD may keep of it
cannot be read without your key. Exports already made, copies written elsewhere and
backups of this computer are not deleted.`,
		Args: exactArgs(f, 1, "CODE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			code := args[0]
			if err := validateCodeArg(f, code); err != nil {
				return err
			}
			l := f.Localizer()
			s := storedSession{Code: code}
			switch enc, tr := f.hasRealSession(code), f.hasTrainingSession(code); {
			case tr && (training || !enc):
				s.Training = true
			case !enc:
				return &cliError{code: exitFailure, err: interview.ErrNotFound, msg: l.T("cli.error.session_not_found", map[string]any{"Code": code})}
			}
			ok, err := confirm(f, yes, "cli.sessions.delete.confirm", map[string]any{"Code": code})
			if err != nil || !ok {
				return err
			}
			if err := f.removeSession(s); err != nil {
				return err
			}
			fmt.Fprintln(f.IO.Out, l.T("cli.sessions.deleted", map[string]any{"Code": code}))
			fmt.Fprintln(f.IO.Out, l.T("cli.sessions.delete.note", nil))
			return nil
		},
	}
	cmd.Flags().BoolVarP(&yes, "yes", "y", false, "do not ask for confirmation")
	cmd.Flags().BoolVar(&training, "training", false, "delete the training session with this code")
	return cmd
}

func newSessionsPurgeCmd(f *factory) *cobra.Command {
	keys := newKeyAccess(f)
	var olderThan string
	var yes, dryRun, training bool
	cmd := &cobra.Command{
		Use:   "purge --older-than PERIOD [--yes] [--dry-run]",
		Short: "Delete sessions older than a period",
		Long: `Delete every real and self session last changed longer ago than PERIOD: a whole
number and a unit, h (hours), d (days) or w (weeks), e.g. 90d. Data about a person must
not be kept longer than the referral needs; set the period your organisation keeps cases
with "earlyid config set retention", and "earlyid sessions list" flags older ones.

The dates are read from inside the encrypted files, so the passphrase is asked once. A file
that cannot be read is never purged (its date is unknown); it is named instead. On a
terminal earlyid lists the sessions and asks first; elsewhere add --yes. --training purges
training sessions too.`,
		Example: `  earlyid sessions purge --older-than 90d --dry-run
  earlyid sessions purge --older-than 12w --yes --passphrase-file ~/.earlyid-pass`,
		Args: exactArgs(f, 0, ""),
		RunE: func(cmd *cobra.Command, args []string) error {
			l := f.Localizer()
			if olderThan == "" {
				return f.usageError("cli.sessions.purge.needs_age", nil)
			}
			age, err := parsePeriod(olderThan)
			if err != nil {
				return &cliError{code: exitUsage, err: err, msg: l.T("cli.error.bad_period", map[string]any{"Value": olderThan})}
			}
			all, err := collectSessions(f, keys)
			if err != nil {
				return err
			}
			now := f.Now()
			var purge []storedSession
			for _, s := range all {
				switch {
				case s.Training && !training:
				case s.Err != nil:
					f.IO.ErrLine(l.T("cli.sessions.purge.skipped", map[string]any{"Code": s.Code}))
				case now.Sub(s.Meta.Updated) > age:
					purge = append(purge, s)
				}
			}
			if len(purge) == 0 {
				fmt.Fprintln(f.IO.Out, l.T("cli.sessions.purge.none", map[string]any{"Age": olderThan}))
				return nil
			}
			fmt.Fprintln(f.IO.Out, l.N("cli.sessions.purge.list", len(purge), map[string]any{"Age": olderThan}))
			for _, s := range purge {
				fmt.Fprintf(f.IO.Out, "  %s  %s  %s\n", s.Code, s.Meta.Updated.Local().Format("2006-01-02"), modeText(l, s.Training, s.Meta.Mode))
			}
			if dryRun {
				return nil
			}
			ok, err := confirm(f, yes, "cli.sessions.purge.confirm", nil)
			if err != nil || !ok {
				return err
			}
			var errs []error
			done := 0
			for _, s := range purge {
				if err := f.removeSession(s); err != nil {
					errs = append(errs, err)
					continue
				}
				done++
			}
			fmt.Fprintln(f.IO.Out, l.N("cli.sessions.purged", done, nil))
			fmt.Fprintln(f.IO.Out, l.T("cli.sessions.delete.note", nil))
			return errors.Join(errs...)
		},
	}
	cmd.Flags().StringVar(&olderThan, "older-than", "", "delete sessions last changed longer ago than `PERIOD` (e.g. 90d, 12w, 36h)")
	cmd.Flags().BoolVarP(&yes, "yes", "y", false, "do not ask for confirmation")
	cmd.Flags().BoolVar(&dryRun, "dry-run", false, "only list what would be deleted")
	cmd.Flags().BoolVar(&training, "training", false, "purge training sessions too")
	addPassphraseFlag(cmd, keys)
	return cmd
}
