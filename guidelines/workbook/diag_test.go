package workbook

import (
	"archive/zip"
	"bytes"
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/locales"
)

// example returns the example guideline as a workbook, for a test to change.
func example(t *testing.T) *excelize.File {
	t.Helper()
	g := builtins(t)["example.yaml"]
	f, err := Build(g, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// cellOf returns the cell of sheet in the row whose first or second column is key and the
// column whose header is header, e.g. survey!D14.
func cellOf(t *testing.T, f *excelize.File, sheet, key, header string) string {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	col := -1
	for i, h := range rows[0] {
		if h == header {
			col = i
		}
	}
	for r, row := range rows {
		if len(row) > 1 && (row[0] == key || row[1] == key) && col >= 0 {
			name, _ := excelize.CoordinatesToCellName(col+1, r+1)
			return name
		}
	}
	t.Fatalf("%s has no row %q with a column %q", sheet, key, header)
	return ""
}

func bytesOf(t *testing.T, f *excelize.File) []byte {
	t.Helper()
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// findings loads data as a workbook and returns its findings, each with the place it names.
func findings(t *testing.T, data []byte) guidelines.Diagnostics {
	t.Helper()
	_, _, ds := Load("g.xlsx", data)
	return ds
}

// want fails unless ds has a finding with code at exactly the cell ref ("survey!D14"), with
// no YAML line, whose message exists and reads as a sentence in every interface language.
func want(t *testing.T, ds guidelines.Diagnostics, code, at string) {
	t.Helper()
	for _, d := range ds {
		if d.Code != code || d.File != "g.xlsx:"+at {
			continue
		}
		if d.Pos != (guidelines.Pos{}) {
			t.Errorf("%s at %s keeps a position in the YAML the author never saw: %v", code, at, d.Pos)
		}
		for _, lang := range locales.Languages {
			if msg := d.Message(locales.New(lang)); msg == "diag."+code || strings.Contains(msg, "<no value>") {
				t.Errorf("%s in %s reads %q", code, lang, msg)
			}
		}
		return
	}
	t.Errorf("no %s finding at %s; the findings:\n%v", code, at, ds)
}

// TestLoaderFindingsNameTheirCell: what the guideline loader finds in the converted YAML is
// reported at the cell the value came from — a condition naming a question that does not
// exist, an empty translation, an unknown type, a number that is no number, an unknown
// dimension.
func TestLoaderFindingsNameTheirCell(t *testing.T) {
	f := example(t)
	rel := cellOf(t, f, sheetSurvey, "job_offer", "relevant")
	labelRo := cellOf(t, f, sheetSurvey, "job_offer", langHeader("label", "ro"))
	typ := cellOf(t, f, sheetSurvey, "age", "type")
	maxAge := cellOf(t, f, sheetSurvey, "age", "max")
	dim := cellOf(t, f, sheetIndicators, "deceived_about_job", "dimension")
	for cell, v := range map[string]string{rel: `nosuch == "yes"`, labelRo: "", typ: "integr", maxAge: "many"} {
		if err := f.SetCellStr(sheetSurvey, cell, v); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SetCellStr(sheetIndicators, dim, "recruitmnt"); err != nil {
		t.Fatal(err)
	}
	ds := findings(t, bytesOf(t, f))
	want(t, ds, "unknown_name", sheetSurvey+"!"+rel)
	want(t, ds, "empty_translation", sheetSurvey+"!"+labelRo)
	want(t, ds, "unknown_type", sheetSurvey+"!"+typ)
	want(t, ds, "want_number", sheetSurvey+"!"+maxAge)
	want(t, ds, "unknown_dimension", sheetIndicators+"!"+dim)
}

// TestWorkbookFindingsNameTheirCell: what cannot be read from a workbook is said at its
// cell, and nothing in a cell is dropped without a finding: first what is wrong with the
// sheets themselves, then with the rows of sheets that can be read.
func TestWorkbookFindingsNameTheirCell(t *testing.T) {
	set := func(f *excelize.File, sheet, cell, v string) {
		t.Helper()
		if err := f.SetCellStr(sheet, cell, v); err != nil {
			t.Fatal(err)
		}
	}
	f := example(t)
	formula := cellOf(t, f, sheetSurvey, "job_offer", "relevant")
	if err := f.SetCellFormula(sheetSurvey, formula, `CONCAT("a","b")`); err != nil {
		t.Fatal(err)
	}
	set(f, sheetDimensions, "Z1", "notes")
	set(f, sheetDimensions, "Y3", "a value without a header")
	if _, err := f.NewSheet("Sheet2"); err != nil {
		t.Fatal(err)
	}
	ds := findings(t, bytesOf(t, f))
	want(t, ds, "workbook_formula", sheetSurvey+"!"+formula)
	want(t, ds, "workbook_unknown_column", sheetDimensions+"!Z1")
	want(t, ds, "workbook_no_header", sheetDimensions+"!Y3")
	want(t, ds, "workbook_unknown_sheet", "Sheet2")

	f = example(t)
	role := cellOf(t, f, sheetSurvey, "job_offer", "role") // a section's column, on a question row
	set(f, sheetSurvey, role, "safety")
	set(f, sheetSettings, "A3", "second")
	ds = findings(t, bytesOf(t, f))
	want(t, ds, "workbook_unused_cell", sheetSurvey+"!"+role)
	want(t, ds, "workbook_extra_row", sheetSettings+"!A3")
}

// TestGroupFindings: the structure of the survey sheet — groups that do not close, an end
// without a beginning, a question outside any group, a list that does not exist and one no
// question uses.
func TestGroupFindings(t *testing.T) {
	f := example(t)
	rows, err := f.GetRows(sheetSurvey)
	if err != nil {
		t.Fatal(err)
	}
	var ends []int
	for i, r := range rows {
		if len(r) > 0 && r[0] == typeEndGroup {
			ends = append(ends, i+1)
		}
	}
	// The first end group becomes a question: its group does not close where it did, and
	// the next begin group opens inside it.
	if err := f.SetCellStr(sheetSurvey, "A"+itoa(ends[0]), "text"); err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellStr(sheetSurvey, "B"+itoa(ends[0]), "stray"); err != nil {
		t.Fatal(err)
	}
	typ := cellOf(t, f, sheetSurvey, "recruited_via", "type")
	if err := f.SetCellStr(sheetSurvey, typ, "select_multiple no_such_list"); err != nil {
		t.Fatal(err)
	}
	// A question after the last end group is outside any group.
	last := len(rows) + 1
	if err := f.SetSheetRow(sheetSurvey, "A"+itoa(last), &[]any{"text", "after_all"}); err != nil {
		t.Fatal(err)
	}
	ds := findings(t, bytesOf(t, f))
	want(t, ds, "workbook_nested_group", sheetSurvey+"!A"+itoa(ends[0]+1))
	want(t, ds, "workbook_unknown_list", sheetSurvey+"!"+typ)
	want(t, ds, "workbook_outside_group", sheetSurvey+"!A"+itoa(last))
	firstList := cellOf(t, f, sheetChoices, "recruited_via", "list_name")
	want(t, ds, "workbook_unused_list", sheetChoices+"!"+firstList)
}

func itoa(n int) string {
	name, _ := excelize.CoordinatesToCellName(1, n)
	return strings.TrimPrefix(name, "A")
}

// rezip rewrites the zip archive data, giving each part to change.
func rezip(t *testing.T, data []byte, change func(name string, body []byte) []byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		w, err := zw.Create(zf.Name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(change(zf.Name, body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// readSafely reads data as a workbook and fails the test on a panic; it returns the
// findings.
func readSafely(t *testing.T, data []byte) (ds guidelines.Diagnostics) {
	t.Helper()
	defer func() {
		if r := recover(); r != nil {
			t.Fatalf("reading the workbook panicked: %v", r)
		}
	}()
	res, ds := Read("g.xlsx", data)
	if res != nil {
		_, lds := guidelines.LoadBytes("g.xlsx", res.YAML)
		ds = append(ds, res.Locate(lds)...)
	}
	return ds
}

// TestHostileWorkbooks: files made to hurt the reader get a clear finding, and no panic, no
// hang, no exhausted memory.
func TestHostileWorkbooks(t *testing.T) {
	plain := bytesOf(t, example(t))
	sheet1 := "xl/worksheets/sheet1.xml"
	cases := map[string]struct {
		data []byte
		code string
	}{
		"not a workbook": {[]byte("format: earlyid/guideline/v1\n"), "workbook_open"},
		"too large":      {make([]byte, MaxFileSize+1), "workbook_too_large"},
		"zip bomb": {rezip(t, plain, func(name string, body []byte) []byte {
			if name != sheet1 {
				return body
			}
			// 80 MB of spaces inside the sheet compress to a few kilobytes.
			return bytes.Replace(body, []byte("<sheetData>"), append([]byte("<sheetData>"), bytes.Repeat([]byte(" "), 80<<20)...), 1)
		}), "workbook_open"},
		"shared string that points nowhere": {rezip(t, plain, func(name string, body []byte) []byte {
			if name != sheet1 {
				return body
			}
			return regexp.MustCompile(`(<c r="B3"[^>]*t="s"[^>]*><v>)\d+(</v>)`).ReplaceAll(body, []byte("${1}987654${2}"))
		}), "workbook_cell"},
	}
	// A sheet of 100,000 rows, written as a spreadsheet program would.
	big := excelize.NewFile()
	sw, err := big.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	for r := 1; r <= 100000; r++ {
		cell, _ := excelize.CoordinatesToCellName(1, r)
		if err := sw.SetRow(cell, []any{"text", "q"}); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := big.SetSheetName("Sheet1", sheetSurvey); err != nil {
		t.Fatal(err)
	}
	cases["100,000 rows"] = struct {
		data []byte
		code string
	}{bytesOf(t, big), "workbook_too_many_rows"}

	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			ds := readSafely(t, c.data)
			for _, d := range ds {
				if d.Code == c.code && d.Severity == guidelines.SevError {
					return
				}
			}
			t.Errorf("no %s error; the findings:\n%v", c.code, ds)
		})
	}
}

// TestTerminalEscapeInACell: an escape sequence in a cell never reaches the terminal through
// a finding: the loader refuses it at its cell, and the message shows it as an escape. A
// library writes ESC into a cell as _x001B_ (XML cannot hold it), which reads back as ESC.
func TestTerminalEscapeInACell(t *testing.T) {
	f := example(t)
	label := cellOf(t, f, sheetSurvey, "job_offer", langHeader("label", "en"))
	if err := f.SetCellStr(sheetSurvey, label, "Were you offered a job?_x001B_]0;owned_x0007__x001B_[2J"); err != nil {
		t.Fatal(err)
	}
	ds := findings(t, bytesOf(t, f))
	if !ds.HasErrors() {
		t.Fatal("a guideline with escape sequences in its cells loaded")
	}
	var out strings.Builder
	for _, d := range ds {
		out.WriteString(d.Format(locales.New("en")))
	}
	if strings.ContainsAny(out.String(), "\x1b\x07") {
		t.Errorf("a finding carries the escape to the terminal: %q", out.String())
	}
	if !strings.Contains(out.String(), "g.xlsx:"+sheetSurvey+"!"+label+":") {
		t.Errorf("no finding names the cell %s:\n%s", label, out.String())
	}
}
