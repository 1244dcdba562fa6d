// Command gensnapshot writes guidelines/snapshots/<name>.gob, the pre-parsed snapshot the
// program loads instead of parsing the YAML, for every guideline file in guidelines/ that
// loads without errors. Run it with `go generate ./guidelines` after editing a guideline.
package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/earlyid/earlyid/guidelines"
)

func main() {
	// go generate runs in the package folder (guidelines/).
	files, err := filepath.Glob("*.yaml")
	if err != nil || len(files) == 0 {
		fail("no *.yaml here; run it through go generate ./guidelines")
	}
	want := map[string]bool{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			fail(err.Error())
		}
		if guidelines.DetectFormat(data) != guidelines.FormatGuideline {
			continue
		}
		snap, err := guidelines.EncodeSnapshot(f, data)
		if err != nil {
			// A broken guideline is reported by validate and the tests; without a snapshot
			// the program loads its YAML and shows the same errors.
			fmt.Fprintf(os.Stderr, "gensnapshot: skipped: %v\n", err)
			continue
		}
		out := guidelines.SnapshotName(f)
		want[filepath.ToSlash(out)] = true
		if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
			fail(err.Error())
		}
		if err := os.WriteFile(out, snap, 0o644); err != nil {
			fail(err.Error())
		}
	}
	// The folder holds only generated files. One left from a removed or broken guideline
	// would never be used (its hash matches nothing embedded), but it would still be
	// embedded: remove it.
	old, _ := filepath.Glob(filepath.Join(filepath.Dir(guidelines.SnapshotName("x.yaml")), "*"))
	for _, f := range old {
		if !want[filepath.ToSlash(f)] {
			if err := os.Remove(f); err != nil {
				fail(err.Error())
			}
		}
	}
}

func fail(msg string) {
	fmt.Fprintln(os.Stderr, "gensnapshot:", msg)
	os.Exit(1)
}
