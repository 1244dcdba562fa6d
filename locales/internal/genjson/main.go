// Command genjson writes locales/catalog/active.<lang>.json from locales/active.<lang>.yaml.
// Run it with `go generate ./locales` after editing a message file.
package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/earlyid/earlyid/locales/internal/catalog"
)

func main() {
	// go generate runs in the package folder (locales/).
	files, err := filepath.Glob("active.*.yaml")
	if err != nil || len(files) == 0 {
		fmt.Fprintln(os.Stderr, "genjson: no active.*.yaml here; run it through go generate ./locales")
		os.Exit(1)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err == nil {
			data, err = catalog.JSON(data)
		}
		if err == nil {
			out := filepath.Join("catalog", f[:len(f)-len(".yaml")]+".json")
			err = os.WriteFile(out, data, 0o644)
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "genjson: %s: %v\n", f, err)
			os.Exit(1)
		}
	}
}
