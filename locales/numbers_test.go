package locales

import "testing"

// The figures are worked out by hand: 5 of 6 is 83.33…%, 1 of 8 is 12.5%.
func TestNumbersReadInTheDocumentsLanguage(t *testing.T) {
	comma := map[string]bool{"ro": true, "uk": true, "ru": true}
	for _, lang := range Languages {
		l := New(lang)
		sep := "."
		if comma[lang] {
			sep = ","
		}
		for _, c := range []struct {
			name, got, want string
		}{
			{"5 of 6 as a percentage", l.Percent(5.0/6, 1), "83" + sep + "3%"},
			{"a whole percentage", l.Percent(0.5, 1), "50%"},
			{"a share with exactly one decimal", l.FixedPercent(1, 1), "100" + sep + "0%"},
			{"a half rounds away from zero, as the CSV does", l.Number(2.5, 0), "3"},
			{"1 of 8 to two decimals", l.Number(0.125, 2), "0" + sep + "13"},
			{"thousands are not grouped, as in the counts beside them", l.Number(10240.5, 1), "10240" + sep + "5"},
			{"a negative that rounds to zero", l.Number(-0.01, 1), "0"},
			{"a fixed figure", l.Fixed(12, 1), "12" + sep + "0"},
			{"a typed answer keeps its digits", l.Number(10.25, -1), "10" + sep + "25"},
			{"a typed whole number", l.Number(34, -1), "34"},
		} {
			if c.got != c.want {
				t.Errorf("%s, %s: %q, want %q", lang, c.name, c.got, c.want)
			}
		}
	}
}
