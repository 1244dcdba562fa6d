// Package textsafe is the one sanitizer for text that reaches a terminal.
//
// Guideline and scenario files come from third parties, and answers and notes are typed or
// pasted by people; a terminal obeys control bytes hidden in such text (it can recolour,
// hide or overwrite lines, set the window title, write the clipboard). Every string from a
// file or from a person goes through Text or Line before it is printed, in every front end.
//
// What is removed:
//   - whole escape sequences introduced by ESC or a C1 introducer (CSI, OSC, DCS, …),
//     payload included;
//   - every other control character: C0 except '\n' and '\t' (Line turns those into a
//     space), DEL, and C1 (U+0080–U+009F), also when they arrive UTF-8 encoded;
//   - Unicode bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069),
//     which reorder what is displayed (Trojan Source, CVE-2021-42574).
//
// Invalid UTF-8 becomes U+FFFD. Letters of every script are kept, right-to-left ones
// included, and so are the zero-width joiner and non-joiner, which some scripts need.
package textsafe

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// Text returns s safe to print as multi-line text: line breaks and tabs are kept.
func Text(s string) string { return clean(s, true) }

// Line returns s safe to print on one line: line breaks and tabs become spaces.
func Line(s string) string { return clean(s, false) }

// Safe reports whether s would be printed unchanged by Text.
func Safe(s string) bool { return Text(s) == s }

func clean(s string, multiline bool) string {
	if alreadyClean(s, multiline) {
		return s // the common case: nothing to do, no allocation
	}
	return strip(s, multiline)
}

// strip removes from s what clean promises to remove; alreadyClean says when nothing is.
func strip(s string, multiline bool) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	// ansi.Strip removes whole escape sequences with their payload, but keeps C0 controls,
	// DEL, UTF-8 encoded C1 and bidi controls; the loop below removes those.
	s = ansi.Strip(s)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '\n' || r == '\u2028' || r == '\u2029':
			if multiline {
				b.WriteByte('\n')
			} else {
				b.WriteByte(' ')
			}
		case r == '\t':
			if multiline {
				b.WriteByte('\t')
			} else {
				b.WriteByte(' ')
			}
		case unicode.IsControl(r): // C0, DEL, C1 (incl. a lone ESC left by a broken sequence)
		case isBidiControl(r):
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// alreadyClean reports whether clean would return s unchanged: s is valid UTF-8 and holds
// no control character ('\n' and '\t' allowed when multiline), no bidi control and no line
// or paragraph separator. Such a string has no escape sequence (each starts with ESC or a
// C1 control) for ansi.Strip to remove. Every text of a guideline in Romanian, Ukrainian or
// Russian is such a string, and checking it costs a tenth of cleaning it.
func alreadyClean(s string, multiline bool) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < 0x7f || multiline && (c == '\n' || c == '\t') {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			return false // another C0 control, or DEL
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || unicode.IsControl(r) || isBidiControl(r) || r == '\u2028' || r == '\u2029' {
			return false
		}
		i += size
	}
	return true
}

// isBidiControl reports the embedding, override and isolate controls. unicode.IsControl
// does not cover them (they are format characters, category Cf). The marks LRM, RLM and
// ALM are kept: they only affect neighbouring neutral characters and are needed in
// right-to-left text.
func isBidiControl(r rune) bool {
	return (r >= '\u202A' && r <= '\u202E') || (r >= '\u2066' && r <= '\u2069')
}
