package training

import "testing"

// TestCSVCellIsNoFormula: a value from a session file that a spreadsheet would run as a
// formula is written as text; every other value, numbers included, as it is.
func TestCSVCellIsNoFormula(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`=HYPERLINK("http://x","click")`, `'=HYPERLINK("http://x","click")`},
		{"+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"},
		{"-2+3", "'-2+3"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\t=1", " =1"}, // the sanitizer makes the tab a space, and a spreadsheet reads it as text
		{"mixed-flows-md", "mixed-flows-md"},
		{"profile=*other", "profile=*other"},
		{"12", "12"}, {"-1.5", "-1.5"}, {"", ""},
	} {
		got := csvCell(tc.in)
		if got != tc.want {
			t.Errorf("csvCell(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
