package guidelines

import (
	"regexp"
	"testing"
)

// isID accepts exactly what the format's id pattern, [a-z][a-z0-9_]*, does: an id it let
// through wrongly would reach expressions and file names; one it refused wrongly would
// make a valid guideline fail to load.
func TestIsIDIsTheIDPattern(t *testing.T) {
	re := regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
	for _, s := range []string{
		"", "a", "z", "q0", "via_friend", "a_", "abc123_x",
		"A", "Q1", "0q", "_a", "a-b", "a b", "a.b", "a\n", "\na", "a\x00", "é", "aé", "a`",
		"a{", "a/", "a:", "a@", "a[", "z9_", "ş", "a\u0131",
	} {
		if got, want := isID(s), re.MatchString(s); got != want {
			t.Errorf("isID(%q) = %v, the pattern says %v", s, got, want)
		}
	}
}
