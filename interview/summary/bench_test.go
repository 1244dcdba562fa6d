package summary

import (
	"io"
	"testing"
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
