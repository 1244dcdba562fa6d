package workbook

import (
	"strings"
	"testing"

	"github.com/earlyid/earlyid/locales"
)

// TestHeaderComments: every header cell of every sheet explains its column in the
// interface language, the header row is frozen, and no comment is a message id left
// untranslated.
func TestHeaderComments(t *testing.T) {
	g := builtins(t)["mixed-flows-md.yaml"]
	for _, lang := range locales.Languages {
		f, err := Build(g, Options{Localizer: locales.New(lang)})
		if err != nil {
			t.Fatal(err)
		}
		for _, sheet := range f.GetSheetList() {
			rows, err := f.GetRows(sheet)
			if err != nil {
				t.Fatal(err)
			}
			comments, err := f.GetComments(sheet)
			if err != nil {
				t.Fatal(err)
			}
			if len(comments) != len(rows[0]) {
				t.Errorf("%s %s: %d headers, %d comments", lang, sheet, len(rows[0]), len(comments))
			}
			for _, c := range comments {
				text := ""
				for _, p := range c.Paragraph {
					text += p.Text
				}
				if text == "" || strings.Contains(text, "workbook.col.") {
					t.Errorf("%s %s!%s: comment %q", lang, sheet, c.Cell, text)
				}
			}
			panes, err := f.GetPanes(sheet)
			if err != nil || !panes.Freeze || panes.YSplit != 1 {
				t.Errorf("%s %s: the header row is not frozen (%+v, %v)", lang, sheet, panes, err)
			}
		}
		f.Close()
	}
}
