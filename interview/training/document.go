package training

import (
	"fmt"
	"html"
	"html/template"
	"io"
	"math"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/earlyid/earlyid/textsafe"
)

// document is a debrief or a report laid out once, for three renderers: text for a
// terminal, Markdown, and self-contained HTML. Texts in it are plain (not escaped); each
// renderer escapes for its format and textsafe cleans every one.
type document struct {
	Lang   string
	Title  string
	Banner string // "TRAINING — fictional case", or "" for a report
	Blocks []block
	// Width, when above 0, is the widest line of the text layout: paragraphs, alerts and
	// list items wrap, tables too wide shorten their first column, then letter their other
	// columns (named in a legend below) and split into several tables.
	Width int
}

type blockKind string

const (
	kHeading blockKind = "h"     // Text, Level 2 or 3
	kPara    blockKind = "p"     // Text
	kAlert   blockKind = "alert" // Label (the loud text marker) and Text: must not be missed
	kList    blockKind = "list"  // Items
	kTable   blockKind = "table" // Table
	kBars    blockKind = "bars"  // Bars: a horizontal bar chart with text labels
	kPre     blockKind = "pre"   // Text, its lines kept as written (a working by hand)
)

type block struct {
	Kind  blockKind
	Level int
	Label string
	Text  string
	Items []item
	Table *table
	Bars  *bars
}

// item is one list entry: an optional text marker ("MISSED", "FOUND" — never colour
// alone), its text, and indented details.
type item struct {
	Mark string
	Text string
	Sub  []string
}

// table is a table; Right marks the columns aligned right (numbers).
type table struct {
	Head  []string
	Rows  [][]string
	Right []bool
}

// bars is a bar chart: one bar per row, each labelled with its text and its value.
type bars struct {
	Caption string
	// Max is the value of a full-length bar; 0 means the largest value (rates use 1, so
	// that "1 of 2" is half a bar).
	Max  float64
	Rows []bar
	// HTMLOnly leaves the chart out of text and Markdown, where the table next to it
	// already says everything (a report); a group debrief's charts are its tables.
	HTMLOnly bool
}

// top returns the value of a full-length bar.
func (c *bars) top() float64 {
	if c.Max > 0 {
		return c.Max
	}
	top := 0.0
	for _, r := range c.Rows {
		top = math.Max(top, r.Value)
	}
	return top
}

type bar struct {
	Label   string
	Value   float64 // the length, relative to the largest (or to Max when set)
	Display string  // the value as written next to the bar ("12 (40%)")
}

func (d *document) h(level int, s string) {
	d.Blocks = append(d.Blocks, block{Kind: kHeading, Level: level, Text: s})
}
func (d *document) p(s string)   { d.Blocks = append(d.Blocks, block{Kind: kPara, Text: s}) }
func (d *document) pre(s string) { d.Blocks = append(d.Blocks, block{Kind: kPre, Text: s}) }
func (d *document) alert(label, s string) {
	d.Blocks = append(d.Blocks, block{Kind: kAlert, Label: label, Text: s})
}
func (d *document) list(items []item) {
	if len(items) > 0 {
		d.Blocks = append(d.Blocks, block{Kind: kList, Items: items})
	}
}
func (d *document) table(t *table) {
	if len(t.Rows) > 0 {
		d.Blocks = append(d.Blocks, block{Kind: kTable, Table: t})
	}
}

// listOr adds items, or the paragraph none when there are none: a section of a debrief
// or a key says that it found nothing rather than stand empty.
func (d *document) listOr(none string, items []item) {
	if len(items) == 0 {
		d.p(none)
	}
	d.list(items)
}

// tableOr is listOr for a table.
func (d *document) tableOr(none string, t *table) {
	if len(t.Rows) == 0 {
		d.p(none)
	}
	d.table(t)
}
func (d *document) chart(b *bars) {
	if len(b.Rows) > 0 {
		d.Blocks = append(d.Blocks, block{Kind: kBars, Bars: b})
	}
}

// render writes d in format: text, md or html.
func (d *document) render(w io.Writer, format string) error {
	switch format {
	case FormatText, "":
		return d.writeText(w)
	case FormatMarkdown:
		return d.writeMarkdown(w)
	case FormatHTML:
		return d.writeHTML(w)
	}
	return fmt.Errorf("the format %q is not one of text, md, html", format)
}

// ── text ─────────────────────────────────────────────────────────────────────────────────

// textColumn is the widest a first table column grows in the terminal before its texts
// are shortened.
const textColumn = 56

// textWidth is the widest line of a text report: a terminal of 100 columns.
const textWidth = 100

// textColumnMin is the narrowest the first column of a table too wide is shortened to
// before its other columns are lettered; textColumnSplit its width when the table is
// also split in several.
const (
	textColumnMin   = 32
	textColumnSplit = 40
)

func (d *document) writeText(w io.Writer) error {
	var b strings.Builder
	if d.Banner != "" {
		fmt.Fprintf(&b, "*** %s ***\n", d.Banner)
	}
	fmt.Fprintf(&b, "%s\n%s\n", d.Title, strings.Repeat("=", min(len([]rune(d.Title)), 78)))
	for _, bl := range d.Blocks {
		switch bl.Kind {
		case kHeading:
			mark := "--"
			if bl.Level <= 2 {
				mark = "=="
			}
			// The closing mark ends the last line: the heading wraps inside the marks.
			width := 0
			if d.Width > 0 {
				width = d.Width - len(mark) - 1
			}
			h := wrap(bl.Text, width, mark+" ", strings.Repeat(" ", len(mark)+1))
			fmt.Fprintf(&b, "\n%s %s\n", strings.TrimSuffix(h, "\n"), mark)
		case kPara:
			b.WriteString(wrap(bl.Text, d.Width, "", ""))
		case kPre:
			b.WriteString(strings.TrimRight(bl.Text, "\n") + "\n")
		case kAlert:
			line := strings.Repeat("!", 3)
			fmt.Fprintf(&b, "\n%s %s %s\n", line, bl.Label, line)
			b.WriteString(wrap(bl.Text, d.Width, line+" ", line+" "))
		case kList:
			for _, it := range bl.Items {
				mark := ""
				if it.Mark != "" {
					mark = "[" + it.Mark + "] "
				}
				b.WriteString(wrap(mark+it.Text, d.Width, "  - ", "    "))
				for _, s := range it.Sub {
					b.WriteString(wrap(s, d.Width, "      ", "        "))
				}
			}
		case kTable:
			textTable(&b, bl.Table, d.Width)
		case kBars:
			if !bl.Bars.HTMLOnly {
				textBars(&b, bl.Bars, d.Width)
			}
		}
	}
	if d.Banner != "" {
		fmt.Fprintf(&b, "\n*** %s ***\n", d.Banner)
	}
	_, err := io.WriteString(w, textsafe.Text(b.String()))
	return err
}

// wrap breaks s at spaces into lines of at most width runes (a longer word stays whole),
// the first line after first, the others after rest; width 0 keeps one line.
func wrap(s string, width int, first, rest string) string {
	if width <= 0 || len([]rune(first+s)) <= width {
		return first + s + "\n"
	}
	var b strings.Builder
	line, prefix := "", first
	for _, w := range strings.Fields(s) {
		if line != "" && len([]rune(prefix+line+" "+w)) > width {
			b.WriteString(prefix + line + "\n")
			line, prefix = "", rest
		}
		if line == "" {
			line = w
		} else {
			line += " " + w
		}
	}
	b.WriteString(prefix + line + "\n")
	return b.String()
}

// columnName is the letter naming column i (0: A) of a lettered table: A–Z, then AA, AB…
func columnName(i int) string {
	name := ""
	for i++; i > 0; i = (i - 1) / 26 {
		name = string(rune('A'+(i-1)%26)) + name
	}
	return name
}

// textTable writes t; with maxWidth above 0, no line is wider than maxWidth when it can
// be helped: the first column is shortened, then the other columns are lettered with a
// legend below, then split in several tables each repeating the first column.
func textTable(b *strings.Builder, t *table, maxWidth int) {
	// Every cell is cleaned here, once: the layout below measures the table up to three
	// times and writes it once more, and cleaning a cell in each of those passes was a
	// third of the time of a large report.
	t = cleanTable(t)
	first := textColumn
	cell := func(r []string, i int) string {
		if i >= len(r) {
			return ""
		}
		if i == 0 {
			return truncate(r[i], first)
		}
		return r[i]
	}
	measure := func(head []string) []int {
		widths := make([]int, len(t.Head))
		for _, r := range append([][]string{head}, t.Rows...) {
			for i := range widths {
				widths[i] = max(widths[i], utf8.RuneCountInString(cell(r, i)))
			}
		}
		return widths
	}
	span := func(widths []int) int {
		n := 2
		for _, w := range widths {
			n += w + 2
		}
		return n - 2
	}
	widths := measure(t.Head)
	if maxWidth <= 0 || span(widths) <= maxWidth {
		writeTable(b, t, t.Head, widths, cell)
		return
	}
	if over := span(widths) - maxWidth; widths[0]-over >= textColumnMin {
		first = widths[0] - over
		writeTable(b, t, t.Head, measure(t.Head), cell)
		return
	}
	// Letters for the column heads, the names in a legend.
	head := []string{t.Head[0]}
	for i := range t.Head[1:] {
		head = append(head, columnName(i))
	}
	first = textColumnMin
	widths = measure(head)
	if span(widths) > maxWidth {
		first = textColumnSplit
		widths = measure(head)
	}
	for start := 1; start < len(widths); {
		end := start + 1
		for end < len(widths) && span(append(append([]int{widths[0]}, widths[start:end]...), widths[end])) <= maxWidth {
			end++
		}
		cols := append([]int{0}, seq(start, end)...)
		sub := &table{Head: pick(head, cols), Right: pickBool(t.Right, cols)}
		for _, r := range t.Rows {
			sub.Rows = append(sub.Rows, pick(r, cols))
		}
		subWidths := make([]int, len(cols))
		for i, c := range cols {
			subWidths[i] = widths[c]
		}
		if start > 1 {
			b.WriteByte('\n')
		}
		writeTable(b, sub, sub.Head, subWidths, cell)
		start = end
	}
	lw := len([]rune(columnName(len(t.Head) - 2)))
	b.WriteByte('\n')
	for i, h := range t.Head[1:] {
		name := pad(columnName(i), lw)
		b.WriteString(wrap(h, maxWidth, "  "+name+"  ", strings.Repeat(" ", lw+4)))
	}
}

// cleanTable returns a copy of t with every head and cell made safe to print on one line
// (textsafe.Line); t itself is left as it is.
func cleanTable(t *table) *table {
	line := func(r []string) []string {
		out := make([]string, len(r))
		for i, s := range r {
			out[i] = textsafe.Line(s)
		}
		return out
	}
	c := &table{Head: line(t.Head), Rows: make([][]string, len(t.Rows)), Right: t.Right}
	for i, r := range t.Rows {
		c.Rows[i] = line(r)
	}
	return c
}

// seq returns the numbers from start up to end, end excluded.
func seq(start, end int) []int {
	out := make([]int, 0, end-start)
	for i := start; i < end; i++ {
		out = append(out, i)
	}
	return out
}

// pick returns the cells of r at cols ("" past its end).
func pick(r []string, cols []int) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		if c < len(r) {
			out[i] = r[c]
		}
	}
	return out
}

func pickBool(r []bool, cols []int) []bool {
	out := make([]bool, len(cols))
	for i, c := range cols {
		out[i] = c < len(r) && r[c]
	}
	return out
}

// writeTable writes t with head and the given column widths; cell renders a cell.
func writeTable(b *strings.Builder, t *table, head []string, widths []int, cell func(r []string, i int) string) {
	line := func(r []string) {
		parts := make([]string, len(widths))
		for i := range widths {
			if i < len(t.Right) && t.Right[i] {
				parts[i] = padLeft(cell(r, i), widths[i])
			} else {
				parts[i] = pad(cell(r, i), widths[i])
			}
		}
		fmt.Fprintf(b, "  %s\n", strings.TrimRight(strings.Join(parts, "  "), " "))
	}
	line(head)
	rule := make([]string, len(widths))
	for i, w := range widths {
		rule[i] = strings.Repeat("-", w)
	}
	fmt.Fprintf(b, "  %s\n", strings.Join(rule, "  "))
	for _, r := range t.Rows {
		line(r)
	}
}

// textBarWidth is the longest bar in a terminal chart, in characters.
const textBarWidth = 30

// textBars writes c; with maxWidth above 0, labels are shortened so that no line is wider.
func textBars(b *strings.Builder, c *bars, maxWidth int) {
	if c.Caption != "" {
		if !strings.HasSuffix(b.String(), "==\n") { // set off from a table, not from a heading
			b.WriteByte('\n')
		}
		fmt.Fprintf(b, "%s\n", c.Caption)
	}
	lw, top, dw := 0, c.top(), 0
	for _, r := range c.Rows {
		lw = max(lw, len([]rune(truncate(textsafe.Line(r.Label), textColumn))))
		dw = max(dw, len([]rune(r.Display)))
	}
	if maxWidth > 0 {
		lw = min(lw, maxWidth-2-2-textBarWidth-1-dw)
	}
	for _, r := range c.Rows {
		n := 0
		if top > 0 {
			n = int(math.Round(r.Value / top * textBarWidth))
		}
		if r.Value > 0 && n == 0 {
			n = 1 // a value above zero always shows
		}
		fmt.Fprintf(b, "  %s  %s %s\n", pad(truncate(textsafe.Line(r.Label), lw), lw), pad(strings.Repeat("#", n), textBarWidth), r.Display)
	}
}

// ── Markdown ─────────────────────────────────────────────────────────────────────────────

func (d *document) writeMarkdown(w io.Writer) error {
	var b strings.Builder
	if d.Banner != "" {
		fmt.Fprintf(&b, "**%s**\n\n", mdEscape(d.Banner))
	}
	fmt.Fprintf(&b, "# %s\n", mdEscape(d.Title))
	for _, bl := range d.Blocks {
		switch bl.Kind {
		case kHeading:
			fmt.Fprintf(&b, "\n%s %s\n", strings.Repeat("#", max(2, bl.Level)), mdEscape(bl.Text))
		case kPara:
			fmt.Fprintf(&b, "\n%s\n", mdEscape(bl.Text))
		case kPre:
			// An indented block is shown as written: nothing in it is Markdown.
			b.WriteString("\n")
			for _, line := range strings.Split(strings.TrimRight(bl.Text, "\n"), "\n") {
				fmt.Fprintf(&b, "    %s\n", textsafe.Line(line))
			}
		case kAlert:
			fmt.Fprintf(&b, "\n> **⚠ %s:** %s\n", mdEscape(bl.Label), mdEscape(bl.Text))
		case kList:
			b.WriteString("\n")
			for _, it := range bl.Items {
				mark := ""
				if it.Mark != "" {
					mark = "**" + mdEscape(it.Mark) + "** "
				}
				fmt.Fprintf(&b, "- %s%s\n", mark, mdEscape(it.Text))
				for _, s := range it.Sub {
					fmt.Fprintf(&b, "  - %s\n", mdEscape(s))
				}
			}
		case kTable:
			mdTable(&b, bl.Table)
		case kBars:
			if bl.Bars.HTMLOnly {
				continue
			}
			t := &table{Head: []string{bl.Bars.Caption, ""}, Right: []bool{false, true}}
			for _, r := range bl.Bars.Rows {
				t.Rows = append(t.Rows, []string{r.Label, r.Display})
			}
			mdTable(&b, t)
		}
	}
	if d.Banner != "" {
		fmt.Fprintf(&b, "\n**%s**\n", mdEscape(d.Banner))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func mdTable(b *strings.Builder, t *table) {
	cell := func(s string) string {
		s = mdEscape(s)
		if s == "" {
			return " "
		}
		return s
	}
	b.WriteString("\n|")
	for _, h := range t.Head {
		fmt.Fprintf(b, " %s |", cell(h))
	}
	b.WriteString("\n|")
	for i := range t.Head {
		if i < len(t.Right) && t.Right[i] {
			b.WriteString(" ---: |")
		} else {
			b.WriteString(" --- |")
		}
	}
	b.WriteString("\n")
	for _, r := range t.Rows {
		b.WriteString("|")
		for i := range t.Head {
			s := ""
			if i < len(r) {
				s = r[i]
			}
			fmt.Fprintf(b, " %s |", cell(s))
		}
		b.WriteString("\n")
	}
}

// ── HTML ─────────────────────────────────────────────────────────────────────────────────

// htmlCell is a table cell for the HTML template.
type htmlCell struct {
	Text string
	Num  bool
}

// htmlBlock is a block as the HTML template reads it: tables as cells, charts as SVG.
type htmlBlock struct {
	block
	Head []htmlCell
	Rows [][]htmlCell
	SVG  template.HTML
}

func (d *document) writeHTML(w io.Writer) error {
	view := struct {
		Lang, Title, Banner string
		Blocks              []htmlBlock
	}{Lang: d.Lang, Title: textsafe.Line(d.Title), Banner: d.Banner}
	for _, bl := range d.Blocks {
		hb := htmlBlock{block: bl}
		hb.Text, hb.Label = textsafe.Line(bl.Text), textsafe.Line(bl.Label)
		if bl.Kind == kPre {
			hb.Text = textsafe.Text(bl.Text)
		}
		hb.Items = make([]item, len(bl.Items))
		for i, it := range bl.Items {
			sub := make([]string, len(it.Sub))
			for j, x := range it.Sub {
				sub[j] = textsafe.Line(x)
			}
			hb.Items[i] = item{Mark: textsafe.Line(it.Mark), Text: textsafe.Line(it.Text), Sub: sub}
		}
		switch bl.Kind {
		case kTable:
			t := bl.Table
			num := func(i int) bool { return i < len(t.Right) && t.Right[i] }
			for i, h := range t.Head {
				hb.Head = append(hb.Head, htmlCell{Text: textsafe.Line(h), Num: num(i)})
			}
			for _, r := range t.Rows {
				cells := make([]htmlCell, len(r))
				for i, c := range r {
					cells[i] = htmlCell{Text: textsafe.Line(c), Num: num(i)}
				}
				hb.Rows = append(hb.Rows, cells)
			}
		case kBars:
			hb.SVG = svgBars(bl.Bars)
		}
		view.Blocks = append(view.Blocks, hb)
	}
	return documentHTML().Execute(w, view)
}

// SVG chart geometry, in pixels.
const (
	svgWidth    = 720
	svgLabelW   = 330 // room for the labels, left of the bars
	svgBarMaxW  = 270
	svgRow      = 22
	svgBarH     = 14
	svgLabelMax = 48 // runes of a label before it is shortened (the full text is its title)
)

// svgBars draws c as an inline SVG: every bar has its label on the left and its value on
// the right, in text, so the chart reads without colour and in print. Every text is
// escaped here (the SVG is inserted as trusted HTML).
func svgBars(c *bars) template.HTML {
	top := c.top()
	h := len(c.Rows)*svgRow + 6
	var b strings.Builder
	esc := func(s string) string { return html.EscapeString(textsafe.Line(s)) }
	fmt.Fprintf(&b, "<figure>")
	if c.Caption != "" {
		fmt.Fprintf(&b, "<figcaption>%s</figcaption>", esc(c.Caption))
	}
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="%s" width="%d" height="%d" viewBox="0 0 %d %d">`, esc(c.Caption), svgWidth, h, svgWidth, h)
	for i, r := range c.Rows {
		y := i*svgRow + 3
		wd := 0.0
		if top > 0 {
			wd = r.Value / top * svgBarMaxW
		}
		if r.Value > 0 && wd < 2 {
			wd = 2
		}
		label := textsafe.Line(r.Label)
		fmt.Fprintf(&b, `<g><title>%s: %s</title>`, esc(label), esc(r.Display))
		fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="end">%s</text>`, svgLabelW-8, y+svgBarH-2, esc(truncate(label, svgLabelMax)))
		fmt.Fprintf(&b, `<rect class="bar" x="%d" y="%d" width="%s" height="%d"/>`, svgLabelW, y, strconv.FormatFloat(math.Round(wd*10)/10, 'f', -1, 64), svgBarH)
		fmt.Fprintf(&b, `<text x="%s" y="%d">%s</text></g>`, strconv.FormatFloat(math.Round((svgLabelW+wd+6)*10)/10, 'f', -1, 64), y+svgBarH-2, esc(r.Display))
	}
	b.WriteString("</svg></figure>")
	return template.HTML(b.String()) // #nosec G203 -- every text above is escaped
}

// htmlPage is the frame of every HTML page the training package writes (a debrief, a
// report, a role card, an answer key, a pack's index): one self-contained page with inline
// CSS and no script, the training banner above and below when there is one. A page fills
// the block "content", and "style" with rules of its own.
const htmlPage = `<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>
body{font-family:"DejaVu Sans",system-ui,sans-serif;max-width:60rem;margin:0 auto;padding:1rem 1.2rem;line-height:1.45;color:#111;background:#fff}
.banner{background:#a4001d;color:#fff;font-weight:bold;text-align:center;padding:.4rem;letter-spacing:.03em}
h1{font-size:1.5rem;margin:.8rem 0 .4rem}
h2{font-size:1.2rem;border-bottom:1px solid #999;margin-top:1.6rem}
h3{font-size:1.02rem;margin:1.1rem 0 .3rem}
.alert{border:3px solid #a4001d;background:#fff0f0;padding:.6rem .8rem;margin:1rem 0;font-size:1.05rem}
.alert strong{text-transform:uppercase}
ul{padding-left:1.3rem}
li{margin:.3rem 0}
.mark{font-weight:bold;border:1px solid #555;border-radius:3px;padding:0 .3rem;font-size:.85em;margin-right:.35rem}
.sub{color:#333;font-size:.93em}
table{border-collapse:collapse;margin:.5rem 0 1rem;font-size:.93rem}
th,td{border:1px solid #bbb;padding:.2rem .5rem;text-align:left;vertical-align:top}
th{background:#eee}
.num{text-align:right;font-variant-numeric:tabular-nums}
figure{margin:.6rem 0 1.2rem}
figcaption{font-weight:bold;margin-bottom:.2rem}
svg text{font-family:"DejaVu Sans",system-ui,sans-serif;font-size:12px;fill:#111}
svg rect.bar{fill:#2b5f8a}
@media print{.banner,.alert{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
{{block "style" .}}{{end}}</style>
</head>
<body>
{{if .Banner}}<div class="banner" role="note">{{.Banner}}</div>
{{end}}<h1>{{.Title}}</h1>
{{block "content" .}}{{end}}{{if .Banner}}<div class="banner" role="note">{{.Banner}}</div>
{{end}}</body>
</html>
`

// htmlTemplate parses a page into the frame htmlPage: own defines its "content" (and
// "style"), with funcs. Pages are parsed on first use: parsing them at start-up cost every
// command, most of which never write HTML.
func htmlTemplate(name string, funcs template.FuncMap, own string) *template.Template {
	return template.Must(template.Must(template.New(name).Funcs(funcs).Parse(htmlPage)).Parse(own))
}

var documentHTML = sync.OnceValue(func() *template.Template {
	return htmlTemplate("doc", nil, `{{define "content"}}{{range .Blocks}}{{if eq .Kind "h"}}{{if le .Level 2}}<h2>{{.Text}}</h2>{{else}}<h3>{{.Text}}</h3>{{end}}
{{else if eq .Kind "p"}}<p>{{.Text}}</p>
{{else if eq .Kind "pre"}}<pre style="white-space:pre-wrap;font-size:.9rem;background:#f6f6f6;padding:.5rem">{{.Text}}</pre>
{{else if eq .Kind "alert"}}<div class="alert" role="alert"><strong>⚠ {{.Label}}:</strong> {{.Text}}</div>
{{else if eq .Kind "list"}}<ul>
{{range .Items}}<li>{{if .Mark}}<span class="mark">{{.Mark}}</span>{{end}}{{.Text}}{{if .Sub}}<ul class="sub">{{range .Sub}}<li>{{.}}</li>{{end}}</ul>{{end}}</li>
{{end}}</ul>
{{else if eq .Kind "table"}}<table>
<thead><tr>{{range .Head}}<th{{if .Num}} class="num"{{end}}>{{.Text}}</th>{{end}}</tr></thead>
<tbody>
{{range .Rows}}<tr>{{range .}}<td{{if .Num}} class="num"{{end}}>{{.Text}}</td>{{end}}</tr>
{{end}}</tbody>
</table>
{{else if eq .Kind "bars"}}{{.SVG}}
{{end}}{{end}}{{end}}`)
})
