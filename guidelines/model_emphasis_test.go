package guidelines

import "testing"

// The format allows Markdown emphasis (*x*, **x**) in texts; outputs that cannot show it
// must show the words without the markers, and arithmetic-like asterisks are not emphasis.
func TestPlainTextAndEmphasis(t *testing.T) {
	for _, c := range []struct{ in, plain, html string }{
		{"Do you **really** hold *your* documents?", "Do you really hold your documents?", "Do you <b>really</b> hold <i>your</i> documents?"},
		{"*a*", "a", "<i>a</i>"},
		{"5 * 3 * 2", "5 * 3 * 2", "5 * 3 * 2"},
		{"** not bold **", "** not bold **", "** not bold **"},
		{"a lone * star", "a lone * star", "a lone * star"},
		{"**Паспорт** у *Вас*?", "Паспорт у Вас?", "<b>Паспорт</b> у <i>Вас</i>?"},
		{"no markers", "no markers", "no markers"},
	} {
		if got := PlainText(c.in); got != c.plain {
			t.Errorf("PlainText(%q) = %q, want %q", c.in, got, c.plain)
		}
		got := Emphasis(c.in,
			func(x string) string { return "<b>" + x + "</b>" },
			func(x string) string { return "<i>" + x + "</i>" })
		if got != c.html {
			t.Errorf("Emphasis(%q) = %q, want %q", c.in, got, c.html)
		}
	}
	txt := Text{"en": "**Is** it *so*?", "ro": "*Este* așa?"}
	if got := txt.Plain("uk", "ro"); got != "Este așa?" {
		t.Errorf("Plain with fallback = %q", got)
	}
}
