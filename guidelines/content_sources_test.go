package guidelines

import (
	"regexp"
	"strings"
	"testing"
)

// TestEveryIndicatorNamesItsListAndRow: in the default guideline each indicator has a
// strength for each of the four ILO/EC 2009 lists (one profile each), and its source names
// where that grading comes from — the list's dimension, the row in quotes and the grade in
// each list (A·L, A·S, C·L, C·S) for an ILO/EC row; or, for a form of exploitation that is no
// row of the lists, the law that names it; and a provisional grading says so. An expert
// checking the grades must be able to find the row without guessing.
func TestEveryIndicatorNamesItsListAndRow(t *testing.T) {
	g := mustEmbedded(t, "mixed-flows-md")
	profiles := []string{"adult", "adult_sexual", "child", "child_sexual"}
	for i, p := range g.Profiles {
		if i >= len(profiles) || p.ID != []string{"child_sexual", "child", "adult_sexual", "adult"}[i] {
			t.Fatalf("profiles %v: want the four lists, children first", g.Profiles)
		}
	}
	row := regexp.MustCompile(`^ILO/EC 2009, dim [1-6] \([a-z ]+\), row '[^']+': A·L ([SMW]), C·L ([SMW]) \(domain\.md §1, MEDIUM\); A·S ([SMW]), C·S ([SMW])`)
	letter := map[Strength]string{Strong: "S", Medium: "M", Weak: "W"}
	for _, in := range g.Indicators {
		for _, p := range profiles {
			if _, ok := in.Strength[p]; !ok {
				t.Errorf("%s has no strength for the profile %s", in.ID, p)
			}
		}
		src := in.Source
		switch m := row.FindStringSubmatch(src); {
		case m != nil:
			for k, p := range []string{"adult", "child", "adult_sexual", "child_sexual"} {
				if m[k+1] != letter[in.Strength[p]] {
					t.Errorf("%s: the source gives %s for %s, the strength is %s", in.ID, m[k+1], p, in.Strength[p])
				}
			}
			if !strings.Contains(src, "PROVISIONAL") {
				t.Errorf("%s: the sexual-exploitation grades are not marked provisional: %s", in.ID, src)
			}
		case strings.HasPrefix(src, "Not an ILO/EC row") && strings.Contains(src, "Criminal Code art."):
		case in.Provisional && strings.Contains(src, "PROVISIONAL"):
		default:
			t.Errorf("%s names no list and row, no law, and is not provisional: %q", in.ID, src)
		}
	}
}
