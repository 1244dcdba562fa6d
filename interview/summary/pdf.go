package summary

import (
	"embed"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"codeberg.org/go-pdf/fpdf"
)

// fonts holds DejaVu Sans and DejaVu Sans Bold (see fonts/LICENSE): they cover Latin with
// the Romanian diacritics (ș ț ă â î, comma-below forms included) and Cyrillic, and only
// the glyphs used are embedded in each PDF.
//
//go:embed fonts/DejaVuSans.ttf fonts/DejaVuSans-Bold.ttf
var fonts embed.FS

// Page geometry in millimetres (A4 portrait).
const (
	pdfMarginX      = 18.0
	pdfMarginTop    = 22.0
	pdfMarginBottom = 18.0
	pdfIndent       = 5.5 // one list level
	pdfFont         = "DejaVu"
	pdfSize         = 9.5 // body text, points
	pdfLine         = 4.6 // body line height, mm
)

// PDFFont is the font family NewA4 registers, in regular ("") and bold ("B") styles.
const PDFFont = pdfFont

// TrainingBand draws the training banner as a red band across the top of the page, white
// on red, as every PDF of a fictional case has it (the summary, the role card, the answer
// key); nothing when banner is "". It leaves the text colour white: the caller sets its own.
func TrainingBand(p *fpdf.Fpdf, banner string) {
	if banner == "" {
		return
	}
	pageW, _ := p.GetPageSize()
	p.SetFillColor(164, 0, 29)
	p.SetTextColor(255, 255, 255)
	p.SetFont(pdfFont, "B", 10)
	p.SetXY(0, 0)
	p.CellFormat(pageW, 9, banner, "", 0, "C", true, 0, "")
}

// Footer writes text, small and grey, centred at the foot of the page: the page number of
// every PDF earlyid writes, with the training banner before it on a fictional case's. A
// footer function calls it; "{nb}" in text becomes the number of pages.
func Footer(p *fpdf.Fpdf, text string) {
	p.SetY(-12)
	p.SetTextColor(90, 90, 90)
	p.SetFont(pdfFont, "", 7.5)
	p.CellFormat(0, 5, text, "", 0, "C", false, 0, "")
	p.SetTextColor(0, 0, 0)
}

// NewA4 returns an A4 portrait document with the embedded fonts registered and the
// metadata set so that the same content always gives the same bytes (a fixed date, a
// sorted catalogue). Every PDF earlyid writes starts here, so the fonts live in one place.
func NewA4(title, lang string, created time.Time, marginX, marginTop, marginBottom float64) (*fpdf.Fpdf, error) {
	regular, err := fonts.ReadFile("fonts/DejaVuSans.ttf")
	if err != nil {
		return nil, fmt.Errorf("the PDF fonts could not be read: %w", err) // i18n:ignore: Go error, localized by callers
	}
	boldTTF, err := fonts.ReadFile("fonts/DejaVuSans-Bold.ttf")
	if err != nil {
		return nil, fmt.Errorf("the PDF fonts could not be read: %w", err) // i18n:ignore: Go error, localized by callers
	}
	p := fpdf.New("P", "mm", "A4", "")
	p.SetMargins(marginX, marginTop, marginX)
	p.SetAutoPageBreak(true, marginBottom)
	p.AddUTF8FontFromBytes(pdfFont, "", regular)
	p.AddUTF8FontFromBytes(pdfFont, "B", boldTTF)
	p.SetCreationDate(created)
	p.SetModificationDate(created)
	p.SetCatalogSort(true)
	p.SetTitle(title, true)
	p.SetCreator("earlyid", true)
	p.SetLang(lang)
	p.AliasNbPages("{nb}")
	return p, nil
}

// WritePDF writes the summary as an A4 PDF with embedded fonts, page numbers, and — for a
// training case — the training marking at the top of every page.
func (s *Summary) WritePDF(w io.Writer) error {
	l := s.localizer()
	p, err := NewA4(s.Title(), s.Lang, s.Generated, pdfMarginX, pdfMarginTop, pdfMarginBottom)
	if err != nil {
		return fmt.Errorf("the PDF summary could not be made: %w", err) // i18n:ignore: Go error, localized by callers
	}

	pageW, pageH := p.GetPageSize()
	banner := s.TrainingBanner()
	header := s.Title()
	p.SetHeaderFunc(func() {
		TrainingBand(p, banner)
		p.SetTextColor(90, 90, 90)
		p.SetFont(pdfFont, "", 7.5)
		p.SetXY(pdfMarginX, 11)
		p.CellFormat(pageW-2*pdfMarginX, 4, header, "", 0, "R", false, 0, "")
		p.SetTextColor(0, 0, 0)
		p.SetXY(pdfMarginX, pdfMarginTop)
	})
	p.SetFooterFunc(func() {
		footer := l.T("summary.page", map[string]any{"Page": p.PageNo(), "Total": "{nb}"})
		if banner != "" {
			footer = banner + "  ·  " + footer
		}
		Footer(p, footer)
	})
	p.AddPage()

	// needRoom starts a new page when less than h millimetres are left, so a heading or a
	// list item is not left alone at the bottom of a page.
	needRoom := func(h float64) {
		if p.GetY()+h > pageH-pdfMarginBottom {
			p.AddPage()
		}
	}
	spans := func(sp []span, size float64) {
		for _, x := range sp {
			style := ""
			if x.Bold {
				style = "B"
			}
			p.SetFont(pdfFont, style, size)
			for _, piece := range pdfPieces(oneLine(x.Text)) {
				p.Write(size*0.48, piece)
			}
		}
		p.SetFont(pdfFont, "", pdfSize)
	}
	var items func(its []item, ordered bool, level int)
	items = func(its []item, ordered bool, level int) {
		left := pdfMarginX + float64(level+1)*pdfIndent
		for i, it := range its {
			needRoom(2 * pdfLine)
			p.SetFont(pdfFont, "", pdfSize)
			marker := "•"
			if level > 0 {
				marker = "–"
			}
			if ordered {
				marker = itoa(i+1) + "."
			}
			y := p.GetY()
			p.SetXY(left-pdfIndent, y)
			p.CellFormat(pdfIndent-0.8, pdfLine, marker, "", 0, "R", false, 0, "")
			p.SetLeftMargin(left)
			p.SetXY(left, y)
			spans(it.Spans, pdfSize)
			p.Ln(pdfLine + 0.6)
			p.SetLeftMargin(pdfMarginX)
			if len(it.Sub) > 0 {
				items(it.Sub, false, level+1)
			}
		}
	}

	for _, bl := range s.layout() {
		switch bl.Kind {
		case blockTitle:
			p.SetFont(pdfFont, "B", 16)
			p.MultiCell(0, 7.5, oneLine(spanText(bl.Spans)), "", "L", false)
			p.Ln(2)
		case blockBanner:
			// Shown at the top of every page by the header.
		case blockFields:
			labelW := 0.0
			p.SetFont(pdfFont, "B", pdfSize)
			for _, f := range bl.Fields {
				labelW = max(labelW, p.GetStringWidth(f.Label+":"))
			}
			labelW = min(labelW+4, 62)
			for _, f := range bl.Fields {
				needRoom(pdfLine)
				y := p.GetY()
				p.SetFont(pdfFont, "B", pdfSize)
				p.SetXY(pdfMarginX, y)
				p.MultiCell(labelW, pdfLine, f.Label+":", "", "L", false)
				yLabel := p.GetY()
				p.SetFont(pdfFont, "", pdfSize)
				p.SetXY(pdfMarginX+labelW, y)
				p.MultiCell(0, pdfLine, oneLine(f.Value), "", "L", false)
				p.SetY(max(p.GetY(), yLabel))
			}
			p.Ln(1.5)
		case blockHeading:
			needRoom(8 + 3*pdfLine)
			p.Ln(3)
			p.SetFont(pdfFont, "B", 12)
			p.MultiCell(0, 6, oneLine(spanText(bl.Spans)), "", "L", false)
			y := p.GetY() + 0.5
			p.SetDrawColor(140, 140, 140)
			p.SetLineWidth(0.3)
			p.Line(pdfMarginX, y, pageW-pdfMarginX, y)
			p.SetY(y + 2)
		case blockPara:
			needRoom(pdfLine)
			p.SetX(pdfMarginX)
			spans(bl.Spans, pdfSize)
			p.Ln(pdfLine + 1.5)
		case blockNotice:
			style := ""
			if len(bl.Spans) > 0 && bl.Spans[0].Bold {
				style = "B"
			}
			p.SetFont(pdfFont, style, pdfSize)
			text := oneLine(spanText(bl.Spans))
			w := pageW - 2*pdfMarginX
			h := float64(len(p.SplitText(text, w-6)))*pdfLine + 3
			needRoom(h + 2)
			p.Ln(1)
			y := p.GetY()
			p.SetFillColor(251, 243, 244)
			p.Rect(pdfMarginX, y, w, h, "F")
			p.SetFillColor(164, 0, 29)
			p.Rect(pdfMarginX, y, 1.2, h, "F")
			p.SetXY(pdfMarginX+4, y+1.5)
			p.MultiCell(w-6, pdfLine, text, "", "L", false)
			p.SetY(y + h + 2)
		case blockList:
			items(bl.Items, bl.Ordered, 0)
			p.Ln(1)
		case blockQuote:
			p.SetFont(pdfFont, "", pdfSize)
			p.SetDrawColor(150, 150, 150)
			p.SetLineWidth(0.6)
			for _, line := range bl.Lines {
				line = strings.TrimSpace(line)
				if line == "" {
					p.Ln(pdfLine / 2)
					continue
				}
				needRoom(pdfLine)
				y := p.GetY()
				p.SetX(pdfMarginX + pdfIndent)
				p.MultiCell(0, pdfLine, line, "", "L", false)
				p.Line(pdfMarginX+2, y, pdfMarginX+2, p.GetY())
			}
			p.Ln(1.5)
		}
	}
	if err := p.Error(); err != nil {
		return fmt.Errorf("the PDF summary could not be made: %w", err) // i18n:ignore: Go error, localized by callers
	}
	if err := p.Output(w); err != nil {
		return fmt.Errorf("the PDF summary could not be written: %w", err) // i18n:ignore: Go error, localized by callers
	}
	return nil
}

// spanText joins spans' text (for blocks drawn in one style).
func spanText(spans []span) string {
	var b strings.Builder
	for _, sp := range spans {
		b.WriteString(sp.Text)
	}
	return b.String()
}

// pdfPiece is the most runes pdfPieces hands to fpdf's Write at once.
const pdfPiece = 128

// pdfPieces cuts a long text into pieces of at most pdfPiece runes, each ending after a
// space where there is one. fpdf's Write converts its whole text to runes again for every
// character it reads, so one call takes time in the square of the text's length (a 100 KB
// note took 76 s); pieces keep it linear. The wrapping does not change: Write goes on
// where the last piece ended and moves a first word that does not fit to the next line,
// where the whole text would have broken the line at the space before it. A text of at
// most pdfPiece runes is one piece, so a usual summary is written as before.
func pdfPieces(s string) []string {
	if len(s) <= pdfPiece { // bytes ≥ runes: short enough
		return []string{s}
	}
	var out []string
	for s != "" {
		end, runes, lastSpace := 0, 0, -1
		for end < len(s) && runes < pdfPiece {
			_, size := utf8.DecodeRuneInString(s[end:])
			if s[end] == ' ' {
				lastSpace = end + 1
			}
			end += size
			runes++
		}
		if end < len(s) && lastSpace > 0 {
			end = lastSpace
		}
		out = append(out, s[:end])
		s = s[end:]
	}
	return out
}
