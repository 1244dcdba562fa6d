// Package strength decides whether a new passphrase may protect the key to real sessions.
//
// Whoever holds a lost laptop can try passphrases offline for as long as they like; scrypt
// makes each try cost about a second on one core, which protects a passphrase that needs
// more than 10⁸ guesses, not one that is among the first tried. Crackers try, in order,
// the most common passwords and words, keyboard walks (qwerty, and the same keys typed on
// a Cyrillic layout: йцукен), runs (12345, abcde), repeats and dates — so those are
// refused, whatever their length.
//
// The estimate is earlyid's own code and word lists. Its model is the one D. L. Wheeler
// published in "zxcvbn: Low-Budget Password Strength Estimation" (USENIX Security 2016):
// normalise the passphrase as a cracker's rules would, read it as the cheapest series of
// pieces that a cracker's generators produce — a listed word, a keyboard walk, a run, a
// repeat, a date, or single characters — and multiply what each piece costs to guess.
// Check knows what a cracker in Moldova tries: common passwords and words in
// Romanian, Ukrainian, Russian and English, Romanian without its diacritics, and Cyrillic
// text as the Latin keys it is typed on (пароль is gfhjkm, one of the most common
// passwords there is).
package strength

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MinLength is the shortest passphrase accepted, in characters, however unusual it is:
// an attacker who does not bother with patterns still finds a short one by trying all.
const MinLength = 10

// MinGuesses is how many guesses a passphrase must need to be accepted: at scrypt's one
// second a guess, 10⁸ guesses are three years of one core, enough against an offline
// attack on the key file of a lost laptop, while what crackers try first falls in hours.
const MinGuesses = 1e8

// goodGuesses is a hundred times MinGuesses: below it an accepted passphrase gets a tip to
// add a word, since a cracker with a hundred cores would get through it.
const goodGuesses = 1e10

// maxEstimated bounds the characters estimated. Matching is linear in the length with a
// large constant (every word length and every repeat unit at every position); a piece only
// multiplies the guesses, so the rest of a longer passphrase only adds to its strength.
const maxEstimated = 256

// pieceFactor is what each piece after the first multiplies the guesses by: a cracker
// does not know how many pieces there are or which generator made each, and must try the
// combinations. Consecutive single characters are one piece.
const pieceFactor = 10

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
	Guesses float64 // the estimate of the guesses a cracker needs
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
	s, card := normalize(p)
	if len(s) > maxEstimated {
		s, card = s[:maxEstimated], card[:maxEstimated]
	}
	logGuesses, pieces := estimate(s, card, map[string]float64{})
	r.Guesses = math.Pow(10, logGuesses)
	switch {
	case r.Guesses < MinGuesses:
		r.Problem = problemOf(pieces)
	case r.Guesses < goodGuesses:
		r.Moderate = true
	}
	return r
}

// normalize returns p as a cracker's rules see it, one rune for each of p's: lower case,
// Romanian without its diacritics, Cyrillic as the Latin keys it is typed on. card is, for
// each rune, the size of the alphabet it was typed from, the guesses a character no
// pattern explains costs.
func normalize(p string) (s []rune, card []float64) {
	for _, r := range p {
		c := 33.0 // punctuation, symbols, spaces
		switch {
		case r >= '0' && r <= '9':
			c = 10
		case unicode.Is(unicode.Cyrillic, r):
			c = 33
		case unicode.IsLetter(r) && r < 0x250:
			c = 26 // Latin, with or without diacritics
		}
		r = unicode.ToLower(r)
		r = []rune(foldDiacritics(string(r)))[0]
		r, _ = keyOf(r)
		s = append(s, r)
		card = append(card, c)
	}
	return s, card
}

// piece is one part of the cheapest reading of a passphrase: runes [i, j) guessed by one
// generator, at log10 guesses.
type piece struct {
	i, j int
	kind Problem // OK for a character that no pattern explains
	log  float64
}

// reading is the cheapest reading found of a passphrase's first runes.
type reading struct {
	set     bool
	log     float64 // log10 of its guesses, pieceFactor included
	last    piece
	prevGap bool // whether the reading before last ends in a single character
}

// relax keeps in dst the cheaper of dst and r.
func relax(dst *reading, r reading) {
	if !dst.set || r.log < dst.log {
		*dst = r
	}
}

// estimate returns log10 of the guesses for s and the pieces of its cheapest reading. The
// reading is a shortest path over positions; a state is a position and whether the reading
// up to it ends in a single character, so that consecutive single characters are one
// piece and pay pieceFactor once.
func estimate(s []rune, card []float64, memo map[string]float64) (float64, []piece) {
	n := len(s)
	factor := math.Log10(pieceFactor)
	dp := make([][2]reading, n+1)
	dp[0][0] = reading{set: true, log: -factor} // the first piece is not a combination
	for i := range n {
		ms := matches(s, card, i, memo)
		c := math.Log10(card[i])
		for gap := range 2 {
			from := dp[i][gap]
			if !from.set {
				continue
			}
			cost := from.log + c
			if gap == 0 {
				cost += factor
			}
			relax(&dp[i+1][1], reading{set: true, log: cost, last: piece{i, i + 1, OK, c}, prevGap: gap == 1})
			for _, m := range ms {
				relax(&dp[m.j][0], reading{set: true, log: from.log + factor + m.log, last: m, prevGap: gap == 1})
			}
		}
	}
	gap := 0
	if !dp[n][0].set || dp[n][1].set && dp[n][1].log < dp[n][0].log {
		gap = 1
	}
	total := math.Max(dp[n][gap].log, 0)
	var pieces []piece
	for j := n; j > 0; {
		r := dp[j][gap]
		pieces = append(pieces, r.last)
		j = r.last.i
		gap = 0
		if r.prevGap {
			gap = 1
		}
	}
	return total, pieces
}

// problemOf names the pattern that covers most of the passphrase in its cheapest reading;
// Guessable when single characters that no pattern explains cover more than any pattern.
func problemOf(pieces []piece) Problem {
	cover := map[Problem]int{}
	for _, p := range pieces {
		cover[p.kind] += p.j - p.i
	}
	best, most := Guessable, 0
	for p := Common; p < Guessable; p++ {
		if cover[p] > most {
			best, most = p, cover[p]
		}
	}
	if cover[OK] > most {
		return Guessable
	}
	return best
}

// matches returns the pieces a cracker's generators produce that start at s[i].
func matches(s []rune, card []float64, i int, memo map[string]float64) []piece {
	var out []piece
	out = append(out, wordMatches(s, i)...)
	out = append(out, walkMatches(s, i)...)
	out = append(out, runMatches(s, i)...)
	out = append(out, repeatMatches(s, card, i, memo)...)
	out = append(out, dateMatches(s, i)...)
	return out
}

// maxWord is the longest entry of the word list, in runes.
const maxWord = 16

// unleet returns what crackers' rules put back for a usual l33t substitution; 1 stands
// for i (way 0) or l (way 1), so it is read both ways.
func unleet(r rune, way int) (rune, bool) {
	switch r {
	case '0':
		return 'o', true
	case '1':
		if way == 1 {
			return 'l', true
		}
		return 'i', true
	case '3':
		return 'e', true
	case '4', '@':
		return 'a', true
	case '5', '$':
		return 's', true
	case '7':
		return 't', true
	}
	return r, false
}

// wordMatches finds the listed words at s[i], as typed and with l33t undone; a word costs
// its rank, doubled for each substituted character (a rule tried later).
func wordMatches(s []rune, i int) []piece {
	list := words()
	var out []piece
	buf := make([]rune, 0, maxWord)
	for j := i + 3; j <= len(s) && j-i <= maxWord; j++ {
		best := math.Inf(1)
		if rank, ok := list[string(s[i:j])]; ok {
			best = float64(rank)
		}
		for way := range 2 {
			buf, subs := buf[:0], 0
			for _, r := range s[i:j] {
				r, ok := unleet(r, way)
				if ok {
					subs++
				}
				buf = append(buf, r)
			}
			if rank, ok := list[string(buf)]; ok && subs > 0 {
				best = math.Min(best, float64(rank)*math.Pow(2, float64(subs)))
			}
		}
		if !math.IsInf(best, 1) {
			out = append(out, piece{i, j, Common, math.Log10(best)})
		}
	}
	return out
}

// keyRows are the rows of a qwerty keyboard, each shifted half a key right of the row
// above, as keyboards are: q sits below 1 and 2, a below q and w.
var keyRows = []string{"1234567890-=", "qwertyuiop[]", "asdfghjkl;'", "zxcvbnm,./"}

// keyAt returns the row and column of a key, or ok false for one not on keyRows.
func keyAt(r rune) (row, col int, ok bool) {
	for row, keys := range keyRows {
		if col := strings.IndexRune(keys, r); col >= 0 {
			return row, col, true
		}
	}
	return 0, 0, false
}

// keyCount is the number of keys on keyRows, the starts a walk can have.
const keyCount = 45

// walkMatches finds keyboard walks of three keys or more at s[i]: each key a neighbour of
// the one before on the same row or the rows above and below (1qaz, qwerty, zaq1), or the
// top of the next column after a column walked down (1qaz2wsx). A walk costs its start,
// its length, and a factor for each change of direction.
func walkMatches(s []rune, i int) []piece {
	var out []piece
	row, col, ok := keyAt(s[i])
	if !ok {
		return nil
	}
	turns, dr, dc := 0, 0, 0
	for j := i + 1; j < len(s); j++ {
		r, c, ok := keyAt(s[j])
		if !ok {
			break
		}
		nr, nc := r-row, c-col
		switch {
		case nr == 0 && (nc == 1 || nc == -1) || nr == 1 && (nc == 0 || nc == -1) || nr == -1 && (nc == 0 || nc == 1):
			if j > i+1 && (nr != dr || nc != dc) {
				turns++
			}
			dr, dc = nr, nc
		case dr == 1 && dc == 0 && row == len(keyRows)-1 && r == 0 && (nc == 1 || nc == -1):
			// Down one column and on to the top of the next: 1qaz2wsx.
			turns++
		default:
			return out
		}
		row, col = r, c
		if n := j + 1 - i; n >= 3 {
			out = append(out, piece{i, j + 1, Keyboard, math.Log10(keyCount * float64(n) * math.Pow(6, float64(turns)))})
		}
	}
	return out
}

// runMatches finds runs of three letters or digits or more at s[i] that go up or down by
// one (abcd, 4321; 7890 wraps, as the number row does). A run costs its start (a, z, 0, 1
// and 9 are tried first), its length, and twice as much going down.
func runMatches(s []rune, i int) []piece {
	digit := func(r rune) bool { return r >= '0' && r <= '9' }
	letter := func(r rune) bool { return r >= 'a' && r <= 'z' }
	if !digit(s[i]) && !letter(s[i]) {
		return nil
	}
	step := func(a, b rune) int {
		d := int(b - a)
		if digit(a) && digit(b) {
			d = (d + 10) % 10
			if d == 9 {
				d = -1
			}
		} else if !letter(a) || !letter(b) {
			return 0
		}
		return d
	}
	start := 26.0
	if digit(s[i]) {
		start = 10
	}
	if strings.ContainsRune("az019", s[i]) {
		start = 4
	}
	var out []piece
	dir := 0
	for j := i + 1; j < len(s); j++ {
		d := step(s[j-1], s[j])
		if d != 1 && d != -1 || dir != 0 && d != dir {
			break
		}
		dir = d
		if n := j + 1 - i; n >= 3 {
			g := start * float64(n)
			if dir < 0 {
				g *= 2
			}
			out = append(out, piece{i, j + 1, Sequence, math.Log10(g)})
		}
	}
	return out
}

// repeatMatches finds a unit typed two times or more at s[i] (aaaa, abcabc, a word twice).
// A repeat costs its unit's own estimate times the count; each unit is estimated once.
func repeatMatches(s []rune, card []float64, i int, memo map[string]float64) []piece {
	var out []piece
	for l := 1; i+2*l <= len(s); l++ {
		k := 1
		for i+(k+1)*l <= len(s) && equal(s[i+k*l:i+(k+1)*l], s[i:i+l]) {
			k++
		}
		// A unit that is itself a repeat (abab in abababab) is the shorter one's repeat.
		if k < 2 || !primitive(s[i:i+l]) {
			continue
		}
		key := string(s[i : i+l])
		u, ok := memo[key]
		if !ok {
			u, _ = estimate(s[i:i+l], card[i:i+l], memo)
			memo[key] = u
		}
		out = append(out, piece{i, i + k*l, Repeated, u + math.Log10(float64(k))})
	}
	return out
}

// equal reports whether a and b hold the same runes.
func equal(a, b []rune) bool {
	if len(a) != len(b) {
		return false
	}
	for k := range a {
		if a[k] != b[k] {
			return false
		}
	}
	return true
}

// primitive reports whether u is not a shorter unit repeated.
func primitive(u []rune) bool {
	for p := 1; p <= len(u)/2; p++ {
		if len(u)%p == 0 && equal(u[p:], u[:len(u)-p]) {
			return false
		}
	}
	return true
}

// thisYear is the year dates are guessed around; a cracker tries the years near it first.
const thisYear = 2026

// yearGuesses is what a year costs: the years around thisYear, at least twenty of them.
func yearGuesses(y int) float64 {
	return math.Max(math.Abs(float64(y-thisYear)), 20)
}

// dateMatches finds at s[i] a year from 1900 to 2039, or a date: day, month and year in
// any of the usual orders, with or without a separator (01.03.2023, 1/3/23, 20230301,
// 010323). A date costs its 365 days times its year's cost, four times as much with a
// separator.
func dateMatches(s []rune, i int) []piece {
	var out []piece
	digits := func(t []rune) (int, bool) {
		v := 0
		for _, r := range t {
			if r < '0' || r > '9' {
				return 0, false
			}
			v = v*10 + int(r-'0')
		}
		return v, len(t) > 0
	}
	if i+4 <= len(s) {
		if y, ok := digits(s[i : i+4]); ok && y >= 1900 && y <= 2039 {
			out = append(out, piece{i, i + 4, Date, math.Log10(yearGuesses(y))})
		}
	}
	for j := i + 6; j <= len(s) && j-i <= 10; j++ {
		if g, ok := parseDate(s[i:j], digits); ok {
			out = append(out, piece{i, j, Date, math.Log10(g)})
		}
	}
	return out
}

// parseDate returns the guesses for t if t is a whole date, and ok false otherwise.
func parseDate(t []rune, digits func([]rune) (int, bool)) (float64, bool) {
	var parts [][]rune
	var cut rune
	for _, r := range t {
		if r < '0' || r > '9' {
			cut = r
			break
		}
	}
	sep := cut != 0
	if sep {
		if !strings.ContainsRune("./-_ ", cut) {
			return 0, false
		}
		start := 0
		for k, r := range t {
			if r == cut {
				parts = append(parts, t[start:k])
				start = k + 1
			}
		}
		parts = append(parts, t[start:])
		if len(parts) != 3 {
			return 0, false
		}
	} else {
		// Without a separator, every split into 2 or 4 year digits and 2 each for day and
		// month.
		switch len(t) {
		case 6:
			parts = [][]rune{t[:2], t[2:4], t[4:]}
		case 8:
			if g, ok := dateOf([][]rune{t[:4], t[4:6], t[6:]}, digits); ok {
				return g, true
			}
			parts = [][]rune{t[:2], t[2:4], t[4:]}
		default:
			return 0, false
		}
	}
	g, ok := dateOf(parts, digits)
	if ok && sep {
		g *= 4
	}
	return g, ok
}

// dateOf returns the guesses for a date given as its three parts: year last (day and month
// in either order) or year first.
func dateOf(parts [][]rune, digits func([]rune) (int, bool)) (float64, bool) {
	var v [3]int
	for k, p := range parts {
		n, ok := digits(p)
		if !ok || len(p) > 4 || len(p) == 3 {
			return 0, false
		}
		v[k] = n
	}
	dayMonth := func(a, b int) bool {
		return a >= 1 && b >= 1 && (a <= 31 && b <= 12 || a <= 12 && b <= 31)
	}
	year := func(k int) (int, bool) {
		y := v[k]
		switch len(parts[k]) {
		case 2:
			if y < 50 {
				return 2000 + y, true
			}
			return 1900 + y, true
		case 4:
			return y, y >= 1900 && y <= 2039
		}
		return 0, false
	}
	if y, ok := year(2); ok && len(parts[0]) <= 2 && len(parts[1]) <= 2 && dayMonth(v[0], v[1]) {
		return 365 * yearGuesses(y), true
	}
	if y, ok := year(0); ok && len(parts[1]) <= 2 && len(parts[2]) <= 2 && dayMonth(v[2], v[1]) {
		return 365 * yearGuesses(y), true
	}
	return 0, false
}

// cyrillicKeys are the letters of the Russian and Ukrainian ЙЦУКЕН layouts and latinKeys
// the Latin keys they are typed with, one for one (і, ї, є and ґ of Ukrainian are on the
// keys of ы, ъ, э and ё). Romanian letters are not here: a cracker drops their diacritics
// (foldDiacritics) rather than typing them on the keys of the Romanian layout. They are
// strings, not a map, so that loading the package costs nothing.
const (
	cyrillicKeys = "йцукенгшщзхъфывапролджэячсмитьбюёіїєґ"
	latinOfKeys  = "qwertyuiop[]asdfghjkl;'zxcvbnm,.`s]'`"
)

// keyOf returns the Latin key a lower-case Cyrillic letter is typed with.
func keyOf(r rune) (rune, bool) {
	to := latinOfKeys
	for _, c := range cyrillicKeys {
		k, size := utf8.DecodeRuneInString(to)
		to = to[size:]
		if c == r {
			return k, true
		}
	}
	return r, false
}

// latinKeys returns p as typed on the Latin layout of the same keys, lower-cased: the
// keyboard walk йцукен is qwerty, and пароль is gfhjkm.
func latinKeys(p string) string {
	return strings.Map(func(r rune) rune {
		k, _ := keyOf(r)
		return k
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
