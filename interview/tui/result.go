package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/interview/summary"
	"github.com/earlyid/earlyid/textsafe"
)

func (m resultModel) update(c *display, msg tea.KeyMsg) (resultModel, action) {
	k := c.keys
	lines := m.lines(c)
	if c.self {
		lines = m.endLines(c)
	}
	// Not past the end: the viewport clamps, so a press that scrolls nothing needs no other
	// press to undo.
	m.scroll = rescroll(m.scroll, lines, c.bodyH)
	page := max(1, c.height-8)
	switch {
	case key.Matches(msg, k.Up):
		m.scroll.ScrollUp(1)
	case key.Matches(msg, k.Down):
		m.scroll.ScrollDown(1)
	case key.Matches(msg, k.PageUp):
		m.scroll.ScrollUp(page)
	case key.Matches(msg, k.PageDown):
		m.scroll.ScrollDown(page)
	case msg.Type == tea.KeyHome:
		m.scroll.GotoTop()
	case key.Matches(msg, k.Leave):
		return m, actEnd
	case key.Matches(msg, k.Export) && !c.self:
		return m, actExport
	case key.Matches(msg, k.Remarks) && !c.self:
		return m, actRemarks
	case key.Matches(msg, k.Back) && !c.self:
		if err := c.e.Back(); err == nil {
			return m, actSync
		}
	}
	return m, actNone
}

func (m resultModel) keys(c *display, end bool) keySet {
	k := c.keys
	if end {
		return keySet{short: []key.Binding{k.Scroll, k.Leave, k.Quit}, full: [][]key.Binding{{k.Scroll, k.PageUp, k.Leave, k.Quit}}}
	}
	return keySet{
		short: []key.Binding{k.Scroll, k.Export, k.Leave, k.Back, k.Remarks, k.Help, k.Quit},
		full:  [][]key.Binding{{k.Scroll, k.PageUp, k.Leave}, {k.Export, k.Back, k.Remarks, k.Help, k.Quit}},
	}
}

// view draws the assessment: urgent flags first (marked "!" in words, not only in
// colour), the outcome with its level, the dimensions with their counts, the indicators
// with the answers behind them, risk factors, referrals with contacts, and how to export.
func (m resultModel) view(c *display, height int) []string {
	return scrollView(m.scroll, m.lines(c), height)
}

func (m resultModel) lines(c *display) []string {
	th := c.th
	w := c.innerWidth()
	a := m.a
	l := c.li
	var lines []string
	add := func(ls ...string) { lines = append(lines, ls...) }
	plainSt := th.Large.UnsetBold()
	add("")
	if a == nil {
		return lines
	}
	urgent := false
	for _, f := range a.Flags {
		if f.Flag.Urgency == guidelines.Context {
			continue
		}
		urgent = true
		add(styled(th.Urgent, "! "+l.T("score.urgency."+string(f.Flag.Urgency), nil)+": "+c.ui(f.Flag.Text), w, "  ", "    ")...)
	}
	if !urgent {
		add(styled(th.Dim, c.t("interview.result.no_urgent"), w, "  ", "  ")...)
	}
	// A part of the guideline whose condition failed is left out of the result: the reader
	// must know which, as early as the urgent matters it may hide.
	if len(a.Unevaluated) > 0 {
		add("", "  "+th.Urgent.Render(l.T("score.unevaluated", nil)))
		for _, u := range a.Unevaluated {
			add(styled(th.Urgent, "- "+u.Kind+" “"+u.ID+"”: "+u.Reason(l), w, "    ", "      ")...)
		}
	}
	add("")
	if o := a.Outcome; o != nil {
		// The result is read by the interviewer: their language first, under their labels
		// (L still swaps), the person's below for when it is shown to them.
		large, small := c.pair(o.Text, true)
		add(styled(th.Large, l.T("score.outcome", map[string]any{"Text": large, "Level": l.T("score.level."+string(o.Level), nil)}), w, "  ", "  ")...)
		if small != "" {
			add(styled(th.Small, small, w, "  ", "  ")...)
		}
	}
	for _, p := range c.g.Profiles {
		if p.ID == a.Profile {
			add(styled(plainSt, l.T("score.profile", map[string]any{"Profile": c.ui(p.Text)}), w, "  ", "  ")...)
		}
	}
	add(styled(plainSt, l.T("score.totals", map[string]any{"Strong": a.Strong, "Medium": a.Medium, "Weak": a.Weak}), w, "  ", "  ")...)

	if len(a.Dimensions) > 0 {
		add("", "  "+th.Title.Render(l.T("score.dimensions", nil)))
		for _, d := range a.Dimensions {
			mark, state := "-", l.T("score.dimension.negative", nil)
			if d.Positive {
				mark, state = "+", l.T("score.dimension.positive", nil)
			}
			text := mark + " " + c.ui(d.Dimension.Text) + " (" + l.T("score.stage."+string(d.Dimension.Stage), nil) + "): " +
				state + "; " + l.T("score.counts", map[string]any{"Strong": d.Strong, "Medium": d.Medium, "Weak": d.Weak})
			st := plainSt
			if d.Positive {
				st = th.Large
			}
			add(styled(st, text, w, "  ", "    ")...)
		}
	}

	add("")
	if len(a.Indicators) == 0 {
		add(styled(plainSt, l.T("score.indicators.none", nil), w, "  ", "  ")...)
	} else {
		add("  " + th.Title.Render(l.T("score.indicators", nil)))
		for _, in := range a.Indicators {
			dim := in.Indicator.Dimension
			if d := c.g.Dimension(dim); d != nil {
				dim = c.ui(d.Text)
			}
			add(styled(plainSt, "• "+c.ui(in.Indicator.Text)+" ["+l.T("score.strength."+string(in.Strength), nil)+"; "+dim+"]", w, "  ", "    ")...)
			for _, e := range in.Evidence {
				ans := l.T("score.evidence.not_answered", nil)
				if e.Answered {
					ans = c.valueText(e.Question, e.Answer)
					if e.Question.Future && e.Answer.Str == "yes" { // told it will happen: a risk, not a fact
						ans += " (" + l.T("summary.announced.mark", nil) + ")"
					}
				}
				add(styled(th.Dim, c.ui(e.Question.Text)+" — "+ans, w, "      ", "      ")...)
				if e.Note != "" {
					add(styled(th.Dim, "✎ "+l.T(summary.NoteLabel(e.NoteBy), map[string]any{"Note": textsafe.Line(e.Note)}), w, "        ", "          ")...)
				}
			}
		}
	}

	// The notes on answers no indicator rests on, with whose they are, as the summary's
	// "Notes on other answers" has them: no note is seen only after the export.
	shown := map[string]bool{}
	for _, in := range a.Indicators {
		for _, e := range in.Evidence {
			shown[e.Question.ID] = true
		}
	}
	ans := c.e.Answers()
	first := true
	for _, q := range c.g.Questions {
		note := strings.TrimSpace(ans.Notes[q.ID])
		if note == "" || shown[q.ID] || !a.Applies[q.Index] {
			continue
		}
		if first {
			add("", "  "+th.Title.Render(l.T("summary.section.other_notes", nil)))
			first = false
		}
		v, ok := ans.Values[q.ID]
		answer := l.T("score.evidence.not_answered", nil)
		if ok {
			answer = c.valueText(q, v)
		}
		add(styled(plainSt, "• "+c.ui(q.Text)+" — "+answer, w, "  ", "    ")...)
		add(styled(th.Dim, "✎ "+l.T(summary.NoteLabel(ans.NoteAuthor(q.ID)), map[string]any{"Note": textsafe.Line(note)}), w, "    ", "      ")...)
	}

	context := false
	for _, f := range a.Flags {
		if f.Flag.Urgency != guidelines.Context {
			continue
		}
		if !context {
			add("", "  "+th.Title.Render(l.T("score.context", nil)))
			context = true
		}
		add(styled(plainSt, "• "+c.ui(f.Flag.Text), w, "  ", "    ")...)
	}

	add("")
	if len(a.Referrals) == 0 {
		add(styled(plainSt, l.T("score.referrals.none", nil), w, "  ", "  ")...)
	} else {
		add("  " + th.Title.Render(l.T("score.referrals", nil)))
		for _, r := range a.Referrals {
			contact := textsafe.Line(strings.TrimSpace(r.Contact))
			if r.ContactPending {
				contact = l.T("score.contact.pending", nil)
			}
			add(styled(plainSt, "• "+c.ui(r.Name)+" — "+contact, w, "  ", "    ")...)
		}
	}
	add("")
	add(remarksLines(c, w)...)
	add("")
	if m.exported != "" {
		add(styled(th.Dim, "✓ "+l.T("cli.export.written", map[string]any{"File": textsafe.Line(m.exported)}), w, "  ", "    ")...)
	}
	add(styled(th.Dim, l.T("tui.result.export_key", nil), w, "  ", "  ")...)
	add(styled(th.Dim, l.T("score.disclaimer", nil), w, "  ", "  ")...)
	return lines
}

// endView is the end of a self-mode interview: thanks, and where to get help, in the
// person's language. No result is shown.
func (m resultModel) endView(c *display, height int) []string {
	// Scrolled (↑↓, PgUp/PgDn), with a line saying so: every contact must be reachable.
	return c.pagedFrom(m.endLines(c), 0, height, m.scroll.YOffset)
}

// endLines is the self-mode end screen.
func (m resultModel) endLines(c *display) []string {
	th := c.th
	w := c.innerWidth()
	lines := []string{"", styled(th.Large, c.t("interview.self.end.title"), w, "  ", "  ")[0], ""}
	if c.e.Persistent() && c.e.AllSaved() { // said once the answers are written, not before
		lines = append(lines, styled(th.Large.UnsetBold(), c.t("interview.self.end.saved"), w, "  ", "  ")...)
		lines = append(lines, "")
	}
	// Every known contact, in the guideline's order (emergency first), not only those the
	// answers point to: the person alone has no interviewer to give the others.
	refs := c.e.Contacts()
	return append(lines, contactLines(c, refs, c.lang, "", c.lp, w)...)
}
