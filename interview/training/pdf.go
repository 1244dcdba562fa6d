package training

import (
	"fmt"
	"io"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/earlyid/earlyid/interview/summary"
	"github.com/earlyid/earlyid/textsafe"
)

const (
	pdfFont    = summary.PDFFont
	pdfMarginX = 18.0
	pdfTop     = 20.0
	pdfBottom  = 18.0
	pdfSize    = 10.0
	pdfLine    = 5.0
)

// pdfEpoch is the fixed creation date of every briefing PDF, so that the same briefing
// always gives the same bytes.
var pdfEpoch = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// trainingPDF starts an A4 PDF whose every page has the training banner (when banner is not
// "") across its top and the banner and page number at its foot, on its first page.
func trainingPDF(title, lang, banner string) (*fpdf.Fpdf, error) {
	p, err := summary.NewA4(title, lang, pdfEpoch, pdfMarginX, pdfTop, pdfBottom)
	if err != nil {
		return nil, err
	}
	p.SetHeaderFunc(func() {
		if banner != "" {
			summary.TrainingBand(p, banner)
			p.SetTextColor(0, 0, 0)
		}
		p.SetXY(pdfMarginX, pdfTop)
	})
	p.SetFooterFunc(func() {
		summary.Footer(p, strings.TrimLeft(fmt.Sprintf("%s  ·  %d/{nb}", banner, p.PageNo()), " ·"))
	})
	p.AddPage()
	return p, nil
}

// WritePDF writes the briefing as an A4 PDF with embedded fonts and the training marking
// at the top and bottom of every page.
func (b *Briefing) WritePDF(w io.Writer) error {
	lb := b.labels()
	p, err := trainingPDF(lb.Heading, b.Lang, lb.Banner)
	if err != nil {
		return fmt.Errorf("the PDF briefing could not be made: %w", err)
	}

	para := func(style string, size, line float64, s string) {
		p.SetFont(pdfFont, style, size)
		p.MultiCell(0, line, s, "", "L", false)
	}
	heading := func(s string, size float64) {
		p.Ln(2)
		para("B", size, size*0.5, s)
		p.Ln(1)
	}
	answer := func(a BriefingAnswer) {
		p.SetLeftMargin(pdfMarginX + 4)
		p.SetX(pdfMarginX + 4)
		para("", pdfSize, pdfLine, "• "+a.Question)
		p.SetLeftMargin(pdfMarginX + 8)
		p.SetX(pdfMarginX + 8)
		para("B", pdfSize, pdfLine, "→ "+a.Answer)
		if a.Later {
			para("B", pdfSize-1, pdfLine-0.5, "["+lb.Later+"]")
		}
		if a.Note != "" {
			para("", pdfSize-1, pdfLine-0.5, lb.Note+": "+a.Note)
		}
		p.SetLeftMargin(pdfMarginX)
		p.Ln(1)
	}

	heading(lb.Heading, 16)
	para("", pdfSize, pdfLine, lb.ForRolePlayer)
	p.SetTextColor(70, 70, 70)
	para("", pdfSize-1, pdfLine, lb.Scenario)
	p.SetTextColor(0, 0, 0)
	if b.Lesson != "" {
		heading(lb.Lesson, 13)
		for _, s := range paragraphs(b.Lesson) {
			para("", pdfSize, pdfLine, s)
			p.Ln(1)
		}
	}
	heading(lb.Persona, 13)
	for _, s := range paragraphs(b.Persona) {
		para("", pdfSize, pdfLine, s)
		p.Ln(1)
	}
	heading(lb.Answers, 13)
	para("", pdfSize, pdfLine, lb.AnswersIntro)
	p.Ln(1)
	para("", pdfSize, pdfLine, lb.OffCard)
	for _, s := range b.Sections {
		heading(s.Title, 11)
		for _, a := range s.Answers {
			answer(a)
		}
	}
	for _, part := range b.interviewerParts(lb) {
		heading(part.Title, 13)
		para("", pdfSize, pdfLine, part.Intro)
		for _, a := range part.Items {
			answer(a)
		}
	}
	if err := p.Error(); err != nil {
		return fmt.Errorf("the PDF briefing could not be made: %w", err)
	}
	return p.Output(w)
}

// writePDF lays d out as an A4 PDF with the training marking at the top and bottom of every
// page, as a briefing: headings, paragraphs, alerts in bold, lists with their marks, and
// each table row as one line (its first cell, then each other cell after its heading), so
// that no column is cut however long its text.
func (d *document) writePDF(w io.Writer) error {
	p, err := trainingPDF(d.Title, d.Lang, d.Banner)
	if err != nil {
		return fmt.Errorf("the PDF could not be made: %w", err)
	}
	para := func(style string, size, line float64, s string) {
		p.SetFont(pdfFont, style, size)
		p.MultiCell(0, line, textsafe.Text(s), "", "L", false)
	}
	indent := func(mm float64) {
		p.SetLeftMargin(pdfMarginX + mm)
		p.SetX(pdfMarginX + mm)
	}
	para("B", 16, 8, d.Title)
	p.Ln(1)
	for _, bl := range d.Blocks {
		switch bl.Kind {
		case kHeading:
			size := 13.0
			if bl.Level > 2 {
				size = 11
			}
			p.Ln(2)
			para("B", size, size*0.5, bl.Text)
			p.Ln(1)
		case kPara:
			para("", pdfSize, pdfLine, bl.Text)
			p.Ln(1)
		case kPre:
			para("", pdfSize-1, pdfLine-0.5, bl.Text)
			p.Ln(1)
		case kAlert:
			p.SetTextColor(164, 0, 29)
			para("B", pdfSize+1, pdfLine+0.5, bl.Label+": "+bl.Text)
			p.SetTextColor(0, 0, 0)
			p.Ln(1)
		case kList:
			for _, it := range bl.Items {
				indent(4)
				text := "• " + it.Text
				if it.Mark != "" {
					text = "• [" + it.Mark + "] " + it.Text
				}
				para("", pdfSize, pdfLine, text)
				indent(9)
				for _, s := range it.Sub {
					para("", pdfSize-1, pdfLine-0.5, s)
				}
				indent(0)
				p.Ln(0.5)
			}
			p.Ln(1)
		case kTable:
			for _, r := range bl.Table.Rows {
				var rest []string
				for i := 1; i < len(r); i++ {
					if r[i] == "" {
						continue
					}
					if i < len(bl.Table.Head) && bl.Table.Head[i] != "" {
						rest = append(rest, bl.Table.Head[i]+": "+r[i])
					} else {
						rest = append(rest, r[i])
					}
				}
				indent(4)
				para("B", pdfSize, pdfLine, r[0])
				indent(9)
				if len(rest) > 0 {
					para("", pdfSize-1, pdfLine-0.5, strings.Join(rest, " · "))
				}
				indent(0)
				p.Ln(0.5)
			}
			p.Ln(1)
		case kBars:
			for _, r := range bl.Bars.Rows {
				indent(4)
				para("", pdfSize, pdfLine, r.Label+" — "+r.Display)
				indent(0)
			}
			p.Ln(1)
		}
	}
	if err := p.Error(); err != nil {
		return fmt.Errorf("the PDF could not be made: %w", err)
	}
	return p.Output(w)
}
