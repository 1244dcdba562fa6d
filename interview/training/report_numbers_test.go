package training

import (
	"testing"

	"github.com/earlyid/earlyid/locales"
)

// TestCountCellNeverRoundsToNoneOrAll: a report of hundreds of interviews rounds 1 of 300 to
// 0% and 299 of 300 to 100%, which a reader takes for "never" and "always".
func TestCountCellNeverRoundsToNoneOrAll(t *testing.T) {
	t.Parallel()
	for _, lang := range locales.Languages {
		rt := reportText{l: locales.New(lang)}
		for _, c := range []struct {
			k, n int
			want string
		}{
			{1, 300, "1 (<1%)"}, {299, 300, "299 (>99%)"}, {5, 6, "5 (83%)"}, {1, 200, "1 (1%)"}, {1, 201, "1 (<1%)"},
			{0, 3, "0 (0%)"}, {3, 3, "3 (100%)"}, {0, 0, "0 (0%)"}, {2, 200, "2 (1%)"}, {199, 200, "199 (>99%)"},
		} {
			if got := rt.countCell(c.k, c.n); got != c.want {
				t.Errorf("%s: %d of %d is %q, want %q", lang, c.k, c.n, got, c.want)
			}
		}
	}
}
