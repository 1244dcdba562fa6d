package guidelines

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// parseYAMLv3 parses data as the loader did before the subset parser: the first document
// with yaml.v3's decoder, and an error when there is none or a second one.
func parseYAMLv3(data []byte) (*yaml.Node, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		return nil, err
	}
	var second yaml.Node
	if err := dec.Decode(&second); !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("a second document, or an error after the first: %v", err)
	}
	return &doc, nil
}

// treeDiff describes the first difference between two node trees in what the loader reads
// (comments aside), or returns "" when there is none.
func treeDiff(want, got *yaml.Node, path string) string {
	if want.Kind != got.Kind || want.Style != got.Style || want.Tag != got.Tag || want.Value != got.Value ||
		want.Line != got.Line || want.Column != got.Column || want.Anchor != got.Anchor || (want.Alias == nil) != (got.Alias == nil) ||
		len(want.Content) != len(got.Content) {
		return fmt.Sprintf("%s: yaml.v3 has kind %d style %d tag %q value %q at %d:%d with %d children; the subset parser kind %d style %d tag %q value %q at %d:%d with %d children",
			path, want.Kind, want.Style, want.Tag, want.Value, want.Line, want.Column, len(want.Content),
			got.Kind, got.Style, got.Tag, got.Value, got.Line, got.Column, len(got.Content))
	}
	for i := range want.Content {
		if d := treeDiff(want.Content[i], got.Content[i], fmt.Sprintf("%s/%d", path, i)); d != "" {
			return d
		}
	}
	return ""
}

// subsetAgrees is the subset parser's promise: it declines data, or yaml.v3 parses data
// into the same tree. It returns whether the subset parser took the file, and a failure.
func subsetAgrees(data []byte) (taken bool, failure string) {
	got, ok := parseSubset(data)
	if !ok {
		return false, ""
	}
	want, err := parseYAMLv3(data)
	if err != nil {
		return true, fmt.Sprintf("the subset parser took a file yaml.v3 rejects (%v)", err)
	}
	return true, treeDiff(want, got, "")
}

// repoYAML returns every YAML file of the repository but the fuzz corpora, by path.
func repoYAML(t testing.TB) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".git" || d.Name() == "fuzz" || d.Name() == "node_modules") {
			return filepath.SkipDir
		}
		if ext := filepath.Ext(path); !d.IsDir() && (ext == ".yaml" || ext == ".yml") {
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			files[path] = data
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestYAMLSubsetRepoFiles parses every YAML file of the repository both ways. Every
// guideline, scenario and answers file that yaml.v3 reads must be taken (else its load is
// as slow as before) and read the same.
func TestYAMLSubsetRepoFiles(t *testing.T) {
	taken, total := 0, 0
	for path, data := range repoYAML(t) {
		total++
		ok, failure := subsetAgrees(data)
		if failure != "" {
			t.Errorf("%s: %s", path, failure)
		}
		if ok {
			taken++
			continue
		}
		format := DetectFormat(data)
		if _, err := parseYAMLv3(data); err == nil && format != "" && !strings.Contains(path, "testdata") {
			t.Errorf("%s (%s): the subset parser declines it, so it loads at yaml.v3's speed", path, format)
		}
	}
	t.Logf("the subset parser took %d of %d YAML files", taken, total)
}

// subsetCases are the YAML spec's and the format's cases the subset parser must either
// read as yaml.v3 does or decline: block texts with every indicator, quotes and escapes,
// comments, CRLF, a byte-order mark, Unicode, empty values, lists in lists, keys with
// colons in quotes, and what the subset leaves to yaml.v3 (anchors, tags, documents,
// folded plain and quoted texts, complex keys, tabs).
var subsetCases = []string{
	"a: 1\nb: two\n",
	"a:\n  b:\n    c: d\n",
	"key: 'it''s'\n",
	"key: \"say \\\"hi\\\"\\n\\tand \\x41\\u00e9\\U0001F600\\\\\"\n",
	"key: \"\\0\\a\\b\\v\\f\\r\\e\\ \\N\\_\\L\\P\"\n",
	"key: \"\\/\"\n",
	"key: \"\\uD800\"\n",
	"\"a: b\": c\n'd: e': f\n",
	"a: b # comment\nc: 'd' # comment\n# own line\ne: \"f\"#not a comment\n",
	"a: b#c\n",
	"a: x: y\n",
	"a: b:c\n",
	"url: http://example.org/a#b\n",
	"text: |\n  line one\n  line two\n\n  after a blank\nnext: 1\n",
	"text: >\n  folded\n  lines\n\n  para\n   more indented\n  back\n",
	"text: |-\n  strip\n\n\nnext: 1\n",
	"text: |+\n  keep\n\n\nnext: 1\n",
	"text: >+\n  keep\n\n",
	"text: >-\n  strip\n  me\n",
	"text: |2\n   three spaces\n  two\n",
	"text: |1-\n  indented\n",
	"text: |\n\n   \n  first\n",
	"text: |\n      \n  short\n",
	"text: | # comment\n  x\n",
	"text: |#comment\n  x\n",
	"text: |\n  x",
	"text: |\n",
	"list:\n- a\n- b\nnext: c\n",
	"list:\n  - a\n  -\n  - - x\n    - y\n  - k: v\n    k2: v2\n  - # comment\n    z: 1\n",
	"- a\n- - b\n  - c\n-\n",
	"{a: b}\n",
	"a: {b: c, d: [e, 'f', \"g\"], h: {}}\nl: []\n",
	"a: [a, b,]\n",
	"a: {b: }\n",
	"a: [b: c]\n",
	"a: {b: c\n  , d: e}\n",
	"a: [1, 2.5, -3, +4, 0x1F, 0o7, 010, 08, 1e3, .5, 1_000, .inf, -.inf, .nan]\n",
	"a: [true, false, True, FALSE, yes, no, on, off, null, Null, ~, '']\n",
	"a: [2026-01-02, 2026-1-2, 2026.10, 1.0.0, 12:30, 1:2:3]\n",
	"v: 2026.10\nw: \"2026.10\"\nx: 18 years\ny: -x\nz: --x\n",
	"a: 1\r\nb: |\r\n  c\r\n  d\r\ne: 'f'\r\n",
	"\ufeffa: b\n",
	"a: \ufeffb\n",
	"a: Întrebarea numărul 1?\nb: {ro: Întrebare, uk: Питання, ru: «Вопрос»}\nc: 😀 d\n",
	"a:\nb: \nc: # comment\nd: ''\n",
	"a:",
	"a: 1\n  b: 2\n",
	"a: 1\n b: 2\n",
	"a: plain\n  continued\n",
	"a: \"quoted\n  continued\"\n",
	"a:\n  plain on its own line\n",
	"a: &x 1\nb: *x\n",
	"a: !!str 1\n",
	"--- \na: 1\n",
	"a: 1\n---\nb: 2\n",
	"a: 1\n...\n",
	"%YAML 1.2\n---\na: 1\n",
	"? a\n: b\n",
	"[a]: b\n",
	"a:\tb\n",
	"a: b\rc: d\n",
	"<<: {a: 1}\n",
	"a: b\n- c\n",
	"- a\nb: c\n",
	"a:\n  - b\n c: d\n",
	"# only a comment\n",
	"",
	"   \n\n",
	"plain\n",
	"a: [b, {c: d, e: [f, g]}, \"h\"]\n",
	"a: 'x' : y\n",
	"a: - b\n",
	"a : b\n",
	"a: |\n  x\n b: c\n",
	"a:\n  - |\n    text\n  - >-\n    folded\n    text\n",
	"a: \"x\" y\n",
	"- a: 1\n  b:\n  - c\n  d: e\n",
	"a: 'x''\n",
	"a: \"x\\\n",
	"a: '# not a comment'\nb: \"key: value\"\n",
	strings.Repeat("k", 1100) + ": v\n",
	strings.Repeat("- ", 120) + "x\n",
}

func TestYAMLSubsetCases(t *testing.T) {
	taken := 0
	for _, c := range subsetCases {
		ok, failure := subsetAgrees([]byte(c))
		if failure != "" {
			t.Errorf("%q: %s", c, failure)
		}
		if ok {
			taken++
		}
	}
	t.Logf("the subset parser took %d of %d cases", taken, len(subsetCases))
}

// FuzzYAMLSubset checks on any input that the subset parser declines it or reads it as
// yaml.v3 does. Its corpus is seeded with every YAML file of the repository and the cases
// above.
func FuzzYAMLSubset(f *testing.F) {
	for _, data := range repoYAML(f) {
		f.Add(data)
	}
	for _, c := range subsetCases {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if _, failure := subsetAgrees(data); failure != "" {
			t.Fatal(failure)
		}
	})
}
