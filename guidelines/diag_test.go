package guidelines

import (
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
