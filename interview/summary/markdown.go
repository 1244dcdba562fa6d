package summary

import (
	"fmt"
	"io"
	"strings"

	"github.com/earlyid/earlyid/textsafe/mdtext"
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
			b.WriteString(mdtext.LineStart(mdSpans(bl.Spans)) + "\n")
		case blockFields:
			for _, f := range bl.Fields {
				b.WriteString("- **" + mdEscape(f.Label) + ":** " + mdEscape(f.Value) + "\n")
			}
		case blockHeading:
			b.WriteString("## " + mdSpans(bl.Spans) + "\n")
		case blockPara:
			b.WriteString(mdtext.LineStart(mdSpans(bl.Spans)) + "\n")
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
					b.WriteString("> " + mdtext.LineStart(mdEscape(line)) + "\n")
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

// mdEscape escapes text for Markdown (see mdtext): text from files and people never becomes
// markup in the summary.
func mdEscape(s string) string { return mdtext.Escape(s) }
