package preview

import (
	"bufio"
	"io"
	"slices"
	"strings"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/textsafe/mdtext"
)

// writeMarkdown renders d as GitHub-flavoured Markdown. One language reads as prose; several
// languages put every translated text in a table, one column per language, so a translator
// compares them line by line.
func writeMarkdown(w io.Writer, d *doc) error {
	m := &mdWriter{w: bufio.NewWriter(w), d: d}
	m.line("# " + strings.Join(distinctTexts(d.Title), " / "))
	if d.Desc.Cells != nil {
		if len(d.Langs) == 1 {
			m.blank()
			m.line(mdInline(d.Desc.Cells[0]))
		} else {
			m.blank()
			m.texts([]textRow{d.Desc})
		}
	}
	m.blank()
	m.facts(d.Meta)

	if len(d.Profiles) > 0 {
		m.heading(2, d.Labels.Profiles)
		for _, p := range d.Profiles {
			m.item(3, p)
		}
	}

	m.heading(2, d.Labels.Questionnaire)
	for _, s := range d.Sections {
		m.item(3, s.Head)
		for _, q := range s.Questions {
			m.item(4, q)
		}
	}

	m.heading(2, d.Labels.Indicators)
	for _, dim := range d.Dims {
		m.item(3, dim.Head)
		for _, in := range dim.Indicators {
			m.item(4, in)
		}
	}

	m.heading(2, d.Labels.Scoring)
	m.line(d.Labels.ElementPositive)
	m.blank()
	for _, r := range d.Rules {
		m.line("- " + r)
	}
	m.heading(3, d.Labels.Outcomes)
	for _, o := range d.Outcomes {
		m.item(4, o)
	}

	if len(d.Flags) > 0 {
		m.heading(2, d.Labels.Flags)
		for _, f := range d.Flags {
			m.item(3, f)
		}
	}
	if len(d.Refs) > 0 {
		m.heading(2, d.Labels.Referrals)
		for _, r := range d.Refs {
			m.item(3, r)
		}
	}
	return m.w.Flush()
}

type mdWriter struct {
	w *bufio.Writer
	d *doc
	// blankDone is true right after a blank line, so that two blocks that each want a blank
	// line around them get one.
	blankDone bool
}

func (m *mdWriter) line(s string) {
	m.w.WriteString(s)
	m.w.WriteByte('\n')
	m.blankDone = false
}

func (m *mdWriter) blank() {
	if !m.blankDone {
		m.w.WriteByte('\n')
		m.blankDone = true
	}
}

func (m *mdWriter) heading(level int, s string) {
	m.blank()
	m.line(strings.Repeat("#", level) + " " + s)
	m.blank()
}

// item renders one entry: heading (number, title, id), tags, texts, facts.
func (m *mdWriter) item(level int, it item) {
	var h []string
	if it.Num != "" {
		h = append(h, numLabel(it.Num))
	}
	if t := distinctTexts(it.Title); len(t) > 0 {
		h = append(h, mdInline(strings.Join(t, " / ")), "· `"+it.ID+"`")
	} else {
		h = append(h, "`"+it.ID+"`")
	}
	m.heading(level, strings.Join(h, " "))
	if len(it.Tags) > 0 {
		m.line("*" + strings.Join(it.Tags, " · ") + "*")
		m.blank()
	}
	m.texts(it.Texts)
	if len(it.Texts) > 0 && len(m.d.Langs) > 1 && len(it.Facts) > 0 {
		m.blank()
	}
	m.facts(it.Facts)
}

// texts renders translated rows: a list (one language) or a table (several).
func (m *mdWriter) texts(rows []textRow) {
	if len(rows) == 0 {
		return
	}
	if len(m.d.Langs) == 1 {
		for _, r := range rows {
			m.line("- " + mdLabel(r, ":") + " " + mdIndent(r.Cells[0]))
		}
		return
	}
	m.line("| " + m.d.Labels.Language + " | " + strings.Join(m.d.Langs, " | ") + " |")
	m.line("|---" + strings.Repeat("|---", len(m.d.Langs)) + "|")
	for _, r := range rows {
		cells := make([]string, len(r.Cells))
		for i, c := range r.Cells {
			cells[i] = mdCell(c)
		}
		m.line("| " + mdLabel(r, "") + " | " + strings.Join(cells, " | ") + " |")
	}
}

func (m *mdWriter) facts(fs []fact) {
	for _, f := range fs {
		v := mdInline(f.Value)
		switch {
		case f.IDs != nil:
			codes := make([]string, len(f.IDs))
			for i, id := range f.IDs {
				codes[i] = mdCode(id)
			}
			v = strings.Join(codes, ", ")
		case f.Code:
			v = mdCode(f.Value)
		}
		m.line("- **" + f.Label + ":** " + v)
	}
}

// mdLabel renders a row label: an id as code, a word in bold (with suffix inside the bold,
// as the facts have it).
func mdLabel(r textRow, suffix string) string {
	if r.Code {
		if r.Note != "" {
			return "`" + r.Label + "` " + mdInline(r.Note) + suffix
		}
		return "`" + r.Label + "`" + suffix
	}
	return "**" + r.Label + suffix + "**"
}

// numLabel renders a number: "2." for a section, "2.3" for a question.
func numLabel(n string) string {
	if strings.Contains(n, ".") {
		return n
	}
	return n + "."
}

// mdInline keeps a text on one line, escaped (see mdText).
func mdInline(s string) string { return mdText(strings.Join(strings.Fields(s), " ")) }

// mdIndent keeps a multi-line text inside its list item, escaped (see mdText): a line of
// it that starts like a list item or a heading underline stays text.
func mdIndent(s string) string {
	lines := strings.Split(mdText(strings.TrimRight(s, "\n")), "\n")
	for i := 1; i < len(lines); i++ {
		lines[i] = mdtext.LineStart(lines[i])
	}
	return strings.Join(lines, "\n  ")
}

// mdCell makes a text safe inside a table cell: escaped (see mdText, which escapes the
// column separator too), its line breaks as <br>.
func mdCell(s string) string {
	return strings.ReplaceAll(mdText(strings.TrimRight(s, "\n")), "\n", "<br>")
}

// Emphasis markers while a text is escaped: private-use characters, which guideline text
// cannot use for anything else (mdText removes them from the text first).
const (
	strongOpen, strongClose = "\uE000", "\uE001"
	emOpen, emClose         = "\uE002", "\uE003"
)

// mdText escapes a guideline text for Markdown as the summary export does (mdtext), so a
// text cannot become a heading, a list, a link, a table cell or raw HTML, and keeps the
// emphasis the format allows (*x*, **x**) as Markdown emphasis.
func mdText(s string) string {
	s = strings.Map(func(r rune) rune {
		if r >= '\uE000' && r <= '\uE003' {
			return -1
		}
		return r
	}, s)
	s = guidelines.Emphasis(s,
		func(x string) string { return strongOpen + x + strongClose },
		func(x string) string { return emOpen + x + emClose })
	s = mdtext.Escape(s)
	return strings.NewReplacer(strongOpen, "**", strongClose, "**", emOpen, "*", emClose, "*").Replace(s)
}

// mdCode renders verbatim source as inline code, on one line, with a fence longer than any
// backtick run inside it.
func mdCode(s string) string {
	s = strings.Join(strings.Fields(s), " ") // verbatim: nothing is escaped inside code
	fence := "`"
	for strings.Contains(s, fence) {
		fence += "`"
	}
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		s = " " + s + " "
	}
	return fence + s + fence
}

// distinctTexts returns the texts of ss that are not empty, each once, in order: a title
// that is the same in two languages is written once.
func distinctTexts(ss []string) []string {
	var out []string
	for _, s := range ss {
		if s != "" && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}
