package tui

import (
	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/lipgloss"
)

// theme holds every style the screens use. The structure (bold, faint, strike-through,
// markers such as "▸", "!" and "✎") carries the meaning; colour only adds to it, so the
// screens read the same in 16 colours, in monochrome and with NO_COLOR.
type theme struct {
	Header   lipgloss.Style // the header line
	Banner   lipgloss.Style // TRAINING — fictional case
	Warn     lipgloss.Style // memory only, save failed
	Bar      lipgloss.Style // filled part of the progress bar
	BarEmpty lipgloss.Style // the rest of it
	Title    lipgloss.Style // a screen's or panel's title
	Large    lipgloss.Style // the question in the large language
	Small    lipgloss.Style // the same in the other language, dimmed
	Dim      lipgloss.Style // secondary text (intros, fixed setup values, counts)
	Cursor   lipgloss.Style // the row under the cursor
	Error    lipgloss.Style // a validation message ("! …")
	Urgent   lipgloss.Style // urgent flags on the result
	Strike   lipgloss.Style // answers that no longer apply (with a text marker too)
	Rule     lipgloss.Style // the line above the key help
	Help     help.Styles
}

// newTheme builds the theme on r (the renderer of the program's output, which knows the
// terminal's colour profile and honours NO_COLOR). mono drops every colour explicitly.
func newTheme(r *lipgloss.Renderer, mono bool) theme {
	if r == nil {
		r = lipgloss.DefaultRenderer()
	}
	s := r.NewStyle
	t := theme{
		Header:   s().Bold(true),
		Banner:   s().Bold(true).Reverse(true),
		Warn:     s().Bold(true),
		Bar:      s(),
		BarEmpty: s().Faint(true),
		Title:    s().Bold(true),
		Large:    s().Bold(true),
		Small:    s().Faint(true),
		Dim:      s().Faint(true),
		Cursor:   s().Bold(true),
		Error:    s().Bold(true),
		Urgent:   s().Bold(true),
		Strike:   s().Faint(true).Strikethrough(true),
		Rule:     s().Faint(true),
	}
	t.Help = help.Styles{
		ShortKey:       s().Bold(true),
		ShortDesc:      s(),
		ShortSeparator: s().Faint(true),
		Ellipsis:       s().Faint(true),
		FullKey:        s().Bold(true),
		FullDesc:       s(),
		FullSeparator:  s(),
	}
	if mono {
		return t
	}
	// The 16 basic ANSI colours: every terminal has them, and the user's palette decides
	// how they look, so they stay readable on light and dark backgrounds.
	accent := lipgloss.Color("6") // cyan
	warn := lipgloss.Color("3")   // yellow
	danger := lipgloss.Color("1") // red
	t.Banner = t.Banner.Foreground(warn)
	t.Warn = t.Warn.Foreground(warn)
	t.Bar = t.Bar.Foreground(accent)
	t.Title = t.Title.Foreground(accent)
	t.Cursor = t.Cursor.Foreground(accent)
	t.Error = t.Error.Foreground(danger)
	t.Urgent = t.Urgent.Foreground(danger)
	t.Help.ShortKey = t.Help.ShortKey.Foreground(accent)
	t.Help.FullKey = t.Help.FullKey.Foreground(accent)
	return t
}
