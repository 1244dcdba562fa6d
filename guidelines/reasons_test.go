package guidelines

import (
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/earlyid/earlyid/locales"
)

// englishLibraryText are fragments of expr's and yaml.v3's own messages, and Go type names:
// none may reach an author reading findings in ro, uk or ru.
var englishLibraryText = []string{
	"unexpected token", "invalid operation", "mismatched", "float64", "interface {}",
	"did not find expected", "exceeded max depth", "mapping values", "<nil>", "unknown,",
}

// A broken condition or YAML file is explained in the author's language: the libraries'
// English and Go's type names are mapped to sentences and format words.
func TestLibraryTextIsLocalized(t *testing.T) {
	var ds Diagnostics
	for _, path := range []string{"testdata/bad/expr_errors.yaml", "testdata/bad/yaml_syntax.yaml"} {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		_, fds := LoadBytes(path, data)
		ds = append(ds, fds...)
	}
	_, fds := LoadBytes("deep.yaml", []byte(strings.Repeat("[", 10001)))
	ds = append(ds, fds...)
	// A slip the loader does not place itself keeps yaml.v3's reason, in words.
	_, fds = LoadBytes("comma.yaml", []byte("a: {b: \"c\" d}\n"))
	ds = append(ds, fds...)
	for _, lang := range []string{"ro", "uk", "ru"} {
		l := locales.New(lang)
		for _, d := range ds {
			msg := d.Message(l)
			for _, frag := range englishLibraryText {
				if strings.Contains(msg, frag) {
					t.Errorf("%s: %s finding shows library text %q: %s", lang, d.Code, frag, msg)
				}
			}
			if strings.Contains(msg, "<no value>") || strings.Contains(msg, "diag.") {
				t.Errorf("%s: a message is missing or lacks a placeholder: %s", lang, msg)
			}
		}
	}
	ro := locales.New("ro")
	for _, want := range []string{
		"nu este validă: se oprește acolo unde se așteaptă ceva în plus",
		"dă un număr, nu true sau false",
		"„>” nu poate fi folosit între un număr și un text",
		"dă o valoare al cărei tip depinde de răspunsuri",
		"YAML-ul nu poate fi citit: lipsește o „,” sau un „}” de închidere",
		"imbricarea este prea adâncă",
	} {
		found := false
		for _, d := range ds {
			found = found || strings.Contains(d.Message(ro), want)
		}
		if !found {
			t.Errorf("no ro finding says %q", want)
		}
	}
}

func TestExprReason(t *testing.T) {
	tests := []struct {
		msg, id string
		args    map[string]any
	}{
		{"unexpected token EOF (1:10)", "diag.expr.unexpected_end", nil},
		{`unexpected token Operator("=") (1:5)`, "diag.expr.unexpected_token", map[string]any{"Token": "="}},
		{"invalid operation: > (mismatched types float64 and string) (1:5)", "diag.expr.mismatched",
			map[string]any{"Op": ">", "Left": phrase("diag.type.number"), "Right": phrase("diag.type.text")}},
		{"invalid operation: not (mismatched type []string)", "diag.expr.mismatched_one",
			map[string]any{"Op": "not", "Type": phrase("diag.type.list")}},
		{"invalid operation: <nil> < int (1:5)\n | age < 18\n | ....^", "diag.expr.nil_operand", map[string]any{"Op": "<"}},
		{"invalid argument for len (type float64)", "diag.expr.bad_argument",
			map[string]any{"Func": "len", "Type": phrase("diag.type.number")}},
		{"type float64 has no field x (1:5)", "diag.expr.no_field",
			map[string]any{"Type": phrase("diag.type.number"), "Field": "x"}},
		{"something new (1:2)", "diag.reason.detail", map[string]any{"Detail": "something new"}},
	}
	for _, tt := range tests {
		got := exprReason(tt.msg)
		if got.ID != tt.id || len(got.Args) != len(tt.args) {
			t.Errorf("exprReason(%q) = %+v, want %s %v", tt.msg, got, tt.id, tt.args)
			continue
		}
		for k, v := range tt.args {
			if g := got.Args[k]; !reflect.DeepEqual(g, v) {
				t.Errorf("exprReason(%q): %s = %v, want %v", tt.msg, k, g, v)
			}
		}
	}
}

// A condition that fails while it runs is placed at the operator that failed, and explained
// in the reader's language (score prints this when a guideline is broken).
func TestRuntimeErrorIsPlacedAndLocalized(t *testing.T) {
	data, err := os.ReadFile("testdata/minimal.yaml")
	if err != nil {
		t.Fatal(err)
	}
	g, ds := LoadBytes("m.yaml", data)
	if g == nil {
		t.Fatalf("does not load: %v", ds)
	}
	// The loader refuses 'age < 18' (age may have no answer), so the condition that fails is
	// put in by hand where the file had the indicator's: line 50,
	// `    when: 'job == "different"'`; 'age < 18' puts "<" at col 16.
	g.src = []byte(strings.Replace(string(data), `    when: 'job == "different"'`, `    when: 'age < 18'`, 1))
	c := &Condition{Src: "age < 18", Pos: g.Indicator("deceived").When.Pos, Quoted: true, Scope: ScopeAnswers}
	if err := newScopeEnv(g, ScopeAnswers).compileCond(c, nil); err != nil {
		t.Fatal(err)
	}
	_, err = g.NewEvaluator().Eval(c, g.notAskedEnv())
	re, ok := err.(*RuntimeError)
	if !ok {
		t.Fatalf("got %v, want a *RuntimeError", err)
	}
	if re.Pos != (Pos{Line: 50, Col: 16}) {
		t.Errorf("failure placed at %v, want 50:16 (the “<”)", re.Pos)
	}
	got := re.Message(locales.New("ru"))
	want := "m.yaml:50:16: Условие «age < 18» не сработало во время выполнения: «<» получил число без значения"
	if !strings.HasPrefix(got, want) || strings.Contains(got, "invalid operation") || strings.Contains(got, "(1:5)") {
		t.Errorf("got  %s\nwant %s…", got, want)
	}
}
