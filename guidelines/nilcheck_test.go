package guidelines

import (
	"os"
	"strings"
	"testing"

	"github.com/earlyid/earlyid/locales"
)

// A condition that would fail in an interview where a number question has no answer is
// refused when the file loads, at the name, with the fix; one that says what no answer
// means loads, and runs without error on every kind of missing answer.
func TestMaybeNil(t *testing.T) {
	base, err := os.ReadFile("testdata/minimal.yaml")
	if err != nil {
		t.Fatal(err)
	}
	// the `when:` of "offer" is line 24, its value starts at col 15 (the quote)
	const anchor = "      - id: offer\n        type: yesno\n"
	tests := []struct {
		when string
		col  int // 0: loads
	}{
		{`'age >= 500'`, 16},
		{`'3 < age'`, 20},
		{`'age + 1 > 3'`, 16},
		{`'-age < 0'`, 17},
		{`'abs(age) > 3'`, 20},
		{`'max(age, 1) > 3'`, 20},
		{`'age in 1..5 || age > 60'`, 31},
		{`'age == nil && age > 3'`, 30},
		{`'age != nil || age > 3'`, 30},
		{`'age > 3 && age != nil'`, 16},
		{`'age != nil ? false : age > 3'`, 37},
		{`'let a = age; a > 3'`, 24},
		{`'(age ?? 0) >= 500'`, 0},
		{`'age != nil && age >= 500'`, 0},
		{`'nil != age and (true && age >= 500)'`, 0},
		{`'age == nil || age < 18'`, 0},
		{`'age != nil ? age > 3 : false'`, 0},
		{`'age == nil ? false : age > 3'`, 0},
		{`'if age != nil { age > 3 } else { false }'`, 0},
		{`'age == 3 || age != 4 || age in [1, 2]'`, 0},
	}
	for _, tt := range tests {
		t.Run(tt.when, func(t *testing.T) {
			src := strings.Replace(string(base), anchor, anchor+"        when: "+tt.when+"\n", 1)
			g, ds := LoadBytes("p.yaml", []byte(src))
			var found []Diagnostic
			for _, d := range ds {
				if d.Code == "maybe_nil" {
					found = append(found, d)
				}
			}
			if tt.col == 0 {
				if g == nil {
					t.Fatalf("refused: %v", ds)
				}
				for _, v := range []Value{{}, UnknownValue, DeclinedValue, {Num: 700}} {
					vals := map[string]Value{"offer": {Str: "yes"}}
					if !v.Equal(Value{}) {
						vals["age"] = v
					}
					if _, err := g.Resolve(g.NewEvaluator(), vals); err != nil {
						t.Errorf("age %v: %v", v, err)
					}
				}
				return
			}
			if len(found) != 1 {
				t.Fatalf("got %d maybe_nil findings, want 1: %v", len(found), ds)
			}
			d := found[0]
			if d.Pos != (Pos{Line: 24, Col: tt.col}) || d.Severity != SevError {
				t.Errorf("got %s at %d:%d, want an error at 24:%d", d.Severity, d.Pos.Line, d.Pos.Col, tt.col)
			}
			msg := d.Message(locales.New("en"))
			for _, want := range []string{"“age”", "(age ?? 0)", "age != nil &&", "offer (1.2) › when"} {
				if !strings.Contains(msg, want) {
					t.Errorf("message lacks %q: %s", want, msg)
				}
			}
		})
	}
}

// Conditions built from a guideline's parts obey the same rule as the file's own.
func TestCompilerRefusesMaybeNil(t *testing.T) {
	g := mustExample(t)
	cc := g.Compiler(ScopeAnswers)
	if _, err := cc.Compile("age > 17"); err == nil {
		t.Error("age > 17 compiled, though age may have no answer")
	}
	if _, err := cc.Compile("(age ?? 0) > 17"); err != nil {
		t.Errorf("(age ?? 0) > 17: %v", err)
	}
}
