package guidelines

import (
	"testing"
	"unicode/utf8"
)

// checkInside fails when a finding points outside data: a position past the last line, or a
// column past the end of its line (one past is allowed: "at the end of the line").
func checkInside(t *testing.T, data []byte, ds Diagnostics) {
	t.Helper()
	lines := splitLines(string(data))
	for _, d := range ds {
		if d.Pos == (Pos{}) {
			continue
		}
		if d.Pos.Line < 1 || d.Pos.Line > len(lines) || d.Pos.Col < 1 {
			t.Fatalf("finding outside the input (%d lines): %v", len(lines), d)
		}
		if n := utf8.RuneCountInString(lines[d.Pos.Line-1]); d.Pos.Col > n+1 {
			t.Fatalf("finding past the end of line %d (%d runes): %v", d.Pos.Line, n, d)
		}
	}
}

// FuzzLoadBytes: loading never panics, every finding points inside the input, and loading
// is deterministic. The kept corpus is in testdata/fuzz/FuzzLoadBytes.
func FuzzLoadBytes(f *testing.F) {
	f.Add([]byte("format: earlyid/guideline/v1\n"))
	f.Add(Synthetic(12, 6))
	f.Fuzz(func(t *testing.T, data []byte) {
		g1, ds1 := LoadBytes("fuzz.yaml", data)
		checkInside(t, data, ds1)
		g2, ds2 := LoadBytes("fuzz.yaml", data)
		if (g1 == nil) != (g2 == nil) || render(ds1) != render(ds2) {
			t.Fatalf("loading is not deterministic:\n%s\n---\n%s", render(ds1), render(ds2))
		}
		if g1 != nil && ds1.HasErrors() {
			t.Fatal("a guideline was returned with errors")
		}
		_ = DetectFormat(data)
	})
}

// FuzzParseAnswers: reading an answers file against the example never panics and every
// finding points inside the input.
func FuzzParseAnswers(f *testing.F) {
	g := mustExample(f)
	f.Add([]byte("answers:\n  age: 30\n  recruited_via: [online, agency]\nnotes:\n  age: \"about\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		ans, pos, ds := ParseAnswers("fuzz.yaml", data, g)
		checkInside(t, data, ds)
		for id, v := range ans.Values {
			q := g.Question(id)
			if q == nil {
				t.Fatalf("answer to unknown question %q kept", id)
			}
			if _, ok := pos[id]; !ok {
				t.Fatalf("answer %q has no position", id)
			}
			_ = q.envValue(v, true)
		}
	})
}
