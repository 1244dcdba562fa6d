package workbook

import (
	"bytes"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/expr-lang/expr/parser"
	"github.com/xuri/excelize/v2"

	"github.com/earlyid/earlyid/guidelines"
)

// xlsformFixture builds a plain XLSForm as the published conventions write it
// (https://xlsform.org): English and Romanian labels, a group with an intro note, select_one
// with or_other over a list with numeric names, select_multiple, integer, a repeat, a
// calculate, a geopoint, a constraint column, and relevant conditions in XPath.
func xlsformFixture(t *testing.T) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", "survey"); err != nil {
		t.Fatal(err)
	}
	rows := [][]any{
		{"type", "name", "label::English (en)", "label::Romanian (ro)", "hint::English (en)", "hint::Romanian (ro)", "relevant", "constraint", "required"},
		{"begin group", "Travel", "Travel", "Călătoria", "", "", "", "", ""},
		{"note", "intro", "Now about your journey.", "Acum despre călătorie.", "", "", "", "", ""},
		{"integer", "age", "How old are you?", "Câți ani aveți?", "", "", "", ". >= 0", "yes"},
		{"select_one yn", "offer", "Were you offered a job?", "Vi s-a oferit un loc de muncă?", "Ask gently.", "Întrebați cu blândețe.", "${age} >= 16", "", "yes"},
		{"select_multiple how", "how-offered", "How was it offered?", "Cum vi s-a oferit?", "", "", "selected(${offer}, '1')", "", ""},
		{"select_one yn or_other", "paid", "Were you paid?", "Ați fost plătit?", "", "", "${offer} = '1' and count-selected(${how-offered}) > 0", "", ""},
		{"calculate", "score", "", "", "", "", "", "", ""},
		{"geopoint", "where", "Where are you?", "Unde sunteți?", "", "", "", "", ""},
		{"text", "notes", "Anything else?", "Altceva?", "", "", "today() > ${age}", "", ""},
		{"end group", "", "", "", "", "", "", "", ""},
		{"begin repeat", "children", "Children", "Copii", "", "", "", "", ""},
		{"text", "child_name", "Name", "Nume", "", "", "", "", ""},
		{"end repeat", "", "", "", "", "", "", "", ""},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("survey", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := f.NewSheet("choices"); err != nil {
		t.Fatal(err)
	}
	choices := [][]any{
		{"list_name", "name", "label::English (en)", "label::Romanian (ro)"},
		{"yn", "1", "Yes", "Da"},
		{"yn", "0", "No", "Nu"},
		{"how", "telegram", "Telegram", "Telegram"},
		{"how", "friend", "A friend", "Un prieten"},
		{"unused", "a", "A", "A"},
	}
	for i, r := range choices {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("choices", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := f.NewSheet("settings"); err != nil {
		t.Fatal(err)
	}
	if err := f.SetSheetRow("settings", "A1", &[]any{"form_title", "form_id", "version", "default_language"}); err != nil {
		t.Fatal(err)
	}
	if err := f.SetSheetRow("settings", "A2", &[]any{"Labour offers", "Labour_Offers", "2024-1", "English (en)"}); err != nil {
		t.Fatal(err)
	}
	return bytesOf(t, f)
}

// TestImportXLSForm: a plain XLSForm becomes a guideline skeleton — groups as sections, the
// note before a group's first question as its intro, types mapped, choices and translations
// kept, names made ids, relevant conditions translated — and every loss is a warning at its
// cell. With dimensions, indicators and outcomes added, the skeleton loads.
func TestImportXLSForm(t *testing.T) {
	res, ds := Read("form.xlsx", xlsformFixture(t))
	if res == nil {
		t.Fatalf("the XLSForm was not read: %v", ds)
	}
	for _, w := range []struct{ code, at string }{
		{"xlsform_lost_column", "survey!H1"},   // constraint
		{"xlsform_lost_column", "survey!I1"},   // required
		{"xlsform_lost_type", "survey!A8"},     // calculate
		{"xlsform_lost_type", "survey!A9"},     // geopoint
		{"xlsform_lost_type", "survey!A12"},    // begin repeat
		{"xlsform_lost_type", "survey!A13"},    // a question in the repeat
		{"xlsform_relevant", "survey!G10"},     // today() is not translated
		{"xlsform_or_other", "survey!A7"},      //
		{"xlsform_renamed", "survey!B6"},       // how-offered
		{"xlsform_renamed", "choices!B2"},      // 1
		{"workbook_unused_list", "choices!A6"}, //
	} {
		found := false
		for _, d := range ds {
			if d.Code == w.code && d.File == "form.xlsx:"+w.at {
				found = d.Severity == guidelines.SevWarning
			}
		}
		if !found {
			t.Errorf("no %s warning at %s; the findings:\n%v", w.code, w.at, ds)
		}
	}
	y := string(res.YAML)
	for _, want := range []string{
		"id: labour-offers", "languages: [en, ro]", "type: number", "type: multi",
		`when: age != nil && age >= 16`, `when: offer == "x_1"`, `when: offer == "x_1" && len(how_offered) > 0`,
		"ro: Acum despre călătorie.", "id: other",
	} {
		if !strings.Contains(y, want) {
			t.Errorf("the skeleton lacks %q:\n%s", want, y)
		}
	}
	skeleton := y + `dimensions:
  - {id: d, stage: recruitment, text: {en: D, ro: D}}
indicators:
  - {id: i, dimension: d, strength: strong, text: {en: I, ro: I}, when: 'offer == "x_1"'}
scoring:
  element_positive: [{strong: 1}]
  outcomes:
    - {id: o, level: low, text: {en: O, ro: O}, when: "true"}
`
	if g, lds := guidelines.LoadBytes("skeleton.yaml", []byte(skeleton)); g == nil {
		t.Fatalf("the completed skeleton does not load:\n%v\n%s", res.Locate(lds), skeleton)
	}
}

// FuzzTranslateRelevant: the XLSForm condition translator never panics, and whatever it
// accepts comes out as an expression expr parses.
func FuzzTranslateRelevant(f *testing.F) {
	for _, s := range []string{
		"${age} >= 18", "selected(${q}, 'x')", "${a} = 'yes' and not(${b} != 'no')",
		"count-selected(${m}) > 1 or ${age} < 2 * 3", "(${a} = 1) or (${b} div 2 mod 3 = -1)",
		"string-length(${t}) > 0", "true()", "${a} = \"x\"", "today() > ${d}", "${", "'",
	} {
		f.Add(s)
	}
	names := relevantNames{ids: map[string]string{"age": "age", "q": "q", "a": "a", "b": "b", "m": "m", "t": "t", "d": "d"},
		choices: map[string]map[string]string{"q": {"x": "x_1"}}}
	f.Fuzz(func(t *testing.T, src string) {
		out, err := translateRelevant(src, names)
		if err != nil {
			return
		}
		if _, perr := parser.Parse(out); perr != nil {
			t.Fatalf("%q became %q, which expr does not parse: %v", src, out, perr)
		}
	})
}

// TestImportXLSFormSavedBySpreadsheet: the same XLSForm as xlsformFixture, opened and saved
// by a spreadsheet program (testdata/xlsform-libreoffice.xlsx: LibreOffice Calc 7.4, "Excel
// 2007-365" format, 7 December 2026), imports exactly as the one the library wrote: the same
// skeleton and the same findings at the same cells. A spreadsheet program writes what a
// library does not — its own shared strings, styles, row spans, document properties — and
// that is what authors will bring.
func TestImportXLSFormSavedBySpreadsheet(t *testing.T) {
	saved, err := os.ReadFile("testdata/xlsform-libreoffice.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(saved, []byte("docProps/app.xml")) {
		t.Fatal("the kept file is not a workbook saved by a spreadsheet program")
	}
	want, wantDs := Read("form.xlsx", xlsformFixture(t))
	got, gotDs := Read("form.xlsx", saved)
	if want == nil || got == nil {
		t.Fatalf("a workbook was not read: built %v, saved %v", wantDs, gotDs)
	}
	if string(got.YAML) != string(want.YAML) {
		t.Errorf("the saved workbook gives another skeleton:\n%s\nwant:\n%s", got.YAML, want.YAML)
	}
	findings := func(ds guidelines.Diagnostics) []string {
		var out []string
		for _, d := range ds {
			out = append(out, d.File+" "+d.Code)
		}
		slices.Sort(out)
		return out
	}
	if g, w := findings(gotDs), findings(wantDs); !slices.Equal(g, w) {
		t.Errorf("the saved workbook's findings differ:\n%v\nwant:\n%v", g, w)
	}
}
