package guidelines

import "io/fs"

// LoadEmbedded loads the built-in guideline id as validate reads a file given to it: with
// every finding, the warnings too (Open keeps only a guideline that loads). ok is false when
// no built-in guideline has that id. The findings are shared: do not modify them.
func LoadEmbedded(id string) (g *Guideline, ds Diagnostics, ok bool) {
	// Built-in guidelines are embedded as <id>.yaml; a file named otherwise is found by id.
	name := id + ".yaml"
	if _, err := fs.Stat(FS, name); err != nil {
		known, found := embedded().byID[id]
		if !found {
			return nil, nil, false
		}
		name = known.File[len(embeddedPrefix):]
	}
	g, ds = loadEmbeddedFile(name, nil)
	return g, ds, true
}
