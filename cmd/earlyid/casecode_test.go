package main

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
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

// TestCaseCodesInAnyCase: a case code typed in lower case (read aloud, copied by hand)
// finds its session in every command that looks one up, and a code no session has is
// named in its written form as a missing session, never as a missing file.
func TestCaseCodesInAnyCase(t *testing.T) {
	t.Parallel()
	env := newStorageEnv(t)
	if code, _, errOut := (cliRun{folders: env}).run(t, "simulate", border, "--autoplay", "--delay", "0", "--plain", "--case", "MD-DEMO-0003", "--ui-lang", "en"); code != 0 {
		t.Fatalf("autoplay: exit %d %s", code, errOut)
	}
	for _, args := range [][]string{
		{"sessions", "show", "md-demo-0003"},
		{"export", "md-demo-0003", "--format", "json"},
		{"debrief", "md-demo-0003"},
		{"resume", "md-Demo-0003", "--plain"},
		{"simulate", border, "--plain", "--case", "md-demo-0003"},
	} {
		code, out, errOut := cliRun{folders: env, stdin: ":quit\n"}.run(t, append(args, "--ui-lang", "en")...)
		if code != 0 || !strings.Contains(out+errOut, "MD-DEMO-0003") {
			t.Errorf("%v: exit %d\n%s\n%s", args, code, out, errOut)
		}
	}
	// A follow-up recorded under the code in lower case is in the session.
	if code, _, errOut := (cliRun{folders: env}).run(t, "sessions", "follow-up", "md-demo-0003", "--result", "not-identified", "--ui-lang", "en"); code != 0 {
		t.Errorf("follow-up in lower case: exit %d %s", code, errOut)
	}
	if _, out, _ := (cliRun{folders: env}).run(t, "sessions", "show", "MD-DEMO-0003", "--ui-lang", "en"); !strings.Contains(out, "Not identified · recorded") {
		t.Errorf("the follow-up recorded in lower case is not in the session:\n%s", out)
	}
	for _, args := range [][]string{
		{"export", "md-none-0001", "--format", "json"},
		{"sessions", "show", "md-none-0001"},
		{"sessions", "delete", "md-none-0001", "--yes"},
		{"resume", "md-none-0001"},
	} {
		code, _, errOut := cliRun{folders: env}.run(t, append(args, "--ui-lang", "en")...)
		want := ""
		for _, a := range args {
			if strings.HasPrefix(a, "md-") {
				want = "No saved session has the case code " + strings.ToUpper(a)
			}
		}
		if code != exitFailure || !strings.Contains(errOut, want) || strings.Contains(errOut, "does not exist") {
			t.Errorf("%v: exit %d, %q; want %q", args, code, errOut, want)
		}
	}
	// What cannot be a code in any case is refused for the reason, as a name would be.
	if code, _, errOut := (cliRun{folders: env}).run(t, "export", "md-none", "--format", "json", "--ui-lang", "en"); code != exitUsage || !strings.Contains(errOut, "at least one digit") {
		t.Errorf("export md-none: exit %d, %q", code, errOut)
	}
	code, out, errOut := cliRun{folders: env}.run(t, "sessions", "delete", "md-demo-0003", "--training", "--yes", "--ui-lang", "en")
	if code != 0 || !strings.Contains(out, "MD-DEMO-0003") {
		t.Errorf("sessions delete in lower case: exit %d\n%s\n%s", code, out, errOut)
	}
}

// TestConfirmationShowsTheLettersItTakes: a Romanian, Ukrainian or Russian confirmation
// offers the letters of its own words for yes and no, and takes the one it offers.
func TestConfirmationShowsTheLettersItTakes(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ ui, letters, yes string }{
		{"en", "[y/N]", "y"}, {"ro", "[d/N]", "d"}, {"uk", "[т/Н]", "т"}, {"ru", "[д/Н]", "д"},
	} {
		env := newStorageEnv(t)
		if code, _, errOut := (cliRun{folders: env, stdin: "y\n:quit\n"}).run(t, "interview", "--plain", "--training", "--guideline", "example", "--case", "MD-CONF-0001"); code != 0 {
			t.Fatal(errOut)
		}
		code, _, errOut := cliRun{folders: env, tty: true, ui: tt.ui, stdin: tt.yes + "\n"}.run(t, "sessions", "delete", "MD-CONF-0001", "--training")
		if code != 0 || !strings.Contains(errOut, tt.letters) {
			t.Errorf("%s: exit %d, the prompt does not offer %s:\n%s", tt.ui, code, tt.letters, errOut)
		}
		if _, err := os.Stat(filepath.Join(env.data, "training", "MD-CONF-0001.json")); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%s: %q did not confirm the deletion", tt.ui, tt.yes)
		}
	}
}

// TestPeriodsAreWrittenOut: a period given as 90d on the command line reads in words in
// the messages, in the grammar of each language.
func TestPeriodsAreWrittenOut(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ ui, period, want string }{
		{"en", "90d", "more than 90 days ago"},
		{"ro", "90d", "acum mai mult de 90 de zile"},
		{"ro", "2w", "acum mai mult de 2 săptămâni"},
		{"uk", "90d", "понад 90 днів тому"},
		{"uk", "1d", "понад 1 день тому"},
		{"ru", "90d", "более чем 90 дней назад"},
		{"ru", "36h", "более чем 36 часов назад"},
	} {
		code, out, errOut := cliRun{ui: tt.ui}.run(t, "sessions", "purge", "--older-than", tt.period, "--yes")
		if code != 0 || !strings.Contains(out, tt.want) {
			t.Errorf("%s %s: exit %d, %q; want %q (%s)", tt.ui, tt.period, code, out, tt.want, errOut)
		}
	}
}
