package guidelines

import (
	"os"
	"strconv"
	"testing"
)

// BenchmarkLoad measures load+validate of synthetic guidelines; cost must grow linearly.
func BenchmarkLoad(b *testing.B) {
	for _, n := range []int{100, 1000, 10000} {
		data := Synthetic(n, n/2)
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				g, ds := LoadBytes("synthetic.yaml", data)
				if g == nil {
					b.Fatal(ds)
				}
			}
		})
	}
}

// BenchmarkLoadExample measures load+validate of the shipped example guideline.
func BenchmarkLoadExample(b *testing.B) {
	data, err := os.ReadFile("example.yaml")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if g, ds := LoadBytes("example.yaml", data); g == nil {
			b.Fatal(ds)
		}
	}
}

func TestSyntheticLoads(t *testing.T) {
	for _, n := range []int{6, 37, 250} {
		data := Synthetic(n, n)
		g, ds := LoadBytes("synthetic.yaml", data)
		if g == nil || len(ds) != 0 {
			t.Fatalf("Synthetic(%d) does not load cleanly:\n%v", n, ds)
		}
		if len(g.Questions) != n || len(g.Indicators) != n {
			t.Errorf("Synthetic(%d): got %d questions, %d indicators", n, len(g.Questions), len(g.Indicators))
		}
		if string(Synthetic(n, n)) != string(data) {
			t.Errorf("Synthetic(%d) is not deterministic", n)
		}
	}
}
