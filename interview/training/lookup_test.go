package training

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/earlyid/earlyid/guidelines"
)

func TestLookupEmbeddedScenario(t *testing.T) {
	c, _, err := Lookup("mixed-flows-md-palanca-aunt", "")
	if err != nil {
		t.Fatal(err)
	}
	if c.Guideline.ID != "mixed-flows-md" || c.Scenario.Expected.Outcome != "imminent_exploitation" {
		t.Errorf("got guideline %s, expected outcome %s", c.Guideline.ID, c.Scenario.Expected.Outcome)
	}
}

func TestLookupUnknownID(t *testing.T) {
	_, _, err := Lookup("no-such-case", "")
	var ue *UnknownScenarioError
	if !errors.As(err, &ue) || !errors.Is(err, ErrUnknownScenario) || len(ue.Known) < 8 {
		t.Fatalf("err = %v", err)
	}
}

// writeLocalCopy writes the example guideline under a new id into dir and its scenario into
// dir/sub, so that only the folder search can find the guideline.
func writeLocalCopy(t *testing.T, guidelineDir, scenarioDir string) string {
	t.Helper()
	g, err := guidelines.FS.ReadFile("example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	s, err := guidelines.FS.ReadFile("scenarios/example-minor-kitchen.yaml")
	if err != nil {
		t.Fatal(err)
	}
	gs := strings.Replace(string(g), "\nid: example\n", "\nid: local-copy\n", 1)
	ss := strings.Replace(string(s), "\nguideline: example\n", "\nguideline: local-copy\n", 1)
	if gs == string(g) || ss == string(s) {
		t.Fatal("the example files changed shape: update this test")
	}
	for _, d := range []string{guidelineDir, scenarioDir} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	// A scenario file and an unrelated YAML file in the folder must be skipped.
	os.WriteFile(filepath.Join(guidelineDir, "aaa-notes.yaml"), []byte("just: notes\n"), 0o600)
	if err := os.WriteFile(filepath.Join(guidelineDir, "local.yaml"), []byte(gs), 0o600); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(scenarioDir, "case.yaml")
	if err := os.WriteFile(path, []byte(ss), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestLookupFindsGuidelineNextToScenario(t *testing.T) {
	for _, tt := range []struct{ name, sub string }{{"same folder", ""}, {"parent folder", "sub"}} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := writeLocalCopy(t, dir, filepath.Join(dir, tt.sub))
			c, _, err := Lookup(path, "")
			if err != nil {
				t.Fatal(err)
			}
			if c.Guideline.ID != "local-copy" || filepath.Base(c.Guideline.File) != "local.yaml" {
				t.Errorf("found %s in %s", c.Guideline.ID, c.Guideline.File)
			}
		})
	}
}

func TestLookupGuidelineNotFound(t *testing.T) {
	dir := t.TempDir()
	path := writeLocalCopy(t, filepath.Join(dir, "elsewhere"), filepath.Join(dir, "a", "b"))
	_, _, err := Lookup(path, "")
	var nf *GuidelineNotFoundError
	if !errors.As(err, &nf) || nf.ID != "local-copy" || len(nf.Searched) != 2 {
		t.Fatalf("err = %v", err)
	}
}

func TestLookupGuidelineOverride(t *testing.T) {
	dir := t.TempDir()
	path := writeLocalCopy(t, filepath.Join(dir, "g"), filepath.Join(dir, "s", "t"))
	c, _, err := Lookup(path, filepath.Join(dir, "g", "local.yaml"))
	if err != nil || c.Guideline.ID != "local-copy" {
		t.Fatalf("override: %v", err)
	}
	// An override with another id is a finding (wrong_guideline), not a silent mismatch.
	_, _, err = Lookup("mixed-flows-md-palanca-aunt", "example")
	var ds guidelines.Diagnostics
	if !errors.As(err, &ds) || ds[0].Code != "wrong_guideline" {
		t.Fatalf("err = %v", err)
	}
}
