package training

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/locales"
	"github.com/earlyid/earlyid/textsafe"
	"github.com/earlyid/earlyid/textsafe/mdtext"
)

// txt renders a guideline text in lang as one safe line without Markdown emphasis markers.
func txt(t guidelines.Text, lang string) string {
	return textsafe.Line(t.Plain(lang))
}

// valueText renders answer v to q for a reader in lang (choice texts, localized yes/no, a
// number with l's decimal separator).
func valueText(q *guidelines.Question, v guidelines.Value, lang string, l *locales.Localizer) string {
	if q.Type == guidelines.TypeNumber && !v.IsSpecial() {
		return l.Number(v.Num, -1)
	}
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

// mdEscape escapes text for Markdown (see mdtext) as one line that cannot start a list or a
// heading either.
func mdEscape(s string) string { return mdtext.LineStart(mdtext.Escape(textsafe.Line(s))) }

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
