package guidelines

import "testing"

// TestFindEmbedded: the one lookup of a built-in guideline by id takes <id>.yaml when it
// holds id, or when it does not load (its findings say why, not "unknown"); when that file
// holds another id or is missing, the file of the guideline with that id, whatever its name.
func TestFindEmbedded(t *testing.T) {
	files := map[string]*Guideline{
		"a.yaml":      {ID: "a", File: embeddedPrefix + "a.yaml"},
		"b.yaml":      {ID: "c", File: embeddedPrefix + "b.yaml"}, // named b, holds c
		"broken.yaml": nil,                                        // does not load
		"d.yaml":      {ID: "d2", File: embeddedPrefix + "d.yaml"},
	}
	file := func(name string) (*Guideline, bool) {
		g, ok := files[name]
		return g, ok
	}
	byID := func() map[string]*Guideline {
		m := map[string]*Guideline{}
		for _, g := range files {
			if g != nil {
				m[g.ID] = g
			}
		}
		return m
	}
	for _, tc := range []struct {
		id, want string
		ok       bool
	}{
		{"a", "a.yaml", true},
		{"c", "b.yaml", true},           // found by id, not by name
		{"b", "", false},                // b.yaml holds c: no guideline has the id b
		{"broken", "broken.yaml", true}, // its findings, not "unknown"
		{"d2", "d.yaml", true},
		{"missing", "", false},
	} {
		if got, ok := findEmbedded(tc.id, file, byID); got != tc.want || ok != tc.ok {
			t.Errorf("%s: %q %v, want %q %v", tc.id, got, ok, tc.want, tc.ok)
		}
	}
}

// TestOpenAndLoadEmbeddedAgree: Open and LoadEmbedded find the same built-in guideline for
// an id, and both say when there is none.
func TestOpenAndLoadEmbeddedAgree(t *testing.T) {
	for _, id := range embeddedIDs() {
		opened, ods := Open(id)
		loaded, lds, ok := LoadEmbedded(id)
		if !ok || opened == nil || opened != loaded || lds.HasErrors() || ods.HasErrors() {
			t.Errorf("%s: Open %v (%v), LoadEmbedded %v %v (%v): want the same guideline", id, opened != nil, ods, loaded != nil, ok, lds)
		}
	}
	if _, _, ok := LoadEmbedded("no-such-guideline"); ok {
		t.Error("LoadEmbedded found a guideline that does not exist")
	}
	if g, ds := Open("no-such-guideline"); g != nil || len(ds) != 1 || ds[0].Code != "unknown_guideline" {
		t.Errorf("Open of an unknown id: %v %v", g, ds)
	}
}
