package guidelines

import (
	"strings"
	"unicode/utf8"
)

// yaml.v3 reports a syntax error at the line where the enclosing mapping or list began (its
// "context mark"), without a column: a dedented key comes out at the list's first item,
// eleven lines early, and an unquoted `*text` with no line at all. goccy/go-yaml, measured
// against it, places two of the four common slips exactly but the other two worse, and
// parses two to four times slower (see the README's Performance section). So the loader
// keeps yaml.v3 and, only once it has failed, looks for the slip itself with locateFault.

// fault is a YAML syntax error placed exactly, with the fix in words.
type fault struct {
	pos    Pos
	reason Phrase
}

// faultScan is the state of locateFault's one pass over the lines.
type faultScan struct {
	lines []string
	from  int // the first line (1-based) a fault may be reported on

	levels []level // the open block collections, innermost last
	// quote is the quote character of a quoted text that runs on past its line, 0 when
	// none; quoteAt is where it opened and quoteIndent the indentation of that line.
	quote       byte
	quoteAt     Pos
	quoteIndent int
	// block is the indentation of the line that opened a literal or folded text (| or >),
	// -1 outside one: every line indented more belongs to the text.
	block int
	// plain is the indentation of a key whose plain text value may go on over the next,
	// more indented lines; -1 when the last line ended no such value.
	plain int
	flow  int // the depth of [ and { still open
	// flowAt is where the outermost open [ or { is, flowOpen that character, and
	// flowIndent the indentation of its line.
	flowAt     Pos
	flowOpen   byte
	flowIndent int
	found      *fault
}

// level is one open block mapping or list: the column its keys or dashes start at (0-based).
type level struct {
	indent int
	list   bool
	// compact marks a list whose dashes are at the column of the key it belongs to
	// ("key:\n- item"): the next key at that column ends it.
	compact bool
}

// locateFault scans lines for the first slip at or after line from (yaml.v3's line is
// where the enclosing block began: the slip is never before it): a tab that indents, a
// text that starts with * or &, a quote that is not closed, a line indented to no level of
// the block around it. It reports false when it finds none of these, and the caller then
// keeps yaml.v3's own message.
func locateFault(lines []string, from int) (fault, bool) {
	s := &faultScan{lines: lines, from: max(from, 1), block: -1, plain: -1}
	for i := 0; i < len(lines) && s.found == nil; i++ {
		s.line(i+1, lines[i])
	}
	if s.quote != 0 {
		s.reportOpen(s.quoteAt, len(lines), phrase("diag.yaml.fault.quote"))
	}
	if s.flow > 0 {
		s.reportOpen(s.flowAt, len(lines), phrase("diag.yaml.fault.flow", "Open", string(s.flowOpen), "Close", string(closing(s.flowOpen))))
	}
	if s.found == nil {
		return fault{}, false
	}
	return *s.found, true
}

// report keeps the first fault at or after s.from; one before it is a false alarm of this
// scan, since yaml.v3 read that far without complaint.
func (s *faultScan) report(p Pos, reason Phrase) {
	if s.found == nil && p.Line >= s.from {
		s.found = &fault{pos: p, reason: reason}
	}
}

// reportOpen reports a quote or bracket opened at p and found unclosed on line seen. yaml.v3
// complains where the text it swallowed ends, which may be after the line from which
// faults are kept: the opening itself may come before it.
func (s *faultScan) reportOpen(p Pos, seen int, reason Phrase) {
	if s.found == nil && seen >= s.from {
		s.found = &fault{pos: p, reason: reason}
	}
}

// col is the 1-based column, in characters, of byte offset i of line.
func col(line string, i int) int { return utf8.RuneCountInString(line[:i]) + 1 }

func (s *faultScan) line(n int, line string) {
	indent := 0
	for indent < len(line) && line[indent] == ' ' {
		indent++
	}
	rest := line[indent:]
	blank := strings.TrimLeft(rest, " \t") == "" || strings.HasPrefix(strings.TrimLeft(rest, " \t"), "#")

	if s.quote != 0 {
		// yaml.v3 takes the lines of a [ ] or { } back at the level of their key (not
		// of a key before it); a quoted text alone must stay under its key.
		out := indent <= s.quoteIndent
		if s.flow > 0 {
			out = indent < s.flowIndent
		}
		if !blank && out {
			// A quoted text may go on over several lines, but only indented under its
			// key; a line back at the key's level is the next key, swallowed.
			s.reportOpen(s.quoteAt, n, phrase("diag.yaml.fault.quote"))
			return
		}
		end := closeQuote(line, 0, s.quote)
		if end < 0 {
			return
		}
		s.quote = 0
		s.rest(n, line, end+1)
		return
	}
	if s.block >= 0 {
		if blank || indent > s.block {
			return
		}
		s.block = -1
	}
	if blank {
		return
	}
	if s.flow > 0 {
		if indent < s.flowIndent {
			// Inside [ ] or { } indentation means nothing, but the lines must not go
			// back past the key: one that does is the next key of an outer block.
			s.reportOpen(s.flowAt, n, phrase("diag.yaml.fault.flow", "Open", string(s.flowOpen), "Close", string(closing(s.flowOpen))))
			return
		}
		s.rest(n, line, indent)
		return
	}
	if rest[0] == '\t' {
		s.report(Pos{Line: n, Col: col(line, indent)}, phrase("diag.yaml.fault.tab"))
		return
	}
	if s.plain >= 0 && indent > s.plain {
		if keyEnd(line, indent) >= 0 {
			// A text without quotes may go on over more indented lines, but cannot
			// hold ": ": this is a key indented more than the keys above it.
			s.report(Pos{Line: n, Col: indent + 1}, phrase("diag.yaml.fault.indent", "Col", s.plain+1))
		}
		return // the plain text of the key above goes on
	}
	s.plain = -1
	if indent == 0 && (strings.HasPrefix(rest, "---") || strings.HasPrefix(rest, "...") || rest[0] == '%') {
		return
	}
	s.structure(n, line, indent)
}

// structure checks the indentation of a line that starts a key or a list item, then reads
// the rest of it.
func (s *faultScan) structure(n int, line string, indent int) {
	var closed *level
	for len(s.levels) > 0 && s.levels[len(s.levels)-1].indent > indent {
		closed = &s.levels[len(s.levels)-1]
		s.levels = s.levels[:len(s.levels)-1]
	}
	dash := isDash(line[indent:])
	if k := len(s.levels); k > 0 && !dash && s.levels[k-1].compact && s.levels[k-1].indent == indent {
		s.levels = s.levels[:k-1] // a key after a list written at its own key's column
		closed = nil
	}
	if len(s.levels) > 0 {
		top := s.levels[len(s.levels)-1]
		switch {
		case top.indent == indent && top.list && !dash && closed != nil:
			// A key at the column of the list's dashes, after a deeper item: it was meant
			// for that item and lost its indentation.
			s.report(Pos{Line: n, Col: indent + 1}, phrase("diag.yaml.fault.indent", "Col", closed.indent+1))
			return
		case top.indent < indent && closed != nil:
			s.report(Pos{Line: n, Col: indent + 1}, phrase("diag.yaml.fault.indent", "Col", closed.indent+1))
			return
		}
	}
	i := indent
	for isDash(line[i:]) {
		s.push(i, true)
		i++
		for i < len(line) && line[i] == ' ' {
			i++
		}
		if i < len(line) && line[i] == '\t' {
			s.report(Pos{Line: n, Col: col(line, i)}, phrase("diag.yaml.fault.tab"))
			return
		}
	}
	if i >= len(line) || line[i] == '#' {
		return
	}
	if keyEnd(line, i) >= 0 {
		s.push(i, false)
	}
	s.key(n, line, i)
}

// push opens a block collection at indent, unless one is open there already.
func (s *faultScan) push(indent int, list bool) {
	if k := len(s.levels); k > 0 && s.levels[k-1].indent == indent {
		if list && !s.levels[k-1].list {
			s.levels = append(s.levels, level{indent: indent, list: true, compact: true})
		}
		return
	}
	s.levels = append(s.levels, level{indent: indent, list: list})
}

// closing returns the bracket that closes open.
func closing(open byte) byte {
	if open == '[' {
		return ']'
	}
	return '}'
}

// isDash reports whether s starts with a list item's dash.
func isDash(s string) bool {
	return strings.HasPrefix(s, "-") && (len(s) == 1 || s[1] == ' ' || s[1] == '\t')
}

// key reads a line's content from byte i: a key and its value, or a value alone.
func (s *faultScan) key(n int, line string, i int) {
	if line[i] == '"' || line[i] == '\'' {
		// A quoted key or a quoted value: either way the quote must close.
		s.rest(n, line, i)
		return
	}
	if c := line[i]; c == '*' || c == '&' {
		s.report(Pos{Line: n, Col: col(line, i)}, phrase("diag.yaml.fault.anchor"))
		return
	}
	if line[i] == '{' || line[i] == '[' || line[i] == '|' || line[i] == '>' {
		s.value(n, line, i, i)
		return
	}
	sep := keyEnd(line, i)
	if sep < 0 {
		return // a plain value alone on its line
	}
	v := sep + 1
	for v < len(line) && (line[v] == ' ' || line[v] == '\t') {
		v++
	}
	s.value(n, line, v, i)
}

// keyEnd returns the offset of the colon that ends a plain key starting at i, or -1.
func keyEnd(line string, i int) int {
	for j := i; j < len(line); j++ {
		switch line[j] {
		case ':':
			if j+1 == len(line) || line[j+1] == ' ' || line[j+1] == '\t' {
				return j
			}
		case '#':
			if j > i && (line[j-1] == ' ' || line[j-1] == '\t') {
				return -1
			}
		}
	}
	return -1
}

// value reads the value that starts at byte v of line, its key starting at byte keyAt.
func (s *faultScan) value(n int, line string, v, keyAt int) {
	if v >= len(line) || line[v] == '#' {
		return // a nested block follows
	}
	switch line[v] {
	case '*', '&':
		s.report(Pos{Line: n, Col: col(line, v)}, phrase("diag.yaml.fault.anchor"))
	case '|', '>':
		s.block = keyAt
		if k := len(s.levels); k > 0 && s.levels[k-1].list && s.levels[k-1].indent < keyAt {
			s.block = s.levels[k-1].indent
		}
	case '"', '\'', '{', '[':
		s.rest(n, line, v)
	default:
		if c := keyEnd(line, v); c >= 0 {
			s.report(Pos{Line: n, Col: col(line, c)}, phrase("diag.yaml.colon_not_allowed"))
			return
		}
		s.plain = keyAt
	}
}

// rest scans line from byte i for quotes and flow brackets, outside comments.
func (s *faultScan) rest(n int, line string, i int) {
	for ; i < len(line) && s.found == nil; i++ {
		switch c := line[i]; c {
		case '{', '[':
			if s.flow == 0 {
				s.flowAt, s.flowOpen = Pos{Line: n, Col: col(line, i)}, c
				s.flowIndent = len(line) - len(strings.TrimLeft(line, " "))
			}
			s.flow++
		case '}', ']':
			if s.flow > 0 {
				s.flow--
			}
		case '#':
			if i == 0 || line[i-1] == ' ' || line[i-1] == '\t' {
				return
			}
		case '*', '&':
			if s.flow > 0 && quoteStarts(line, i) {
				s.report(Pos{Line: n, Col: col(line, i)}, phrase("diag.yaml.fault.anchor"))
			}
		case '"', '\'':
			if !quoteStarts(line, i) {
				continue
			}
			end := closeQuote(line, i+1, c)
			if end < 0 {
				s.quote, s.quoteAt = c, Pos{Line: n, Col: col(line, i)}
				s.quoteIndent = len(line) - len(strings.TrimLeft(line, " "))
				return
			}
			i = end
		}
	}
}

// quoteStarts reports whether the character at byte i starts a value (a quote opens a
// quoted text there, not inside a plain one: `it's`).
func quoteStarts(line string, i int) bool {
	j := i - 1
	for j >= 0 && (line[j] == ' ' || line[j] == '\t') {
		j--
	}
	if j < 0 {
		return true
	}
	switch line[j] {
	case '{', '[', ',', ':', '-':
		return true
	}
	return false
}

// closeQuote returns the offset of the quote q that closes a text from byte i, or -1 when
// the line ends first. In single quotes a doubled quote stands for one; in double quotes a
// backslash escapes the next character.
func closeQuote(line string, i int, q byte) int {
	for ; i < len(line); i++ {
		switch line[i] {
		case '\\':
			if q == '"' {
				i++
			}
		case q:
			if q == '\'' && i+1 < len(line) && line[i+1] == '\'' {
				i++
				continue
			}
			return i
		}
	}
	return -1
}
