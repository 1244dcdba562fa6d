package main

import (
	"bytes"
	"encoding/json"
	"io"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// testWorkFactor is the scrypt work factor of the key files tests create: 2^10 instead of
// 2^18, as they are throw-away.
const testWorkFactor = 10

// testIO returns in-memory streams with every terminal flag false, and the buffers behind
// them.
func testIO() (ios *IOStreams, in, out, errOut *bytes.Buffer) {
	in, out, errOut = new(bytes.Buffer), new(bytes.Buffer), new(bytes.Buffer)
	return &IOStreams{In: in, Out: out, ErrOut: errOut}, in, out, errOut
}

// cliRun describes one in-process run of earlyid, the one way tests run the command line:
// what stdin holds and what the user types at passphrase prompts, whether there is a
// terminal, the clock, and the environment. Nothing is read from the process's own
// environment, so runs of parallel tests do not see each other's.
type cliRun struct {
	stdin string
	tty   bool      // stdin and stdout are terminals
	typed []string  // what the user types at passphrase prompts, in order
	now   time.Time // the clock (default 2026-03-01 12:00 UTC)
	ui    string    // --ui-lang, appended to the arguments when set
	env   map[string]string
	// folders holds the data and config folders; fresh empty ones when unset, so that a
	// run never reads or writes the user's own.
	folders storageEnv
}

// factory returns the factory of the run, with its streams: stdin holds c.stdin.
func (c cliRun) factory(t *testing.T) (f *factory, stdout, stderr *bytes.Buffer) {
	t.Helper()
	ios, in, out, errOut := testIO()
	in.WriteString(c.stdin)
	ios.StdinTTY, ios.StdoutTTY = c.tty, c.tty
	env := map[string]string{"EARLYID_DATA_DIR": c.folders.data, "EARLYID_CONFIG_DIR": c.folders.config}
	for k, dir := range env {
		if dir == "" {
			env[k] = t.TempDir()
		}
	}
	for k, v := range c.env {
		env[k] = v
	}
	now := c.now
	if now.IsZero() {
		now = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	}
	f = newFactory(ios, func(k string) string { return env[k] }, func() time.Time { return now })
	typed := c.typed
	f.ReadSecret = func() (string, error) {
		if len(typed) == 0 {
			return "", io.EOF
		}
		s := typed[0]
		typed = typed[1:]
		return s, nil
	}
	f.WorkFactor = testWorkFactor
	return f, out, errOut
}

// run executes args and returns the exit code and both streams.
func (c cliRun) run(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	f, out, errOut := c.factory(t)
	if c.ui != "" {
		args = append(args, "--ui-lang", c.ui)
	}
	code = execute(f, args)
	return code, out.String(), errOut.String()
}

func TestExitCodesAndErrors(t *testing.T) {
	t.Parallel()
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
			code, _, stderr := cliRun{}.run(t, tt.args...)
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
	t.Parallel()
	for _, tt := range []struct{ arg, want string }{
		{"testdata/nope.yaml", "testdata/nope.yaml: error: Cannot read the file: the file does not exist."},
		{"testdata", "testdata: error: Cannot read the file: it is a folder, not a file."},
	} {
		code, stdout, stderr := cliRun{}.run(t, "validate", tt.arg)
		if code != exitFailure || stderr != "" {
			t.Errorf("validate %s: exit %d, stderr %q; want %d and nothing", tt.arg, code, stderr, exitFailure)
		}
		if !strings.Contains(stdout, tt.want) || !strings.Contains(stdout, "[read]") {
			t.Errorf("validate %s: stdout = %q, want it to contain %q … [read]", tt.arg, stdout, tt.want)
		}
	}
}

func TestRunUsesTheRealStreams(t *testing.T) {
	t.Parallel()
	ios, _, out, _ := testIO()
	if code := run([]string{"version"}, ios); code != exitOK {
		t.Fatalf("exit code %d", code)
	}
	if !strings.HasPrefix(out.String(), "earlyid ") {
		t.Errorf("stdout = %q", out.String())
	}
}

func TestUILanguage(t *testing.T) {
	t.Parallel()
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
			_, stdout, _ := cliRun{env: tt.env}.run(t, tt.args...)
			if !strings.Contains(stdout, tt.want) {
				t.Errorf("stdout = %q, want %q", stdout, tt.want)
			}
		})
	}
}

func TestHelpListsCommandsInTheUILanguage(t *testing.T) {
	t.Parallel()
	_, out, _ := cliRun{}.run(t, "--ui-lang", "ro", "--help")
	for _, want := range []string{"validate", "preview", "schema", "guidelines", "version", "completion", "Verificați fișierele de ghid și de scenariu"} {
		if !strings.Contains(out, want) {
			t.Errorf("help lacks %q:\n%s", want, out)
		}
	}
}

func TestCompletion(t *testing.T) {
	t.Parallel()
	code, out, _ := cliRun{}.run(t, "completion", "bash")
	if code != exitOK || !strings.Contains(out, "earlyid") {
		t.Errorf("exit %d, output %.80q", code, out)
	}
}

func TestRawFlag(t *testing.T) {
	t.Parallel()
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
	t.Parallel()
	f, _, errOut := cliRun{}.factory(t)
	f.IO.Out = panickyWriter{}
	code := execute(f, []string{"version"})
	if code != exitFailure {
		t.Errorf("exit %d, want %d", code, exitFailure)
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
	t.Parallel()
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
		_, out, _ := cliRun{}.run(t, args...)
		if !strings.Contains(out, "schema\tВивести JSON Schema формату настанов") {
			t.Errorf("%v: completion descriptions are not in Ukrainian:\n%s", args, out)
		}
	}
	_, out, _ := cliRun{}.run(t, "--ui-lang", "ru", "sessions", "--help")
	if !strings.Contains(out, "Показать список сохранённых сессий") || strings.Contains(out, "List saved sessions") {
		t.Errorf("sessions --help does not describe its commands in Russian:\n%s", out)
	}
}
