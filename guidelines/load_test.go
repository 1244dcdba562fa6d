package guidelines

import (
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"
	"github.com/earlyid/earlyid/locales"
	"go.yaml.in/yaml/v3"
)

func mustExample(t testing.TB) *Guideline {
	t.Helper()
	data, err := os.ReadFile("example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	g, ds := LoadBytes("example.yaml", data)
	if g == nil {
		t.Fatalf("example.yaml does not load:\n%v", ds)
	}
	return g
}

func render(ds Diagnostics) string {
	en := locales.New("en")
	var b strings.Builder
	for _, d := range ds {
		b.WriteString(d.Format(en))
		b.WriteByte('\n')
	}
	return b.String()
}

// TestBadFiles loads every file in testdata/bad and compares the full list of English
// findings with its golden file. Files named answers_* are answers files and scenario_* are
// scenarios, both checked against the example guideline; the others are guidelines.
func TestBadFiles(t *testing.T) {
	g := mustExample(t)
	files, err := filepath.Glob("testdata/bad/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no bad files: %v", err)
	}
	for _, path := range files {
		name := strings.TrimSuffix(filepath.Base(path), ".yaml")
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.ToSlash(path)
			var ds Diagnostics
			switch {
			case strings.HasPrefix(name, "answers_"):
				_, _, ds = ParseAnswers(path, data, g)
			case strings.HasPrefix(name, "scenario_"):
				s, sds := LoadScenarioBytes(path, data)
				ds = sds
				if s != nil {
					ds = append(ds, CheckScenario(s, g)...)
				}
			default:
				var got *Guideline
				got, ds = LoadBytes(path, data)
				if ds.HasErrors() != (got == nil) {
					t.Errorf("got guideline %v with errors %v", got != nil, ds.HasErrors())
				}
			}
			if len(ds) == 0 {
				t.Fatal("got no findings for a broken file")
			}
			out := render(ds)
			if strings.Contains(out, "<no value>") || strings.Contains(out, "diag.") {
				t.Errorf("a message is missing or lacks a placeholder:\n%s", out)
			}
			golden.RequireEqual(t, []byte(out))
		})
	}
}

// TestEveryCodeIsTested checks that each code appears in some golden file or in the list of
// codes asserted directly by the tests below.
func TestEveryCodeIsTested(t *testing.T) {
	seen := map[string]bool{"read": true, "too_large": true, "unknown_guideline": true,
		// Answers files here are read against the example, which has no exclusive choice:
		// TestAnswersExclusiveCombined gives it one.
		"exclusive_combined": true,
		// A text of more than MaxText characters would fill a golden file:
		// TestTooLongNoteIsAnErrorWhereItIs and the answers table test it.
		"text_too_long": true}
	goldens, _ := filepath.Glob("testdata/TestBadFiles/*.golden")
	re := regexp.MustCompile(`\[([a-z_]+)\]\n`)
	for _, f := range goldens {
		data, _ := os.ReadFile(f)
		for _, m := range re.FindAllStringSubmatch(string(data), -1) {
			seen[m[1]] = true
		}
	}
	for _, c := range Codes {
		if !seen[c] {
			t.Errorf("code %s has no test", c)
		}
	}
	for c := range seen {
		if !contains(Codes, c) {
			t.Errorf("code %s is reported but missing from Codes", c)
		}
	}
	if !sort.StringsAreSorted(Codes) {
		t.Error("Codes is not sorted")
	}
}

// TestCodesHaveMessages checks each locale file for a diag.<code> message of every code.
func TestCodesHaveMessages(t *testing.T) {
	for _, lang := range locales.Languages {
		data, err := locales.FS.ReadFile("active." + lang + ".yaml")
		if err != nil {
			t.Fatal(err)
		}
		var msgs map[string]any
		if err := yaml.Unmarshal(data, &msgs); err != nil {
			t.Fatalf("%s: %v", lang, err)
		}
		for _, c := range Codes {
			if s, _ := msgs["diag."+c].(string); strings.TrimSpace(s) == "" {
				t.Errorf("%s: no message diag.%s", lang, c)
			}
		}
	}
}

func TestExampleLoads(t *testing.T) {
	g := mustExample(t)
	data, _ := os.ReadFile("example.yaml")
	_, ds := LoadBytes("example.yaml", data)
	for _, d := range ds {
		if d.Code != "referral_contact_pending" {
			t.Errorf("unexpected finding: %v", d)
		}
	}
	if g.ID != "example" || len(g.Languages) != 4 || g.File != "example.yaml" || len(g.Hash) != 64 {
		t.Errorf("got id %q, languages %v, file %q, hash %q", g.ID, g.Languages, g.File, g.Hash)
	}
	types := map[QuestionType]bool{}
	for i, q := range g.Questions {
		types[q.Type] = true
		if q.Index != i || q.Section == nil || g.Question(q.ID) != q {
			t.Errorf("question %s: index %d (want %d), section %v", q.ID, q.Index, i, q.Section)
		}
		for _, c := range []*Condition{q.When, q.PauseWhen} {
			if c != nil && !c.Compiled() {
				t.Errorf("question %s: condition %q not compiled", q.ID, c.Src)
			}
		}
	}
	if len(types) != len(QuestionTypes) {
		t.Errorf("the example uses types %v, want all of %v", types, QuestionTypes)
	}
	if x := g.Indicator("deceived_about_wages"); x == nil || strings.Join(x.Evidence, ",") != "paid_as_agreed" {
		t.Errorf("explicit evidence: got %v", x)
	}
	if x := g.Indicator("debt_from_recruitment"); x == nil || strings.Join(x.Evidence, ",") != "job_offer,debt" {
		t.Errorf("default evidence: got %v", x.Evidence)
	}
	if x := g.Indicator("excessive_hours"); x.Strength["adult"] != Strong || x.Strength["child"] != Strong {
		t.Errorf("a single strength applies to every profile: got %v", x.Strength)
	}
	if r := g.Referral("child_protection"); r == nil || !r.ContactPending {
		t.Errorf("child_protection contact should be pending: %v", r)
	}
	if !g.Privacy.ShareIdentityWhen.Compiled() || len(g.Profiles) != 2 || len(g.Scoring.ElementPositive) != 5 {
		t.Error("privacy, profiles or element_positive not loaded")
	}
}

// TestPositions pins the positions that matter most: a condition's own error inside the
// file, through quotes, escapes and block scalars.
func TestPositions(t *testing.T) {
	base, err := os.ReadFile("testdata/minimal.yaml")
	if err != nil {
		t.Fatal(err)
	}
	const anchor = "      - id: offer\n        type: yesno\n"
	tests := []struct {
		name, when string
		code       string
		line, col  int
	}{
		// the question block starts at line 22; its `when:` is line 24, the value at col 15
		{"single quoted", `'age > 3 && ofer == "yes"'`, "unknown_name", 24, 27},
		{"double quoted escapes", `"age > 3 && \"x\" == ofer"`, "unknown_name", 24, 36},
		{"plain", `age > 3 && ofer == "yes"`, "unknown_name", 24, 26},
		{"folded block", ">-\n          age > 3\n          && ofer == \"yes\"", "unknown_name", 26, 14},
		{"literal block", "|\n          age > 3 &&\n            ofer == \"yes\"", "unknown_name", 26, 13},
		{"value typo", `'age > 3 && job == "diferent"'`, "unknown_value", 24, 34},
		{"later question", `'job == "as_told"'`, "later_question", 24, 16},
		{"syntax", `'age > > 3'`, "expr_compile", 24, 22},
		{"not bool", `'age + 1'`, "expr_not_bool", 24, 15},
		{"multi-line plain folds", "age > 3 &&\n          ofer == \"yes\"", "unknown_name", 25, 11},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := strings.Replace(string(base), anchor, anchor+"        when: "+tt.when+"\n", 1)
			_, ds := LoadBytes("p.yaml", []byte(src))
			for _, d := range ds {
				if d.Code == tt.code {
					if d.Pos.Line != tt.line || d.Pos.Col != tt.col {
						lines := strings.Split(src, "\n")
						t.Errorf("got %d:%d, want %d:%d (%s)\n%s", d.Pos.Line, d.Pos.Col, tt.line, tt.col, d.Error(), lines[d.Pos.Line-1])
					}
					return
				}
			}
			t.Errorf("no %s finding in %v", tt.code, ds)
		})
	}
}

func TestReadErrors(t *testing.T) {
	dir := t.TempDir()
	_, ds := Load(filepath.Join(dir, "missing.yaml"))
	if len(ds) != 1 || ds[0].Code != "read" || !strings.Contains(ds[0].Error(), "missing.yaml") {
		t.Errorf("missing file: got %v", ds)
	}
	big := filepath.Join(dir, "big.yaml")
	if err := os.WriteFile(big, make([]byte, MaxFileSize+1), 0o600); err != nil {
		t.Fatal(err)
	}
	_, ds = Load(big)
	if len(ds) != 1 || ds[0].Code != "too_large" {
		t.Errorf("big file: got %v", ds)
	}
	_, ds = LoadBytes("big.yaml", make([]byte, MaxFileSize+1))
	if len(ds) != 1 || ds[0].Code != "too_large" {
		t.Errorf("big bytes: got %v", ds)
	}
}

func TestDetectFormat(t *testing.T) {
	tests := []struct{ in, want string }{
		{"format: earlyid/guideline/v1\n", FormatGuideline},
		{"# c\nid: x\nformat: \"earlyid/scenario/v1\"  # note\n", FormatScenario},
		{"id: x\n  format: nested\n", ""},
		{"format: 'earlyid/guideline/v1'\r\n", FormatGuideline},
		{"", ""},
		{"\ufeffformat: earlyid/scenario/v1\n", FormatScenario},
	}
	for _, tt := range tests {
		if got := DetectFormat([]byte(tt.in)); got != tt.want {
			t.Errorf("DetectFormat(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestOpen(t *testing.T) {
	g, ds := Open("example")
	if g == nil || g.ID != "example" || g.File != "embedded:example.yaml" {
		t.Fatalf("Open(example): %v", ds)
	}
	if g, ds := Open("testdata/minimal.yaml"); g == nil || g.ID != "minimal" {
		t.Errorf("Open(path): %v", ds)
	}
	_, ds = Open("no-such-guideline")
	if len(ds) != 1 || ds[0].Code != "unknown_guideline" || !strings.Contains(ds[0].Error(), "example") {
		t.Errorf("unknown id: got %v", ds)
	}
	// No name means the default guideline, the very one its id opens: an interview started
	// without --guideline must not run another questionnaire.
	def, ds := Open("")
	if def == nil {
		t.Fatalf("Open(\"\"): %v", ds)
	}
	if def.ID != DefaultID {
		t.Fatalf("Open(\"\") opened %s, want %s", def.ID, DefaultID)
	}
	if byID, _ := Open(DefaultID); byID != def {
		t.Errorf("Open(\"\") and Open(%q) give two different guidelines", DefaultID)
	}
	gs, _ := Embedded()
	for i := 1; i < len(gs); i++ {
		if gs[i-1].ID >= gs[i].ID {
			t.Errorf("Embedded not sorted: %s, %s", gs[i-1].ID, gs[i].ID)
		}
	}
}

// TestEmbeddedExample checks that the example and its scenarios are embedded and clean. The
// other shipped guidelines are checked by the content's own tests.
func TestEmbeddedExample(t *testing.T) {
	gs, _ := Embedded()
	found := false
	for _, g := range gs {
		found = found || g.ID == "example"
	}
	if !found {
		t.Fatal("the example guideline is not embedded")
	}
	ss, err := EmbeddedScenarios()
	n := 0
	for _, s := range ss {
		if s.Guideline == "example" {
			n++
		}
	}
	if n < 3 {
		t.Errorf("got %d example scenarios (error %v), want 3", n, err)
	}
}

// TestExtendsByPath loads a guideline that extends a file next to it: it has the base's
// questions, its own id, title and outcome rule, and the base's description, which it does
// not give.
func TestExtendsByPath(t *testing.T) {
	base, ds := Load("testdata/minimal.yaml")
	if base == nil {
		t.Fatal(ds)
	}
	g, ds := Load("testdata/extends/minimal-variant.yaml")
	if g == nil {
		t.Fatalf("does not load: %v", ds)
	}
	if g.ID != "minimal-variant" || g.Version != "2" || g.Extends != "minimal" || g.Title.In("en") != "Minimal variant" {
		t.Errorf("id %s, version %s, extends %s, title %q", g.ID, g.Version, g.Extends, g.Title.In("en"))
	}
	if want := []string{"id", "version", "title", "scoring"}; !slices.Equal(g.Overrides, want) {
		t.Errorf("overrides %v, want %v", g.Overrides, want)
	}
	if len(g.Questions) != len(base.Questions) || g.Question("job") == nil || !reflect.DeepEqual(g.Description, base.Description) {
		t.Error("the base's questions or description were not taken")
	}
	if g.Scoring.Outcomes[0].When.Src != "deception || conditions" || len(g.Scoring.ElementPositive) != 1 {
		t.Errorf("the variant's scoring was not used: %+v", g.Scoring)
	}
	if o, ok := g.byID["high"].(*Outcome); !ok || o != g.Scoring.Outcomes[0] {
		t.Error("the id index still points at the base's outcome")
	}
	if g.Hash == base.Hash || g.File != "testdata/extends/minimal-variant.yaml" {
		t.Errorf("hash or file taken from the base: %s", g.File)
	}
}

// TestEmbeddedInfoAgreesWithLoad: `version` and `guidelines` read each built-in guideline's
// id, version, languages and title from its top-level keys alone; they must be what loading
// the whole file gives, for every built-in guideline, the one that extends another included.
func TestEmbeddedInfoAgreesWithLoad(t *testing.T) {
	infos, err := EmbeddedInfo()
	if err != nil {
		t.Fatal(err)
	}
	gs, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	if len(infos) != len(gs) {
		t.Fatalf("%d guidelines read, %d loaded", len(infos), len(gs))
	}
	for i, g := range gs {
		want := Info{ID: g.ID, Version: g.Version, Languages: g.Languages, Title: g.Title}
		if !reflect.DeepEqual(infos[i], want) {
			t.Errorf("read %+v, loaded %+v", infos[i], want)
		}
	}
}

// TestReadInfo covers the shapes the top-level reader must follow: comments and a folded
// title before the keys, a plain-string title for one language, keys in any order, and a
// file without an id.
func TestReadInfo(t *testing.T) {
	src := "# comment: with a colon\nformat: earlyid/guideline/v1\ntitle:\n  # inside\n  en: \"A: title\"\n  ro: >-\n    Un\n    titlu\nversion: '2'\nid: x\nlanguages: [en, ro]\nsections:\n  - id: s\n    title: {en: Nope}\n"
	info, ext, title, err := readInfo([]byte(src))
	if err != nil || ext != "" || title == nil {
		t.Fatalf("err %v, extends %q, title %v", err, ext, title)
	}
	var tt Text
	if err := title.Decode(&tt); err != nil {
		t.Fatal(err)
	}
	if info.ID != "x" || info.Version != "2" || !slices.Equal(info.Languages, []string{"en", "ro"}) || tt["en"] != "A: title" || tt["ro"] != "Un titlu" {
		t.Errorf("read %+v, title %v", info, tt)
	}
	if _, _, _, err := readInfo([]byte("format: earlyid/guideline/v1\nversion: '1'\n")); err == nil {
		t.Error("a file without an id was read")
	}
}

// TestExtendsAVariant: a variant of a variant takes its base's scoring and questions, names
// only its own keys as given, and its hash changes with either file.
func TestExtendsAVariant(t *testing.T) {
	g, ds := Load("testdata/extends/minimal-variant-2.yaml")
	if g == nil {
		t.Fatalf("does not load: %v", ds)
	}
	base, _ := Load("testdata/extends/minimal-variant.yaml")
	if g.Extends != "minimal-variant" || !slices.Equal(g.Overrides, []string{"id", "version", "title"}) {
		t.Errorf("extends %q, overrides %v", g.Extends, g.Overrides)
	}
	if g.Scoring.Outcomes[0].When.Src != base.Scoring.Outcomes[0].When.Src || len(g.Questions) != len(base.Questions) {
		t.Error("the variant's scoring or questions were not taken")
	}
	if g.Hash == base.Hash {
		t.Error("the hash does not tell the two files apart")
	}
}
