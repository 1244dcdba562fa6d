package locales

import (
	"math"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/text/language"
	printer "golang.org/x/text/message"
	"golang.org/x/text/number"
)

// decimalSeparators holds each UI language's decimal separator, as x/text's CLDR data has
// it ("." in English, "," in Romanian, Ukrainian and Russian; the program links x/text
// already, through go-i18n's plural rules). The digits themselves are strconv's: x/text's
// printer costs a dozen allocations a number, and a report writes thousands of cells.
var decimalSeparators = sync.OnceValue(func() map[string]string {
	out := make(map[string]string, len(Languages))
	for _, lang := range Languages {
		s := printer.NewPrinter(language.Make(lang)).Sprint(number.Decimal(0.5, number.MaxFractionDigits(1)))
		out[lang] = strings.TrimSuffix(strings.TrimPrefix(s, "0"), "5")
	}
	return out
})

// Number writes f for a reader of the Localizer's language, rounded half away from zero to
// at most digits decimals ("12.5" and "12" in English, "12,5" in Romanian, Ukrainian and
// Russian); digits below 0 keeps every digit f has, for a number as someone typed it (an
// answer: "10.5" hours, "10,5"). Thousands are not grouped, so that a figure reads like the
// counts the messages print beside it. Files for programs (CSV, JSON, SVG coordinates) keep
// strconv's ".".
func (l *Localizer) Number(f float64, digits int) string {
	return l.format(f, 1, digits, false)
}

// Fixed is Number with exactly digits decimals ("100.0", "100,0"), for figures in a column
// or a range that read better aligned.
func (l *Localizer) Fixed(f float64, digits int) string {
	return l.format(f, 1, digits, true)
}

// Percent writes a share (0.833) as a percentage with at most digits decimals: "83.3%" in
// English, "83,3%" in Romanian, Ukrainian and Russian. The sign follows the number without
// a space in every language, as the statistics offices write it in their official releases
// (Romania's INS "3,8%", Ukraine's Derzhstat "103,5%", Russia's Rosstat "100,12%"), which are
// the figures an evaluator sets ours beside; CLDR's patterns put a no-break space before the
// sign in Romanian and Russian, a typographers' rule those releases do not follow.
func (l *Localizer) Percent(share float64, digits int) string {
	return l.format(share, 100, digits, false) + "%"
}

// FixedPercent is Percent with exactly digits decimals ("76.9%", "100.0%").
func (l *Localizer) FixedPercent(share float64, digits int) string {
	return l.format(share, 100, digits, true) + "%"
}

// format writes f×mul rounded to digits decimals (every digit f has when digits < 0).
func (l *Localizer) format(f, mul float64, digits int, fixed bool) string {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		f = 0
	}
	prec := -1 // the shortest form that reads back as f, as strconv writes it
	if digits >= 0 {
		// Rounded half away from zero, and with one multiplication (a share by 1000 for a
		// percentage to one decimal), as the CSV's figures are, so that a report and its
		// CSV never differ in the last digit.
		scale := math.Pow(10, float64(digits))
		f = math.Round(f*(mul*scale)) / scale
		if fixed {
			prec = digits
		}
	} else {
		f *= mul
	}
	if f == 0 {
		f = 0 // no "-0"
	}
	s := strconv.FormatFloat(f, 'f', prec, 64)
	if sep := decimalSeparators()[l.lang]; sep != "" && sep != "." {
		s = strings.Replace(s, ".", sep, 1)
	}
	return s
}
