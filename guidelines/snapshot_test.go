package guidelines

import (
	"bytes"
	"encoding/gob"
	"fmt"
	"io/fs"
	"maps"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// LoadSnapshotForTest loads the embedded guideline file name (data are its bytes) from its
// snapshot, for the scoring comparison in package guidelines_test; ok is false when there
// is no usable snapshot.
func LoadSnapshotForTest(name string, data []byte) (*Guideline, bool) {
	g, _, ok := loadSnapshot(name, data)
	return g, ok
}

// embeddedGuidelineFiles returns the embedded files in guideline format by name.
func embeddedGuidelineFiles(t testing.TB) map[string][]byte {
	t.Helper()
	names, err := fs.Glob(FS, "*.yaml")
	if err != nil || len(names) == 0 {
		t.Fatalf("no embedded guideline files: %v", err)
	}
	out := map[string][]byte{}
	for _, name := range names {
		data, err := FS.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if DetectFormat(data) == FormatGuideline {
			out[name] = data
		}
	}
	return out
}

// TestSnapshotsAreGenerated fails when a guideline was edited without regenerating its
// snapshot: the program would still be right (the stale snapshot's hash does not match, so
// it loads the YAML) but slow again.
func TestSnapshotsAreGenerated(t *testing.T) {
	files := embeddedGuidelineFiles(t)
	want := map[string]bool{}
	for _, name := range slices.Sorted(maps.Keys(files)) {
		snap, err := EncodeSnapshot(name, files[name])
		if err != nil {
			if g, _ := LoadBytes(embeddedPrefix+name, files[name]); g != nil {
				t.Errorf("%s loads but has no snapshot: %v", name, err)
			}
			continue // a broken file has no snapshot; other tests report why it is broken
		}
		want[SnapshotName(name)] = true
		got, err := snapshotFS.ReadFile(SnapshotName(name))
		if err != nil {
			t.Errorf("%s is missing: run go generate ./guidelines", SnapshotName(name))
			continue
		}
		if !bytes.Equal(got, snap) {
			t.Errorf("%s is out of date with %s: run go generate ./guidelines", SnapshotName(name), name)
		}
	}
	all, _ := fs.Glob(snapshotFS, snapshotDir+"/*")
	for _, f := range all {
		if !want[f] {
			t.Errorf("%s belongs to no embedded guideline that loads: run go generate ./guidelines", f)
		}
	}
}

// TestSnapshotsEqualYAML checks that every embedded guideline read from its snapshot is the
// Guideline LoadBytes makes of its YAML: every field, nil or empty alike, the pointers
// between parts, the id index, the boxed values and environment, the findings, and every
// condition compiled to the same program.
func TestSnapshotsEqualYAML(t *testing.T) {
	for name, data := range embeddedGuidelineFiles(t) {
		t.Run(name, func(t *testing.T) {
			want, wantDs := LoadBytes(embeddedPrefix+name, data)
			if want == nil {
				t.Skipf("does not load (reported elsewhere): %v", wantDs.Errors())
			}
			got, gotDs, ok := loadSnapshot(name, data)
			if !ok {
				t.Fatal("no usable snapshot: run go generate ./guidelines")
			}
			compareGuidelines(t, want, got)
			if !reflect.DeepEqual(gotDs, wantDs) {
				t.Errorf("findings differ:\nsnapshot: %#v\nyaml:     %#v", gotDs, wantDs)
			}
		})
	}
}

// compareGuidelines fails t unless got is indistinguishable from want. It clears the
// compiled programs of both (after comparing their disassembly): do not pass shared
// guidelines.
func compareGuidelines(t *testing.T, want, got *Guideline) {
	t.Helper()
	wc, gc := conditionsOf(want), conditionsOf(got)
	if len(wc) != len(gc) {
		t.Fatalf("%d conditions, want %d", len(gc), len(wc))
	}
	for i := range wc {
		if !wc[i].Compiled() || !gc[i].Compiled() {
			t.Fatalf("condition %q: compiled %v, want %v", gc[i].Src, gc[i].Compiled(), wc[i].Compiled())
		}
		if g, w := gc[i].prog.Disassemble(), wc[i].prog.Disassemble(); g != w {
			t.Errorf("condition %q compiles to another program:\n%s\nwant:\n%s", wc[i].Src, g, w)
		}
	}
	for i, q := range want.Questions {
		for _, p := range [][2]*float64{{q.Min, got.Questions[i].Min}, {q.Max, got.Questions[i].Max}} {
			if (p[0] == nil) != (p[1] == nil) || p[0] != nil && math.Float64bits(*p[0]) != math.Float64bits(*p[1]) {
				t.Errorf("question %s: min or max differs", q.ID)
			}
		}
	}
	if g, w := shapeOf(got), shapeOf(want); !reflect.DeepEqual(g, w) {
		t.Errorf("the parts point at each other differently:\nsnapshot: %v\nyaml:     %v", g, w)
	}
	for _, c := range wc {
		c.prog = nil
	}
	for _, c := range gc {
		c.prog = nil
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("the snapshot's guideline differs from the YAML's at %s", firstDiff("Guideline", reflect.ValueOf(got), reflect.ValueOf(want), map[[2]uintptr]bool{}))
	}
}

// conditionsOf lists g's conditions in file order.
func conditionsOf(g *Guideline) []*Condition {
	var out []*Condition
	add := func(cs ...*Condition) {
		for _, c := range cs {
			if c != nil {
				out = append(out, c)
			}
		}
	}
	add(g.Privacy.ShareIdentityWhen)
	for _, p := range g.Profiles {
		add(p.When)
	}
	for _, s := range g.Sections {
		add(s.When)
		for _, q := range s.Questions {
			add(q.When, q.PauseWhen)
		}
	}
	for _, x := range g.Indicators {
		add(x.When)
	}
	for _, o := range g.Scoring.Outcomes {
		add(o.When)
	}
	for _, f := range g.Flags {
		add(f.When)
	}
	for _, r := range g.Referrals {
		add(r.When)
	}
	return out
}

// shapeOf describes the pointers between g's parts by position, which DeepEqual does not
// see: each question's section and index, each section's questions, and what every id of
// byID points at (its kind and place in its list, or "foreign" for a copy).
func shapeOf(g *Guideline) []string {
	var out []string
	place := map[any]string{}
	for i, s := range g.Sections {
		place[s] = fmt.Sprintf("section %d", i)
	}
	for i, q := range g.Questions {
		place[q] = fmt.Sprintf("question %d", i)
		out = append(out, fmt.Sprintf("question %d index %d in %s", i, q.Index, place[q.Section]))
	}
	for i, s := range g.Sections {
		for _, q := range s.Questions {
			out = append(out, fmt.Sprintf("section %d has %s", i, place[q]))
		}
	}
	for i, x := range g.Dimensions {
		place[x] = fmt.Sprintf("dimension %d", i)
	}
	for i, x := range g.Indicators {
		place[x] = fmt.Sprintf("indicator %d", i)
	}
	for i, x := range g.Scoring.Outcomes {
		place[x] = fmt.Sprintf("outcome %d", i)
	}
	for i, x := range g.Flags {
		place[x] = fmt.Sprintf("flag %d", i)
	}
	for i, x := range g.Referrals {
		place[x] = fmt.Sprintf("referral %d", i)
	}
	for _, id := range slices.Sorted(maps.Keys(g.byID)) {
		p, ok := place[g.byID[id]]
		if !ok {
			p = "foreign"
		}
		out = append(out, id+" → "+p)
	}
	return out
}

// firstDiff returns the path of the first difference between a and b, for a readable
// failure; "" when it finds none.
func firstDiff(path string, a, b reflect.Value, seen map[[2]uintptr]bool) string {
	if a.IsValid() != b.IsValid() {
		return path + " (one is missing)"
	}
	if !a.IsValid() {
		return ""
	}
	if a.Type() != b.Type() {
		return fmt.Sprintf("%s (%s vs %s)", path, a.Type(), b.Type())
	}
	switch a.Kind() {
	case reflect.Pointer:
		if a.IsNil() || b.IsNil() {
			if a.IsNil() != b.IsNil() {
				return path + " (nil vs non-nil)"
			}
			return ""
		}
		k := [2]uintptr{a.Pointer(), b.Pointer()}
		if seen[k] {
			return ""
		}
		seen[k] = true
		return firstDiff(path, a.Elem(), b.Elem(), seen)
	case reflect.Interface:
		if a.IsNil() || b.IsNil() {
			if a.IsNil() != b.IsNil() {
				return path + " (nil vs non-nil)"
			}
			return ""
		}
		return firstDiff(path, a.Elem(), b.Elem(), seen)
	case reflect.Struct:
		for i := range a.NumField() {
			if d := firstDiff(path+"."+a.Type().Field(i).Name, a.Field(i), b.Field(i), seen); d != "" {
				return d
			}
		}
	case reflect.Slice:
		if a.IsNil() != b.IsNil() {
			return path + " (nil vs non-nil)"
		}
		if a.Len() != b.Len() {
			return fmt.Sprintf("%s (length %d vs %d)", path, a.Len(), b.Len())
		}
		for i := range a.Len() {
			if d := firstDiff(fmt.Sprintf("%s[%d]", path, i), a.Index(i), b.Index(i), seen); d != "" {
				return d
			}
		}
	case reflect.Map:
		if a.IsNil() != b.IsNil() {
			return path + " (nil vs non-nil)"
		}
		if a.Len() != b.Len() {
			return fmt.Sprintf("%s (%d entries vs %d)", path, a.Len(), b.Len())
		}
		for _, k := range a.MapKeys() {
			if d := firstDiff(fmt.Sprintf("%s[%v]", path, k), a.MapIndex(k), b.MapIndex(k), seen); d != "" {
				return d
			}
		}
	case reflect.String:
		if a.String() != b.String() {
			return fmt.Sprintf("%s (%q vs %q)", path, a.String(), b.String())
		}
	case reflect.Bool:
		if a.Bool() != b.Bool() {
			return fmt.Sprintf("%s (%v vs %v)", path, a.Bool(), b.Bool())
		}
	case reflect.Int, reflect.Int64:
		if a.Int() != b.Int() {
			return fmt.Sprintf("%s (%d vs %d)", path, a.Int(), b.Int())
		}
	case reflect.Float64:
		if math.Float64bits(a.Float()) != math.Float64bits(b.Float()) {
			return fmt.Sprintf("%s (%v vs %v)", path, a.Float(), b.Float())
		}
	default:
		return fmt.Sprintf("%s (kind %s not compared)", path, a.Kind())
	}
	return ""
}

// TestStaleSnapshotIgnored checks the guard: a snapshot made from other bytes, for another
// layout, or that does not hold together is not used, and the YAML is loaded instead.
func TestStaleSnapshotIgnored(t *testing.T) {
	const name = DefaultID + ".yaml"
	data, err := FS.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := snapshotFS.ReadFile(SnapshotName(name))
	if err != nil {
		t.Fatal("no snapshot: run go generate ./guidelines")
	}
	if _, _, ok := useSnapshot(name, raw, data); !ok {
		t.Fatal("the committed snapshot is not used for the bytes it was made from")
	}

	// The YAML changed (here: its version) but the snapshot was not regenerated.
	edited := bytes.Replace(data, []byte("\nversion: "), []byte("\nversion: edited-"), 1)
	if bytes.Equal(edited, data) {
		t.Fatal("test setup: no version line to edit")
	}
	if _, _, ok := useSnapshot(name, raw, edited); ok {
		t.Error("a snapshot of other bytes was used")
	}
	g, ds := loadEmbeddedBytes(name, edited)
	if g == nil {
		t.Fatalf("the edited guideline does not load: %v", ds)
	}
	if g.Hash != hash(edited) || !strings.HasPrefix(g.Version, "edited-") {
		t.Errorf("the edited guideline was not loaded from its YAML: version %q", g.Version)
	}

	reencode := func(change func(*snapshot)) []byte {
		s, err := decodeSnapshot(raw)
		if err != nil {
			t.Fatal(err)
		}
		change(s)
		var buf bytes.Buffer
		if err := gob.NewEncoder(&buf).Encode(s); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	for what, change := range map[string]func(*snapshot){
		"another layout":         func(s *snapshot) { s.Layout = "older" },
		"questions out of order": func(s *snapshot) { s.Sections[0].Questions[0]++ },
		"a repeated id":          func(s *snapshot) { s.Flags[1].ID = s.Flags[0].ID },
		"a broken condition":     func(s *snapshot) { s.Scoring.Outcomes[0].When.Src = "no_such_name" },
		"an error finding":       func(s *snapshot) { s.Diagnostics = append(s.Diagnostics, snapDiag{Severity: SevError}) },
		"an odd pair list":       func(s *snapshot) { s.Title.KV = s.Title.KV[1:] },
	} {
		if _, _, ok := useSnapshot(name, reencode(change), data); ok {
			t.Errorf("a snapshot with %s was used", what)
		}
	}
	if _, _, ok := useSnapshot(name, raw[:len(raw)/2], data); ok {
		t.Error("a truncated snapshot was used")
	}
}

// TestSnapshotLayoutCoversModel fails when a field is added to a part of the model without
// a place in the snapshot: the snapshot would drop it silently (TestSnapshotsEqualYAML only
// notices when an embedded guideline sets it).
func TestSnapshotLayoutCoversModel(t *testing.T) {
	pairs := []struct {
		model, snap any
		skip        []string // model fields rebuilt rather than stored
	}{
		{Guideline{}, snapshot{}, []string{"File", "Privacy", "Questions", "byID", "baseEnv", "src"}},
		{Profile{}, snapProfile{}, nil},
		{Section{}, snapSection{}, nil},
		{Question{}, snapQuestion{}, []string{"Index", "boxed"}},
		{Choice{}, snapChoice{}, nil},
		{Dimension{}, snapDimension{}, nil},
		{Indicator{}, snapIndicator{}, []string{"evidenceQs"}},
		{Scoring{}, snapScoring{}, nil},
		{Outcome{}, snapOutcome{}, nil},
		{Flag{}, snapFlag{}, nil},
		{Referral{}, snapReferral{}, nil},
		{Condition{}, snapCond{}, []string{"Names", "prog"}},
		{Privacy{}, struct{ ShareIdentityWhen any }{}, nil},
	}
	for _, p := range pairs {
		mt, st := reflect.TypeOf(p.model), reflect.TypeOf(p.snap)
		for i := range mt.NumField() {
			f := mt.Field(i).Name
			if slices.Contains(p.skip, f) {
				continue
			}
			if _, ok := st.FieldByName(f); !ok {
				t.Errorf("%s.%s has no place in %s: add it to the snapshot (snapshot.go)", mt.Name(), f, st)
			}
		}
	}
}

// BenchmarkOpenDefault measures a cold load of the default guideline as a command does it
// (read the embedded bytes, load), from the YAML and from the snapshot. The cache behind
// Open is bypassed.
func BenchmarkOpenDefault(b *testing.B) {
	const name = DefaultID + ".yaml"
	b.Run("yaml", func(b *testing.B) {
		for b.Loop() {
			data, _ := FS.ReadFile(name)
			if g, ds := LoadBytes(embeddedPrefix+name, data); g == nil {
				b.Fatal(ds)
			}
		}
	})
	b.Run("snapshot", func(b *testing.B) {
		for b.Loop() {
			data, _ := FS.ReadFile(name)
			if _, _, ok := loadSnapshot(name, data); !ok {
				b.Fatal("no usable snapshot")
			}
		}
	})
}
