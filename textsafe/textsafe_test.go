package textsafe

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestHostileStrings(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in, text, line string
	}{
		{"plain ascii", "Did anyone offer you work?", "Did anyone offer you work?", "Did anyone offer you work?"},
		{"csi colour", "a\x1b[31mred\x1b[0mb", "aredb", "aredb"},
		{"osc title with BEL", "x\x1b]0;pwned\ay", "xy", "xy"},
		{"osc title with ST", "x\x1b]2;pwned\x1b\\y", "xy", "xy"},
		{"osc 52 clipboard", "a\x1b]52;c;ZXZpbA==\ab", "ab", "ab"},
		{"osc 8 hidden link", "\x1b]8;;http://evil\x1b\\click\x1b]8;;\x1b\\", "click", "click"},
		{"dcs", "a\x1bP1$r0m\x1b\\b", "ab", "ab"},
		{"cursor up and erase", "safe\x1b[1A\x1b[2Kfake", "safefake", "safefake"},
		{"carriage return overwrite", "secret\rSAFE  ", "secretSAFE  ", "secretSAFE  "},
		{"backspace bell nul del", "a\bb\ac\x00d\x7fe", "abcde", "abcde"},
		{"raw 8-bit C1 CSI", "a\x9b31mb", "a\uFFFD31mb", "a\uFFFD31mb"},
		{"utf-8 encoded C1 CSI", "a\u009b31mb", "a31mb", "a31mb"},
		{"utf-8 NEL", "a\u0085b", "ab", "ab"},
		{"lone ESC at end", "abc\x1b", "abc", "abc"},
		{"bidi override (Trojan Source)", "access\u202e level\u202c", "access level", "access level"},
		{"bidi isolates", "\u2066a\u2067b\u2068c\u2069", "abc", "abc"},
		{"embeddings", "\u202aa\u202bb\u202cc\u202dd", "abcd", "abcd"},
		{"newline and tab", "one\ntwo\tthree", "one\ntwo\tthree", "one two three"},
		{"crlf", "one\r\ntwo", "one\ntwo", "one two"},
		{"line separator", "one\u2028two", "one\ntwo", "one two"},
		{"invalid utf-8", "a\xffb", "a\uFFFDb", "a\uFFFDb"},
		{"romanian diacritics", "Vă rugăm, ședeți și țineți", "Vă rugăm, ședeți și țineți", "Vă rugăm, ședeți și țineți"},
		{"cyrillic", "Хтось запропонував Вам роботу?", "Хтось запропонував Вам роботу?", "Хтось запропонував Вам роботу?"},
		{"arabic right-to-left kept", "مرحبا \u200fبك", "مرحبا \u200fبك", "مرحبا \u200fبك"},
		{"zero-width joiner kept", "क्\u200dष 👩\u200d👧", "क्\u200dष 👩\u200d👧", "क्\u200dष 👩\u200d👧"},
		{"empty", "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Text(tt.in); got != tt.text {
				t.Errorf("Text(%q) = %q, want %q", tt.in, got, tt.text)
			}
			if got := Line(tt.in); got != tt.line {
				t.Errorf("Line(%q) = %q, want %q", tt.in, got, tt.line)
			}
		})
	}
}

// TestNothingDangerousSurvives checks the promise for every rune: after Text, no control
// character other than '\n' and '\t' and no bidi control is left.
func TestNothingDangerousSurvives(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	for r := rune(0); r < 0x3000; r++ {
		b.WriteRune(r)
		b.WriteString("x")
	}
	for i := 0; i < 256; i++ {
		b.WriteByte(byte(i))
	}
	for _, f := range []func(string) string{Text, Line} {
		out := f(b.String())
		for _, r := range out {
			if (unicode.IsControl(r) && r != '\n' && r != '\t') || isBidiControl(r) || r == 0x1b {
				t.Fatalf("rune %U survived", r)
			}
		}
		if f(out) != out {
			t.Errorf("sanitizing is not idempotent")
		}
	}
	if strings.ContainsAny(Line("a\nb\tc"), "\n\t") {
		t.Errorf("Line kept a line break or tab")
	}
}

func TestSafe(t *testing.T) {
	t.Parallel()
	if !Safe("Так · Da\n") || Safe("a\x1b[2Jb") {
		t.Errorf("Safe misjudged a string")
	}
}

func FuzzText(f *testing.F) {
	for _, s := range []string{"a\x1b[31mb", "\u202e", "x\x1b]0;t\ay", "\x9b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, multiline := range []bool{true, false} {
			if alreadyClean(s, multiline) && strip(s, multiline) != s {
				t.Fatalf("%q is taken as clean (multiline %v), but cleaning changes it", s, multiline)
			}
		}
		out := Text(s)
		for _, r := range out {
			if (unicode.IsControl(r) && r != '\n' && r != '\t') || isBidiControl(r) {
				t.Fatalf("Text(%q) kept %U", s, r)
			}
		}
	})
}

func BenchmarkText(b *testing.B) {
	s := strings.Repeat("Хтось запропонував Вам роботу або житло за кордоном? ", 4)
	for b.Loop() {
		Text(s)
	}
}

// TestAlreadyCleanOnlyWhenNothingToRemove: the shortcut that returns a string as it is
// (alreadyClean) is taken only for a string that cleaning leaves unchanged, for every code
// point (alone, and all of them in one string), every byte and every pair of bytes.
func TestAlreadyCleanOnlyWhenNothingToRemove(t *testing.T) {
	t.Parallel()
	astral := make([]byte, 0, 4*(unicode.MaxRune-0xFFFF))
	for r := rune(0x10000); r <= unicode.MaxRune; r++ {
		astral = utf8.AppendRune(astral, r)
	}
	for _, multiline := range []bool{true, false} {
		// Every code point taken as clean, in one string: cleaning it once is quick, and
		// only when it changes is each one cleaned alone to name the culprits. Past the
		// first plane there is no control, bidi or separator character: those code points
		// are judged all together.
		all := make([]byte, 0, 3*0x10000+len(astral))
		for r := rune(0); r <= 0xFFFF; r++ {
			if r >= 0xD800 && r <= 0xDFFF {
				continue // not encodable; their bytes are among the pairs below
			}
			n := len(all)
			all = utf8.AppendRune(all, r)
			if !alreadyClean(string(all[n:]), multiline) {
				all = all[:n]
			}
		}
		if !alreadyClean(string(astral), multiline) {
			t.Errorf("multiline %v: a code point past the first plane is not taken as clean", multiline)
		}
		all = append(all, astral...)
		if s := string(all); strip(s, multiline) != s {
			for _, r := range s {
				if got := strip(string(r), multiline); got != string(r) {
					t.Errorf("multiline %v: %U is taken as clean, but cleaning gives %q", multiline, r, got)
				}
			}
		}
		// Bytes and pairs of bytes: invalid UTF-8, and surrogates' first bytes.
		for a := range 256 {
			for b := range 257 {
				s := string([]byte{byte(a), byte(b)})
				if b == 256 {
					s = string([]byte{byte(a)})
				}
				if alreadyClean(s, multiline) && strip(s, multiline) != s {
					t.Errorf("multiline %v: %q is taken as clean, but cleaning gives %q", multiline, s, strip(s, multiline))
				}
			}
		}
		// The shortcut is taken for the texts it exists for.
		for _, s := range []string{"Хтось запропонував Вам роботу?", "Vă rugăm, ședeți", "مرحبا \u200fبك", "👩\u200d👧"} {
			if !alreadyClean(s, multiline) {
				t.Errorf("%q is not taken as clean", s)
			}
		}
	}
	if alreadyClean("a\nb", false) || !alreadyClean("a\nb", true) || alreadyClean("a\u2028b", true) {
		t.Errorf("line breaks are misjudged")
	}
}
