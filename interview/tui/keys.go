package tui

import (
	"github.com/charmbracelet/bubbles/key"

	"github.com/earlyid/earlyid/locales"
)

// keyMap holds every key binding of the TUI. The help texts are in the interviewer's
// language, so the map is rebuilt when that language changes (setup).
type keyMap struct {
	Up, Down, Confirm, Pick, Yes, Toggle        key.Binding
	Note, Hint, Back, Sections, Indicators      key.Binding
	Swap, Help, Quit, Cancel, Save, Close       key.Binding
	Change, Finish, Adjust, Left, Right, Scroll key.Binding
	PageUp, PageDown, Page                      key.Binding

	// The export form of the result screen and the copy screen shown when the last save
	// failed (issues 8 and 6).
	Export, Field, Next, CloseForm          key.Binding
	WriteCopy, SkipCopy, QuitAnyway, Return key.Binding

	// OtherKeys is Esc in an answer field, which gives the other keys back; FinishSelf is
	// the review's f in self mode, where no result follows.
	OtherKeys, FinishSelf key.Binding

	// Remarks opens the interviewer's closing remarks (review and result, never in self
	// mode); SaveRemarks saves them: Enter starts a new line there.
	Remarks, SaveRemarks key.Binding

	// ReadOn is Enter (and ↓) on a question whose text has not all been on the screen yet:
	// it scrolls on instead of answering.
	ReadOn key.Binding

	// Dismiss closes a screen that says what was done (an export, a copy): Enter or Esc.
	// Leave closes a screen the interviewer reads to its end (the result, a postponement):
	// Enter or q, as in a pager.
	Dismiss, Leave key.Binding

	// long maps a binding's help key and short text to its long description, for the
	// full help (?).
	long map[string]string
	// allKeys maps the same to every key of the binding ("↑↓/j k"), for the full help: the
	// one-line help has room for the main key only.
	allKeys map[string]string
}

// newKeyMap builds the bindings with help texts from l. Quick exit is Ctrl+X and Ctrl+C;
// never Esc, which only cancels inputs and overlays and arrives late in some terminals.
func newKeyMap(l *locales.Localizer) keyMap {
	long := map[string]string{}
	all := map[string]string{}
	// b is a binding whose help key names all its keys; ball one whose help key names the
	// main ones, with allKey naming all of them in the full help.
	ball := func(keys []string, helpKey, allKey, id string) key.Binding {
		short := l.T("tui.key."+id+".short", nil)
		long[helpKey+"\x00"+short] = l.T("tui.key."+id+".long", nil)
		all[helpKey+"\x00"+short] = allKey
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(helpKey, short))
	}
	b := func(keys []string, helpKey, id string) key.Binding { return ball(keys, helpKey, helpKey, id) }
	closeShort := l.T("tui.key.close.short", nil)
	return keyMap{
		long:       long,
		allKeys:    all,
		Up:         ball([]string{"up", "k"}, "↑↓", "↑↓/j k", "move"),
		Down:       ball([]string{"down", "j"}, "↑↓", "↑↓/j k", "move"),
		Confirm:    b([]string{"enter"}, "enter", "confirm"),
		Pick:       b([]string{"1", "2", "3", "4", "5", "6", "7", "8", "9"}, "1–9", "pick"),
		Yes:        b([]string{"y"}, "y", "yes"),
		Toggle:     b([]string{" "}, "space", "toggle"),
		Note:       b([]string{"n"}, "n", "note"),
		Hint:       b([]string{"h"}, "h", "hint"),
		Back:       ball([]string{"b", "backspace", "left"}, "b", "b/⌫/←", "back"),
		Sections:   b([]string{"s"}, "s", "sections"),
		Indicators: b([]string{"i"}, "i", "indicators"),
		Swap:       b([]string{"L"}, "L", "swap"),
		Help:       b([]string{"?"}, "?", "help"),
		Quit:       ball([]string{"ctrl+x", "ctrl+c"}, "^X", "^X/^C", "quit"),
		Cancel:     b([]string{"esc"}, "esc", "cancel"),
		Save:       b([]string{"enter"}, "enter", "save"),
		Close:      b([]string{"esc"}, "esc", "close"),
		Change:     b([]string{"enter"}, "enter", "change"),
		Finish:     b([]string{"f"}, "f", "finish"),
		Adjust:     b([]string{"left", "right"}, "←→", "adjust"),
		Left:       ball([]string{"left", "h"}, "←→", "←→/h l", "adjust"),
		Right:      ball([]string{"right", "l"}, "←→", "←→/h l", "adjust"),
		Scroll:     ball([]string{"up", "down", "k", "j"}, "↑↓", "↑↓/j k", "scroll"),
		PageUp:     b([]string{"pgup"}, "pgup", "scroll"),
		PageDown:   ball([]string{"pgdown", " "}, "pgdn", "pgdn/space", "scroll"),
		Page:       b([]string{"pgup", "pgdown"}, "pgup/dn", "scroll"),
		Export:     b([]string{"e"}, "e", "export"),
		// In the form's text fields only the arrows and Tab move: j and k are letters.
		Field:      b([]string{"up", "down", "tab", "shift+tab"}, "↑↓", "field"),
		Next:       b([]string{"enter"}, "enter", "next"),
		CloseForm:  b([]string{"esc"}, "esc", "close_form"),
		WriteCopy:  b([]string{"enter"}, "enter", "copy"),
		SkipCopy:   b([]string{"esc"}, "esc", "skip_copy"),
		QuitAnyway: b([]string{"enter"}, "enter", "quit_anyway"),
		Return:     b([]string{"esc"}, "esc", "return"),
		OtherKeys:  b([]string{"esc"}, "esc", "other_keys"),
		FinishSelf: b([]string{"f"}, "f", "finish_self"),
		Remarks:    b([]string{"r"}, "r", "remarks"),
		// Ctrl+S: raw mode turns off the terminal's flow control, so it reaches the program.
		SaveRemarks: b([]string{"ctrl+s"}, "^S", "save_remarks"),
		ReadOn:      ball([]string{"enter", "down", "pgdown"}, "enter", "enter/↓/pgdn", "read_on"),
		Dismiss:     key.NewBinding(key.WithKeys("enter", "esc"), key.WithHelp("enter", closeShort)),
		Leave:       key.NewBinding(key.WithKeys("enter", "q"), key.WithHelp("enter", closeShort)),
	}
}

// keySet is the bindings one screen offers, as bubbles/help wants them: a short list for
// the one-line help at the bottom and columns for the full help (?).
type keySet struct {
	short []key.Binding
	full  [][]key.Binding
}

// ShortHelp implements help.KeyMap.
func (k keySet) ShortHelp() []key.Binding { return k.short }

// FullHelp implements help.KeyMap.
func (k keySet) FullHelp() [][]key.Binding { return k.full }

// allKeysOf returns every key of b as the full help names them ("↑↓/j k").
func (k keyMap) allKeysOf(b key.Binding) string {
	if s, ok := k.allKeys[b.Help().Key+"\x00"+b.Help().Desc]; ok {
		return s
	}
	return b.Help().Key
}

// longHelp returns the long description of b.
func (k keyMap) longHelp(b key.Binding) string {
	if s, ok := k.long[b.Help().Key+"\x00"+b.Help().Desc]; ok {
		return s
	}
	return b.Help().Desc
}

// helpRank orders bindings by how much the one-line help needs them when not all fit
// (lower first): the keys that change the interview and cannot be guessed (back, the
// closing remarks) before the others that do something (export, notes, ticking, and
// finishing, which the review's last row does too with Enter), and those before the ones
// anybody tries (Enter, the arrows) and the hint. Every key stays in the full help (?).
func (k keyMap) helpRank(b key.Binding) int {
	switch b.Help() {
	case k.Back.Help(), k.Remarks.Help(), k.ReadOn.Help():
		return 0
	case k.Export.Help(), k.Note.Help(), k.Toggle.Help(), k.OtherKeys.Help(), k.Finish.Help(), k.FinishSelf.Help():
		return 1
	case k.Up.Help(), k.Scroll.Help(), k.Hint.Help():
		return 3
	}
	return 2
}
