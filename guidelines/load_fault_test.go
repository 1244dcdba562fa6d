package guidelines

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/earlyid/earlyid/locales"
)

// An author who makes one of the common YAML slips is sent to the line and column to fix
// (where the YAML language server points in an editor), told the fix in words, in every
// language. Each file is testdata/minimal.yaml with one slip.
func TestYAMLSlipsAtTheirPlace(t *testing.T) {
	cases := []struct {
		file      string
		code      string
		line, col int
		says      string // part of the English message: the fix
	}{
		// `en: *Age* in years?`: yaml.v3 says "did not find expected alphabetic or numeric
		// character", at no column.
		{"star_text.yaml", "yaml_syntax", 22, 15, "a text that starts with “*” or “&” must be in quotes"},
		// `en: *important question`: yaml.v3 says "unknown anchor", at no line at all.
		{"star_word.yaml", "yaml_syntax", 22, 15, "must be in quotes"},
		{"star_flow.yaml", "yaml_syntax", 21, 20, "must be in quotes"},
		// `en: &Age in years` is a valid anchor: the walk reports it, the fix said too.
		{"ampersand.yaml", "yaml_alias", 22, 15, "must be in quotes"},
		// A key of the second question back at the column of the list's dashes: yaml.v3
		// points at line 16, the list's first item.
		{"dedent.yaml", "yaml_syntax", 24, 7, "line it up with the keys of its block (column 9)"},
		// A tab after the indentation: yaml.v3 says line 22, one early.
		{"tab.yaml", "yaml_syntax", 23, 9, "tabs cannot indent YAML: use spaces"},
		// `when: 'offer == "yes"` with no closing quote: yaml.v3 says line 24, "did not
		// find expected key".
		{"quote.yaml", "yaml_syntax", 27, 15, "this quote is not closed"},
		{"duplicate.yaml", "duplicate_key", 24, 9, "first at line 23, column 9"},
		// More slips an author makes, each where yaml.v3 names a line and no column.
		// `en: Note: age in years`: yaml.v3 names line 22.
		{"colon.yaml", "yaml_syntax", 22, 19, "put a text that contains “: ” in quotes"},
		// `text: {en: Offer?, ro: Ofertă?` with no closing brace.
		{"flow_open.yaml", "yaml_syntax", 24, 15, "this “{” is not closed"},
		// `type:` two columns deeper than the question's other keys.
		{"indent_more.yaml", "yaml_syntax", 23, 11, "(column 9)"},
		// `{en: 'Offer?, ro: Ofertă?}`: the quote swallows the brace.
		{"quote_flow.yaml", "yaml_syntax", 24, 20, "this quote is not closed"},
		// `when: "offer == \"yes\"'`, opened with one quote and closed with the other:
		// yaml.v3 names line 28, the line after.
		{"quote_mixed.yaml", "yaml_syntax", 27, 15, "this quote is not closed"},
	}
	en := locales.New("en")
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			path := filepath.Join("testdata", "yamlsyntax", c.file)
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			g, ds := LoadBytes(path, data)
			if g != nil || len(ds) != 1 {
				t.Fatalf("want exactly one finding, got %d:\n%v", len(ds), ds)
			}
			d := ds[0]
			if d.Code != c.code || d.Pos != (Pos{Line: c.line, Col: c.col}) {
				t.Errorf("got %s at %d:%d, want %s at %d:%d", d.Code, d.Pos.Line, d.Pos.Col, c.code, c.line, c.col)
			}
			if msg := d.Message(en); !strings.Contains(msg, c.says) {
				t.Errorf("message %q does not say %q", msg, c.says)
			}
			for _, lang := range locales.Languages {
				msg := d.Message(locales.New(lang))
				if strings.Contains(msg, "<no value>") || strings.Contains(msg, "diag.") {
					t.Errorf("%s: message not rendered: %q", lang, msg)
				}
				if lang != "en" && strings.Contains(msg, c.says) {
					t.Errorf("%s: message is in English: %q", lang, msg)
				}
			}
		})
	}
}

// The slip finder runs only once yaml.v3 has failed, and takes the first slip it sees at or
// after yaml.v3's line; a false alarm on valid YAML would then send an author to a line
// that is right. It must find nothing in any shipped file, whatever their block texts,
// quotes over several lines, flow lists and comments.
func TestYAMLSlipFinderQuietOnValidFiles(t *testing.T) {
	files, err := fs.Glob(FS, "*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	more, _ := fs.Glob(FS, "scenarios/*.yaml")
	files = append(files, more...)
	if len(files) < 5 {
		t.Fatalf("only %d embedded files", len(files))
	}
	local, _ := filepath.Glob("testdata/*.yaml")
	for _, name := range append(files, local...) {
		data, err := fs.ReadFile(FS, name)
		if err != nil {
			data, err = os.ReadFile(name)
		}
		if err != nil {
			t.Fatal(err)
		}
		if f, ok := locateFault(splitLines(string(data)), 1); ok {
			t.Errorf("%s:%d:%d: false alarm %s", name, f.pos.Line, f.pos.Col, f.reason.ID)
		}
	}
	// The YAML forms the shipped files do not use, but an author may.
	valid := map[string]string{
		"compact list":     "a:\n- id: x\n  text: y\nb: 1\n",
		"block text":       "a: |\n  it's \"quoted\n  \tand tabbed\nb: >-\n  - not a list\n",
		"list block text":  "a:\n  - |\n    *star\n  - b\n",
		"multiline quote":  "a: 'one\n  two'\nb: \"three\n  \\\" four\"\n",
		"multiline plain":  "a: one\n  two\nb: 1\n",
		"multiline flow":   "a: {en: x,\n    ro: 'y'}\nb: [1,\n2]\n",
		"comments":         "# 'open\na: 1 # it's *not*\n  # \"\nb: it's\n",
		"apostrophe plain": "a: it's fine\nb: x'y\n",
		"documents":        "---\na: 1\n...\n",
	}
	for name, src := range valid {
		if f, ok := locateFault(splitLines(src), 1); ok {
			t.Errorf("%s: false alarm at %d:%d, %s", name, f.pos.Line, f.pos.Col, f.reason.ID)
		}
	}
}
