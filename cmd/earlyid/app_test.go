package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// runCLI runs earlyid in-process with an empty environment (so the UI language is English
// unless the arguments say otherwise) and returns the exit code and both streams.
func runCLI(t *testing.T, env map[string]string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	ios, _, out, errOut := testIO()
	f := newFactory(ios, func(k string) string { return env[k] }, func() time.Time {
		return time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)
	})
	code = execute(f, args)
	return code, out.String(), errOut.String()
}

func TestExitCodesAndErrors(t *testing.T) {
	tests := []struct {
		name       string
		args       []string
		wantCode   int
		wantStderr string // a substring; "" means stderr must be empty
	}{
		{"help", []string{"--help"}, exitOK, ""},
		{"unknown command", []string{"frobnicate"}, exitUsage, "Unknown command “frobnicate”. Run “earlyid --help” to see the commands."},
		{"unknown flag", []string{"validate", "--frob", "x.yaml"}, exitUsage, "Unknown option --frob."},
		{"unknown shorthand flag", []string{"validate", "-z", "x.yaml"}, exitUsage, "Unknown option -z."},
		{"flag without value", []string{"validate", "x.yaml", "--format"}, exitUsage, "The option --format needs a value."},
		{"flag with a bad value", []string{"validate", "--explore", "many", "x.yaml"}, exitUsage, "“many” is not a valid value for --explore."},
		{"validate without files", []string{"validate"}, exitUsage, "Missing argument: FILE."},
		{"bad format", []string{"validate", "--format", "xml", "testdata/good.yaml"}, exitUsage, "Unknown format “xml”. Use one of: text, json."},
		{"negative explore", []string{"validate", "--explore=-1", "testdata/good.yaml"}, exitUsage, "--explore takes a number of interviews"},
		{"too many arguments", []string{"version", "extra"}, exitUsage, "Too many arguments: extra."},
		{"bad ui language", []string{"--ui-lang", "xx", "version"}, exitUsage, "“xx” is not a language earlyid speaks."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := runCLI(t, nil, tt.args...)
			if code != tt.wantCode {
				t.Errorf("exit code %d, want %d (stderr: %q)", code, tt.wantCode, stderr)
			}
			if tt.wantStderr == "" && stderr != "" {
				t.Errorf("stderr = %q, want nothing", stderr)
			}
			if !strings.Contains(stderr, tt.wantStderr) {
				t.Errorf("stderr = %q, want it to contain %q", stderr, tt.wantStderr)
			}
			if strings.Contains(stderr, "goroutine") || strings.Contains(stderr, "panic") {
				t.Errorf("stderr shows a stack trace: %q", stderr)
			}
			if tt.wantCode == exitUsage && strings.Count(stderr, "--help”") != 1 {
				t.Errorf("a usage error should point at --help, once; stderr = %q", stderr)
			}
		})
	}
}

// A file validate cannot read is a finding like any other: on stdout, in the findings'
// format, so editors and CI see it (the JSON form is tested with validate).
func TestValidateUnreadableFileIsAFinding(t *testing.T) {
	for _, tt := range []struct{ arg, want string }{
		{"testdata/nope.yaml", "testdata/nope.yaml: error: Cannot read the file: the file does not exist."},
		{"testdata", "testdata: error: Cannot read the file: it is a folder, not a file."},
	} {
		code, stdout, stderr := runCLI(t, nil, "validate", tt.arg)
		if code != exitFindings || stderr != "" {
			t.Errorf("validate %s: exit %d, stderr %q; want %d and nothing", tt.arg, code, stderr, exitFindings)
		}
		if !strings.Contains(stdout, tt.want) || !strings.Contains(stdout, "[read]") {
			t.Errorf("validate %s: stdout = %q, want it to contain %q … [read]", tt.arg, stdout, tt.want)
		}
	}
}

func TestRunUsesTheRealStreams(t *testing.T) {
	ios, _, out, _ := testIO()
	if code := run([]string{"version"}, ios); code != exitOK {
		t.Fatalf("exit code %d", code)
	}
	if !strings.HasPrefix(out.String(), "earlyid ") {
		t.Errorf("stdout = %q", out.String())
	}
}

func TestUILanguage(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		args []string
		want string
	}{
		{"flag", nil, []string{"--ui-lang", "ro", "validate", "testdata/nope.yaml"}, "Fișierul nu poate fi citit: fișierul nu există."},
		{"EARLYID_LANG", map[string]string{"EARLYID_LANG": "uk"}, []string{"validate", "testdata/nope.yaml"}, "Не вдається прочитати файл: файлу не існує."},
		{"LANG", map[string]string{"LANG": "ru_MD.UTF-8"}, []string{"validate", "testdata/nope.yaml"}, "Не удаётся прочитать файл: файла не существует."},
		{"flag beats the environment", map[string]string{"LANG": "ru_RU.UTF-8"}, []string{"validate", "--ui-lang=en", "testdata/nope.yaml"}, "Cannot read the file: the file does not exist."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, stdout, _ := runCLI(t, tt.env, tt.args...)
			if !strings.Contains(stdout, tt.want) {
				t.Errorf("stdout = %q, want %q", stdout, tt.want)
			}
		})
	}
}

func TestHelpListsCommandsInTheUILanguage(t *testing.T) {
	_, out, _ := runCLI(t, nil, "--ui-lang", "ro", "--help")
	for _, want := range []string{"validate", "preview", "schema", "guidelines", "version", "completion", "Verificați fișierele de ghid și de scenariu"} {
		if !strings.Contains(out, want) {
			t.Errorf("help lacks %q:\n%s", want, out)
		}
	}
}

func TestCompletion(t *testing.T) {
	code, out, _ := runCLI(t, nil, "completion", "bash")
	if code != exitOK || !strings.Contains(out, "earlyid") {
		t.Errorf("exit %d, output %.80q", code, out)
	}
}

func TestRawFlag(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--ui-lang", "ro", "validate"}, "ro"},
		{[]string{"validate", "--ui-lang=uk"}, "uk"},
		{[]string{"validate", "--", "--ui-lang=uk"}, ""},
		{[]string{"validate", "--ui-lang"}, ""},
	}
	for _, tt := range tests {
		if got := rawFlag(tt.args, "ui-lang"); got != tt.want {
			t.Errorf("rawFlag(%q) = %q, want %q", tt.args, got, tt.want)
		}
	}
}

// decodeJSON fails the test unless s is one JSON document.
func decodeJSON(t *testing.T, s string, v any) {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader([]byte(s)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		t.Fatalf("not the expected JSON (%v):\n%s", err, s)
	}
}

type panickyWriter struct{}

func (panickyWriter) Write([]byte) (int, error) { panic("writer exploded") }

func TestPanicBecomesOneSentence(t *testing.T) {
	ios, _, _, errOut := testIO()
	ios.Out = panickyWriter{}
	code := execute(newFactory(ios, func(string) string { return "" }, time.Now), []string{"version"})
	if code != exitFindings {
		t.Errorf("exit %d, want %d", code, exitFindings)
	}
	want := "earlyid stopped because of an internal error (writer exploded). This is a bug in earlyid, not in your files; please report it.\n"
	if errOut.String() != want {
		t.Errorf("stderr = %q, want %q", errOut.String(), want)
	}
}

// TestErrLineWrapsAtWords: on a terminal, sentences on stderr are wrapped at word
// boundaries to its width (the terminal itself would cut words in two); elsewhere they are
// printed as they are, for scripts and logs.
func TestErrLineWrapsAtWords(t *testing.T) {
	const text = "Без парольної фрази сесії неможливо прочитати: зберігайте її в безпечному місці."
	ios, _, _, errOut := testIO()
	ios.ErrWidth = 30
	ios.ErrLine(text)
	got := strings.TrimSuffix(errOut.String(), "\n")
	for _, line := range strings.Split(got, "\n") {
		if n := utf8.RuneCountInString(line); n > 29 {
			t.Errorf("line of %d runes is wider than the terminal: %q", n, line)
		}
	}
	if strings.Join(strings.Fields(got), " ") != text || !strings.Contains(got, "\n") {
		t.Errorf("not wrapped at word boundaries:\n%s", got)
	}

	ios, _, _, errOut = testIO()
	ios.ErrLine(text)
	if errOut.String() != text+"\n" {
		t.Errorf("without a terminal the line changed: %q", errOut.String())
	}
}

// TestCompletionDescribesCommandsInTheUILanguage: the descriptions are localized only when
// something shows them; shell completion is one of those places, help the other.
func TestCompletionDescribesCommandsInTheUILanguage(t *testing.T) {
	for _, args := range [][]string{{"__complete", "--ui-lang", "uk", "s"}, {"--ui-lang", "uk", "__complete", "s"}} {
		_, out, _ := runCLI(t, nil, args...)
		if !strings.Contains(out, "schema\tВивести JSON Schema формату настанов") {
			t.Errorf("%v: completion descriptions are not in Ukrainian:\n%s", args, out)
		}
	}
	_, out, _ := runCLI(t, nil, "--ui-lang", "ru", "sessions", "--help")
	if !strings.Contains(out, "Показать список сохранённых сессий") || strings.Contains(out, "List saved sessions") {
		t.Errorf("sessions --help does not describe its commands in Russian:\n%s", out)
	}
}
