package main

import (
	"strings"
	"testing"
)

// TestWindowsDeviceNamesAreRefusedAsCaseCodes: a session saved as COM1.age on Linux could
// never be opened on Windows, where the name is a device; the code is refused before any
// question, in the interface language.
func TestWindowsDeviceNamesAreRefusedAsCaseCodes(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ ui, want string }{
		{"en", "A case code cannot be a name that Windows reserves for a device"},
		{"ro", "Codul cazului nu poate fi un nume pe care Windows îl rezervă"},
	} {
		code, _, stderr := cliRun{ui: tt.ui}.run(t, "interview", "--plain", "--training", "--guideline", "example", "--case", "LPT1")
		if code != exitUsage || !strings.Contains(stderr, tt.want) {
			t.Errorf("--ui-lang %s interview --case LPT1: exit %d, stderr:\n%s", tt.ui, code, stderr)
		}
	}
}
