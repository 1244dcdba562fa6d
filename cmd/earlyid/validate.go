package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/guidelines/explore"
	"github.com/earlyid/earlyid/guidelines/validate"
	"github.com/earlyid/earlyid/guidelines/workbook"
	"github.com/earlyid/earlyid/locales"
)

// validateOptions holds the validate command's dependencies and flag values.
type validateOptions struct {
	IO        *IOStreams
	Localizer func() *locales.Localizer
	Read      func(path string) ([]byte, error)
	// Seed supplies a seed when --seed is not given.
	RandomSeed func() uint64

	Files   []string
	Format  string
	Explore int
	Seed    uint64
	SeedSet bool
}

func newValidateCmd(f *factory, runF func(*validateOptions) error) *cobra.Command {
	opts := &validateOptions{
		IO:         f.IO,
		Localizer:  f.Localizer,
		Read:       f.readInput,
		RandomSeed: func() uint64 { return uint64(f.Now().UnixNano()) },
	}
	cmd := &cobra.Command{
		Use:   "validate FILE...",
		Short: "Check guideline and scenario files",
		Long: `Check guideline and scenario files (told apart by their format: key) and print one line per
finding, file:line:col: error|warning: message [code], then a count.

A scenario is checked against its guideline: the one with its id among the files given,
else the embedded one, else a guideline file in the scenario's folder or its parent. Its
answers are scored, and every difference from its expected block is an error at the entry
that is wrong; questions on its own path that it leaves unanswered are a warning. A
guideline is checked with its scenarios: the built-in ones for a built-in guideline, those
in the scenarios folder beside a guideline file.

With --explore N, each guideline is also walked through N random interviews (answers
include "don't know" and "prefer not to answer"): conditions that fail while they run,
questions never reached, and indicators, outcomes, flags and referrals never reached are
reported, with the number of questions asked per interview. With --format json the
output is then an object: "findings" (the list printed without --explore) and "explore",
the statistics of each guideline explored.`,
		Example: `  earlyid validate guidelines/example.yaml
  earlyid validate --format json guidelines/*.yaml guidelines/scenarios/*.yaml
  earlyid validate --explore 2000 --seed 1 my-guideline.yaml`,
		Args: minArgs(f, 1, "FILE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Files = args
			opts.SeedSet = cmd.Flags().Changed("seed")
			if opts.Format != "text" && opts.Format != "json" {
				return f.usageError("cli.error.bad_format", map[string]any{"Value": opts.Format, "Formats": "text, json"})
			}
			if opts.Explore < 0 {
				return f.usageError("cli.error.explore_negative", map[string]any{"Value": opts.Explore})
			}
			if opts.SeedSet && opts.Explore == 0 {
				// A seed alone changes nothing: saying so beats a run the author believes
				// was reproducible exploration.
				return f.usageError("cli.validate.seed_without_explore", nil)
			}
			return runOr(runF, opts, func() error { return runValidate(opts) })
		},
	}
	cmd.Flags().StringVar(&opts.Format, "format", "text", "output format: text or json")
	cmd.Flags().IntVar(&opts.Explore, "explore", 0, "walk each guideline through `N` random interviews")
	cmd.Flags().Uint64Var(&opts.Seed, "seed", 0, "random seed for --explore (default: a new one each run, printed)")
	return cmd
}

// checkedFile is one file given on the command line, loaded.
type checkedFile struct {
	path      string
	format    string
	guideline *guidelines.Guideline // nil unless a guideline that loaded without errors
	scenario  *guidelines.Scenario  // nil unless a scenario that loaded without errors
}

func runValidate(opts *validateOptions) error {
	l := opts.Localizer()
	var (
		all   guidelines.Diagnostics
		files []checkedFile
	)
	for _, path := range opts.Files {
		if g, ds, builtin := builtinGuideline(path); builtin {
			// preview and score take a built-in id, and so does validate
			all = append(all, ds...)
			if g != nil {
				files = append(files, checkedFile{path: path, format: guidelines.FormatGuideline, guideline: g})
			}
			continue
		}
		data, err := opts.Read(path)
		if err != nil {
			// A finding like any other, so that it is in the JSON output and its line
			// says which file the count's error is.
			if errors.Is(err, errIsDir) {
				err = syscall.EISDIR
			}
			all = append(all, guidelines.ReadFailure(path, err))
			continue
		}
		cf := checkedFile{path: path, format: guidelines.DetectFormat(data)}
		var ds guidelines.Diagnostics
		if isWorkbook(path) {
			// A workbook holds a guideline; its findings name their cells (see convert).
			cf.format = guidelines.FormatGuideline
			cf.guideline, _, ds = workbook.Load(path, data)
		} else if cf.format == guidelines.FormatScenario {
			cf.scenario, ds = guidelines.LoadScenarioBytes(path, data)
		} else {
			cf.guideline, ds = guidelines.LoadBytes(path, data)
		}
		all = append(all, ds...)
		files = append(files, cf)
	}

	// Scenarios are checked once every guideline on the command line is loaded, so the order
	// of the files does not matter.
	finder := newGuidelineFinder(opts.Read, files)
	for _, cf := range files {
		if cf.scenario == nil {
			continue
		}
		g := finder.find(cf.scenario)
		if g == nil {
			all = append(all, guidelines.Diagnostic{
				File: cf.path, Pos: cf.scenario.Pos, Severity: guidelines.SevError,
				Code: "scenario_guideline_not_found",
				Args: map[string]any{"Guideline": cf.scenario.Guideline},
			})
			continue
		}
		ds := guidelines.CheckScenario(cf.scenario, g)
		all = append(all, ds...)
		if !ds.HasErrors() {
			all = append(all, validate.Scenario(cf.scenario, g)...)
		}
	}
	// A guideline is checked with its own scenarios, which are its test cases: a change
	// to a rule that makes one reach another result must show here, not in a training.
	all = append(all, ownScenarios(opts.Read, files)...)

	var reports []explore.Report
	if opts.Explore > 0 {
		seed := opts.Seed
		if !opts.SeedSet {
			seed = opts.RandomSeed()
		}
		for _, cf := range files {
			if cf.guideline == nil {
				continue
			}
			rep := explore.Run(cf.guideline, opts.Explore, seed)
			all = append(all, rep.Diagnostics...)
			reports = append(reports, rep)
		}
	}

	all.Sort()
	errs, warns := all.Count()
	var err error
	switch opts.Format {
	case "json":
		if opts.Explore > 0 {
			// One document: the findings and the statistics of every exploration. The
			// sentence form goes to stderr as well, for the person watching the run.
			err = writeExploreJSON(opts.IO.Out, l, all, reports)
		} else {
			err = writeDiagnosticsJSON(opts.IO.Out, l, all)
		}
		for _, rep := range reports {
			writeExploreSummary(opts.IO.ErrOut, l, rep)
		}
	default:
		for _, d := range all {
			fmt.Fprintln(opts.IO.Out, d.Format(l))
		}
		for _, rep := range reports {
			writeExploreSummary(opts.IO.Out, l, rep)
		}
		if todo := all.TranslationsToDo(); len(todo) > 0 {
			parts := make([]string, len(todo))
			for i, t := range todo {
				parts[i] = t.Lang + " " + strconv.Itoa(t.Count)
			}
			fmt.Fprintln(opts.IO.Out, l.T("cli.validate.translations_todo", map[string]any{"List": strings.Join(parts, ", ")}))
		}
		fmt.Fprintln(opts.IO.Out, countLine(l, errs, warns, len(opts.Files)))
	}
	if err != nil {
		return err
	}
	if errs > 0 {
		return errSilentFailure
	}
	return nil
}

// builtinGuideline loads arg as the id of a built-in guideline when it is one: not a file
// that exists, nor a path (a separator, a .yaml or .yml ending), as preview and score
// decide. The findings name the built-in file; an id that is no built-in one is a finding
// that lists those there are.
func builtinGuideline(arg string) (*guidelines.Guideline, guidelines.Diagnostics, bool) {
	ext := strings.ToLower(filepath.Ext(arg))
	if _, err := os.Stat(arg); err == nil || strings.ContainsAny(arg, `/\`) || ext == ".yaml" || ext == ".yml" || ext == ".xlsx" {
		return nil, nil, false
	}
	if g, ds, ok := guidelines.LoadEmbedded(arg); ok {
		return g, ds, true
	}
	_, ds := guidelines.Open(arg)
	return nil, ds, true
}

// countLine is the one-line, localized summary of a validation.
func countLine(l *locales.Localizer, errs, warns, files int) string {
	inFiles := l.N("cli.validate.in_files", files, nil)
	if errs == 0 && warns == 0 {
		return l.T("cli.validate.no_findings", map[string]any{"InFiles": inFiles})
	}
	return l.T("cli.validate.summary", map[string]any{
		"Errors":   l.N("common.errors", errs, nil),
		"Warnings": l.N("common.warnings", warns, nil),
		"InFiles":  inFiles,
	})
}

// jsonDiagnostic is one finding in --format json output.
type jsonDiagnostic struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	Column   int    `json:"column"`
	Severity string `json:"severity"`
	Code     string `json:"code"`
	Message  string `json:"message"`
	// Path is the place the finding names as a path into the file ("sections[3].
	// questions[2].when", counted from zero), for tools; Question or Section and Number name
	// it as a person finds it, by id and by the preview's number ("4.3").
	Path     string `json:"path,omitempty"`
	Question string `json:"question,omitempty"`
	Section  string `json:"section,omitempty"`
	Number   string `json:"number,omitempty"`
}

func writeDiagnosticsJSON(w io.Writer, l *locales.Localizer, ds guidelines.Diagnostics) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(jsonDiagnostics(l, ds))
}

// jsonExplore is the statistics of one exploration in --format json output.
type jsonExplore struct {
	Guideline  string             `json:"guideline"`
	Interviews int                `json:"interviews"`
	Seed       uint64             `json:"seed"`
	Failed     int                `json:"failed"` // interviews in which a condition failed
	Questions  jsonPathStats      `json:"questions"`
	Outcomes   []jsonOutcomeStats `json:"outcomes"`
	// Unreached gives, for each outcome no interview reached, why: held is the number of
	// interviews in which its condition held (0: never), caught_by the earlier outcomes
	// that came first in them.
	Unreached []jsonUnreached `json:"unreached"`
}

// jsonUnreached is an outcome no interview reached, and why.
type jsonUnreached struct {
	Outcome  string      `json:"outcome"`
	Held     int         `json:"held"`
	CaughtBy []jsonCatch `json:"caught_by"`
}

// jsonCatch is an earlier outcome that came first in a number of interviews.
type jsonCatch struct {
	Outcome    string `json:"outcome"`
	Interviews int    `json:"interviews"`
}

// jsonPathStats is how many questions the interviews asked.
type jsonPathStats struct {
	Min    int `json:"min"`
	Median int `json:"median"`
	Max    int `json:"max"`
}

// jsonOutcomeStats is the statistics of the interviews that reached one outcome.
type jsonOutcomeStats struct {
	Outcome    string        `json:"outcome"`
	Interviews int           `json:"interviews"`
	Questions  jsonPathStats `json:"questions"`
}

// writeExploreJSON writes the output of validate --explore --format json: an object with
// the findings (as without --explore) and the statistics of each guideline explored.
func writeExploreJSON(w io.Writer, l *locales.Localizer, ds guidelines.Diagnostics, reports []explore.Report) error {
	doc := struct {
		Findings []jsonDiagnostic `json:"findings"`
		Explore  []jsonExplore    `json:"explore"`
	}{Findings: jsonDiagnostics(l, ds), Explore: make([]jsonExplore, 0, len(reports))}
	for _, rep := range reports {
		je := jsonExplore{
			Guideline: rep.Guideline, Interviews: rep.Runs, Seed: rep.Seed, Failed: rep.Failed,
			Questions: jsonPathStats{Min: rep.Paths.Min, Median: rep.Paths.Median, Max: rep.Paths.Max},
			Outcomes:  make([]jsonOutcomeStats, 0, len(rep.ByOutcome)),
			Unreached: make([]jsonUnreached, 0, len(rep.Unreached)),
		}
		for _, u := range rep.Unreached {
			ju := jsonUnreached{Outcome: u.Outcome, Held: u.Held, CaughtBy: make([]jsonCatch, 0, len(u.CaughtBy))}
			for _, c := range u.CaughtBy {
				ju.CaughtBy = append(ju.CaughtBy, jsonCatch{Outcome: c.Outcome, Interviews: c.Count})
			}
			je.Unreached = append(je.Unreached, ju)
		}
		for _, o := range rep.ByOutcome {
			je.Outcomes = append(je.Outcomes, jsonOutcomeStats{Outcome: o.Outcome, Interviews: o.Paths.Count,
				Questions: jsonPathStats{Min: o.Paths.Min, Median: o.Paths.Median, Max: o.Paths.Max}})
		}
		doc.Explore = append(doc.Explore, je)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}

// jsonDiagnostics is ds as --format json writes it: never null, so a consumer can always
// iterate.
func jsonDiagnostics(l *locales.Localizer, ds guidelines.Diagnostics) []jsonDiagnostic {
	out := make([]jsonDiagnostic, len(ds))
	for i, d := range ds {
		col := d.Pos.Col
		if d.Pos.Line > 0 && col < 1 {
			col = 1
		}
		out[i] = jsonDiagnostic{
			File: d.File, Line: d.Pos.Line, Column: col,
			Severity: string(d.Severity), Code: d.Code, Message: d.Message(l),
		}
		out[i].Path, _ = d.Args["Path"].(string)
		if out[i].Path == "" {
			out[i].Path, _ = d.Args["Field"].(string)
		}
		out[i].Question, _ = d.Args["Question"].(string)
		out[i].Section, _ = d.Args["Section"].(string)
		out[i].Number, _ = d.Args["Number"].(string)
	}
	return out
}

// writeExploreSummary prints the path statistics of one exploration: how many questions a
// random interview asked, overall and per outcome, so an author can see the typical length.
func writeExploreSummary(w io.Writer, l *locales.Localizer, rep explore.Report) {
	fmt.Fprintln(w, l.T("cli.validate.explore_summary", map[string]any{
		"Guideline":  rep.Guideline,
		"Interviews": l.N("cli.validate.interviews", rep.Runs, nil),
		"Seed":       rep.Seed,
		"Min":        rep.Paths.Min,
		"Median":     rep.Paths.Median,
		"Max":        rep.Paths.Max,
	}))
	for _, o := range rep.ByOutcome {
		fmt.Fprintln(w, "  "+l.T("cli.validate.explore_outcome", map[string]any{
			"Outcome":    o.Outcome,
			"Interviews": l.N("cli.validate.interviews", o.Paths.Count, nil),
			"Min":        o.Paths.Min,
			"Median":     o.Paths.Median,
			"Max":        o.Paths.Max,
		}))
	}
}

// guidelineFinder finds the guideline a scenario is written for: first among the guidelines
// given on the command line (an author checking an edited guideline with its scenarios means
// that file, not an older copy), then among the embedded ones, then among the guideline
// files in the scenario's folder and its parent.
type guidelineFinder struct {
	read   func(string) ([]byte, error)
	given  map[string]*guidelines.Guideline
	byPath map[string]*guidelines.Guideline // folder files already loaded (nil: not a usable guideline)
}

func newGuidelineFinder(read func(string) ([]byte, error), files []checkedFile) *guidelineFinder {
	gf := &guidelineFinder{read: read, given: map[string]*guidelines.Guideline{}, byPath: map[string]*guidelines.Guideline{}}
	for _, cf := range files {
		if cf.guideline != nil {
			if _, dup := gf.given[cf.guideline.ID]; !dup {
				gf.given[cf.guideline.ID] = cf.guideline
			}
			if abs, err := filepath.Abs(cf.path); err == nil {
				gf.byPath[abs] = cf.guideline
			}
		}
	}
	return gf
}

func (gf *guidelineFinder) find(s *guidelines.Scenario) *guidelines.Guideline {
	if g := gf.given[s.Guideline]; g != nil {
		return g
	}
	if g, ok := guidelines.OpenEmbedded(s.Guideline); ok { // only the one it names: the others are not read
		return g
	}
	dir := filepath.Dir(s.File)
	for _, d := range []string{dir, filepath.Dir(dir)} {
		if g := gf.inFolder(d, s.Guideline); g != nil {
			return g
		}
	}
	return nil
}

// inFolder loads the guideline files in dir (only those whose format says so) until one
// with id is found.
func (gf *guidelineFinder) inFolder(dir, id string) *guidelines.Guideline {
	var paths []string
	for _, pat := range []string{"*.yaml", "*.yml"} {
		m, _ := filepath.Glob(filepath.Join(dir, pat))
		paths = append(paths, m...)
	}
	slices.Sort(paths)
	for _, p := range paths {
		abs, err := filepath.Abs(p)
		if err != nil {
			continue
		}
		g, seen := gf.byPath[abs]
		if !seen {
			g = gf.load(p)
			gf.byPath[abs] = g
		}
		if g != nil && g.ID == id {
			return g
		}
	}
	return nil
}

func (gf *guidelineFinder) load(path string) *guidelines.Guideline {
	if st, err := os.Stat(path); err != nil || !st.Mode().IsRegular() {
		return nil
	}
	data, err := gf.read(path)
	if err != nil || guidelines.DetectFormat(data) != guidelines.FormatGuideline {
		return nil
	}
	g, _ := guidelines.LoadBytes(path, data)
	return g
}

// ownScenarios checks the scenarios written for each guideline among files that are not on
// the command line themselves: for a built-in guideline, the built-in scenarios; for a file,
// the scenario files in the scenarios folder beside it that name its id. The findings name
// the scenario files.
func ownScenarios(read func(string) ([]byte, error), files []checkedFile) guidelines.Diagnostics {
	given := map[string]bool{}
	for _, cf := range files {
		if cf.format == guidelines.FormatScenario {
			if abs, err := filepath.Abs(cf.path); err == nil {
				given[abs] = true
			}
		}
	}
	var all guidelines.Diagnostics
	for _, cf := range files {
		g := cf.guideline
		if g == nil {
			continue
		}
		if strings.HasPrefix(g.File, "embedded:") {
			ss, _ := guidelines.EmbeddedScenarios() // each already checked against its guideline
			for _, s := range ss {
				if s.Guideline == g.ID {
					all = append(all, validate.Scenario(s, g)...)
				}
			}
			continue
		}
		var paths []string
		for _, pat := range []string{"*.yaml", "*.yml"} {
			m, _ := filepath.Glob(filepath.Join(filepath.Dir(cf.path), "scenarios", pat))
			paths = append(paths, m...)
		}
		slices.Sort(paths)
		paths = slices.DeleteFunc(paths, func(p string) bool {
			abs, err := filepath.Abs(p)
			return err != nil || given[abs]
		})
		// Each scenario is read, checked and scored on its own against the shared, read-only
		// guideline: on as many cores as there are, in the order of the paths.
		found := make([]guidelines.Diagnostics, len(paths))
		var wg sync.WaitGroup
		next := make(chan int)
		for range min(runtime.GOMAXPROCS(0), len(paths)) {
			wg.Go(func() {
				for i := range next {
					found[i] = ownScenario(read, paths[i], g)
				}
			})
		}
		for i := range paths {
			next <- i
		}
		close(next)
		wg.Wait()
		for _, ds := range found {
			all = append(all, ds...)
		}
	}
	return all
}

// ownScenario checks the scenario at path against g, its guideline, and scores it: nothing
// when the file is no scenario of g or does not load (validating it is asked for by naming
// it).
func ownScenario(read func(string) ([]byte, error), path string, g *guidelines.Guideline) guidelines.Diagnostics {
	data, err := read(path)
	if err != nil || guidelines.DetectFormat(data) != guidelines.FormatScenario || !namesGuideline(data, g.ID) {
		return nil
	}
	s, ds := guidelines.LoadScenarioBytes(path, data)
	if s == nil || s.Guideline != g.ID {
		return nil
	}
	cds := guidelines.CheckScenario(s, g)
	ds = append(ds, cds...)
	if !cds.HasErrors() {
		ds = append(ds, validate.Scenario(s, g)...)
	}
	return ds
}

// namesGuideline reports whether a scenario file's top-level `guideline:` line names id,
// read line by line as DetectFormat reads `format:`: the scenarios of other guidelines in
// the same folder are then not parsed at all, which is most of what checking them costs.
func namesGuideline(data []byte, id string) bool {
	for line := range bytes.Lines(data) {
		rest, ok := bytes.CutPrefix(line, []byte("guideline:"))
		if !ok {
			continue
		}
		v := strings.TrimSpace(string(rest))
		if i := strings.Index(v, " #"); i >= 0 {
			v = strings.TrimSpace(v[:i])
		}
		return strings.Trim(v, `"'`) == id
	}
	// No plain guideline line (a flow mapping, say): parse the file to find out.
	return true
}
