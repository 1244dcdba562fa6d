package workbook

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"
	"go.yaml.in/yaml/v3"

	"github.com/earlyid/earlyid/guidelines"
)

// Limits on a workbook read. A guideline of a thousand questions is a sheet of about 1,100
// rows and 30 columns, in a file of a few hundred kilobytes: these leave ample room and
// keep a hostile file (a zip bomb, a million empty rows) from taking the machine's memory
// or time.
const (
	// MaxFileSize is the largest workbook file read: the largest guideline file, as the
	// commands that read either read at most that.
	MaxFileSize = guidelines.MaxFileSize
	// maxUnzipped bounds the workbook's parts once unzipped, all together.
	maxUnzipped = 64 << 20
	maxRows     = 20000
	maxCols     = 200
)

// Result is a workbook read into the YAML of its guideline, with the cell each YAML value
// came from.
type Result struct {
	// YAML is the guideline, in the format guidelines.LoadBytes reads.
	YAML []byte
	name string
	at   []located // every node of YAML by position, in document order
}

type located struct {
	line, col int
	ref       string
}

// Read reads the workbook data, named name in findings. The Result is nil when the workbook
// could not be read as a guideline; the findings then say where and why, each naming its
// cell.
func Read(name string, data []byte) (*Result, guidelines.Diagnostics) {
	r := &reader{name: name, cells: map[*yaml.Node]string{}}
	if len(data) > MaxFileSize {
		r.errAt("", "workbook_too_large", map[string]any{"Limit": "4 MiB"})
		return nil, r.ds
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: maxUnzipped, UnzipXMLSizeLimit: maxUnzipped})
	if err != nil {
		r.errAt("", "workbook_open", map[string]any{"Error": detail(err)})
		return nil, r.ds
	}
	defer f.Close()
	r.f = f
	root := r.guideline()
	if r.ds.HasErrors() {
		return nil, r.ds
	}
	return r.encode(root)
}

// Load reads the workbook data and loads the guideline it holds; every finding, the
// loader's included, names its cell. The YAML is returned with the guideline, nil when the
// workbook could not be read.
func Load(name string, data []byte) (*guidelines.Guideline, []byte, guidelines.Diagnostics) {
	res, ds := Read(name, data)
	if res == nil {
		return nil, nil, ds
	}
	g, lds := guidelines.LoadBytes(name, res.YAML)
	return g, res.YAML, append(ds, res.Locate(lds)...)
}

// detail keeps the reason a library gave, in English, as a marked detail of a finding.
func detail(err error) guidelines.Phrase {
	return guidelines.Phrase{ID: "diag.reason.detail", Args: map[string]any{"Detail": err.Error()}}
}

type reader struct {
	name  string
	f     *excelize.File
	ds    guidelines.Diagnostics
	cells map[*yaml.Node]string // the cell (or sheet) each node came from
	langs []string              // the languages settings declares; nil when it declares none
}

func (r *reader) add(sev guidelines.Severity, ref, code string, args map[string]any) {
	file := r.name
	if ref != "" {
		file += ":" + ref
	}
	r.ds = append(r.ds, guidelines.Diagnostic{File: file, Severity: sev, Code: code, Args: args})
}

func (r *reader) errAt(ref, code string, args map[string]any) {
	r.add(guidelines.SevError, ref, code, args)
}

func ref(sheet string, col, row int) string {
	c, _ := excelize.CoordinatesToCellName(col+1, row)
	return sheet + "!" + c
}

// column is one header of a sheet.
type column struct {
	base, lang string
	translated bool
}

// table is a sheet read: its columns and its rows that are not empty.
type table struct {
	name string
	cols []column
	rows []row
}

type row struct {
	num  int
	vals []string
}

// val returns the value of row r's column i and its cell.
func (t *table) cell(r row, i int) (string, string) {
	v := ""
	if i < len(r.vals) {
		v = r.vals[i]
	}
	return v, ref(t.name, i, r.num)
}

// find returns the index of the plain column base, or -1.
func (t *table) find(base string) int {
	return slices.IndexFunc(t.cols, func(c column) bool { return c.base == base && !c.translated })
}

// table reads a sheet, or returns nil when the workbook has none of that name or it cannot
// be read (a finding then says why).
func (r *reader) table(name string) *table {
	if idx, _ := r.f.GetSheetIndex(name); idx < 0 {
		return nil
	}
	all := r.grid(name)
	if all == nil {
		return nil
	}
	t := &table{name: name}
	spec := columns[name]
	for i, vals := range all {
		n := i + 1
		if n == 1 {
			t.cols = r.header(name, spec.plain, spec.texts, vals)
			continue
		}
		if !slices.ContainsFunc(vals, func(v string) bool { return strings.TrimSpace(v) != "" }) {
			continue
		}
		for i, v := range vals {
			if v != "" && (i >= len(t.cols) || t.cols[i].base == "") {
				r.errAt(ref(name, i, n), "workbook_no_header", nil)
			}
		}
		t.rows = append(t.rows, row{num: n, vals: vals})
	}
	return t
}

// grid reads every cell of a sheet, row by row (trailing empty cells left out); nil when the
// sheet cannot be read or is larger than a guideline can be (a finding then says why).
func (r *reader) grid(name string) [][]string {
	rows, err := r.f.Rows(name)
	if err != nil {
		r.errAt(name, "workbook_open", map[string]any{"Error": detail(err)})
		return nil
	}
	defer rows.Close()
	var all [][]string
	width := 0
	for rows.Next() {
		n := len(all) + 1
		if n > maxRows {
			r.errAt(name, "workbook_too_many_rows", map[string]any{"Sheet": name, "Limit": maxRows})
			return nil
		}
		vals, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			r.errAt(fmt.Sprintf("%s!%d:%d", name, n, n), "workbook_cell", map[string]any{"Error": detail(err)})
			return nil
		}
		if len(vals) > maxCols {
			r.errAt(ref(name, maxCols, n), "workbook_too_many_columns", map[string]any{"Sheet": name, "Limit": maxCols})
			return nil
		}
		width = max(width, len(vals))
		all = append(all, vals)
	}
	if err := rows.Error(); err != nil {
		r.errAt(name, "workbook_open", map[string]any{"Error": detail(err)})
		return nil
	}
	all, ok := r.cellValues(name, len(all), width)
	if !ok {
		return nil
	}
	if all == nil {
		all = [][]string{}
	}
	return all
}

// cellValues reads the first rows×cols cells of sheet one by one. The row iterator that
// measured the sheet passes over what matters here in silence: a formula (its value is
// whatever the spreadsheet computed last, which the file does not have to tell the truth
// about; a guideline holds what is written), a value that cannot be read (a shared string
// that points nowhere reads as empty), and a row whose cells are out of order (it shifts
// them into the wrong columns).
func (r *reader) cellValues(sheet string, rows, cols int) ([][]string, bool) {
	ok := true
	out := make([][]string, rows)
	for n := 1; n <= rows; n++ {
		vals := make([]string, cols)
		last := 0
		for i := range cols {
			c := strings.TrimPrefix(ref(sheet, i, n), sheet+"!")
			if fm, _ := r.f.GetCellFormula(sheet, c); fm != "" {
				r.errAt(sheet+"!"+c, "workbook_formula", nil)
				ok = false
			}
			v, err := r.f.GetCellValue(sheet, c, excelize.Options{RawCellValue: true})
			if err != nil {
				r.errAt(sheet+"!"+c, "workbook_cell", map[string]any{"Error": detail(err)})
				ok = false
			}
			if vals[i] = v; v != "" {
				last = i + 1
			}
		}
		out[n-1] = vals[:last]
	}
	return out, ok
}

// header reads a sheet's first row: every header must be a column the sheet has, once.
func (r *reader) header(sheet string, plain, texts, vals []string) []column {
	cols := make([]column, len(vals))
	seen := map[string]int{}
	for i, h := range vals {
		if strings.TrimSpace(h) == "" {
			continue
		}
		base, lang, tr := splitHeader(h)
		known := slices.Contains(plain, base) && !tr
		switch {
		case tr && slices.Contains(texts, base):
			known = lang != ""
		case tr && sheet == sheetIndicators && base == "strength":
			known = lang != ""
		}
		if !known {
			r.errAt(ref(sheet, i, 1), "workbook_unknown_column", map[string]any{"Column": h, "Sheet": sheet, "Expected": expected(plain, texts)})
			continue
		}
		key := base + "::" + lang
		if j, dup := seen[key]; dup {
			r.errAt(ref(sheet, i, 1), "workbook_duplicate_column", map[string]any{"Column": h, "Other": ref(sheet, j, 1)})
			continue
		}
		seen[key] = i
		cols[i] = column{base: base, lang: lang, translated: tr}
	}
	return cols
}

func expected(plain, texts []string) string {
	all := slices.Clone(plain)
	for _, t := range texts {
		all = append(all, t+"::…")
	}
	return strings.Join(all, ", ")
}

// Nodes of the YAML being built, each remembered with the cell it came from.

func (r *reader) scalar(tag, v, at string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: v}
	r.cells[n] = at
	return n
}

func (r *reader) str(v, at string) *yaml.Node { return r.scalar("!!str", v, at) }

func (r *reader) mapping(at string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.MappingNode}
	r.cells[n] = at
	return n
}

func (r *reader) seq(at string, flow bool) *yaml.Node {
	n := &yaml.Node{Kind: yaml.SequenceNode}
	if flow {
		n.Style = yaml.FlowStyle
	}
	r.cells[n] = at
	return n
}

// put adds key: v to the mapping m; the key is placed where its value is.
func (r *reader) put(m *yaml.Node, key string, v *yaml.Node) {
	if v == nil {
		return
	}
	k := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: key}
	r.cells[k] = r.cells[v]
	m.Content = append(m.Content, k, v)
}

// plain returns the node of row w's plain column base, nil when the cell is empty. Ids,
// types and other names are trimmed: a space a spreadsheet keeps invisibly is no part of
// them.
func (r *reader) plain(t *table, w row, base string) *yaml.Node {
	i := t.find(base)
	if i < 0 {
		return nil
	}
	v, at := t.cell(w, i)
	if base != "when" && base != "relevant" && base != "pause_when" && base != "share_identity_when" && base != "source" && base != "contact" {
		v = strings.TrimSpace(v)
	}
	if strings.TrimSpace(v) == "" {
		return nil
	}
	return r.str(v, at)
}

// boolean returns the node of a yes/no column: true for yes, false for no; another value is
// kept as it is, so that the loader reports it at its cell.
func (r *reader) boolean(t *table, w row, base string) *yaml.Node {
	n := r.plain(t, w, base)
	if n == nil {
		return nil
	}
	switch strings.ToLower(n.Value) {
	case "yes", "true", "1":
		n.Tag, n.Value = "!!bool", "true"
	case "no", "false", "0":
		n.Tag, n.Value = "!!bool", "false"
	}
	return n
}

// number returns the node of a numeric column; a value that is no number stays text, and
// the loader reports it at its cell.
func (r *reader) number(t *table, w row, base, tag string) *yaml.Node {
	n := r.plain(t, w, base)
	if n != nil && looksNumeric(n.Value) {
		n.Tag = tag
		if tag == "!!int" && strings.ContainsAny(n.Value, ".eE") {
			n.Tag = "!!str"
		}
	}
	return n
}

// list returns the node of a column holding ids separated by commas; "[]" is the empty list.
func (r *reader) list(t *table, w row, base string) *yaml.Node {
	n := r.plain(t, w, base)
	if n == nil {
		return nil
	}
	s := r.seq(r.cells[n], true)
	if n.Value == emptyList {
		return s
	}
	for _, part := range strings.FieldsFunc(n.Value, func(c rune) bool { return c == ',' || c == ' ' || c == ';' || c == '\n' }) {
		s.Content = append(s.Content, r.str(part, r.cells[n]))
	}
	return s
}

// text returns the node of the translated columns base of row w: nil when every one is
// empty, else a map by language with an empty string for each empty cell, so that the
// loader names each gap at its cell.
func (r *reader) text(t *table, w row, base string) *yaml.Node {
	var m *yaml.Node
	empty := true
	for i, c := range t.cols {
		if !c.translated || c.base != base {
			continue
		}
		v, at := t.cell(w, i)
		if m == nil {
			m = r.mapping(at)
		}
		if strings.TrimSpace(v) != "" {
			empty = false
		}
		r.put(m, c.lang, r.str(v, at))
	}
	if empty {
		return nil
	}
	return m
}

// checkLangs reports every translated column of t whose language settings does not declare.
func (r *reader) checkLangs(t *table) {
	if t == nil || r.langs == nil {
		return
	}
	for i, c := range t.cols {
		if c.translated && c.base != "strength" && c.base != "review" && !slices.Contains(r.langs, c.lang) {
			r.errAt(ref(t.name, i, 1), "workbook_column_language", map[string]any{"Lang": c.lang, "Languages": strings.Join(r.langs, ", ")})
		}
	}
}

// unused reports each non-empty cell of row w outside the columns that row's kind uses: a
// value with no place in the guideline would be lost.
func (r *reader) unused(t *table, w row, used ...string) {
	for i, c := range t.cols {
		if c.base == "" || slices.Contains(used, c.base) {
			continue
		}
		if v, at := t.cell(w, i); strings.TrimSpace(v) != "" {
			r.errAt(at, "workbook_unused_cell", map[string]any{"Column": c.base})
		}
	}
}

// only1 reports each row of t after the first: settings and privacy hold one row.
func (r *reader) only1(t *table) []row {
	if t == nil || len(t.rows) == 0 {
		return nil
	}
	for _, w := range t.rows[1:] {
		r.errAt(ref(t.name, 0, w.num), "workbook_extra_row", map[string]any{"Sheet": t.name})
	}
	return t.rows[:1]
}

// guideline reads every sheet into the guideline's top-level mapping.
func (r *reader) guideline() *yaml.Node {
	if r.isXLSForm() {
		return r.xlsform()
	}
	tables := map[string]*table{}
	for _, name := range r.f.GetSheetList() {
		if !slices.Contains(sheetOrder, name) {
			r.errAt(name, "workbook_unknown_sheet", map[string]any{"Sheet": name, "Expected": strings.Join(sheetOrder, ", ")})
			continue
		}
		if t := r.table(name); t != nil {
			tables[name] = t
		}
	}
	if r.ds.HasErrors() {
		return nil
	}
	st := tables[sheetSettings]
	if st == nil || len(st.rows) == 0 {
		r.errAt(sheetSettings, "workbook_missing_sheet", map[string]any{"Sheet": sheetSettings})
		return nil
	}
	set := r.only1(st)[0]
	root := r.mapping("")
	format := r.plain(st, set, "format")
	if format == nil {
		format = r.str(guidelines.FormatGuideline, "")
	}
	r.put(root, "format", format)
	extends := r.plain(st, set, "extends")
	r.put(root, "extends", extends)
	r.put(root, "id", r.plain(st, set, "form_id"))
	r.put(root, "version", r.plain(st, set, "version"))
	r.put(root, "title", r.text(st, set, "form_title"))
	r.put(root, "description", r.text(st, set, "description"))
	if ln := r.list(st, set, "languages"); ln != nil {
		r.put(root, "languages", ln)
		for _, l := range ln.Content {
			r.langs = append(r.langs, l.Value)
		}
	}
	r.put(root, "source", r.plain(st, set, "source"))
	if rv := r.text(st, set, "review"); rv != nil {
		for i := 1; i < len(rv.Content); i += 2 {
			rv.Content[i].Value = strings.TrimSpace(rv.Content[i].Value)
		}
		// An empty review cell says nothing, like a missing key.
		kept := rv.Content[:0]
		for i := 0; i+1 < len(rv.Content); i += 2 {
			if rv.Content[i+1].Value != "" {
				kept = append(kept, rv.Content[i], rv.Content[i+1])
			}
		}
		rv.Content = kept
		r.put(root, "review", rv)
	}
	for _, name := range sheetOrder {
		r.checkLangs(tables[name])
	}

	if extends == nil {
		r.put(root, "privacy", r.privacy(tables[sheetPrivacy]))
		r.put(root, "profiles", r.items(tables[sheetProfiles], sheetProfiles, false,
			r.item(field{"id", plainField}, field{"when", plainField}, field{"text", textField})))
		r.put(root, "sections", r.survey(tables[sheetSurvey], tables[sheetChoices]))
		r.put(root, "dimensions", r.items(tables[sheetDimensions], sheetDimensions, true,
			r.item(field{"id", plainField}, field{"stage", plainField}, field{"text", textField})))
		r.put(root, "indicators", r.items(tables[sheetIndicators], sheetIndicators, true,
			r.item(field{"id", plainField}, field{"dimension", plainField}, field{"strength", strengthField},
				field{"text", textField}, field{"when", plainField}, field{"evidence", listField},
				field{"source", plainField}, field{"provisional", boolField})))
	} else {
		// An extending guideline takes these from its base: a sheet of them here would be
		// lost, so it is the loader's finding at its key.
		for _, name := range []string{sheetSurvey, sheetPrivacy, sheetProfiles, sheetDimensions, sheetIndicators, sheetFlags, sheetReferrals} {
			if t := tables[name]; t != nil && len(t.rows) > 0 {
				r.errAt(name, "workbook_extends_sheet", map[string]any{"Sheet": name})
			}
		}
	}
	if extends == nil || tables[sheetOutcomes] != nil || tables[sheetElements] != nil {
		sc := r.mapping(sheetOutcomes)
		combination := r.item(field{"strong", countField}, field{"medium", countField}, field{"weak", countField})
		r.put(sc, "element_positive", r.items(tables[sheetElements], sheetElements, true, func(t *table, w row) *yaml.Node {
			m := combination(t, w)
			m.Style = yaml.FlowStyle
			return m
		}))
		r.put(sc, "outcomes", r.items(tables[sheetOutcomes], sheetOutcomes, true,
			r.item(field{"id", plainField}, field{"level", plainField}, field{"text", textField}, field{"when", plainField})))
		r.put(root, "scoring", sc)
	}
	if extends == nil {
		r.put(root, "flags", r.items(tables[sheetFlags], sheetFlags, false,
			r.item(field{"id", plainField}, field{"urgency", plainField}, field{"text", textField},
				field{"when", plainField}, field{"refer", listField})))
		r.put(root, "referrals", r.items(tables[sheetReferrals], sheetReferrals, false,
			r.item(field{"id", plainField}, field{"name", textField}, field{"role", textField},
				field{"role_self", textField}, field{"contact", plainField}, field{"when", plainField})))
	}
	return root
}

// items reads each row of t with item into a list; a required list is given even when the
// sheet is missing or empty, so that the loader's finding names the sheet.
func (r *reader) items(t *table, sheet string, required bool, item func(*table, row) *yaml.Node) *yaml.Node {
	if t == nil || len(t.rows) == 0 {
		if required {
			return r.seq(sheet, false)
		}
		return nil
	}
	s := r.seq(sheet, false)
	for _, w := range t.rows {
		s.Content = append(s.Content, item(t, w))
	}
	return s
}

func (r *reader) privacy(t *table) *yaml.Node {
	rows := r.only1(t)
	if rows == nil {
		return nil
	}
	m := r.mapping(ref(t.name, 0, rows[0].num))
	r.put(m, "share_identity_when", r.plain(t, rows[0], "share_identity_when"))
	return m
}

// A field is one key of an item row and how its column is read.
type field struct {
	key  string
	kind int
}

const (
	plainField    = iota // one value, trimmed
	textField            // translated columns key::…
	listField            // ids separated by commas
	boolField            // yes or empty
	strengthField        // strength, or strength::<profile>
	countField           // a whole number
)

// item returns the reader of a sheet whose rows are the items of a list, each key read from
// its column as fields says, in the order the format writes them.
func (r *reader) item(fields ...field) func(*table, row) *yaml.Node {
	return func(t *table, w row) *yaml.Node {
		m := r.mapping(ref(t.name, 0, w.num))
		for _, f := range fields {
			var n *yaml.Node
			switch f.kind {
			case textField:
				n = r.text(t, w, f.key)
			case listField:
				n = r.list(t, w, f.key)
			case boolField:
				n = r.boolean(t, w, f.key)
			case strengthField:
				n = r.strength(t, w)
			case countField:
				n = r.number(t, w, f.key, "!!int")
			default:
				n = r.plain(t, w, f.key)
			}
			r.put(m, f.key, n)
		}
		return m
	}
}

// strength reads an indicator's strength: one strength column, or one per profile
// (strength::adult). Equal strengths for every profile are written as one value; an empty
// profile column means the indicator does not apply to that profile.
func (r *reader) strength(t *table, w row) *yaml.Node {
	if n := r.plain(t, w, "strength"); n != nil {
		return n
	}
	var m *yaml.Node
	var first *yaml.Node
	same, n := true, 0
	for i, c := range t.cols {
		if !c.translated || c.base != "strength" {
			continue
		}
		n++
		v, at := t.cell(w, i)
		if v = strings.TrimSpace(v); v == "" {
			same = false
			continue
		}
		if m == nil {
			m = r.mapping(at)
		}
		s := r.str(v, at)
		if first == nil {
			first = s
		} else if s.Value != first.Value {
			same = false
		}
		r.put(m, c.lang, s)
	}
	if same && first != nil && n == len(m.Content)/2 {
		return first
	}
	return m
}

// survey reads the survey sheet's groups into sections, and each question's choices from
// the list its type names.
func (r *reader) survey(t, choices *table) *yaml.Node {
	if t == nil {
		return r.seq(sheetSurvey, false)
	}
	lists, listAt := r.lists(choices)
	usedLists := map[string]bool{}
	secs := r.seq(sheetSurvey, false)
	var sec, qs *yaml.Node
	var begin string
	ti := t.find("type")
	if ti < 0 || t.find("name") < 0 {
		r.errAt(sheetSurvey+"!1:1", "workbook_missing_column", map[string]any{"Sheet": sheetSurvey, "Column": "type, name"})
		return secs
	}
	for _, w := range t.rows {
		typ, at := t.cell(w, ti)
		typ = strings.Join(strings.Fields(typ), " ")
		kind, list, _ := strings.Cut(typ, " ")
		switch {
		case typ == typeBeginGroup || typ == "begin_group":
			if sec != nil {
				r.errAt(at, "workbook_nested_group", map[string]any{"Begin": begin})
				continue
			}
			begin = at
			sec = r.mapping(ref(t.name, 0, w.num))
			r.put(sec, "id", r.plain(t, w, "name"))
			r.put(sec, "title", r.text(t, w, "label"))
			r.put(sec, "intro", r.text(t, w, "intro"))
			r.put(sec, "intro_self", r.text(t, w, "intro_self"))
			r.put(sec, "role", r.plain(t, w, "role"))
			r.put(sec, "when", r.plain(t, w, "relevant"))
			r.unused(t, w, "type", "name", "label", "intro", "intro_self", "role", "relevant")
			qs = r.seq(at, false)
			r.put(sec, "questions", qs)
			secs.Content = append(secs.Content, sec)
		case typ == typeEndGroup || typ == "end_group":
			if sec == nil {
				r.errAt(at, "workbook_end_without_begin", nil)
				continue
			}
			r.unused(t, w, "type", "name")
			sec, qs = nil, nil
		default:
			if sec == nil {
				r.errAt(at, "workbook_outside_group", nil)
				continue
			}
			q := r.mapping(ref(t.name, 0, w.num))
			r.put(q, "id", r.plain(t, w, "name"))
			var ytype string
			switch kind {
			case typeSelectOne, typeSelectMany:
				ytype = string(guidelines.TypeChoice)
				if kind == typeSelectMany {
					ytype = string(guidelines.TypeMulti)
				}
				if list == "" || lists[list] == nil {
					r.errAt(at, "workbook_unknown_list", map[string]any{"List": list})
				}
				usedLists[list] = true
			case typeDecimal, typeInteger:
				ytype = string(guidelines.TypeNumber)
			case "":
				ytype = ""
			default:
				ytype = typ // the loader names the types there are, at this cell
			}
			if ytype != "" {
				r.put(q, "type", r.str(ytype, at))
			}
			r.put(q, "ask", r.plain(t, w, "ask"))
			r.put(q, "text", r.text(t, w, "label"))
			r.put(q, "hint", r.text(t, w, "hint"))
			if l := lists[list]; l != nil && (kind == typeSelectOne || kind == typeSelectMany) {
				r.put(q, "choices", l)
			}
			r.put(q, "min", r.number(t, w, "min", "!!float"))
			r.put(q, "max", r.number(t, w, "max", "!!float"))
			r.put(q, "when", r.plain(t, w, "relevant"))
			r.put(q, "pause_when", r.plain(t, w, "pause_when"))
			r.put(q, "sensitive", r.boolean(t, w, "sensitive"))
			r.put(q, "summary", r.boolean(t, w, "summary"))
			r.put(q, "label", r.text(t, w, "summary_label"))
			r.put(q, "past", r.boolean(t, w, "past"))
			r.put(q, "future", r.boolean(t, w, "future"))
			r.unused(t, w, "type", "name", "label", "hint", "relevant", "pause_when", "ask", "sensitive", "summary", "summary_label", "past", "future", "min", "max")
			qs.Content = append(qs.Content, q)
		}
	}
	if sec != nil {
		r.errAt(begin, "workbook_group_unclosed", nil)
	}
	for name, at := range listAt {
		if !usedLists[name] {
			r.errAt(at, "workbook_unused_list", map[string]any{"List": name})
		}
	}
	return secs
}

// lists reads the choices sheet into a list of choices per list name, and the cell where
// each list begins.
func (r *reader) lists(t *table) (map[string]*yaml.Node, map[string]string) {
	lists, at := map[string]*yaml.Node{}, map[string]string{}
	if t == nil {
		return lists, at
	}
	li := t.find("list_name")
	if li < 0 {
		r.errAt(sheetChoices+"!1:1", "workbook_missing_column", map[string]any{"Sheet": sheetChoices, "Column": "list_name"})
		return lists, at
	}
	for _, w := range t.rows {
		name, cell := t.cell(w, li)
		name = strings.TrimSpace(name)
		if lists[name] == nil {
			lists[name], at[name] = r.seq(cell, false), cell
		}
		c := r.mapping(ref(t.name, 0, w.num))
		r.put(c, "id", r.plain(t, w, "name"))
		r.put(c, "text", r.text(t, w, "label"))
		r.put(c, "exclusive", r.boolean(t, w, "exclusive"))
		lists[name].Content = append(lists[name].Content, c)
	}
	return lists, at
}

// encode writes root as YAML and reads it back, to learn at which line and column each
// node landed: a finding about the YAML is then placed at the cell its node came from.
func (r *reader) encode(root *yaml.Node) (*Result, guidelines.Diagnostics) {
	fail := func(err error) (*Result, guidelines.Diagnostics) {
		return nil, append(r.ds, guidelines.Diagnostic{File: r.name, Severity: guidelines.SevError, Code: "workbook_open", Args: map[string]any{"Error": detail(err)}})
	}
	var buf bytes.Buffer
	buf.WriteString("# Converted from a workbook by earlyid convert. The workbook is the source:\n# edit it and convert it again rather than this file.\n")
	// The YAML library's emitter slows down as a document grows (it keeps every event it
	// emitted), so each item of a long list is emitted on its own and indented under its
	// key: a thousand questions take a tenth of the time.
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if v.Kind != yaml.SequenceNode || v.Style&yaml.FlowStyle != 0 || len(v.Content) == 0 {
			if err := emit(&buf, &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{k, v}}, ""); err != nil {
				return fail(err)
			}
			continue
		}
		buf.WriteString(k.Value + ":\n")
		for _, item := range v.Content {
			if err := emit(&buf, &yaml.Node{Kind: yaml.SequenceNode, Content: []*yaml.Node{item}}, "  "); err != nil {
				return fail(err)
			}
		}
	}
	res := &Result{YAML: buf.Bytes(), name: r.name}
	var doc yaml.Node
	if err := yaml.Unmarshal(res.YAML, &doc); err != nil || len(doc.Content) != 1 {
		return fail(errors.Join(err, errors.New("the converted YAML does not read back")))
	}
	same := true
	var walk func(built, read *yaml.Node)
	walk = func(built, read *yaml.Node) {
		if built.Kind != read.Kind || len(built.Content) != len(read.Content) {
			same = false
			return
		}
		res.at = append(res.at, located{line: read.Line, col: read.Column, ref: r.cells[built]})
		for i := range built.Content {
			walk(built.Content[i], read.Content[i])
		}
	}
	walk(root, doc.Content[0])
	if !same {
		return fail(errors.New("the converted YAML reads back in another shape"))
	}
	slices.SortStableFunc(res.at, func(a, b located) int {
		if a.line != b.line {
			return a.line - b.line
		}
		return a.col - b.col
	})
	return res, r.ds
}

// emit writes n as YAML to buf, every line that is not empty prefixed with indent.
func emit(buf *bytes.Buffer, n *yaml.Node, indent string) error {
	var out bytes.Buffer
	enc := yaml.NewEncoder(&out)
	enc.SetIndent(2)
	if err := enc.Encode(n); err != nil {
		return fmt.Errorf("writing the YAML failed: %w", err)
	}
	if err := enc.Close(); err != nil {
		return fmt.Errorf("writing the YAML failed: %w", err)
	}
	for line := range bytes.Lines(out.Bytes()) {
		if indent != "" && len(bytes.TrimSpace(line)) > 0 {
			buf.WriteString(indent)
		}
		buf.Write(line)
	}
	return nil
}

// Locate returns ds, findings about the YAML of res, with each placed at the cell its value
// came from: the file becomes NAME:sheet!D14, and the line and column, which are the YAML's,
// are dropped. A finding at no position stays at the workbook.
func (res *Result) Locate(ds guidelines.Diagnostics) guidelines.Diagnostics {
	out := make(guidelines.Diagnostics, len(ds))
	for i, d := range ds {
		if d.File == res.name && d.Pos.Line > 0 {
			if at := res.cellAt(d.Pos); at != "" {
				d.File = res.name + ":" + at
			}
			d.Pos = guidelines.Pos{}
		}
		out[i] = d
	}
	return out
}

// cellAt is the cell of the node at p, or of the last node before it (a position inside a
// condition or on a later line of a long text belongs to the value that holds it). Of the
// nodes at p itself the first names it: a row's mapping, not the first key inside it.
func (res *Result) cellAt(p guidelines.Pos) string {
	at, exact := "", false
	for _, l := range res.at {
		if l.line > p.Line || (l.line == p.Line && l.col > p.Col) {
			break
		}
		if l.ref == "" {
			continue
		}
		here := l.line == p.Line && l.col == p.Col
		if here && exact {
			continue
		}
		at, exact = l.ref, here
	}
	return at
}
