package web

import (
	"crypto/sha256"
	"encoding/base64"
	"html/template"
	"net/http"
	"strings"
	"sync"

	"github.com/earlyid/earlyid/locales"
)

// css is the one style sheet, inline in every page (no request for it, nothing cached).
// The Content-Security-Policy allows exactly it, by its hash. Touch targets are at least
// 48 px high, text is 18 px and the page reads at 320 px wide; the colours pass WCAG AA.
const css = `*{box-sizing:border-box}
html{font-size:112.5%}
body{margin:0;font-family:system-ui,sans-serif;line-height:1.45;color:#1a1a1a;background:#fff}
header{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;justify-content:space-between;padding:.5rem .75rem;background:#eef2f6;border-bottom:1px solid #c5ced8}
main{max-width:40rem;margin:0 auto;padding:1rem .75rem 2rem}
h1{font-size:1.35rem;margin:.5rem 0 1rem}
h2{font-size:1.15rem;margin:1.25rem 0 .5rem}
fieldset{border:0;margin:0 0 1rem;padding:0;min-width:0}
legend{font-size:1.2rem;font-weight:600;margin-bottom:.75rem;padding:0}
label.opt{display:flex;gap:.75rem;align-items:center;min-height:3rem;padding:.5rem .75rem;margin:.4rem 0;border:2px solid #6b7785;border-radius:.5rem}
label.opt input{width:1.5rem;height:1.5rem;flex:none;margin:0}
input[type=text],input[type=number],input[type=date],textarea{width:100%;font:inherit;min-height:3rem;padding:.5rem;border:2px solid #5a6673;border-radius:.5rem}
button,.btn{display:inline-flex;align-items:center;justify-content:center;min-height:3rem;min-width:3rem;padding:.5rem 1rem;font:inherit;border-radius:.5rem;border:2px solid #1f4e79;background:#fff;color:#1f4e79;text-decoration:none;cursor:pointer}
button.primary{background:#1f4e79;color:#fff;width:100%;margin:.5rem 0}
.row{display:flex;flex-wrap:wrap;gap:.5rem;margin:.5rem 0}
.row button{flex:1 1 10rem}
a.leave{background:#a11d1d;border-color:#a11d1d;color:#fff;font-weight:700}
.langs{display:flex;flex-wrap:wrap;gap:.25rem}
.langs button{min-height:2.75rem;padding:.25rem .6rem}
.langs button[aria-current]{background:#1f4e79;color:#fff}
.note{background:#fff4d6;border-left:.3rem solid #8a6100;padding:.5rem .75rem;margin:0 0 1rem}
.intro{background:#f3f6f9;padding:.75rem;border-radius:.5rem;margin:0 0 1rem}
progress{width:100%;height:.75rem}
ul.help{list-style:none;padding:0}
ul.help li{margin:.5rem 0}
ul.help p{margin:.25rem .75rem 0}
ul.help strong{white-space:nowrap}
ul.help a{display:flex;justify-content:space-between;gap:1rem;min-height:3rem;padding:.5rem .75rem;border:2px solid #1f4e79;border-radius:.5rem;color:#1f4e79;text-decoration:none}
dl.review dt{font-weight:600;margin-top:.75rem}
dl.review dd{margin:0}
.lbl{display:block;margin-bottom:.25rem}
.code{font-size:1.6rem;font-weight:700;letter-spacing:.08em}
:focus-visible{outline:3px solid #b35c00;outline-offset:2px}
`

// cspHeader allows the inline style sheet by its hash and nothing else: no script, no
// image, no font, no frame, no form posted anywhere but here.
var cspHeader = func() string {
	sum := sha256.Sum256([]byte(css))
	return "default-src 'none'; style-src 'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) +
		"'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
}()

// page is what every page template reads.
type page struct {
	Lang  string // the UI language: <html lang>
	loc   *locales.Localizer
	Title string
	CSS   template.CSS
	Kind  string // which body: start, question, review, end, message, neutral

	// In a check: what every form carries, and the language switcher.
	SID   string
	Step  int
	Langs []langOption
	Flash string

	// start
	Intro string

	// question
	ContentLang  string // the guideline texts' language, when it differs from Lang
	Section      string
	SectionIntro string
	Percent      int
	Question     questionView

	// review
	Review []reviewSection

	// end
	Contacts   []contactView
	CanContact bool
	Spooled    bool
	Code       string
	Kiosk      bool // the check runs on a specialist's kiosk: the answers are saved there

	// Neutral is the page "Leave quickly" lands on: nothing on it but a neutral sentence.
	Neutral bool

	// message
	Message string
	Restart bool
	// GoOn links to where the check stands (the first page without one): the page asked
	// the person to wait, not to start again.
	GoOn bool
}

type langOption struct {
	Code, Name string
	Current    bool
}

type questionView struct {
	ID, Text, Type string
	Options        []optionView // yes/no, choice and multi
	Input          string       // number, date, text: the current answer as typed
	Multi          bool
}

type optionView struct {
	Value, Text string
	Checked     bool
}

type reviewSection struct {
	Title string
	Items []reviewItem
}

type reviewItem struct {
	ID, Question, Answer string
	Applies              bool
}

type contactView struct {
	Name, Contact string
	Tel           template.URL // "" when the contact is not a phone number
	// About is what the service does for the person, said to them (the referral's
	// role_self): never its role, which is written for staff. "" when the guideline has none.
	About string
}

// pages is every page of the check, parsed on the first page served, not when earlyid
// starts: every command links this package, and parsing them took 1,800 allocations at the
// start of each. The answer form is autocomplete="off": otherwise a browser going back to a
// page restores the state of its form into the page the server sends now, ticking on the
// current question the option given on the last one (Chromium does), and keeps what was
// typed to suggest it to the next person using the phone.
var pages = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("page").Parse(pageTemplates))
})

const pageTemplates = `<!doctype html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>{{.Title}}</title>
<style>{{.CSS}}</style>
</head>
<body>
{{- if not .Neutral}}
<header>
{{- if .SID}}
<form method="post" action="/lang" class="langs" aria-label="{{.T "web.language"}}">
{{template "check" .}}
{{- range .Langs}}<button name="lang" value="{{.Code}}" lang="{{.Code}}"{{if .Current}} aria-current="true"{{end}}>{{.Name}}</button>{{end}}
</form>
{{- else if .Langs}}
<nav class="langs" aria-label="{{.T "web.language"}}">
{{- range .Langs}}<a class="btn" href="/?lang={{.Code}}" lang="{{.Code}}"{{if .Current}} aria-current="true"{{end}}>{{.Name}}</a>{{end}}
</nav>
{{- end}}
<a class="btn leave" href="/leave">{{.T "web.leave"}}</a>
</header>
{{- end}}
<main>
{{- if .Flash}}<p class="note" role="alert">{{.Flash}}</p>{{end}}
{{- if eq .Kind "start"}}{{template "start" .}}
{{- else if eq .Kind "question"}}{{template "question" .}}
{{- else if eq .Kind "review"}}{{template "review" .}}
{{- else if eq .Kind "end"}}{{template "end" .}}
{{- else}}{{template "message" .}}{{end}}
</main>
</body>
</html>
{{- define "start"}}
<h1>{{.T "web.start.heading"}}</h1>
<p>{{.T "web.start.body"}}</p>
<p>{{.T "web.start.leave"}}</p>
<form method="post" action="/start">
<fieldset><legend>{{.T "web.start.language"}}</legend>
{{- range .Langs}}
<label class="opt" lang="{{.Code}}"><input type="radio" name="lang" value="{{.Code}}"{{if .Current}} checked{{end}}>{{.Name}}</label>
{{- end}}
</fieldset>
<button class="primary">{{.T "web.start.button"}}</button>
</form>
{{end -}}
{{define "question"}}
<progress max="100" value="{{.Percent}}" aria-label="{{.T "web.progress" "Percent" .Percent}}">{{.Percent}}%</progress>
<h1{{if .ContentLang}} lang="{{.ContentLang}}"{{end}}>{{.Section}}</h1>
{{- if .SectionIntro}}<p class="intro"{{if .ContentLang}} lang="{{.ContentLang}}"{{end}}>{{.SectionIntro}}</p>{{end}}
<form method="post" action="/answer" autocomplete="off">
{{template "check" .}}<input type="hidden" name="q" value="{{.Question.ID}}">
<fieldset><legend{{if .ContentLang}} lang="{{.ContentLang}}"{{end}}>{{.Question.Text}}</legend>
{{- $multi := .Question.Multi}}{{$cl := .ContentLang}}
{{- range .Question.Options}}
<label class="opt"{{if $cl}} lang="{{$cl}}"{{end}}><input type="{{if $multi}}checkbox{{else}}radio{{end}}" name="v" value="{{.Value}}"{{if .Checked}} checked{{end}}>{{.Text}}</label>
{{- end}}
{{- if eq .Question.Type "number"}}<label><span class="lbl">{{$.T "web.answer"}}</span><input type="number" name="text" inputmode="decimal" step="any" value="{{.Question.Input}}"></label>
{{- else if eq .Question.Type "date"}}<label><span class="lbl">{{$.T "web.answer"}}</span><input type="date" name="text" value="{{.Question.Input}}"></label>
{{- else if eq .Question.Type "text"}}<label><span class="lbl">{{$.T "web.answer"}}</span><textarea name="text" rows="3">{{.Question.Input}}</textarea></label>
{{- end}}
</fieldset>
<button class="primary" name="do" value="answer">{{.T "web.next"}}</button>
<div class="row">
<button name="special" value="unknown">{{.T "interview.answer.unknown"}}</button>
<button name="special" value="declined">{{.T "interview.answer.declined"}}</button>
</div>
</form>
{{template "back" .}}
{{end -}}
{{define "review"}}
<h1>{{.T "interview.review.title"}}</h1>
<p>{{.T "web.review.body"}}</p>
<form method="post" action="/goto">
{{template "check" .}}
{{- $cl := .ContentLang}}
{{- range .Review}}
<h2{{if $cl}} lang="{{$cl}}"{{end}}>{{.Title}}</h2>
<dl class="review">
{{- range .Items}}
<dt id="q-{{.ID}}"{{if $cl}} lang="{{$cl}}"{{end}}>{{.Question}}</dt>
<dd>{{.Answer}}{{if .Applies}} <button name="q" value="{{.ID}}" aria-describedby="q-{{.ID}}">{{$.T "web.review.change"}}</button>{{end}}</dd>
{{- end}}
</dl>
{{- end}}
</form>
<form method="post" action="/finish">
{{template "check" .}}
<button class="primary">{{.T "web.review.finish"}}</button>
</form>
{{template "back" .}}
{{end -}}
{{define "end"}}
<h1>{{.T "interview.self.end.title"}}</h1>
<p>{{.T "web.end.body"}}</p>
<h2>{{.T "common.where_to_get_help"}}</h2>
<ul class="help">
{{- range .Contacts}}
<li>{{if .Tel}}<a href="{{.Tel}}"><span{{if $.ContentLang}} lang="{{$.ContentLang}}"{{end}}>{{.Name}}</span> <strong>{{.Contact}}</strong></a>{{else}}<span{{if $.ContentLang}} lang="{{$.ContentLang}}"{{end}}>{{.Name}}</span>: {{.Contact}}{{end}}
{{- if .About}}<p{{if $.ContentLang}} lang="{{$.ContentLang}}"{{end}}>{{.About}}</p>{{end}}</li>
{{- end}}
</ul>
{{- if .Kiosk}}{{if .Spooled}}
<p class="note">{{.T "interview.self.end.saved"}}</p>{{end}}
{{- else if .Spooled}}
<h2>{{.T "web.contact.done.heading"}}</h2>
<p>{{.T "web.contact.done.body"}}</p>
<p class="code">{{.Code}}</p>
{{- else if .CanContact}}
<h2>{{.T "web.contact.heading"}}</h2>
<p>{{.T "web.contact.body"}}</p>
<form method="post" action="/contact">
{{template "check" .}}
<button class="primary" name="agree" value="yes">{{.T "web.contact.agree"}}</button>
</form>
{{- end}}
{{end -}}
{{define "check"}}<input type="hidden" name="sid" value="{{.SID}}"><input type="hidden" name="step" value="{{.Step}}">{{end -}}
{{define "back"}}<form method="post" action="/back">
{{template "check" .}}
<button>{{.T "web.back"}}</button>
</form>{{end -}}
{{define "message"}}
<h1>{{.Title}}</h1>
<p>{{.Message}}</p>
{{- if .Restart}}<p><a class="btn" href="/">{{.T "web.start_again"}}</a></p>{{end}}
{{- if .GoOn}}<p><a class="btn" href="/q">{{.T "web.rate_limited.go_on"}}</a></p>{{end}}
{{end -}}
`

// T renders UI message id in the page's language, for the templates: kv are the
// message's data as key, value pairs.
func (p *page) T(id string, kv ...any) string {
	if len(kv) == 0 {
		return p.loc.T(id, nil)
	}
	data := map[string]any{}
	for i := 0; i+1 < len(kv); i += 2 {
		if k, ok := kv[i].(string); ok {
			data[k] = kv[i+1]
		}
	}
	return p.loc.T(id, data)
}

// render writes p with the status. A page that fails to render is a bug: the person gets
// a plain, neutral error and nothing of the page.
func (s *Server) render(w http.ResponseWriter, status int, p *page) {
	p.CSS = template.CSS(css)
	buf := getBuffer()
	defer putBuffer(buf)
	if err := pages().Execute(buf, p); err != nil {
		s.logf("a page could not be rendered (%s): %v", p.Kind, err)
		http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// telURL returns the tel: link for a contact that is a phone number ("0 800 77777",
// "+373 22 …"), or "" for anything else (an address, a name).
func telURL(contact string) template.URL {
	var b strings.Builder
	for i, r := range strings.TrimSpace(contact) {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == '+' && i == 0:
			b.WriteRune(r)
		case r == ' ' || r == '-' || r == '(' || r == ')' || r == '.':
		default:
			return ""
		}
	}
	if n := strings.TrimPrefix(b.String(), "+"); len(n) < 3 {
		return ""
	}
	// Only digits and a leading + are in it: safe as a URL.
	return template.URL("tel:" + b.String())
}
