package workbook

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/earlyid/earlyid/guidelines"
)

// TestAddLanguage is a translator's work: a workbook with empty Ukrainian columns beside the
// guideline's own languages, each empty cell a finding at that cell until it is written,
// and once every cell is written the guideline has Ukrainian in every text.
func TestAddLanguage(t *testing.T) {
	g, ds := guidelines.LoadBytes("synthetic.yaml", guidelines.Synthetic(12, 6))
	if g == nil {
		t.Fatal(ds)
	}
	f, err := Build(g, Options{AddLangs: []string{"uk"}})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()

	_, _, ds = Load("uk.xlsx", bytesOf(t, f))
	gaps := 0
	for _, d := range ds {
		if d.Code == "empty_translation" && d.Args["Lang"] == "uk" {
			gaps++
			if !strings.HasPrefix(d.File, "uk.xlsx:") || !strings.Contains(d.File, "!") {
				t.Errorf("a gap is not named by its cell: %s", d.File)
			}
		}
	}
	if gaps == 0 {
		t.Fatalf("an untranslated workbook shows no gaps: %v", ds)
	}

	// The translator fills every Ukrainian cell whose English cell has a text (in a workbook
	// not written yet: excelize changes a file it wrote in memory).
	f, err = Build(g, Options{AddLangs: []string{"uk"}})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for col, h := range rows[0] {
			base, lang, ok := splitHeader(h)
			if !ok || lang != "uk" {
				continue
			}
			en := slices.Index(rows[0], langHeader(base, "en"))
			for r := 1; r < len(rows); r++ {
				if en < len(rows[r]) && rows[r][en] != "" {
					cell, _ := excelize.CoordinatesToCellName(col+1, r+1)
					if err := f.SetCellStr(sheet, cell, "укр. "+rows[r][en]); err != nil {
						t.Fatal(err)
					}
				}
			}
		}
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	back, _, ds := Load("uk.xlsx", buf.Bytes())
	if back == nil {
		t.Fatalf("the translated workbook does not load: %v", ds)
	}
	if !slices.Equal(back.Languages, []string{"en", "ro", "uk"}) {
		t.Fatalf("languages %v", back.Languages)
	}
	for _, q := range back.Questions {
		if q.Text["uk"] != "укр. "+q.Text["en"] {
			t.Errorf("%s: the Ukrainian text is %q", q.ID, q.Text["uk"])
		}
		for _, c := range q.Choices {
			if c.Text["uk"] == "" {
				t.Errorf("%s/%s has no Ukrainian text", q.ID, c.ID)
			}
		}
	}
	for _, x := range back.Indicators {
		if x.Text["uk"] == "" {
			t.Errorf("indicator %s has no Ukrainian text", x.ID)
		}
	}
	if back.Title["uk"] == "" || back.Scoring.Outcomes[0].Text["uk"] == "" {
		t.Error("the title or an outcome has no Ukrainian text")
	}
}
