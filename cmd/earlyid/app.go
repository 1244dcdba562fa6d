package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/interview"
	"github.com/earlyid/earlyid/interview/vault"
	"github.com/earlyid/earlyid/locales"
)

// Exit codes, the same for every command (see README "Exit codes").
const (
	exitOK      = 0 // success
	exitFailure = 1 // the command failed: it found problems (an invalid file, a failed check) or could not do its work (an unreadable input, a wrong passphrase, a failed save)
	exitUsage   = 2 // the command line itself is wrong
)

// factory holds what commands need from the outside world. Commands copy the parts they use
// into their options struct, so a test can replace any of them. Everything a command reads
// from the environment (the data and config folders, EARLYID_LANG, NO_COLOR, the passphrase
// file) goes through Getenv, never os.Getenv, so that tests run command lines side by side,
// each with an environment of its own.
type factory struct {
	IO     *IOStreams
	Getenv func(string) string
	Now    func() time.Time
	// ReadSecret reads a passphrase typed on the terminal without echoing it. Tests replace
	// it with a scripted typist.
	ReadSecret func() (string, error)
	// WorkFactor is the scrypt work factor of a new key file. Tests lower it: their key
	// files are throw-away, and the real one takes about a second.
	WorkFactor int

	// uiLang is the value of the persistent --ui-lang flag, bound by the root command.
	uiLang string
	// rawUILang is --ui-lang as found in the raw arguments, before cobra parses them: the
	// help texts are built before parsing.
	rawUILang string
	// completing is set when the shell asks for completions (cobra's __complete commands),
	// which show the commands' descriptions.
	completing bool
	loc        *locales.Localizer
}

// newFactory returns a factory over ios that reads the environment with getenv and the
// clock with now.
func newFactory(ios *IOStreams, getenv func(string) string, now func() time.Time) *factory {
	f := &factory{IO: ios, Getenv: getenv, Now: now, WorkFactor: vault.DefaultWorkFactor}
	f.ReadSecret = f.readTerminal
	return f
}

// dataDir returns earlyid's data folder (EARLYID_DATA_DIR, else the platform's).
func (f *factory) dataDir() (string, error) { return interview.DataDirFrom(f.Getenv) }

// trainingDir returns the folder of training sessions.
func (f *factory) trainingDir() (string, error) {
	d, err := f.dataDir()
	if err != nil {
		return "", err
	}
	return interview.TrainingDirIn(d), nil
}

// sessionsDir returns the folder of encrypted sessions.
func (f *factory) sessionsDir() (string, error) {
	d, err := f.dataDir()
	if err != nil {
		return "", err
	}
	return interview.SessionsDirIn(d), nil
}

// Localizer returns the UI localizer: --ui-lang, else EARLYID_LANG, else the system locale,
// else English. It is resolved on first use, after flags are parsed, and then kept.
func (f *factory) Localizer() *locales.Localizer {
	if f.loc == nil {
		f.loc = locales.New(locales.Detect(f.uiLang, f.Getenv))
	}
	return f.loc
}

// cliError is an error whose sentence is already written for the user (localized), with the
// exit code it maps to. An empty message means the command already printed everything.
type cliError struct {
	code int
	msg  string
	err  error
}

func (e *cliError) Error() string {
	if e.msg == "" && e.err != nil {
		return e.err.Error()
	}
	return e.msg
}

func (e *cliError) Unwrap() error { return e.err }

// usageError returns an exit-2 error with the localized message id.
func (f *factory) usageError(id string, data map[string]any) error {
	return &cliError{code: exitUsage, msg: f.Localizer().T(id, data)}
}

// failure returns an exit-1 error with the localized message id; err is kept for errors.Is.
func (f *factory) failure(err error, id string, data map[string]any) error {
	return &cliError{code: exitFailure, msg: f.Localizer().T(id, data), err: err}
}

// errSilentFailure ends a command with exit code 1 after it said why itself (its findings,
// or a screen that told the user), so that nothing more is printed.
var errSilentFailure = &cliError{code: exitFailure}

// run executes the command line args against the real environment and returns the exit
// code. main is the only caller besides tests.
func run(args []string, ios *IOStreams) int {
	return execute(newFactory(ios, os.Getenv, time.Now), args)
}

// execute builds the command tree, runs it and maps the outcome to an exit code. It is the
// one place where errors become exit codes and stderr sentences.
func execute(f *factory, args []string) (code int) {
	defer func() {
		// A panic is a bug in earlyid, never the user's fault; say so in one sentence rather
		// than dumping a stack trace over the interview screen.
		if r := recover(); r != nil {
			f.IO.ErrLine(f.Localizer().T("cli.error.internal", map[string]any{"Detail": fmt.Sprint(r)}))
			code = exitFailure
		}
	}()
	f.rawUILang = rawFlag(args, "ui-lang")
	f.completing = slices.Contains(args, "__complete")
	root := newRootCmd(f, args)
	root.SetArgs(args)
	cmd, err := root.ExecuteC()
	if err == nil {
		return exitOK
	}
	code, msg := f.describe(err, args)
	if msg != "" {
		f.IO.ErrLine(msg)
	}
	// An unknown command's sentence already points to earlyid --help.
	if code == exitUsage && cmd != nil && !isUnknownCommand(err) {
		f.IO.ErrLine(f.Localizer().T("cli.usage.hint", map[string]any{"Command": cmd.CommandPath()}))
	}
	return code
}

// describe maps err to its exit code and the sentence to print (maybe several lines for
// diagnostics; "" when the command printed everything itself).
func (f *factory) describe(err error, args []string) (int, string) {
	l := f.Localizer()
	var ce *cliError
	if errors.As(err, &ce) {
		return ce.code, ce.msg
	}
	var diags guidelines.Diagnostics
	if errors.As(err, &diags) {
		lines := make([]string, len(diags))
		for i, d := range diags {
			lines[i] = d.Format(l)
		}
		return exitFailure, strings.Join(lines, "\n")
	}
	var diag guidelines.Diagnostic
	if errors.As(err, &diag) {
		return exitFailure, diag.Format(l)
	}
	if rest, ok := strings.CutPrefix(err.Error(), unknownCommandPrefix); ok {
		name, qerr := strconv.QuotedPrefix(rest)
		if qerr == nil {
			name, _ = strconv.Unquote(name)
		} else if len(args) > 0 {
			name = args[0]
		}
		return exitUsage, l.T("cli.error.unknown_command", map[string]any{"Name": name})
	}
	return exitFailure, err.Error()
}

// unknownCommandPrefix starts cobra's error for an unknown subcommand: a plain error whose
// text is the only handle.
const unknownCommandPrefix = "unknown command "

func isUnknownCommand(err error) bool { return strings.HasPrefix(err.Error(), unknownCommandPrefix) }

// rawFlag returns the value of --name in args (as --name=v or --name v), or "".
func rawFlag(args []string, name string) string {
	for i, a := range args {
		if a == "--" {
			break
		}
		if v, ok := strings.CutPrefix(a, "--"+name+"="); ok {
			return v
		}
		if a == "--"+name && i+1 < len(args) {
			return args[i+1]
		}
	}
	return ""
}

// flagError turns pflag's parse errors into localized usage errors.
func (f *factory) flagError(_ *cobra.Command, err error) error {
	var (
		notExist *pflag.NotExistError
		required *pflag.ValueRequiredError
		invalid  *pflag.InvalidValueError
	)
	switch {
	case errors.As(err, &notExist):
		return &cliError{code: exitUsage, err: err, msg: f.Localizer().T("cli.error.unknown_flag", map[string]any{"Flag": flagName(notExist.GetSpecifiedName(), notExist.GetSpecifiedShortnames())})}
	case errors.As(err, &required):
		return &cliError{code: exitUsage, err: err, msg: f.Localizer().T("cli.error.flag_needs_value", map[string]any{"Flag": flagName(required.GetSpecifiedName(), required.GetSpecifiedShortnames())})}
	case errors.As(err, &invalid):
		return &cliError{code: exitUsage, err: err, msg: f.Localizer().T("cli.error.flag_bad_value", map[string]any{"Flag": "--" + invalid.GetFlag().Name, "Value": invalid.GetValue()})}
	}
	return &cliError{code: exitUsage, err: err, msg: f.Localizer().T("cli.error.usage", map[string]any{"Detail": err.Error()})}
}

// flagName renders a flag as the user typed it: pflag reports a shorthand by its letter
// with the group it appeared in ("z" in "-xz"), and a long flag by its name.
func flagName(name, shorthands string) string {
	if shorthands != "" {
		return "-" + name
	}
	return "--" + name
}

// argsAsUsage wraps every command's argument validator so that a wrong number of arguments
// is a usage error (exit 2), whoever wrote the command.
func argsAsUsage(f *factory, cmd *cobra.Command) {
	for _, c := range cmd.Commands() {
		argsAsUsage(f, c)
	}
	orig := cmd.Args
	if orig == nil {
		return
	}
	cmd.Args = func(c *cobra.Command, args []string) error {
		err := orig(c, args)
		if err == nil {
			return nil
		}
		var ce *cliError
		if errors.As(err, &ce) {
			return err
		}
		return &cliError{code: exitUsage, err: err, msg: f.Localizer().T("cli.error.usage", map[string]any{"Detail": err.Error()})}
	}
}

// minArgs is cobra.MinimumNArgs with a localized sentence naming what is missing.
func minArgs(f *factory, n int, what string) cobra.PositionalArgs {
	return func(_ *cobra.Command, args []string) error {
		if len(args) < n {
			return f.usageError("cli.error.missing_args", map[string]any{"What": what})
		}
		return nil
	}
}

// exactArgs is cobra.ExactArgs with localized sentences.
func exactArgs(f *factory, n int, what string) cobra.PositionalArgs {
	return func(_ *cobra.Command, args []string) error {
		switch {
		case len(args) < n:
			return f.usageError("cli.error.missing_args", map[string]any{"What": what})
		case len(args) > n:
			return f.usageError("cli.error.too_many_args", map[string]any{"Extra": strings.Join(args[n:], " ")})
		}
		return nil
	}
}

// readError turns a failure to read path into one localized sentence naming the file.
func (f *factory) readError(path string, err error) error {
	return f.failure(err, readErrorID(err, "cli.error.read_file"), map[string]any{"File": path, "Detail": err.Error()})
}

// readErrorID is the message for a failed read: the common causes have their own sentence
// (taking File), any other cause the message other (taking File and Detail).
func readErrorID(err error, other string) string {
	switch {
	case errors.Is(err, os.ErrNotExist):
		return "cli.error.file_not_found"
	case errors.Is(err, os.ErrPermission):
		return "cli.error.file_permission"
	case errors.Is(err, errIsDir), errors.Is(err, syscall.EISDIR):
		return "cli.error.file_is_dir"
	}
	return other
}

var errIsDir = errors.New("is a directory")

// maxInput bounds what any command reads from one file: reading one byte past the loader's
// limit lets the loader report the size with its own finding, and a mistaken multi-gigabyte
// path never fills memory.
const maxInput = guidelines.MaxFileSize

// readInput reads path ("-" is stdin) up to maxInput+1 bytes.
func (f *factory) readInput(path string) ([]byte, error) {
	var r io.Reader
	if path == "-" {
		r = f.IO.In
	} else {
		fh, err := os.Open(path)
		if err != nil {
			return nil, f.readError(path, err)
		}
		defer fh.Close()
		st, err := fh.Stat()
		if err == nil && st.IsDir() {
			return nil, f.readError(path, errIsDir)
		}
		r = fh
		if err == nil && st.Mode().IsRegular() && st.Size() <= maxInput {
			// Read in one buffer of the file's size: io.ReadAll's doubling allocated twice
			// the file, and validate reads a guideline and all its scenarios.
			var buf bytes.Buffer
			buf.Grow(int(st.Size()) + bytes.MinRead)
			if _, err := buf.ReadFrom(io.LimitReader(fh, maxInput+1)); err != nil {
				return nil, f.readError(path, err)
			}
			return buf.Bytes(), nil
		}
	}
	data, err := io.ReadAll(io.LimitReader(r, maxInput+1))
	if err != nil {
		return nil, f.readError(path, err)
	}
	return data, nil
}

// personLang returns the language a guideline's texts are shown in for the person: lang when
// given, else the interviewer's language uiLang when the guideline has it, else the
// guideline's first; a given language the guideline lacks is a usage error.
func personLang(f *factory, g *guidelines.Guideline, lang, uiLang string) (string, error) {
	if lang == "" {
		return g.ContentLang(uiLang), nil
	}
	return lang, checkLang(f, g, lang)
}

// checkLang refuses, as a usage error, a language the guideline has no texts in.
func checkLang(f *factory, g *guidelines.Guideline, lang string) error {
	if !slices.Contains(g.Languages, lang) {
		return f.usageError("cli.error.language_not_in_guideline", map[string]any{"Lang": lang, "Languages": strings.Join(g.Languages, ", ")})
	}
	return nil
}

// runOr ends a command's RunE: a test that passes runF to the command's constructor gets
// the options the command line filled, and the command does not run; otherwise run runs it.
func runOr[O any](runF func(*O) error, opts *O, run func() error) error {
	if runF != nil {
		return runF(opts)
	}
	return run()
}
