package guidelines

import (
	"bytes"
	"embed"
	"encoding/gob"
	"errors"
	"fmt"
	"maps"
	"math"
	"reflect"
	"slices"
	"strings"
	"sync"
)

// snapshotFS holds a pre-parsed snapshot of each embedded guideline, generated from the YAML
// (go generate ./guidelines; a test fails when they differ). Parsing the default guideline
// with yaml.v3 and walking the node tree took more than half of the run time of a short
// command such as score or export. Its snapshot decodes in under a millisecond with
// encoding/gob (encoding/json took four times longer), and loading it, conditions compiled,
// takes a fifth of the time of loading the YAML. The YAML stays the source: a snapshot is
// used only when it was made from the exact bytes embedded (see loadSnapshot), so a
// forgotten go generate costs speed, never correctness.
//
//go:generate go run ./internal/gensnapshot
//go:embed snapshots/*
var snapshotFS embed.FS

// snapshotDir is the folder of snapshotFS (and of the generator's output, under guidelines/).
const snapshotDir = "snapshots"

// SnapshotName returns the path, relative to the guidelines folder, of the snapshot made
// from the embedded guideline file name (e.g. "mixed-flows-md.yaml"). The generator writes
// there; the loader reads from there.
func SnapshotName(name string) string {
	return snapshotDir + "/" + strings.TrimSuffix(name, ".yaml") + ".gob"
}

// snapshot is a loaded guideline as plain data: no pointers between parts (a question names
// its section by index, a section its questions by indices), conditions as their source and
// position only. It holds no Go map, because gob writes maps in random order and the file
// must be reproducible byte for byte; and since gob reads an empty slice back as nil, every
// list the loader may leave empty but non-nil records which it was (the rebuilt Guideline
// must equal the loader's to the last nil).
type snapshot struct {
	// Layout is snapshotLayout() when the file was written: a snapshot written for another
	// shape of these types is ignored rather than read into the wrong fields (gob matches
	// fields by name and skips the ones it does not know).
	Layout string
	// Hash is the SHA-256 of the YAML the snapshot was made from (Guideline.Hash).
	Hash string

	Format      string
	ID          string
	Version     string
	Title       strMap
	Description strMap
	Languages   strList
	Source      string
	Review      strMap
	Pos         Pos

	ShareIdentityWhen *snapCond
	Profiles          []snapProfile
	Sections          []snapSection
	Questions         []snapQuestion
	Dimensions        []snapDimension
	Indicators        []snapIndicator
	Scoring           snapScoring
	Flags             []snapFlag
	Referrals         []snapReferral

	// Diagnostics holds the loader's findings (warnings only: files with errors get no
	// snapshot), so that loading from the snapshot returns what LoadBytes returns.
	Diagnostics []snapDiag
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

// snapCond is a Condition before compiling; Names is recomputed when it is compiled.
type snapCond struct {
	Src    string
	Pos    Pos
	Quoted bool
	Block  bool
	Scope  Scope
}

type snapProfile struct {
	ID   string
	Text strMap
	When *snapCond
	Pos  Pos
}

type snapSection struct {
	ID        string
	Title     strMap
	Intro     strMap
	IntroSelf strMap
	Role      SectionRole
	When      *snapCond
	Questions []int // indices in snapshot.Questions
	Pos       Pos
}

type snapQuestion struct {
	ID        string
	Type      QuestionType
	Ask       Asker
	Text      strMap
	Hint      strMap
	Choices   []snapChoice
	Min, Max  optFloat
	When      *snapCond
	PauseWhen *snapCond
	Sensitive bool
	Summary   bool
	Past      bool
	Section   int // index in snapshot.Sections
	Pos       Pos
}

type snapChoice struct {
	ID        string
	Text      strMap
	Pos       Pos
	Exclusive bool
}

type snapDimension struct {
	ID    string
	Stage Stage
	Text  strMap
	Pos   Pos
}

type snapIndicator struct {
	ID          string
	Dimension   string
	Strength    strMap
	Text        strMap
	When        *snapCond
	Evidence    strList
	Source      string
	Provisional bool
	Pos         Pos
}

type snapScoring struct {
	ElementPositive []Combination // plain data
	Outcomes        []snapOutcome
	Pos             Pos
}

type snapOutcome struct {
	ID    string
	Level Level
	Text  strMap
	When  *snapCond
	Pos   Pos
}

type snapFlag struct {
	ID      string
	Urgency Urgency
	Text    strMap
	When    *snapCond
	Refer   strList
	Pos     Pos
}

type snapReferral struct {
	ID             string
	Name           strMap
	Role           strMap
	Contact        string
	ContactPending bool
	When           *snapCond
	Pos            Pos
}

// snapDiag is a Diagnostic without its file (the name the guideline is opened under). Every
// argument of a warning is a string; the encoder refuses any other kind rather than guess
// its type back.
type snapDiag struct {
	Pos      Pos
	Severity Severity
	Code     string
	Args     strMap
}

// snapshotLayout describes the shape of snapshot (every field's name, type and tag, nested),
// as a short hash. Computed once, on first use.
var snapshotLayout = sync.OnceValue(func() string {
	var b strings.Builder
	describeType(&b, reflect.TypeFor[snapshot]())
	return hash([]byte(b.String()))[:16]
})

func describeType(b *strings.Builder, t reflect.Type) {
	switch t.Kind() {
	case reflect.Struct:
		b.WriteString("struct{")
		for i := range t.NumField() {
			f := t.Field(i)
			fmt.Fprintf(b, "%s %q ", f.Name, f.Tag)
			describeType(b, f.Type)
			b.WriteString(";")
		}
		b.WriteString("}")
	case reflect.Pointer:
		b.WriteString("*")
		describeType(b, t.Elem())
	case reflect.Slice:
		b.WriteString("[]")
		describeType(b, t.Elem())
	case reflect.Map:
		b.WriteString("map[")
		describeType(b, t.Key())
		b.WriteString("]")
		describeType(b, t.Elem())
	default:
		b.WriteString(t.Kind().String())
	}
}

// EncodeSnapshot loads the guideline in data (a file of the guidelines folder named name,
// e.g. "mixed-flows-md.yaml") and returns its snapshot, the bytes go generate writes to
// SnapshotName(name). A file that does not load without errors has no snapshot: the error
// says why. It exists for the generator and for the test that keeps snapshots up to date.
func EncodeSnapshot(name string, data []byte) ([]byte, error) {
	g, ds := LoadBytes(embeddedPrefix+name, data)
	if g == nil {
		return nil, fmt.Errorf("%s does not load, so it gets no snapshot:\n%w", name, ds.Errors())
	}
	s, err := toSnapshot(g, ds)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(s); err != nil {
		return nil, fmt.Errorf("%s: the snapshot cannot be written: %w", name, err)
	}
	return buf.Bytes(), nil
}

// toSnapshot flattens a loaded guideline into plain data.
func toSnapshot(g *Guideline, ds Diagnostics) (*snapshot, error) {
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
		return nil, fmt.Errorf("empty lists that are not nil (%s): a snapshot cannot keep them apart", strings.Join(empty, ", "))
	}

	s := &snapshot{
		Layout: snapshotLayout(), Hash: g.Hash,
		Format: g.Format, ID: g.ID, Version: g.Version,
		Title: toStrMap(g.Title), Description: toStrMap(g.Description),
		Languages: toStrList(g.Languages), Source: g.Source, Review: toStrMap(g.Review), Pos: g.Pos,
		ShareIdentityWhen: toSnapCond(g.Privacy.ShareIdentityWhen),
	}
	s.Profiles = mapSlice(g.Profiles, func(p *Profile) snapProfile {
		return snapProfile{ID: p.ID, Text: toStrMap(p.Text), When: toSnapCond(p.When), Pos: p.Pos}
	})
	sectionIndex := make(map[*Section]int, len(g.Sections))
	for i, sec := range g.Sections {
		sectionIndex[sec] = i
	}
	s.Sections = mapSlice(g.Sections, func(sec *Section) snapSection {
		return snapSection{ID: sec.ID, Title: toStrMap(sec.Title), Intro: toStrMap(sec.Intro), IntroSelf: toStrMap(sec.IntroSelf), Role: sec.Role,
			When: toSnapCond(sec.When), Pos: sec.Pos,
			Questions: mapSlice(sec.Questions, func(q *Question) int { return q.Index })}
	})
	var orphan *Question
	s.Questions = mapSlice(g.Questions, func(q *Question) snapQuestion {
		si, ok := sectionIndex[q.Section]
		if !ok {
			orphan = q
		}
		return snapQuestion{ID: q.ID, Type: q.Type, Ask: q.Ask, Text: toStrMap(q.Text), Hint: toStrMap(q.Hint),
			Choices: mapSlice(q.Choices, func(c *Choice) snapChoice {
				return snapChoice{ID: c.ID, Text: toStrMap(c.Text), Pos: c.Pos, Exclusive: c.Exclusive}
			}),
			Min: toOptFloat(q.Min), Max: toOptFloat(q.Max),
			When: toSnapCond(q.When), PauseWhen: toSnapCond(q.PauseWhen), Sensitive: q.Sensitive,
			Summary: q.Summary, Past: q.Past, Section: si, Pos: q.Pos}
	})
	if orphan != nil {
		return nil, fmt.Errorf("question %s belongs to no section of the guideline", orphan.ID)
	}
	s.Dimensions = mapSlice(g.Dimensions, func(d *Dimension) snapDimension {
		return snapDimension{ID: d.ID, Stage: d.Stage, Text: toStrMap(d.Text), Pos: d.Pos}
	})
	s.Indicators = mapSlice(g.Indicators, func(x *Indicator) snapIndicator {
		return snapIndicator{ID: x.ID, Dimension: x.Dimension, Strength: toStrMap(x.Strength), Text: toStrMap(x.Text),
			When: toSnapCond(x.When), Evidence: toStrList(x.Evidence), Source: x.Source, Provisional: x.Provisional, Pos: x.Pos}
	})
	s.Scoring = snapScoring{ElementPositive: g.Scoring.ElementPositive, Pos: g.Scoring.Pos,
		Outcomes: mapSlice(g.Scoring.Outcomes, func(o *Outcome) snapOutcome {
			return snapOutcome{ID: o.ID, Level: o.Level, Text: toStrMap(o.Text), When: toSnapCond(o.When), Pos: o.Pos}
		})}
	s.Flags = mapSlice(g.Flags, func(f *Flag) snapFlag {
		return snapFlag{ID: f.ID, Urgency: f.Urgency, Text: toStrMap(f.Text), When: toSnapCond(f.When),
			Refer: toStrList(f.Refer), Pos: f.Pos}
	})
	s.Referrals = mapSlice(g.Referrals, func(r *Referral) snapReferral {
		return snapReferral{ID: r.ID, Name: toStrMap(r.Name), Role: toStrMap(r.Role), Contact: r.Contact,
			ContactPending: r.ContactPending, When: toSnapCond(r.When), Pos: r.Pos}
	})
	for _, d := range ds {
		args := map[string]string(nil)
		if d.Args != nil {
			args = make(map[string]string, len(d.Args))
			for k, v := range d.Args {
				str, ok := v.(string)
				if !ok {
					return nil, fmt.Errorf("finding %s has a %T argument %s: snapshots hold string arguments only", d.Code, v, k)
				}
				args[k] = str
			}
		}
		s.Diagnostics = append(s.Diagnostics, snapDiag{Pos: d.Pos, Severity: d.Severity, Code: d.Code, Args: toStrMap(args)})
	}
	return s, nil
}

func toSnapCond(c *Condition) *snapCond {
	if c == nil {
		return nil
	}
	return &snapCond{Src: c.Src, Pos: c.Pos, Quoted: c.Quoted, Block: c.Block, Scope: c.Scope}
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

// loadEmbeddedBytes loads the embedded guideline file name, whose bytes are data: from its
// snapshot when there is a usable one, else from the YAML. Both give the same Guideline and
// findings (TestSnapshotsEqualYAML).
func loadEmbeddedBytes(name string, data []byte) (*Guideline, Diagnostics) {
	if g, ds, ok := loadSnapshot(name, data); ok {
		return g, ds
	}
	return LoadBytes(embeddedPrefix+name, data)
}

// loadSnapshot returns the embedded guideline file name (its YAML is data) from its
// snapshot, or ok false when there is no usable snapshot: none was generated, it was made
// from other bytes, or for another layout. The caller then loads the YAML.
func loadSnapshot(name string, data []byte) (g *Guideline, ds Diagnostics, ok bool) {
	raw, err := snapshotFS.ReadFile(SnapshotName(name))
	if err != nil {
		return nil, nil, false
	}
	return useSnapshot(name, raw, data)
}

// useSnapshot is loadSnapshot once the snapshot's bytes (raw) are read.
func useSnapshot(name string, raw, data []byte) (g *Guideline, ds Diagnostics, ok bool) {
	s, err := decodeSnapshot(raw)
	if err != nil || s.Layout != snapshotLayout() || s.Hash != hash(data) {
		return nil, nil, false
	}
	g, ds, err = fromSnapshot(embeddedPrefix+name, s)
	if err != nil {
		return nil, nil, false
	}
	g.src = data
	return g, ds, true
}

func decodeSnapshot(raw []byte) (*snapshot, error) {
	s := &snapshot{}
	if err := gob.NewDecoder(bytes.NewReader(raw)).Decode(s); err != nil {
		return nil, err
	}
	return s, nil
}

// errSnapshot says a snapshot does not describe a guideline the loader could have made.
var errSnapshot = errors.New("the snapshot does not hold together")

// fromSnapshot rebuilds the Guideline and findings that LoadBytes(file, yaml) returned when
// s was made: the same parts and pointers between them, every condition compiled by the
// loader's own compiler for its scope, then the loader's finishing steps (complete).
func fromSnapshot(file string, s *snapshot) (*Guideline, Diagnostics, error) {
	r := &rebuild{}
	g := &Guideline{
		File: file, Format: s.Format, ID: s.ID, Version: s.Version,
		Title: r.text(s.Title), Description: r.text(s.Description),
		Languages: fromStrList(s.Languages), Source: s.Source, Review: fromStrMap[map[string]ReviewStatus](r, s.Review),
		Hash: s.Hash, Pos: s.Pos,
		byID: map[string]any{},
	}
	g.Privacy.ShareIdentityWhen = r.cond(s.ShareIdentityWhen)
	g.Profiles = mapSlice(s.Profiles, func(p snapProfile) *Profile {
		return &Profile{ID: p.ID, Text: r.text(p.Text), When: r.cond(p.When), Pos: p.Pos}
	})

	// Questions first, so sections can point at them; conditions are still gathered in the
	// loader's order (a section's before its questions'), below.
	g.Questions = mapSlice(s.Questions, func(q snapQuestion) *Question {
		return &Question{ID: q.ID, Type: q.Type, Ask: q.Ask, Text: r.text(q.Text), Hint: r.text(q.Hint),
			Choices: mapSlice(q.Choices, func(c snapChoice) *Choice {
				return &Choice{ID: c.ID, Text: r.text(c.Text), Pos: c.Pos, Exclusive: c.Exclusive}
			}),
			Min: fromOptFloat(q.Min), Max: fromOptFloat(q.Max), Sensitive: q.Sensitive, Summary: q.Summary, Past: q.Past, Pos: q.Pos}
	})
	if s.Sections != nil {
		g.Sections = make([]*Section, 0, len(s.Sections))
	}
	next := 0 // the loader numbers questions in section order: the snapshot must too
	for i := range s.Sections {
		ss := &s.Sections[i]
		sec := &Section{ID: ss.ID, Title: r.text(ss.Title), Intro: r.text(ss.Intro), IntroSelf: r.text(ss.IntroSelf), Role: ss.Role,
			When: r.cond(ss.When), Pos: ss.Pos}
		if ss.Questions != nil {
			sec.Questions = make([]*Question, len(ss.Questions))
		}
		for j, qi := range ss.Questions {
			if qi != next || qi >= len(s.Questions) || s.Questions[qi].Section != i {
				return nil, nil, errSnapshot
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
		return nil, nil, errSnapshot
	}
	g.Dimensions = mapSlice(s.Dimensions, func(d snapDimension) *Dimension {
		dim := &Dimension{ID: d.ID, Stage: d.Stage, Text: r.text(d.Text), Pos: d.Pos}
		g.byID[dim.ID] = dim
		return dim
	})
	g.Indicators = mapSlice(s.Indicators, func(x snapIndicator) *Indicator {
		in := &Indicator{ID: x.ID, Dimension: x.Dimension, Strength: fromStrMap[map[string]Strength](r, x.Strength),
			Text: r.text(x.Text), When: r.cond(x.When), Evidence: fromStrList(x.Evidence), Source: x.Source,
			Provisional: x.Provisional, Pos: x.Pos}
		g.byID[in.ID] = in
		return in
	})
	g.Scoring = Scoring{ElementPositive: s.Scoring.ElementPositive, Pos: s.Scoring.Pos,
		Outcomes: mapSlice(s.Scoring.Outcomes, func(o snapOutcome) *Outcome {
			out := &Outcome{ID: o.ID, Level: o.Level, Text: r.text(o.Text), When: r.cond(o.When), Pos: o.Pos}
			g.byID[out.ID] = out
			return out
		})}
	g.Flags = mapSlice(s.Flags, func(f snapFlag) *Flag {
		fl := &Flag{ID: f.ID, Urgency: f.Urgency, Text: r.text(f.Text), When: r.cond(f.When), Refer: fromStrList(f.Refer), Pos: f.Pos}
		g.byID[fl.ID] = fl
		return fl
	})
	g.Referrals = mapSlice(s.Referrals, func(x snapReferral) *Referral {
		ref := &Referral{ID: x.ID, Name: r.text(x.Name), Role: r.text(x.Role), Contact: x.Contact,
			ContactPending: x.ContactPending, When: r.cond(x.When), Pos: x.Pos}
		g.byID[ref.ID] = ref
		return ref
	})
	// Ids are unique in a file that loads: fewer entries than parts means one was repeated.
	if len(g.byID) != len(g.Sections)+len(g.Questions)+len(g.Dimensions)+len(g.Indicators)+
		len(g.Scoring.Outcomes)+len(g.Flags)+len(g.Referrals) {
		return nil, nil, errSnapshot
	}

	var ds Diagnostics
	for _, d := range s.Diagnostics {
		if d.Severity != SevWarning {
			return nil, nil, errSnapshot // a file with errors does not load
		}
		ds = append(ds, Diagnostic{File: file, Pos: d.Pos, Severity: d.Severity, Code: d.Code,
			Args: r.args(d.Args)})
	}
	if r.bad {
		return nil, nil, errSnapshot
	}

	envs := scopeEnvs{g: g}
	for _, c := range r.conds {
		if err := envs.get(c.Scope).compileCond(c, nil); err != nil {
			return nil, nil, fmt.Errorf("%w: %q: %v", errSnapshot, c.Src, err)
		}
	}
	g.complete()
	return g, ds, nil
}

// rebuild holds what fromSnapshot gathers on the way: the conditions to compile, in the
// loader's order, and whether any pair list was malformed.
type rebuild struct {
	conds []*Condition
	bad   bool
}

func (r *rebuild) cond(sc *snapCond) *Condition {
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
