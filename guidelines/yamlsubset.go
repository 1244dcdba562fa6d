package guidelines

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// parseSubset parses the YAML that guideline, scenario and answers files are written in —
// block mappings and lists, plain and quoted texts on one line, block texts (| and >),
// flow mappings and lists on one line, comments — into the node tree yaml.v3 builds for
// the same file: the same kinds, styles, tags, values, lines and columns (comments are
// left out: nothing reads them). It is several times faster than yaml.v3, whose parse was
// half of every cold load.
//
// Anything outside that subset, and anything that is not valid YAML, it declines (ok is
// false) without saying why: the caller then parses the file with yaml.v3, so that every
// error, and where it points, stays what yaml.v3 and load_fault.go make of it. Declining is
// always safe; building a tree that differs from yaml.v3's never is (FuzzYAMLSubset checks
// the two against each other).
func parseSubset(data []byte) (doc *yaml.Node, ok bool) {
	if !scanText(data).subset {
		return nil, false
	}
	doc, _, ok = parseSubsetText(data)
	return doc, ok
}

// parseSubsetText is parseSubset for data that scanText found in the subset. escaped
// reports whether a double-quoted text had an escape sequence: only those can put a
// control character into a value of a file scanText found clean.
func parseSubsetText(data []byte) (doc *yaml.Node, escaped, ok bool) {
	p := &subsetParser{src: string(data), line: 1}
	if strings.HasPrefix(p.src, "\ufeff") {
		// yaml.v3 drops a byte-order mark without counting it in the first line's columns.
		p.i, p.lineStart = 3, 3
	}
	defer func() {
		if r := recover(); r != nil {
			if _, declined := r.(subsetDecline); !declined {
				panic(r)
			}
			doc, escaped, ok = nil, false, false
		}
	}()
	doc = p.document()
	return doc, p.escaped, true
}

// textScan is what one pass over a file's bytes finds (see scanText).
type textScan struct {
	// clean: valid UTF-8 without a NUL, a control character other than tab, line feed and
	// carriage return, DEL, a C1 control other than NEL, U+FFFE or U+FFFF — what precheck
	// requires, which then looks again for where the first fault is.
	clean bool
	// subset: clean, and none of what the subset parser leaves to yaml.v3: a tab, a carriage
	// return that does not end a line, the line breaks YAML takes from Unicode (NEL, LS,
	// PS), a byte-order mark after the first character.
	subset bool
	// bidi: a bidirectional override or isolate (U+202A–U+202E, U+2066–U+2069) somewhere.
	bidi bool
}

// scanStops marks the bytes scanText must look at: C0 controls (line feed aside), DEL, and
// the first bytes of the non-ASCII characters it has a rule for. Any other byte is ASCII
// text, a continuation byte, or the start of a character no rule names.
var scanStops = func() (t [256]bool) {
	for c := range 0x20 {
		t[c] = c != '\n'
	}
	t[0x7f], t[0xc2], t[0xe2], t[0xef] = true, true, true, true
	return t
}()

// scanText checks data in one pass of bytes: a valid UTF-8 sequence is recognised by its
// first bytes alone (C1 controls are C2 80–9F; LS, PS and the bidirectional controls start
// E2 80 or E2 81; U+FEFF, U+FFFE and U+FFFF start EF).
func scanText(data []byte) textScan {
	if !utf8.Valid(data) {
		return textScan{}
	}
	s := textScan{clean: true, subset: true}
	for i := 0; i < len(data); i++ {
		c := data[i]
		if !scanStops[c] {
			continue
		}
		switch c {
		case '\t':
			s.subset = false
		case '\r':
			if i+1 == len(data) || data[i+1] != '\n' {
				s.subset = false
			}
		case 0xc2:
			if data[i+1] == 0x85 {
				s.subset = false // NEL
			} else if data[i+1] <= 0x9f {
				return textScan{}
			}
		case 0xe2:
			switch b1, b2 := data[i+1], data[i+2]; {
			case b1 == 0x80 && (b2 == 0xa8 || b2 == 0xa9):
				s.subset = false
			case b1 == 0x80 && b2 >= 0xaa && b2 <= 0xae, b1 == 0x81 && b2 >= 0xa6 && b2 <= 0xa9:
				s.bidi = true
			}
		case 0xef:
			switch b1, b2 := data[i+1], data[i+2]; {
			case b1 == 0xbf && (b2 == 0xbe || b2 == 0xbf):
				return textScan{}
			case b1 == 0xbb && b2 == 0xbf && i > 0:
				s.subset = false
			}
		default:
			if c < 0x20 || c == 0x7f {
				return textScan{}
			}
		}
	}
	return s
}

// subsetDecline is what the subset parser panics with to give a file up to yaml.v3; it
// never leaves parseSubset.
type subsetDecline struct{}

// maxSubsetDepth bounds the parser's recursion; a file nested deeper goes to yaml.v3 (and
// the loader's own limit, maxDepth, is lower still).
const maxSubsetDepth = 100

// maxSubsetKey is the longest key the parser takes, in bytes: yaml.v3 looks no further
// than 1,024 characters for the ":" after a key.
const maxSubsetKey = 1000

// subsetParser walks the file's text once. Nodes and their Content slices are cut from
// chunks allocated together, and values are slices of src wherever the file holds them
// as they are (no escapes, no folding): a load allocates a few hundred times less.
type subsetParser struct {
	src       string
	i         int // the next byte to read
	line      int // the line of i, from 1
	lineStart int // the offset of the line's first character
	// ready is set when i is at the first character of a content line already found by
	// nextContent, whose indentation is indent.
	ready  bool
	indent int
	depth  int

	// colLine, colOff and colN remember the last column computed on the line starting at
	// colLine: colN characters lie before colOff.
	colLine, colOff, colN int

	escaped bool // a double-quoted text had an escape sequence

	nodes []yaml.Node  // unused nodes of the current chunk
	ptrs  []*yaml.Node // unused room for Content slices
	stack []*yaml.Node // the children of the collections being read
	// nodesMade and ptrsMade count the nodes and pointers allocated so far (see chunk).
	nodesMade, ptrsMade int
}

func (p *subsetParser) decline() { panic(subsetDecline{}) }

// at returns the byte at i, or 0 past the end (the file holds no NUL: see scanText).
func (p *subsetParser) at(i int) byte {
	if i < len(p.src) {
		return p.src[i]
	}
	return 0
}

// isEnd reports whether c ends a line: a line feed, the carriage return of a CRLF (a lone
// one was refused by scanText), or the end of the file.
func isEnd(c byte) bool { return c == '\n' || c == '\r' || c == 0 }

// isBlankEnd reports whether c is a space or ends a line.
func isBlankEnd(c byte) bool { return c == ' ' || isEnd(c) }

// col is the column (in characters, from 1) of offset off on the current line.
func (p *subsetParser) col(off int) int {
	if p.colLine != p.lineStart || off < p.colOff {
		p.colLine, p.colOff, p.colN = p.lineStart, p.lineStart, 0
	}
	n := p.colN
	for i := p.colOff; i < off; i++ {
		if p.src[i]&0xc0 != 0x80 {
			n++
		}
	}
	p.colOff, p.colN = off, n
	return n + 1
}

// node returns a new node of the current line, at offset off.
func (p *subsetParser) node(kind yaml.Kind, tag string, style yaml.Style, value string, off int) *yaml.Node {
	return p.nodeAt(kind, tag, style, value, p.line, p.col(off))
}

func (p *subsetParser) nodeAt(kind yaml.Kind, tag string, style yaml.Style, value string, line, col int) *yaml.Node {
	if len(p.nodes) == 0 {
		p.nodes = make([]yaml.Node, p.chunk(&p.nodesMade))
	}
	n := &p.nodes[0]
	p.nodes = p.nodes[1:]
	n.Kind, n.Tag, n.Style, n.Value, n.Line, n.Column = kind, tag, style, value, line, col
	return n
}

// content moves the children pushed since base into n.Content. The slice is capped, so
// that appending to it never writes into a neighbour's.
func (p *subsetParser) content(n *yaml.Node, base int) {
	kids := p.stack[base:]
	if len(kids) > len(p.ptrs) {
		p.ptrs = make([]*yaml.Node, max(len(kids), p.chunk(&p.ptrsMade)))
	}
	k := len(kids)
	n.Content = p.ptrs[:k:k]
	copy(n.Content, kids)
	p.ptrs = p.ptrs[k:]
	p.stack = p.stack[:base]
}

// chunk is how many nodes (or Content pointers) to allocate at once: first two per line
// of the file, which the guidelines and scenarios need (a synthetic form with flow
// mappings needs four), then what the rest of the file needs if it is as dense as the part
// read so far, and a tenth more: one chunk for the rest, where growing by half each time
// allocated a third of the synthetic form's nodes for nothing. A chunk stays alive while
// any node in it does, so it must not be much larger than the file's tree: a chunk is at
// most half as many again as so far, as when a long file starts with a dense line.
func (p *subsetParser) chunk(allocated *int) int {
	if *allocated == 0 {
		*allocated = 2*strings.Count(p.src, "\n") + 16
		return *allocated
	}
	rest := *allocated * 11 / 10
	if p.i > 0 {
		rest = int(int64(*allocated) * int64(len(p.src)-p.i) / int64(p.i) * 11 / 10)
	}
	n := max(64, min(rest, *allocated*3/2))
	*allocated += n
	return n
}

func (p *subsetParser) enter() {
	p.depth++
	if p.depth > maxSubsetDepth {
		p.decline()
	}
}

// nextLine moves to the start of the line after the one i is on.
func (p *subsetParser) nextLine() {
	j := strings.IndexByte(p.src[p.i:], '\n')
	if j < 0 {
		p.i = len(p.src)
		return
	}
	p.i += j + 1
	p.line++
	p.lineStart = p.i
}

// skipSpaces moves past spaces on the line and reports whether there were any.
func (p *subsetParser) skipSpaces() bool {
	start := p.i
	for p.at(p.i) == ' ' {
		p.i++
	}
	return p.i > start
}

// endLine reads the rest of a line after a value: spaces, then a comment (after a space)
// or nothing; and moves to the next line.
func (p *subsetParser) endLine() {
	spaced := p.skipSpaces()
	c := p.at(p.i)
	if !isEnd(c) && (c != '#' || !spaced && p.i > p.lineStart) {
		p.decline()
	}
	p.ready = false
	p.nextLine()
}

// nextContent finds the next line with content (not blank, not only a comment) and puts i
// on its first character. It reports the line's indentation, or eof at the end of the file.
func (p *subsetParser) nextContent() (indent int, eof bool) {
	if p.ready {
		return p.indent, false
	}
	for p.i < len(p.src) {
		p.skipSpaces()
		c := p.at(p.i)
		if isEnd(c) || c == '#' {
			p.nextLine()
			continue
		}
		indent = p.i - p.lineStart
		if indent == 0 && (c == '%' || p.marker("---") || p.marker("...")) {
			p.decline() // directives and documents: yaml.v3 reads those
		}
		p.ready, p.indent = true, indent
		return indent, false
	}
	return 0, true
}

// marker reports whether the line at i starts with the document marker m.
func (p *subsetParser) marker(m string) bool {
	return strings.HasPrefix(p.src[p.i:], m) && isBlankEnd(p.at(p.i+3))
}

// isDash reports whether i is at a list item's dash.
func (p *subsetParser) isDash() bool {
	return p.at(p.i) == '-' && isBlankEnd(p.at(p.i+1))
}

// document reads the file: one block mapping or list, and nothing after it.
func (p *subsetParser) document() *yaml.Node {
	indent, eof := p.nextContent()
	if eof {
		p.decline() // an empty file: the loader says so through yaml.v3's io.EOF
	}
	doc := p.node(yaml.DocumentNode, "", 0, "", p.i)
	root := p.blockNode(indent)
	if _, eof := p.nextContent(); !eof {
		p.decline()
	}
	doc.Content = []*yaml.Node{root}
	return doc
}

// blockNode reads the mapping or list that starts at i, on a line indented by indent.
func (p *subsetParser) blockNode(indent int) *yaml.Node {
	if p.isDash() {
		return p.blockList(indent, false)
	}
	if p.hasKey() {
		return p.blockMapping(indent)
	}
	p.decline() // a text on a line of its own, or a flow collection
	return nil
}

// blockMapping reads a mapping whose first key is at i, in column indent (from 0).
func (p *subsetParser) blockMapping(indent int) *yaml.Node {
	p.enter()
	n := p.node(yaml.MappingNode, "!!map", 0, "", p.i)
	base := len(p.stack)
	for {
		p.stack = append(p.stack, p.key())
		p.stack = append(p.stack, p.value(indent))
		next, eof := p.nextContent()
		if eof || next < indent {
			break
		}
		if next > indent || !p.hasKey() {
			p.decline() // a text continued on the next line, or odd indentation
		}
	}
	p.content(n, base)
	p.depth--
	return n
}

// blockList reads a list whose first dash is at i, in column indent. An indentless list
// (the value of a key, its dashes in the key's column) ends at the mapping's next key.
func (p *subsetParser) blockList(indent int, indentless bool) *yaml.Node {
	p.enter()
	n := p.node(yaml.SequenceNode, "!!seq", 0, "", p.i)
	base := len(p.stack)
	for {
		p.stack = append(p.stack, p.item(indent))
		next, eof := p.nextContent()
		if eof || next < indent {
			break
		}
		if next > indent {
			p.decline()
		}
		if !p.isDash() {
			if indentless {
				break
			}
			p.decline()
		}
	}
	p.content(n, base)
	p.depth--
	return n
}

// item reads one list item, i at its dash in column indent.
func (p *subsetParser) item(indent int) *yaml.Node {
	p.ready = false
	p.i++
	dashEnd := p.i
	p.skipSpaces()
	c := p.at(p.i)
	switch {
	case isEnd(c) || c == '#':
		line, col := p.line, p.col(dashEnd)
		p.endLine()
		if next, eof := p.nextContent(); !eof && next > indent {
			return p.blockNode(next)
		}
		return p.nodeAt(yaml.ScalarNode, "!!null", 0, "", line, col)
	case p.isDash():
		return p.blockList(p.i-p.lineStart, false) // "- - a": the columns are all ASCII
	case c == '|' || c == '>':
		return p.blockText(indent)
	case p.hasKey():
		return p.blockMapping(p.i - p.lineStart)
	}
	return p.inlineValue()
}

// value reads the value of a key of a mapping in column indent, i just past the ":".
func (p *subsetParser) value(indent int) *yaml.Node {
	colonEnd := p.i
	p.skipSpaces()
	c := p.at(p.i)
	switch {
	case isEnd(c) || c == '#':
		line, col := p.line, p.col(colonEnd)
		p.endLine()
		next, eof := p.nextContent()
		switch {
		case eof:
		case next > indent:
			return p.blockNode(next)
		case next == indent && p.isDash():
			return p.blockList(indent, true)
		}
		return p.nodeAt(yaml.ScalarNode, "!!null", 0, "", line, col)
	case c == '|' || c == '>':
		return p.blockText(indent)
	}
	return p.inlineValue()
}

// inlineValue reads a value that ends on its own line: a plain or quoted text, or a flow
// collection; then the rest of the line.
func (p *subsetParser) inlineValue() *yaml.Node {
	var n *yaml.Node
	switch p.at(p.i) {
	case '"', '\'':
		n = p.quoted()
	case '{', '[':
		n = p.flow()
	default:
		n = p.plain(false)
	}
	p.endLine()
	return n
}

// hasKey reports whether the line from i starts with a key: a quoted or plain text
// followed by ":" and a space or the end of the line.
func (p *subsetParser) hasKey() bool {
	s := p.src[p.i:]
	if end := strings.IndexByte(s, '\n'); end >= 0 {
		s = s[:end]
	}
	if s == "" {
		return false
	}
	j := 0
	switch q := s[0]; q {
	case '"', '\'':
		for j = 1; j < len(s); j++ {
			if s[j] == '\\' && q == '"' {
				j++
				continue
			}
			if s[j] == q {
				if q == '\'' && j+1 < len(s) && s[j+1] == '\'' {
					j++
					continue
				}
				break
			}
		}
		j++
		return j < len(s) && s[j] == ':' && (j+1 == len(s) || isBlankEnd(s[j+1]))
	case '{', '[':
		return false
	}
	for ; j < len(s); j++ {
		switch s[j] {
		case ':':
			if j+1 == len(s) || isBlankEnd(s[j+1]) {
				return true
			}
		case '#':
			if j > 0 && s[j-1] == ' ' {
				return false
			}
		}
	}
	return false
}

// key reads a mapping's key and its ":"; hasKey has found them.
func (p *subsetParser) key() *yaml.Node {
	p.ready = false
	start := p.i
	var k *yaml.Node
	if c := p.at(p.i); c == '"' || c == '\'' {
		k = p.quoted()
	} else {
		end := start + strings.IndexByte(p.src[start:], ':')
		for end >= start && !isBlankEnd(p.at(end+1)) {
			j := strings.IndexByte(p.src[end+1:], ':')
			if j < 0 {
				p.decline()
			}
			end += 1 + j
		}
		if end < start {
			p.decline()
		}
		text := p.src[start:end]
		if text == "" || text[len(text)-1] == ' ' || !plainStart(text) {
			p.decline()
		}
		k = p.node(yaml.ScalarNode, resolvePlain(text), 0, text, start)
		p.i = end
	}
	if p.i-start > maxSubsetKey || p.at(p.i) != ':' {
		p.decline()
	}
	p.i++
	return k
}

// plainStart reports whether a plain text may start as s does: not with an indicator,
// except a "-" followed by something other than a space.
func plainStart(s string) bool {
	switch s[0] {
	case '-':
		return len(s) > 1 && s[1] != ' '
	case '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`':
		return false
	}
	return true
}

// plain reads a plain text at i: in a block, to the end of the line or a comment; in a
// flow collection, to the next ",", bracket or ": ".
func (p *subsetParser) plain(inFlow bool) *yaml.Node {
	start, end := p.i, p.i
	for ; ; end++ {
		c := p.at(end)
		if isEnd(c) {
			break
		}
		if c == ':' {
			if inFlow && p.at(end+1) == ' ' {
				break
			}
			if inFlow || isBlankEnd(p.at(end+1)) {
				p.decline() // a key where a value belongs, or a ":" yaml.v3 reads its own way
			}
		}
		if c == '#' || c == '?' && inFlow {
			if inFlow {
				p.decline()
			}
			if p.at(end-1) == ' ' {
				break
			}
		}
		if inFlow && (c == ',' || c == '[' || c == ']' || c == '{' || c == '}') {
			break
		}
	}
	p.i = end
	for end > start && p.src[end-1] == ' ' {
		end--
	}
	text := p.src[start:end]
	if text == "" || !plainStart(text) {
		p.decline()
	}
	return p.node(yaml.ScalarNode, resolvePlain(text), 0, text, start)
}

// quoted reads a quoted text that ends on its line.
func (p *subsetParser) quoted() *yaml.Node {
	start := p.i
	q := p.src[start]
	var b []byte // the value, once it differs from the file's text
	changed := false
	copied := start + 1 // the first byte of the file not yet in b
	i := start + 1
	for {
		c := p.at(i)
		if isEnd(c) {
			p.decline() // not closed on this line: a folded text, or an error
		}
		if c == q {
			if q == '\'' && p.at(i+1) == '\'' {
				b = append(b, p.src[copied:i+1]...) // one of the two quotes
				i += 2
				copied, changed = i, true
				continue
			}
			break
		}
		if c == '\\' && q == '"' {
			b = append(b, p.src[copied:i]...)
			b, i = p.escape(b, i)
			p.escaped = true
			copied, changed = i, true
			continue
		}
		i++
	}
	value := p.src[start+1 : i]
	if changed {
		value = string(append(b, p.src[copied:i]...))
	}
	style := yaml.DoubleQuotedStyle
	if q == '\'' {
		style = yaml.SingleQuotedStyle
	}
	n := p.node(yaml.ScalarNode, "!!str", style, value, start)
	p.i = i + 1
	return n
}

// escape appends to b what the escape sequence at i of a double-quoted text stands for,
// and returns the offset after it. An escaped line break (a text folded over lines) and
// anything yaml.v3 rejects are declined.
func (p *subsetParser) escape(b []byte, i int) ([]byte, int) {
	digits := 0
	switch c := p.at(i + 1); c {
	case '0':
		b = append(b, 0)
	case 'a':
		b = append(b, 7)
	case 'b':
		b = append(b, 8)
	case 't':
		b = append(b, 9)
	case 'n':
		b = append(b, 10)
	case 'v':
		b = append(b, 11)
	case 'f':
		b = append(b, 12)
	case 'r':
		b = append(b, 13)
	case 'e':
		b = append(b, 27)
	case ' ', '"', '\'', '\\':
		b = append(b, c)
	case 'N':
		b = append(b, "\u0085"...)
	case '_':
		b = append(b, "\u00a0"...)
	case 'L':
		b = append(b, "\u2028"...)
	case 'P':
		b = append(b, "\u2029"...)
	case 'x':
		digits = 2
	case 'u':
		digits = 4
	case 'U':
		digits = 8
	default:
		p.decline()
	}
	i += 2
	if digits == 0 {
		return b, i
	}
	if i+digits > len(p.src) {
		p.decline()
	}
	v, err := strconv.ParseUint(p.src[i:i+digits], 16, 32)
	if err != nil || v >= 0xd800 && v <= 0xdfff || v > 0x10ffff {
		p.decline()
	}
	return utf8.AppendRune(b, rune(v)), i + digits
}

// flow reads a flow mapping or list ({…} or […]) that ends on its line.
func (p *subsetParser) flow() *yaml.Node {
	p.enter()
	open := p.src[p.i]
	kind, tag, close := yaml.MappingNode, "!!map", byte('}')
	if open == '[' {
		kind, tag, close = yaml.SequenceNode, "!!seq", ']'
	}
	n := p.node(kind, tag, yaml.FlowStyle, "", p.i)
	p.i++
	p.skipSpaces()
	base := len(p.stack)
	if p.at(p.i) != close {
		for {
			if kind == yaml.MappingNode {
				start := p.i
				k := p.flowItem()
				if k.Kind != yaml.ScalarNode || p.i-start > maxSubsetKey || p.at(p.i) != ':' || p.at(p.i+1) != ' ' {
					p.decline()
				}
				p.i += 2
				p.skipSpaces()
				p.stack = append(p.stack, k)
			}
			p.stack = append(p.stack, p.flowItem())
			p.skipSpaces()
			if p.at(p.i) == ',' {
				p.i++
				p.skipSpaces()
				if p.at(p.i) == close {
					p.decline() // a trailing comma
				}
				continue
			}
			if p.at(p.i) != close {
				p.decline()
			}
			break
		}
	}
	p.i++
	p.content(n, base)
	p.depth--
	return n
}

// flowItem reads a value inside a flow collection.
func (p *subsetParser) flowItem() *yaml.Node {
	switch p.at(p.i) {
	case '"', '\'':
		return p.quoted()
	case '{', '[':
		return p.flow()
	}
	return p.plain(true)
}

// blockText reads a block text (| or >) whose indicator is at i; indent is the column of
// the mapping or list it belongs to. It follows yaml.v3's scanner: the indentation is
// the first line's unless given, breaks are kept or folded, the end chomped.
func (p *subsetParser) blockText(indent int) *yaml.Node {
	literal := p.src[p.i] == '|'
	style := yaml.FoldedStyle
	if literal {
		style = yaml.LiteralStyle
	}
	line, col := p.line, p.col(p.i)
	p.i++
	chomp, step := 0, 0
	for range 2 {
		switch c := p.at(p.i); {
		case (c == '+' || c == '-') && chomp == 0:
			chomp = 1
			if c == '-' {
				chomp = -1
			}
		case c >= '1' && c <= '9' && step == 0:
			step = int(c - '0')
		default:
			continue
		}
		p.i++
	}
	if c := p.at(p.i); c != ' ' && !isEnd(c) {
		p.decline()
	}
	p.endLine()

	want := 0 // the text's indentation, once known
	if step > 0 {
		want = indent + step
	}
	var b []byte
	breaks := p.textBreaks(&want, indent)
	leadingBreak, leadingBlank := false, false
	for p.i-p.lineStart == want && p.i < len(p.src) {
		trailingBlank := p.at(p.i) == ' '
		if !literal && !leadingBlank && !trailingBlank && leadingBreak {
			if breaks == 0 {
				b = append(b, ' ')
			}
		} else if leadingBreak {
			b = append(b, '\n')
		}
		for ; breaks > 0; breaks-- {
			b = append(b, '\n')
		}
		leadingBlank = trailingBlank
		end := p.i
		for !isEnd(p.at(end)) {
			end++
		}
		b = append(b, p.src[p.i:end]...)
		p.i = end
		leadingBreak = p.i < len(p.src)
		if leadingBreak {
			p.nextLine()
		}
		breaks = p.textBreaks(&want, indent)
	}
	if chomp != -1 && leadingBreak {
		b = append(b, '\n')
	}
	if chomp == 1 {
		for ; breaks > 0; breaks-- {
			b = append(b, '\n')
		}
	}
	// i is on the first line after the text (or at the end of the file): nextContent reads
	// it from its start.
	if p.i < len(p.src) {
		p.i = p.lineStart
	}
	p.ready = false
	return p.nodeAt(yaml.ScalarNode, "!!str", style, string(b), line, col)
}

// textBreaks moves past the indentation and the empty lines before a block text's next
// line, and returns how many line breaks it passed. With *want unknown (0), it sets it as
// yaml.v3 does: the deepest of those lines' indentations and the first text line's, at
// least one more than the parent's indent.
func (p *subsetParser) textBreaks(want *int, indent int) (breaks int) {
	deepest := 0
	for {
		for (*want == 0 || p.i-p.lineStart < *want) && p.at(p.i) == ' ' {
			p.i++
		}
		deepest = max(deepest, p.i-p.lineStart)
		if p.i >= len(p.src) || !isEnd(p.at(p.i)) {
			break
		}
		p.nextLine()
		breaks++
	}
	if *want == 0 {
		*want = max(deepest, indent+1, 1)
	}
	return breaks
}

// resolvePlain is the tag yaml.v3 gives a plain text: null, bool, int, float or str. A
// text that could be one of yaml.v3's rarer forms (a timestamp, a hexadecimal, octal or
// binary number, an exponent, underscores) is declined rather than guessed.
func resolvePlain(s string) string {
	if s == "" {
		return "!!null"
	}
	switch c := s[0]; {
	case strings.IndexByte("yYnNtTfFoO~<", c) >= 0:
		switch s {
		case "true", "True", "TRUE", "false", "False", "FALSE":
			return "!!bool"
		case "~", "null", "Null", "NULL":
			return "!!null"
		case "<<":
			panic(subsetDecline{}) // a merge key
		}
		return "!!str"
	case c == '+' || c == '-' || c == '.' || c >= '0' && c <= '9':
		if isDecimalInt(s) {
			return "!!int"
		}
		if isDecimalFloat(s) {
			return "!!float"
		}
		if isDate(s) {
			// A date, as an answer to a date question is written: yaml.v3 makes it a
			// timestamp when the calendar has the day, else a text.
			if _, err := time.Parse("2006-1-2", s); err == nil {
				return "!!timestamp"
			}
			return "!!str"
		}
		for i := 0; i < len(s); i++ {
			if strings.IndexByte("0123456789+-._: xXoObBaAcCdDeEfFiInNpPtTzZ", s[i]) < 0 {
				return "!!str" // no number, timestamp or special float has this character
			}
		}
		panic(subsetDecline{})
	}
	return "!!str"
}

// isDecimalInt reports whether s is an integer without a leading zero that int64 holds.
func isDecimalInt(s string) bool {
	if s[0] == '+' || s[0] == '-' {
		s = s[1:]
	}
	return s != "" && len(s) <= 18 && (len(s) == 1 || s[0] != '0') && allDigits(s)
}

// isDate reports whether s is four digits, a dash, one or two digits, a dash and one or
// two digits.
func isDate(s string) bool {
	y, md, ok := strings.Cut(s, "-")
	m, d, ok2 := strings.Cut(md, "-")
	return ok && ok2 && len(y) == 4 && len(m) >= 1 && len(m) <= 2 && len(d) >= 1 && len(d) <= 2 &&
		allDigits(y) && allDigits(m) && allDigits(d)
}

// allDigits reports whether s is made of ASCII digits only.
func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// isDecimalFloat reports whether s is digits, a point and digits, with an optional sign
// and either side of the point possibly empty (but not both).
func isDecimalFloat(s string) bool {
	if s[0] == '+' || s[0] == '-' {
		s = s[1:]
	}
	whole, frac, ok := strings.Cut(s, ".")
	return ok && whole+frac != "" && allDigits(whole) && allDigits(frac)
}
