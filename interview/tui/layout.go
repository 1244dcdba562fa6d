package tui

import (
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/bubbles/viewport"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/earlyid/earlyid/interview"
)

// The smallest terminal the screens are laid out for; below it a short message asks for a
// larger window.
const (
	minWidth  = 60
	minHeight = 20
)

// margin is the left indent of the body; the body is wrapped to the width minus twice it.
const margin = 2

// wrap wraps plain (already sanitized, unstyled) text to width cells. It counts display
// cells, not bytes, so Cyrillic and Romanian letters and wide characters are never split
// or miscounted; words longer than the width are broken.
func wrap(s string, width int) []string {
	if width < 1 {
		width = 1
	}
	if s == "" {
		return []string{""}
	}
	return strings.Split(ansi.Wrap(s, width, ""), "\n")
}

// styled wraps s to width and renders every line with st, each line prefixed by indent
// (the first line by first instead, when given: a hanging indent for list items).
func styled(st lipgloss.Style, s string, width int, first, indent string) []string {
	w := width - lipgloss.Width(indent)
	if fw := width - lipgloss.Width(first); fw < w {
		w = fw
	}
	lines := wrap(s, w)
	out := make([]string, len(lines))
	for i, l := range lines {
		p := indent
		if i == 0 {
			p = first
		}
		out[i] = p + st.Render(l)
	}
	return out
}

// fit, fitStart, clampShift and paged follow a cursor rather than keep an offset, and are
// why these screens do not scroll through bubbles/viewport as the result, the help and the
// indicator panel do (rescroll): a viewport keeps an offset and clamps it, while the lists,
// the forms, the question and the safety pause are laid out again on every key (another
// answer's message, a resize, the swapped languages) and their window is derived from
// where the cursor is now (fitStart: from the top while the cursor fits there, else with
// a third of the screen above it), so a viewport would need its offset set from the
// cursor before every frame, which is all these helpers do. They also replace the cut
// ends with a line that says so, which viewport.View cannot.

// fit returns at most height lines of lines, scrolled so that line focus is visible (at
// the top when it must move). The first shown line and the last become "…" when lines are
// cut there, so nobody takes a clipped list for a complete one.
func fit(lines []string, focus, height int) []string {
	return window(lines, fitStart(len(lines), focus, height, 0), height, "  …", "  …")
}

// window is the height lines of lines from start (clamped), the first one replaced by
// above and the last by below where text is cut there.
func window(lines []string, start, height int, above, below string) []string {
	if height <= 0 {
		return nil
	}
	if len(lines) <= height {
		return lines
	}
	start = max(0, min(start, len(lines)-height))
	out := append([]string(nil), lines[start:start+height]...)
	cutAbove, cutBelow := cutEnds(lines, start, height)
	if cutAbove {
		out[0] = above
	}
	if cutBelow {
		out[len(out)-1] = below
	}
	return out
}

// cutEnds reports whether the window of height lines from start hides text above it and
// below it: then its first (last) line says so instead of showing a line. Blank lines
// scrolled out hide nothing, and a marker for them would cost a line of text.
func cutEnds(lines []string, start, height int) (above, below bool) {
	blank := func(ls []string) bool {
		for _, l := range ls {
			if strings.TrimSpace(ansi.Strip(l)) != "" {
				return false
			}
		}
		return true
	}
	end := min(len(lines), start+height)
	return start > 0 && !blank(lines[:start]), end < len(lines) && !blank(lines[end:])
}

// shownSpan is the first and last line of lines that a window of height lines from start
// shows as they are, not covered by a "more" line.
func shownSpan(lines []string, start, height int) (first, last int) {
	first, last = start, start+height-1
	above, below := cutEnds(lines, start, height)
	if above {
		first++
	}
	if below {
		last--
	}
	return first, last
}

// fitStart is the first of n lines that a window of height lines shows with line focus
// in view, moved by shift (PgUp/PgDn) within the lines.
func fitStart(n, focus, height, shift int) int {
	if n <= height {
		return 0
	}
	focus = max(0, min(focus, n-1))
	// Show from the top while the focus fits there (the top holds what to read first);
	// else keep a little context above the focus, as a reader expects when a list scrolls.
	start := 0
	if focus >= height-1 {
		start = focus - height/3
	}
	return max(0, min(start+shift, n-height))
}

// clampShift limits a PgUp/PgDn shift of a window from fitStart to what moves it: a
// shift past either end would take as many presses to undo.
func clampShift(n, focus, height, shift int) int {
	base := fitStart(n, focus, height, 0)
	return max(-base, min(shift, max(0, n-height)-base))
}

// paged is fit moved by shift, with the cut ends saying where the rest is and which key
// shows it ("↓ more below (PgDn)"), for screens that must not hide a line behind a bare
// "…".
func (c *display) paged(lines []string, focus, height, shift int) []string {
	return c.pagedFrom(lines, fitStart(len(lines), focus, height, 0), height, shift)
}

// pagedFrom is paged with the window's first line chosen by the caller (base), moved by
// shift.
func (c *display) pagedFrom(lines []string, base, height, shift int) []string {
	return window(lines, base+shift, height,
		"  "+c.th.Dim.Render("↑ "+c.t("tui.scroll.more_above")),
		"  "+c.th.Dim.Render("↓ "+c.t("tui.scroll.more_below")))
}

// rescroll is vp (a bubbles viewport; the zero value for a new one) over lines as they are
// laid out now, in height lines, its offset kept as far as the new content allows. The
// result, the self-mode end, the full help and the indicator panel scroll through it: it
// keeps their offset and clamps it. Their lines are laid out again on every frame (a
// resize, another language), so scrollView draws them, not viewport.View, which would
// also pad every line to the width and cannot mark the cut ends.
func rescroll(vp viewport.Model, lines []string, height int) viewport.Model {
	off := vp.YOffset
	vp.Height = max(1, height)
	vp.SetContent(strings.Join(lines, "\n"))
	vp.SetYOffset(off)
	return vp
}

// scrollView returns the height lines of lines that vp's offset shows, with "…" markers
// where lines are cut.
func scrollView(vp viewport.Model, lines []string, height int) []string {
	return window(lines, vp.YOffset, height, "  …", "  …")
}

// clip truncates every line to width cells (a safety net: a line longer than the terminal
// would wrap and push the screen out of place).
func clip(lines []string, width int) []string {
	for i, l := range lines {
		if lipgloss.Width(l) > width {
			lines[i] = ansi.Truncate(l, width, "…")
		}
	}
	return lines
}

// leftRight puts left and right on one line of width cells, truncating left when both do
// not fit.
func leftRight(left, right string, width int) string {
	rw := lipgloss.Width(right)
	room := width - rw - 1
	if room < 1 {
		return ansi.Truncate(left, width, "…")
	}
	if lipgloss.Width(left) > room {
		left = ansi.Truncate(left, room, "…")
	}
	gap := width - lipgloss.Width(left) - rw
	return left + strings.Repeat(" ", gap) + right
}

// bar draws a progress bar of width cells, done of total filled. The two parts differ in
// shape (━ and ─), not only in colour.
func bar(t theme, done, total, width int) string {
	if width < 1 {
		return ""
	}
	filled := 0
	if total > 0 {
		filled = done * width / total
	}
	filled = max(0, min(filled, width))
	return t.Bar.Render(strings.Repeat("━", filled)) + t.BarEmpty.Render(strings.Repeat("─", width-filled))
}

// limitLines says, under a text field, that value has reached the engine's limit for texts,
// notes and remarks (interview.MaxText): the field takes nothing more, and a person typing
// on must not think their words were kept. Nothing below the limit.
func limitLines(c *display, value string, w int, indent string) []string {
	if utf8.RuneCountInString(value) < interview.MaxText {
		return nil
	}
	return styled(c.th.Error, "! "+c.li.T("tui.input.limit", map[string]any{"Max": interview.MaxText}), w, indent, indent+"  ")
}
