package tui

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"filippo.io/age"
	"filippo.io/age/armor"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/interview"
	"github.com/earlyid/earlyid/interview/summary"
	"github.com/earlyid/earlyid/interview/vault"
	"github.com/earlyid/earlyid/locales"
)

var (
	keyTab   = tea.KeyMsg{Type: tea.KeyTab}
	keyRight = tea.KeyMsg{Type: tea.KeyRight}
)

// noConsentToShare: complete, but the person did not agree to pass on their identity.
var noConsentToShare = merge(complete, map[string]guidelines.Value{"consent_share": no()})

// brokenVault is the encrypted store of real sessions with its sessions folder failing
// every write, as a full disk does, while files elsewhere (copies) are written for real.
func brokenVault(t testing.TB) *vault.Store {
	t.Helper()
	id, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "sessions")
	write := func(path string, data []byte) error {
		if filepath.Dir(path) == dir {
			return errors.New("no space left on device")
		}
		return interview.WriteFileAtomic(path, data)
	}
	st, err := vault.Open(dir, []age.Recipient{id.Recipient()}, vault.WithIdentity(id), vault.WithWriter(write))
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// atResult returns the model of e on the result screen (80×24), with exports going to dir.
func atResult(t *testing.T, e *interview.Engine, dir string) tea.Model {
	t.Helper()
	var m tea.Model = New(e, Options{ExportDir: dir, Now: fixedNow})
	m = update(m, tea.WindowSizeMsg{Width: 80, Height: 24}, keyRunes("f"))
	if got := m.(Model).screen; got != screenResult {
		t.Fatalf("screen %d, want the result:\n%s", got, plainView(m))
	}
	return m
}

// openExport presses e on the result screen and checks the form opened.
func openExport(t *testing.T, m tea.Model) tea.Model {
	t.Helper()
	m = update(m, keyRunes("e"))
	if got := m.(Model).screen; got != screenExport {
		t.Fatalf("screen %d after e, want the export form:\n%s", got, plainView(m))
	}
	return m
}

// setChoice presses → on row field (format or language) until it shows want.
func setChoice(t *testing.T, m tea.Model, field int, want string) tea.Model {
	t.Helper()
	mm := m.(Model)
	for mm.export.focus != field {
		m = update(m, keyTab)
		mm = m.(Model)
	}
	for range 8 {
		cur := summary.Formats[mm.export.format]
		if field == exLang {
			cur = localesLanguages()[mm.export.lang]
		}
		if cur == want {
			return m
		}
		m = update(m, keyRight)
		mm = m.(Model)
	}
	t.Fatalf("row %d never shows %s", field, want)
	return m
}

// focusRow moves the focus of the form to row field with Tab and Shift+Tab.
func focusRow(t *testing.T, m tea.Model, field int) tea.Model {
	t.Helper()
	for range exCount * 2 {
		f := m.(Model).export.focus
		switch {
		case f == field:
			return m
		case f < field:
			m = update(m, keyTab)
		default:
			m = update(m, tea.KeyMsg{Type: tea.KeyShiftTab})
		}
	}
	t.Fatalf("the focus never reaches row %d", field)
	return m
}

// typeInto replaces the text of the form's row field with s.
func typeInto(t *testing.T, m tea.Model, field int, s string) tea.Model {
	t.Helper()
	m = focusRow(t, m, field)
	mm := m.(Model)
	switch field {
	case exPath:
		mm.export.path.SetValue("")
	case exRecipient:
		mm.export.recipient.SetValue("")
	}
	return update(mm, keyRunes(s))
}

// pressExport moves to the Export button and presses Enter.
func pressExport(t *testing.T, m tea.Model) tea.Model {
	t.Helper()
	return update(focusRow(t, m, exButton), keyEnter)
}

// TestExportWritesTheChosenFormat exports from the result screen in each format and in a
// language other than the interview's, and checks the file, its content and the sharing
// log, saved through the engine's store.
func TestExportWritesTheChosenFormat(t *testing.T) {
	for _, format := range []string{summary.FormatMarkdown, summary.FormatJSON, summary.FormatHTML, summary.FormatPDF} {
		t.Run(format, func(t *testing.T) {
			store := diskStore{interview.NewMemoryStore()}
			e := session{lang: "uk", uiLang: "ro", store: store, answers: complete}.engine(t)
			dir := t.TempDir()
			m := openExport(t, atResult(t, e, dir))
			m = setChoice(t, m, exFormat, format)
			m = setChoice(t, m, exLang, "ru")
			want := filepath.Join(dir, "MD-7K3Q-2PXA-summary."+format)
			if got := m.(Model).export.path.Value(); got != want {
				t.Errorf("path field = %q, want %q (the extension follows the format)", got, want)
			}
			m = pressExport(t, m)
			mm := m.(Model)
			if mm.export.state != exDone || mm.export.written != want {
				t.Fatalf("state %d, written %q, want %q:\n%s", mm.export.state, mm.export.written, want, plainView(m))
			}
			data, err := os.ReadFile(want)
			if err != nil {
				t.Fatal(err)
			}
			a, err := e.Assessment()
			if err != nil {
				t.Fatal(err)
			}
			outcome := a.Outcome.Text.In("ru", e.Guideline().Languages...)
			switch format {
			case summary.FormatMarkdown, summary.FormatHTML:
				for _, s := range []string{"MD-7K3Q-2PXA", firstWords(outcome, 3)} {
					if !strings.Contains(string(data), s) {
						t.Errorf("the %s summary does not contain %q", format, s)
					}
				}
			case summary.FormatJSON:
				var doc struct {
					Lang    string `json:"lang"`
					Case    struct{ Code string }
					Outcome struct{ ID, Text string }
				}
				if err := json.Unmarshal(data, &doc); err != nil {
					t.Fatal(err)
				}
				if doc.Case.Code != "MD-7K3Q-2PXA" || doc.Outcome.ID != a.Outcome.ID || doc.Outcome.Text != outcome || doc.Lang != "ru" {
					t.Errorf("JSON: %+v, want the case code, outcome %s and lang ru", doc, a.Outcome.ID)
				}
			case summary.FormatPDF:
				if !bytes.HasPrefix(data, []byte("%PDF-")) {
					t.Errorf("the PDF starts with %q", data[:min(len(data), 8)])
				}
			}
			// The sharing log: one entry, in the live session and in the store.
			log := e.Session().Exports
			if len(log) != 1 || log[0].Format != format || log[0].Lang != "ru" || len(log[0].Recipients) != 0 {
				t.Errorf("sharing log %+v, want one %s export in ru", log, format)
			}
			saved, err := store.Load("MD-7K3Q-2PXA")
			if err != nil || len(saved.Exports) != 1 {
				t.Errorf("the store holds %d exports (%v), want 1", len(saved.Exports), err)
			}
			// A real summary without a recipient: the CLI's reminder, then back to the result,
			// which says where the file went.
			view := plainView(m)
			if !strings.Contains(strings.Join(strings.Fields(view), " "), "Atenție:") {
				t.Errorf("no reminder that the file is not encrypted:\n%s", view)
			}
			m = update(m, keyEnter)
			if got := m.(Model).screen; got != screenResult {
				t.Fatalf("Enter after the export shows screen %d, want the result", got)
			}
			if !strings.Contains(m.(Model).result.exported, "MD-7K3Q-2PXA-summary") {
				t.Errorf("the result screen does not remember the export")
			}
		})
	}
}

// TestExportTrainingHasNoReminder: a training case is fictional, so no warning about an
// unencrypted real person's answers.
func TestExportTrainingHasNoReminder(t *testing.T) {
	e := session{lang: "uk", uiLang: "ro", mode: interview.ModeTraining, answers: complete}.engine(t)
	m := openExport(t, atResult(t, e, t.TempDir()))
	m = pressExport(t, setChoice(t, m, exFormat, summary.FormatMarkdown))
	if mm := m.(Model); mm.export.state != exDone || mm.export.reminder {
		t.Errorf("state %d, reminder %v: want written, without a reminder", mm.export.state, mm.export.reminder)
	}
}

// TestExportNeverOverwritesWithoutConfirmation: an existing file is left alone; the user
// may change the name, or confirm the overwrite explicitly a second time.
func TestExportNeverOverwritesWithoutConfirmation(t *testing.T) {
	dir := t.TempDir()
	existing := filepath.Join(dir, "MD-7K3Q-2PXA-summary.md")
	if err := os.WriteFile(existing, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	e := session{lang: "uk", uiLang: "ro", answers: complete}.engine(t)
	m := openExport(t, atResult(t, e, dir))
	m = pressExport(t, setChoice(t, m, exFormat, summary.FormatMarkdown))
	mm := m.(Model)
	if mm.export.state != exExists || mm.export.exists != existing {
		t.Fatalf("state %d (exists %q), want the question about %s:\n%s", mm.export.state, mm.export.exists, existing, plainView(m))
	}
	if !strings.Contains(plainView(m), "există deja") {
		t.Errorf("no localized message about the existing file:\n%s", plainView(m))
	}
	// Enter takes the first (safe) choice: back to the file name.
	m = update(m, keyEnter)
	if mm := m.(Model); mm.export.state != exEditing || mm.export.focus != exPath {
		t.Fatalf("Enter on the question: state %d focus %d, want the form at the file name", mm.export.state, mm.export.focus)
	}
	assertContent(t, existing, "old")
	// Again, and this time overwrite: the second confirmation.
	m = pressExport(t, m)
	m = update(m, keyDown, keyEnter)
	if mm := m.(Model); mm.export.state != exDone {
		t.Fatalf("after confirming the overwrite: state %d, want written:\n%s", mm.export.state, plainView(m))
	}
	if data, _ := os.ReadFile(existing); !strings.Contains(string(data), "MD-7K3Q-2PXA") {
		t.Errorf("the confirmed overwrite did not write the summary")
	}
	if n := len(e.Session().Exports); n != 1 {
		t.Errorf("%d exports logged, want 1 (the refused one is not an export)", n)
	}

	// A new name instead: the file is written beside the old one.
	m = openExport(t, update(m, keyEnter))
	m = setChoice(t, m, exFormat, summary.FormatMarkdown)
	m = pressExport(t, m)
	m = update(m, keyRunes("1")) // choose another name
	other := filepath.Join(dir, "other.md")
	m = pressExport(t, typeInto(t, m, exPath, other))
	if mm := m.(Model); mm.export.state != exDone || mm.export.written != other {
		t.Errorf("state %d written %q, want %s", mm.export.state, mm.export.written, other)
	}
}

func assertContent(t *testing.T, path, want string) {
	t.Helper()
	if data, err := os.ReadFile(path); err != nil || string(data) != want {
		t.Errorf("%s = %q, %v; want %q unchanged", path, data, err, want)
	}
}

// TestExportToRecipientDecrypts: with a recipient the file is age-encrypted to it, .age is
// appended, the log names the recipient, and no unencrypted reminder is shown.
func TestExportToRecipientDecrypts(t *testing.T) {
	id, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	e := session{lang: "uk", uiLang: "ro", answers: complete}.engine(t)
	m := openExport(t, atResult(t, e, dir))
	m = setChoice(t, m, exFormat, summary.FormatJSON)
	m = typeInto(t, m, exRecipient, id.Recipient().String())
	m = pressExport(t, m)
	mm := m.(Model)
	want := filepath.Join(dir, "MD-7K3Q-2PXA-summary.json.age")
	if mm.export.state != exDone || mm.export.written != want || mm.export.reminder {
		t.Fatalf("state %d written %q reminder %v; want %s, no reminder:\n%s", mm.export.state, mm.export.written, mm.export.reminder, want, plainView(m))
	}
	f, err := os.Open(want)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := age.Decrypt(f, id)
	if err != nil {
		t.Fatal(err)
	}
	plain, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(plain, []byte(`"code": "MD-7K3Q-2PXA"`)) && !bytes.Contains(plain, []byte(`"code":"MD-7K3Q-2PXA"`)) {
		t.Errorf("the decrypted summary has no case code:\n%.300s", plain)
	}
	if _, err := os.Stat(filepath.Join(dir, "MD-7K3Q-2PXA-summary.json")); err == nil {
		t.Errorf("an unencrypted file was written too")
	}
	log := e.Session().Exports
	if len(log) != 1 || !slices.Equal(log[0].Recipients, []string{id.Recipient().String()}) {
		t.Errorf("sharing log %+v, want the recipient", log)
	}
}

// TestExportArmoured: the encryption row appears once a recipient is typed, and "text"
// writes an ASCII-armoured age file (it survives an e-mail body) that decrypts.
func TestExportArmoured(t *testing.T) {
	id, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	e := session{lang: "uk", uiLang: "ro", answers: complete}.engine(t)
	m := openExport(t, atResult(t, e, dir))
	m = setChoice(t, m, exFormat, summary.FormatMarkdown)
	if m.(Model).export.shows(exArmor) {
		t.Fatal("the encryption row is shown without a recipient")
	}
	m = typeInto(t, m, exRecipient, id.Recipient().String())
	m = update(focusRow(t, m, exArmor), keyRight)
	if !m.(Model).export.armor || !strings.Contains(plainView(m), "ASCII") {
		t.Fatalf("→ on the encryption row does not choose text:\n%s", plainView(m))
	}
	m = pressExport(t, m)
	want := filepath.Join(dir, "MD-7K3Q-2PXA-summary.md.age")
	if mm := m.(Model); mm.export.state != exDone || mm.export.written != want {
		t.Fatalf("state %d written %q; want %s:\n%s", mm.export.state, mm.export.written, want, plainView(m))
	}
	data, err := os.ReadFile(want)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(data, []byte("-----BEGIN AGE ENCRYPTED FILE-----")) {
		t.Fatalf("the file is not ASCII armour: %.60q", data)
	}
	r, err := age.Decrypt(armor.NewReader(bytes.NewReader(data)), id)
	if err != nil {
		t.Fatal(err)
	}
	if plain, _ := io.ReadAll(r); !bytes.Contains(plain, []byte("MD-7K3Q-2PXA")) {
		t.Errorf("the decrypted summary has no case code:\n%.300s", plain)
	}
}

// TestExportRefusesASecretKey: a secret key typed as recipient is refused, removed from
// the form and never shown; nothing is written.
func TestExportRefusesASecretKey(t *testing.T) {
	id, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	e := session{lang: "uk", uiLang: "ro", answers: complete}.engine(t)
	m := openExport(t, atResult(t, e, dir))
	m = pressExport(t, typeInto(t, m, exRecipient, id.String()))
	mm := m.(Model)
	if mm.export.state != exEditing || mm.export.errMsg == "" || mm.export.recipient.Value() != "" {
		t.Errorf("state %d, error %q, field %q: want the form with an error and the field cleared", mm.export.state, mm.export.errMsg, mm.export.recipient.Value())
	}
	if strings.Contains(plainView(m), "AGE-SECRET-KEY") {
		t.Errorf("the secret key is on the screen")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 || len(e.Session().Exports) != 0 {
		t.Errorf("something was written or logged: %v, %v", entries, e.Session().Exports)
	}
}

// TestExportLegalBasis: the legal basis is offered only without consent to share
// identity, and the one chosen is written in the sharing log.
func TestExportLegalBasis(t *testing.T) {
	t.Run("with consent", func(t *testing.T) {
		e := session{lang: "uk", uiLang: "ro", answers: complete}.engine(t)
		m := openExport(t, atResult(t, e, t.TempDir()))
		if m.(Model).export.askLegal {
			t.Errorf("the legal basis is offered although the person agreed to share their identity")
		}
	})
	t.Run("without consent", func(t *testing.T) {
		e := session{lang: "uk", uiLang: "ro", answers: noConsentToShare}.engine(t)
		m := openExport(t, atResult(t, e, t.TempDir()))
		if !m.(Model).export.askLegal {
			t.Fatal("no legal basis offered without consent to share identity")
		}
		m = setChoice(t, m, exFormat, summary.FormatMarkdown)
		m = update(focusRow(t, m, exLegal), keyRight, keyRight) // child_protection
		if !strings.Contains(plainView(m), "obligația de a proteja un copil") {
			t.Errorf("the legal basis is not shown in words:\n%s", plainView(m))
		}
		pressExport(t, m)
		log := e.Session().Exports
		if len(log) != 1 || log[0].LegalBasis != summary.BasisChildProtection {
			t.Errorf("sharing log %+v, want child_protection", log)
		}
	})
}

// TestExportFormTyping: in a text field letters are text (j, k, e, ?, q), and Esc closes
// the form without exporting.
func TestExportFormTyping(t *testing.T) {
	e := session{lang: "uk", uiLang: "ro", answers: complete}.engine(t)
	m := openExport(t, atResult(t, e, t.TempDir()))
	m = typeInto(t, m, exPath, "jk")
	m = update(m, keyRunes("?"), keyRunes("e"), keyRunes("q"))
	mm := m.(Model)
	if mm.export.path.Value() != "jk?eq" || mm.showHelp || mm.screen != screenExport {
		t.Errorf("path %q, help %v, screen %d: want the letters typed", mm.export.path.Value(), mm.showHelp, mm.screen)
	}
	m = update(m, keyEsc)
	if mm := m.(Model); mm.screen != screenResult || len(e.Session().Exports) != 0 {
		t.Errorf("Esc: screen %d, exports %d; want the result and nothing exported", mm.screen, len(e.Session().Exports))
	}
}

// TestQuitAfterSaveFailureOffersCopy: ending the interview while the last save failed
// shows the copy screen; a copy can be retried until written, and it decrypts to the
// session with every answer.
func TestQuitAfterSaveFailureOffersCopy(t *testing.T) {
	st := brokenVault(t)
	e := session{lang: "uk", uiLang: "ro", store: st, answers: complete}.engine(t)
	m := atResult(t, e, t.TempDir())
	if e.SaveError() == nil {
		t.Fatal("the injected save failure did not happen")
	}
	m = update(m, keyEnter) // close the interview
	mm := m.(Model)
	if mm.quitting || mm.screen != screenCopy {
		t.Fatalf("quitting %v, screen %d: want the copy screen:\n%s", mm.quitting, mm.screen, plainView(m))
	}
	// Nothing typed: a message, no copy.
	m = update(m, keyEnter)
	if mm := m.(Model); mm.copy.errMsg == "" || mm.copy.state != copyEditing {
		t.Errorf("an empty path gives no message")
	}
	// A file that exists: left alone, and another place can be typed.
	elsewhere := t.TempDir()
	taken := filepath.Join(elsewhere, "taken.age")
	if err := os.WriteFile(taken, []byte("keep"), 0o600); err != nil {
		t.Fatal(err)
	}
	m = update(m, keyRunes(taken), keyEnter)
	if mm := m.(Model); mm.copy.state != copyEditing || !strings.Contains(mm.copy.errMsg, "există deja") {
		t.Errorf("copy onto an existing file: state %d, message %q", mm.copy.state, mm.copy.errMsg)
	}
	assertContent(t, taken, "keep")
	mm = m.(Model)
	mm.copy.input.SetValue("")
	m = update(mm, keyRunes(elsewhere), keyEnter) // a folder: <folder>/<CODE>.age
	mm = m.(Model)
	want := filepath.Join(elsewhere, "MD-7K3Q-2PXA.age")
	if mm.copy.state != copyDone || mm.copy.written != want {
		t.Fatalf("state %d written %q message %q, want %s", mm.copy.state, mm.copy.written, mm.copy.errMsg, want)
	}
	s, err := st.ReadFile(want)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Answers.Values) != len(complete) || s.Answers.Values["debt"].Str != "yes" {
		t.Errorf("the copy holds %d answers, want %d", len(s.Answers.Values), len(complete))
	}
	if !strings.Contains(plainView(m), want) {
		t.Errorf("the screen does not say where the copy went:\n%s", plainView(m))
	}
	m = update(m, keyEnter)
	if !ended(m) {
		t.Errorf("Enter after the copy does not quit")
	}
}

// TestQuitWithoutCopyAsksOnce: Esc on the copy screen asks once more; Esc there goes
// back, Enter quits.
func TestQuitWithoutCopyAsksOnce(t *testing.T) {
	e := session{lang: "uk", uiLang: "ro", store: brokenVault(t), answers: complete}.engine(t)
	m := update(atResult(t, e, t.TempDir()), keyEnter, keyEsc)
	if mm := m.(Model); mm.quitting || mm.copy.state != copyConfirmSkip {
		t.Fatalf("Esc on the copy screen: quitting %v state %d, want the question", mm.quitting, mm.copy.state)
	}
	m = update(m, keyEsc)
	if mm := m.(Model); mm.copy.state != copyEditing {
		t.Fatalf("Esc on the question does not go back")
	}
	m = update(m, keyEsc, keyEnter)
	if !m.(Model).quitting {
		t.Errorf("Enter on the question does not quit")
	}
}

// TestNoCopyScreen: with a good save the quick exit and a normal end quit at once to the
// neutral frame, and so does any end with a store that cannot copy.
func TestNoCopyScreen(t *testing.T) {
	for _, tc := range []struct {
		name  string
		store interview.Store
		keys  []tea.Msg
	}{
		{"quick exit, saved", diskStore{interview.NewMemoryStore()}, []tea.Msg{keyCtrlX}},
		{"ctrl+c, saved", diskStore{interview.NewMemoryStore()}, []tea.Msg{keyRunes("f"), keyCtrlC}},
		{"quick exit, store without copies", failingStore{interview.NewMemoryStore()}, []tea.Msg{keyCtrlX}},
		{"saved", diskStore{interview.NewMemoryStore()}, []tea.Msg{keyRunes("f"), keyEnter}},
		{"store without copies", failingStore{interview.NewMemoryStore()}, []tea.Msg{keyRunes("f"), keyEnter}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := session{lang: "uk", uiLang: "ro", store: tc.store, answers: complete}.engine(t)
			var m tea.Model = New(e, Options{}) // starts, and saves (or fails to)
			m = update(m, tc.keys...)
			mm := m.(Model)
			if !mm.quitting || mm.screen == screenCopy {
				t.Errorf("quitting %v screen %d: want to quit at once", mm.quitting, mm.screen)
			}
			if v := mm.View(); strings.TrimSpace(v) != "$" {
				t.Errorf("final frame %q, want the neutral prompt", v)
			}
		})
	}
}

// TestQuickExitAfterFailedSaveOffersCopy: Ctrl+X (or Ctrl+C) mid-interview while the
// sessions folder cannot be written does not end the program with the answers only in
// memory: the copy screen comes, without any answer on it; the copy written there holds
// the answers; a second Ctrl+X quits at once.
func TestQuickExitAfterFailedSaveOffersCopy(t *testing.T) {
	for _, k := range []tea.KeyMsg{keyCtrlX, keyCtrlC} {
		t.Run(k.String(), func(t *testing.T) {
			st := brokenVault(t)
			e := session{lang: "uk", uiLang: "ro", store: st, answers: atWork}.engine(t)
			var m tea.Model = New(e, Options{})
			m = update(m, tea.WindowSizeMsg{Width: 80, Height: 24}, keyRunes("y"), k)
			mm := m.(Model)
			if mm.quitting || mm.screen != screenCopy {
				t.Fatalf("quitting %v, screen %d: want the copy screen, not an exit:\n%s", mm.quitting, mm.screen, plainView(m))
			}
			view := plainView(m)
			for _, secret := range []string{"Olena", "0 600 00000"} {
				if strings.Contains(view, secret) {
					t.Errorf("the copy screen shows the answer %q", secret)
				}
			}
			dir := t.TempDir()
			m = update(m, keyRunes(dir), keyEnter)
			if mm := m.(Model); mm.copy.state != copyDone {
				t.Fatalf("copy state %d, message %q", mm.copy.state, mm.copy.errMsg)
			}
			s, err := st.ReadFile(filepath.Join(dir, "MD-7K3Q-2PXA.age"))
			if err != nil {
				t.Fatal(err)
			}
			if got := s.Answers.Values["job_offer"]; got.Str != "yes" {
				t.Errorf("the copy has job_offer %+v, want the yes given before the quick exit", got)
			}
			// Without a copy: the second press quits at once, to the neutral frame.
			e2 := session{lang: "uk", uiLang: "ro", store: brokenVault(t), answers: atWork}.engine(t)
			m = update(New(e2, Options{}), keyRunes("y"), k, k)
			if v := m.View(); !m.(Model).quitting || strings.TrimSpace(v) != "$" {
				t.Errorf("second %s: quitting %v, frame %q; want the neutral prompt", k, m.(Model).quitting, v)
			}
		})
	}
}

// TestRunReportsUnsavedChanges: the program ending with changes neither saved nor copied
// makes Run return ErrNotSaved (the command exits non-zero); saved, it returns nil. The
// keys come through a real bubbletea program reading the bytes a terminal sends.
func TestRunReportsUnsavedChanges(t *testing.T) {
	for _, tc := range []struct {
		name  string
		store func() interview.Store
		input string
		want  error
	}{
		{"saved, quick exit", func() interview.Store { return diskStore{interview.NewMemoryStore()} }, "y\x18", nil},
		{"save failed, quick exit twice", func() interview.Store { return brokenVault(t) }, "y\x18\x18", ErrNotSaved},
		{"save failed, no copy, quit anyway", func() interview.Store { return brokenVault(t) }, "y\x18\x1b", ErrNotSaved},
		{"store without copies, quick exit", func() interview.Store { return failingStore{interview.NewMemoryStore()} }, "y\x18", ErrNotSaved},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := session{lang: "uk", uiLang: "ro", store: tc.store(), answers: atWork}.engine(t)
			// A final Esc is sent apart, then Enter, once the copy screen is drawn (the saves
			// before it take their time), so that the two are not read as Alt+Enter.
			in := strings.TrimSuffix(tc.input, "\x1b")
			r, w := io.Pipe()
			out := &screenLog{}
			done := make(chan error, 1)
			go func() { done <- Run(e, r, out, Options{}) }()
			write := func(s string) {
				if _, err := w.Write([]byte(s)); err != nil {
					t.Error(err)
				}
				time.Sleep(50 * time.Millisecond)
			}
			for _, b := range in {
				write(string(b))
			}
			if in != tc.input {
				out.waitFor(t, locales.New("ro").T("tui.copy.title", nil))
				write("\x1b")
				write("\r")
			}
			select {
			case err := <-done:
				if !errors.Is(err, tc.want) || (tc.want == nil && err != nil) {
					t.Errorf("Run = %v, want %v", err, tc.want)
				}
			case <-time.After(10 * time.Second):
				t.Fatal("the program did not end")
			}
			w.Close()
		})
	}
}

// screenLog keeps what a program draws, for a test to wait until a screen is shown.
type screenLog struct {
	mu  sync.Mutex
	buf strings.Builder
}

func (l *screenLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

// waitFor fails t unless text is drawn within ten seconds.
func (l *screenLog) waitFor(t *testing.T, text string) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		l.mu.Lock()
		drawn := strings.Contains(l.buf.String(), text)
		l.mu.Unlock()
		if drawn {
			return
		}
	}
	t.Fatalf("%q was never drawn", text)
}

// TestExportDirNeverTheDataFolder: started inside earlyid's data folder, the form suggests
// the home folder instead; elsewhere, the current folder.
func TestExportDirNeverTheDataFolder(t *testing.T) {
	data := t.TempDir()
	home := t.TempDir()
	t.Setenv("HOME", home)
	inside := filepath.Join(data, "sessions")
	if err := os.MkdirAll(inside, 0o700); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ cwd, data, want string }{
		{inside, data, home}, {data, data, home}, {t.TempDir(), data, "."},
		{inside, "", "."}, // the data folder unknown: the current folder
	} {
		t.Chdir(tc.cwd)
		if got := defaultExportDir(tc.data); got != tc.want {
			t.Errorf("in %s (data %q): export folder %q, want %q", tc.cwd, tc.data, got, tc.want)
		}
	}
}

// TestRandomKeysOnExportAndCopy presses random keys on the result, the export form, the
// closing remarks and the copy screen: nothing panics and every frame fits. (Relative paths typed on the copy
// screen land in the current folder, a temp folder here.)
func TestRandomKeysOnExportAndCopy(t *testing.T) {
	t.Chdir(t.TempDir())
	msgs := []tea.Msg{keyEnter, keyEsc, keyDown, keyUp, keyTab, keyRight, tea.KeyMsg{Type: tea.KeyLeft},
		tea.KeyMsg{Type: tea.KeyShiftTab}, tea.KeyMsg{Type: tea.KeyBackspace}, keyRunes("e"), keyRunes("?"),
		keyRunes("1"), keyRunes("2"), keyRunes("q"), keyRunes("b"), keyRunes("age1xyz"), keyRunes("Олена ș"), keyRunes("r"), keyCtrlS,
		tea.WindowSizeMsg{Width: 60, Height: 20}, tea.WindowSizeMsg{Width: 80, Height: 24}}
	for _, tc := range []struct {
		name  string
		store func() interview.Store
	}{
		{"saved", func() interview.Store { return diskStore{interview.NewMemoryStore()} }},
		{"save failed", func() interview.Store { return brokenVault(t) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := rand.New(rand.NewPCG(3, 4))
			for run := range 10 {
				e := session{lang: "uk", uiLang: "ro", store: tc.store(), answers: complete}.engine(t)
				m := atResult(t, e, t.TempDir())
				for range 60 {
					m, _ = m.Update(msgs[r.IntN(len(msgs))])
					mm := m.(Model)
					if mm.quitting {
						break
					}
					for i, line := range strings.Split(mm.View(), "\n") {
						if w := ansiWidth(line); w > mm.c.width {
							t.Fatalf("run %d: line %d is %d cells wide, more than %d", run, i, w, mm.c.width)
						}
					}
				}
			}
		})
	}
}

// TestQuickExitFromExportAndCopy: Ctrl+X on the export form (while typing) and on the copy
// screen quits at once to the neutral frame.
func TestQuickExitFromExportAndCopy(t *testing.T) {
	for _, tc := range []struct {
		name  string
		store interview.Store
		keys  []tea.Msg
	}{
		{"export form", diskStore{interview.NewMemoryStore()}, []tea.Msg{keyRunes("f"), keyRunes("e"), keyTab, keyTab, keyRunes("x"), keyCtrlX}},
		{"copy screen", brokenVault(t), []tea.Msg{keyRunes("f"), keyEnter, keyRunes("/media/usb"), keyCtrlX}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := session{lang: "uk", uiLang: "ro", store: tc.store, answers: complete}.engine(t)
			m := update(New(e, Options{ExportDir: t.TempDir()}), tc.keys...)
			if v := m.View(); !m.(Model).quitting || strings.TrimSpace(v) != "$" {
				t.Errorf("quitting %v, final frame %q: want the neutral prompt at once", m.(Model).quitting, v)
			}
		})
	}
}

// TestExportWhenTheLogCannotBeSaved: the summary is written, but the sharing log is only
// in memory: the screen says so, and ending the interview offers the copy.
func TestExportWhenTheLogCannotBeSaved(t *testing.T) {
	dir := t.TempDir()
	e := session{lang: "uk", uiLang: "ro", store: brokenVault(t), answers: complete}.engine(t)
	m := openExport(t, atResult(t, e, dir))
	m = pressExport(t, setChoice(t, m, exFormat, summary.FormatMarkdown))
	mm := m.(Model)
	if mm.export.state != exDone || !strings.Contains(mm.export.warnMsg, "registrul transmiterilor") {
		t.Fatalf("state %d, warning %q: want written, with a warning about the log", mm.export.state, mm.export.warnMsg)
	}
	if _, err := os.Stat(filepath.Join(dir, "MD-7K3Q-2PXA-summary.md")); err != nil {
		t.Error(err)
	}
	if len(e.Session().Exports) != 1 {
		t.Errorf("the export is not in the session's log")
	}
	m = update(m, keyEnter, keyEnter) // back to the result; close the interview
	if mm := m.(Model); mm.quitting || mm.screen != screenCopy {
		t.Errorf("quitting %v screen %d: want the copy screen", mm.quitting, mm.screen)
	}
}

// TestExportRunsOutsideTheEventLoop: Enter on Export returns at once with a progress line
// and the file not yet written (the PDF, the encryption and the write run in a command);
// keys pressed meanwhile do nothing; the command's end shows the file and logs it.
func TestExportRunsOutsideTheEventLoop(t *testing.T) {
	dir := t.TempDir()
	store := diskStore{interview.NewMemoryStore()}
	e := session{lang: "uk", uiLang: "ro", store: store, answers: complete}.engine(t)
	m := focusRow(t, openExport(t, atResult(t, e, dir)), exButton)
	m, cmd := m.Update(keyEnter)
	file := filepath.Join(dir, "MD-7K3Q-2PXA-summary.pdf")
	if _, err := os.Stat(file); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("the file is there (%v) before Enter returned: the export ran in Update", err)
	}
	if cmd == nil {
		t.Fatal("Enter on Export returned no command")
	}
	if v := plainView(m); !strings.Contains(v, "Se scrie rezumatul…") {
		t.Errorf("no progress line while the export runs:\n%s", v)
	}
	m = update(m, keyEsc, keyUp, keyEnter) // nothing to act on while it runs
	if mm := m.(Model); mm.screen != screenExport || mm.export.state != exRunning {
		t.Fatalf("screen %d, export state %d: keys acted on the form while it ran", mm.screen, mm.export.state)
	}
	m = runCmd(m, cmd)
	if mm := m.(Model); mm.export.state != exDone || mm.export.written != file {
		t.Fatalf("state %d, written %q: want %s written", mm.export.state, mm.export.written, file)
	}
	if _, err := os.Stat(file); err != nil {
		t.Error(err)
	}
	if saved, err := store.Load("MD-7K3Q-2PXA"); err != nil || len(saved.Exports) != 1 || len(e.Session().Exports) != 1 {
		t.Errorf("the sharing log was not saved once through the engine (%v)", err)
	}
}

// TestQuickExitDuringExportLogsTheFile: Ctrl+X while the export's command runs blanks the
// screen at once, and the quick exit waits for the export, so the file written is in the
// sharing log saved.
func TestQuickExitDuringExportLogsTheFile(t *testing.T) {
	dir := t.TempDir()
	store := diskStore{interview.NewMemoryStore()}
	e := session{lang: "uk", uiLang: "ro", store: store, answers: complete}.engine(t)
	m := focusRow(t, openExport(t, atResult(t, e, dir)), exButton)
	m, export := m.Update(keyEnter)
	m, write := m.Update(keyCtrlX)
	if v := m.View(); strings.TrimSpace(v) != "$" || export == nil || write == nil {
		t.Fatalf("frame %q after Ctrl+X during the export, want the neutral prompt and two commands", v)
	}
	exported := make(chan tea.Msg, 1)
	go func() { exported <- export() }()
	m = update(m, write()) // the quick exit's save
	if ended(m) {
		t.Fatal("the quick exit ended before the export it waits for")
	}
	m = update(m, <-exported) // logs the file and saves the log
	if !ended(m) {
		t.Fatal("the quick exit did not end")
	}
	saved, err := store.Load("MD-7K3Q-2PXA")
	if err != nil || len(saved.Exports) != 1 || len(e.Session().Exports) != 1 {
		t.Errorf("the sharing log saved holds %v (%v), want the one file written", saved.Exports, err)
	}
	if _, err := os.Stat(filepath.Join(dir, "MD-7K3Q-2PXA-summary.pdf")); err != nil {
		t.Error(err)
	}
}

// TestEndedFromOutsideDuringExport: the program ended by a signal while the export's
// command writes the file; Run waits for it (cut off, it would leave a temporary file
// behind), and the save logs the file.
func TestEndedFromOutsideDuringExport(t *testing.T) {
	dir := t.TempDir()
	store := diskStore{interview.NewMemoryStore()}
	e := session{lang: "uk", uiLang: "ro", store: store, answers: complete}.engine(t)
	m := focusRow(t, openExport(t, atResult(t, e, dir)), exButton)
	m, export := m.Update(keyEnter)
	go export() // its message never reaches the model: the program has ended
	m.(Model).settle()
	saved, err := store.Load("MD-7K3Q-2PXA")
	if err != nil {
		t.Fatal(err)
	}
	if len(saved.Exports) != 1 {
		t.Errorf("the sharing log saved holds %v, want the one file written", saved.Exports)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 || entries[0].Name() != "MD-7K3Q-2PXA-summary.pdf" {
		t.Errorf("the export folder holds %v, want the summary alone", entries)
	}
}
