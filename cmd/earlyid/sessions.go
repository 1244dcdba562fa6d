package main

import (
	"bufio"
	"fmt"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/indicators"
	"github.com/earlyid/earlyid/interview"
	"github.com/earlyid/earlyid/interview/training"
	"github.com/earlyid/earlyid/interview/vault"
	"github.com/earlyid/earlyid/locales"
	"github.com/earlyid/earlyid/textsafe"
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
	if dir, err := f.trainingDir(); err == nil {
		training, err := interview.ReadTrainingStore(dir)
		if err != nil {
			return nil, err
		}
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
	cmd.AddCommand(newSessionsListCmd(f, nil), newSessionsShowCmd(f, nil), newSessionsDeleteCmd(f, nil), newSessionsPurgeCmd(f, nil),
		newSessionsImportCmd(f, nil), newSessionsFollowUpCmd(f))
	return cmd
}

// sessionsListOptions holds the dependencies of sessions list.
type sessionsListOptions struct {
	Keys *keyAccess
}

func newSessionsListCmd(f *factory, runF func(*sessionsListOptions) error) *cobra.Command {
	opts := &sessionsListOptions{Keys: newKeyAccess(f)}
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List saved sessions",
		Long: `List saved sessions: case code, last change, guideline, mode, status and the number
of answers, read from inside the encrypted files. A file that cannot be read is listed as
unreadable, and the others are still shown. Sessions last changed longer ago than the
retention period (earlyid config get retention; 90d by default) are marked with "!".`,
		Args: exactArgs(f, 0, ""),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runOr(runF, opts, func() error { return runSessionsList(f, opts) })
		},
	}
	addPassphraseFlag(cmd, opts.Keys)
	return cmd
}

func runSessionsList(f *factory, opts *sessionsListOptions) error {
	l := f.Localizer()
	c, _, err := f.loadConfig()
	if err != nil {
		return err
	}
	retention, retentionText := c.retention()
	all, err := collectSessions(f, opts.Keys)
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
		f.IO.ErrLine(l.N("cli.sessions.old", old, map[string]any{"Retention": periodText(l, retentionText)}))
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

// sessionsShowOptions holds the dependencies and flag values of sessions show.
type sessionsShowOptions struct {
	// Interview opens the stores and the guideline as the interview command does.
	Interview *interviewOptions

	Code      string
	Guideline string
	Training  bool
}

func newSessionsShowCmd(f *factory, runF func(*sessionsShowOptions) error) *cobra.Command {
	opts := &sessionsShowOptions{Interview: newInterviewOptions(f)}
	cmd := &cobra.Command{
		Use:   "show CODE [--guideline FILE]",
		Short: "Show a saved session",
		Long: `Show a saved session: what it is (guideline, mode, status, dates), the assessment
of its answers (indicators, flags, referrals) and its sharing log (the summaries that
were exported, when, in which format and for whom).`,
		Args: exactArgs(f, 1, "CODE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Code = args[0]
			return runOr(runF, opts, func() error { return runSessionsShow(f, opts) })
		},
	}
	cmd.Flags().StringVar(&opts.Guideline, "guideline", "", "the guideline `FILE|ID` the session was made with (default: the built-in one it names)")
	cmd.Flags().BoolVar(&opts.Training, "training", false, "show the training session with this code")
	addPassphraseFlag(cmd, opts.Interview.Keys)
	return cmd
}

func runSessionsShow(f *factory, opts *sessionsShowOptions) error {
	s, err := loadAnySession(f, opts.Interview, opts.Code, opts.Training)
	if err != nil {
		return err
	}
	l := f.Localizer()
	var g *guidelines.Guideline
	var ds guidelines.Diagnostics
	if opts.Guideline != "" {
		g, ds = opts.Interview.Open(opts.Guideline)
	} else {
		g, ds = recordedGuideline(opts.Interview.Open, s.Guideline.ID)
	}
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
		lang = s.Lang // the interviewer's language is missing: the person's, which the session has
	}
	if err := indicators.WriteText(a, out, lang, l); err != nil {
		return err
	}
	fmt.Fprintln(out)
	if len(s.FollowUps) > 0 {
		p("cli.followup.history", nil)
		for _, line := range followUpLines(f, s) {
			fmt.Fprintln(out, line)
		}
		fmt.Fprintln(out)
	}
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
	if interview.IsYesWord(line) {
		return true, nil
	}
	f.IO.ErrLine(f.Localizer().T("cli.sessions.cancelled", nil))
	return false, nil
}

// removeSession deletes a stored session's file, under the session's lock: an interview
// open on it would otherwise write it back at its next save.
func (f *factory) removeSession(s storedSession) error {
	l, err := f.lockSession(s.Code, lockWaitCommand)
	if err != nil {
		return err
	}
	defer l.Release() // removes the lock file, whose name is the code, too
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

// sessionsDeleteOptions holds the flag values of sessions delete.
type sessionsDeleteOptions struct {
	Code     string
	Yes      bool
	Training bool
}

func newSessionsDeleteCmd(f *factory, runF func(*sessionsDeleteOptions) error) *cobra.Command {
	opts := &sessionsDeleteOptions{}
	cmd := &cobra.Command{
		Use:   "delete CODE [--yes]",
		Short: "Delete a saved session",
		Long: `Delete a saved session. On a terminal earlyid asks first; elsewhere add --yes. No
passphrase is needed. A session open in another window is not deleted: close it there first.

Deleting is not erasure. The session file is removed, with the temp files a save of it
killed half-way left behind; your key does not change. Any copy of the file made before
therefore still opens with your key and passphrase (and the recovery key, if one is set):
a backup of this computer, a copied or synchronised data folder, an encrypted copy written
elsewhere when saving failed, and the old blocks of the file that an SSD keeps after it is
removed. Exports already made are not deleted either. To make such old copies unreadable,
replace the key they were encrypted to: earlyid key rotate does that (the organisation's
recovery key, if one is set, still opens them).`,
		Args: exactArgs(f, 1, "CODE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			code, err := resolveCode(f, args[0])
			if err != nil {
				return err
			}
			opts.Code = code
			return runOr(runF, opts, func() error { return runSessionsDelete(f, opts) })
		},
	}
	cmd.Flags().BoolVarP(&opts.Yes, "yes", "y", false, "do not ask for confirmation")
	cmd.Flags().BoolVar(&opts.Training, "training", false, "delete the training session with this code")
	return cmd
}

func runSessionsDelete(f *factory, opts *sessionsDeleteOptions) error {
	code := opts.Code
	l := f.Localizer()
	s := storedSession{Code: code}
	switch enc, tr := f.hasRealSession(code), f.hasTrainingSession(code); {
	case tr && (opts.Training || !enc):
		s.Training = true
	case !enc:
		return &cliError{code: exitFailure, err: interview.ErrNotFound, msg: l.T("cli.error.session_not_found", map[string]any{"Code": code})}
	}
	ok, err := confirm(f, opts.Yes, "cli.sessions.delete.confirm", map[string]any{"Code": code})
	if err != nil || !ok {
		return err
	}
	if err := f.removeSession(s); err != nil {
		return err
	}
	fmt.Fprintln(f.IO.Out, l.T("cli.sessions.deleted", map[string]any{"Code": code}))
	fmt.Fprintln(f.IO.Out, l.T("cli.sessions.delete.note", nil))
	return nil
}

// sessionsPurgeOptions holds the dependencies and flag values of sessions purge.
type sessionsPurgeOptions struct {
	Keys *keyAccess

	OlderThan string
	// Age is OlderThan as a duration.
	Age      time.Duration
	Yes      bool
	DryRun   bool
	Training bool
}

func newSessionsPurgeCmd(f *factory, runF func(*sessionsPurgeOptions) error) *cobra.Command {
	opts := &sessionsPurgeOptions{Keys: newKeyAccess(f)}
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
			if opts.OlderThan == "" {
				return f.usageError("cli.sessions.purge.needs_age", nil)
			}
			age, err := parsePeriod(opts.OlderThan)
			if err != nil {
				return &cliError{code: exitUsage, err: err, msg: f.Localizer().T("cli.error.bad_period", map[string]any{"Value": opts.OlderThan})}
			}
			opts.Age = age
			return runOr(runF, opts, func() error { return runSessionsPurge(f, opts) })
		},
	}
	cmd.Flags().StringVar(&opts.OlderThan, "older-than", "", "delete sessions last changed longer ago than `PERIOD` (e.g. 90d, 12w, 36h)")
	cmd.Flags().BoolVarP(&opts.Yes, "yes", "y", false, "do not ask for confirmation")
	cmd.Flags().BoolVar(&opts.DryRun, "dry-run", false, "only list what would be deleted")
	cmd.Flags().BoolVar(&opts.Training, "training", false, "purge training sessions too")
	addPassphraseFlag(cmd, opts.Keys)
	return cmd
}

func runSessionsPurge(f *factory, opts *sessionsPurgeOptions) error {
	l := f.Localizer()
	all, err := collectSessions(f, opts.Keys)
	if err != nil {
		return err
	}
	now := f.Now()
	var purge []storedSession
	for _, s := range all {
		switch {
		case s.Training && !opts.Training:
		case s.Err != nil:
			f.IO.ErrLine(l.T("cli.sessions.purge.skipped", map[string]any{"Code": s.Code}))
		case now.Sub(s.Meta.Updated) > opts.Age:
			purge = append(purge, s)
		}
	}
	if len(purge) == 0 {
		fmt.Fprintln(f.IO.Out, l.T("cli.sessions.purge.none", map[string]any{"Age": periodText(l, opts.OlderThan)}))
		return nil
	}
	fmt.Fprintln(f.IO.Out, l.N("cli.sessions.purge.list", len(purge), map[string]any{"Age": periodText(l, opts.OlderThan)}))
	for _, s := range purge {
		fmt.Fprintf(f.IO.Out, "  %s  %s  %s\n", s.Code, s.Meta.Updated.Local().Format("2006-01-02"), modeText(l, s.Training, s.Meta.Mode))
	}
	if opts.DryRun {
		return nil
	}
	ok, err := confirm(f, opts.Yes, "cli.sessions.purge.confirm", nil)
	if err != nil || !ok {
		return err
	}
	failed := false
	done := 0
	for _, s := range purge {
		if err := f.removeSession(s); err != nil {
			// One session open in a window, or one file that cannot be removed, does not
			// stop the others from being purged; each is named, and the exit code says it.
			f.IO.ErrLine(err.Error())
			failed = true
			continue
		}
		done++
	}
	fmt.Fprintln(f.IO.Out, l.N("cli.sessions.purged", done, nil))
	fmt.Fprintln(f.IO.Out, l.T("cli.sessions.delete.note", nil))
	if failed {
		return errSilentFailure
	}
	return nil
}

// recordedGuideline opens the guideline a session names. The name comes from a file that
// anyone may have written, so it is an id looked up among the built-in guidelines and
// never a path to open (/etc/passwd, ../.., /dev/zero): a guideline file is given with
// --guideline. It returns nil and no findings for a name that is not a built-in id.
func recordedGuideline(open func(string) (*guidelines.Guideline, guidelines.Diagnostics), id string) (*guidelines.Guideline, guidelines.Diagnostics) {
	if id == "" || training.IsPath(id) || !textsafe.Safe(id) {
		return nil, nil
	}
	return open(id)
}
