// Package strength decides whether a new passphrase may protect the key to real sessions.
//
// Whoever holds a lost laptop can try passphrases offline for as long as they like; scrypt
// makes each try cost about a second on one core, which protects a passphrase that needs
// more than 10⁸ guesses, not one that is among the first tried. Crackers try, in order,
// the most common passwords and words, keyboard walks (qwerty, and the same keys typed on
// a Cyrillic layout: йцукен), runs (12345, abcde), repeats and dates — so those are
// refused, whatever their length.
//
// The estimate is zxcvbn's (github.com/trustelem/zxcvbn, a port of Dropbox's zxcvbn 4.4.2
// that reproduces its scores and passes its tests). zxcvbn was chosen over a list of our
// own because it prices combinations (a common word plus a year, a word typed twice, l33t
// substitutions) that no list enumerates, and its algorithm and data are frozen, so an
// old release is not a stale one; github.com/nbutton23/zxcvbn-go and its fork are a
// looser re-implementation that does not reproduce zxcvbn's scores. zxcvbn knows English
// words and the qwerty keyboard only, so Check adds what a cracker in Moldova would try
// too: common passwords and words in Romanian, Ukrainian and Russian, Romanian words
// without their diacritics, and Cyrillic text as the Latin keys it is typed on (пароль is
// gfhjkm, one of the most common passwords there is).
package strength

import (
	"strings"
	"unicode/utf8"

	"github.com/trustelem/zxcvbn"
	"github.com/trustelem/zxcvbn/match"
)

// MinLength is the shortest passphrase accepted, in characters, however unusual it is:
// an attacker who does not bother with patterns still finds a short one by trying all.
const MinLength = 10

// MinGuesses is how many guesses a passphrase must need, by zxcvbn's estimate, to be
// accepted: zxcvbn's score 3, "safely unguessable: moderate protection from an offline
// slow-hash scenario", which is the scrypt-protected key file on a lost laptop.
const MinGuesses = 1e8

// goodGuesses is zxcvbn's score 4 ("very unguessable"): below it an accepted passphrase
// gets a tip to add a word.
const goodGuesses = 1e10

// maxEstimated bounds the characters given to zxcvbn, whose matching takes time in the
// square of the length; the rest of a longer passphrase only adds to its strength.
const maxEstimated = 100

// Problem says why a passphrase is refused.
type Problem int

// The problems Check finds, the most telling first.
const (
	OK        Problem = iota
	TooShort          // fewer than MinLength characters
	Common            // a common password or word, possibly with digits or l33t
	Keyboard          // neighbouring keys: qwerty, 1qaz2wsx, йцукен
	Sequence          // a run: 12345, abcde, zyxw
	Repeated          // the same characters again: aaaa, abcabc
	Date              // a date or a recent year
	Guessable         // patterns together that are guessed early, none of them dominant
)

// Result is what Check found about a new passphrase.
type Result struct {
	Length  int     // in characters
	Guesses float64 // zxcvbn's estimate of the guesses needed
	Problem Problem
	// Moderate is true for an accepted passphrase that one more word would make much
	// stronger.
	Moderate bool
}

// Acceptable reports whether the passphrase may protect the key.
func (r Result) Acceptable() bool { return r.Problem == OK }

// Check rates a new passphrase. It is the one check wherever a passphrase is set: the key
// made on the first real interview, and a changed passphrase.
func Check(p string) Result {
	r := Result{Length: utf8.RuneCountInString(p)}
	if r.Length < MinLength {
		r.Problem = TooShort
		return r
	}
	if !utf8.ValidString(p) {
		p = strings.ToValidUTF8(p, "\uFFFD")
	}
	if r.Length > maxEstimated {
		p = string([]rune(p)[:maxEstimated])
	}
	var best zxcvbn.Result
	for i, c := range variants(p) {
		res := zxcvbn.PasswordStrength(c, localWords)
		if i == 0 || res.Guesses < best.Guesses {
			best = res
		}
	}
	r.Guesses = best.Guesses
	switch {
	case r.Guesses < MinGuesses:
		r.Problem = problemOf(best.Sequence)
	case r.Guesses < goodGuesses:
		r.Moderate = true
	}
	return r
}

// variants returns p and the other spellings a cracker would try for it: Cyrillic typed
// as the Latin keys under the fingers, Romanian without diacritics.
func variants(p string) []string {
	out := []string{p}
	if k := latinKeys(p); k != p {
		out = append(out, k)
	}
	if f := foldDiacritics(p); f != p {
		out = append(out, f)
	}
	return out
}

// problemOf names the pattern that covers most of the passphrase in zxcvbn's cheapest
// reading of it.
func problemOf(seq []*match.Match) Problem {
	cover := map[Problem]int{}
	for _, m := range seq {
		var p Problem
		switch m.Pattern {
		case "dictionary":
			p = Common
		case "spatial":
			p = Keyboard
		case "sequence":
			p = Sequence
		case "repeat":
			p = Repeated
		case "date", "regex":
			p = Date
		default: // bruteforce: the characters no pattern explains
			continue
		}
		cover[p] += m.J - m.I + 1
	}
	best, most := Guessable, 0
	for p := Common; p < Guessable; p++ {
		if cover[p] > most {
			best, most = p, cover[p]
		}
	}
	return best
}

// keys maps the letters of the Russian and Ukrainian ЙЦУКЕН layouts and of the Romanian
// standard layout to the Latin key they are typed with.
var keys = func() map[rune]rune {
	m := map[rune]rune{}
	add := func(from, to string) {
		t := []rune(to)
		for i, r := range []rune(from) {
			m[r] = t[i]
		}
	}
	add("йцукенгшщзхъфывапролджэячсмитьбюё", "qwertyuiop[]asdfghjkl;'zxcvbnm,.`")
	add("іїєґ", "s]'`")        // Ukrainian letters on the keys of ы, ъ, э, ё
	add("ăîâșşțţ", "[]\\;;''") // Romanian standard layout (SR 13392)
	return m
}()

// latinKeys returns p as typed on the Latin layout of the same keys, lower-cased: the
// keyboard walk йцукен is qwerty, and пароль is gfhjkm.
func latinKeys(p string) string {
	return strings.Map(func(r rune) rune {
		if k, ok := keys[r]; ok {
			return k
		}
		return r
	}, strings.ToLower(p))
}

// foldDiacritics returns p with the Romanian letters written without their diacritics,
// as many people type them (parolă is parola).
func foldDiacritics(p string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case 'ă', 'â', 'Ă', 'Â':
			return 'a'
		case 'î', 'Î':
			return 'i'
		case 'ș', 'ş', 'Ș', 'Ş':
			return 's'
		case 'ț', 'ţ', 'Ț', 'Ţ':
			return 't'
		}
		return r
	}, p)
}

// localWords are common passwords and password words in Romanian (without diacritics, as
// foldDiacritics leaves them), Russian and Ukrainian (as latinKeys leaves them), most
// common first: zxcvbn ranks them as its own "user inputs" dictionary. zxcvbn's English
// lists already hold the Latin-typed Russian passwords that leaked most often.
var localWords = func() []string {
	ro := []string{
		"parola", "parolamea", "iubire", "dragoste", "iubita", "iubitul", "moldova",
		"chisinau", "romania", "bucuresti", "salut", "buna", "bunaziua", "mama", "tata",
		"familia", "soare", "floare", "pisica", "catel", "fotbal", "dumnezeu", "secret",
		"doamne", "frumoasa", "printesa", "ingeras", "comoara", "viata", "libertate",
		"parolanoua", "intrare", "acasa", "copii", "prieten", "prietena",
	}
	cyr := []string{
		"пароль", "мойпароль", "любовь", "привет", "солнышко", "котенок", "зайка",
		"наташа", "марина", "светлана", "олег", "сергей", "андрей", "максим", "мама",
		"папа", "семья", "москва", "россия", "киев", "кишинев", "молдова", "секрет",
		"футбол", "господь", "надежда", "свобода", "кохання", "сонечко", "україна",
		"київ", "кишинів", "родина", "щастя", "счастье", "друг", "подруга", "вход",
		"новыйпароль", "пароль123", "ястреб", "люблютебя", "коханий", "кохана",
	}
	out := make([]string, 0, len(ro)+len(cyr))
	out = append(out, ro...)
	for _, w := range cyr {
		out = append(out, latinKeys(w))
	}
	return out
}()
