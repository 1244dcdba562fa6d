package interview

import (
	"strings"
	"unicode/utf8"

	"github.com/earlyid/earlyid/textsafe"
)

// MaxHeaderField is the longest place, role or institution a session takes, in
// characters: the referral summary's header has room for that on one line, and the
// command's flags and the setup form both hold to it.
const MaxHeaderField = 80

// HeaderField cleans a place, role or institution as the summary's header prints it (one
// line, no control characters, no surrounding spaces) and reports whether it is within
// MaxHeaderField characters; the caller decides whether a longer one is refused (a flag)
// or cut (a form whose input already stops at the limit).
func HeaderField(v string) (string, bool) {
	v = strings.TrimSpace(textsafe.Line(v))
	return v, utf8.RuneCountInString(v) <= MaxHeaderField
}
