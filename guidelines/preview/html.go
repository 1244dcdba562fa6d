package preview

import (
	"bytes"
	"html/template"
	"io"
	"strings"
	"sync"

	"github.com/earlyid/earlyid/guidelines"
)

// writeHTML renders d as one self-contained HTML page: inline CSS, no scripts, no external
// resources. html/template escapes every text from the file; the only markup added to a text
// is the Markdown emphasis the format allows (*x*, **x**), applied after escaping.
func writeHTML(w io.Writer, d *doc) error {
	var buf bytes.Buffer
	if err := pageTmpl().Execute(&buf, d); err != nil {
		return err
	}
	// The template's definitions leave blank lines after </html>.
	_, err := w.Write(append(bytes.TrimRight(buf.Bytes(), "\n"), '\n'))
	return err
}

// richText escapes s and then turns the allowed Markdown emphasis and line breaks into HTML.
func richText(s string) template.HTML {
	e := template.HTMLEscapeString(strings.TrimRight(s, "\n"))
	e = guidelines.Emphasis(e,
		func(x string) string { return "<strong>" + x + "</strong>" },
		func(x string) string { return "<em>" + x + "</em>" })
	e = strings.ReplaceAll(e, "\n", "<br>")
	return template.HTML(e) //nolint:gosec // escaped above; only <strong>, <em>, <br> added
}

// entryData and textsData carry the document along into the nested templates, which need
// its languages and labels.
type entryData struct {
	Doc   *doc
	Level int
	Item  item
}

type textsData struct {
	Doc  *doc
	Rows []textRow
}

// pageTmpl is parsed on first use: every earlyid command starts this package, few render HTML.
var pageTmpl = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("page").Funcs(template.FuncMap{
		"rich":          richText,
		"join":          strings.Join,
		"distinctTexts": distinctTexts,
		"num":           numLabel,
		"multi":         func(d *doc) bool { return len(d.Langs) > 1 },
		"entry":         func(d *doc, level int, it item) entryData { return entryData{Doc: d, Level: level, Item: it} },
		"pair":          func(d *doc, rows []textRow) textsData { return textsData{Doc: d, Rows: rows} },
		"descRows":      func(d *doc) []textRow { return []textRow{d.Desc} },
	}).Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{join (distinctTexts .Title) " / "}}</title>
<style>
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;max-width:72rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b;background:#fff}
h1,h2,h3,h4{line-height:1.25;margin:1.6em 0 .4em}
h2{border-bottom:2px solid #ccc;padding-bottom:.2em}
.num{color:#555;margin-right:.3em}
.tags{color:#555;font-style:italic;margin:.2em 0 .5em}
code{font:13px/1.4 ui-monospace,Consolas,"DejaVu Sans Mono",monospace;background:#f3f3f3;padding:0 .25em;border-radius:3px;white-space:pre-wrap}
table{border-collapse:collapse;width:100%;margin:.4em 0;table-layout:fixed}
th,td{border:1px solid #ccc;padding:.35em .5em;text-align:left;vertical-align:top;overflow-wrap:anywhere}
th{background:#f6f6f6}
th.label,td.label{width:11rem}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2em 1em;margin:.4em 0}
dt{font-weight:600}
dd{margin:0}
section.item{margin-left:.5rem}
@media print{body{max-width:none;margin:0}h2,h3{break-after:avoid}}
</style>
</head>
<body>
<h1>{{rich (join (distinctTexts .Title) " / ")}}</h1>
{{- if .Desc.Cells}}{{if multi .}}{{template "texts" (pair . (descRows .))}}{{else}}
<p lang="{{index .Langs 0}}">{{rich (index .Desc.Cells 0)}}</p>{{end}}{{end}}
{{template "facts" .Meta}}
{{- if .Profiles}}
<h2>{{.Labels.Profiles}}</h2>
{{- range .Profiles}}{{template "item" (entry $ 3 .)}}{{end}}
{{- end}}
<h2>{{.Labels.Questionnaire}}</h2>
{{- range .Sections}}
{{template "item" (entry $ 3 .Head)}}
{{- range .Questions}}{{template "item" (entry $ 4 .)}}{{end}}
{{- end}}
<h2>{{.Labels.Indicators}}</h2>
{{- range .Dims}}
{{template "item" (entry $ 3 .Head)}}
{{- range .Indicators}}{{template "item" (entry $ 4 .)}}{{end}}
{{- end}}
<h2>{{.Labels.Scoring}}</h2>
<p>{{.Labels.ElementPositive}}</p>
<ul>
{{- range .Rules}}
<li>{{.}}</li>
{{- end}}
</ul>
<h3>{{.Labels.Outcomes}}</h3>
{{- range .Outcomes}}{{template "item" (entry $ 4 .)}}{{end}}
{{- if .Flags}}
<h2>{{.Labels.Flags}}</h2>
{{- range .Flags}}{{template "item" (entry $ 3 .)}}{{end}}
{{- end}}
{{- if .Refs}}
<h2>{{.Labels.Referrals}}</h2>
{{- range .Refs}}{{template "item" (entry $ 3 .)}}{{end}}
{{- end}}
</body>
</html>
{{define "item"}}
<section class="item" id="{{.Item.ID}}">
<h{{.Level}}>{{if .Item.Num}}<span class="num">{{num .Item.Num}}</span> {{end}}{{with distinctTexts .Item.Title}}{{rich (join . " / ")}} · {{end}}<code>{{.Item.ID}}</code></h{{.Level}}>
{{- if .Item.Tags}}
<p class="tags">{{join .Item.Tags " · "}}</p>
{{- end}}
{{- if .Item.Texts}}{{template "texts" (pair .Doc .Item.Texts)}}{{end}}
{{- if .Item.Facts}}{{template "facts" .Item.Facts}}{{end}}
</section>
{{- end}}
{{define "texts"}}
{{- if multi .Doc}}
<table>
<tr><th class="label">{{.Doc.Labels.Language}}</th>{{range .Doc.Langs}}<th lang="{{.}}">{{.}}</th>{{end}}</tr>
{{- range .Rows}}
<tr><td class="label">{{if .Code}}<code>{{.Label}}</code>{{else}}{{.Label}}{{end}}{{with .Note}} {{.}}{{end}}</td>{{range $i, $c := .Cells}}<td lang="{{index $.Doc.Langs $i}}">{{rich $c}}</td>{{end}}</tr>
{{- end}}
</table>
{{- else}}
<dl lang="{{index .Doc.Langs 0}}">
{{- range .Rows}}
<dt>{{if .Code}}<code>{{.Label}}</code>{{else}}{{.Label}}{{end}}{{with .Note}} {{.}}{{end}}</dt><dd>{{rich (index .Cells 0)}}</dd>
{{- end}}
</dl>
{{- end}}
{{- end}}
{{define "facts"}}
<dl>
{{- range .}}
<dt>{{.Label}}</dt><dd>{{if .IDs}}{{range $i, $id := .IDs}}{{if $i}}, {{end}}<code>{{$id}}</code>{{end}}{{else if .Code}}<code>{{.Value}}</code>{{else}}{{.Value}}{{end}}</dd>
{{- end}}
</dl>
{{- end}}
`))
})
