package guidelines

import (
	"bytes"
	"errors"
	"os"
	"strconv"
	"testing"

	goccy "github.com/goccy/go-yaml/parser"
	"go.yaml.in/yaml/v3"
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

// parseInputs are the files the parser comparison runs on: the default guideline and the
// synthetic forms of 1,000 and 7,000 questions.
func parseInputs(b *testing.B) []struct {
	name string
	data []byte
} {
	def, err := os.ReadFile("mixed-flows-md.yaml")
	if err != nil {
		b.Fatal(err)
	}
	return []struct {
		name string
		data []byte
	}{{"default", def}, {"1k", Synthetic(1000, 500)}, {"7k", Synthetic(7000, 3500)}}
}

// benchInputs runs parse on each of parseInputs as a sub-benchmark; a failure stops it.
func benchInputs(b *testing.B, parse func(data []byte) error) {
	for _, in := range parseInputs(b) {
		b.Run(in.name, func(b *testing.B) {
			b.SetBytes(int64(len(in.data)))
			for b.Loop() {
				if err := parse(in.data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkParseYAMLv3 and BenchmarkParseGoccy compare the two maintained Go YAML parsers
// on the same inputs, parse alone (a node tree, no walk): the README's parser table.
func BenchmarkParseYAMLv3(b *testing.B) {
	benchInputs(b, func(data []byte) error {
		var n yaml.Node
		return yaml.NewDecoder(bytes.NewReader(data)).Decode(&n)
	})
}

// BenchmarkParseSubset is the subset parser on the same inputs (see parseSubset).
func BenchmarkParseSubset(b *testing.B) {
	benchInputs(b, func(data []byte) error {
		if _, ok := parseSubset(data); !ok {
			return errors.New("the subset parser declined the file")
		}
		return nil
	})
}

func BenchmarkParseGoccy(b *testing.B) {
	benchInputs(b, func(data []byte) error {
		_, err := goccy.ParseBytes(data, 0)
		return err
	})
}

// BenchmarkLoadCompare measures the whole load (parse, walk, checks, compiled conditions)
// on the parser table's inputs.
func BenchmarkLoadCompare(b *testing.B) {
	benchInputs(b, func(data []byte) error {
		if g, ds := LoadBytes("x.yaml", data); g == nil {
			return ds
		}
		return nil
	})
}
