package workbook

import (
	"bytes"
	"fmt"
	"io/fs"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/guidelines/preview"
)

// builtins returns every guideline shipped in the binary (the example among them), by file.
func builtins(t testing.TB) map[string]*guidelines.Guideline {
	t.Helper()
	names, err := fs.Glob(guidelines.FS, "*.yaml")
	if err != nil || len(names) == 0 {
		t.Fatalf("no built-in guidelines: %v", err)
	}
	out := map[string]*guidelines.Guideline{}
	for _, name := range names {
		data, err := guidelines.FS.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if guidelines.DetectFormat(data) != guidelines.FormatGuideline {
			continue
		}
		g, ds := guidelines.LoadBytes("embedded:"+name, data)
		if g == nil {
			t.Fatalf("%s does not load: %v", name, ds)
		}
		out[name] = g
	}
	return out
}

// trip converts g to a workbook and back, and loads the result.
func trip(t testing.TB, g *guidelines.Guideline) (*guidelines.Guideline, []byte) {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, g, Options{}); err != nil {
		t.Fatalf("%s: writing the workbook: %v", g.ID, err)
	}
	back, y, ds := Load("trip.xlsx", buf.Bytes())
	if back == nil {
		t.Fatalf("%s: the workbook does not load back:\n%v\n%s", g.ID, ds, y)
	}
	return back, y
}

// TestRoundTripBuiltins is the main test of the package: every built-in guideline, converted
// to a workbook and back, loads to the same model (every exported field but the positions,
// the file name and the hash, which name the file and not the guideline) and previews the
// same in every language.
func TestRoundTripBuiltins(t *testing.T) {
	for name, g := range builtins(t) {
		t.Run(name, func(t *testing.T) {
			back, y := trip(t, g)
			if diffs := modelDiff(g, back); len(diffs) > 0 {
				t.Fatalf("the model changed on the way:\n%s\nYAML:\n%.3000s", strings.Join(diffs[:min(len(diffs), 20)], "\n"), y)
			}
			for _, format := range preview.Formats {
				var a, b bytes.Buffer
				if _, err := preview.Render(&a, g, preview.Options{Langs: g.Languages, Format: format}); err != nil {
					t.Fatal(err)
				}
				if _, err := preview.Render(&b, back, preview.Options{Langs: back.Languages, Format: format}); err != nil {
					t.Fatal(err)
				}
				if a.String() != b.String() {
					t.Errorf("the %s preview changed on the way", format)
				}
			}
		})
	}
}

// TestRoundTripCoversEveryField makes the round trip test one that a forgotten field fails:
// every exported field of the model (but those modelDiff leaves out) is set, somewhere in
// the built-in guidelines, to a value other than its zero, so that a converter that drops a
// field changes a model the round trip compares. A new field of the model that no built-in
// guideline uses fails here until one does (or a fixture of this package).
func TestRoundTripCoversEveryField(t *testing.T) {
	set := map[string]bool{}
	for _, g := range builtins(t) {
		markSet(reflect.ValueOf(g), set, map[uintptr]bool{})
	}
	var missing []string
	for _, typ := range modelTypes() {
		for i := range typ.NumField() {
			f := typ.Field(i)
			if !f.IsExported() || skipField(f.Name) {
				continue
			}
			if key := typ.Name() + "." + f.Name; !set[key] {
				missing = append(missing, key)
			}
		}
	}
	if len(missing) > 0 {
		t.Errorf("no built-in guideline sets %s: the round trip cannot tell whether the workbook carries them", strings.Join(missing, ", "))
	}
}

func modelTypes() []reflect.Type {
	return []reflect.Type{
		reflect.TypeFor[guidelines.Guideline](), reflect.TypeFor[guidelines.Privacy](),
		reflect.TypeFor[guidelines.Profile](), reflect.TypeFor[guidelines.Section](),
		reflect.TypeFor[guidelines.Question](), reflect.TypeFor[guidelines.Choice](),
		reflect.TypeFor[guidelines.Dimension](), reflect.TypeFor[guidelines.Indicator](),
		reflect.TypeFor[guidelines.Combination](), reflect.TypeFor[guidelines.Scoring](),
		reflect.TypeFor[guidelines.Outcome](), reflect.TypeFor[guidelines.Flag](),
		reflect.TypeFor[guidelines.Referral](), reflect.TypeFor[guidelines.Condition](),
	}
}

// skipField names the fields that say where a guideline was read from, not what it says.
// Condition's Quoted and Block say how its YAML scalar was written, and Section is the
// question's way back to its section (compared through the sections themselves).
func skipField(name string) bool {
	switch name {
	case "File", "Hash", "Pos", "Quoted", "Block", "Section":
		return true
	}
	return false
}

// markSet records each struct field (Type.Field) that holds a non-zero value anywhere in v.
func markSet(v reflect.Value, set map[string]bool, seen map[uintptr]bool) {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() || seen[v.Pointer()] {
			return
		}
		seen[v.Pointer()] = true
		markSet(v.Elem(), set, seen)
	case reflect.Struct:
		for i := range v.NumField() {
			f := v.Type().Field(i)
			if !f.IsExported() {
				continue
			}
			fv := v.Field(i)
			if !fv.IsZero() && (fv.Kind() != reflect.Slice && fv.Kind() != reflect.Map || fv.Len() > 0) {
				set[v.Type().Name()+"."+f.Name] = true
			}
			markSet(fv, set, seen)
		}
	case reflect.Slice:
		for i := range v.Len() {
			markSet(v.Index(i), set, seen)
		}
	case reflect.Map:
		for it := v.MapRange(); it.Next(); {
			markSet(it.Value(), set, seen)
		}
	}
}

// modelDiff compares two loaded guidelines field by field, over every exported field but
// those skipField leaves out; a nil and an empty list or map are the same. It returns the
// differences, each with its path.
func modelDiff(a, b *guidelines.Guideline) []string {
	var out []string
	diff("", reflect.ValueOf(a), reflect.ValueOf(b), &out, map[[2]uintptr]bool{})
	return out
}

func diff(path string, a, b reflect.Value, out *[]string, seen map[[2]uintptr]bool) {
	switch a.Kind() {
	case reflect.Pointer:
		if a.IsNil() || b.IsNil() {
			if a.IsNil() != b.IsNil() {
				*out = append(*out, fmt.Sprintf("%s: %v became %v", path, a, b))
			}
			return
		}
		k := [2]uintptr{a.Pointer(), b.Pointer()}
		if seen[k] {
			return
		}
		seen[k] = true
		diff(path, a.Elem(), b.Elem(), out, seen)
	case reflect.Struct:
		for i := range a.NumField() {
			f := a.Type().Field(i)
			if !f.IsExported() || skipField(f.Name) {
				continue
			}
			diff(path+"."+f.Name, a.Field(i), b.Field(i), out, seen)
		}
	case reflect.Slice:
		if a.Len() != b.Len() {
			*out = append(*out, fmt.Sprintf("%s: %d items became %d", path, a.Len(), b.Len()))
			return
		}
		for i := range a.Len() {
			diff(fmt.Sprintf("%s[%d]", path, i), a.Index(i), b.Index(i), out, seen)
		}
	case reflect.Map:
		keys := a.MapKeys()
		if a.Len() != b.Len() {
			*out = append(*out, fmt.Sprintf("%s: %v became %v", path, a, b))
			return
		}
		slices.SortFunc(keys, func(x, y reflect.Value) int { return strings.Compare(fmt.Sprint(x), fmt.Sprint(y)) })
		for _, k := range keys {
			bv := b.MapIndex(k)
			if !bv.IsValid() {
				*out = append(*out, fmt.Sprintf("%s[%v]: lost", path, k))
				continue
			}
			diff(fmt.Sprintf("%s[%v]", path, k), a.MapIndex(k), bv, out, seen)
		}
	default:
		if !a.Equal(b) {
			*out = append(*out, fmt.Sprintf("%s: %#v became %#v", path, a.Interface(), b.Interface()))
		}
	}
}
