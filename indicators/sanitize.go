package indicators

import (
	"strings"
	"unicode/utf8"
)

// sanitize makes text from files and answers safe to print on a terminal: it drops every
// C0 control except newline and tab, DEL, every C1 control, and the Unicode bidi
// embedding/override/isolate controls that can make a line read differently from what it
// holds; invalid UTF-8 becomes U+FFFD. ansi.Strip alone is not enough (security.md): it
// keeps CR, BS, BEL, NUL, DEL, C1 and bidi overrides.
//
// TODO(lead): one shared sanitizer for the whole program; this one is kept unexported until
// it is consolidated.
func sanitize(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		if b := s[i]; (b < 0x20 && b != '\n' && b != '\t') || b == 0x7f || b >= 0x80 {
			clean = false
			break
		}
	}
	if clean {
		return s // plain printable ASCII: the common case, no allocation
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == utf8.RuneError && size <= 1:
			b.WriteRune(utf8.RuneError)
		case r == '\n' || r == '\t':
			b.WriteRune(r)
		case unsafeRune(r):
			// dropped
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// oneLine is sanitize for a single terminal line: newlines and tabs become spaces.
func oneLine(s string) string {
	s = sanitize(s)
	if !strings.ContainsAny(s, "\n\t") {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// unsafeRune reports whether r is a control character or an invisible direction control.
func unsafeRune(r rune) bool {
	switch {
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	case r == 0x061c, // Arabic letter mark
		r == 0x200e, r == 0x200f, // LRM, RLM
		r >= 0x202a && r <= 0x202e, // LRE, RLE, PDF, LRO, RLO
		r >= 0x2066 && r <= 0x2069, // LRI, RLI, FSI, PDI
		r == 0x2028, r == 0x2029,   // line and paragraph separators: break lines unseen
		r == 0xfeff: // byte order mark / zero-width no-break space
		return true
	}
	return false
}
