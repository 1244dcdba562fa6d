package summary

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"sync"
)

// htmlPage is the one HTML document: inline CSS, no script, no external resource (the
// Content-Security-Policy forbids them even if something slipped through), A4 print rules.
// Every value goes through html/template's contextual escaping; the CSS string holding the
// training marking is escaped for its CSS context. A training case is marked on every
// printed page twice over: the @page margin box (Chrome) and a fixed element, which every
// browser prints on every page (Firefox and Safari ignore margin boxes). The fixed element
// runs up the left edge, in a gutter the body keeps free: horizontal padding repeats on every
// page, vertical padding only on the first and last, so a banner across the top would cover
// the first line of every other page.
const htmlPage = `<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="earlyid">
<title>{{.Title}}</title>
<style>
@page { size: A4; margin: 20mm 16mm 18mm;
  @bottom-center { content: counter(page) " / " counter(pages); font: 8pt sans-serif; color: #555; }
{{- if .Banner}}
  @top-center { content: "{{.Banner}}"; font: bold 9pt sans-serif; color: #a4001d; }
{{- end}}
}
body { font-family: "DejaVu Sans", "Noto Sans", "Segoe UI", Arial, sans-serif; font-size: 11pt;
  line-height: 1.45; color: #111; background: #fff; max-width: 46em; margin: 1.5em auto; padding: 0 1em; }
h1 { font-size: 17pt; margin: 0 0 .5em; }
h2 { font-size: 12.5pt; margin: 1.4em 0 .4em; padding-bottom: 2px; border-bottom: 1px solid #888;
  break-after: avoid; page-break-after: avoid; }
p, ul, ol { margin: .35em 0; }
ul, ol { padding-left: 1.4em; }
li { margin: .15em 0; }
li > ul { margin: .1em 0; }
.training { background: #a4001d; color: #fff; font-weight: bold; text-align: center;
  padding: .3em; letter-spacing: .04em; margin: 0 0 .8em; }
table.fields { border-collapse: collapse; margin: .3em 0 .6em; }
table.fields th { text-align: left; font-weight: bold; padding: .12em 1.2em .12em 0; vertical-align: top; white-space: nowrap; }
table.fields td { padding: .12em 0; vertical-align: top; }
.notice { border-left: 4px solid #a4001d; background: #fbf3f4; padding: .35em .8em; margin: .6em 0; }
blockquote { border-left: 3px solid #999; margin: .4em 0; padding: 0 .9em; color: #222; }
{{- if .Banner}}
.training-edge { display: none; }
{{- end}}
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 10pt; }
  .training { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  li, tr, .notice { break-inside: avoid; page-break-inside: avoid; }
{{- if .Banner}}
  body.training-case { padding-left: 9mm; }
  .training-edge { display: block; position: fixed; top: 0; bottom: 0; left: 0; width: 6mm;
    writing-mode: vertical-rl; transform: rotate(180deg); text-align: center;
    font: bold 9pt sans-serif; color: #a4001d; letter-spacing: .04em;
    -webkit-print-color-adjust: exact; print-color-adjust: exact; }
{{- end}}
}
</style>
</head>
{{- if .Banner}}
<body class="training-case">
<div class="training-edge" aria-hidden="true">{{.Banner}}</div>
<div class="training" role="note">{{.Banner}}</div>
{{- else}}
<body>
{{- end}}
{{- range .Blocks}}
{{- if eq .Kind "title"}}
<h1>{{template "spans" .Spans}}</h1>
{{- else if eq .Kind "fields"}}
<table class="fields">
{{- range .Fields}}
<tr><th scope="row">{{.Label}}</th><td>{{.Value}}</td></tr>
{{- end}}
</table>
{{- else if eq .Kind "heading"}}
<h2>{{template "spans" .Spans}}</h2>
{{- else if eq .Kind "para"}}
<p>{{template "spans" .Spans}}</p>
{{- else if eq .Kind "notice"}}
<p class="notice">{{template "spans" .Spans}}</p>
{{- else if eq .Kind "list"}}
{{template "items" .}}
{{- else if eq .Kind "quote"}}
<blockquote>
{{- range .Lines}}
<p>{{.}}</p>
{{- end}}
</blockquote>
{{- end}}
{{- end}}
{{- if .Banner}}
<div class="training" role="note">{{.Banner}}</div>
{{- end}}
</body>
</html>
{{define "spans"}}{{range .}}{{if .Bold}}<strong>{{.Text}}</strong>{{else}}{{.Text}}{{end}}{{end}}{{end}}
{{- define "items"}}{{if .Ordered}}<ol>{{else}}<ul>{{end}}
{{- range .Items}}
<li>{{template "spans" .Spans}}{{if .Sub}}{{template "items" .SubList}}{{end}}</li>
{{- end}}
{{if .Ordered}}</ol>{{else}}</ul>{{end}}{{end}}
`

// htmlTemplate is parsed on first use: parsing it at start-up cost every command, most of which
// never write HTML.
var htmlTemplate = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("summary").Parse(htmlPage))
})

// htmlBlock is a block as the template sees it.
type htmlBlock struct {
	Kind    string
	Spans   []span
	Fields  []field
	Items   []htmlItem
	Ordered bool
	Lines   []string
}

type htmlItem struct {
	Spans []span
	Sub   []htmlItem
}

// SubList wraps the sub-items for the recursive "items" template.
func (it htmlItem) SubList() htmlBlock { return htmlBlock{Items: it.Sub} }

func toHTMLItems(items []item) []htmlItem {
	out := make([]htmlItem, len(items))
	for i, it := range items {
		out[i] = htmlItem{Spans: oneLineSpans(it.Spans), Sub: toHTMLItems(it.Sub)}
	}
	return out
}

func oneLineSpans(spans []span) []span {
	out := make([]span, len(spans))
	for i, sp := range spans {
		out[i] = span{Text: oneLine(sp.Text), Bold: sp.Bold}
	}
	return out
}

var blockNames = map[blockKind]string{
	blockTitle: "title", blockBanner: "banner", blockFields: "fields", blockHeading: "heading",
	blockPara: "para", blockNotice: "notice", blockList: "list", blockQuote: "quote",
}

// WriteHTML writes the summary as one self-contained HTML file: inline CSS, no scripts, no
// external resources, print rules for A4. Everything is escaped by html/template.
func (s *Summary) WriteHTML(w io.Writer) error {
	var blocks []htmlBlock
	for _, bl := range s.layout() {
		if bl.Kind == blockBanner {
			continue // the page template shows it at the top and bottom, and on every printed page
		}
		blocks = append(blocks, htmlBlock{
			Kind: blockNames[bl.Kind], Spans: oneLineSpans(bl.Spans), Fields: bl.Fields,
			Items: toHTMLItems(bl.Items), Ordered: bl.Ordered, Lines: bl.Lines,
		})
	}
	data := struct {
		Lang, Title, Banner string
		Blocks              []htmlBlock
	}{s.Lang, s.Title(), s.TrainingBanner(), blocks}
	var buf bytes.Buffer
	if err := htmlTemplate().Execute(&buf, data); err != nil {
		return fmt.Errorf("the HTML summary could not be made: %w", err) // i18n:ignore: Go error, localized by callers
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("the HTML summary could not be written: %w", err) // i18n:ignore: Go error, localized by callers
	}
	return nil
}
