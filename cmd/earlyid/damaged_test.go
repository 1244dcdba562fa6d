package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// canary stands for what a file that is not a session may hold (another program's data,
// /etc/passwd behind a link): none of it may reach the terminal.
const canary = "root:x:0:0:CANARY-7F3K:/root:/bin/bash"

// TestDamagedAndLinkedSessionFilesAreToldInTheUsersLanguage: a session file that is not
// one (damaged, replaced, or a link to another file) is named in a localized sentence that
// says what to do; neither age's English error nor a byte of the file reaches the screen.
func TestDamagedAndLinkedSessionFilesAreToldInTheUsersLanguage(t *testing.T) {
	t.Parallel()
	env := newStorageEnv(t)
	pf := []string{"--passphrase-file", env.passFile}
	if code, out, errOut := (cliRun{folders: env, stdin: "y\n:quit\n"}).run(t, append([]string{"interview", "--plain", "--guideline", "example", "--case", "MD-REAL-0001"}, pf...)...); code != 0 {
		t.Fatalf("interview: exit %d\n%s\n%s", code, out, errOut)
	}
	other := filepath.Join(t.TempDir(), "passwd")
	os.WriteFile(other, []byte(canary+"\n"), 0o600)
	os.WriteFile(env.sessionFile("MD-DMGD-0001"), []byte(canary+"\n"), 0o600)
	if err := os.Symlink(other, env.sessionFile("MD-LINK-0001")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	os.MkdirAll(filepath.Join(env.data, "training"), 0o700)
	os.Symlink(other, filepath.Join(env.data, "training", "MD-LINK-0002.json"))
	os.WriteFile(filepath.Join(env.data, "training", "MD-DMGD-0002.json"), []byte(canary+"\n"), 0o600)

	for _, tt := range []struct {
		ui   string
		args []string
		want []string
	}{
		{"en", []string{"resume", "MD-DMGD-0001", "--plain"}, []string{"MD-DMGD-0001.age is damaged or incomplete", "earlyid sessions delete MD-DMGD-0001"}},
		{"ro", []string{"resume", "MD-DMGD-0001", "--plain"}, []string{"MD-DMGD-0001.age este deteriorat", "earlyid sessions delete MD-DMGD-0001"}},
		{"en", []string{"interview", "--plain", "--guideline", "example", "--case", "MD-DMGD-0001"}, []string{"MD-DMGD-0001.age is damaged or incomplete"}},
		{"en", []string{"export", "MD-DMGD-0001", "--format", "md"}, []string{"MD-DMGD-0001.age is damaged or incomplete"}},
		{"en", []string{"interview", "--plain", "--guideline", "example", "--case", "MD-LINK-0001"}, []string{"MD-LINK-0001.age is not a session file but a link"}},
		{"uk", []string{"resume", "MD-DMGD-0002", "--plain"}, []string{"MD-DMGD-0002.json", "earlyid sessions delete MD-DMGD-0002 --training"}},
		{"en", []string{"interview", "--plain", "--training", "--guideline", "example", "--case", "MD-LINK-0002"}, []string{"MD-LINK-0002.json is not a session file but a link"}},
	} {
		code, out, errOut := cliRun{folders: env, ui: tt.ui, stdin: ":quit\n"}.run(t, append(tt.args, pf...)...)
		all := out + errOut
		if code != exitFailure {
			t.Errorf("%v: exit %d, want %d\n%s", tt.args, code, exitFailure, all)
		}
		for _, w := range tt.want {
			if !strings.Contains(errOut, w) {
				t.Errorf("%v --ui-lang %s: stderr lacks %q:\n%s", tt.args, tt.ui, w, errOut)
			}
		}
		for _, bad := range []string{"CANARY", "age:", "header", "invalid character"} {
			if strings.Contains(all, bad) {
				t.Errorf("%v: the output holds %q:\n%s", tt.args, bad, all)
			}
		}
	}
}
