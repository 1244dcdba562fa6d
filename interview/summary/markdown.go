package summary

import (
	"fmt"
	"io"
	"regexp"
	"strings"
	"unicode"
)

// WriteMarkdown writes the summary as Markdown that reads well as plain text and converts
// cleanly with pandoc (or any CommonMark tool). Text from files and people is escaped, so a
// note cannot turn into a heading, a link or raw HTML when the file is converted.
func (s *Summary) WriteMarkdown(w io.Writer) error {
	var b strings.Builder
	blocks := s.layout()
	for i, bl := range blocks {
		if i > 0 {
			b.WriteByte('\n')
		}
		switch bl.Kind {
		case blockTitle:
			b.WriteString("# " + mdSpans(bl.Spans) + "\n")
		case blockBanner:
			b.WriteString(mdLineStart(mdSpans(bl.Spans)) + "\n")
		case blockFields:
			for _, f := range bl.Fields {
				b.WriteString("- **" + mdEscape(f.Label) + ":** " + mdEscape(f.Value) + "\n")
			}
		case blockHeading:
			b.WriteString("## " + mdSpans(bl.Spans) + "\n")
		case blockPara:
			b.WriteString(mdLineStart(mdSpans(bl.Spans)) + "\n")
		case blockNotice:
			b.WriteString("> " + mdSpans(bl.Spans) + "\n")
		case blockList:
			mdItems(&b, bl.Items, bl.Ordered, "")
		case blockQuote:
			for j, line := range bl.Lines {
				if j > 0 {
					b.WriteString(">\n")
				}
				if line = strings.TrimSpace(line); line != "" {
					b.WriteString("> " + mdLineStart(mdEscape(line)) + "\n")
				}
			}
		}
	}
	// The training marking closes the document too: a printout of its last page says it.
	if s.Training {
		b.WriteString("\n**" + mdEscape(s.TrainingBanner()) + "**\n")
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("the Markdown summary could not be written: %w", err) // i18n:ignore: Go error, localized by callers
	}
	return nil
}

func mdItems(b *strings.Builder, items []item, ordered bool, indent string) {
	for i, it := range items {
		marker := "- "
		if ordered {
			marker = itoa(i+1) + ". "
		}
		b.WriteString(indent + marker + mdSpans(it.Spans) + "\n")
		if len(it.Sub) > 0 {
			mdItems(b, it.Sub, false, indent+strings.Repeat(" ", len(marker)))
		}
	}
}

// mdSpans renders spans on one line; a bold span keeps its surrounding spaces outside the
// asterisks, where Markdown needs them.
func mdSpans(spans []span) string {
	var b strings.Builder
	for _, sp := range spans {
		text := oneLine(sp.Text)
		if !sp.Bold {
			b.WriteString(mdEscape(text))
			continue
		}
		trimmed := strings.TrimSpace(text)
		if trimmed == "" {
			b.WriteString(text)
			continue
		}
		lead := text[:len(text)-len(strings.TrimLeft(text, " "))]
		trail := text[len(strings.TrimRight(text, " ")):]
		b.WriteString(lead + "**" + mdEscape(trimmed) + "**" + trail)
	}
	return b.String()
}

// oneLine joins a text's lines and runs of spaces: list items and table cells are one line.
func oneLine(s string) string {
	if !strings.ContainsAny(s, "\n\t\r") && !strings.Contains(s, "  ") {
		return s
	}
	lead := strings.HasPrefix(s, " ")
	trail := strings.HasSuffix(s, " ")
	out := strings.Join(strings.Fields(s), " ")
	if lead {
		out = " " + out
	}
	if trail {
		out += " "
	}
	return out
}

// mdEscape backslash-escapes the characters Markdown would read as markup: emphasis, code,
// links, raw HTML, tables, headings. An underscore inside a word (an id such as
// presumed_victim) is left alone: no converter reads it as emphasis, and the plain text
// stays readable.
func mdEscape(s string) string {
	if !strings.ContainsAny(s, "\\`*_[]<>|#&~") {
		return s
	}
	rs := []rune(s)
	var b strings.Builder
	for i, r := range rs {
		switch r {
		case '\\', '`', '*', '[', ']', '<', '>', '|', '#', '~':
			b.WriteByte('\\')
		case '_':
			inWord := i > 0 && i < len(rs)-1 && isWordRune(rs[i-1]) && isWordRune(rs[i+1])
			if !inWord {
				b.WriteByte('\\')
			}
		case '&':
			// Only an entity reference (&lt; &#60;) would be decoded; a plain & is text.
			if entityRE.MatchString(string(rs[i:min(len(rs), i+12)])) {
				b.WriteByte('\\')
			}
		}
		b.WriteRune(r)
	}
	return b.String()
}

var entityRE = regexp.MustCompile(`^&#?[A-Za-z0-9]+;`)

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// listStartRE matches what would start a list, a heading or a thematic break at the start of
// a line: "- ", "+ ", "1. ", "2) ", "=", "-".
var listStartRE = regexp.MustCompile(`^([-+=]|\d+[.)](\s|$))`)

// mdLineStart escapes a paragraph's first character when Markdown would read the line as a
// list item, a heading underline or a thematic break.
func mdLineStart(s string) string {
	m := listStartRE.FindStringIndex(s)
	if m == nil {
		return s
	}
	if s[0] >= '0' && s[0] <= '9' { // "1. text": escape the dot (or parenthesis)
		i := strings.IndexAny(s, ".)")
		return s[:i] + `\` + s[i:]
	}
	return `\` + s
}
