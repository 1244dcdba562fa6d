package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// demoSession runs a demonstration of the border scenario into env's training folder and
// returns the session file as a JSON object, for tests to make hostile copies of.
func demoSession(t *testing.T, env storageEnv) map[string]any {
	t.Helper()
	if code, _, errOut := (cliRun{folders: env}).run(t, "simulate", border, "--autoplay", "--delay", "0", "--plain", "--case", "MD-DEMO-0001", "--lang", "uk"); code != 0 {
		t.Fatalf("autoplay: exit %d %s", code, errOut)
	}
	raw, err := os.ReadFile(filepath.Join(env.data, "training", "MD-DEMO-0001.json"))
	if err != nil {
		t.Fatal(err)
	}
	var s map[string]any
	if err := json.Unmarshal(raw, &s); err != nil {
		t.Fatal(err)
	}
	return s
}

// writeSession writes s as the training session code, in the training folder of env.
func writeSession(t *testing.T, env storageEnv, code string, s map[string]any) string {
	t.Helper()
	s["code"] = code
	raw, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(env.data, "training", code+".json")
	if err := os.WriteFile(path, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestSessionFieldsAreNeverPaths: the scenario and guideline a session names are ids,
// looked up among the built-in ones. Paths written there are not opened: nothing of the
// file they name is echoed, a device is not read, and the message says to give the file
// with a flag.
func TestSessionFieldsAreNeverPaths(t *testing.T) {
	t.Parallel()
	env := storageEnv{data: t.TempDir()}
	base := demoSession(t, env)
	for _, value := range []string{"/etc/passwd", "../..", "/dev/zero"} {
		scen := cloneSession(base)
		scen["scenario"] = value
		path := writeSession(t, env, "MD-PATH-0001", scen)
		guide := cloneSession(base)
		guide["guideline"].(map[string]any)["id"] = value
		writeSession(t, env, "MD-PATH-0002", guide)
		runs := []struct {
			args []string
			want string
		}{
			{[]string{"debrief", path}, "names the scenario “" + value + "”, which is not built in"},
			{[]string{"debrief", "MD-PATH-0001"}, "--scenario FILE"},
			{[]string{"sessions", "show", "MD-PATH-0002", "--training"}, "was made with the guideline “" + value + "”, which is not built in"},
			{[]string{"resume", "MD-PATH-0002", "--training", "--plain"}, "Give its file with --guideline FILE"},
		}
		for _, r := range runs {
			start := time.Now()
			code, out, errOut := cliRun{folders: env, ui: "en"}.run(t, r.args...)
			if code != exitFailure || !strings.Contains(errOut, r.want) {
				t.Errorf("%s with %q: exit %d, stderr %q; want 1 and %q", strings.Join(r.args[:2], " "), value, code, errOut, r.want)
			}
			for _, leak := range []string{"root:", "mapping", "folder", "larger than"} {
				if strings.Contains(out+errOut, leak) {
					t.Errorf("%s with %q opened the path: output has %q:\n%s%s", strings.Join(r.args[:2], " "), value, leak, out, errOut)
				}
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("%s with %q took %v", strings.Join(r.args[:2], " "), value, d)
			}
		}
	}
}

// cloneSession returns a deep copy of a session decoded from JSON.
func cloneSession(s map[string]any) map[string]any {
	raw, _ := json.Marshal(s)
	var c map[string]any
	json.Unmarshal(raw, &c)
	return c
}
