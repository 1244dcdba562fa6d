package workbook

import (
	"bytes"
	"testing"

	"github.com/earlyid/earlyid/guidelines"
)

// synthetic returns the 1,000-question synthetic guideline, loaded, and its workbook.
func synthetic(b testing.TB) (*guidelines.Guideline, []byte) {
	b.Helper()
	g, ds := guidelines.LoadBytes("synthetic.yaml", guidelines.Synthetic(1000, 500))
	if g == nil {
		b.Fatal(ds)
	}
	var buf bytes.Buffer
	if err := Write(&buf, g, Options{}); err != nil {
		b.Fatal(err)
	}
	return g, buf.Bytes()
}

// BenchmarkWrite measures a 1,000-question guideline converted to a workbook; it must take
// well under a second.
func BenchmarkWrite(b *testing.B) {
	g, _ := synthetic(b)
	for b.Loop() {
		if err := Write(&bytes.Buffer{}, g, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRead measures a workbook of 1,000 questions read back into a guideline and
// loaded; it must take well under a second.
func BenchmarkRead(b *testing.B) {
	_, data := synthetic(b)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if g, _, ds := Load("synthetic.xlsx", data); g == nil {
			b.Fatal(ds)
		}
	}
}

// TestSyntheticRoundTrip: the 1,000-question synthetic guideline (every question type,
// conditions, strengths by profile) makes the round trip too.
func TestSyntheticRoundTrip(t *testing.T) {
	g, data := synthetic(t)
	back, _, ds := Load("synthetic.xlsx", data)
	if back == nil {
		t.Fatal(ds)
	}
	if diffs := modelDiff(g, back); len(diffs) > 0 {
		t.Fatalf("the model changed on the way: %v", diffs[:min(len(diffs), 10)])
	}
}
