package workbook

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/earlyid/earlyid/guidelines"
)

// A plain XLSForm (ODK, KoboToolbox) has no earlyid sheets and no format column on its
// settings sheet. It is imported as a guideline skeleton: its questions, groups, choices,
// translations and hints, with its relevant conditions translated. What has no place in a
// guideline is a warning at its cell, never dropped in silence; the skeleton validates once
// the author adds dimensions, indicators and outcomes.

// isXLSForm reports whether the workbook is a plain XLSForm: its settings sheet, if any, has
// no format column, which every workbook earlyid writes has.
func (r *reader) isXLSForm() bool {
	if idx, _ := r.f.GetSheetIndex(sheetSurvey); idx < 0 {
		return false
	}
	if idx, _ := r.f.GetSheetIndex(sheetSettings); idx < 0 {
		return true
	}
	rows, err := r.f.GetRows(sheetSettings)
	if err != nil || len(rows) == 0 {
		return true
	}
	return !slices.ContainsFunc(rows[0], func(h string) bool { return strings.TrimSpace(h) == "format" })
}

// xsheet is a sheet of an XLSForm: its headers by lower-case name and its rows.
type xsheet struct {
	name    string
	headers []string
	rows    []row
}

func (r *reader) xsheet(name string) *xsheet {
	if idx, _ := r.f.GetSheetIndex(name); idx < 0 {
		return nil
	}
	all := r.grid(name)
	if len(all) == 0 {
		return nil
	}
	s := &xsheet{name: name}
	for _, h := range all[0] {
		s.headers = append(s.headers, strings.TrimSpace(h))
	}
	for i, vals := range all[1:] {
		if slices.ContainsFunc(vals, func(v string) bool { return strings.TrimSpace(v) != "" }) {
			s.rows = append(s.rows, row{num: i + 2, vals: vals})
		}
	}
	return s
}

func (s *xsheet) col(name string) int {
	return slices.IndexFunc(s.headers, func(h string) bool { return strings.EqualFold(h, name) })
}

func (s *xsheet) get(w row, name string) (string, string) {
	i := s.col(name)
	if i < 0 {
		return "", ""
	}
	v := ""
	if i < len(w.vals) {
		v = w.vals[i]
	}
	return strings.TrimSpace(v), ref(s.name, i, w.num)
}

// xlsLangRe reads an XLSForm translated header: label::English (en), label::English, label.
var xlsLangRe = regexp.MustCompile(`^(.*?)\s*(?:\(([A-Za-z0-9-]+)\))?\s*$`)

// langOf returns the code of an XLSForm language as a header writes it: the code in
// parentheses, else the English name of a language (English, Romanian…), else "".
func langOf(s string) string {
	m := xlsLangRe.FindStringSubmatch(s)
	if m != nil && m[2] != "" {
		return strings.ToLower(m[2])
	}
	name := strings.TrimSpace(s)
	for _, code := range []string{"en", "ro", "uk", "ru", "fr", "es", "pt", "ar", "de", "it", "tr", "pl", "bg", "hu", "sr", "hr", "sq", "fa", "ps", "ur", "hi", "bn", "sw", "am", "so", "ti", "zh"} {
		if strings.EqualFold(langName(code), name) {
			return code
		}
	}
	return ""
}

// xlsText is one translated column of an XLSForm: its base, its language, its index.
type xlsText struct {
	base, lang string
	col        int
}

// The columns of an XLSForm that a guideline carries; any other column with a value is a
// loss named at its header.
var (
	xlsSurveyCols   = []string{"type", "name", "label", "hint", "relevant"}
	xlsChoicesCols  = []string{"list_name", "list name", "name", "label"}
	xlsSettingsCols = []string{"form_title", "form_id", "version", "default_language"}
)

// texts returns the translated columns of s among bases, and reports the other columns that
// hold a value as lost.
func (r *reader) xlsTexts(s *xsheet, keep []string, defLang string) []xlsText {
	var out []xlsText
	for i, h := range s.headers {
		if h == "" {
			continue
		}
		base, rest, translated := strings.Cut(h, "::")
		base = strings.ToLower(strings.TrimSpace(base))
		if !slices.Contains(keep, base) {
			if r.xlsColumnUsed(s, i) {
				r.add(guidelines.SevWarning, ref(s.name, i, 1), "xlsform_lost_column", map[string]any{"Column": h})
			}
			continue
		}
		if base != "label" && base != "hint" && base != "form_title" {
			continue
		}
		lang := defLang
		if translated {
			if lang = langOf(rest); lang == "" {
				r.errAt(ref(s.name, i, 1), "xlsform_language", map[string]any{"Column": h})
				continue
			}
		}
		out = append(out, xlsText{base: base, lang: lang, col: i})
	}
	return out
}

func (r *reader) xlsColumnUsed(s *xsheet, i int) bool {
	for _, w := range s.rows {
		if i < len(w.vals) && strings.TrimSpace(w.vals[i]) != "" {
			return true
		}
	}
	return false
}

// xlsTextNode is the text of row w in base, one entry per language the form has (empty when
// the cell is, so the loader names the gap at its cell); nil when every cell is empty.
func (r *reader) xlsTextNode(s *xsheet, w row, texts []xlsText, base string, langs []string) *yaml.Node {
	var m *yaml.Node
	empty := true
	for _, lang := range langs {
		for _, t := range texts {
			if t.base != base || t.lang != lang {
				continue
			}
			v := ""
			if t.col < len(w.vals) {
				v = w.vals[t.col]
			}
			at := ref(s.name, t.col, w.num)
			if m == nil {
				m = r.mapping(at)
			}
			if strings.TrimSpace(v) != "" {
				empty = false
			}
			r.put(m, lang, r.str(v, at))
			break
		}
	}
	if empty {
		return nil
	}
	return m
}

var notIDChar = regexp.MustCompile(`[^a-z0-9_]+`)

// ident turns an XLSForm name into an earlyid id, unique among taken, and reports a change.
func (r *reader) ident(name, at string, taken map[string]bool) string {
	id := notIDChar.ReplaceAllString(strings.ToLower(name), "_")
	id = strings.Trim(id, "_")
	if id == "" || id[0] < 'a' || id[0] > 'z' {
		id = "x_" + id
	}
	base := id
	for n := 2; taken[id]; n++ {
		id = fmt.Sprintf("%s_%d", base, n)
	}
	taken[id] = true
	if id != name {
		r.add(guidelines.SevWarning, at, "xlsform_renamed", map[string]any{"From": name, "To": id})
	}
	return id
}

// xlsform reads a plain XLSForm into a guideline skeleton.
func (r *reader) xlsform() *yaml.Node {
	for _, name := range r.f.GetSheetList() {
		if name != sheetSurvey && name != sheetChoices && name != sheetSettings {
			r.add(guidelines.SevWarning, name, "xlsform_lost_sheet", map[string]any{"Sheet": name})
		}
	}
	survey, choices, settings := r.xsheet(sheetSurvey), r.xsheet(sheetChoices), r.xsheet(sheetSettings)
	if r.ds.HasErrors() || survey == nil {
		return nil
	}
	defLang := "en"
	var set row
	if settings != nil && len(settings.rows) > 0 {
		set = settings.rows[0]
		if v, _ := settings.get(set, "default_language"); v != "" {
			if code := langOf(v); code != "" {
				defLang = code
			}
		}
	}
	sTexts := r.xlsTexts(survey, xlsSurveyCols, defLang)
	var cTexts, setTexts []xlsText
	if choices != nil {
		cTexts = r.xlsTexts(choices, xlsChoicesCols, defLang)
	}
	if settings != nil {
		setTexts = r.xlsTexts(settings, xlsSettingsCols, defLang)
	}
	var langs []string
	for _, t := range slices.Concat(sTexts, cTexts) {
		if !slices.Contains(langs, t.lang) {
			langs = append(langs, t.lang)
		}
	}
	if len(langs) == 0 {
		langs = []string{defLang}
	}
	if i := slices.Index(langs, defLang); i > 0 {
		langs = append([]string{defLang}, slices.Delete(langs, i, i+1)...)
	}
	r.langs = langs

	root := r.mapping("")
	r.put(root, "format", r.str(guidelines.FormatGuideline, ""))
	idTaken := map[string]bool{}
	formID, at := "", sheetSettings
	if settings != nil {
		formID, at = settings.get(set, "form_id")
	}
	slug := strings.Trim(regexp.MustCompile(`[^a-z0-9]+`).ReplaceAllString(strings.ToLower(formID), "-"), "-")
	if slug == "" {
		slug = "imported"
	}
	r.put(root, "id", r.str(slug, at))
	version, vat := "1", at
	if settings != nil {
		if v, c := settings.get(set, "version"); v != "" {
			version, vat = v, c
		}
	}
	r.put(root, "version", r.str(version, vat))
	title := (*yaml.Node)(nil)
	if settings != nil {
		title = r.xlsTextNode(settings, set, setTexts, "form_title", langs)
	}
	if title == nil {
		title = r.mapping(sheetSettings)
		r.put(title, defLang, r.str(formID, at))
	}
	// A form's title is often in one language only: the others take it as it is, for the
	// author to translate, so that the skeleton needs only what XLSForm has no place for.
	have := map[string]bool{}
	for i := 0; i+1 < len(title.Content); i += 2 {
		if strings.TrimSpace(title.Content[i+1].Value) != "" {
			have[title.Content[i].Value] = true
		}
	}
	if len(have) > 0 && len(have) < len(langs) {
		first := title.Content[1]
		for i := 0; i+1 < len(title.Content); i += 2 {
			if have[title.Content[i].Value] {
				first = title.Content[i+1]
				break
			}
		}
		kept := title.Content[:0]
		for i := 0; i+1 < len(title.Content); i += 2 {
			if have[title.Content[i].Value] {
				kept = append(kept, title.Content[i], title.Content[i+1])
			}
		}
		title.Content = kept
		for _, l := range langs {
			if !have[l] {
				r.put(title, l, r.str(first.Value, r.cells[first]))
				r.add(guidelines.SevWarning, r.cells[first], "xlsform_title_copied", map[string]any{"Lang": l})
			}
		}
	}
	r.put(root, "title", title)
	ln := r.seq(sheetSurvey, true)
	for _, l := range langs {
		ln.Content = append(ln.Content, r.str(l, sheetSurvey))
	}
	r.put(root, "languages", ln)

	lists := r.xlsLists(choices, cTexts)
	r.put(root, "sections", r.xlsSurvey(survey, sTexts, langs, lists, idTaken, title))
	for name, l := range lists {
		if !l.used {
			i := l.sheet.col("list_name")
			if i < 0 {
				i = l.sheet.col("list name")
			}
			r.add(guidelines.SevWarning, ref(l.sheet.name, max(i, 0), l.rows[0].num), "workbook_unused_list", map[string]any{"List": name})
		}
	}
	return root
}

// xlsList is an XLSForm choice list: its choices' rows and names.
type xlsList struct {
	rows  []row
	sheet *xsheet
	texts []xlsText
	used  bool
}

func (r *reader) xlsLists(s *xsheet, texts []xlsText) map[string]*xlsList {
	lists := map[string]*xlsList{}
	if s == nil {
		return lists
	}
	lcol := "list_name"
	if s.col(lcol) < 0 {
		lcol = "list name"
	}
	for _, w := range s.rows {
		name, _ := s.get(w, lcol)
		if lists[name] == nil {
			lists[name] = &xlsList{sheet: s, texts: texts}
		}
		lists[name].rows = append(lists[name].rows, w)
	}
	return lists
}

// xlsQuestion is a question being imported, kept until every name is known so that the
// conditions can be translated.
type xlsQuestion struct {
	node             *yaml.Node
	relevant, relRef string
	groupWhen        []string // the conditions of the groups around it, already translated
}

func (r *reader) xlsSurvey(s *xsheet, texts []xlsText, langs []string, lists map[string]*xlsList, taken map[string]bool, title *yaml.Node) *yaml.Node {
	secs := r.seq(sheetSurvey, false)
	names := relevantNames{ids: map[string]string{}, choices: map[string]map[string]string{}, types: map[string]string{}}
	var (
		sec, qs     *yaml.Node
		pendingHint []string // notes waiting for the next question
		secRel      []struct{ src, at string }
		secNodes    []*yaml.Node
		questions   []*xlsQuestion
		depth       int
		repeat      int // > 0 inside a repeat
		groupWhen   []string
	)
	newSection := func(id, at string, w row) {
		sec = r.mapping(ref(s.name, 0, w.num))
		r.put(sec, "id", r.str(id, at))
		qs = r.seq(at, false)
		secNodes = append(secNodes, sec)
		secs.Content = append(secs.Content, sec)
	}
	for _, w := range s.rows {
		typ, tat := s.get(w, "type")
		typ = strings.Join(strings.Fields(strings.ToLower(typ)), " ")
		name, nat := s.get(w, "name")
		rel, rat := s.get(w, "relevant")
		switch {
		case typ == "begin repeat" || typ == "begin_repeat":
			repeat++
			r.add(guidelines.SevWarning, tat, "xlsform_lost_type", map[string]any{"Type": typ, "Name": name})
			continue
		case typ == "end repeat" || typ == "end_repeat":
			repeat = max(repeat-1, 0)
			continue
		case repeat > 0:
			r.add(guidelines.SevWarning, tat, "xlsform_lost_type", map[string]any{"Type": "repeat", "Name": name})
			continue
		case typ == "begin group" || typ == "begin_group":
			depth++
			if depth > 1 {
				// earlyid's sections do not nest: the inner group's questions stay in the
				// outer section, each with the inner group's condition.
				r.add(guidelines.SevWarning, tat, "xlsform_nested_group", map[string]any{"Name": name})
				groupWhen = append(groupWhen, rel)
				continue
			}
			groupWhen = append(groupWhen, "")
			newSection(r.ident(name, nat, taken), nat, w)
			r.put(sec, "title", r.xlsTextNode(s, w, texts, "label", langs))
			if rel != "" {
				secRel = append(secRel, struct{ src, at string }{rel, rat})
			} else {
				secRel = append(secRel, struct{ src, at string }{"", ""})
			}
			r.put(sec, "questions", qs)
			continue
		case typ == "end group" || typ == "end_group":
			if depth > 0 {
				depth--
				groupWhen = groupWhen[:len(groupWhen)-1]
			}
			if depth == 0 {
				sec = nil
			}
			continue
		}
		if sec == nil {
			// Questions outside any group make a section of their own, titled like the form.
			newSection(r.ident("questions", "", taken), nat, w)
			r.put(sec, "title", title)
			secRel = append(secRel, struct{ src, at string }{"", ""})
			r.put(sec, "questions", qs)
			depth = 0
		}
		kind, list, _ := strings.Cut(typ, " ")
		orOther := strings.HasSuffix(list, " or_other")
		list = strings.TrimSuffix(list, " or_other")
		var ytype string
		switch kind {
		case "select_one":
			ytype = string(guidelines.TypeChoice)
		case "select_multiple":
			ytype = string(guidelines.TypeMulti)
		case "integer", "decimal":
			ytype = string(guidelines.TypeNumber)
		case "date":
			ytype = string(guidelines.TypeDate)
		case "text":
			ytype = string(guidelines.TypeText)
		case "note":
			// A note before a section's first question introduces the section; any other
			// becomes guidance for the interviewer on the question after it.
			if len(qs.Content) == 0 && depth > 0 {
				if t := r.xlsTextNode(s, w, texts, "label", langs); t != nil {
					r.put(sec, "intro", t)
				}
			} else {
				v, _ := s.get(w, "label")
				pendingHint = append(pendingHint, v+"\x00"+tat)
			}
			continue
		default:
			r.add(guidelines.SevWarning, tat, "xlsform_lost_type", map[string]any{"Type": typ, "Name": name})
			continue
		}
		id := r.ident(name, nat, taken)
		names.ids[name] = id
		names.types[id] = ytype
		q := r.mapping(ref(s.name, 0, w.num))
		r.put(q, "id", r.str(id, nat))
		r.put(q, "type", r.str(ytype, tat))
		r.put(q, "text", r.xlsTextNode(s, w, texts, "label", langs))
		r.put(q, "hint", r.xlsTextNode(s, w, texts, "hint", langs))
		for _, h := range pendingHint {
			_, at, _ := strings.Cut(h, "\x00")
			r.add(guidelines.SevWarning, at, "xlsform_note_lost", nil)
		}
		pendingHint = nil
		if ytype == string(guidelines.TypeChoice) || ytype == string(guidelines.TypeMulti) {
			r.put(q, "choices", r.xlsChoices(lists[list], list, id, tat, orOther, langs, names))
		}
		qs.Content = append(qs.Content, q)
		questions = append(questions, &xlsQuestion{node: q, relevant: rel, relRef: rat, groupWhen: slices.Clone(groupWhen[min(1, len(groupWhen)):])})
	}
	for _, h := range pendingHint {
		_, at, _ := strings.Cut(h, "\x00")
		r.add(guidelines.SevWarning, at, "xlsform_note_lost", nil)
	}
	// Conditions last: a condition may name any question of the form.
	cond := func(src, at string) string {
		if src == "" {
			return ""
		}
		out, err := translateRelevant(src, names)
		if err != nil {
			r.add(guidelines.SevWarning, at, "xlsform_relevant", map[string]any{"Expr": src, "Error": detail(err)})
			return ""
		}
		return out
	}
	for i, sn := range secNodes {
		if c := cond(secRel[i].src, secRel[i].at); c != "" {
			r.put(sn, "when", r.str(c, secRel[i].at))
		}
	}
	for _, q := range questions {
		var parts []string
		for _, g := range q.groupWhen {
			if c := cond(g, q.relRef); c != "" {
				parts = append(parts, "("+c+")")
			}
		}
		if c := cond(q.relevant, q.relRef); c != "" {
			parts = append(parts, "("+c+")")
		}
		if len(parts) == 1 {
			parts[0] = strings.TrimSuffix(strings.TrimPrefix(parts[0], "("), ")")
		}
		if len(parts) > 0 {
			r.put(q.node, "when", r.str(strings.Join(parts, " && "), q.relRef))
		}
	}
	return secs
}

// xlsChoices imports a question's choice list; or_other adds a choice "other".
func (r *reader) xlsChoices(l *xlsList, list, qid, at string, orOther bool, langs []string, names relevantNames) *yaml.Node {
	out := r.seq(at, false)
	if l == nil {
		r.errAt(at, "workbook_unknown_list", map[string]any{"List": list})
		return out
	}
	s, texts := l.sheet, l.texts
	l.used = true
	taken := map[string]bool{}
	names.choices[qid] = map[string]string{}
	for _, w := range l.rows {
		name, nat := s.get(w, "name")
		c := r.mapping(ref(s.name, 0, w.num))
		id := r.ident(name, nat, taken)
		names.choices[qid][name] = id
		r.put(c, "id", r.str(id, nat))
		r.put(c, "text", r.xlsTextNode(s, w, texts, "label", langs))
		out.Content = append(out.Content, c)
	}
	if orOther {
		r.add(guidelines.SevWarning, at, "xlsform_or_other", nil)
		c := r.mapping(at)
		r.put(c, "id", r.str(r.ident("other", "", taken), at))
		t := r.mapping(at)
		for _, lang := range langs {
			r.put(t, lang, r.str("Other", at))
		}
		r.put(c, "text", t)
		out.Content = append(out.Content, c)
	}
	return out
}
