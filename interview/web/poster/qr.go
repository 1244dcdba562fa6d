// Package poster is how people find the phone self-check (earlyid serve): an A4 poster for
// a wall at a border crossing, on a bus, in a shelter, with a QR code of the self-check's
// address, the hotline numbers and one sentence in each of the four languages; and the same
// QR code drawn in the specialist's terminal when the server starts, for a tablet or a phone
// in the same room.
package poster

import (
	"bufio"
	"fmt"
	"io"

	qr "github.com/piglig/go-qr"
)

// QuietZone is the light margin around a QR code, in modules: the four the standard asks for,
// without which a phone's camera may not find the code's edge against whatever surrounds it.
const QuietZone = 4

// Code is the QR code of one address: a square of dark and light modules, without the quiet
// zone.
type Code struct {
	size int
	dark []bool // row by row
}

// Encode returns the QR code of url. The error correction is at least medium (15% of the
// code may be lost) and raised as far as the same size allows, since a poster on a wall
// gets dirty, creased and partly covered.
func Encode(url string) (*Code, error) {
	q, err := qr.EncodeText(url, qr.Medium)
	if err != nil {
		return nil, fmt.Errorf("the address %q cannot be made into a QR code: %w", url, err) // i18n:ignore: Go error, localized by callers
	}
	c := &Code{size: q.Size(), dark: make([]bool, q.Size()*q.Size())}
	for y := range c.size {
		for x := range c.size {
			c.dark[y*c.size+x] = q.Module(x, y)
		}
	}
	return c, nil
}

// Size returns the number of modules on a side, without the quiet zone.
func (c *Code) Size() int { return c.size }

// Dark reports whether the module in column x, row y is dark; outside the code (in the
// quiet zone) it is light.
func (c *Code) Dark(x, y int) bool {
	return x >= 0 && y >= 0 && x < c.size && y < c.size && c.dark[y*c.size+x]
}

// Terminal colours: black ink on bright white paper.
const (
	sgrPaper = "\x1b[30;107m"
	sgrReset = "\x1b[0m"
)

// WriteTerminal draws the code with its quiet zone in text, two rows of modules to a line
// with the half blocks ▀ ▄ █, so that its modules are square in a terminal's cells.
//
// A phone reads dark modules on a light ground. A terminal's own colours may be either way
// round, and a code drawn with the glyphs as ink comes out inverted on a dark terminal,
// which many phone cameras do not read. So, with color, every line sets black ink on a
// white ground itself (SGR 30 and 107), the quiet zone included, and the code reads the
// same on a dark and a light terminal. Without color (NO_COLOR, or output that is not a
// terminal), the glyphs are the dark modules: right on paper, in a file and on a light
// terminal.
func (c *Code) WriteTerminal(w io.Writer, color bool) error {
	bw := bufio.NewWriter(w)
	n := c.size + 2*QuietZone
	for y := 0; y < n; y += 2 {
		if color {
			bw.WriteString(sgrPaper)
		}
		for x := range n {
			top := c.Dark(x-QuietZone, y-QuietZone)
			bottom := y+1 < n && c.Dark(x-QuietZone, y+1-QuietZone)
			switch {
			case top && bottom:
				bw.WriteString("█")
			case top:
				bw.WriteString("▀")
			case bottom:
				bw.WriteString("▄")
			default:
				bw.WriteByte(' ')
			}
		}
		if color {
			bw.WriteString(sgrReset)
		}
		bw.WriteByte('\n')
	}
	return bw.Flush()
}
