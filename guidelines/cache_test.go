package guidelines

import (
	"bytes"
	"encoding/gob"
	"fmt"
	"io/fs"
	"maps"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// LoadThroughCacheForTest loads data (a guideline opened as file) the way a command does with
// a cache folder of its own, twice: the first load stores the entry, the second must read it
// back. It fails t when the second load did not come from the cache. A guideline that
// extends another gets no entry of its own (t fails if it does); its second load reads its
// base from the cache. It lets package guidelines_test score guidelines read from the cache.
func LoadThroughCacheForTest(t testing.TB, file string, data []byte) (*Guideline, Diagnostics) {
	t.Helper()
	withCache(t, t.TempDir())
	g, ds := loadCached(file, data, nil)
	if g == nil {
		return nil, ds
	}
	dir, key := cacheConfig()
	if g.Extends != "" {
		if _, err := os.Stat(filepath.Join(dir, hash(data)+".gob")); err == nil {
			t.Fatalf("%s extends another guideline but was stored in the cache", file)
		}
		return loadCached(file, data, nil)
	}
	g, ds, ok := readCacheEntry(filepath.Join(dir, hash(data)+".gob"), key, hash(data), file)
	if !ok {
		t.Fatalf("%s: the cache holds no usable entry after a load", file)
	}
	g.src = data
	return g, ds
}

// withCache turns the cache on in dir for the rest of the test, and off after it.
func withCache(t testing.TB, dir string) {
	t.Helper()
	UseCache(dir, "test")
	t.Cleanup(func() { UseCache("", "") })
	if buildID() == "" {
		t.Fatal("the test binary's build ID cannot be read, so the cache stays off")
	}
}

// cacheTestGuidelines returns every guideline file of the repository, built-in and test
// fixtures alike, by path relative to this package: those that load and those that do not.
func cacheTestGuidelines(t testing.TB) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if strings.HasPrefix(d.Name(), ".") && path != ".." {
				return filepath.SkipDir
			}
			return nil
		}
		if ext := filepath.Ext(path); ext != ".yaml" && ext != ".yml" {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if DetectFormat(data) == FormatGuideline {
			out[filepath.ToSlash(path)] = data
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) < 10 {
		t.Fatalf("only %d guideline files found: the walk missed the repository", len(out))
	}
	return out
}

// TestCacheEqualsLoad checks that every guideline of the repository read back from the cache
// is the Guideline LoadBytes makes of its YAML: every field, nil or empty alike, the
// pointers between parts, the id index, the boxed values and environment, the findings, and
// every condition compiled to the same program. A file that does not load gets no entry
// and the same findings.
func TestCacheEqualsLoad(t *testing.T) {
	files := cacheTestGuidelines(t)
	loaded := 0
	for _, name := range slices.Sorted(maps.Keys(files)) {
		data := files[name]
		t.Run(name, func(t *testing.T) {
			want, wantDs := LoadBytes(name, data)
			dir := t.TempDir()
			withCache(t, dir)
			first, firstDs := loadCached(name, data, nil)
			if !reflect.DeepEqual(firstDs, wantDs) {
				t.Errorf("findings differ on the load that fills the cache:\n%v\nwant:\n%v", firstDs, wantDs)
			}
			if want == nil {
				if first != nil {
					t.Error("a guideline with errors loaded through the cache")
				}
				if entries, _ := os.ReadDir(dir); len(entries) > 0 {
					t.Errorf("a guideline with errors left %d cache entries", len(entries))
				}
				return
			}
			loaded++
			got, gotDs := LoadThroughCacheForTest(t, name, data)
			compareGuidelines(t, want, got)
			if !reflect.DeepEqual(gotDs, wantDs) {
				t.Errorf("findings differ:\ncache: %#v\nyaml:  %#v", gotDs, wantDs)
			}
		})
	}
	if loaded < 5 {
		t.Errorf("only %d guidelines loaded: the comparison checked almost nothing", loaded)
	}
}

// compareGuidelines fails t unless got is indistinguishable from want: every field, and
// every condition compiled to the same program. It changes neither.
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
		t.Errorf("the parts point at each other differently:\ncache: %v\nyaml:  %v", g, w)
	}
	if d := firstDiff("Guideline", reflect.ValueOf(got), reflect.ValueOf(want), map[[2]uintptr]bool{}); d != "" {
		t.Errorf("the cached guideline differs from the YAML's at %s", d)
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

// firstDiff returns the path of the first difference between a and b, "" when it finds
// none: reflect.DeepEqual that says where, and leaves out compiled programs
// (compareGuidelines compares their disassembly).
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
			if a.Type().Field(i).Name == "prog" {
				continue
			}
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
	case reflect.Uint8:
		if a.Uint() != b.Uint() {
			return fmt.Sprintf("%s (%d vs %d)", path, a.Uint(), b.Uint())
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

// TestCacheEntryIgnoredWhenStale checks that an entry is used only for the bytes and the
// build it was written for and only when it holds together; anything else is loaded from
// the YAML and the entry replaced.
func TestCacheEntryIgnoredWhenStale(t *testing.T) {
	const name = "embedded:" + DefaultID + ".yaml"
	data, err := FS.ReadFile(DefaultID + ".yaml")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	withCache(t, dir)
	g, ds := loadCached(name, data, nil)
	if g == nil {
		t.Fatalf("the default guideline does not load: %v", ds)
	}
	path := filepath.Join(dir, hash(data)+".gob")
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("no entry written: %v", err)
	}
	if info, err := os.Stat(path); err != nil || runtime.GOOS != "windows" && info.Mode().Perm() != 0o600 {
		t.Errorf("the entry's mode is %v, want 0600", info.Mode().Perm())
	}
	_, key := cacheConfig()
	if _, _, ok := decodeCacheEntry(raw, key, hash(data), name); !ok {
		t.Fatal("the entry is not used for the bytes and the build it was written for")
	}
	if _, _, ok := decodeCacheEntry(raw, "1/test/another-build", hash(data), name); ok {
		t.Error("an entry written by another build was used")
	}

	// The file changed: its entry has another name, and an entry of other bytes put under
	// this name (a file renamed over) is not used.
	edited := bytes.Replace(data, []byte("\nversion: "), []byte("\nversion: edited-"), 1)
	if bytes.Equal(edited, data) {
		t.Fatal("test setup: no version line to edit")
	}
	if _, _, ok := decodeCacheEntry(raw, key, hash(edited), name); ok {
		t.Error("an entry of other bytes was used")
	}
	if err := os.WriteFile(filepath.Join(dir, hash(edited)+".gob"), raw, 0o600); err != nil {
		t.Fatal(err)
	}
	if g, _ := loadCached(name, edited, nil); g == nil || !strings.HasPrefix(g.Version, "edited-") || g.Hash != hash(edited) {
		t.Errorf("the edited guideline was not loaded from its YAML: %v", g)
	}

	reencode := func(change func(*cacheEntry)) []byte {
		var e cacheEntry
		if err := gob.NewDecoder(bytes.NewReader(raw)).Decode(&e); err != nil {
			t.Fatal(err)
		}
		change(&e)
		var buf bytes.Buffer
		if err := gob.NewEncoder(&buf).Encode(&e); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	damaged := map[string][]byte{
		"questions out of order": reencode(func(e *cacheEntry) { e.Model.Sections[0].Questions[0]++ }),
		"a repeated id":          reencode(func(e *cacheEntry) { e.Model.Flags[1].ID = e.Model.Flags[0].ID }),
		"a broken condition":     reencode(func(e *cacheEntry) { e.Model.Scoring.Outcomes[0].When.Src = "no_such_name" }),
		"an error finding":       reencode(func(e *cacheEntry) { e.Model.Diagnostics = append(e.Model.Diagnostics, cachedDiag{Severity: SevError}) }),
		"an odd pair list":       reencode(func(e *cacheEntry) { e.Model.Title.KV = e.Model.Title.KV[1:] }),
		"a cut":                  raw[:len(raw)/2],
		"no bytes":               nil,
		"other bytes":            []byte("not an entry"),
	}
	for what, bad := range damaged {
		if _, _, ok := decodeCacheEntry(bad, key, hash(data), name); ok {
			t.Errorf("an entry with %s was used", what)
		}
		// Loading through the damaged entry gives the YAML's guideline and mends the entry.
		if err := os.WriteFile(path, bad, 0o600); err != nil {
			t.Fatal(err)
		}
		g, _ := loadCached(name, data, nil)
		want, _ := LoadBytes(name, data)
		if g == nil {
			t.Fatalf("with %s in the cache the guideline does not load", what)
		}
		compareGuidelines(t, want, g)
		if mended, _ := os.ReadFile(path); !bytes.Equal(mended, raw) {
			t.Errorf("an entry with %s was not replaced", what)
		}
	}
}

// TestCacheFolderUnusable checks that a cache folder that cannot be made or written leaves
// loading as it is: the guideline loads, with the same findings, and no error is reported.
func TestCacheFolderUnusable(t *testing.T) {
	data, err := FS.ReadFile("example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	_, wantDs := LoadBytes("example.yaml", data)
	file := filepath.Join(t.TempDir(), "a-file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	readOnly := t.TempDir()
	if err := os.Chmod(readOnly, 0o500); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(readOnly, 0o700) })
	for what, dir := range map[string]string{
		"a file in the way":  filepath.Join(file, "cache"),
		"a read-only folder": filepath.Join(readOnly, "cache"),
	} {
		if what == "a read-only folder" && os.Geteuid() == 0 {
			continue // root writes there all the same
		}
		withCache(t, dir)
		for range 2 {
			g, ds := loadCached("example.yaml", data, nil)
			if g == nil || !reflect.DeepEqual(ds, wantDs) {
				t.Fatalf("with %s: %v", what, ds)
			}
			want, _ := LoadBytes("example.yaml", data)
			compareGuidelines(t, want, g)
		}
	}
	UseCache("", "")
	if dir, _ := cacheConfig(); dir != "" {
		t.Error("UseCache(\"\") left the cache on")
	}
}

// TestFindBuildID checks that the key of every entry can name the build: the running test
// binary has an ID, and both places the linker puts one are read.
func TestFindBuildID(t *testing.T) {
	if buildID() == "" {
		t.Error("the test binary's build ID is not found")
	}
	elf := append([]byte("junk\x04\x00\x00\x00\x08\x00\x00\x00\x04\x00\x00\x00Go\x00\x00"), "abc/defg"...)
	if got := findBuildID(elf); got != "abc/defg" {
		t.Errorf("ELF note: %q", got)
	}
	if got := findBuildID([]byte("xx\xff Go build ID: \"a/b/c\"\n \xff")); got != "a/b/c" {
		t.Errorf("text marker: %q", got)
	}
	if got := findBuildID([]byte("no id here")); got != "" {
		t.Errorf("no ID: %q", got)
	}
}

// TestCacheCoversModel fails when a field is added to a part of the model without
// a place in the cache: the cache would drop it silently (TestCacheEqualsLoad only
// notices when a guideline of the repository sets it).
func TestCacheCoversModel(t *testing.T) {
	pairs := []struct {
		model, snap any
		skip        []string // model fields rebuilt rather than stored
	}{
		{Guideline{}, cachedModel{}, []string{"File", "Privacy", "Questions", "byID", "baseEnv", "src"}},
		{Profile{}, cachedProfile{}, nil},
		{Section{}, cachedSection{}, nil},
		{Question{}, cachedQuestion{}, []string{"Index", "boxed"}},
		{Choice{}, cachedChoice{}, nil},
		{Dimension{}, cachedDimension{}, nil},
		{Indicator{}, cachedIndicator{}, []string{"evidenceQs"}},
		{Scoring{}, cachedScoring{}, nil},
		{Outcome{}, cachedOutcome{}, nil},
		{Flag{}, cachedFlag{}, nil},
		{Referral{}, cachedReferral{}, nil},
		{Condition{}, cachedCond{}, []string{"Names", "prog"}},
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
				t.Errorf("%s.%s has no place in %s: add it to the cachedModel (cachedModel.go)", mt.Name(), f, st)
			}
		}
	}
}

// BenchmarkOpenDefault measures a load of the default guideline as a command does it (read
// the embedded bytes, load), from the YAML and from a warm cache.
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
	b.Run("cache", func(b *testing.B) {
		withCache(b, b.TempDir())
		data, _ := FS.ReadFile(name)
		loadCached(embeddedPrefix+name, data, nil)
		for b.Loop() {
			data, _ := FS.ReadFile(name)
			if g, ds := loadCached(embeddedPrefix+name, data, nil); g == nil {
				b.Fatal(ds)
			}
		}
	})
}
