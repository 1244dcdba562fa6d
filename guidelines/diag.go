package guidelines

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

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

// Phrase is a finding's argument that is itself a message: Message renders it in the
// reader's language. It carries the reason behind a finding (a file that does not exist, a
// comparison of a number with text) in words, where the library that noticed it only has
// English.
type Phrase struct {
	ID   string
	Args map[string]any
}

// Message renders the finding's sentence in l's language. The arguments quote the file
// (keys, values, conditions), which a third party wrote: control characters in them are
// shown as escapes (\x1b, \u202e), so an escape sequence in a file can neither drive the
// author's terminal nor vanish from the message that reports it.
func (d Diagnostic) Message(l *locales.Localizer) string {
	return l.T("diag."+d.Code, renderArgs(l, d.Args))
}

// renderArgs returns args with every string made visible and every Phrase rendered; args
// itself is left as it is (the finding keeps what the file said).
func renderArgs(l *locales.Localizer, args map[string]any) map[string]any {
	out, cloned := args, false
	for k, v := range args {
		var r string
		switch v := v.(type) {
		case string:
			if r = visible(v); r == v {
				continue
			}
		case Phrase:
			r = l.T(v.ID, renderArgs(l, v.Args))
		default:
			continue
		}
		if !cloned {
			out, cloned = maps.Clone(args), true
		}
		out[k] = r
	}
	return out
}

// visible writes every character a terminal would obey, or that would reorder the line,
// as a Go-style escape; invalid UTF-8 is shown byte by byte.
func visible(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			fmt.Fprintf(&b, "\\x%02x", s[i])
		case r < 0x80 && unicode.IsControl(r):
			fmt.Fprintf(&b, "\\x%02x", r)
		case unicode.IsControl(r), r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069,
			r == 0x2028, r == 0x2029:
			fmt.Fprintf(&b, "\\u%04x", r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
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
// (missing_translation, empty_translation), and the person-facing text a referral shown in
// self mode lacks in every language (role_self_missing): what a translator still has to
// write. The languages come sorted; none when nothing is missing.
func (ds Diagnostics) TranslationsToDo() []LangCount {
	counts := map[string]int{}
	for _, d := range ds {
		switch d.Code {
		case "missing_translation", "empty_translation":
			if lang, _ := d.Args["Lang"].(string); lang != "" {
				counts[lang]++
			}
		case "role_self_missing":
			if langs, _ := d.Args["Langs"].(string); langs != "" {
				for lang := range strings.SplitSeq(langs, ",") {
					counts[lang]++
				}
			}
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
