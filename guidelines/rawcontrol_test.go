package guidelines

import "testing"

// A control character typed into a file is reported where an editor shows it, whatever
// line breaks the file uses: YAML counts CR, CRLF, NEL, LS and PS as line breaks, and a
// position counted differently would point an author at the wrong place.
func TestRawControlPositionFollowsYAMLLineBreaks(t *testing.T) {
	cases := []struct {
		name      string
		in        string
		line, col int
	}{
		{"LF", "a: 1\nb: \x01", 2, 4},
		{"CR alone", "\r\x01", 2, 1},
		{"CRLF counts once", "a: 1\r\nb: \x7f", 2, 4},
		{"NEL", "a\u0085\x02", 2, 1},
		{"LS and PS", "a\u2028b\u2029cc\x03", 3, 3},
		{"tab is allowed and takes a column", "\tx\x04", 1, 3},
		{"Cyrillic counts one column per letter", "ключ: \x05", 1, 7},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, p, _ := precheck([]byte(c.in))
			if code != "control_char" || p.Line != c.line || p.Col != c.col {
				t.Fatalf("precheck(%q) = %q at %d:%d, want control_char at %d:%d", c.in, code, p.Line, p.Col, c.line, c.col)
			}
		})
	}
	if code, _, _ := precheck([]byte("a: \"\\x01 escaped is fine\"\r\n\tb: ü\n")); code != "" {
		t.Fatalf("a file without raw control characters was reported as %s", code)
	}
	// One pass looks for both: a file that is binary further down is binary, even when a
	// control character comes first.
	if code, p, _ := precheck([]byte("a: \x01\nb: \xff\n")); code != "binary" || p != (Pos{Line: 2, Col: 4}) {
		t.Fatalf("precheck of a binary file with an earlier control character = %s at %v, want binary at 2:4", code, p)
	}
}
