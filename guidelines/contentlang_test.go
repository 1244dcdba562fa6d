package guidelines

import "testing"

// TestContentLang: a text is read in the language asked for only when the guideline has
// texts in it; otherwise (an interface language the guideline lacks, or none) in the
// guideline's first language, never in a language with no texts.
func TestContentLang(t *testing.T) {
	g := &Guideline{Languages: []string{"ro", "uk", "en"}}
	for _, tc := range []struct{ in, want string }{
		{"uk", "uk"}, {"en", "en"}, {"ro", "ro"}, {"ru", "ro"}, {"", "ro"}, {"UK", "ro"},
	} {
		if got := g.ContentLang(tc.in); got != tc.want {
			t.Errorf("ContentLang(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
