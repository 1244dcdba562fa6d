package main

import (
	"os"
	"path/filepath"
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

// A translator's file with texts still missing is previewed, not refused: exit 0, each gap
// marked in the document, their number on stderr; a file with a real error is still
// refused.
func TestPreviewWithMissingTranslations(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile("../../guidelines/example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	src := strings.Replace(string(data), "      uk: Доросла людина\n", "", 1)
	src = strings.Replace(src, "      uk: Перевірка безпеки\n", "", 1)
	path := filepath.Join(t.TempDir(), "draft.yaml")
	if err := os.WriteFile(path, []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := cliRun{}.run(t, "preview", path, "--lang", "uk")
	if code != exitOK || strings.Count(stdout, "— not yet translated —") != 2 {
		t.Errorf("exit %d, want 0 and two markers:\n%s", code, stdout)
	}
	if want := "2 texts are not yet translated; the preview marks each “— not yet translated —”.\n"; stderr != want {
		t.Errorf("stderr %q, want %q", stderr, want)
	}

	broken := strings.Replace(src, "type: yesno", "type: boolean", 1)
	if err := os.WriteFile(path, []byte(broken), 0o600); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr = cliRun{}.run(t, "preview", path, "--lang", "uk")
	if code != exitFailure || stdout != "" || !strings.Contains(stderr, "[unknown_type]") || strings.Contains(stderr, "missing_translation") {
		t.Errorf("a broken file: exit %d, stdout %q, stderr %q; want 1 and only the error", code, stdout, stderr)
	}
}
