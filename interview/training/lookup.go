package training

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/earlyid/earlyid/guidelines"
)

// Case is a scenario with the guideline it is written for, checked against each other: the
// scenario's answers are typed by their questions, ready to score.
type Case struct {
	Scenario  *guidelines.Scenario
	Guideline *guidelines.Guideline
}

// ErrUnknownScenario is wrapped by Lookup's error when a scenario id is not embedded.
var ErrUnknownScenario = errors.New("no built-in scenario has this id")

// UnknownScenarioError names the scenario id that was not found and the ids that exist.
type UnknownScenarioError struct {
	ID    string
	Known []string
}

func (e *UnknownScenarioError) Error() string {
	return fmt.Sprintf("there is no built-in scenario %q (built-in scenarios: %s); to use a file, give its path", e.ID, strings.Join(e.Known, ", "))
}

func (e *UnknownScenarioError) Unwrap() error { return ErrUnknownScenario }

// GuidelineNotFoundError says that no guideline with the scenario's guideline id was found
// among the embedded guidelines or the YAML files next to the scenario.
type GuidelineNotFoundError struct {
	Scenario string   // the scenario's file
	ID       string   // the guideline id it names
	Searched []string // the folders searched
}

func (e *GuidelineNotFoundError) Error() string {
	return fmt.Sprintf("the guideline %q of the scenario %s was found neither built in nor in %s; give it with --guideline FILE", e.ID, e.Scenario, strings.Join(e.Searched, ", "))
}

// IsPath reports whether arg names a file rather than an id: it has a path separator or
// ends in .yaml or .yml (the rule guidelines.Open uses).
func IsPath(arg string) bool {
	ext := strings.ToLower(filepath.Ext(arg))
	return strings.ContainsRune(arg, '/') || strings.ContainsRune(arg, os.PathSeparator) || ext == ".yaml" || ext == ".yml"
}

// Lookup finds the scenario arg (a file path, or the id of an embedded scenario) and its
// guideline, and checks one against the other.
//
// The guideline is guidelineOverride when given (a file or an embedded id); otherwise the
// embedded guideline with the scenario's guideline id, else the first YAML file with that
// id in the scenario's folder, then in its parent (sorted by name). An embedded scenario
// is looked for among embedded guidelines only.
//
// Findings are returned as guidelines.Diagnostics (the error) when any is an error; the
// warnings of a successful lookup come back with the Case.
func Lookup(arg, guidelineOverride string) (*Case, guidelines.Diagnostics, error) {
	s, warn, err := findScenario(arg)
	if err != nil {
		return nil, nil, err
	}
	var g *guidelines.Guideline
	if guidelineOverride != "" {
		var ds guidelines.Diagnostics
		g, ds = guidelines.Open(guidelineOverride)
		if g == nil || ds.HasErrors() {
			return nil, nil, errorsOf(ds)
		}
		warn = append(warn, ds...)
	} else {
		g, err = findGuideline(s)
		if err != nil {
			return nil, nil, err
		}
	}
	// CheckScenario types the answers in place: work on a copy, so that an embedded
	// scenario (shared by the whole process) is never retyped against another guideline.
	cp := *s
	s = &cp
	ds := guidelines.CheckScenario(s, g)
	if ds.HasErrors() {
		return nil, nil, errorsOf(ds)
	}
	return &Case{Scenario: s, Guideline: g}, append(warn, ds...), nil
}

func findScenario(arg string) (*guidelines.Scenario, guidelines.Diagnostics, error) {
	if IsPath(arg) {
		s, ds := guidelines.LoadScenario(arg)
		if s == nil || ds.HasErrors() {
			return nil, nil, errorsOf(ds)
		}
		return s, ds, nil
	}
	all, _ := guidelines.EmbeddedScenarios() // a broken embedded scenario is the tests' business
	ids := make([]string, 0, len(all))
	for _, s := range all {
		if s.ID == arg {
			return s, nil, nil
		}
		ids = append(ids, s.ID)
	}
	return nil, nil, &UnknownScenarioError{ID: arg, Known: ids}
}

// findGuideline returns the guideline s names: embedded first, then the YAML files of the
// scenario's folder and its parent.
func findGuideline(s *guidelines.Scenario) (*guidelines.Guideline, error) {
	if g, ds := guidelines.Open(s.Guideline); g != nil && !ds.HasErrors() {
		return g, nil
	}
	if strings.HasPrefix(s.File, "embedded:") {
		return nil, &GuidelineNotFoundError{Scenario: s.File, ID: s.Guideline}
	}
	dir := filepath.Dir(s.File)
	dirs := []string{dir}
	if parent := filepath.Dir(dir); parent != dir {
		dirs = append(dirs, parent)
	}
	for _, d := range dirs {
		if g := guidelineIn(d, s.Guideline, s.File); g != nil {
			return g, nil
		}
	}
	return nil, &GuidelineNotFoundError{Scenario: s.File, ID: s.Guideline, Searched: dirs}
}

// guidelineIn returns the first guideline in dir (by file name) whose id is id and that
// loads without errors. Scenario files are told apart by their format line and skipped
// without a full load.
func guidelineIn(dir, id, skip string) *guidelines.Guideline {
	var names []string
	for _, pat := range []string{"*.yaml", "*.yml"} {
		m, _ := filepath.Glob(filepath.Join(dir, pat))
		names = append(names, m...)
	}
	sort.Strings(names)
	names = slices.Compact(names)
	for _, name := range names {
		if filepath.Clean(name) == filepath.Clean(skip) {
			continue
		}
		data, err := os.ReadFile(name)
		if err != nil || len(data) > guidelines.MaxFileSize {
			continue
		}
		if guidelines.DetectFormat(data) != guidelines.FormatGuideline {
			continue
		}
		g, ds := guidelines.LoadBytes(name, data)
		if g != nil && !ds.HasErrors() && g.ID == id {
			return g
		}
	}
	return nil
}

// errorsOf returns the error findings of ds as an error (nil when there are none).
func errorsOf(ds guidelines.Diagnostics) error {
	if errs := ds.Errors(); len(errs) > 0 {
		return errs
	}
	return nil
}
