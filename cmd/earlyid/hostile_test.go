package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
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

// hostile holds what a crafted file can carry to take over a terminal: an OSC that sets
// the window title, a CSI written as the C1 byte, a right-to-left override, an isolate
// and an SGR colour.
const hostile = "\x1b]0;owned\x07 \u009b2J \u202eevil\u202c \u2066iso\u2069 \x1b[31mred\x1b[0m"

// unsafeRune returns the first rune of s that must not reach a terminal or an output file
// (ESC, BEL and the other C0 controls but line breaks and tabs, DEL, C1, bidi embeddings,
// overrides and isolates), or -1.
func unsafeRune(s string) rune {
	for _, r := range s {
		switch {
		case r == '\n' || r == '\t' || r == '\r':
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f):
			return r
		case (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069):
			return r
		}
	}
	return -1
}

// TestHostileFileTextNeverReachesOutput feeds a training session whose every free text
// (notes, closing remarks, place, role, institution, the guideline's version, the scenario
// and the guideline ids) holds escape sequences, C1 controls and bidi overrides through
// every command that prints a session, in every text format, to the terminal and to a
// file: nothing of them reaches stdout, stderr or the file.
func TestHostileFileTextNeverReachesOutput(t *testing.T) {
	t.Parallel()
	env := storageEnv{data: t.TempDir()}
	base := demoSession(t, env)
	s := cloneSession(base)
	s["demo"] = false // a trainee's interview, counted and shown everywhere
	s["remarks"] = "remarks " + hostile
	s["place"] = "place " + hostile
	s["interviewer_role"] = "role " + hostile
	s["institution"] = "institution " + hostile
	s["scenario"] = border + hostile
	s["guideline"].(map[string]any)["version"] = "2026.1" + hostile
	s["answers"].(map[string]any)["notes"] = map[string]any{"offer_type": "note " + hostile, "age": hostile}
	path := writeSession(t, env, "MD-EVIL-0001", s)
	otherID := cloneSession(base)
	otherID["demo"] = false
	otherID["guideline"].(map[string]any)["id"] = "mixed-flows-md" + hostile
	otherPath := writeSession(t, env, "MD-EVIL-0002", otherID)
	dir := filepath.Join(env.data, "training")
	outDir := t.TempDir()

	// Guideline, scenario and answers files with the same text, written as YAML escapes
	// (a raw control byte is refused earlier, by the reader).
	yamlHostile := `\e]0;owned\a \x9b2J \u202eevil\u202c \u2066iso\u2069 \e[31mred`
	files := t.TempDir()
	guide := filepath.Join(files, "guideline.yaml")
	scen := filepath.Join(files, "scenario.yaml")
	answers := filepath.Join(files, "answers.yaml")
	hostileCopy(t, "../../guidelines/example.yaml", guide, "  en: Example early identification guideline", `  en: "Example `+yamlHostile+`"`)
	hostileCopy(t, "../../guidelines/scenarios/example-adult-documents.yaml", scen, "  en: Warehouse job offer, documents kept", `  en: "Warehouse `+yamlHostile+`"`)
	hostileCopy(t, "testdata/score/child-online.yaml", answers, `  contact_details: "Ana, 069 000 000"`, `  contact_details: "Ana `+yamlHostile+`"`)

	runs := []struct {
		args []string
		// shows: the output holds the hostile text, made safe (so the run did read it).
		shows bool
	}{
		{[]string{"debrief", path, "--scenario", border}, true},
		{[]string{"debrief", path, "--scenario", border, "--format", "md"}, true},
		{[]string{"debrief", path, "--scenario", border, "--format", "html"}, true},
		{[]string{"debrief", path, "MD-DEMO-0001", "--scenario", border}, true},
		{[]string{"debrief", path, "--scenario", border, "--format", "md", "--out", "debrief.md"}, true},
		{[]string{"debrief", path}, true},
		{[]string{"debrief", otherPath, "--scenario", border}, true},
		{[]string{"report", dir}, true},
		{[]string{"report", dir, "--format", "csv"}, true},
		{[]string{"report", dir, "--format", "html"}, true},
		{[]string{"report", dir, "--format", "csv", "--out", "report.csv"}, false},
		{[]string{"sessions", "list"}, true},
		{[]string{"sessions", "show", "MD-EVIL-0001", "--training"}, true},
		{[]string{"sessions", "show", "MD-EVIL-0002", "--training"}, true},
		{[]string{"export", "MD-EVIL-0001", "--training", "--format", "md"}, true},
		{[]string{"export", "MD-EVIL-0001", "--training", "--format", "html"}, true},
		{[]string{"export", "MD-EVIL-0001", "--training", "--format", "json"}, true},
		{[]string{"export", "MD-EVIL-0001", "--training", "--format", "md", "--out", "summary.md"}, false},
		{[]string{"export", "MD-EVIL-0002", "--training", "--format", "md"}, true},
		{[]string{"resume", "MD-EVIL-0001", "--training", "--plain"}, false},
		{[]string{"resume", "MD-EVIL-0002", "--training", "--plain"}, true},
		{[]string{"validate", guide}, false},
		{[]string{"preview", guide}, false},
		{[]string{"preview", guide, "--format", "html"}, false},
		{[]string{"score", "--guideline", guide, "--answers", answers}, false},
		{[]string{"score", "--guideline", "example", "--answers", answers}, false},
		{[]string{"simulate", scen, "--briefing", "md"}, false},
		{[]string{"debrief", path, "--scenario", scen}, false},
	}
	for _, run := range runs {
		args := run.args
		name := strings.Join(args, " ")
		var outFile string
		for i, a := range args {
			if a == "--out" {
				outFile = filepath.Join(outDir, args[i+1])
				args = append(slices.Clone(args[:i+1]), append([]string{outFile}, args[i+2:]...)...)
				break
			}
		}
		code, out, errOut := cliRun{folders: env, ui: "en", stdin: ":review\n:quit\n"}.run(t, args...)
		if run.shows && !strings.Contains(out+errOut, "evil") {
			t.Errorf("%s (exit %d): the hostile text is not in the output, so the run did not read it:\n%s%s", name, code, out, errOut)
		}
		for stream, text := range map[string]string{"stdout": out, "stderr": errOut} {
			if r := unsafeRune(text); r >= 0 {
				t.Errorf("%s (exit %d): %s holds %U:\n%q", name, code, stream, r, text)
			}
		}
		if outFile != "" {
			data, err := os.ReadFile(outFile)
			if err != nil {
				t.Errorf("%s (exit %d): %v %s", name, code, err, errOut)
			} else if r := unsafeRune(string(data)); r >= 0 {
				t.Errorf("%s: the written file holds %U:\n%q", name, r, data)
			}
		}
	}
}

// hostileCopy copies the file src to dst with the line old replaced by new.
func hostileCopy(t *testing.T, src, dst, old, new string) {
	t.Helper()
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), old) {
		t.Fatalf("%s lacks %q", src, old)
	}
	if err := os.WriteFile(dst, []byte(strings.Replace(string(data), old, new, 1)), 0o600); err != nil {
		t.Fatal(err)
	}
}
