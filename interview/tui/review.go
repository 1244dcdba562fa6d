package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/interview"
	"github.com/earlyid/earlyid/textsafe"
)

// reviewModel is the review: every answer by section, answers that no longer apply marked
// as such (struck through and dimmed, and "(no longer applies)" in words), Enter on an
// answer to change it, and a last row to finish.
type reviewModel struct {
	secs   []interview.ReviewSection
	items  []reviewRef // the rows the cursor can be on; the last is "finish"
	cursor int
	msg    string
}

// reviewRef points at one item of secs, or (sec < 0) at the finish row.
type reviewRef struct{ sec, item int }

func newReview(c *display, cursor int) reviewModel {
	m := reviewModel{secs: c.e.Review()}
	for si, s := range m.secs {
		for ii := range s.Items {
			m.items = append(m.items, reviewRef{si, ii})
		}
	}
	m.items = append(m.items, reviewRef{-1, -1})
	// A fresh review starts on "finish": after the last answer that is the next step.
	m.cursor = len(m.items) - 1
	if cursor > 0 && cursor < len(m.items) {
		m.cursor = cursor
	}
	return m
}

func (m reviewModel) update(c *display, msg tea.KeyMsg) (reviewModel, action) {
	k := c.keys
	n := len(m.items)
	switch {
	case key.Matches(msg, k.Up):
		m.cursor = (m.cursor - 1 + n) % n
		m.msg = ""
	case key.Matches(msg, k.Down):
		m.cursor = (m.cursor + 1) % n
		m.msg = ""
	case msg.Type == tea.KeyPgUp:
		m.cursor = m.pageFrom(c, -1)
		m.msg = ""
	case msg.Type == tea.KeyPgDown:
		m.cursor = m.pageFrom(c, 1)
		m.msg = ""
	case msg.Type == tea.KeyHome:
		m.cursor = 0
	case msg.Type == tea.KeyEnd:
		m.cursor = n - 1
	case key.Matches(msg, k.Finish, k.FinishSelf):
		return m, actFinish
	case key.Matches(msg, k.Remarks) && !c.self:
		return m, actRemarks
	case key.Matches(msg, k.Confirm):
		ref := m.items[m.cursor]
		if ref.sec < 0 {
			return m, actFinish
		}
		it := m.secs[ref.sec].Items[ref.item]
		if err := c.e.Goto(it.Question.ID); err != nil {
			m.msg = c.t("interview.no_longer_applies")
			return m, actNone
		}
		return m, actSync
	case key.Matches(msg, k.Back):
		if err := c.e.Back(); err == nil {
			return m, actSync
		}
	case key.Matches(msg, k.Swap) && !c.self:
		return m, actSwap
	}
	return m, actNone
}

// pageFrom is the row a page up (dir -1) or down (1) from the cursor: the farthest row
// whose first line is at most a screen less two lines away (the "…" lines at the cut ends),
// and at least the next row. It stops at the first and the last row.
func (m reviewModel) pageFrom(c *display, dir int) int {
	_, rowLine := m.layout(c)
	step := max(1, c.bodyH-2)
	from := rowLine[m.cursor]
	to := m.cursor
	for i := m.cursor + dir; i >= 0 && i < len(rowLine); i += dir {
		if i != m.cursor+dir && (rowLine[i]-from)*dir > step {
			break
		}
		to = i
	}
	return to
}

func (m reviewModel) keys(c *display) keySet {
	k := c.keys
	finish := k.Finish
	if c.self {
		finish = k.FinishSelf // no result follows: the person alone does not see one
	}
	if c.self {
		return keySet{
			short: []key.Binding{k.Up, k.Change, finish, k.Back, k.Help, k.Quit},
			full:  [][]key.Binding{{k.Up, k.Page, k.Change, finish}, {k.Back, k.Help, k.Quit}},
		}
	}
	// The arrows need no explaining on a list; the one-line help keeps its room for the
	// remarks key, which 80 columns would otherwise cut (all keys are under ?).
	return keySet{
		short: []key.Binding{k.Change, finish, k.Back, k.Remarks, k.Help, k.Quit},
		full:  [][]key.Binding{{k.Up, k.Page, k.Change, finish}, {k.Back, k.Remarks, k.Help, k.Quit}},
	}
}

// text is a guideline text as the review shows it: the interviewer's language, or in self
// mode the person's.
func (c *display) reviewText(t guidelines.Text) string {
	if c.self {
		return c.person(t)
	}
	return c.ui(t)
}

// answerText renders an answer for the reader of the review.
func (c *display) answerText(q *guidelines.Question, v guidelines.Value) string {
	if !c.self {
		return c.valueText(q, v)
	}
	if !v.IsSpecial() && (q.Type == guidelines.TypeChoice || q.Type == guidelines.TypeMulti) {
		ids := v.List
		if q.Type == guidelines.TypeChoice {
			ids = []string{v.Str}
		}
		var parts []string
		for _, id := range ids {
			if ch := q.Choice(id); ch != nil {
				parts = append(parts, c.person(ch.Text))
			}
		}
		return strings.Join(parts, "; ")
	}
	return textsafe.Line(q.ValueText(v, c.lang,
		c.lp.T("interview.answer.yes", nil), c.lp.T("interview.answer.no", nil),
		c.lp.T("interview.answer.unknown", nil), c.lp.T("interview.answer.declined", nil)))
}

func (m reviewModel) view(c *display, height int) []string {
	lines, rowLine := m.layout(c)
	focus := rowLine[m.cursor]
	if m.msg != "" {
		focus = len(lines) - 1
	}
	return fit(lines, focus, height)
}

// layout is the review's lines and the first line of each row (the answers, then finish).
func (m reviewModel) layout(c *display) (lines []string, rowLine []int) {
	th := c.th
	w := c.innerWidth()
	lines = []string{""}
	row := 0
	for _, s := range m.secs {
		lines = append(lines, styled(th.Title, c.reviewText(s.Section.Title), w, "  ", "  ")...)
		for _, it := range s.Items {
			pointer := "    "
			if row == m.cursor {
				pointer = "  ▸ "
			}
			rowLine = append(rowLine, len(lines))
			row++
			ans := c.t("common.not_answered")
			if it.Answered {
				ans = c.answerText(it.Question, it.Value)
			}
			text := c.reviewText(it.Question.Text) + " — " + ans
			switch {
			case !it.Applies:
				// Never by colour alone: struck through, dimmed, AND said in words.
				lines = append(lines, styled(th.Strike, text, w, pointer, "      ")...)
				lines = append(lines, styled(th.Dim, "~ ("+c.t("interview.no_longer_applies")+")", w, "      ", "      ")...)
			case m.cursor == row-1:
				lines = append(lines, styled(th.Cursor, text, w, pointer, "      ")...)
			default:
				lines = append(lines, styled(th.Large.UnsetBold(), text, w, pointer, "      ")...)
			}
			if it.Note != "" {
				lines = append(lines, styled(th.Dim, "✎ "+textsafe.Line(it.Note), w, "      ", "        ")...)
			}
		}
	}
	lines = append(lines, "")
	if rl := remarksLines(c, w); len(rl) > 0 {
		// Before the finish row, so that they are in view when the review opens there.
		lines = append(append(lines, rl...), "")
	}
	label := c.t("interview.review.finish")
	if c.self {
		label = c.t("tui.review.finish_self") // in self mode no result is shown
	}
	finish := "[ " + label + " ]"
	rowLine = append(rowLine, len(lines))
	if m.cursor == len(m.items)-1 {
		lines = append(lines, styled(th.Cursor, finish, w, "  ▸ ", "    ")...)
	} else {
		lines = append(lines, styled(th.Large.UnsetBold(), finish, w, "    ", "    ")...)
	}
	if m.msg != "" {
		lines = append(lines, styled(th.Error, "! "+m.msg, w, "  ", "    ")...)
	}
	return lines, rowLine
}
