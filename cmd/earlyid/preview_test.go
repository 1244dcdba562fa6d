package main

import (
	"strings"
	"testing"
)

// A language given twice is shown once: two equal columns side by side tell a reviewer nothing.
func TestPreviewLanguageGivenTwice(t *testing.T) {
	t.Parallel()
	for _, format := range []string{"md", "html"} {
		code, twice, stderr := cliRun{}.run(t, "preview", "example", "--lang", "ro", "--lang", "ro", "--format", format)
		if code != exitOK {
			t.Fatalf("%s: exit %d, stderr %q", format, code, stderr)
		}
		_, once, _ := cliRun{}.run(t, "preview", "example", "--lang", "ro", "--format", format)
		if twice != once {
			t.Errorf("%s: --lang ro --lang ro differs from --lang ro", format)
		}
		if strings.Contains(twice, `<th lang="ro">ro</th><th lang="ro">ro</th>`) {
			t.Errorf("%s: two ro columns", format)
		}
	}
}
