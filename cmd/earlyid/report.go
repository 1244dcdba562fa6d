package main

import (
	"errors"
	"io"
	"io/fs"
	"maps"
	"math"
	"path/filepath"
	"runtime/debug"
	"runtime/metrics"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/interview/training"
	"github.com/earlyid/earlyid/interview/vault"
	"github.com/earlyid/earlyid/textsafe"
)

// reportOptions holds the report command's flag values.
type reportOptions struct {
	// Paths are the arguments: session files and folders of them.
	Paths      []string
	Format     string
	Out        string
	By         string
	MinGroup   int
	Demos      bool
	All        bool
	Rescore    []string
	Guidelines []string
	Keys       *keyAccess
}

func newReportCmd(f *factory, runF func(*reportOptions) error) *cobra.Command {
	opts := &reportOptions{Format: training.FormatText, MinGroup: training.DefaultMinGroup, Keys: newKeyAccess(f)}
	cmd := &cobra.Command{
		Use:   "report FILE|DIR... [--format text|html|csv] [--out FILE] [--by QUESTION|profile|scenario|language] [--min-group N] [--all-scenarios]",
		Short: "Summarise many sessions for a pilot evaluation",
		Long: `Aggregate interview sessions for a pilot evaluation of a guideline: the number of
interviews by guideline version, language, mode and status; the outcomes; how often each
indicator and flag was raised; per question how often it was asked, declined ("prefer not to
answer") or answered "don't know", and the median time on it; the median interview length;
and the questions never reached. Sessions of different guidelines are reported separately.

FILE|DIR are session files or folders of them: training sessions (*.json) and encrypted real
sessions (*.age). Real sessions are read with your key: the passphrase is asked for once on
a terminal, or read with --passphrase-file; without either they are skipped and counted.

--by QUESTION breaks every figure down by the answers to one question (a yes/no or choice
question, e.g. citizenship or travel_with), by profile, by scenario (the training scenario a
simulation ran) or by language (the interview's).

Each session counts once, however many copies of it are given (by its case code): copies are
left out and counted, and when two differ the one changed last counts, with a warning naming
both files. Training sessions of several scenarios are different cases: the report gives each
scenario its own column, refuses a breakdown by anything else, and pools them only with
--all-scenarios.

--rescore GUIDELINE (repeatable) scores the answers of every finished interview again with
another rule set that shares the guideline's questions (e.g. mixed-flows-md-strict) and shows
the cross-table of outcomes, how many changed because the rules differ and how many where the
rule set needs questions the interview never asked (never showed; those are listed; nothing
is guessed).

With follow-up results recorded (earlyid sessions follow-up), the report measures the
instrument against what the referral system decided: for the guideline and each --rescore
rule set, screening positive at an outcome of high level, of high or medium level, and at
each count of indicators present, the sensitivity, specificity and positive and negative
predictive values, each with its 95% Wilson interval and the counts behind it; how many
interviews still wait for a result; the cost (median interview time and questions, and
interviews and time per identified victim); and what such figures cannot show. With --by,
each group has them too, under the same minimum group size.

The report holds aggregates only: no case code, no answer and no note of
any one interview.

--min-group N (default 5) keeps a breakdown from pointing at a person: the answers given in
fewer than N interviews (or in none) are merged into one group, "other answers"; when that
group still has fewer than N interviews its figures are not shown, nor those of the smallest
group needed to keep them from being worked out by subtracting the other groups from "all".
Inside a group, a question asked in fewer than N of its interviews shows how often it was
asked but not its declined, "don't know" and median time; the figures against the follow-up
are withheld where fewer than N interviews were followed up, identified or not, or screened
positive or negative at a threshold. The report says what was merged and withheld. The
counts of all interviews are never changed, but in "all" too a question asked in fewer than
N interviews does not show its declined, "don't know" and median time.
--min-group 1 shows every group, however small, and says so.

Demonstrations (simulate --autoplay: the scenario playing itself) are left out and counted;
--include-demos counts them as interviews. Outcomes, indicators and flags count finished
interviews only; the report says how many unfinished ones it left out of them.`,
		Example: `  earlyid report ~/.local/share/earlyid/training
  earlyid report sessions/ --by citizenship --format html --out pilot.html
  earlyid report sessions/ --format csv --out pilot.csv
  earlyid report sessions/ --by citizenship --min-group 10
  earlyid report workshop/ --by scenario --format csv --out workshop.csv
  earlyid report sessions/ --rescore mixed-flows-md-strict
  earlyid report sessions/ --rescore mixed-flows-md-strict --by language --format csv --out pilot.csv`,
		Args: minArgs(f, 1, "FILE|DIR"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			if !slices.Contains(training.ReportFormats, opts.Format) {
				return f.usageError("cli.error.bad_format", map[string]any{"Value": opts.Format, "Formats": strings.Join(training.ReportFormats, ", ")})
			}
			if opts.MinGroup < 1 {
				return f.usageError("train.error.min_group", map[string]any{"Value": opts.MinGroup})
			}
			if runF != nil {
				return runF(opts)
			}
			return runReport(f, opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Format, "format", "f", training.FormatText, "output format: text, html or csv")
	cmd.Flags().StringVar(&opts.Out, "out", "", "write to `FILE` (default: standard output)")
	cmd.Flags().StringVar(&opts.By, "by", "", "break every figure down by the answers to `QUESTION` (an id), or by profile, scenario or language")
	cmd.Flags().IntVar(&opts.MinGroup, "min-group", training.DefaultMinGroup, "show a group of a breakdown only with at least `N` interviews (1: every group)")
	cmd.Flags().BoolVar(&opts.Demos, "include-demos", false, "count the demonstrations (simulate --autoplay) as interviews")
	cmd.Flags().StringArrayVar(&opts.Rescore, "rescore", nil, "score every session's answers again with the rule set `FILE|ID` (a guideline that shares their questions) and compare the outcomes (repeatable)")
	cmd.Flags().BoolVar(&opts.All, "all-scenarios", false, "pool the interviews of several training scenarios as one group")
	cmd.Flags().StringArrayVar(&opts.Guidelines, "guideline", nil, "a guideline `FILE|ID` for sessions of a guideline that is not built in (repeatable)")
	addPassphraseFlag(cmd, opts.Keys)
	return cmd
}

func runReport(f *factory, opts *reportOptions) error {
	l := f.Localizer()
	files, err := training.CollectFiles(opts.Paths)
	if err != nil {
		path := strings.Join(opts.Paths, " ")
		var pe *fs.PathError
		if errors.As(err, &pe) {
			path = pe.Path
		}
		return f.readError(path, err)
	}
	ro := training.ReportOptions{By: opts.By, MinGroup: opts.MinGroup, IncludeDemos: opts.Demos, AllScenarios: opts.All}
	for _, id := range opts.Rescore {
		g, ds := guidelines.Open(id)
		if g == nil || ds.HasErrors() {
			return errorsOf(ds)
		}
		ro.Rescore = append(ro.Rescore, g)
	}
	for _, id := range opts.Guidelines {
		g, ds := guidelines.Open(id)
		if g == nil || ds.HasErrors() {
			return errorsOf(ds)
		}
		if err := training.CheckBy(g, opts.By); err != nil {
			return byError(f, err)
		}
		ro.Guidelines = append(ro.Guidelines, g)
	}

	// Real sessions are encrypted: read them only when the key can be unlocked without
	// surprising anyone (a terminal to type the passphrase on, or a passphrase file).
	encrypted := slices.ContainsFunc(files, func(p string) bool { return strings.EqualFold(filepath.Ext(p), vault.Ext) })
	if encrypted && (opts.Keys.passphraseFile() != "" || opts.Keys.canAsk()) {
		store, err := opts.Keys.Store(false)
		if err != nil {
			return err
		}
		// Unlocking took scrypt's 256 MiB, garbage now: with the collector at 4x growth
		// (main) the report's heap would grow to a gigabyte before the first collection.
		debug.FreeOSMemory()
		if f.Getenv("GOGC") == "" {
			debug.SetGCPercent(100)
		}
		ro.ReadEncrypted = store.Decrypt
	}
	if gcTuned && f.Getenv("GOMEMLIMIT") == "" && len(files) >= reportManyFiles {
		defer boundReportHeap(reportHeapLimit)()
	}

	rep, err := training.NewReport(files, ro)
	if err != nil {
		return byError(f, err)
	}
	for _, e := range rep.Skipped.Errors {
		f.IO.ErrOut.Write([]byte(l.T("train.warn.skipped_file", map[string]any{"Detail": training.SkipMessage(e, l)}) + "\n"))
	}
	if n := rep.Skipped.Encrypted; n > 0 {
		id := "train.report.skipped_encrypted"
		if ro.ReadEncrypted == nil {
			id = "train.warn.encrypted_locked"
		}
		f.IO.ErrOut.Write([]byte(l.N(id, n, nil) + "\n"))
	}
	for _, c := range rep.Conflicts {
		f.IO.ErrOut.Write([]byte(l.T("train.warn.duplicate_differs", map[string]any{"Kept": textsafe.Line(c.Kept), "Dropped": textsafe.Line(c.Dropped)}) + "\n"))
	}
	for id, n := range rep.Skipped.NoGuideline {
		f.IO.ErrOut.Write([]byte(l.N("train.report.skipped_guideline", n, map[string]any{"ID": textsafe.Line(id)}) + "\n"))
	}
	return writeOutput(f, opts.Out, func(w io.Writer) error { return rep.Render(w, opts.Format, l.Lang()) })
}

// reportManyFiles is where a report is long enough for boundReportHeap to matter.
const reportManyFiles = 500

// reportHeapLimit is the memory boundReportHeap lets a report's heap use: with the
// program's own pages the process stays under 100 MB, the figure a report over 10,000
// sessions is held to.
const reportHeapLimit = 64 << 20

// boundReportHeap makes the collector run when the heap reaches limit rather than when it
// has doubled since the last collection, until what is live reaches half of limit, and
// returns the function that puts the usual target back. Reading thousands of sessions
// makes garbage at a steady rate (each file's ciphertext, decrypted in place, and what
// reading its header takes: about 30 KB, before the decoding) while what a report keeps
// grows slowly (one fact per session, 10,000 of them under 30 MB): at 2x growth the collector ran about 120 times in
// a report over 10,000 sessions, most of them early on when little was live, and took a
// fifth of its CPU time; under the limit it runs a few dozen times, and the memory held
// is the same. A report so large that what it keeps nears the limit goes back to 2x
// growth, since under a limit it cannot keep the collector would run without end.
func boundReportHeap(limit int64) (restore func()) {
	debug.SetGCPercent(-1)
	debug.SetMemoryLimit(limit)
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
			}
			metrics.Read(sample)
			if sample[0].Value.Kind() == metrics.KindUint64 && sample[0].Value.Uint64() > uint64(limit/2) {
				debug.SetGCPercent(100)
				debug.SetMemoryLimit(math.MaxInt64)
				return
			}
		}
	})
	return func() {
		close(done)
		wg.Wait()
		debug.SetGCPercent(100)
		debug.SetMemoryLimit(math.MaxInt64)
	}
}

// byError turns a --by that cannot group sessions into a usage error.
func byError(f *factory, err error) error {
	var be *training.ByQuestionError
	var se *training.ScenariosError
	if errors.As(err, &se) {
		var ids []string
		for _, id := range slices.Sorted(maps.Keys(se.Scenarios)) {
			ids = append(ids, textsafe.Line(id))
		}
		return &cliError{code: exitUsage, err: err, msg: f.Localizer().T("train.error.several_scenarios",
			map[string]any{"Guideline": se.Guideline, "Count": len(ids), "Scenarios": strings.Join(ids, ", ")})}
	}
	if errors.As(err, &be) {
		return &cliError{code: exitUsage, err: err, msg: f.Localizer().T("train.error.by_"+be.Kind, map[string]any{"Question": textsafe.Line(be.Question), "Guideline": be.Guideline})}
	}
	return err
}
