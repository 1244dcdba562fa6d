package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"filippo.io/age"
	"github.com/spf13/cobra"

	"github.com/earlyid/earlyid/interview"
	"github.com/earlyid/earlyid/interview/vault"
	"github.com/earlyid/earlyid/locales"
)

// config is earlyid's settings file, config.json in the config folder. It holds no secret:
// only public keys and periods. A file that is not there means every default.
type config struct {
	// RecoveryRecipient is the organisation's age recipient (age1…): every session saved is
	// also encrypted to it, so a forgotten passphrase does not lose a case.
	RecoveryRecipient string `json:"recovery_recipient,omitempty"`
	// Retention is how long sessions may be kept after their last change ("90d"); older
	// ones are flagged by sessions list. Empty means defaultRetention.
	Retention string `json:"retention,omitempty"`
}

// defaultRetention is the retention period when none is configured.
const defaultRetention = "90d"

// Setting names, as typed after "earlyid config set".
const (
	keyRecovery  = "recovery-recipient"
	keyRetention = "retention"
)

var configKeys = []string{keyRecovery, keyRetention}

// configDir returns earlyid's config folder: $EARLYID_CONFIG_DIR when set (tests, portable
// installs), else the platform's per-user config folder plus "earlyid" (XDG_CONFIG_HOME or
// ~/.config on Linux, ~/Library/Application Support on macOS, %AppData% on Windows).
func (f *factory) configDir() (string, error) {
	if d := f.Getenv("EARLYID_CONFIG_DIR"); d != "" {
		return filepath.Abs(d)
	}
	d, err := os.UserConfigDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(d, "earlyid"), nil
}

// loadConfig reads the settings file and returns it with its path; a missing file gives
// the defaults. Errors are localized sentences naming the file.
func (f *factory) loadConfig() (*config, string, error) {
	l := f.Localizer()
	dir, err := f.configDir()
	if err != nil {
		return nil, "", &cliError{code: exitFailure, err: err, msg: l.T("cli.config.no_folder", nil)}
	}
	path := filepath.Join(dir, "config.json")
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return &config{}, path, nil
	}
	if err != nil {
		id := readErrorID(err, "cli.config.read_failed")
		return nil, path, &cliError{code: exitFailure, err: err, msg: l.T(id, map[string]any{"File": path, "Detail": err.Error()})}
	}
	var c config
	if err := json.Unmarshal(data, &c); err != nil {
		line, col := jsonErrorPos(data, err)
		return nil, path, &cliError{code: exitFailure, err: err, msg: l.T("cli.config.damaged", map[string]any{"File": path, "Line": line, "Col": col})}
	}
	if c.RecoveryRecipient != "" {
		if _, err := age.ParseX25519Recipient(c.RecoveryRecipient); err != nil {
			return nil, path, &cliError{code: exitFailure, err: err, msg: l.T("cli.config.bad_stored_recipient", map[string]any{"File": path})}
		}
		if err := f.recoverySettingPrivate(dir, path); err != nil {
			return nil, path, err
		}
	}
	return &c, path, nil
}

// recoverySettingPrivate refuses a recovery key setting that other users can change: the
// settings file, or the folder that holds it (where the file can be replaced). Whoever
// can write there can put their own key in the setting, and every session saved
// afterwards is encrypted to it too, as the passphrase file is refused when others can
// read or change it.
func (f *factory) recoverySettingPrivate(dir, file string) error {
	if runtime.GOOS == "windows" { // mode bits say nothing there; ACLs decide
		return nil
	}
	for _, p := range []struct{ path, fix string }{{file, "600"}, {dir, "700"}} {
		st, err := os.Stat(p.path)
		if err != nil {
			return &cliError{code: exitFailure, err: err, msg: f.Localizer().T("cli.config.read_failed", map[string]any{"File": p.path, "Detail": err.Error()})}
		}
		if st.Mode().Perm()&0o022 != 0 {
			return &cliError{code: exitFailure, err: fs.ErrPermission, msg: f.Localizer().T("cli.config.recovery_writable",
				map[string]any{"File": file, "Path": p.path, "Mode": fmt.Sprintf("%04o", st.Mode().Perm()), "Fix": p.fix})}
		}
	}
	return nil
}

// jsonErrorPos turns the byte offset of a JSON decoding error into a line and column (in
// characters), which a person can find in an editor; the decoder's own sentence is English.
func jsonErrorPos(data []byte, err error) (line, col int) {
	offset := int64(0)
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		offset = syn.Offset
	case errors.As(err, &typ):
		offset = typ.Offset
	}
	offset = min(max(offset, 0), int64(len(data)))
	before := string(data[:offset])
	line = strings.Count(before, "\n") + 1
	col = utf8.RuneCountInString(before[strings.LastIndex(before, "\n")+1:])
	return line, max(col, 1)
}

// save writes the settings file (folder 0700, file 0600, atomically).
func (c *config) save(path string) error {
	if err := interview.EnsurePrivateDir(filepath.Dir(path)); err != nil {
		return err
	}
	data, _ := json.MarshalIndent(c, "", "  ") // two strings: cannot fail
	return interview.WriteFileAtomic(path, append(data, '\n'))
}

// recoveryRecipient returns the configured recovery recipient, or nil. loadConfig has
// checked it.
func (c *config) recoveryRecipient() *age.X25519Recipient {
	r, err := age.ParseX25519Recipient(c.RecoveryRecipient)
	if err != nil {
		return nil
	}
	return r
}

// retention returns the retention period and its text.
func (c *config) retention() (time.Duration, string) {
	s := c.Retention
	if s == "" {
		s = defaultRetention
	}
	d, err := parsePeriod(s)
	if err != nil {
		s = defaultRetention
		d, _ = parsePeriod(s)
	}
	return d, s
}

// errBadPeriod is wrapped by parsePeriod's errors.
var errBadPeriod = errors.New("not a period")

// parsePeriod reads a period such as 90d, 12w or 36h: a whole positive number and one
// unit, h (hours), d (days) or w (weeks). Months and years are refused: their length
// varies, and a retention period must mean one thing.
func parsePeriod(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if len(s) < 2 {
		return 0, fmt.Errorf("%q: %w", s, errBadPeriod)
	}
	var unit time.Duration
	switch s[len(s)-1] {
	case 'h':
		unit = time.Hour
	case 'd':
		unit = 24 * time.Hour
	case 'w':
		unit = 7 * 24 * time.Hour
	default:
		return 0, fmt.Errorf("%q: %w", s, errBadPeriod)
	}
	n, err := strconv.Atoi(s[:len(s)-1])
	if err != nil || n <= 0 || n > 100*365*24 {
		return 0, fmt.Errorf("%q: %w", s, errBadPeriod)
	}
	return time.Duration(n) * unit, nil
}

func newConfigCmd(f *factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "config",
		Short: "Show or change settings",
		Long: `Show or change earlyid's settings. They are kept in config.json in the config folder
(EARLYID_CONFIG_DIR, else ~/.config/earlyid on Linux, ~/Library/Application Support/earlyid on
macOS, %AppData%\earlyid on Windows), mode 0600. The file holds no secret.

Settings:
  recovery-recipient  the organisation's age recipient (age1…). Every session is also
                      encrypted to it, so that the organisation can open a case when a
                      passphrase or a laptop is lost: the sessions saved so far are
                      re-encrypted at once (the passphrase is asked), the others as they
                      are saved. Only native X25519 recipients.
  retention           how long sessions may be kept after their last change: 90d (default),
                      12w, 36h. "earlyid sessions list" flags older sessions.`,
		Example: `  earlyid config set recovery-recipient age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p
  earlyid config set retention 60d
  earlyid config get`,
		Args: exactArgs(f, 0, ""),
	}
	cmd.AddCommand(newConfigGetCmd(f, nil), newConfigSetCmd(f, nil), newConfigUnsetCmd(f, nil))
	return cmd
}

// configOptions holds the dependencies and arguments of config get, set and unset.
type configOptions struct {
	IO        *IOStreams
	Localizer func() *locales.Localizer
	// Load reads the settings file and returns it with its path.
	Load func() (*config, string, error)

	// Key is the setting; "" for config get without an argument: every setting.
	Key string
	// Value is the new value of config set, checked and without surrounding spaces.
	Value string
	// Reencrypt re-encrypts the sessions saved so far after the recovery recipient is set
	// or removed, so that the setting holds for every session and not only for the ones
	// saved afterwards.
	Reencrypt func() error
}

func newConfigOptions(f *factory) *configOptions {
	return &configOptions{IO: f.IO, Localizer: f.Localizer, Load: f.loadConfig}
}

// unknownKey is the usage error for a setting earlyid does not have.
func unknownKey(f *factory, key string) error {
	return f.usageError("cli.config.unknown_key", map[string]any{"Key": key, "Keys": strings.Join(configKeys, ", ")})
}

func newConfigGetCmd(f *factory, runF func(*configOptions) error) *cobra.Command {
	opts := newConfigOptions(f)
	return &cobra.Command{
		Use:   "get [KEY]",
		Short: "Print the settings, or one of them",
		Args:  rangeArgs(f, 0, 1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				if !slices.Contains(configKeys, args[0]) {
					return unknownKey(f, args[0])
				}
				opts.Key = args[0]
			}
			return runOr(runF, opts, func() error { return runConfigGet(opts) })
		},
	}
}

func runConfigGet(opts *configOptions) error {
	c, _, err := opts.Load()
	if err != nil {
		return err
	}
	l := opts.Localizer()
	notSet := l.T("cli.config.not_set", nil)
	_, ret := c.retention()
	values := map[string]string{keyRecovery: c.RecoveryRecipient, keyRetention: ret}
	if c.Retention == "" {
		values[keyRetention] = ret + " " + l.T("cli.config.default", nil)
	}
	keys := configKeys
	if opts.Key != "" {
		keys = []string{opts.Key}
	}
	for _, k := range keys {
		v := values[k]
		if v == "" {
			v = notSet
		}
		if len(keys) == 1 {
			fmt.Fprintln(opts.IO.Out, v)
		} else {
			fmt.Fprintf(opts.IO.Out, "%s: %s\n", k, v)
		}
	}
	return nil
}

func newConfigSetCmd(f *factory, runF func(*configOptions) error) *cobra.Command {
	opts := newConfigOptions(f)
	keys := newKeyAccess(f)
	opts.Reencrypt = func() error { return reencryptForRecovery(f, keys, true) }
	cmd := &cobra.Command{
		Use:   "set KEY VALUE",
		Short: "Change a setting",
		Args:  exactArgs(f, 2, "KEY VALUE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Key, opts.Value = args[0], strings.TrimSpace(args[1])
			l := f.Localizer()
			switch opts.Key {
			case keyRecovery:
				if _, err := age.ParseX25519Recipient(opts.Value); err != nil {
					return &cliError{code: exitUsage, err: err, msg: l.T("cli.config.bad_recipient", map[string]any{"Value": opts.Value})}
				}
			case keyRetention:
				if _, err := parsePeriod(opts.Value); err != nil {
					return &cliError{code: exitUsage, err: err, msg: l.T("cli.error.bad_period", map[string]any{"Value": opts.Value})}
				}
			default:
				return unknownKey(f, opts.Key)
			}
			return runOr(runF, opts, func() error { return runConfigSet(opts) })
		},
	}
	addPassphraseFlag(cmd, keys)
	return cmd
}

func runConfigSet(opts *configOptions) error {
	c, path, err := opts.Load()
	if err != nil {
		return err
	}
	switch opts.Key {
	case keyRecovery:
		r, err := age.ParseX25519Recipient(opts.Value)
		if err != nil {
			return err // checked by the command already
		}
		c.RecoveryRecipient = r.String()
	case keyRetention:
		c.Retention = opts.Value
	}
	if err := c.save(path); err != nil {
		return err
	}
	l := opts.Localizer()
	fmt.Fprintln(opts.IO.Out, l.T("cli.config.saved", map[string]any{"Key": opts.Key, "Value": opts.Value, "File": path}))
	if opts.Key == keyRecovery {
		fmt.Fprintln(opts.IO.Out, l.T("cli.config.recovery_note", nil))
		if opts.Reencrypt != nil {
			return opts.Reencrypt()
		}
	}
	return nil
}

// reencryptForRecovery encrypts every real session saved so far to this computer's key and
// the recovery recipients the settings now name (none after unset), all at once with
// progress: once set, the organisation can open every case and not only those saved from
// now on; once removed, the removed key opens none of the sessions left on this computer.
// The setting is saved before, whatever happens here; what is not done yet is said, with
// how to finish it.
func reencryptForRecovery(f *factory, k *keyAccess, set bool) error {
	if !f.hasRealSessions() {
		return nil
	}
	l := f.Localizer()
	msg := func(id string) string {
		if set {
			return id
		}
		return id + "_unset"
	}
	id, err := k.identity(false)
	if err != nil {
		f.IO.ErrLine(l.T(msg("cli.config.recovery_not_reencrypted"), nil))
		return err
	}
	extra, err := k.extraRecipients()
	if err != nil {
		return err
	}
	recipients := append([]age.Recipient{id.Recipient()}, extra...)
	dir, err := f.sessionsDir()
	if err != nil {
		return err
	}
	done, left := reencryptSessions(f, dir, nil, func(p string) error {
		return vault.Reencrypt(p, []age.Identity{id}, recipients, nil)
	})
	fmt.Fprintln(f.IO.Out, l.N(msg("cli.config.reencrypted"), done, nil))
	if left > 0 {
		f.IO.ErrLine(l.N(msg("cli.config.reencrypt_left"), left, nil))
		return errSilentFailure
	}
	return nil
}

func newConfigUnsetCmd(f *factory, runF func(*configOptions) error) *cobra.Command {
	opts := newConfigOptions(f)
	keys := newKeyAccess(f)
	opts.Reencrypt = func() error { return reencryptForRecovery(f, keys, false) }
	cmd := &cobra.Command{
		Use:   "unset KEY",
		Short: "Remove a setting (back to its default)",
		Args:  exactArgs(f, 1, "KEY"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if !slices.Contains(configKeys, args[0]) {
				return unknownKey(f, args[0])
			}
			opts.Key = args[0]
			return runOr(runF, opts, func() error { return runConfigUnset(opts) })
		},
	}
	addPassphraseFlag(cmd, keys)
	return cmd
}

func runConfigUnset(opts *configOptions) error {
	c, path, err := opts.Load()
	if err != nil {
		return err
	}
	switch opts.Key {
	case keyRecovery:
		c.RecoveryRecipient = ""
	case keyRetention:
		c.Retention = ""
	}
	if err := c.save(path); err != nil {
		return err
	}
	l := opts.Localizer()
	fmt.Fprintln(opts.IO.Out, l.T("cli.config.unset", map[string]any{"Key": opts.Key}))
	if opts.Key == keyRecovery {
		fmt.Fprintln(opts.IO.Out, l.T("cli.config.recovery_unset_note", nil))
		if opts.Reencrypt != nil {
			return opts.Reencrypt()
		}
	}
	return nil
}

// rangeArgs accepts between lo and hi arguments, with localized sentences.
func rangeArgs(f *factory, lo, hi int) cobra.PositionalArgs {
	return func(c *cobra.Command, args []string) error {
		if len(args) > hi {
			return f.usageError("cli.error.too_many_args", map[string]any{"Extra": strings.Join(args[hi:], " ")})
		}
		return minArgs(f, lo, "")(c, args)
	}
}

// privateFileProblem reports whether a file's permissions let other users read or change
// it (group or world bits). Windows has no such bits; its profile folder protects files.
func privateFileProblem(st os.FileInfo) bool {
	return runtime.GOOS != "windows" && st.Mode().Perm()&0o077 != 0
}
