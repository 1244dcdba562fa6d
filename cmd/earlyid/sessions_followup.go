package main

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/earlyid/earlyid/interview"
	"github.com/earlyid/earlyid/textsafe"
)

// sessionsFollowUpOptions holds the flag values of sessions follow-up.
type sessionsFollowUpOptions struct {
	Interview *interviewOptions
	Code      string
	Result    string
	Date      string
	By        string
	Note      string
	From      string
}

func newSessionsFollowUpCmd(f *factory) *cobra.Command {
	opts := &sessionsFollowUpOptions{Interview: newInterviewOptions(f)}
	cmd := &cobra.Command{
		Use:   "follow-up CODE --result RESULT [--date D] [--by INSTITUTION] [--note TEXT] | --from FILE",
		Short: "Record what the referral system later decided about a session",
		Long: `Record what the national referral system later decided about the person of a session:
identified (formally identified as a victim), not-identified, pending or lost-to-follow-up,
with the date of the decision (YYYY-MM-DD), the institution and a note. The result is kept
inside the session, encrypted like the rest; earlier results stay as its history, which
sessions show lists. Training sessions take follow-ups too (fictional pilots for workshops).

--from FILE records many at once from a CSV kept by the referral body, one session a row:
case code, result, date, institution (a first row naming the columns is skipped). Every
row is checked first: a bad row is reported by its line, and then nothing is recorded.`,
		Example: `  earlyid sessions follow-up MD-7K3Q-2PXA --result identified --date 2026-05-14 --by CNAET
  earlyid sessions follow-up --from results.csv`,
		Args: func(cmd *cobra.Command, args []string) error {
			if opts.From != "" {
				return exactArgs(f, 0, "")(cmd, args)
			}
			return exactArgs(f, 1, "CODE")(cmd, args)
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.Code = args[0]
			}
			return runSessionsFollowUp(f, opts)
		},
	}
	cmd.Flags().StringVar(&opts.Result, "result", "", "identified, not-identified, pending or lost-to-follow-up")
	cmd.Flags().StringVar(&opts.Date, "date", "", "the date of the decision, `YYYY-MM-DD`")
	cmd.Flags().StringVar(&opts.By, "by", "", "the `INSTITUTION` that decided")
	cmd.Flags().StringVar(&opts.Note, "note", "", "a note on the result")
	cmd.Flags().StringVar(&opts.From, "from", "", "record the rows of the CSV `FILE` (case code, result, date, institution)")
	addPassphraseFlag(cmd, opts.Interview.Keys)
	return cmd
}

// followUpRow is one follow-up to record, from the flags or from a line of --from.
type followUpRow struct {
	Line int // of the CSV; 0 for the flags
	Code string
	FU   interview.FollowUp
}

// checkFollowUp returns the message of what is wrong with r, or "".
func checkFollowUp(f *factory, r *followUpRow, now time.Time) string {
	l := f.Localizer()
	if code, ok := caseCodeArg(r.Code); ok {
		r.Code = code
	}
	if err := interview.ValidateCaseCode(r.Code); err != nil {
		return l.T("cli.followup.bad_code", map[string]any{"Code": textsafe.Line(r.Code)})
	}
	if !f.hasRealSession(r.Code) && !f.hasTrainingSession(r.Code) {
		return l.T("cli.error.session_not_found", map[string]any{"Code": r.Code})
	}
	if !slices.Contains(interview.FollowUpResults, r.FU.Result) {
		var names []string
		for _, x := range interview.FollowUpResults {
			names = append(names, string(x))
		}
		return l.T("cli.followup.bad_result", map[string]any{"Value": textsafe.Line(string(r.FU.Result)), "Results": strings.Join(names, ", ")})
	}
	if r.FU.Date != "" {
		d, err := time.Parse(time.DateOnly, r.FU.Date)
		if err != nil || d.After(now) {
			return l.T("cli.followup.bad_date", map[string]any{"Value": textsafe.Line(r.FU.Date)})
		}
	}
	for _, t := range []string{r.FU.By, r.FU.Note} {
		if utf8.RuneCountInString(t) > interview.MaxText {
			return l.T("cli.followup.too_long", map[string]any{"Max": interview.MaxText})
		}
	}
	return ""
}

// readFollowUps reads the rows of a --from CSV: case code, result, date, institution.
func readFollowUps(data []byte) ([]followUpRow, error) {
	data = bytes.TrimPrefix(data, []byte("\ufeff")) // as a spreadsheet saves it
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	var rows []followUpRow
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return rows, nil
		}
		if err != nil {
			return nil, err
		}
		line, _ := cr.FieldPos(0)
		if len(rows) == 0 && line == 1 && len(rec) > 1 && strings.EqualFold(strings.TrimSpace(rec[1]), "result") {
			continue // the header
		}
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		get := func(i int) string {
			if i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		rows = append(rows, followUpRow{Line: line, Code: get(0), FU: interview.FollowUp{Result: interview.FollowUpResult(get(1)), Date: get(2), By: get(3)}})
	}
}

func runSessionsFollowUp(f *factory, opts *sessionsFollowUpOptions) error {
	l := f.Localizer()
	now := f.Now()
	var rows []followUpRow
	if opts.From != "" {
		data, err := f.readInput(opts.From)
		if err != nil {
			return f.readError(opts.From, err)
		}
		if rows, err = readFollowUps(data); err != nil {
			return f.failure(err, "cli.followup.bad_csv", map[string]any{"File": textsafe.Line(opts.From), "Detail": textsafe.Line(err.Error())})
		}
		if len(rows) == 0 {
			return f.failure(nil, "cli.followup.empty_csv", map[string]any{"File": textsafe.Line(opts.From)})
		}
	} else {
		if opts.Result == "" {
			return f.usageError("cli.followup.needs_result", nil)
		}
		rows = []followUpRow{{Code: opts.Code, FU: interview.FollowUp{Result: interview.FollowUpResult(opts.Result), Date: opts.Date,
			By: strings.TrimSpace(opts.By), Note: strings.TrimSpace(opts.Note)}}}
	}
	// Every row is checked before anything is written: a file with a bad row changes
	// nothing.
	var bad []string
	seen := map[string]int{}
	for i := range rows {
		r := &rows[i]
		msg := checkFollowUp(f, r, now)
		if msg == "" && seen[r.Code] > 0 {
			msg = l.T("cli.followup.twice", map[string]any{"Code": r.Code, "Line": seen[r.Code]})
		}
		seen[r.Code] = r.Line
		if msg == "" {
			continue
		}
		if r.Line > 0 {
			msg = l.T("cli.followup.line", map[string]any{"Line": r.Line, "Problem": msg})
		}
		bad = append(bad, msg)
	}
	if len(bad) > 0 {
		for _, m := range bad[:len(bad)-1] {
			f.IO.ErrLine(m)
		}
		return f.failure(nil, "cli.followup.nothing_recorded", map[string]any{"Problem": bad[len(bad)-1]})
	}

	// Lock and load every session first, then save: a session open in an interview, or one
	// that cannot be read, stops the whole file before anything is written.
	type loaded struct {
		s     *interview.Session
		store interview.Store
		old   []interview.FollowUp
		was   time.Time
	}
	var all []loaded
	for _, r := range rows {
		lk, err := f.lockSession(r.Code, lockWaitCommand)
		if err != nil {
			return err
		}
		defer lk.Release()
		var st interview.Store
		if f.hasRealSession(r.Code) {
			st, err = opts.Interview.Keys.Store(false)
		} else {
			st, err = opts.Interview.TrainingStore()
		}
		if err != nil {
			return err
		}
		s, err := st.Load(r.Code)
		if err != nil {
			return sessionError(f, err)
		}
		all = append(all, loaded{s: s, store: st, old: s.FollowUps, was: s.Updated})
	}
	for i, x := range all {
		fu := rows[i].FU
		fu.Recorded = now.UTC()
		x.s.FollowUps = append(slices.Clip(x.old), fu)
		x.s.Updated = now.UTC()
		if err := x.store.Save(x.s); err != nil {
			// Undo the ones already saved, so that the file is recorded whole or not at all.
			for _, y := range all[:i] {
				y.s.FollowUps, y.s.Updated = y.old, y.was
				y.store.Save(y.s)
			}
			return f.failure(err, "cli.followup.save_failed", map[string]any{"Code": x.s.Code, "Reason": saveReason(l, err)})
		}
	}
	f.IO.ErrLine(l.N("cli.followup.recorded", len(all), nil))
	return nil
}

// followUpLines are the lines sessions show prints for a session's follow-up history, the
// current result last.
func followUpLines(f *factory, s *interview.Session) []string {
	l := f.Localizer()
	var out []string
	for _, fu := range s.FollowUps {
		line := l.T("cli.followup.result."+string(fu.Result), nil)
		if fu.Date != "" {
			line += " · " + textsafe.Line(fu.Date)
		}
		if fu.By != "" {
			line += " · " + textsafe.Line(fu.By)
		}
		line += " · " + l.T("cli.followup.recorded_at", map[string]any{"At": fu.Recorded.Local().Format("2006-01-02 15:04")})
		if fu.Note != "" {
			line += fmt.Sprintf(" · %s", textsafe.Line(fu.Note))
		}
		out = append(out, "  "+line)
	}
	return out
}
