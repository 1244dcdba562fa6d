package tui

import (
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
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

// fit returns at most height lines of lines, scrolled so that line focus is visible (at
// the top when it must move). The first shown line and the last become "…" when lines are
// cut there, so nobody takes a clipped list for a complete one.
func fit(lines []string, focus, height int) []string {
	return fitScrolled(lines, focus, height, 0)
}

// fitScrolled is fit moved by shift lines (PgUp/PgDn on a question too long for the
// terminal: the beginning of a consent text must stay reachable on a small screen).
func fitScrolled(lines []string, focus, height, shift int) []string {
	if height <= 0 {
		return nil
	}
	if len(lines) <= height {
		return lines
	}
	start := fitStart(len(lines), focus, height, shift)
	out := append([]string(nil), lines[start:start+height]...)
	above, below := cutEnds(lines, start, height)
	if above {
		out[0] = "  …"
	}
	if below {
		out[len(out)-1] = "  …"
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

// fitStart is the first of n lines that fitScrolled shows.
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

// clampShift limits a PgUp/PgDn shift of fitScrolled to what moves the window: a shift
// past either end would take as many presses to undo.
func clampShift(n, focus, height, shift int) int {
	base := fitStart(n, focus, height, 0)
	return max(-base, min(shift, max(0, n-height)-base))
}

// paged is fitScrolled with the cut ends saying where the rest is and which key shows it
// ("↓ more below (PgDn)"), for screens that must not hide a line behind a bare "…".
func (c *display) paged(lines []string, focus, height, shift int) []string {
	return c.pagedFrom(lines, fitStart(len(lines), focus, height, 0), height, shift)
}

// pagedFrom is paged with the window's first line chosen by the caller (base), moved by
// shift.
func (c *display) pagedFrom(lines []string, base, height, shift int) []string {
	if height <= 0 {
		return nil
	}
	if len(lines) <= height {
		return lines
	}
	start := max(0, min(base+shift, len(lines)-height))
	out := append([]string(nil), lines[start:start+height]...)
	above, below := cutEnds(lines, start, height)
	if above {
		out[0] = "  " + c.th.Dim.Render("↑ "+c.t("tui.scroll.more_above"))
	}
	if below {
		out[len(out)-1] = "  " + c.th.Dim.Render("↓ "+c.t("tui.scroll.more_below"))
	}
	return out
}

// scrollWindow returns height lines of lines starting at offset (clamped), with "…"
// markers where lines are cut, and the clamped offset.
func scrollWindow(lines []string, offset, height int) ([]string, int) {
	if height <= 0 {
		return nil, 0
	}
	maxOff := len(lines) - height
	if maxOff < 0 {
		maxOff = 0
	}
	offset = max(0, min(offset, maxOff))
	end := min(len(lines), offset+height)
	out := append([]string(nil), lines[offset:end]...)
	if offset > 0 && len(out) > 0 {
		out[0] = "  …"
	}
	if end < len(lines) && len(out) > 0 {
		out[len(out)-1] = "  …"
	}
	return out, offset
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
