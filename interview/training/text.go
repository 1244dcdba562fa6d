package training

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/interview/textsafe"
	"github.com/earlyid/earlyid/locales"
)

// contentLang returns lang when g has it, else g's first language: guideline texts exist
// only in the guideline's languages.
func contentLang(g *guidelines.Guideline, lang string) string {
	if slices.Contains(g.Languages, lang) {
		return lang
	}
	return g.Languages[0]
}

// txt renders a guideline text in lang as one safe line without Markdown emphasis markers:
// the format allows *x* and **x**, which only the Markdown output keeps.
func txt(t guidelines.Text, lang string) string {
	return stripEmphasis(textsafe.Line(t.In(lang)))
}

// stripEmphasis removes the Markdown emphasis markers a guideline text may use.
func stripEmphasis(s string) string {
	if !strings.Contains(s, "*") {
		return s
	}
	return strings.ReplaceAll(s, "*", "")
}

// valueText renders answer v to q for a reader in lang (choice texts, localized yes/no).
func valueText(q *guidelines.Question, v guidelines.Value, lang string, l *locales.Localizer) string {
	return textsafe.Line(q.ValueText(v, lang,
		l.T("interview.answer.yes", nil), l.T("interview.answer.no", nil),
		l.T("interview.answer.unknown", nil), l.T("interview.answer.declined", nil)))
}

// duration renders seconds as m:ss (or h:mm:ss), the way a stopwatch shows it.
func duration(sec float64) string {
	if math.IsNaN(sec) || sec < 0 {
		sec = 0
	}
	s := int(math.Round(sec))
	if s >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
	}
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}

// median returns the median of xs (the mean of the two middle values for an even count),
// 0 for none. xs is sorted in place.
func median(xs []float64) float64 {
	n := len(xs)
	if n == 0 {
		return 0
	}
	slices.Sort(xs)
	if n%2 == 1 {
		return xs[n/2]
	}
	return (xs[n/2-1] + xs[n/2]) / 2
}

// mdEscape escapes text from a file for Markdown, so that it cannot turn into a heading,
// a list, a link, a table cell or raw HTML. With emphasis, * is left alone (guideline
// texts may use *x* and **x**).
func mdEscape(s string, emphasis bool) string {
	s = textsafe.Line(s)
	var b strings.Builder
	for i, r := range s {
		switch r {
		case '\\', '`', '_', '[', ']', '<', '>', '|', '#', '~':
			b.WriteByte('\\')
		case '*':
			if !emphasis {
				b.WriteByte('\\')
			}
		case '-', '+', '=':
			if i == 0 {
				b.WriteByte('\\')
			}
		case '.', ')':
			// "1." or "1)" at the start would begin an ordered list.
			if i > 0 && isDigits(s[:i]) {
				b.WriteByte('\\')
			}
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// pad right-pads s with spaces to width runes (terminal tables; the texts here are Latin
// and Cyrillic, one column per rune).
func pad(s string, width int) string {
	n := len([]rune(s))
	if n >= width {
		return s
	}
	return s + strings.Repeat(" ", width-n)
}

// padLeft left-pads s with spaces to width runes (numbers in tables).
func padLeft(s string, width int) string {
	n := len([]rune(s))
	if n >= width {
		return s
	}
	return strings.Repeat(" ", width-n) + s
}

// truncate shortens s to at most width runes, ending in "…" when cut.
func truncate(s string, width int) string {
	r := []rune(s)
	if len(r) <= width || width < 2 {
		return s
	}
	return string(r[:width-1]) + "…"
}
