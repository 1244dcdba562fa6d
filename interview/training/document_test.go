package training

import (
	"fmt"
	"strings"
	"testing"
	"unicode"

	"github.com/earlyid/earlyid/textsafe"
)

// TestTextTableCleansEveryCell: a table whose texts carry escape sequences, control
// characters and bidi overrides, some cut mid-sequence or mid-letter (a guideline is a
// third party's file), is written exactly
// as the same table with those texts cleaned beforehand, in each of its three layouts
// (as it is, first column shortened, lettered and split): nothing reaches the terminal,
// and the columns are measured on what is printed, not on the bytes removed.
func TestTextTableCleansEveryCell(t *testing.T) {
	t.Parallel()
	dirty := []string{
		"\x1b[31mred\x1b[0m question", "title\x1b]0;pwned\x07 set", "tab\there\nand a line",
		"bidi \u202Eevil\u202C text", "Україна\x1b[2J cleared", "del\x7f and c1 \u0085 gone",
	}
	long := strings.Repeat("a long question text that fills the first column ", 2)
	for _, tt := range []struct {
		name       string
		cols       int
		firstCell  string
		wantInText string
	}{
		{"fits", 2, "", ""},
		{"first column shortened", 3, long, "…"},
		{"lettered and split", 14, long, "\n  A  "},
	} {
		t.Run(tt.name, func(t *testing.T) {
			tb := &table{Head: []string{"\x1b[1mquestion\x1b[0m"}, Right: []bool{false}}
			for c := range tt.cols {
				tb.Head = append(tb.Head, fmt.Sprintf("group %d %s", c, dirty[c%len(dirty)]))
				tb.Right = append(tb.Right, true)
			}
			for i, d := range dirty {
				row := []string{tt.firstCell + d}
				for c := range tt.cols {
					row = append(row, fmt.Sprintf("%d (%d%%) %s", i+c, 10*c, dirty[(i+c)%len(dirty)][:3]))
				}
				tb.Rows = append(tb.Rows, row)
			}
			clean := &table{Right: tb.Right}
			for _, h := range tb.Head {
				clean.Head = append(clean.Head, textsafe.Line(h))
			}
			for _, r := range tb.Rows {
				var cr []string
				for _, s := range r {
					cr = append(cr, textsafe.Line(s))
				}
				clean.Rows = append(clean.Rows, cr)
			}
			var got, want strings.Builder
			textTable(&got, tb, textWidth)
			textTable(&want, clean, textWidth)
			if got.String() != want.String() {
				t.Errorf("the table with escapes is written\n%s\nand the cleaned one\n%s", got.String(), want.String())
			}
			for i, line := range strings.Split(got.String(), "\n") {
				if n := len([]rune(line)); n > textWidth {
					t.Errorf("line %d has %d characters: %q", i+1, n, line)
				}
				for _, r := range line {
					if unicode.IsControl(r) || r == '\u202E' {
						t.Errorf("line %d holds %U: %q", i+1, r, line)
						break
					}
				}
			}
			if !strings.Contains(got.String(), tt.wantInText) {
				t.Errorf("the layout %q lacks %q:\n%s", tt.name, tt.wantInText, got.String())
			}
			if tb.Head[0] != "\x1b[1mquestion\x1b[0m" {
				t.Errorf("the caller's table was changed: %q", tb.Head[0])
			}
		})
	}
}
