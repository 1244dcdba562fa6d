package training

import (
	"fmt"
	"io"
	"time"

	"github.com/earlyid/earlyid/interview/summary"
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

// WritePDF writes the briefing as an A4 PDF with embedded fonts and the training marking
// at the top and bottom of every page.
func (b *Briefing) WritePDF(w io.Writer) error {
	lb := b.labels()
	p, err := summary.NewA4(lb.Heading, b.Lang, pdfEpoch, pdfMarginX, pdfTop, pdfBottom)
	if err != nil {
		return fmt.Errorf("the PDF briefing could not be made: %w", err)
	}
	pageW, _ := p.GetPageSize()
	p.SetHeaderFunc(func() {
		p.SetFillColor(164, 0, 29)
		p.SetTextColor(255, 255, 255)
		p.SetFont(pdfFont, "B", 10)
		p.SetXY(0, 0)
		p.CellFormat(pageW, 9, lb.Banner, "", 0, "C", true, 0, "")
		p.SetTextColor(0, 0, 0)
		p.SetXY(pdfMarginX, pdfTop)
	})
	p.SetFooterFunc(func() {
		p.SetY(-12)
		p.SetTextColor(90, 90, 90)
		p.SetFont(pdfFont, "", 7.5)
		p.CellFormat(0, 5, fmt.Sprintf("%s  ·  %d/{nb}", lb.Banner, p.PageNo()), "", 0, "C", false, 0, "")
		p.SetTextColor(0, 0, 0)
	})
	p.AddPage()

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
	for _, s := range b.Sections {
		heading(s.Title, 11)
		for _, a := range s.Answers {
			answer(a)
		}
	}
	if len(b.Observations) > 0 {
		heading(lb.Observations, 13)
		para("", pdfSize, pdfLine, lb.ObservationsIntro)
		for _, a := range b.Observations {
			answer(a)
		}
	}
	if err := p.Error(); err != nil {
		return fmt.Errorf("the PDF briefing could not be made: %w", err)
	}
	return p.Output(w)
}
