package guidelines

import (
	"embed"
	"io/fs"
	"os"
	"path"
	"sort"
	"strings"
	"sync"
)

// FS holds the guidelines and training scenarios shipped in the binary, so the tool works
// with no files around it.
//
//go:embed *.yaml scenarios/*.yaml
var FS embed.FS

// DefaultID is the id of the guideline used when none is named.
const DefaultID = "mixed-flows-md"

// embeddedPrefix marks the File of an embedded guideline or scenario.
const embeddedPrefix = "embedded:"

type embeddedSet struct {
	guidelines []*Guideline          // loaded without errors, sorted by id
	byID       map[string]*Guideline // id → guideline
	gErrs      Diagnostics           // every error of every embedded guideline
}

// embedded loads the embedded guidelines once; the result is shared and read-only.
var embedded = sync.OnceValue(func() *embeddedSet {
	e := &embeddedSet{byID: map[string]*Guideline{}}
	names, _ := fs.Glob(FS, "*.yaml")
	sort.Strings(names)
	for _, name := range names {
		g, ds := loadEmbeddedFile(name, nil)
		if g == nil {
			e.gErrs = append(e.gErrs, errorsOnly(ds)...)
			continue
		}
		if _, dup := e.byID[g.ID]; dup {
			continue // two embedded files with one id: the first (by name) wins
		}
		e.byID[g.ID] = g
		e.guidelines = append(e.guidelines, g)
	}
	sort.Slice(e.guidelines, func(i, j int) bool { return e.guidelines[i].ID < e.guidelines[j].ID })
	return e
})

// scenarioSet is the embedded scenarios, each checked against its guideline.
type scenarioSet struct {
	scenarios []*Scenario // sorted by id
	errs      Diagnostics // every error of every embedded scenario
}

// embeddedScenarios loads the embedded scenarios once, and of the guidelines only those
// they name; the result is shared and read-only.
var embeddedScenarios = sync.OnceValue(func() *scenarioSet {
	e := &scenarioSet{}
	names, _ := fs.Glob(FS, "scenarios/*.yaml")
	sort.Strings(names)
	for _, name := range names {
		data, err := FS.ReadFile(name)
		if err != nil {
			continue
		}
		s, ds := LoadScenarioBytes(embeddedPrefix+name, data)
		if s == nil {
			e.errs = append(e.errs, errorsOnly(ds)...)
			continue
		}
		g, gds := openEmbedded(s.Guideline)
		if g == nil {
			if len(gds) == 1 && gds[0].Code == "unknown_guideline" {
				gds = Diagnostics{{File: s.File, Pos: s.Pos, Severity: SevError, Code: "unknown_guideline", Args: gds[0].Args}}
			}
			e.errs = append(e.errs, errorsOnly(gds)...)
			continue
		}
		if ds := CheckScenario(s, g); ds.HasErrors() {
			e.errs = append(e.errs, errorsOnly(ds)...)
			continue
		}
		e.scenarios = append(e.scenarios, s)
	}
	sort.Slice(e.scenarios, func(i, j int) bool { return e.scenarios[i].ID < e.scenarios[j].ID })
	return e
})

// embeddedFiles caches each embedded guideline file once loaded, so that opening one
// guideline by id does not load the others (start-up time of every command).
var embeddedFiles sync.Map // file name → *loaded

type loaded struct {
	once sync.Once
	g    *Guideline
	ds   Diagnostics
}

// loadEmbeddedFile loads the embedded guideline file name once; chain is as for loadBytes
// (the first caller's counts: a cycle breaks every file in it whichever is loaded first).
func loadEmbeddedFile(name string, chain []string) (*Guideline, Diagnostics) {
	v, _ := embeddedFiles.LoadOrStore(name, &loaded{})
	ld := v.(*loaded)
	ld.once.Do(func() {
		data, err := FS.ReadFile(name)
		if err != nil {
			ld.ds = Diagnostics{{File: embeddedPrefix + name, Severity: SevError, Code: "read", Args: kv("Error", osReason(err))}}
			return
		}
		ld.g, ld.ds = loadBytes(embeddedPrefix+name, data, chain)
	})
	return ld.g, ld.ds
}

func errorsOnly(ds Diagnostics) Diagnostics {
	var out Diagnostics
	for _, d := range ds {
		if d.Severity == SevError {
			out = append(out, d)
		}
	}
	return out
}

// Embedded returns every embedded guideline that loads without errors, sorted by id. The
// error, a Diagnostics, lists the errors of any embedded file that does not load; the
// guidelines that did load are returned with it. The guidelines are shared: do not modify.
func Embedded() ([]*Guideline, error) {
	e := embedded()
	out := append([]*Guideline(nil), e.guidelines...)
	if len(e.gErrs) > 0 {
		return out, e.gErrs
	}
	return out, nil
}

// EmbeddedScenarios returns every embedded training scenario, checked against its embedded
// guideline (answers typed), sorted by id. The error, a Diagnostics, lists the errors of any
// scenario that does not load or check; the others are returned with it.
func EmbeddedScenarios() ([]*Scenario, error) {
	e := embeddedScenarios()
	out := append([]*Scenario(nil), e.scenarios...)
	if len(e.errs) > 0 {
		return out, e.errs
	}
	return out, nil
}

// Open returns the guideline named by idOrPath: "" for the default (DefaultID), an embedded id, or a file
// path (anything with a path separator or ending in .yaml or .yml). An unknown id is a
// finding that lists the embedded ids.
func Open(idOrPath string) (*Guideline, Diagnostics) {
	if idOrPath == "" {
		idOrPath = DefaultID // when it does not load, the findings say why
	}
	if isPath(idOrPath) {
		return Load(idOrPath)
	}
	return openEmbedded(idOrPath)
}

// OpenEmbedded returns the built-in guideline id, loading only its file when the files are
// named by id, as the built-in ones are; the second result is false when there is none that
// loads. Use it where a file path must not be read (a scenario names its guideline by id).
func OpenEmbedded(id string) (*Guideline, bool) {
	g, _ := openEmbedded(id)
	return g, g != nil
}

// openEmbedded is Open for an id.
func openEmbedded(id string) (*Guideline, Diagnostics) {
	if name, ok := embeddedFile(id); ok {
		g, ds := loadEmbeddedFile(name, nil)
		if g == nil {
			return nil, ds
		}
		return g, nil
	}
	return nil, Diagnostics{{File: id, Severity: SevError, Code: "unknown_guideline",
		Args: kv("ID", id, "Known", strings.Join(embeddedIDs(), ", "))}}
}

// LoadEmbedded loads the built-in guideline id as validate reads a file given to it: with
// every finding, the warnings too (Open keeps only a guideline that loads). ok is false when
// no built-in guideline has that id. The findings are shared: do not modify them.
func LoadEmbedded(id string) (g *Guideline, ds Diagnostics, ok bool) {
	name, ok := embeddedFile(id)
	if !ok {
		return nil, nil, false
	}
	g, ds = loadEmbeddedFile(name, nil)
	return g, ds, true
}

// embeddedFile names the built-in file of guideline id, the one lookup of Open and
// LoadEmbedded. Built-in guidelines are embedded as <id>.yaml, so that file alone is
// loaded first (start-up time of every command); only when it is missing or holds another
// id are all of them loaded to find id. ok is false when no file holds it.
func embeddedFile(id string) (name string, ok bool) {
	return findEmbedded(id, func(name string) (*Guideline, bool) {
		if _, err := fs.Stat(FS, name); err != nil {
			return nil, false
		}
		g, _ := loadEmbeddedFile(name, nil)
		return g, true
	}, func() map[string]*Guideline { return embedded().byID })
}

// findEmbedded is embeddedFile over its two ways to look: file loads the file name (false
// when there is none, a nil guideline when it does not load) and byID gives every built-in
// guideline that loads. A broken <id>.yaml is the file of id: its findings say why it
// cannot be used, where "unknown" would mislead.
func findEmbedded(id string, file func(name string) (*Guideline, bool), byID func() map[string]*Guideline) (string, bool) {
	name := id + ".yaml"
	if g, ok := file(name); ok && (g == nil || g.ID == id) {
		return name, true
	}
	if g, ok := byID()[id]; ok {
		return strings.TrimPrefix(g.File, embeddedPrefix), true
	}
	return "", false
}

func isPath(s string) bool {
	ext := strings.ToLower(path.Ext(s))
	return strings.ContainsRune(s, '/') || strings.ContainsRune(s, os.PathSeparator) || ext == ".yaml" || ext == ".yml"
}
