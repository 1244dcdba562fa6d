package guidelines

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/earlyid/earlyid/locales"
)

// Severity tells an error (the file cannot be used) from a warning (it can, but an author
// should look).
type Severity string

// Severities.
const (
	SevError   Severity = "error"
	SevWarning Severity = "warning"
)

// Diagnostic is one finding about a file, with its position. Its text is a locales message,
// "diag.<Code>", rendered with Args, so authors read it in their UI language.
type Diagnostic struct {
	File     string
	Pos      Pos
	Severity Severity
	Code     string
	Args     map[string]any
}

// Message renders the finding's sentence in l's language.
func (d Diagnostic) Message(l *locales.Localizer) string {
	return l.T("diag."+d.Code, d.Args)
}

// Format renders the finding as one line: file:line:col: severity: message [code]. The
// severity word stays English so editors and CI can parse it.
func (d Diagnostic) Format(l *locales.Localizer) string {
	loc := d.File
	if d.Pos.Line > 0 {
		loc = fmt.Sprintf("%s:%d:%d", d.File, d.Pos.Line, max(d.Pos.Col, 1))
	}
	return fmt.Sprintf("%s: %s: %s [%s]", loc, d.Severity, d.Message(l), d.Code)
}

// Error renders the finding in English, so a Diagnostic can travel as an error.
func (d Diagnostic) Error() string { return d.Format(locales.New("en")) }

// Diagnostics is a list of findings.
type Diagnostics []Diagnostic

// HasErrors reports whether any finding is an error.
func (ds Diagnostics) HasErrors() bool {
	for _, d := range ds {
		if d.Severity == SevError {
			return true
		}
	}
	return false
}

// Count returns the number of errors and warnings.
func (ds Diagnostics) Count() (errors, warnings int) {
	for _, d := range ds {
		if d.Severity == SevError {
			errors++
		} else {
			warnings++
		}
	}
	return
}

// Errors returns the error findings, sorted, as Diagnostics (which is an error itself); nil
// when there are none. Commands that refuse a file print exactly these.
func (ds Diagnostics) Errors() Diagnostics {
	var out Diagnostics
	for _, d := range ds {
		if d.Severity == SevError {
			out = append(out, d)
		}
	}
	out.Sort()
	return out
}

// TranslationsToDo counts, per language, the texts that are missing or empty in ds
// (missing_translation, empty_translation): what a translator still has to write. The
// languages come sorted; none when nothing is missing.
func (ds Diagnostics) TranslationsToDo() []LangCount {
	counts := map[string]int{}
	for _, d := range ds {
		if d.Code != "missing_translation" && d.Code != "empty_translation" {
			continue
		}
		if lang, _ := d.Args["Lang"].(string); lang != "" {
			counts[lang]++
		}
	}
	out := make([]LangCount, 0, len(counts))
	for lang, n := range counts {
		out = append(out, LangCount{Lang: lang, Count: n})
	}
	slices.SortFunc(out, func(a, b LangCount) int { return strings.Compare(a.Lang, b.Lang) })
	return out
}

// LangCount is a number of texts in one language.
type LangCount struct {
	Lang  string
	Count int
}

// Sort orders findings by file, line, column, then code, so output is stable.
func (ds Diagnostics) Sort() {
	sort.SliceStable(ds, func(i, j int) bool {
		a, b := ds[i], ds[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Pos.Line != b.Pos.Line {
			return a.Pos.Line < b.Pos.Line
		}
		if a.Pos.Col != b.Pos.Col {
			return a.Pos.Col < b.Pos.Col
		}
		return a.Code < b.Code
	})
}

// Error renders all findings in English, one per line, so Diagnostics can be an error.
func (ds Diagnostics) Error() string {
	lines := make([]string, len(ds))
	for i, d := range ds {
		lines[i] = d.Error()
	}
	return strings.Join(lines, "\n")
}
