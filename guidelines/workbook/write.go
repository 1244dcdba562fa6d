package workbook

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
	"go.yaml.in/yaml/v3"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/locales"
)

// Options says how to write a workbook.
type Options struct {
	// Extends is the `extends:` value as the guideline's file writes it (a built-in id or a
	// path relative to the file); "" writes the base's id, which is what the model keeps.
	Extends string
	// Localizer writes the comments that explain each column; nil writes them in English.
	Localizer *locales.Localizer
	// AddLangs are languages the guideline lacks: each gets empty columns beside the
	// guideline's own, for a translator to fill in.
	AddLangs []string
}

// Write writes g as a workbook to w. A guideline that extends another is written as it is
// in its file: the settings with extends, and the scoring when it gives its own; the rest
// stays the base's.
func Write(w io.Writer, g *guidelines.Guideline, o Options) error {
	f, err := Build(g, o)
	if err != nil {
		return err
	}
	defer f.Close()
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("writing the workbook failed: %w", err)
	}
	return nil
}

// Build returns g as a workbook, for Write and for tests that change it before reading it.
func Build(g *guidelines.Guideline, o Options) (*excelize.File, error) {
	if o.Localizer == nil {
		o.Localizer = locales.New("en")
	}
	b := &builder{g: g, o: o, f: excelize.NewFile(), langs: slices.Clone(g.Languages)}
	for _, l := range o.AddLangs {
		if !slices.Contains(b.langs, l) {
			b.langs = append(b.langs, l)
		}
	}
	for _, p := range g.Profiles {
		b.profiles = append(b.profiles, p.ID)
	}
	if err := b.build(); err != nil {
		b.f.Close()
		return nil, err
	}
	return b.f, nil
}

type builder struct {
	g        *guidelines.Guideline
	o        Options
	f        *excelize.File
	langs    []string // the guideline's languages, then the added ones
	profiles []string
	bold     int
}

// sheet is one sheet being written: its headers and its rows, cell values by header.
type sheet struct {
	name    string
	headers []string
	bases   []string // each header's column base, for its comment and width
	rows    [][]any
}

func (b *builder) newSheet(name string) *sheet {
	s := &sheet{name: name}
	c := columns[name]
	// Column order: what says which row this is first (type, name, id), then the texts
	// a translator works on, then the rest.
	lead := 2
	if name == sheetElements || name == sheetPrivacy {
		lead = 0
	}
	lead = min(lead, len(c.plain))
	add := func(h, base string) {
		s.headers = append(s.headers, h)
		s.bases = append(s.bases, base)
	}
	for _, p := range c.plain[:lead] {
		add(p, p)
	}
	for _, t := range c.texts {
		for _, l := range b.langs {
			add(langHeader(t, l), t)
		}
	}
	for _, p := range c.plain[lead:] {
		if p == "strength" && name == sheetIndicators && len(b.profiles) > 0 {
			for _, prof := range b.profiles {
				add("strength::"+prof, p)
			}
			continue
		}
		add(p, p)
	}
	return s
}

// row adds a row from values by header; headers not given stay empty.
func (s *sheet) row(vals map[string]any) {
	r := make([]any, len(s.headers))
	for i, h := range s.headers {
		if v, ok := vals[h]; ok {
			r[i] = v
		}
	}
	s.rows = append(s.rows, r)
}

// text puts t's languages into vals under base::Language (code).
func (b *builder) text(vals map[string]any, base string, t guidelines.Text) {
	for _, l := range b.langs {
		if s, ok := t[l]; ok {
			vals[langHeader(base, l)] = s
		}
	}
}

func cond(c *guidelines.Condition) any {
	if c == nil {
		return nil
	}
	return c.Src
}

func yes(v bool) any {
	if v {
		return "yes"
	}
	return nil
}

func num(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}

func (b *builder) build() error {
	g := b.g
	var sheets []*sheet
	extends := g.Extends != ""
	given := func(key string) bool { return !extends || slices.Contains(g.Overrides, key) }

	if !extends {
		sheets = append(sheets, b.survey(), b.choices())
	}
	settings := b.newSheet(sheetSettings)
	vals := map[string]any{"form_id": g.ID, "version": g.Version, "format": g.Format}
	b.text(vals, "form_title", g.Title)
	if extends {
		ref := b.o.Extends
		if ref == "" {
			ref = g.Extends
		}
		vals["extends"] = ref
	} else {
		// An added language is declared at once: each of its empty cells is then a finding at
		// that cell, the translator's list of what is left to write.
		vals["languages"] = strings.Join(b.langs, ", ")
	}
	if given("description") {
		b.text(vals, "description", g.Description)
	}
	if given("source") && g.Source != "" {
		vals["source"] = g.Source
	}
	if given("review") {
		for l, r := range g.Review {
			vals[langHeader("review", l)] = string(r)
		}
	}
	settings.row(vals)
	sheets = append(sheets, settings)

	if !extends {
		priv := b.newSheet(sheetPrivacy)
		if g.Privacy.ShareIdentityWhen != nil {
			priv.row(map[string]any{"share_identity_when": g.Privacy.ShareIdentityWhen.Src})
		}
		sheets = append(sheets, priv)
		prof := b.newSheet(sheetProfiles)
		for _, p := range g.Profiles {
			v := map[string]any{"id": p.ID, "when": cond(p.When)}
			b.text(v, "text", p.Text)
			prof.row(v)
		}
		dims := b.newSheet(sheetDimensions)
		for _, d := range g.Dimensions {
			v := map[string]any{"id": d.ID, "stage": string(d.Stage)}
			b.text(v, "text", d.Text)
			dims.row(v)
		}
		sheets = append(sheets, prof, dims, b.indicators())
	}
	if given("scoring") {
		el := b.newSheet(sheetElements)
		for _, c := range g.Scoring.ElementPositive {
			v := map[string]any{}
			for k, n := range map[string]int{"strong": c.Strong, "medium": c.Medium, "weak": c.Weak} {
				if n != 0 {
					v[k] = n
				}
			}
			el.row(v)
		}
		outs := b.newSheet(sheetOutcomes)
		for _, o := range g.Scoring.Outcomes {
			v := map[string]any{"id": o.ID, "level": string(o.Level), "when": cond(o.When)}
			b.text(v, "text", o.Text)
			outs.row(v)
		}
		sheets = append(sheets, el, outs)
	}
	if !extends {
		flags := b.newSheet(sheetFlags)
		for _, fl := range g.Flags {
			v := map[string]any{"id": fl.ID, "urgency": string(fl.Urgency), "when": cond(fl.When)}
			if len(fl.Refer) > 0 {
				v["refer"] = strings.Join(fl.Refer, ", ")
			}
			b.text(v, "text", fl.Text)
			flags.row(v)
		}
		refs := b.newSheet(sheetReferrals)
		for _, r := range g.Referrals {
			v := map[string]any{"id": r.ID, "contact": r.Contact, "when": cond(r.When)}
			if r.Contact == "" {
				delete(v, "contact")
			}
			b.text(v, "name", r.Name)
			b.text(v, "role", r.Role)
			b.text(v, "role_self", r.RoleSelf)
			refs.row(v)
		}
		sheets = append(sheets, flags, refs)
	}

	style, err := b.f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}})
	if err != nil {
		return fmt.Errorf("making the header style failed: %w", err)
	}
	b.bold = style
	for i, s := range sheets {
		if i == 0 {
			if err := b.f.SetSheetName("Sheet1", s.name); err != nil {
				return fmt.Errorf("naming the sheet %s failed: %w", s.name, err)
			}
		} else if _, err := b.f.NewSheet(s.name); err != nil {
			return fmt.Errorf("adding the sheet %s failed: %w", s.name, err)
		}
		if err := b.fill(s); err != nil {
			return fmt.Errorf("writing the sheet %s failed: %w", s.name, err)
		}
	}
	b.f.SetActiveSheet(0)
	return nil
}

// fill writes s: the header (bold, frozen, each cell with a comment saying what the column
// holds), the rows, and column widths that fit what the column holds.
func (b *builder) fill(s *sheet) error {
	f := b.f
	header := make([]any, len(s.headers))
	for i, h := range s.headers {
		header[i] = h
	}
	if err := f.SetSheetRow(s.name, "A1", &header); err != nil {
		return err
	}
	for i, r := range s.rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := f.SetSheetRow(s.name, cell, &r); err != nil {
			return err
		}
	}
	// Ids, versions and the like are text, even when they look like numbers ("2026.1").
	for i, r := range s.rows {
		for j, v := range r {
			if str, ok := v.(string); ok && looksNumeric(str) {
				cell, _ := excelize.CoordinatesToCellName(j+1, i+2)
				if err := f.SetCellStr(s.name, cell, str); err != nil {
					return err
				}
			}
		}
	}
	last, _ := excelize.CoordinatesToCellName(max(len(s.headers), 1), 1)
	if err := f.SetCellStyle(s.name, "A1", last, b.bold); err != nil {
		return err
	}
	if err := f.SetPanes(s.name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	for i, h := range s.headers {
		col, _ := excelize.ColumnNumberToName(i + 1)
		note := b.o.Localizer.T(commentID(s.name, s.bases[i]), nil)
		if _, lang, ok := splitHeader(h); ok && s.bases[i] != "strength" {
			note += " " + b.o.Localizer.T("workbook.col.language", map[string]any{"Lang": lang})
		}
		if err := f.AddComment(s.name, excelize.Comment{Cell: col + "1", Author: "earlyid", Paragraph: []excelize.RichTextRun{{Text: note}}}); err != nil {
			return err
		}
		if err := f.SetColWidth(s.name, col, col, width(s.name, s.bases[i])); err != nil {
			return err
		}
	}
	return nil
}

// width is a column's width in characters: wide for the texts and conditions an author
// reads, narrow for ids and yes/no marks.
func width(sheet, base string) float64 {
	if sheet == sheetReferrals && (base == "name" || base == "role" || base == "role_self") {
		return 48
	}
	switch base {
	case "summary_label":
		return 22
	case "label", "hint", "intro", "intro_self", "text", "form_title", "description", "source":
		return 48
	case "relevant", "when", "pause_when", "share_identity_when", "evidence", "refer", "contact":
		return 36
	case "type", "id", "name", "list_name", "form_id", "dimension", "languages", "extends", "format":
		return 22
	}
	return 12
}

func looksNumeric(s string) bool {
	_, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	return err == nil
}

// survey is the survey sheet: a begin group row per section, a row per question, an end
// group row.
func (b *builder) survey() *sheet {
	s := b.newSheet(sheetSurvey)
	for _, sec := range b.g.Sections {
		v := map[string]any{"type": typeBeginGroup, "name": sec.ID, "relevant": cond(sec.When)}
		if sec.Role != guidelines.RoleQuestions {
			v["role"] = string(sec.Role)
		}
		b.text(v, "label", sec.Title)
		b.text(v, "intro", sec.Intro)
		b.text(v, "intro_self", sec.IntroSelf)
		s.row(v)
		for _, q := range sec.Questions {
			v := map[string]any{"type": surveyType(q), "name": q.ID, "relevant": cond(q.When),
				"pause_when": cond(q.PauseWhen), "sensitive": yes(q.Sensitive), "summary": yes(q.Summary),
				"past": yes(q.Past), "future": yes(q.Future), "min": num(q.Min), "max": num(q.Max)}
			if q.Ask == guidelines.AskInterviewer {
				v["ask"] = string(q.Ask)
			}
			b.text(v, "label", q.Text)
			b.text(v, "hint", q.Hint)
			// The guideline's label: is XLSForm's label column's neighbour, not the same thing:
			// the fact's short name in the summary, hence its own name here.
			b.text(v, "summary_label", q.Label)
			s.row(v)
		}
		s.row(map[string]any{"type": typeEndGroup})
	}
	return s
}

func surveyType(q *guidelines.Question) string {
	switch q.Type {
	case guidelines.TypeChoice:
		return typeSelectOne + " " + q.ID
	case guidelines.TypeMulti:
		return typeSelectMany + " " + q.ID
	case guidelines.TypeNumber:
		return typeDecimal
	}
	return string(q.Type)
}

// choices is the choices sheet: one list per choice or multi question, named after it.
func (b *builder) choices() *sheet {
	s := b.newSheet(sheetChoices)
	for _, q := range b.g.Questions {
		for _, c := range q.Choices {
			v := map[string]any{"list_name": q.ID, "name": c.ID, "exclusive": yes(c.Exclusive)}
			b.text(v, "label", c.Text)
			s.row(v)
		}
	}
	return s
}

func (b *builder) indicators() *sheet {
	s := b.newSheet(sheetIndicators)
	for _, x := range b.g.Indicators {
		v := map[string]any{"id": x.ID, "dimension": x.Dimension, "when": cond(x.When),
			"source": x.Source, "provisional": yes(x.Provisional)}
		if x.Source == "" {
			delete(v, "source")
		}
		if ev := b.evidence(x); ev != "" {
			v["evidence"] = ev
		}
		if len(b.profiles) == 0 {
			v["strength"] = string(x.Strength[""])
		}
		for _, p := range b.profiles {
			if st, ok := x.Strength[p]; ok {
				v["strength::"+p] = string(st)
			}
		}
		b.text(v, "text", x.Text)
		s.row(v)
	}
	return s
}

// evidence is the evidence cell of x: empty when its evidence is the default (the questions
// its condition names), so that a changed condition brings its evidence along; "[]" for an
// indicator that shows none.
func (b *builder) evidence(x *guidelines.Indicator) string {
	var def []string
	if x.When != nil {
		for _, name := range x.When.Names {
			if b.g.Question(name) != nil {
				def = append(def, name)
			}
		}
	}
	switch {
	case slices.Equal(x.Evidence, def):
		return ""
	case len(x.Evidence) == 0:
		return emptyList
	}
	return strings.Join(x.Evidence, ", ")
}

// emptyList is how a cell says "an empty list" where an empty cell means "the default".
const emptyList = "[]"

// ExtendsRef returns the `extends:` value of a guideline file as written (a built-in id or
// a path), "" when it has none or cannot be read.
func ExtendsRef(data []byte) string {
	var top struct {
		Extends string `yaml:"extends"`
	}
	if yaml.Unmarshal(data, &top) != nil {
		return ""
	}
	return top.Extends
}
