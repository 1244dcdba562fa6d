package guidelines

import (
	"io/fs"
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
