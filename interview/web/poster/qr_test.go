package poster

import (
	"bytes"
	"errors"
	"regexp"
	"strings"
	"testing"
)

// sgr matches the colour sequences WriteTerminal may write.
var sgr = regexp.MustCompile("\x1b\\[[0-9;]*m")

// parseTerminal reads a code drawn with half blocks back into rows of modules (true =
// dark), two to a line: what a phone's camera sees on the screen, given that dark is the
// ink (the glyphs) on the light ground.
func parseTerminal(t *testing.T, out string) [][]bool {
	t.Helper()
	var rows [][]bool
	for _, line := range strings.Split(strings.TrimSuffix(sgr.ReplaceAllString(out, ""), "\n"), "\n") {
		var top, bottom []bool
		for _, r := range line {
			switch r {
			case ' ':
				top, bottom = append(top, false), append(bottom, false)
			case '▀':
				top, bottom = append(top, true), append(bottom, false)
			case '▄':
				top, bottom = append(top, false), append(bottom, true)
			case '█':
				top, bottom = append(top, true), append(bottom, true)
			default:
				t.Fatalf("the terminal code has %q, which is not a half block:\n%s", r, out)
			}
		}
		rows = append(rows, top, bottom)
	}
	return rows
}

// The code printed in the terminal, read back from its half blocks as a phone sees it,
// opens the address; it has the quiet zone around it that lets a camera find it; and in
// colour every line paints its own black on white, so that a dark terminal does not show
// it inverted.
func TestTerminalCodeOpensTheAddress(t *testing.T) {
	for _, url := range []string{"http://192.168.1.20:8080/", "https://selfcheck.example.md/"} {
		code, err := Encode(url)
		if err != nil {
			t.Fatal(err)
		}
		for _, color := range []bool{false, true} {
			var buf bytes.Buffer
			if err := code.WriteTerminal(&buf, color); err != nil {
				t.Fatal(err)
			}
			out := buf.String()
			rows := parseTerminal(t, out)
			if got := decodeQR(t, modulesImage(rows, 6)); got != url {
				t.Errorf("color %v: the terminal's code opens %q, want %q", color, got, url)
			}
			side := code.Size() + 2*QuietZone
			if len(rows) < side || len(rows[0]) != side {
				t.Fatalf("color %v: the terminal's code is %d×%d modules, want %d×%d", color, len(rows[0]), len(rows), side, side)
			}
			for y, row := range rows {
				for x, dark := range row {
					inZone := x < QuietZone || y < QuietZone || x >= side-QuietZone || y >= side-QuietZone
					if inZone && dark {
						t.Fatalf("color %v: module %d,%d of the quiet zone is dark:\n%s", color, x, y, out)
					}
				}
			}
			for _, line := range strings.SplitAfter(strings.TrimSuffix(out, "\n"), "\n") {
				painted := strings.HasPrefix(line, sgrPaper) && strings.HasSuffix(strings.TrimSuffix(line, "\n"), sgrReset)
				if color != painted {
					t.Fatalf("color %v: a line paints its own colours: %v, want %v: %q", color, painted, color, line)
				}
			}
		}
	}
}

// An address too long for any QR code is refused with an error, not drawn as a code that
// opens something else.
func TestEncodeRefusesAnAddressTooLongForACode(t *testing.T) {
	_, err := Encode("https://selfcheck.example.md/" + strings.Repeat("x", 3000))
	if err == nil {
		t.Fatal("a 3 kB address was made into a QR code")
	}
	if errors.Unwrap(err) == nil {
		t.Errorf("the error does not wrap the QR library's reason: %v", err)
	}
}
