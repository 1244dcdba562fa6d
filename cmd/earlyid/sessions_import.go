package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"filippo.io/age"
	"github.com/spf13/cobra"

	"github.com/earlyid/earlyid/interview"
	"github.com/earlyid/earlyid/interview/vault"
	"github.com/earlyid/earlyid/locales"
)

// sessionsImportOptions holds the dependencies and flag values of sessions import.
type sessionsImportOptions struct {
	Keys *keyAccess

	// Paths are the arguments: session files and folders of them.
	Paths []string
	// Identity is --identity: the age identity file the session files are encrypted to
	// (the organisation's recovery identity); "" opens them with this computer's key.
	Identity string
}

func newSessionsImportCmd(f *factory, runF func(*sessionsImportOptions) error) *cobra.Command {
	opts := &sessionsImportOptions{Keys: newKeyAccess(f)}
	cmd := &cobra.Command{
		Use:   "import FILE|DIR… [--identity KEYFILE]",
		Short: "Bring in session files from another computer, a backup or a recovered disk",
		Long: `Bring session files into this computer's sessions: from another laptop, a backup,
a recovered disk. Each .age file is decrypted in memory with --identity KEYFILE (the
organisation's recovery identity: an age X25519 identity file, as age-keygen writes it,
possibly protected with a passphrase, which is then asked on the terminal) or, without
it, with this computer's key. It is then encrypted again to this computer's key (created
now if there is none yet) and the recovery recipient, if one is set. No plaintext is ever
written. A folder is read for its .age and .json files (not its subfolders).

Training sessions (.json files marked as training) are imported as training sessions. A
real session in a plain .json file (one the organisation decrypted with the age tool) is
imported encrypted; delete the plain file afterwards.

A case code that is here already is left alone: a file holding the same session is
reported as already here, one holding a different session is refused. Every file is
reported on one line; a damaged file, or one for another key, is named and the others
are imported.`,
		Example: `  earlyid sessions import /media/usb/sessions --identity org-recovery.key
  earlyid sessions import MD-7K3Q-2PXA.age --identity org-recovery.key
  earlyid sessions import ~/backup/earlyid/sessions`,
		Args: minArgs(f, 1, "FILE|DIR"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			return runOr(runF, opts, func() error { return runSessionsImport(f, opts) })
		},
	}
	cmd.Flags().StringVar(&opts.Identity, "identity", "", "decrypt with this age identity `KEYFILE` (the organisation's recovery key) instead of this computer's key")
	addPassphraseFlag(cmd, opts.Keys)
	return cmd
}

// readIdentityArg reads the age identity file the user gave (--identity), asking for its
// passphrase on the terminal when it is protected by one. Errors are localized sentences
// that name the file and never quote it.
func readIdentityArg(f *factory, k *keyAccess, path string) ([]age.Identity, error) {
	l := f.Localizer()
	ids, err := vault.ReadIdentityFile(path, func() (string, error) {
		if !k.canAsk() {
			return "", &cliError{code: exitUsage, msg: l.T("cli.identity.needs_terminal", map[string]any{"File": path})}
		}
		fmt.Fprint(f.IO.ErrOut, l.T("cli.identity.prompt", map[string]any{"File": path})+" ")
		return k.ReadSecret()
	})
	var ife *vault.IdentityFileError
	switch {
	case err == nil:
		return ids, nil
	case errors.Is(err, vault.ErrNoIdentity):
		return nil, f.readError(path, fs.ErrNotExist)
	case errors.Is(err, vault.ErrWrongPassphrase):
		return nil, f.failure(err, "cli.identity.wrong_passphrase", map[string]any{"File": path})
	case errors.As(err, &ife):
		return nil, f.failure(err, "cli.identity.bad", map[string]any{"File": path})
	}
	return nil, err
}

// importFiles returns the session files the arguments name: files as given, folders for
// their .age and .json files, in order. A path that does not exist is an error.
func importFiles(f *factory, paths []string) ([]string, error) {
	var out []string
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, f.readError(p, err)
		}
		if !st.IsDir() {
			out = append(out, p)
			continue
		}
		entries, err := os.ReadDir(p)
		if err != nil {
			return nil, f.readError(p, err)
		}
		n := len(out)
		for _, e := range entries {
			ext := strings.ToLower(filepath.Ext(e.Name()))
			if !e.IsDir() && (ext == vault.Ext || ext == ".json") && !strings.HasPrefix(e.Name(), ".") {
				out = append(out, filepath.Join(p, e.Name()))
			}
		}
		if len(out) == n {
			return nil, f.failure(nil, "cli.import.no_files", map[string]any{"Path": p})
		}
	}
	return out, nil
}

// importer brings session files into this computer's stores, one at a time.
type importer struct {
	f    *factory
	keys *keyAccess
	l    *locales.Localizer
	// ids open the .age files: the organisation's identity, or this computer's key.
	ids []age.Identity
	// local is the encrypted store, opened (and the key unlocked or created) at the first
	// real session.
	local *vault.Store

	imported, same, failed int
}

func runSessionsImport(f *factory, opts *sessionsImportOptions) error {
	files, err := importFiles(f, opts.Paths)
	if err != nil {
		return err
	}
	im := &importer{f: f, keys: opts.Keys, l: f.Localizer()}
	if opts.Identity != "" {
		if im.ids, err = readIdentityArg(f, opts.Keys, opts.Identity); err != nil {
			return err
		}
	}
	for _, file := range files {
		msg, err := im.one(file)
		switch {
		case err != nil && !isFileProblem(err):
			// The key could not be unlocked or created: no other file can be imported.
			return err
		case err != nil:
			im.failed++
			f.IO.ErrLine(err.Error())
		default:
			fmt.Fprintln(f.IO.Out, msg)
		}
	}
	fmt.Fprintln(f.IO.Out, im.l.T("cli.import.summary", map[string]any{"Imported": im.imported, "Same": im.same, "Failed": im.failed}))
	if im.failed > 0 {
		return errSilentFailure
	}
	return nil
}

// fileProblem marks an error about one file being imported: it is reported and the next
// file is imported, where any other error (the key) ends the command.
type fileProblem struct{ error }

func (p fileProblem) Unwrap() error { return p.error }

func isFileProblem(err error) bool {
	var p fileProblem
	return errors.As(err, &p)
}

// problem returns the localized sentence id about file as a fileProblem.
func (im *importer) problem(err error, id string, data map[string]any) error {
	return fileProblem{im.f.failure(err, id, data)}
}

// store returns the encrypted store, unlocking this computer's key the first time. With
// the organisation's identity a computer that has no key yet gets one, as at its first
// interview; without it the files can only be this computer's own, so a missing key is
// said, and none is made that could not open them anyway.
func (im *importer) store() (*vault.Store, error) {
	if im.local != nil {
		return im.local, nil
	}
	st, err := im.keys.Store(len(im.ids) > 0)
	if err != nil {
		return nil, err
	}
	im.local = st
	if len(im.ids) == 0 {
		im.ids = []age.Identity{im.keys.id}
	}
	return st, nil
}

// one imports one file and returns the line that reports it, or the error that does.
func (im *importer) one(file string) (string, error) {
	data := map[string]any{"File": file}
	if st, err := os.Lstat(file); err != nil || !st.Mode().IsRegular() {
		return "", im.problem(err, "cli.import.not_session", data)
	}
	var s *interview.Session
	plainReal := false
	if strings.EqualFold(filepath.Ext(file), vault.Ext) {
		if len(im.ids) == 0 {
			if _, err := im.store(); err != nil {
				return "", err
			}
		}
		var err error
		s, err = vault.ReadFile(file, im.ids...)
		var de *interview.DamagedError
		var fk *vault.ForeignKeyError
		switch {
		case errors.As(err, &fk):
			return "", im.problem(err, "cli.import.other_key", data)
		case errors.As(err, &de):
			return "", im.problem(err, "cli.import.damaged", data)
		case err != nil:
			return "", im.problem(err, "cli.import.not_session", data)
		}
	} else {
		raw, err := readSessionFile(file)
		if err == nil {
			s, err = interview.UnmarshalSession(raw)
		}
		clear(raw)
		if err != nil {
			return "", im.problem(err, "cli.import.not_session", data)
		}
		plainReal = s.Mode != interview.ModeTraining
	}
	if err := interview.ValidateCaseCode(s.Code); err != nil {
		return "", im.problem(err, "cli.import.not_session", data)
	}
	data["Code"] = s.Code
	data["Mode"] = modeText(im.l, false, s.Mode)

	var target interface {
		interview.Store
		Has(code string) bool
	}
	if s.Mode == interview.ModeTraining {
		st, err := im.f.openTrainingStore()
		if err != nil {
			return "", err
		}
		target = st.(*interview.TrainingStore)
	} else {
		st, err := im.store()
		if err != nil {
			return "", err
		}
		target = st
	}
	lock, err := im.f.lockSession(s.Code, lockWaitCommand)
	if err != nil {
		return "", fileProblem{err}
	}
	defer lock.Release()
	if target.Has(s.Code) {
		have, err := target.Load(s.Code)
		if err != nil {
			return "", fileProblem{sessionError(im.f, err)}
		}
		same, err := vault.SameSession(have, s)
		if err != nil || !same {
			return "", im.problem(err, "cli.import.conflict", data)
		}
		im.same++
		return im.l.T("cli.import.identical", data), nil
	}
	if err := target.Save(s); err != nil {
		return "", im.problem(err, "cli.import.save_failed", map[string]any{"File": file, "Code": s.Code, "Reason": saveReason(im.l, err)})
	}
	im.imported++
	if plainReal {
		im.f.IO.ErrLine(im.l.T("cli.import.plaintext_real", data))
	}
	return im.l.T("cli.import.imported", data), nil
}
