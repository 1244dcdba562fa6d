package guidelines

import (
	"bytes"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"
)

// The compiled-model cache. Loading a guideline from its YAML (parse, walk, check, compile)
// takes 20–40 ms for the default one, more than everything else a short command such as
// score or export does. So a guideline that loads is also stored, as plain data, in the
// user's cache folder; the next load of the same bytes by the same build reads it back and
// only compiles its conditions. Built-in guidelines and guidelines given by path go through
// the same cache.
//
// An entry never changes a result. Its name is the SHA-256 of the guideline's bytes, and it
// records the build that wrote it (cacheLayout, earlyid's version and the executable's Go
// build ID, which changes with any change to the program): an entry from another build,
// one that does not decode or does not hold together, is ignored and replaced. It holds
// only what the guideline file says, never anything of a session. The cache is only a
// cache: a folder that cannot be made, read or written is passed over in silence.

// cacheLayout is the version of the entries' format, part of every key: bump it when
// cachedModel changes shape. (Such a change also changes the build ID, which alone would
// keep the entries apart; the layout says in the key why an old entry no longer fits.)
const cacheLayout = "3"

// cacheMaxAge is how long an entry stays after it was written: entries of edited guidelines
// and of old builds would otherwise pile up. One still in use is simply written again.
const cacheMaxAge = 30 * 24 * time.Hour

// cacheState is where the cache lives; "" turns it off.
var cacheState struct {
	mu      sync.Mutex
	dir     string
	version string
}

// UseCache sets the folder of the compiled-model cache ("" turns it off) and earlyid's
// version, which is part of every entry's key. Until it is called there is no cache: the
// command line calls it once at start, from the user's cache folder, --no-cache and
// EARLYID_NO_CACHE.
func UseCache(dir, version string) {
	cacheState.mu.Lock()
	defer cacheState.mu.Unlock()
	cacheState.dir, cacheState.version = dir, version
}

// DefaultCacheDir returns the folder the command line uses for the cache, under the user's
// cache folder (os.UserCacheDir), or "" when the system has none.
func DefaultCacheDir() string {
	dir, err := os.UserCacheDir()
	if err != nil || dir == "" {
		return ""
	}
	return filepath.Join(dir, "earlyid", "guidelines")
}

// cacheConfig returns the cache folder and the key of the entries this build writes, or ""
// for both when the cache is off.
func cacheConfig() (dir, key string) {
	cacheState.mu.Lock()
	defer cacheState.mu.Unlock()
	if cacheState.dir == "" {
		return "", ""
	}
	id := buildID()
	if id == "" {
		return "", "" // without the build's identity an entry could outlive a change to the loader
	}
	return cacheState.dir, cacheLayout + "/" + cacheState.version + "/" + id
}

// loadCached loads the guideline in data, opened as file, from the cache when it holds an
// entry for these bytes and this build, else with LoadBytes, and stores what LoadBytes
// gives when the guideline loads. The result is the same either way
// (TestCacheEqualsLoad).
//
// A guideline that extends another is not stored: its model depends on its base's file too,
// which its bytes do not name by content. Its base is loaded through the cache, and what is
// left (its own few keys) is quick.
func loadCached(file string, data []byte, chain []string) (*Guideline, Diagnostics) {
	dir, key := cacheConfig()
	if dir == "" {
		return loadBytes(file, data, chain)
	}
	sum := hash(data)
	path := filepath.Join(dir, sum+".gob")
	if g, ds, ok := readCacheEntry(path, key, sum, file); ok {
		g.src = data
		return g, ds
	}
	g, ds := loadBytes(file, data, chain)
	if g != nil && g.Extends == "" {
		writeCacheEntry(dir, path, key, g, ds)
	}
	return g, ds
}

// cacheEntry is what an entry's file holds.
type cacheEntry struct {
	Key   string // the build that wrote it (cacheConfig)
	Model cachedModel
}

// readCacheEntry returns the guideline stored at path, or ok false when there is none that
// this build wrote for the bytes whose SHA-256 is sum.
func readCacheEntry(path, key, sum, file string) (g *Guideline, ds Diagnostics, ok bool) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, false
	}
	defer f.Close()
	raw, err := io.ReadAll(io.LimitReader(f, 4*MaxFileSize))
	if err != nil {
		return nil, nil, false
	}
	return decodeCacheEntry(raw, key, sum, file)
}

// decodeCacheEntry is readCacheEntry once the entry's bytes are read.
func decodeCacheEntry(raw []byte, key, sum, file string) (g *Guideline, ds Diagnostics, ok bool) {
	var e cacheEntry
	if err := gob.NewDecoder(bytes.NewReader(raw)).Decode(&e); err != nil {
		return nil, nil, false
	}
	if e.Key != key || e.Model.Hash != sum {
		return nil, nil, false
	}
	g, ds, err := fromCached(file, &e.Model)
	if err != nil {
		return nil, nil, false
	}
	return g, ds, true
}

// encodeCacheEntry returns the bytes of the entry for g (loaded with findings ds) written by
// the build key.
func encodeCacheEntry(key string, g *Guideline, ds Diagnostics) ([]byte, error) {
	m, err := toCached(g, ds)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(&cacheEntry{Key: key, Model: *m}); err != nil {
		return nil, fmt.Errorf("the guideline cannot be encoded for the cache: %w", err)
	}
	return buf.Bytes(), nil
}

// writeCacheEntry stores g at path, whole or not at all: it writes a temporary file (0600,
// in a 0700 folder) and renames it over the old entry, so that a reader sees either. Every
// failure is ignored; the next load simply parses the YAML again. It also removes the
// entries older than cacheMaxAge.
func writeCacheEntry(dir, path, key string, g *Guideline, ds Diagnostics) {
	raw, err := encodeCacheEntry(key, g, ds)
	if err != nil {
		return
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return
	}
	tmp, err := os.CreateTemp(dir, ".entry-*")
	if err != nil {
		return
	}
	_, werr := tmp.Write(raw)
	cerr := tmp.Close()
	if werr != nil || cerr != nil || os.Rename(tmp.Name(), path) != nil {
		os.Remove(tmp.Name())
		return
	}
	pruneCache(dir, path)
}

// pruneCache removes the entries of dir, other than keep, written more than cacheMaxAge
// ago (temporary files a killed writer left behind included).
func pruneCache(dir, keep string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		p := filepath.Join(dir, e.Name())
		if p == keep || e.IsDir() {
			continue
		}
		if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > cacheMaxAge {
			os.Remove(p)
		}
	}
}

// cachedModel is a loaded guideline as plain data, the body of a cache entry: no pointers
// between parts (a question names its section by index, a section its questions by
// indices), conditions as their source and position only. gob reads an empty map or slice
// back as nil, so maps are stored as pairs and every list the loader may leave empty but
// non-nil records which it was: the rebuilt Guideline must equal the loader's to the last
// nil.
type cachedModel struct {
	// Hash is the SHA-256 of the YAML the model was made from (Guideline.Hash).
	Hash string

	Format      string
	ID          string
	Version     string
	Title       strMap
	Description strMap
	Languages   strList
	Source      string
	Extends     string
	Overrides   strList
	Review      strMap
	Pos         Pos

	ShareIdentityWhen *cachedCond
	Profiles          []cachedProfile
	Sections          []cachedSection
	Questions         []cachedQuestion
	Dimensions        []cachedDimension
	Indicators        []cachedIndicator
	Scoring           cachedScoring
	Flags             []cachedFlag
	Referrals         []cachedReferral

	// Diagnostics holds the loader's findings (warnings only: files with errors get no
	// cache entry), so that loading from the cache returns what LoadBytes returns.
	Diagnostics []cachedDiag
}

// strMap is a map with string keys and values (Text, Review, Strength, a finding's Args) as
// pairs sorted by key: k1, v1, k2, v2... Set tells an empty map from nil.
type strMap struct {
	Set bool
	KV  []string
}

// strList is a list of strings; Set tells an empty list from nil.
type strList struct {
	Set   bool
	Items []string
}

// optFloat is a *float64. The bits keep the value exactly (-0 included: gob skips a zero
// field, and a pointer to zero would come back nil).
type optFloat struct {
	Set  bool
	Bits uint64
}

// cachedCond is a Condition before compiling; Names is recomputed when it is compiled.
type cachedCond struct {
	Src    string
	Pos    Pos
	Quoted bool
	Block  bool
	Scope  Scope
}

type cachedProfile struct {
	ID   string
	Text strMap
	When *cachedCond
	Pos  Pos
}

type cachedSection struct {
	ID        string
	Title     strMap
	Intro     strMap
	IntroSelf strMap
	Role      SectionRole
	When      *cachedCond
	Questions []int // indices in cachedModel.Questions
	Pos       Pos
}

type cachedQuestion struct {
	ID        string
	Type      QuestionType
	Ask       Asker
	Text      strMap
	Hint      strMap
	Choices   []cachedChoice
	Min, Max  optFloat
	When      *cachedCond
	PauseWhen *cachedCond
	Sensitive bool
	Summary   bool
	Label     strMap
	Past      bool
	Future    bool
	Section   int // index in cachedModel.Sections
	Pos       Pos
}

type cachedChoice struct {
	ID        string
	Text      strMap
	Pos       Pos
	Exclusive bool
}

type cachedDimension struct {
	ID    string
	Stage Stage
	Text  strMap
	Pos   Pos
}

type cachedIndicator struct {
	ID          string
	Dimension   string
	Strength    strMap
	Text        strMap
	When        *cachedCond
	Evidence    strList
	Source      string
	Provisional bool
	Pos         Pos
}

type cachedScoring struct {
	ElementPositive []Combination // plain data
	Outcomes        []cachedOutcome
	Pos             Pos
}

type cachedOutcome struct {
	ID    string
	Level Level
	Text  strMap
	When  *cachedCond
	Pos   Pos
}

type cachedFlag struct {
	ID      string
	Urgency Urgency
	Text    strMap
	When    *cachedCond
	Refer   strList
	Pos     Pos
}

type cachedReferral struct {
	ID             string
	Name           strMap
	Role           strMap
	RoleSelf       strMap
	Contact        string
	ContactPending bool
	When           *cachedCond
	Pos            Pos
}

// cachedDiag is a Diagnostic without its file (the name the guideline is opened under). Every
// argument of a warning is a string; the encoder refuses any other kind rather than guess
// its type back.
type cachedDiag struct {
	Pos      Pos
	Severity Severity
	Code     string
	Args     strMap
}

// toCached flattens a loaded guideline into plain data.
func toCached(g *Guideline, ds Diagnostics) (*cachedModel, error) {
	// The loader builds these lists by appending, so each is nil or has items. gob reads an
	// empty list back as nil, so an empty one would be a change this encoding must not hide.
	var empty []string
	check := func(n int, isNil bool, what string) {
		if n == 0 && !isNil {
			empty = append(empty, what)
		}
	}
	check(len(g.Profiles), g.Profiles == nil, "profiles")
	check(len(g.Sections), g.Sections == nil, "sections")
	check(len(g.Questions), g.Questions == nil, "questions")
	check(len(g.Dimensions), g.Dimensions == nil, "dimensions")
	check(len(g.Indicators), g.Indicators == nil, "indicators")
	check(len(g.Scoring.ElementPositive), g.Scoring.ElementPositive == nil, "element_positive")
	check(len(g.Scoring.Outcomes), g.Scoring.Outcomes == nil, "outcomes")
	check(len(g.Flags), g.Flags == nil, "flags")
	check(len(g.Referrals), g.Referrals == nil, "referrals")
	check(len(ds), ds == nil, "findings")
	for _, sec := range g.Sections {
		check(len(sec.Questions), sec.Questions == nil, "questions of section "+sec.ID)
	}
	for _, q := range g.Questions {
		check(len(q.Choices), q.Choices == nil, "choices of question "+q.ID)
	}
	if empty != nil {
		return nil, fmt.Errorf("empty lists that are not nil (%s): the cache cannot keep them apart", strings.Join(empty, ", "))
	}

	s := &cachedModel{
		Hash:   g.Hash,
		Format: g.Format, ID: g.ID, Version: g.Version,
		Title: toStrMap(g.Title), Description: toStrMap(g.Description),
		Languages: toStrList(g.Languages), Source: g.Source, Extends: g.Extends, Overrides: toStrList(g.Overrides),
		Review: toStrMap(g.Review), Pos: g.Pos,
		ShareIdentityWhen: toCachedCond(g.Privacy.ShareIdentityWhen),
	}
	s.Profiles = mapSlice(g.Profiles, func(p *Profile) cachedProfile {
		return cachedProfile{ID: p.ID, Text: toStrMap(p.Text), When: toCachedCond(p.When), Pos: p.Pos}
	})
	sectionIndex := make(map[*Section]int, len(g.Sections))
	for i, sec := range g.Sections {
		sectionIndex[sec] = i
	}
	s.Sections = mapSlice(g.Sections, func(sec *Section) cachedSection {
		return cachedSection{ID: sec.ID, Title: toStrMap(sec.Title), Intro: toStrMap(sec.Intro), IntroSelf: toStrMap(sec.IntroSelf), Role: sec.Role,
			When: toCachedCond(sec.When), Pos: sec.Pos,
			Questions: mapSlice(sec.Questions, func(q *Question) int { return q.Index })}
	})
	var orphan *Question
	s.Questions = mapSlice(g.Questions, func(q *Question) cachedQuestion {
		si, ok := sectionIndex[q.Section]
		if !ok {
			orphan = q
		}
		return cachedQuestion{ID: q.ID, Type: q.Type, Ask: q.Ask, Text: toStrMap(q.Text), Hint: toStrMap(q.Hint),
			Choices: mapSlice(q.Choices, func(c *Choice) cachedChoice {
				return cachedChoice{ID: c.ID, Text: toStrMap(c.Text), Pos: c.Pos, Exclusive: c.Exclusive}
			}),
			Min: toOptFloat(q.Min), Max: toOptFloat(q.Max),
			When: toCachedCond(q.When), PauseWhen: toCachedCond(q.PauseWhen), Sensitive: q.Sensitive,
			Summary: q.Summary, Label: toStrMap(q.Label), Past: q.Past, Future: q.Future, Section: si, Pos: q.Pos}
	})
	if orphan != nil {
		return nil, fmt.Errorf("question %s belongs to no section of the guideline", orphan.ID)
	}
	s.Dimensions = mapSlice(g.Dimensions, func(d *Dimension) cachedDimension {
		return cachedDimension{ID: d.ID, Stage: d.Stage, Text: toStrMap(d.Text), Pos: d.Pos}
	})
	s.Indicators = mapSlice(g.Indicators, func(x *Indicator) cachedIndicator {
		return cachedIndicator{ID: x.ID, Dimension: x.Dimension, Strength: toStrMap(x.Strength), Text: toStrMap(x.Text),
			When: toCachedCond(x.When), Evidence: toStrList(x.Evidence), Source: x.Source, Provisional: x.Provisional, Pos: x.Pos}
	})
	s.Scoring = cachedScoring{ElementPositive: g.Scoring.ElementPositive, Pos: g.Scoring.Pos,
		Outcomes: mapSlice(g.Scoring.Outcomes, func(o *Outcome) cachedOutcome {
			return cachedOutcome{ID: o.ID, Level: o.Level, Text: toStrMap(o.Text), When: toCachedCond(o.When), Pos: o.Pos}
		})}
	s.Flags = mapSlice(g.Flags, func(f *Flag) cachedFlag {
		return cachedFlag{ID: f.ID, Urgency: f.Urgency, Text: toStrMap(f.Text), When: toCachedCond(f.When),
			Refer: toStrList(f.Refer), Pos: f.Pos}
	})
	s.Referrals = mapSlice(g.Referrals, func(r *Referral) cachedReferral {
		return cachedReferral{ID: r.ID, Name: toStrMap(r.Name), Role: toStrMap(r.Role), RoleSelf: toStrMap(r.RoleSelf), Contact: r.Contact,
			ContactPending: r.ContactPending, When: toCachedCond(r.When), Pos: r.Pos}
	})
	for _, d := range ds {
		args := map[string]string(nil)
		if d.Args != nil {
			args = make(map[string]string, len(d.Args))
			for k, v := range d.Args {
				str, ok := v.(string)
				if !ok {
					return nil, fmt.Errorf("finding %s has a %T argument %s: the cache holds string arguments only", d.Code, v, k)
				}
				args[k] = str
			}
		}
		s.Diagnostics = append(s.Diagnostics, cachedDiag{Pos: d.Pos, Severity: d.Severity, Code: d.Code, Args: toStrMap(args)})
	}
	return s, nil
}

func toCachedCond(c *Condition) *cachedCond {
	if c == nil {
		return nil
	}
	return &cachedCond{Src: c.Src, Pos: c.Pos, Quoted: c.Quoted, Block: c.Block, Scope: c.Scope}
}

func toStrMap[M ~map[string]V, V ~string](m M) strMap {
	if m == nil {
		return strMap{}
	}
	kv := make([]string, 0, 2*len(m))
	for _, k := range slices.Sorted(maps.Keys(m)) {
		kv = append(kv, k, string(m[k]))
	}
	return strMap{Set: true, KV: kv}
}

func toStrList(l []string) strList {
	return strList{Set: l != nil, Items: l}
}

func toOptFloat(f *float64) optFloat {
	if f == nil {
		return optFloat{}
	}
	return optFloat{Set: true, Bits: math.Float64bits(*f)}
}

// mapSlice applies f to every element; nil stays nil.
func mapSlice[S, T any](in []S, f func(S) T) []T {
	if in == nil {
		return nil
	}
	out := make([]T, len(in))
	for i, x := range in {
		out[i] = f(x)
	}
	return out
}

// errCacheEntry says a cache entry does not describe a guideline the loader could have made.
var errCacheEntry = errors.New("the cache entry does not hold together")

// fromCached rebuilds the Guideline and findings that LoadBytes(file, yaml) returned when
// s was made: the same parts and pointers between them, every condition compiled by the
// loader's own compiler for its scope, then the loader's finishing steps (complete).
func fromCached(file string, s *cachedModel) (*Guideline, Diagnostics, error) {
	r := &rebuild{}
	g := &Guideline{
		File: file, Format: s.Format, ID: s.ID, Version: s.Version,
		Title: r.text(s.Title), Description: r.text(s.Description),
		Languages: fromStrList(s.Languages), Source: s.Source, Extends: s.Extends, Overrides: fromStrList(s.Overrides),
		Review: fromStrMap[map[string]ReviewStatus](r, s.Review),
		Hash:   s.Hash, Pos: s.Pos,
		byID: map[string]any{},
	}
	g.Privacy.ShareIdentityWhen = r.cond(s.ShareIdentityWhen)
	g.Profiles = mapSlice(s.Profiles, func(p cachedProfile) *Profile {
		return &Profile{ID: p.ID, Text: r.text(p.Text), When: r.cond(p.When), Pos: p.Pos}
	})

	// Questions first, so sections can point at them; conditions are still gathered in the
	// loader's order (a section's before its questions'), below.
	g.Questions = mapSlice(s.Questions, func(q cachedQuestion) *Question {
		return &Question{ID: q.ID, Type: q.Type, Ask: q.Ask, Text: r.text(q.Text), Hint: r.text(q.Hint),
			Choices: mapSlice(q.Choices, func(c cachedChoice) *Choice {
				return &Choice{ID: c.ID, Text: r.text(c.Text), Pos: c.Pos, Exclusive: c.Exclusive}
			}),
			Min: fromOptFloat(q.Min), Max: fromOptFloat(q.Max), Sensitive: q.Sensitive, Summary: q.Summary, Label: r.text(q.Label), Past: q.Past, Future: q.Future, Pos: q.Pos}
	})
	if s.Sections != nil {
		g.Sections = make([]*Section, 0, len(s.Sections))
	}
	next := 0 // the loader numbers questions in section order: the entry must too
	for i := range s.Sections {
		ss := &s.Sections[i]
		sec := &Section{ID: ss.ID, Title: r.text(ss.Title), Intro: r.text(ss.Intro), IntroSelf: r.text(ss.IntroSelf), Role: ss.Role,
			When: r.cond(ss.When), Pos: ss.Pos}
		if ss.Questions != nil {
			sec.Questions = make([]*Question, len(ss.Questions))
		}
		for j, qi := range ss.Questions {
			if qi != next || qi >= len(s.Questions) || s.Questions[qi].Section != i {
				return nil, nil, errCacheEntry
			}
			next++
			sq, q := &s.Questions[qi], g.Questions[qi]
			q.Section, q.Index = sec, qi
			q.When, q.PauseWhen = r.cond(sq.When), r.cond(sq.PauseWhen)
			sec.Questions[j] = q
			g.byID[q.ID] = q
		}
		g.Sections = append(g.Sections, sec)
		g.byID[sec.ID] = sec
	}
	if next != len(g.Questions) {
		return nil, nil, errCacheEntry
	}
	g.Dimensions = mapSlice(s.Dimensions, func(d cachedDimension) *Dimension {
		dim := &Dimension{ID: d.ID, Stage: d.Stage, Text: r.text(d.Text), Pos: d.Pos}
		g.byID[dim.ID] = dim
		return dim
	})
	g.Indicators = mapSlice(s.Indicators, func(x cachedIndicator) *Indicator {
		in := &Indicator{ID: x.ID, Dimension: x.Dimension, Strength: fromStrMap[map[string]Strength](r, x.Strength),
			Text: r.text(x.Text), When: r.cond(x.When), Evidence: fromStrList(x.Evidence), Source: x.Source,
			Provisional: x.Provisional, Pos: x.Pos}
		g.byID[in.ID] = in
		return in
	})
	g.Scoring = Scoring{ElementPositive: s.Scoring.ElementPositive, Pos: s.Scoring.Pos,
		Outcomes: mapSlice(s.Scoring.Outcomes, func(o cachedOutcome) *Outcome {
			out := &Outcome{ID: o.ID, Level: o.Level, Text: r.text(o.Text), When: r.cond(o.When), Pos: o.Pos}
			g.byID[out.ID] = out
			return out
		})}
	g.Flags = mapSlice(s.Flags, func(f cachedFlag) *Flag {
		fl := &Flag{ID: f.ID, Urgency: f.Urgency, Text: r.text(f.Text), When: r.cond(f.When), Refer: fromStrList(f.Refer), Pos: f.Pos}
		g.byID[fl.ID] = fl
		return fl
	})
	g.Referrals = mapSlice(s.Referrals, func(x cachedReferral) *Referral {
		ref := &Referral{ID: x.ID, Name: r.text(x.Name), Role: r.text(x.Role), RoleSelf: r.text(x.RoleSelf), Contact: x.Contact,
			ContactPending: x.ContactPending, When: r.cond(x.When), Pos: x.Pos}
		g.byID[ref.ID] = ref
		return ref
	})
	// Ids are unique in a file that loads: fewer entries than parts means one was repeated.
	if len(g.byID) != len(g.Sections)+len(g.Questions)+len(g.Dimensions)+len(g.Indicators)+
		len(g.Scoring.Outcomes)+len(g.Flags)+len(g.Referrals) {
		return nil, nil, errCacheEntry
	}

	var ds Diagnostics
	for _, d := range s.Diagnostics {
		if d.Severity != SevWarning {
			return nil, nil, errCacheEntry // a file with errors does not load
		}
		ds = append(ds, Diagnostic{File: file, Pos: d.Pos, Severity: d.Severity, Code: d.Code,
			Args: r.args(d.Args)})
	}
	if r.bad {
		return nil, nil, errCacheEntry
	}

	envs := scopeEnvs{g: g}
	for _, c := range r.conds {
		if err := envs.get(c.Scope).compileCond(c, nil); err != nil {
			return nil, nil, fmt.Errorf("%w: %q: %v", errCacheEntry, c.Src, err)
		}
	}
	g.complete()
	return g, ds, nil
}

// rebuild holds what fromCached gathers on the way: the conditions to compile, in the
// loader's order, and whether any pair list was malformed.
type rebuild struct {
	conds []*Condition
	bad   bool
}

func (r *rebuild) cond(sc *cachedCond) *Condition {
	if sc == nil {
		return nil
	}
	c := &Condition{Src: sc.Src, Pos: sc.Pos, Quoted: sc.Quoted, Block: sc.Block, Scope: sc.Scope}
	r.conds = append(r.conds, c)
	return c
}

func (r *rebuild) text(m strMap) Text { return fromStrMap[Text](r, m) }

// fromStrMap turns pairs back into a map of type M.
func fromStrMap[M ~map[string]V, V ~string](r *rebuild, m strMap) M {
	if !m.Set {
		return nil
	}
	if len(m.KV)%2 != 0 {
		r.bad = true
		return nil
	}
	out := make(M, len(m.KV)/2)
	for i := 0; i < len(m.KV); i += 2 {
		out[m.KV[i]] = V(m.KV[i+1])
	}
	return out
}

// args turns a finding's pairs back into its Args.
func (r *rebuild) args(m strMap) map[string]any {
	if !m.Set {
		return nil
	}
	if len(m.KV)%2 != 0 {
		r.bad = true
		return nil
	}
	out := make(map[string]any, len(m.KV)/2)
	for i := 0; i < len(m.KV); i += 2 {
		out[m.KV[i]] = m.KV[i+1]
	}
	return out
}

func fromStrList(l strList) []string {
	if !l.Set {
		return nil
	}
	if l.Items == nil {
		return []string{}
	}
	return l.Items
}

func fromOptFloat(f optFloat) *float64 {
	if !f.Set {
		return nil
	}
	v := math.Float64frombits(f.Bits)
	return &v
}
