package guidelines

import (
	"bytes"
	"io/fs"
	"os"
	"testing"
)

// A condition must type-check the same whichever way its scope's environment was built:
// extended from the answers' one, every name has the type a fresh build of that scope gives
// it, no name more, no name less.
func TestExtendedScopeEnvTypesAsAFreshOne(t *testing.T) {
	names, err := fs.Glob(FS, "*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var gs []*Guideline
	for _, name := range names {
		data, _ := FS.ReadFile(name)
		if g, _ := LoadBytes(name, data); g != nil && g.Extends == "" {
			gs = append(gs, g)
		}
	}
	g, ds := LoadBytes("synthetic.yaml", Synthetic(60, 30))
	if g == nil {
		t.Fatal(ds)
	}
	gs = append(gs, g)
	if len(gs) < 3 {
		t.Fatalf("only %d guidelines loaded", len(gs))
	}
	for _, g := range gs {
		envs := scopeEnvs{g: g}
		for _, scope := range []Scope{ScopeFlag, ScopeOutcome, ScopeReferral} {
			got, want := envs.get(scope).cc.cfg.Env.Fields, newScopeEnv(g, scope).cc.cfg.Env.Fields
			if len(got) != len(want) {
				t.Errorf("%s, scope %d: %d names, a fresh build has %d", g.ID, scope, len(got), len(want))
			}
			for name, w := range want {
				if n, ok := got[name]; !ok || n.Type != w.Type || n.Kind != w.Kind {
					t.Errorf("%s, scope %d: %s is %v, a fresh build makes it %v", g.ID, scope, name, n.Type, w.Type)
				}
			}
		}
	}
}

// A misspelt name in an outcome's condition is offered the dimension it was meant to be,
// a name only the outcome's scope has: the "did you mean" draws on that scope's names, not
// the answers' alone.
func TestUnknownNameSuggestsFromItsOwnScope(t *testing.T) {
	data, err := os.ReadFile("testdata/minimal.yaml")
	if err != nil {
		t.Fatal(err)
	}
	data = bytes.Replace(data, []byte("'deception && conditions'"), []byte("'deception && condtions'"), 1)
	_, ds := LoadBytes("minimal.yaml", data)
	for _, d := range ds {
		if d.Code == "unknown_name" {
			if got := d.Args["Suggestion"]; got != "conditions" {
				t.Errorf("the misspelt dimension is offered %q, want \"conditions\"", got)
			}
			return
		}
	}
	t.Fatalf("no unknown_name finding for the misspelt dimension: %v", ds)
}
