package training

import (
	"bytes"
	"strings"
	"testing"
)

// TestAnswerKey: the key of every shipped scenario names, in the key's language, each
// indicator and flag the scenario expects and each referral its answers give, with why
// (a flag referred to, or the referral's own rule); the PDF is a PDF.
func TestAnswerKey(t *testing.T) {
	t.Parallel()
	for _, c := range shipped(t) {
		k, err := NewAnswerKey(c, "uk")
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := k.Render(&b, FormatText); err != nil {
			t.Fatal(err)
		}
		out := oneLine(b.String())
		want := []string{"Ключ відповідей: " + txt(c.Scenario.Title, "uk"), "Очікуваний результат", oneLine(txt(k.Result.Outcome.Text, "uk"))}
		for _, id := range c.Scenario.Expected.Indicators {
			want = append(want, oneLine(txt(c.Guideline.Indicator(id).Text, "uk")))
		}
		for _, id := range c.Scenario.Expected.Flags {
			want = append(want, oneLine(txt(c.Guideline.Flag(id).Text, "uk")))
		}
		for _, r := range k.Result.Referrals {
			want = append(want, oneLine(txt(r.Name, "uk")))
		}
		for _, w := range want {
			if !strings.Contains(out, w) {
				t.Errorf("%s: the key lacks %q", c.Scenario.ID, w)
			}
		}
		if n := strings.Count(out, "через сигнал:") + strings.Count(out, "через результат (власне правило перенаправлення)"); n < len(k.Result.Referrals) {
			t.Errorf("%s: %d reasons for %d referrals", c.Scenario.ID, n, len(k.Result.Referrals))
		}
	}
	var pdf bytes.Buffer
	k, err := NewAnswerKey(mustCase(t, "mixed-flows-md-palanca-aunt"), "ro")
	if err != nil {
		t.Fatal(err)
	}
	if err := k.Render(&pdf, FormatPDF); err != nil || !bytes.HasPrefix(pdf.Bytes(), []byte("%PDF-")) {
		t.Errorf("PDF: %v", err)
	}
}
