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
			p, _, bad := rawControlAt([]byte(c.in))
			if !bad || p.Line != c.line || p.Col != c.col {
				t.Fatalf("rawControlAt(%q) = %d:%d (found %v), want %d:%d", c.in, p.Line, p.Col, bad, c.line, c.col)
			}
		})
	}
	if _, _, bad := rawControlAt([]byte("a: \"\\x01 escaped is fine\"\r\n\tb: ü\n")); bad {
		t.Fatal("a file without raw control characters was reported")
	}
}
