package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"

	"filippo.io/age"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"github.com/earlyid/earlyid/interview"
	"github.com/earlyid/earlyid/interview/vault"
	"github.com/earlyid/earlyid/interview/vault/strength"
	"github.com/earlyid/earlyid/locales"
)

// envPassphraseFile names a file whose first line is the passphrase, for scripts and
// tests. The passphrase itself is never taken from the command line or the environment:
// both are visible to other processes and kept in shell history.
const envPassphraseFile = "EARLYID_PASSPHRASE_FILE"

// unlockTries is how often a terminal user may type the passphrase before the command
// stops (a passphrase file gets one try: it does not change between tries).
const unlockTries = 3

// keyAccess opens the encrypted session store for one command. It asks for the passphrase
// (or reads the passphrase file) at most once per command and keeps the unlocked identity
// in memory until the command ends.
type keyAccess struct {
	IO        *IOStreams
	Localizer func() *locales.Localizer
	Getenv    func(string) string
	// DataDir returns the data folder, which holds the key file and the sessions folder.
	DataDir func() (string, error)
	// LoadConfig reads the settings (the organisation's recovery recipient).
	LoadConfig func() (*config, string, error)
	// PassphraseFile is --passphrase-file (EARLYID_PASSPHRASE_FILE when empty).
	PassphraseFile string
	// ReadSecret reads one line from the terminal without echoing it.
	ReadSecret func() (string, error)
	// WorkFactor is the scrypt work factor of a key file created here.
	WorkFactor int

	// rotating lets key rotate open the key while a rotation is unfinished, which every
	// other command refuses; keepPassphrase keeps the passphrase typed at unlock (in
	// passphrase) for the new key file that rotation writes.
	rotating, keepPassphrase bool
	passphrase               string

	id    *age.X25519Identity
	store *vault.Store
}

// newKeyAccess returns a keyAccess over the factory's streams and environment.
func newKeyAccess(f *factory) *keyAccess {
	return &keyAccess{
		IO: f.IO, Localizer: f.Localizer, Getenv: f.Getenv, DataDir: f.dataDir, LoadConfig: f.loadConfig,
		ReadSecret: f.ReadSecret, WorkFactor: f.WorkFactor,
	}
}

// addPassphraseFlag adds --passphrase-file to cmd.
func addPassphraseFlag(cmd *cobra.Command, k *keyAccess) {
	cmd.Flags().StringVar(&k.PassphraseFile, "passphrase-file", "", "read the passphrase from the first line of `FILE` (mode 0600) instead of the terminal; also "+envPassphraseFile)
}

// passphraseFile returns the passphrase file to use, or "".
func (k *keyAccess) passphraseFile() string {
	if k.PassphraseFile != "" {
		return k.PassphraseFile
	}
	return k.Getenv(envPassphraseFile)
}

// canAsk reports whether the passphrase can be typed: stdin is a terminal.
func (k *keyAccess) canAsk() bool { return k.IO.StdinTTY && k.ReadSecret != nil }

// readTerminal reads a line from the terminal on stdin without echo. Ctrl+C while typing
// restores the terminal (echo on) before earlyid ends.
func (f *factory) readTerminal() (string, error) {
	fh, ok := f.IO.In.(interface{ Fd() uintptr })
	if !ok {
		return "", errors.New("the input is not a terminal") //i18n:ignore canAsk rules this out
	}
	fd := fh.Fd()
	state, err := term.GetState(fd)
	if err != nil {
		return "", &cliError{code: exitFailure, err: err, msg: f.Localizer().T("vault.passphrase.read_failed", map[string]any{"Detail": err.Error()})}
	}
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt)
	done := make(chan struct{})
	defer func() { signal.Stop(sig); close(done) }()
	go func() {
		select {
		case <-sig:
			term.Restore(fd, state)
			fmt.Fprintln(f.IO.ErrOut)
			os.Exit(130)
		case <-done:
		}
	}()
	b, err := term.ReadPassword(fd)
	fmt.Fprintln(f.IO.ErrOut) // the Enter that was not echoed
	if err != nil {
		return "", &cliError{code: exitFailure, err: err, msg: f.Localizer().T("vault.passphrase.read_failed", map[string]any{"Detail": err.Error()})}
	}
	return string(b), nil
}

// readPassphraseFile returns the first line of path. A file other users can read or change
// is refused, as ssh refuses such key files: the passphrase would no longer be a secret.
func (k *keyAccess) readPassphraseFile(path string) (string, error) {
	l := k.Localizer()
	fh, err := os.Open(path)
	if err != nil {
		return "", &cliError{code: exitFailure, err: err, msg: l.T("vault.passphrase_file.read", map[string]any{"File": path, "Detail": err.Error()})}
	}
	defer fh.Close()
	st, err := fh.Stat()
	if err != nil {
		return "", &cliError{code: exitFailure, err: err, msg: l.T("vault.passphrase_file.read", map[string]any{"File": path, "Detail": err.Error()})}
	}
	if privateFileProblem(st) {
		return "", &cliError{code: exitFailure, msg: l.T("vault.passphrase_file.mode", map[string]any{"File": path, "Mode": fmt.Sprintf("%04o", st.Mode().Perm())})}
	}
	line, err := bufio.NewReader(io.LimitReader(fh, 4096)).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", &cliError{code: exitFailure, err: err, msg: l.T("vault.passphrase_file.read", map[string]any{"File": path, "Detail": err.Error()})}
	}
	line = strings.TrimRight(line, "\r\n")
	if line == "" {
		return "", &cliError{code: exitFailure, msg: l.T("vault.passphrase_file.empty", map[string]any{"File": path})}
	}
	return line, nil
}

// ask prints prompt on stderr and reads a secret from the terminal.
func (k *keyAccess) ask(id string) (string, error) {
	fmt.Fprint(k.IO.ErrOut, k.Localizer().T(id, nil)+" ")
	return k.ReadSecret()
}

// needsPassphrase is the error when neither a terminal nor a passphrase file is there.
func (k *keyAccess) needsPassphrase() error {
	return &cliError{code: exitUsage, msg: k.Localizer().T("vault.needs_passphrase", nil)}
}

// identityPath returns the key file in the data folder.
func (k *keyAccess) identityPath() (string, error) {
	d, err := k.DataDir()
	if err != nil {
		return "", err
	}
	return vault.IdentityPath(d), nil
}

// identity returns the unlocked identity, creating it first when create is true and there
// is none (the first real interview). Creating asks for a new passphrase twice; unlocking
// asks up to three times on a terminal, once with a passphrase file. Nothing on disk
// changes on a wrong passphrase.
func (k *keyAccess) identity(create bool) (*age.X25519Identity, error) {
	if k.id != nil {
		return k.id, nil
	}
	path, err := k.identityPath()
	if err != nil {
		return nil, err
	}
	exists, err := vault.IdentityExists(path)
	if err != nil {
		return nil, err
	}
	l := k.Localizer()
	if !exists {
		if err := k.keyMissing(create); err != nil {
			return nil, err
		}
	}
	if exists && !k.rotating && vault.RotationPending(filepath.Dir(path)) {
		return nil, &cliError{code: exitFailure, msg: l.T("vault.rotation_pending", nil)}
	}
	switch {
	case !exists && !create:
		return nil, &cliError{code: exitFailure, err: vault.ErrNoIdentity, msg: l.T("vault.no_identity", nil)}
	case !exists:
		k.id, err = k.create(path)
	default:
		k.id, err = k.unlock(path)
	}
	return k.id, err
}

// keyMissing is the error for a key file that is gone while session files are there: they
// were encrypted to it, so "no key, so no sessions" would be untrue, and making a new key
// would hide the loss (and a key restored from a backup later would then replace it, and
// lose the sessions saved meanwhile). It returns nil when the sessions folder holds none.
func (k *keyAccess) keyMissing(create bool) error {
	data, err := k.DataDir()
	if err != nil {
		return err
	}
	dir := interview.SessionsDirIn(data)
	codes, err := vault.Codes(dir)
	if err != nil || len(codes) == 0 {
		return nil
	}
	l := k.Localizer()
	msg := l.N("vault.key_missing", len(codes), map[string]any{"Path": vault.IdentityPath(data)})
	if create {
		msg += " " + l.T("vault.key_missing.afresh", map[string]any{"Dir": dir})
	}
	return &cliError{code: exitFailure, err: vault.ErrNoIdentity, msg: msg}
}

func (k *keyAccess) unlock(path string) (*age.X25519Identity, error) {
	l := k.Localizer()
	file := k.passphraseFile()
	if file == "" && !k.canAsk() {
		return nil, k.needsPassphrase()
	}
	tries := unlockTries
	if file != "" {
		tries = 1
	}
	for try := 1; ; try++ {
		var pass string
		var err error
		if file != "" {
			pass, err = k.readPassphraseFile(file)
		} else {
			pass, err = k.ask("vault.prompt.unlock")
		}
		if err != nil {
			return nil, err
		}
		id, err := vault.UnlockIdentity(path, pass)
		switch {
		case err == nil:
			if k.keepPassphrase {
				k.passphrase = pass
			}
			return id, nil
		case errors.Is(err, vault.ErrWrongPassphrase) && try < tries:
			k.IO.ErrLine(l.N("vault.wrong_passphrase.retry", tries-try, nil))
		case errors.Is(err, vault.ErrWrongPassphrase):
			return nil, &cliError{code: exitFailure, err: err, msg: l.T(k.wrongPassphraseFinal(), nil)}
		default:
			var ife *vault.IdentityFileError
			if errors.As(err, &ife) {
				return nil, &cliError{code: exitFailure, err: err, msg: l.T("vault.identity_damaged", map[string]any{"Path": ife.Path})}
			}
			return nil, err
		}
	}
}

// wrongPassphraseFinal returns the message id for the last wrong passphrase. Only with a
// recovery key set can the organisation still open the sessions: without one, promising it
// would mislead a user about to give up on a forgotten passphrase.
func (k *keyAccess) wrongPassphraseFinal() string {
	if c, _, err := k.LoadConfig(); err == nil && c.RecoveryRecipient != "" {
		return "vault.wrong_passphrase.final"
	}
	return "vault.wrong_passphrase.final_no_recovery"
}

func (k *keyAccess) create(path string) (*age.X25519Identity, error) {
	l := k.Localizer()
	file := k.passphraseFile()
	if file == "" && !k.canAsk() {
		return nil, k.needsPassphrase()
	}
	c, _, err := k.LoadConfig()
	if err != nil {
		return nil, err
	}
	k.IO.ErrLine(l.T("vault.create.intro", nil))
	if c.RecoveryRecipient == "" {
		k.IO.ErrLine(l.T("vault.create.no_recovery", nil))
	}
	pass, err := k.newPassphrase(file)
	if err != nil {
		return nil, err
	}
	id, err := vault.CreateIdentity(path, pass, k.WorkFactor)
	if err != nil {
		return nil, err
	}
	k.IO.ErrLine(l.T("vault.create.done", map[string]any{"Path": path}))
	return id, nil
}

// newPassphrase returns a new passphrase: the first line of file when one is given, else
// typed twice on the terminal, up to three tries. passphraseProblem refuses weak ones in
// either case, and a moderate one is accepted with a word of advice.
func (k *keyAccess) newPassphrase(file string) (string, error) {
	l := k.Localizer()
	var pass string
	if file != "" {
		p, err := k.readPassphraseFile(file)
		if err != nil {
			return "", err
		}
		if msg := k.passphraseProblem(p); msg != "" {
			return "", &cliError{code: exitFailure, err: vault.ErrWeakPassphrase, msg: msg}
		}
		pass = p
	} else {
		k.IO.ErrLine(l.T("vault.create.hint", map[string]any{"Min": vault.MinPassphraseLength}))
		for try := 1; ; try++ {
			if try > unlockTries {
				return "", &cliError{code: exitFailure, err: vault.ErrWeakPassphrase, msg: l.T("vault.create.gave_up", nil)}
			}
			p1, err := k.ask("vault.prompt.new")
			if err != nil {
				return "", err
			}
			if msg := k.passphraseProblem(p1); msg != "" {
				k.IO.ErrLine(msg)
				continue
			}
			p2, err := k.ask("vault.prompt.repeat")
			if err != nil {
				return "", err
			}
			if p1 != p2 {
				k.IO.ErrLine(l.T("vault.passphrase.mismatch", nil))
				continue
			}
			pass = p1
			break
		}
	}
	if strength.Check(pass).Moderate {
		k.IO.ErrLine(l.T("vault.passphrase.moderate", nil))
	}
	return pass, nil
}

// passphraseProblem returns why a new passphrase is refused, localized, or "". Every
// command that sets a passphrase asks it, so all refuse the same ones with the same words.
func (k *keyAccess) passphraseProblem(p string) string {
	return passphraseProblem(k.Localizer(), p)
}

// passphraseProblems are the messages for what strength.Check finds; each is followed by
// the advice to use several words.
var passphraseProblems = map[strength.Problem]string{
	strength.Common:    "vault.passphrase.common",
	strength.Keyboard:  "vault.passphrase.keyboard",
	strength.Sequence:  "vault.passphrase.sequence",
	strength.Repeated:  "vault.passphrase.repeated",
	strength.Date:      "vault.passphrase.date",
	strength.Guessable: "vault.passphrase.guessable",
}

// passphraseProblem returns why strength.Check refuses p, in l's language, or "".
func passphraseProblem(l *locales.Localizer, p string) string {
	c := strength.Check(p)
	switch {
	case c.Acceptable():
		return ""
	case c.Problem == strength.TooShort:
		return l.T("vault.passphrase.too_short", map[string]any{"Length": c.Length, "Min": strength.MinLength})
	}
	return l.T(passphraseProblems[c.Problem], nil) + " " + l.T("vault.passphrase.suggest", nil)
}

// hasRealSession reports whether an encrypted session file with code exists (nothing is
// decrypted, no passphrase needed).
func (f *factory) hasRealSession(code string) bool {
	dir, err := f.sessionsDir()
	return err == nil && vault.Has(dir, code)
}

// hasRealSessions reports whether the sessions folder holds any session file, so that a
// command listing sessions asks for the passphrase only when there is something to read.
func (f *factory) hasRealSessions() bool {
	dir, err := f.sessionsDir()
	if err != nil {
		return false
	}
	codes, err := vault.Codes(dir)
	return err == nil && len(codes) > 0
}

// Store returns the encrypted store, unlocked (it can read and write). create makes the
// identity on first use (an interview); commands that only read pass false. Sessions are
// encrypted to the identity and, when configured, the organisation's recovery recipient.
func (k *keyAccess) Store(create bool) (*vault.Store, error) {
	if k.store != nil {
		return k.store, nil
	}
	c, _, err := k.LoadConfig()
	if err != nil {
		return nil, err
	}
	rec := c.recoveryRecipient()
	id, err := k.identity(create)
	if err != nil {
		return nil, err
	}
	recipients := []age.Recipient{id.Recipient()}
	if rec != nil {
		recipients = append(recipients, rec)
	}
	data, err := k.DataDir()
	if err != nil {
		return nil, err
	}
	dir := interview.SessionsDirIn(data)
	opts := []vault.Option{vault.WithIdentity(id)}
	// The key file as unlocked, still passphrase-protected, so that a save can write it
	// back if the whole data folder is deleted while an interview runs.
	if path, err := k.identityPath(); err == nil {
		if data, err := os.ReadFile(path); err == nil {
			opts = append(opts, vault.WithKeyFile(path, data))
		}
	}
	if k.store, err = vault.Open(dir, recipients, opts...); err != nil {
		return nil, err
	}
	return k.store, nil
}

// recoveryNotice returns the line that says sessions are also encrypted to the
// organisation's recovery recipient, or "" when none is set. Showing it on every real
// interview lets a user notice a recipient someone else put in the settings.
func (k *keyAccess) recoveryNotice() string {
	c, _, err := k.LoadConfig()
	if err != nil || c.RecoveryRecipient == "" {
		return ""
	}
	return k.Localizer().T("vault.recovery_notice", map[string]any{"Recipient": c.RecoveryRecipient})
}

// sessionError turns the stores' errors about one session file into a localized sentence
// naming the file and saying what to do; others are returned as they are.
func sessionError(f *factory, err error) error {
	l := f.Localizer()
	var de *interview.DamagedError
	var fk *vault.ForeignKeyError
	switch {
	case errors.As(err, &de) && errors.Is(err, interview.ErrNotRegularFile):
		return &cliError{code: exitFailure, err: err, msg: l.T("vault.session_not_file", map[string]any{"Path": de.Path})}
	case errors.As(err, &de):
		ext := filepath.Ext(de.Path)
		command := "earlyid sessions delete " + strings.TrimSuffix(filepath.Base(de.Path), ext)
		if ext != vault.Ext {
			command += " --training"
		}
		return &cliError{code: exitFailure, err: err, msg: l.T("vault.session_damaged", map[string]any{"Path": de.Path}) + " " +
			l.T("vault.session_damaged.what_to_do", map[string]any{"Command": command})}
	case errors.As(err, &fk):
		return &cliError{code: exitFailure, err: err, msg: l.T("vault.session_other_key", map[string]any{"Path": fk.Path})}
	}
	return err
}
