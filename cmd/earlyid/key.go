package main

import (
	"fmt"
	"path/filepath"

	"filippo.io/age"
	"github.com/spf13/cobra"

	"github.com/earlyid/earlyid/interview"
	"github.com/earlyid/earlyid/interview/vault"
)

func newKeyCmd(f *factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "key",
		Short: "Change the passphrase, or replace the key",
		Long: `Manage the key that real and self sessions are encrypted to (identity.age in the data
folder, protected by your passphrase).

  key passphrase  change the passphrase; the key stays the same
  key rotate      make a new key and encrypt every session to it, so that copies of the
                  session files made before (a backup, a copied folder, the blocks an SSD
                  keeps) no longer open with the key once the old key file is gone`,
		Args: exactArgs(f, 0, ""),
	}
	cmd.AddCommand(newKeyPassphraseCmd(f, nil), newKeyRotateCmd(f, nil))
	return cmd
}

// keyOptions holds the dependencies of key passphrase and key rotate.
type keyOptions struct {
	Keys *keyAccess
}

func newKeyPassphraseCmd(f *factory, runF func(*keyOptions) error) *cobra.Command {
	opts := &keyOptions{Keys: newKeyAccess(f)}
	cmd := &cobra.Command{
		Use:   "passphrase",
		Short: "Change the passphrase that protects your key",
		Long: `Change the passphrase that protects your key. The current passphrase is asked first
(or read from --passphrase-file), then the new one twice on the terminal; the same rules as
for the first passphrase apply. The key itself does not change, so the sessions need no
re-encryption. A copy of the key file made before (a backup) still opens with the old
passphrase: to make such copies useless, use "earlyid key rotate".`,
		Args: exactArgs(f, 0, ""),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runOr(runF, opts, func() error { return runKeyPassphrase(f, opts) })
		},
	}
	addPassphraseFlag(cmd, opts.Keys)
	return cmd
}

func runKeyPassphrase(f *factory, opts *keyOptions) error {
	k := opts.Keys
	l := f.Localizer()
	path, err := k.identityPath()
	if err != nil {
		return err
	}
	// The new passphrase is typed, never read from the file that holds the old one.
	if !k.canAsk() {
		return &cliError{code: exitUsage, msg: l.T("cli.key.passphrase.needs_terminal", nil)}
	}
	if k.passphraseFile() == "" {
		k.IO.ErrLine(l.T("cli.key.passphrase.current", nil))
	}
	id, err := k.identity(false)
	if err != nil {
		return err
	}
	pass, err := k.newPassphrase("")
	if err != nil {
		return err
	}
	if err := vault.ChangePassphrase(path, id, pass, k.WorkFactor); err != nil {
		return f.failure(err, "cli.key.passphrase.failed", map[string]any{"Path": path, "Reason": saveReason(l, err)})
	}
	fmt.Fprintln(f.IO.Out, l.T("cli.key.passphrase.done", nil))
	return nil
}

func newKeyRotateCmd(f *factory, runF func(*keyOptions) error) *cobra.Command {
	opts := &keyOptions{Keys: newKeyAccess(f)}
	cmd := &cobra.Command{
		Use:   "rotate",
		Short: "Make a new key and re-encrypt every session to it",
		Long: `Make a new key and re-encrypt every real and self session to it (and to the
organisation's recovery key, if one is set). The passphrase stays the same.

The new key is written first, next to the old one (identity-next.age); every session file
is then replaced atomically, one by one, with its progress shown; only when every session
opens with the new key does it replace identity.age. A session open in another window is
skipped and named; so is a file that cannot be read. Then the old key stays in force, and
running "earlyid key rotate" again finishes the job: it takes the same new key and
re-encrypts only the sessions not done yet. The same holds when the rotation is
interrupted (a crash, Ctrl+C, a flat battery); until it is finished, the other commands
that read sessions refuse to start and say so.

Afterwards, copies of the session files made before (a backup, a copied data folder, the
blocks an SSD keeps) no longer open with your key, once no copy of the old identity.age
is left. The organisation's recovery key does not change: it still opens them.`,
		Args: exactArgs(f, 0, ""),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runOr(runF, opts, func() error { return runKeyRotate(f, opts) })
		},
	}
	addPassphraseFlag(cmd, opts.Keys)
	return cmd
}

func runKeyRotate(f *factory, opts *keyOptions) error {
	k := opts.Keys
	k.rotating, k.keepPassphrase = true, true
	defer func() { k.passphrase = "" }()
	l := f.Localizer()
	path, err := k.identityPath()
	if err != nil {
		return err
	}
	id, err := k.identity(false)
	if err != nil {
		return err
	}
	extra, err := k.extraRecipients()
	if err != nil {
		return err
	}
	r, err := vault.StartRotation(path, id, k.passphrase, k.WorkFactor)
	if err != nil {
		return f.failure(err, "cli.key.rotate.start_failed", map[string]any{"Reason": saveReason(l, err)})
	}
	if r.Resumed {
		f.IO.ErrLine(l.T("cli.key.rotate.resumed", nil))
	}
	dir := interview.SessionsDirIn(filepath.Dir(path))
	isDone := func(p string) bool { return vault.OpensWith(p, r.New) }
	rotate := func(p string) error { _, err := r.Rotate(p, extra, nil); return err }
	done, left := reencryptSessions(f, dir, isDone, rotate)
	// A session created meanwhile by an interview that had unlocked the old key before the
	// rotation began is in no earlier listing: look again, so that no file is left that
	// only the old key opens.
	if left == 0 {
		var more int
		more, left = reencryptSessions(f, dir, isDone, rotate)
		done += more
	}
	if left > 0 {
		f.IO.ErrLine(l.N("cli.key.rotate.unfinished", left, nil))
		return errSilentFailure
	}
	if err := r.Finish(); err != nil {
		return f.failure(err, "cli.key.rotate.finish_failed", map[string]any{"Reason": saveReason(l, err)})
	}
	fmt.Fprintln(f.IO.Out, l.N("cli.key.rotate.done", done, nil))
	if len(extra) > 0 {
		fmt.Fprintln(f.IO.Out, l.T("cli.key.rotate.recovery_unchanged", nil))
	}
	return nil
}

// extraRecipients returns the recipients every session is encrypted to besides this
// computer's key: the organisation's recovery recipient, when one is set.
func (k *keyAccess) extraRecipients() ([]age.Recipient, error) {
	c, _, err := k.LoadConfig()
	if err != nil {
		return nil, err
	}
	if r := c.recoveryRecipient(); r != nil {
		return []age.Recipient{r}, nil
	}
	return nil, nil
}

// reencryptSessions passes the file of every real session in dir to rewrite (which
// re-encrypts it), each under the session's lock, with a line of progress per file on
// stderr; done, when not nil, tells a file that needs nothing (finished by an earlier,
// interrupted run). A session open in another window is skipped (named, nothing written),
// and a file that cannot be rewritten is named; the others go on either way. It returns
// how many files were rewritten and how many were left as they were.
func reencryptSessions(f *factory, dir string, done func(path string) bool, rewrite func(path string) error) (rewritten, left int) {
	codes, err := vault.Codes(dir)
	if err != nil {
		return 0, 0 // no sessions folder: nothing to re-encrypt
	}
	l := f.Localizer()
	var todo []string
	for _, c := range codes {
		if done == nil || !done(filepath.Join(dir, c+vault.Ext)) {
			todo = append(todo, c)
		}
	}
	if len(todo) == 0 {
		return 0, 0
	}
	f.IO.ErrLine(l.N("cli.key.reencrypting", len(todo), nil))
	for i, code := range todo {
		line := fmt.Sprintf("  %d/%d  %s", i+1, len(todo), code)
		lock, err := f.lockSession(code, lockWaitCommand)
		if err == nil {
			err = rewrite(filepath.Join(dir, code+vault.Ext))
			lock.Release()
			err = sessionError(f, err)
		}
		if err != nil {
			f.IO.ErrLine(line + "  " + l.T("cli.key.skipped", nil))
			f.IO.ErrLine("    " + err.Error())
			left++
			continue
		}
		f.IO.ErrLine(line)
		rewritten++
	}
	return rewritten, left
}
