package guidelines

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strconv"
	"strings"
	"syscall"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// MaxFileSize is the largest guideline, scenario or answers file the loader reads. The
// largest real guideline is a few hundred kilobytes; the limit keeps a hostile file from
// exhausting memory.
const MaxFileSize = 4 << 20

// maxDepth bounds the nesting of a file. The format needs about 8 levels; anything much
// deeper is an attack or a mistake, and a recursive walk must not follow it.
const maxDepth = 64

// Load reads and validates the guideline at path: the result is what LoadBytes gives for
// its bytes.
func Load(path string) (*Guideline, Diagnostics) {
	data, ds := readFile(path)
	if ds != nil {
		return nil, ds
	}
	return loadBytes(path, data, nil)
}

// LoadBytes parses and validates a guideline read from name. It returns every finding, sorted;
// the guideline is nil when any finding is an error. A returned guideline has every condition
// compiled, its questions flattened in file order and its ids indexed, and must not be
// modified: it is shared by the interview, the scoring and the exports.
func LoadBytes(name string, data []byte) (*Guideline, Diagnostics) {
	return loadBytes(name, data, nil)
}

// loadBytes is LoadBytes for a file reached through chain, the files that extend it (the
// first extends the second, and so on, down to this one): a base already in the chain is a
// cycle.
func loadBytes(name string, data []byte, chain []string) (*Guideline, Diagnostics) {
	return loadBytesGaps(name, data, chain, false)
}

// loadBytesGaps is loadBytes; with gaps, a missing or empty translation is a warning, not
// an error (see LoadWithGaps).
func loadBytesGaps(name string, data []byte, chain []string, gaps bool) (*Guideline, Diagnostics) {
	l := newLoader(name, data)
	l.chain = append(chain[:len(chain):len(chain)], name)
	root := l.parse()
	var g *Guideline
	if root != nil {
		if extendsKey(root) != nil {
			g = l.extension(root)
		} else {
			g = l.guideline(root)
		}
		l.namePlaces(root)
	}
	if gaps {
		l.gapsAsWarnings()
	}
	ds := l.finish()
	if ds.HasErrors() {
		return nil, ds
	}
	if g.Extends == "" {
		g.complete() // a guideline that extends another is complete when its base is
	}
	g.outcomeNames = g.findOutcomeNames() // an extension may have outcomes of its own
	return g, ds
}

// DetectFormat returns the value of a file's top-level `format:` key, or "" when there is
// none. It scans lines rather than parsing, so that a file with a YAML error is still told
// apart (validate then reports that error against the right format).
func DetectFormat(data []byte) string {
	if len(data) > MaxFileSize {
		data = data[:MaxFileSize]
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff")) // a byte-order mark some editors add
	for len(data) > 0 {
		line := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			data = nil
		}
		rest, ok := bytes.CutPrefix(line, []byte("format:"))
		if !ok {
			continue
		}
		v := string(bytes.TrimSpace(rest))
		if i := strings.Index(v, " #"); i >= 0 {
			v = strings.TrimSpace(v[:i])
		}
		if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') && v[len(v)-1] == v[0] {
			v = v[1 : len(v)-1]
		}
		return v
	}
	return ""
}

// readFile reads path with the size limit; a failure is a Diagnostic naming the file.
func readFile(path string) ([]byte, Diagnostics) {
	f, err := os.Open(path)
	if err != nil {
		return nil, Diagnostics{ReadFailure(path, err)}
	}
	defer f.Close()
	data, err := readLimited(f)
	if err != nil {
		return nil, Diagnostics{ReadFailure(path, err)}
	}
	if len(data) > MaxFileSize {
		return nil, Diagnostics{{File: path, Severity: SevError, Code: "too_large", Args: kv("Limit", "4 MiB")}}
	}
	return data, nil
}

// readLimited reads f to its end, or to one byte past MaxFileSize, into one buffer sized
// from the file's size, as the command line reads its inputs: io.ReadAll grows its buffer
// by appending, which for a guideline of a few hundred kilobytes allocates twice the file
// in slices thrown away at once.
func readLimited(f *os.File) ([]byte, error) {
	var buf bytes.Buffer
	if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() && fi.Size() < MaxFileSize {
		buf.Grow(int(fi.Size()) + bytes.MinRead)
	}
	_, err := buf.ReadFrom(io.LimitReader(f, MaxFileSize+1))
	return buf.Bytes(), err
}

// ReadFailure is the finding for a file that could not be read, err being why. It has no
// position: there is no line to point at in a file that cannot be opened. The common
// reasons are said in the reader's language; any other is kept as a marked detail.
func ReadFailure(path string, err error) Diagnostic {
	var reason Phrase
	switch {
	case errors.Is(err, fs.ErrNotExist):
		reason = phrase("diag.reason.not_found")
	case errors.Is(err, fs.ErrPermission):
		reason = phrase("diag.reason.permission")
	case errors.Is(err, syscall.EISDIR):
		reason = phrase("diag.reason.is_dir")
	default:
		reason = phrase("diag.reason.detail", "Detail", osReason(err))
	}
	return Diagnostic{File: path, Severity: SevError, Code: "read", Args: kv("Error", reason)}
}

// phrase builds a Phrase from its message id and alternating argument keys and values.
func phrase(id string, pairs ...any) Phrase {
	p := Phrase{ID: id}
	if len(pairs) > 0 {
		p.Args = kv(pairs...)
	}
	return p
}

// osReason strips the path from an *fs.PathError: the diagnostic already names the file.
func osReason(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// kv builds a diagnostic's Args from alternating keys and values.
func kv(pairs ...any) map[string]any {
	m := make(map[string]any, len(pairs)/2)
	for i := 0; i+1 < len(pairs); i += 2 {
		m[pairs[i].(string)] = pairs[i+1]
	}
	return m
}

// loader walks one file's yaml.Node tree into typed values and collects every finding.
type loader struct {
	file  string
	data  []byte
	lines []string // raw lines, split when a finding first needs them (see fileLines)
	// parsed is set once the YAML parser has run: from then on a position may come from
	// it, and is kept inside the file (see add).
	parsed bool
	// lfOnly is set when the file's lines end only in LF or CRLF (see fileLines).
	lfOnly bool
	// valueChars is set when a value may hold a control character (see parse).
	valueChars bool
	diags      Diagnostics

	langs   []string
	langSet map[string]bool

	// guideline state
	g       *Guideline
	ids     map[string][]idUse // the file's one id namespace
	idOrder []string
	profIDs map[string][]idUse
	profOrd []string
	conds   []*condUse
	refers  []referUse
	// incomplete is set when a section or question could not be read, so that conditions
	// naming it are not reported as unknown names on top of the real finding.
	incomplete bool
	// chain lists the files being loaded, this one last: the first extends the second and
	// so on (see loadBytes).
	chain []string
}

type idUse struct {
	pos  Pos
	item any
}

func newLoader(name string, data []byte) *loader {
	return &loader{file: name, data: data}
}

func (l *loader) add(sev Severity, code string, p Pos, args map[string]any) {
	if l.parsed && p != (Pos{}) {
		p = l.clamp(p) // yaml.v3 may place an implicit null just past the end of the file
	}
	l.diags = append(l.diags, Diagnostic{File: l.file, Pos: p, Severity: sev, Code: code, Args: args})
}

func (l *loader) errAt(n *yaml.Node, code string, args map[string]any) {
	l.add(SevError, code, posOf(n), args)
}

func (l *loader) warnAt(n *yaml.Node, code string, args map[string]any) {
	l.add(SevWarning, code, posOf(n), args)
}

func posOf(n *yaml.Node) Pos {
	if n == nil {
		return Pos{}
	}
	return Pos{Line: n.Line, Col: n.Column}
}

// finish sorts the findings and drops exact repeats (one broken node can be reached twice).
func (l *loader) finish() Diagnostics {
	ds := l.diags
	ds.Sort()
	out := ds[:0]
	for i, d := range ds {
		if i > 0 && sameDiag(d, ds[i-1]) {
			continue
		}
		out = append(out, d)
	}
	return out
}

func sameDiag(a, b Diagnostic) bool {
	if a.Pos != b.Pos || a.Code != b.Code || a.Severity != b.Severity || len(a.Args) != len(b.Args) {
		return false
	}
	for k, v := range a.Args {
		if fmt.Sprint(b.Args[k]) != fmt.Sprint(v) {
			return false
		}
	}
	return true
}

var yamlLineRe = lazyRegexp(`line (\d+): (.*)`)

// parserProblems are the messages of yaml.v3's parser (parserc.go), as opposed to its scanner.
var parserProblems = map[string]bool{
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
	"did not find expected '-' indicator":    true,
	"did not find expected <document start>": true,
	"did not find expected <stream-start>":   true,
	"did not find expected key":              true,
	"did not find expected node content":     true,
	"found duplicate %TAG directive":         true,
	"found duplicate %YAML directive":        true,
	"found incompatible YAML document":       true,
	"found undefined tag handle":             true,
}

// fileStart is where a finding about the whole file points (an empty or too large file), so
// that editors and CI problem matchers, which want a line, show it at the top.
var fileStart = Pos{Line: 1, Col: 1}

// parse runs the checks every input gets (size, binary, empty, YAML syntax, one document,
// aliases, depth, control characters) and returns the top-level mapping, or nil.
func (l *loader) parse() *yaml.Node {
	data := l.data
	if len(data) > MaxFileSize {
		l.add(SevError, "too_large", fileStart, kv("Limit", "4 MiB"))
		return nil
	}
	scan := scanText(data)
	if !scan.clean {
		if code, p, r := precheck(data); code != "" {
			var args map[string]any
			if code == "control_char" {
				// yaml.v3 rejects these itself, but says neither where nor which.
				args = kv("Char", fmt.Sprintf("U+%04X", r))
			}
			l.add(SevError, code, p, args)
			return nil
		}
	}
	if len(bytes.TrimSpace(data)) == 0 {
		l.add(SevError, "empty", fileStart, nil)
		return nil
	}
	l.parsed = true
	l.lfOnly = scan.subset
	var doc *yaml.Node
	escaped, ok := false, false
	if scan.subset {
		doc, escaped, ok = parseSubsetText(data)
	}
	if !ok {
		// Outside the subset, or not valid YAML: yaml.v3 reads it, and reports its errors.
		if doc = l.parseYAMLv3(); doc == nil {
			return nil
		}
	}
	// A value the subset parser read can hold a control character only through an escape,
	// or a bidirectional one the file has: without either, no value needs a look.
	l.valueChars = !ok || escaped || scan.bidi
	if !l.prewalk(doc.Content[0], 1) {
		return nil
	}
	root := doc.Content[0]
	if isNull(root) {
		l.add(SevError, "empty", fileStart, nil)
		return nil
	}
	if root.Kind != yaml.MappingNode {
		l.errAt(root, "want_mapping", kv("Field", ""))
		return nil
	}
	return root
}

// parseYAMLv3 parses the file with yaml.v3, reporting a syntax error, an empty file or a
// second document; it returns the document node, or nil when there is nothing to walk.
func (l *loader) parseYAMLv3() *yaml.Node {
	dec := yaml.NewDecoder(bytes.NewReader(l.data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			l.add(SevError, "empty", fileStart, nil)
			return nil
		}
		l.yamlError(err)
		return nil
	}
	var second yaml.Node
	if err := dec.Decode(&second); err == nil {
		l.add(SevError, "multiple_documents", l.clamp(Pos{Line: second.Line, Col: second.Column}), nil)
	} else if !errors.Is(err, io.EOF) {
		l.yamlError(err)
	}
	if len(doc.Content) == 0 {
		l.add(SevError, "empty", fileStart, nil)
		return nil
	}
	return &doc
}

// yamlError turns a yaml.v3 error (text only: "yaml: line N: msg") into a positioned finding.
func (l *loader) yamlError(err error) {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 0 // yaml.v3 says no line for some errors (an unknown anchor)
	if m := yamlLineRe().FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
	}
	// Too deep a nesting is its own reason, whatever else the lines hold.
	if !yamlTooDeep().MatchString(msg) {
		// yaml.v3's line is where the block around the slip began: never after it.
		if f, ok := locateFault(l.fileLines(), max(line, 1)); ok {
			l.add(SevError, "yaml_syntax", f.pos, kv("Error", f.reason, "Exact", true))
			return
		}
	}
	p := Pos{}
	if line > 0 {
		if parserProblems[msg] {
			// yaml.v3 adds 1 to the (0-based) line of scanner errors only; parser errors
			// come out one line early.
			line++
		}
		p = l.clamp(Pos{Line: line, Col: 1})
	}
	l.add(SevError, "yaml_syntax", p, kv("Error", yamlReason(msg), "Exact", false))
}

// fileLines returns the file's lines, split on first use: only a finding needs them, and a
// file that loads cleanly never pays for the split.
func (l *loader) fileLines() []string {
	if l.lines == nil && l.lfOnly {
		// No CR alone, NEL, LS or PS: the lines are cut at each LF, much faster.
		text := string(l.data)
		l.lines = make([]string, 0, strings.Count(text, "\n")+1)
		for {
			line, rest, more := strings.Cut(text, "\n")
			if more {
				line = strings.TrimSuffix(line, "\r")
			}
			l.lines = append(l.lines, line)
			if !more {
				break
			}
			text = rest
		}
	}
	if l.lines == nil {
		l.lines = splitLines(string(l.data))
	}
	return l.lines
}

// clamp keeps a position reported by a library inside the file.
func (l *loader) clamp(p Pos) Pos {
	if p.Line < 1 {
		return Pos{}
	}
	lines := l.fileLines()
	if n := len(lines); p.Line > n {
		p.Line = n
	}
	if p.Col < 1 {
		p.Col = 1
	}
	if n := utf8.RuneCountInString(lines[p.Line-1]) + 1; p.Col > n {
		p.Col = n
	}
	return p
}

// splitLines splits s into lines at every line break YAML knows (LF, CRLF, CR, NEL, LS,
// PS), so that line numbers agree with yaml.v3's. It looks at bytes: only the lead bytes of
// NEL (C2 85) and of LS and PS (E2 80 A8/A9) need a second look.
func splitLines(s string) []string {
	lines := make([]string, 0, strings.Count(s, "\n")+1)
	start := 0
	for i := 0; i < len(s); i++ {
		size := 0
		switch s[i] {
		case '\n':
			size = 1
		case '\r':
			size = 1
			if i+1 < len(s) && s[i+1] == '\n' {
				size = 2
			}
		case 0xc2:
			if i+1 < len(s) && s[i+1] == 0x85 {
				size = 2
			}
		case 0xe2:
			if i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] == 0xa8 || s[i+2] == 0xa9) {
				size = 3
			}
		}
		if size > 0 {
			lines = append(lines, s[start:i])
			start = i + size
			i += size - 1
		}
	}
	return append(lines, s[start:])
}

// precheck scans data once for what stops a file before it is parsed: a NUL byte or an
// invalid UTF-8 sequence ("binary"), or a character YAML forbids in a file ("control_char":
// C0 controls other than tab, newline and carriage return; DEL; C1 controls other than NEL;
// U+FFFE and U+FFFF), as typed into the file rather than escaped inside a quoted string. A
// binary file is reported as such even when a control character comes first. The position
// is computed only for the finding; code is "" when there is none.
func precheck(data []byte) (code string, p Pos, r rune) {
	control := -1
	for i := 0; i < len(data); {
		c := data[i]
		if c < utf8.RuneSelf {
			switch {
			case c == 0:
				return "binary", posAt(data, i), 0
			case c < 0x20 && c != '\t' && c != '\n' && c != '\r', c == 0x7f:
				if control < 0 {
					control, r = i, rune(c)
				}
			}
			i++
			continue
		}
		cr, size := utf8.DecodeRune(data[i:])
		if cr == utf8.RuneError && size <= 1 {
			return "binary", posAt(data, i), 0
		}
		if control < 0 && (cr >= 0x80 && cr <= 0x9f && cr != 0x85 || cr == 0xfffe || cr == 0xffff) {
			control, r = i, cr
		}
		i += size
	}
	if control >= 0 {
		return "control_char", posAt(data, control), r
	}
	return "", Pos{}, 0
}

// posAt is the line and column (in characters) of byte offset i of data.
func posAt(data []byte, i int) Pos {
	lines := splitLines(string(data[:i]))
	return Pos{Line: len(lines), Col: utf8.RuneCountInString(lines[len(lines)-1]) + 1}
}

// prewalk rejects anchors and aliases (a Node walk is not protected against alias bombs, and
// the format never needs them), bounds nesting, and rejects control characters in every
// scalar. It reports false when the tree must not be walked further.
func (l *loader) prewalk(n *yaml.Node, depth int) bool {
	if depth > maxDepth {
		l.errAt(n, "too_deep", kv("Limit", maxDepth))
		return false
	}
	ok := true
	if n.Kind == yaml.AliasNode || n.Anchor != "" {
		l.errAt(n, "yaml_alias", nil)
		ok = false
	}
	if n.Kind == yaml.ScalarNode && l.valueChars {
		if r, bad := controlChar(n.Value); bad {
			l.errAt(n, "control_char", kv("Char", fmt.Sprintf("U+%04X", r)))
		}
	}
	for _, c := range n.Content {
		if !l.prewalk(c, depth+1) {
			ok = false
			if depth+1 > maxDepth {
				return false
			}
		}
	}
	return ok
}

// controlChar finds a character that must not reach a terminal: C0 controls except newline
// and tab, DEL, C1 controls (ESC included in C0), and the bidirectional overrides and
// isolates that can reorder what a reader sees.
func controlChar(s string) (rune, bool) {
	i := 0
	for i < len(s) && s[i] >= 0x20 && s[i] < 0x7f {
		i++ // printable ASCII, nearly every character of a guideline
	}
	for _, r := range s[i:] {
		switch {
		case r == '\n' || r == '\t':
		case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f,
			r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
			return r, true
		}
	}
	return 0, false
}

// hash returns the SHA-256 of data in hex.
func hash(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}
