package main

import (
	"bytes"
	"encoding/json"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"github.com/earlyid/earlyid/guidelines/schema"
)

func TestSchemaCmd(t *testing.T) {
	t.Parallel()
	tests := []struct {
		args []string
		want []byte
	}{
		{[]string{"schema"}, schema.Guideline},
		{[]string{"schema", "--scenario"}, schema.Scenario},
	}
	for _, tt := range tests {
		code, stdout, stderr := cliRun{}.run(t, tt.args...)
		if code != exitOK || stderr != "" {
			t.Fatalf("%v: exit %d, stderr %q", tt.args, code, stderr)
		}
		if !bytes.Equal([]byte(stdout), tt.want) {
			t.Errorf("%v: output differs from the embedded schema", tt.args)
		}
		var v map[string]any
		if err := json.Unmarshal([]byte(stdout), &v); err != nil {
			t.Errorf("%v: not JSON: %v", tt.args, err)
		}
	}
}

func TestPreviewCmd(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		args       []string
		wantCode   int
		wantOut    []string
		wantStderr string
	}{
		{
			name:     "embedded id, one language",
			args:     []string{"preview", "example", "--lang", "en"},
			wantCode: exitOK,
			wantOut:  []string{"# Example early identification guideline", "**Asked if:** consent_interview = Yes"},
		},
		{
			name:     "default language follows the UI language",
			args:     []string{"--ui-lang", "ro", "preview", "example"},
			wantCode: exitOK,
			wantOut:  []string{"# Exemplu de ghid de identificare timpurie", "**Se pune dacă:** consent_interview = Da"},
		},
		{
			name:     "file, side by side, html",
			args:     []string{"preview", "../../guidelines/example.yaml", "--lang", "ro", "--lang", "uk", "--format", "html"},
			wantCode: exitOK,
			wantOut:  []string{"<!DOCTYPE html>", `<th lang="ro">ro</th><th lang="uk">uk</th>`},
		},
		{
			name:       "language the guideline lacks",
			args:       []string{"preview", "example", "--lang", "de"},
			wantCode:   exitUsage,
			wantStderr: "The guideline has no texts in “de”. Its languages: ro, uk, ru, en.",
		},
		{
			name:       "unknown guideline",
			args:       []string{"preview", "no-such-guideline"},
			wantCode:   exitFailure,
			wantStderr: "no-such-guideline",
		},
		{
			name:       "broken file",
			args:       []string{"preview", "testdata/bad.yaml"},
			wantCode:   exitFailure,
			wantStderr: "testdata/bad.yaml:6:1: error: Unknown key “autor”.",
		},
		{
			name:       "bad format",
			args:       []string{"preview", "example", "--format", "pdf"},
			wantCode:   exitUsage,
			wantStderr: "Unknown format “pdf”. Use one of: md, html.",
		},
		{
			name:       "no guideline",
			args:       []string{"preview"},
			wantCode:   exitUsage,
			wantStderr: "Missing argument: FILE|ID.",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := cliRun{}.run(t, tt.args...)
			if code != tt.wantCode {
				t.Errorf("exit %d, want %d (stderr %q)", code, tt.wantCode, stderr)
			}
			for _, w := range tt.wantOut {
				if !strings.Contains(stdout, w) {
					t.Errorf("stdout lacks %q", w)
				}
			}
			switch {
			case tt.wantStderr == "" && stderr != "":
				t.Errorf("stderr = %q, want nothing", stderr)
			case !strings.Contains(stderr, tt.wantStderr):
				t.Errorf("stderr = %q, want %q", stderr, tt.wantStderr)
			}
		})
	}
}

func TestGuidelinesCmd(t *testing.T) {
	t.Parallel()
	code, stdout, stderr := cliRun{}.run(t, "guidelines")
	if code != exitOK || stderr != "" {
		// Every built-in guideline must load: a broken one is listed on stderr with exit 1.
		t.Errorf("exit %d, stderr %q; want 0 and nothing", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if !strings.HasPrefix(lines[0], "ID ") || !strings.Contains(lines[0], "TITLE") {
		t.Errorf("header = %q", lines[0])
	}
	if !strings.Contains(stdout, "example") || !strings.Contains(stdout, "Example early identification guideline") || !strings.Contains(stdout, "ro,uk,ru,en") {
		t.Errorf("stdout lacks the example guideline:\n%s", stdout)
	}
	code, stdout, stderr = cliRun{}.run(t, "--ui-lang", "uk", "guidelines")
	if code != exitOK || stderr != "" {
		t.Errorf("in Ukrainian: exit %d, stderr %q; want 0 and nothing", code, stderr)
	}
	if !strings.Contains(stdout, "Приклад настанови для раннього виявлення") || !strings.Contains(stdout, "НАЗВА") {
		t.Errorf("titles and header should follow the UI language:\n%s", stdout)
	}
}

func TestVersionCmd(t *testing.T) {
	t.Parallel()
	code, stdout, _ := cliRun{}.run(t, "version")
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if len(lines) != 3 || lines[0] != "earlyid dev" || !strings.HasPrefix(lines[1], "go1.") ||
		!strings.HasPrefix(lines[2], "Built-in guidelines:") || !strings.Contains(lines[2], "example 2026.1") {
		t.Errorf("version output:\n%s", stdout)
	}
}

// TestBuildVersion: a version set at build time wins, then the module version that
// go install records, and a build from a checkout says "dev".
func TestBuildVersion(t *testing.T) {
	t.Parallel()
	module := func(v string) *debug.BuildInfo { return &debug.BuildInfo{Main: debug.Module{Version: v}} }
	tests := []struct {
		name    string
		ldflags string
		info    *debug.BuildInfo
		want    string
	}{
		{"set with -ldflags", "v1.2.3", module("v1.0.0"), "v1.2.3"},
		{"go install @version", "", module("v1.0.0"), "v1.0.0"},
		{"a checkout", "", module("(devel)"), "dev"},
		{"no module version", "", module(""), "dev"},
		{"no build information", "", nil, "dev"},
	}
	for _, tt := range tests {
		if got := versionOf(tt.ldflags, tt.info); got != tt.want {
			t.Errorf("%s: version %q, want %q", tt.name, got, tt.want)
		}
	}
}

// Each name in commandTable is the name of the command its constructor builds: a wrong one
// would make `earlyid <name>` build a command cobra does not find under that name.
func TestCommandTableNames(t *testing.T) {
	t.Parallel()
	ios, _, _, _ := testIO()
	f := newFactory(ios, func(string) string { return "" }, time.Now)
	seen := map[string]bool{}
	for _, c := range commandTable {
		if got := c.build(f).Name(); got != c.name {
			t.Errorf("commandTable says %q, its constructor builds %q", c.name, got)
		}
		if seen[c.name] {
			t.Errorf("%q is in commandTable twice", c.name)
		}
		seen[c.name] = true
	}
}

// A run that names its command builds that command alone (building all of them with their
// flags and help was 2–3% of the CPU time of `earlyid version`); help, completion, a typo and no
// command at all build every one, since they list or suggest them.
func TestOnlyTheCommandThatRunsIsBuilt(t *testing.T) {
	t.Parallel()
	ios, _, _, _ := testIO()
	f := newFactory(ios, func(string) string { return "" }, time.Now)
	for _, args := range [][]string{{"version"}, {"--ui-lang", "ro", "version"}, {"--ui-lang=uk", "version", "--help"}} {
		cmds := commands(f, args)
		if len(cmds) != 1 || cmds[0].Name() != "version" {
			t.Errorf("%q builds %d commands, want version alone", args, len(cmds))
		}
	}
	for _, args := range [][]string{nil, {"help", "version"}, {"--help"}, {"verison"}, {"__complete", "ver"}, {"--", "version"}, {"--ui-lang"}} {
		if n := len(commands(f, args)); n != len(commandTable) {
			t.Errorf("%q builds %d commands, want all %d", args, n, len(commandTable))
		}
	}
}
