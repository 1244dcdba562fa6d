package summary

import (
	"io"
	"strings"
	"testing"

	"github.com/earlyid/earlyid/interview"
)

// BenchmarkRender builds and renders the summary of the shipped scenario with the most
// present indicators, in every format: what one `earlyid export` does after loading the
// session. Targets (whole process, see the README): PDF under 200 ms, the others under 20 ms.
func BenchmarkRender(b *testing.B) {
	g, s := scenarioSession(b, scenarioLargest)
	for _, format := range Formats {
		b.Run(format, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				a, err := Assess(g, s)
				if err != nil {
					b.Fatal(err)
				}
				sum, err := Build(g, s, a, Options{Lang: "uk", Generated: generated})
				if err != nil {
					b.Fatal(err)
				}
				if err := sum.Render(io.Discard, format); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkRenderPDFMaximal renders the PDF of a maximal session: the scenario with the
// most present indicators, every answered question with a note as long as a note may be,
// and closing remarks as long as they may be. PDF layout is linear in the text's length:
// before, one 25 KB note took 5.9 s and one 100 KB note 76 s.
func BenchmarkRenderPDFMaximal(b *testing.B) {
	g, s := scenarioSession(b, scenarioLargest)
	long := func(n int) string {
		return string([]rune(strings.Repeat("Роботодавець забрав паспорт і обіцяв повернути пізніше. ", n/56+1))[:n])
	}
	for q := range s.Answers.Values {
		s.Answers.Notes[q] = long(interview.MaxText)
	}
	s.Remarks = long(interview.MaxText)
	a, err := Assess(g, s)
	if err != nil {
		b.Fatal(err)
	}
	sum, err := Build(g, s, a, Options{Lang: "uk", Generated: generated})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := sum.Render(io.Discard, FormatPDF); err != nil {
			b.Fatal(err)
		}
	}
}
