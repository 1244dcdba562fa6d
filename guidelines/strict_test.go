package guidelines

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"
)

// TestStrictVariantIsGenerated: mixed-flows-md-strict.yaml must be exactly what the
// generator embedded at its end makes from the current mixed-flows-md.yaml, so an edit of the
// default guideline that was not carried over (or a hand edit of the strict file) fails here
// instead of shipping two questionnaires that silently differ. The generator is Python, as
// the file's header documents; without python3 the test is skipped.
func TestStrictVariantIsGenerated(t *testing.T) {
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 is not installed: the strict variant's generator cannot be run here")
	}
	def, err := os.ReadFile("mixed-flows-md.yaml")
	if err != nil {
		t.Fatal(err)
	}
	strict, err := os.ReadFile("mixed-flows-md-strict.yaml")
	if err != nil {
		t.Fatal(err)
	}
	// The generator, as the header's sed command extracts it: the lines starting "#|".
	var gen bytes.Buffer
	for _, m := range regexp.MustCompile(`(?m)^#\| ?(.*)$`).FindAllSubmatch(strict, -1) {
		gen.Write(m[1])
		gen.WriteByte('\n')
	}
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "guidelines"), 0o700); err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{"mixed-flows-md.yaml": def, "mixed-flows-md-strict.yaml": strict} {
		if err := os.WriteFile(filepath.Join(dir, "guidelines", name), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command(python, "-")
	cmd.Dir, cmd.Stdin = dir, &gen
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("the generator failed: %v\n%s", err, out)
	}
	got, err := os.ReadFile(filepath.Join(dir, "guidelines", "mixed-flows-md-strict.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, strict) {
		t.Errorf("mixed-flows-md-strict.yaml is out of date with mixed-flows-md.yaml: regenerate it with\n  sed -n 's/^#| \\{0,1\\}//p' guidelines/mixed-flows-md-strict.yaml | python3 -\nthen go generate ./guidelines")
	}
}
