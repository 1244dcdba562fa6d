package guidelines

import (
	"io/fs"
	"path/filepath"
	"slices"
	"strings"

	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/parser"
	"go.yaml.in/yaml/v3"
)

// A guideline may extend another (`extends: <id or path>`): it takes the base's whole
// questionnaire, indicators, flags and referrals, and gives itself only what tells it apart
// (a variant's scoring rule, say). These are the keys it may give: the rest would be a
// second copy of the base that drifts from it.
var (
	// extensionKeys are the top-level keys of a guideline that extends another.
	extensionKeys = []string{"format", "extends", "id", "version", "title", "description", "source", "review", "scoring"}
	// extensionOwn are the keys it must give, because they name and date the variant.
	extensionOwn = []string{"format", "extends", "id", "version", "title"}
)

// extendsKey returns the `extends:` key of a top-level mapping, or nil.
func extendsKey(root *yaml.Node) *yaml.Node {
	for i := 0; i+1 < len(root.Content); i += 2 {
		if k := root.Content[i]; k.Kind == yaml.ScalarNode && k.Value == "extends" {
			return k
		}
	}
	return nil
}

// extension loads a guideline that extends another: the base first (as any guideline),
// then this file's own keys over it. The parts taken from the base are the
// base's own, shared and read-only, so they keep the base's positions; the outcomes, when
// this file gives a scoring, are checked and compiled against the base's names like those
// of any guideline, and every referral condition of the base that names an outcome must
// still name one of these.
func (l *loader) extension(root *yaml.Node) *Guideline {
	if !l.formatKnown(root) {
		return nil
	}
	all := append(slices.Clone(topKeys), "extends")
	m := l.mapping(root, "", all...)
	l.require(m, "", extensionOwn...)
	var given []string
	for i := 0; i+1 < len(root.Content); i += 2 {
		k := root.Content[i]
		if k.Kind != yaml.ScalarNode || m.key(k.Value) != k || !slices.Contains(topKeys, k.Value) {
			continue // not a key, a repeat, extends itself or unknown: reported already
		}
		if !slices.Contains(extensionKeys, k.Value) {
			l.errAt(k, "extends_override", kv("Key", k.Value, "Allowed", strings.Join(extensionKeys[2:], ", ")))
			continue
		}
		given = append(given, k.Value)
	}
	en := m.get("extends")
	ref, ok := l.scalar(en, "extends")
	if !ok {
		return nil
	}
	base := l.base(en, ref)
	if base == nil {
		return nil
	}

	// The base is shared: copy the struct, and replace what this file gives.
	g := &Guideline{}
	*g = *base
	g.File, g.Pos, g.Extends, g.Overrides = l.file, posOf(root), base.ID, nil
	// Sessions record the hash to notice that their guideline changed: a change to the base
	// changes what this guideline asks, so its hash covers both.
	g.Hash = hash(append(append(slices.Clone(l.data), 0), base.Hash...))
	// A run-time failure is placed by reading the condition's own file again; the parts of
	// this guideline come from two files, so a failure is placed at its condition's start.
	g.src = nil
	l.g, l.langs = g, base.Languages
	l.langSet = map[string]bool{}
	for _, lang := range base.Languages {
		l.langSet[lang] = true
	}
	for _, k := range extensionKeys[2:] {
		if slices.Contains(given, k) {
			g.Overrides = append(g.Overrides, k)
		}
	}
	own := &Guideline{}
	l.header(m, own)
	g.Format, g.ID, g.Version, g.Title = own.Format, own.ID, own.Version, own.Title
	if own.ID != "" && own.ID == base.ID {
		l.errAt(m.get("id"), "extends_same_id", kv("ID", own.ID))
	}
	if m.get("description") != nil {
		g.Description = own.Description
	}
	if m.get("source") != nil {
		g.Source = own.Source
	}
	if m.get("review") != nil {
		g.Review = own.Review
	}

	sn := m.get("scoring")
	if sn == nil {
		return g
	}
	// The base's ids, but its outcomes, are this file's namespace too: a new outcome may
	// not take an indicator's id. They are registered without a position, so that a clash
	// is reported once, at this file's outcome.
	l.ids, l.profIDs = map[string][]idUse{}, map[string][]idUse{}
	g.byID = make(map[string]any, len(base.byID))
	for id, item := range base.byID {
		if _, isOutcome := item.(*Outcome); !isOutcome {
			l.idOrder = append(l.idOrder, id)
			l.ids[id] = []idUse{{item: item}}
		}
	}
	slices.Sort(l.idOrder)
	for _, p := range base.Profiles {
		l.profOrd = append(l.profOrd, p.ID)
	}
	g.Scoring = Scoring{}
	l.scoring(sn)
	l.check()
	// A new outcome that takes an id of the base clashes with a part that has no place in
	// this file: say so at the outcome alone.
	kept := l.diags[:0]
	for _, d := range l.diags {
		if d.Code == "duplicate_id" {
			if d.Pos == (Pos{}) {
				continue
			}
			if line, _ := d.Args["Line"].(int); line == 0 {
				d.Code, d.Args = "extends_id_taken", kv("ID", d.Args["ID"], "Base", base.ID)
			}
		}
		kept = append(kept, d)
	}
	l.diags = kept
	l.outcomesNamed(base, sn)
	return g
}

// base returns the guideline ref names, for the `extends:` value n: a built-in id, or for a
// guideline given by path also a path, relative to the extending file's folder. A base that
// cannot be found, is already being loaded (a cycle) or does not load is a finding at n.
func (l *loader) base(n *yaml.Node, ref string) *Guideline {
	embedded := strings.HasPrefix(l.file, embeddedPrefix)
	var file string
	switch {
	case isPath(ref) && embedded:
		l.errAt(n, "extends_unknown", kv("Base", ref, "Known", strings.Join(embeddedIDs(), ", ")))
		return nil
	case isPath(ref):
		file = ref
		if !filepath.IsAbs(file) {
			file = filepath.Join(filepath.Dir(l.file), filepath.FromSlash(ref))
		}
	default:
		if _, err := fs.Stat(FS, ref+".yaml"); err != nil {
			l.errAt(n, "extends_unknown", kv("Base", ref, "Known", strings.Join(embeddedIDs(), ", ")))
			return nil
		}
		file = embeddedPrefix + ref + ".yaml"
	}
	if i := slices.Index(l.chain, file); i >= 0 {
		names := append(slices.Clone(l.chain[i:]), file)
		for j, name := range names {
			names[j] = strings.TrimPrefix(name, embeddedPrefix)
		}
		l.errAt(n, "extends_cycle", kv("Chain", strings.Join(names, " → ")))
		return nil
	}
	var g *Guideline
	var ds Diagnostics
	if strings.HasPrefix(file, embeddedPrefix) {
		g, ds = loadEmbeddedFile(strings.TrimPrefix(file, embeddedPrefix), l.chain)
	} else if data, rds := readFile(file); rds != nil {
		ds = rds
	} else {
		g, ds = loadBytes(file, data, l.chain)
	}
	if g == nil {
		l.errAt(n, "extends_broken", kv("Base", ref))
		l.diags = append(l.diags, errorsOnly(ds)...) // they name the base's file
		return nil
	}
	return g
}

// embeddedIDs lists the ids of the built-in guidelines by their file names (a built-in
// guideline's file is <id>.yaml), without loading them.
func embeddedIDs() []string {
	names, _ := fs.Glob(FS, "*.yaml")
	for i, name := range names {
		names[i] = strings.TrimSuffix(name, ".yaml")
	}
	slices.Sort(names)
	return names
}

// outcomesNamed reports each referral of the base whose condition compares `outcome` with
// an id this guideline's scoring (at sn) no longer has: the referral would silently never
// be made.
func (l *loader) outcomesNamed(base *Guideline, sn *yaml.Node) {
	ids := idsOf[*Outcome](l)
	for _, r := range base.Referrals {
		if r.When == nil {
			continue
		}
		tree, err := parser.Parse(r.When.Src)
		if err != nil {
			continue // it compiled in the base
		}
		walk(tree.Node, func(n ast.Node) {
			b, ok := n.(*ast.BinaryNode)
			if !ok {
				return
			}
			var values []*ast.StringNode
			switch b.Operator {
			case "==", "!=":
				if id, ok := b.Left.(*ast.IdentifierNode); ok && id.Value == NameOutcome {
					if s, ok := b.Right.(*ast.StringNode); ok {
						values = append(values, s)
					}
				}
				if id, ok := b.Right.(*ast.IdentifierNode); ok && id.Value == NameOutcome {
					if s, ok := b.Left.(*ast.StringNode); ok {
						values = append(values, s)
					}
				}
			case "in":
				if id, ok := b.Left.(*ast.IdentifierNode); ok && id.Value == NameOutcome {
					if arr, ok := b.Right.(*ast.ArrayNode); ok {
						for _, e := range arr.Nodes {
							if s, ok := e.(*ast.StringNode); ok {
								values = append(values, s)
							}
						}
					}
				}
			}
			for _, s := range values {
				if !slices.Contains(ids, s.Value) {
					l.errAt(sn, "extends_outcome", kv("Referral", r.ID, "Outcome", s.Value, "Base", base.ID))
				}
			}
		})
	}
}
