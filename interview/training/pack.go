package training

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sync"

	"github.com/earlyid/earlyid/interview"
	"github.com/earlyid/earlyid/locales"
	"github.com/earlyid/earlyid/textsafe"
)

// PackIndex is the name of a workshop pack's index page.
const PackIndex = "index.html"

// packEntry is one scenario in one language in a pack: its files, relative to the pack.
type packEntry struct {
	Lang, LangName                     string
	RoleHTML, RolePDF, KeyHTML, KeyPDF string
}

type packScenario struct {
	ID, Title, Lesson string
	Entries           []packEntry
}

// WritePack writes a workshop pack into dir: for every case and every language of langs
// its guideline has, the role card and the answer key, each as PDF and HTML, and an index
// page (labels in uiLang) that links them all. An empty langs means every language of each
// guideline. dir is created if missing; files are written whole (atomically), and the
// names written are returned, relative to dir, index last.
func WritePack(dir string, cases []*Case, langs []string, uiLang string) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("the pack folder %s could not be made: %w", dir, err)
	}
	l := locales.New(uiLang)
	var written []string
	write := func(name string, render func(io.Writer) error) error {
		var buf bytes.Buffer
		if err := render(&buf); err != nil {
			return err
		}
		if err := interview.WriteFileAtomic(filepath.Join(dir, name), buf.Bytes()); err != nil {
			return fmt.Errorf("%s could not be written: %w", name, err)
		}
		written = append(written, name)
		return nil
	}
	var index []packScenario
	for _, c := range cases {
		g := c.Guideline
		ps := packScenario{ID: c.Scenario.ID, Title: txt(c.Scenario.Title, g.ContentLang(uiLang)), Lesson: textsafe.Line(c.Scenario.Lesson.Plain(g.ContentLang(uiLang)))}
		for _, lang := range g.Languages {
			if len(langs) > 0 && !slices.Contains(langs, lang) {
				continue
			}
			b, err := NewBriefing(c, lang)
			if err != nil {
				return written, err
			}
			k, err := NewAnswerKey(c, lang)
			if err != nil {
				return written, err
			}
			base := c.Scenario.ID + "." + lang
			e := packEntry{Lang: lang, LangName: langName(l, lang),
				RoleHTML: base + ".role-card.html", RolePDF: base + ".role-card.pdf",
				KeyHTML: base + ".answer-key.html", KeyPDF: base + ".answer-key.pdf"}
			for _, f := range []struct {
				name   string
				render func(io.Writer) error
			}{
				{e.RoleHTML, b.WriteHTML}, {e.RolePDF, b.WritePDF},
				{e.KeyHTML, func(w io.Writer) error { return k.Render(w, FormatHTML) }},
				{e.KeyPDF, func(w io.Writer) error { return k.Render(w, FormatPDF) }},
			} {
				if err := write(f.name, f.render); err != nil {
					return written, err
				}
			}
			ps.Entries = append(ps.Entries, e)
		}
		if len(ps.Entries) > 0 {
			index = append(index, ps)
		}
	}
	err := write(PackIndex, func(w io.Writer) error {
		return packHTML().Execute(w, map[string]any{
			"Lang": uiLang, "Scenarios": index,
			"Banner": l.T("common.training_banner", nil), "Title": l.T("train.pack.title", nil), "Intro": l.T("train.pack.intro", nil),
			"Role": l.T("train.pack.role_card", nil), "Key": l.T("train.pack.answer_key", nil),
		})
	})
	return written, err
}

// packHTML is the pack's index page: a table of links for every scenario.
var packHTML = sync.OnceValue(func() *template.Template {
	return htmlTemplate("pack", nil, `{{define "style"}}.id{color:#444;font-size:.85rem;font-family:monospace}
{{end}}{{define "content"}}<p>{{.Intro}}</p>
{{range .Scenarios}}<h2>{{.Title}}</h2>
<p class="id">{{.ID}}</p>
{{if .Lesson}}<p>{{.Lesson}}</p>
{{end}}<table>
{{range .Entries}}<tr><th>{{.LangName}}</th><td>{{$.Role}}: <a href="{{.RoleHTML}}">HTML</a> · <a href="{{.RolePDF}}">PDF</a></td><td>{{$.Key}}: <a href="{{.KeyHTML}}">HTML</a> · <a href="{{.KeyPDF}}">PDF</a></td></tr>
{{end}}</table>
{{end}}{{end}}`)
})
