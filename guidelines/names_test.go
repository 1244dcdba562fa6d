package guidelines

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// A condition's Names lists each name it uses once, in the order they first appear, however
// many it names: the replay of an interview and the checks of what a condition depends on
// read them.
func TestConditionNamesOnceInOrder(t *testing.T) {
	g, ds := LoadBytes("synthetic.yaml", Synthetic(120, 30))
	if g == nil {
		t.Fatal(ds)
	}
	var want, parts []string
	for i := 0; len(want) < 3*manyNames; i++ {
		if i%6 == 0 || i%6 == 1 || i%6 == 3 { // yes/no, choice and text questions
			id := fmt.Sprintf("q%d", i)
			want = append(want, id)
			parts = append(parts, id+` != "x"`, `"y" != `+id)
		}
	}
	for _, n := range []int{2, manyNames - 1, manyNames, 3 * manyNames} {
		src := strings.Join(parts[:2*n], " && ")
		c, err := g.Compiler(ScopeAnswers).Compile(src)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(c.Names, want[:n]) {
			t.Errorf("%d names each used twice: Names is %v, want %v", n, c.Names, want[:n])
		}
	}
}
