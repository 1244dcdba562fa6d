// Package mdtext escapes text from files and from people for Markdown output, so that a
// note, an answer or a guideline text cannot turn into a heading, a list, a link, a table
// cell or raw HTML when the file is read by pandoc or any CommonMark tool — while the plain
// text stays readable (nothing is escaped that no converter would read as markup).
//
// The summary and the training documents share it, so both follow one rule.
package mdtext

import (
	"regexp"
	"strings"
	"unicode"
)

// Escape backslash-escapes the characters Markdown would read as markup inside a line:
// emphasis, code, links, raw HTML, table pipes, headings, strike-through. An underscore
// inside a word (an id such as presumed_victim) is left alone: no converter reads it as
// emphasis. A & is escaped only where it starts an entity reference (&lt; &#60;). The
// emphasis a guideline text may use is removed before (guidelines.Text.Plain), so * is
// escaped too.
func Escape(s string) string {
	if !strings.ContainsAny(s, "\\`*_[]<>|#&~") {
		return s
	}
	rs := []rune(s)
	var b strings.Builder
	for i, r := range rs {
		switch r {
		case '\\', '`', '*', '[', ']', '<', '>', '|', '#', '~':
			b.WriteByte('\\')
		case '_':
			inWord := i > 0 && i < len(rs)-1 && isWordRune(rs[i-1]) && isWordRune(rs[i+1])
			if !inWord {
				b.WriteByte('\\')
			}
		case '&':
			if entityRE.MatchString(string(rs[i:min(len(rs), i+12)])) {
				b.WriteByte('\\')
			}
		}
		b.WriteRune(r)
	}
	return b.String()
}

var entityRE = regexp.MustCompile(`^&#?[A-Za-z0-9]+;`)

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// listStartRE matches what would start a list, a heading underline or a thematic break at
// the start of a line: "- ", "+ ", "1. ", "2) ", "=", "-".
var listStartRE = regexp.MustCompile(`^([-+=]|\d+[.)](\s|$))`)

// LineStart escapes the first character of a line (already escaped with Escape) when
// Markdown would read the line as a list item, a heading underline or a thematic break.
func LineStart(s string) string {
	if listStartRE.FindStringIndex(s) == nil {
		return s
	}
	if s[0] >= '0' && s[0] <= '9' { // "1. text": escape the dot (or parenthesis)
		i := strings.IndexAny(s, ".)")
		return s[:i] + `\` + s[i:]
	}
	return `\` + s
}
