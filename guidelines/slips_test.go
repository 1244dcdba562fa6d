package guidelines

import (
	"os"
	"strings"
	"testing"

	"github.com/earlyid/earlyid/locales"
)

// The common slips are each refused at the place to fix, with the condition as it should
// read; a correct condition next to them is not.
func TestSlips(t *testing.T) {
	base, err := os.ReadFile("testdata/minimal.yaml")
	if err != nil {
		t.Fatal(err)
	}
	// the `when:` of "job" is line 34, its value starts at col 15 (the quote)
	const anchor = "      - id: job\n        type: choice\n"
	tests := []struct {
		when, code string
		col        int
		says       string
	}{
		{`'offer = "yes"'`, "single_equals", 22, `write “==”: offer == "yes"`},
		{`'offer == "yes" && via = ["friend"]'`, "single_equals", 38, `offer == "yes" && via == ["friend"]`},
		{`'via == "friend"'`, "multi_equals", 16, `write "friend" in via.`},
		{`'via != "online"'`, "multi_equals", 16, `write not ("online" in via).`},
		{`'age == "18"'`, "number_vs_text", 23, `without quotes: age == 18.`},
		{`'(age ?? 0) == "18"'`, "number_vs_text", 30, `without quotes: (age ?? 0) == 18.`},
		{`'"65" <= (age ?? 0)'`, "number_vs_text", 16, `without quotes: (age ?? 0) <= 65.`},
		{`'(age ?? 0) > "old"'`, "number_vs_text", 29, `without quotes: (age ?? 0) > 0.`},
		{`'"x=y" != offer && offer = "yes"'`, "single_equals", 40, `"x=y" != offer && offer == "yes"`},
		{`'offer == "yes" || "friend" in via || (age ?? 0) >= 18'`, "", 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.when, func(t *testing.T) {
			src := strings.Replace(string(base), anchor, anchor+"        when: "+tt.when+"\n", 1)
			_, ds := LoadBytes("p.yaml", []byte(src))
			if tt.code == "" {
				if len(ds) > 0 {
					t.Fatalf("a correct condition is refused: %v", ds)
				}
				return
			}
			if len(ds) != 1 || ds[0].Code != tt.code {
				t.Fatalf("got %v, want one %s", ds, tt.code)
			}
			d := ds[0]
			if d.Pos != (Pos{Line: 34, Col: tt.col}) {
				t.Errorf("at %d:%d, want 34:%d", d.Pos.Line, d.Pos.Col, tt.col)
			}
			if msg := d.Message(locales.New("en")); !strings.Contains(msg, tt.says) {
				t.Errorf("message lacks %q: %s", tt.says, msg)
			}
		})
	}
}
