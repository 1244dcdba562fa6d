package locales

import (
	"bytes"
	"testing"

	"github.com/earlyid/earlyid/locales/internal/catalog"
)

// TestCatalogIsGenerated fails when a message file was edited without regenerating the JSON
// catalogue the program reads: the program would show the old text, or an id.
func TestCatalogIsGenerated(t *testing.T) {
	for _, lang := range Languages {
		src, err := FS.ReadFile("active." + lang + ".yaml")
		if err != nil {
			t.Fatal(err)
		}
		want, err := catalog.JSON(src)
		if err != nil {
			t.Fatalf("active.%s.yaml: %v", lang, err)
		}
		got, err := catalogFS.ReadFile("catalog/active." + lang + ".json")
		if err != nil {
			t.Fatalf("catalog/active.%s.json is missing: run go generate ./locales", lang)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("catalog/active.%s.json is out of date with active.%s.yaml: run go generate ./locales", lang, lang)
		}
	}
}
