package poster

import (
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/interview/summary"
	"github.com/earlyid/earlyid/locales"
)

// Languages are the poster's languages, in the order it shows them: Ukrainian first, since
// most of the people crossing into Moldova are Ukrainian, then Russian, which many of them
// and many others on the move read, then Romanian and English.
var Languages = []string{"uk", "ru", "ro", "en"}

// Hotline is a number to call, with the service's name in the poster's languages.
type Hotline struct {
	Number string
	// Names holds the name in each of Languages, in that order, without repeats (a
	// guideline without Russian gives its English name once, not twice).
	Names []string
}

// phoneNumber is a contact written as a number to dial: at least three digits, with
// spaces, dashes, dots or brackets between them, and a leading + for an international one.
var phoneNumber = regexp.MustCompile(`^\+?\(?[0-9][0-9 ().-]*[0-9]$`)

// dialable reports whether contact is a phone number (see phoneNumber): "12" is a typing
// slip, not a service.
func dialable(contact string) bool {
	digits := 0
	for _, r := range contact {
		if r >= '0' && r <= '9' {
			digits++
		}
	}
	return digits >= 3 && phoneNumber.MatchString(contact)
}

// Hotlines returns the guideline's referrals that have a real phone number, in the
// guideline's order (emergency first in the built-in one), each number once. A contact the
// deploying organisation has still to fill in ("TO BE FILLED …"), or one that is an address
// or a name rather than a number, is left out: a poster must never send a person to a
// number that does not exist.
func Hotlines(g *guidelines.Guideline) []Hotline {
	var out []Hotline
	for _, r := range g.Referrals {
		n := strings.TrimSpace(r.Contact)
		if r.ContactPending || !dialable(n) || slices.ContainsFunc(out, func(h Hotline) bool { return h.Number == n }) {
			continue
		}
		h := Hotline{Number: n}
		for _, lang := range Languages {
			if name := r.Name.Plain(lang); !slices.Contains(h.Names, name) {
				h.Names = append(h.Names, name)
			}
		}
		out = append(out, h)
	}
	return out
}

// pdfEpoch is the fixed creation date of every poster, so that the same address and
// guideline always give the same bytes.
var pdfEpoch = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// Page geometry, in millimetres (A4 portrait), and type sizes, in points. The titles and
// the numbers are read from a few metres away; the sentences from close by, once the
// title has made someone step nearer. The code gets what is left, about 10 cm for a usual
// address (25 to 33 modules of 3 to 4 mm): from 2 m, a phone camera of 12 megapixels sees
// such a module over 5 to 7 pixels, enough for it to read the code.
const (
	margin      = 14.0
	codeMaxSide = 150.0 // the code with its quiet zone
	codeMinSide = 90.0  // below this, the last hotlines give way to the code
	gap         = 4.0
	titleSize   = 30.0
	subSize     = 18.0
	urlSize     = 16.0
	aboutSize   = 10.0
	aboutLine   = 4.5
	headSize    = 10.0
	numberSize  = 22.0
	nameSize    = 8.5
	nameLine    = 3.7
	perRow      = 3 // hotlines side by side
)

// Colours: a dark slate for the text, the calm colour of a public-service notice, on
// white; the code itself is pure black, for the camera.
var (
	ink   = rgb{33, 43, 54}
	muted = rgb{84, 96, 110}
	panel = rgb{236, 241, 245}
)

type rgb [3]int

// WritePDF writes the poster for the self-check at url, with the hotline numbers of g: an
// A4 page to print and hang where people on the move wait.
//
// What a person can safely be seen reading: the poster hangs where a recruiter or a
// controlling "companion" may stand next to the person reading it, and may ask what it is.
// So its large text is a calm, everyday question about the journey ("У дорозі все
// гаразд?"), like a travel notice, and nowhere does it name a crime or a victim: not in the
// title, not in the sentence on what the check is, not in the services (their names only,
// never the guideline's descriptions of them, which do). Nothing on it asks the reader to
// do anything in front of others but photograph a code, which people do for a timetable or
// a Wi-Fi password. The numbers are printed too, for a person who would rather not open a
// page on the phone they carry, or has none.
func WritePDF(w io.Writer, g *guidelines.Guideline, url string) error {
	code, err := Encode(url)
	if err != nil {
		return err
	}
	// The message id comes first, as in Localizer.T, so that the locales test finds it.
	text := func(id, lang string) string { return locales.New(lang).T(id, nil) }
	p, err := summary.NewA4(text("poster.title", Languages[0]), Languages[0], pdfEpoch, margin, margin, margin)
	if err != nil {
		return fmt.Errorf("the poster could not be made: %w", err) // i18n:ignore: Go error, localized by callers
	}
	p.SetAutoPageBreak(false, 0)
	p.AddPage()
	pageW, pageH := p.GetPageSize()
	width := pageW - 2*margin
	hotlines := Hotlines(g)

	// From the top: the titles, the first and largest in Ukrainian, each on one line.
	y := margin
	for i, lang := range Languages {
		if i == 0 {
			y += centredLine(p, text("poster.title", lang), "B", titleSize, width, y, ink) + 2
		} else {
			y += centredLine(p, text("poster.title", lang), "", subSize, width, y, ink) + 0.5
		}
	}
	// From the bottom: the hotlines, and above them what the check is. The code and its
	// address take the room left between. A guideline with so many numbers that the code
	// would shrink below codeMinSide keeps its first ones (the emergency number first):
	// a code too small to scan from a step away would leave the poster useless.
	bottom := pageH - margin
	aboutH := aboutHeight(p, text, width)
	urlH := urlSize * 0.45
	var hotTop, aboutTop, room float64
	for {
		hotTop = bottom - hotlinesHeight(p, hotlines, width)
		aboutTop = hotTop - gap - aboutH
		room = aboutTop - gap - urlH - y
		if room >= codeMinSide || len(hotlines) == 0 {
			break
		}
		hotlines = hotlines[:len(hotlines)-1]
	}
	side := min(codeMaxSide, width, room)
	y += (room - side) / 2
	drawCode(p, code, (pageW-side)/2, y, side)
	centredLine(p, url, "B", urlSize, width, y+side, ink)
	drawAbout(p, text, aboutTop, width)
	drawHotlines(p, text, hotlines, hotTop, width)

	if err := p.Output(w); err != nil {
		return fmt.Errorf("the poster could not be written: %w", err) // i18n:ignore: Go error, localized by callers
	}
	return nil
}

// centredLine writes s centred on one line across the page's width w at y, in size points
// or smaller until it fits, and returns the line's height.
func centredLine(p *fpdf.Fpdf, s, style string, size, w, y float64, c rgb) float64 {
	for p.SetFont(summary.PDFFont, style, size); size > 6 && p.GetStringWidth(s) > w; p.SetFont(summary.PDFFont, style, size) {
		size -= 0.5
	}
	h := size * 0.45
	p.SetTextColor(c[0], c[1], c[2])
	p.SetXY(margin, y)
	p.CellFormat(w, h, s, "", 0, "C", false, 0, "")
	return h
}

// drawCode draws the code with its quiet zone in a square of side box at (x, y): the dark
// modules as one filled path of runs, each reaching a hair into the row below, so that no
// viewer or printer leaves hairline seams between neighbouring modules, which can break a
// scan.
func drawCode(p *fpdf.Fpdf, c *Code, x, y, box float64) {
	m := box / float64(c.Size()+2*QuietZone)
	x0, y0 := x+QuietZone*m, y+QuietZone*m
	p.SetFillColor(0, 0, 0)
	for row := range c.Size() {
		for col := 0; col < c.Size(); col++ {
			if !c.Dark(col, row) {
				continue
			}
			end := col + 1
			for end < c.Size() && c.Dark(end, row) {
				end++
			}
			rx, ry, rw, rh := x0+float64(col)*m, y0+float64(row)*m, float64(end-col)*m, m
			if row+1 < c.Size() {
				rh += m / 50
			}
			p.MoveTo(rx, ry)
			p.LineTo(rx+rw, ry)
			p.LineTo(rx+rw, ry+rh)
			p.LineTo(rx, ry+rh)
			p.ClosePath()
			col = end
		}
	}
	p.DrawPath("F")
}

// aboutHeight is the height drawAbout takes.
func aboutHeight(p *fpdf.Fpdf, text func(id, lang string) string, w float64) float64 {
	p.SetFont(summary.PDFFont, "", aboutSize)
	h := 0.0
	for _, lang := range Languages {
		h += float64(len(p.SplitText(text("poster.about", lang), w)))*aboutLine + 1.5
	}
	return h
}

// drawAbout writes the sentence on what the check is in every language, a centred paragraph
// each.
func drawAbout(p *fpdf.Fpdf, text func(id, lang string) string, y, w float64) {
	p.SetFont(summary.PDFFont, "", aboutSize)
	p.SetTextColor(ink[0], ink[1], ink[2])
	for _, lang := range Languages {
		p.SetXY(margin, y)
		p.MultiCell(w, aboutLine, text("poster.about", lang), "", "C", false)
		y = p.GetY() + 1.5
	}
}

// hotlineColumn is the width of one hotline's column.
func hotlineColumn(n int, w float64) float64 { return (w - 8) / float64(min(n, perRow)) }

// hotlineRows splits the hotlines into the rows of the panel, perRow to a row, with the
// height of each: its tallest number and names.
func hotlineRows(p *fpdf.Fpdf, hs []Hotline, w float64) (rows [][]Hotline, heights []float64) {
	p.SetFont(summary.PDFFont, "", nameSize)
	colW := hotlineColumn(len(hs), w)
	for i := 0; i < len(hs); i += perRow {
		row := hs[i:min(i+perRow, len(hs))]
		h := 0.0
		for _, x := range row {
			lines := 0
			for _, n := range x.Names {
				lines += len(p.SplitText(n, colW-2))
			}
			h = max(h, float64(lines)*nameLine)
		}
		rows, heights = append(rows, row), append(heights, numberSize*0.45+1.5+h+3)
	}
	return rows, heights
}

// hotlinesHeight is the height drawHotlines takes: 0 without a hotline, since a panel
// headed "where to call" with no number in it would only puzzle.
func hotlinesHeight(p *fpdf.Fpdf, hs []Hotline, w float64) float64 {
	if len(hs) == 0 {
		return 0
	}
	_, heights := hotlineRows(p, hs, w)
	h := 11.0 // the heading
	for _, x := range heights {
		h += x
	}
	return h
}

// drawHotlines draws the panel of numbers at the foot of the page: the heading "where to
// call" in every language, then each hotline in its column, its number large and its names
// under it.
func drawHotlines(p *fpdf.Fpdf, text func(id, lang string) string, hs []Hotline, y, w float64) {
	if len(hs) == 0 {
		return
	}
	p.SetFillColor(panel[0], panel[1], panel[2])
	p.RoundedRect(margin, y, w, hotlinesHeight(p, hs, w), 3, "1234", "F")
	var heads []string
	for _, lang := range Languages {
		heads = append(heads, text("poster.hotlines", lang))
	}
	centredLine(p, strings.Join(heads, "  ·  "), "B", headSize, w, y+4, muted)
	y += 11
	rows, heights := hotlineRows(p, hs, w)
	colW := hotlineColumn(len(hs), w)
	for i, row := range rows {
		x := margin + 4 + (w-8-colW*float64(len(row)))/2
		for _, h := range row {
			numberLine(p, h.Number, x, y, colW)
			p.SetFont(summary.PDFFont, "", nameSize)
			p.SetTextColor(muted[0], muted[1], muted[2])
			p.SetXY(x+1, y+numberSize*0.45+1.5)
			for _, n := range h.Names {
				p.SetX(x + 1)
				p.MultiCell(colW-2, nameLine, n, "", "C", false)
			}
			x += colW
		}
		y += heights[i]
	}
}

// numberLine writes a hotline's number centred in its column, smaller if it would not fit.
func numberLine(p *fpdf.Fpdf, number string, x, y, w float64) {
	size := numberSize
	for p.SetFont(summary.PDFFont, "B", size); size > 10 && p.GetStringWidth(number) > w-4; p.SetFont(summary.PDFFont, "B", size) {
		size -= 1
	}
	p.SetTextColor(ink[0], ink[1], ink[2])
	p.SetXY(x, y)
	p.CellFormat(w, numberSize*0.45, number, "", 0, "C", false, 0, "")
}
