package guidelines

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/earlyid/earlyid/locales"
	"github.com/earlyid/earlyid/textsafe"
)

// A guideline file is written by a third party: a key or value holding an escape sequence
// must not reach the author's terminal through the finding that quotes it, and must not
// vanish either (a stripped "yes\x1b[2Jno" would read "yesno", a valid type).
func TestFindingsShowControlCharactersAsEscapes(t *testing.T) {
	data := "format: earlyid/guideline/v1\nid: x\nversion: \"1\"\ntitle: {en: X}\nlanguages: [en]\n" +
		"\"\\e]0;pwned\\a\\e[31mred\": 1\n" +
		"sections:\n  - id: s\n    title: {en: S}\n    questions:\n      - id: q\n        type: \"yes\\e[2Jno\"\n        text: {en: Q}\n"
	_, ds := LoadBytes("esc.yaml", []byte(data))
	want := map[string]string{
		"unknown_key":  `\x1b]0;pwned\x07\x1b[31mred`,
		"unknown_type": `yes\x1b[2Jno`,
	}
	for _, lang := range locales.Languages {
		l := locales.New(lang)
		for _, d := range ds {
			line := d.Format(l)
			if !textsafe.Safe(line) {
				t.Errorf("%s: finding would reach the terminal with control characters: %q", lang, line)
			}
			if w, ok := want[d.Code]; ok && !strings.Contains(line, w) {
				t.Errorf("%s: %s finding %q does not show %q", lang, d.Code, line, w)
			}
		}
	}
	for code := range want {
		if !slices.ContainsFunc(ds, func(d Diagnostic) bool { return d.Code == code }) {
			t.Errorf("no %s finding in %v", code, ds)
		}
	}
}

func TestVisible(t *testing.T) {
	cases := map[string]string{
		"plain ключ":      "plain ключ",
		"a\x1b[2Jb":       `a\x1b[2Jb`,
		"tab\there":       `tab\x09here`,
		"rtl\u202eevil":   `rtl\u202eevil`,
		"c1\u009bx":       `c1\u009bx`,
		"bad\xffbyte":     `bad\xffbyte`,
		"del\x7f":         `del\x7f`,
		"line\u2028sep":   `line\u2028sep`,
		"zero\u200dwidth": "zero\u200dwidth",
	}
	for in, want := range cases {
		if got := visible(in); got != want {
			t.Errorf("visible(%q) = %q, want %q", in, got, want)
		}
	}
}

// A referral shown to every person answering alone and saying nothing to them is a text
// still to write in each language, counted with the translations a translator has left: in
// testdata/bad/role_self.yaml, hotline has no role_self (en and ro) and advice lacks ro.
func TestRoleSelfMissingCountsAsTextsToWrite(t *testing.T) {
	data, err := os.ReadFile("testdata/bad/role_self.yaml")
	if err != nil {
		t.Fatal(err)
	}
	_, ds := LoadBytes("role_self.yaml", data)
	got := ds.TranslationsToDo()
	if want := []LangCount{{"en", 1}, {"ro", 2}}; !slices.Equal(got, want) {
		t.Errorf("texts to write %v, want %v\n%v", got, want, ds)
	}
}
