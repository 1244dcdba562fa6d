package guidelines

import (
	"maps"
	"reflect"

	"github.com/expr-lang/expr/conf"
)

// extend returns the environment of scope built on base, the environment of ScopeAnswers.
// Every scope sees every question; the later scopes add a few names (the profile, the
// dimensions, indicators and flags, the outcome). expr types a map environment by walking
// all of it, so building each scope from nothing walked the questions four times, a tenth
// of a load's compiling; here they are walked once, and each later scope types only the
// names it adds, on a copy of the typed fields. Its whole environment, the questions
// again, is built only if a finding needs its names.
func (base *scopeEnv) extend(g *Guideline, scope Scope) *scopeEnv {
	added := make(map[string]any, len(g.Dimensions)+len(g.Indicators)+len(g.Flags)+5)
	g.addScopeNames(added, scope)
	cfg := conf.CreateNew()
	for _, op := range exprOptions(nil) {
		op(cfg)
	}
	for name := range cfg.Disabled {
		delete(cfg.Builtins, name)
	}
	from := base.cc.cfg.Env
	typed := *from.TypeData
	typed.Fields = maps.Clone(from.Fields)
	for name, v := range added {
		// A name the base has is typed again only when this scope gives it another type:
		// an indicator whose id repeats a question's (an error reported elsewhere) is a
		// flag here, as it was when each scope was built alone.
		if bv, ok := base.env[name]; !ok || reflect.TypeOf(bv) != reflect.TypeOf(v) {
			typed.Fields[name] = cfg.NtCache.NatureOf(v)
		}
	}
	nt := from
	nt.TypeData = &typed
	cfg.Env, cfg.Strict = nt, true
	cfg.Check()
	return &scopeEnv{g: g, scope: scope, cc: &condCompiler{cfg: cfg}}
}
