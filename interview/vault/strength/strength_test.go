package strength

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func TestCheck(t *testing.T) {
	tests := []struct {
		p    string
		want Problem
	}{
		// The four the security review saw make a key.
		{"1234567890", Sequence},
		{"password12", Common},
		{"qwertyuiop", Keyboard},
		{"abcdefghij", Sequence},
		// What a cracker tries early, in the four languages.
		{"", TooShort},
		{"Tr0ub4dor", TooShort},
		{"aaaaaaaaaaaa", Repeated},
		{"abcabcabcabc", Repeated},
		{"secretsecret", Repeated},
		{"1qaz2wsx3edc", Keyboard},
		{"zaq12wsxcde3", Keyboard},
		{"йцукенгшщз", Keyboard},  // qwertyuiop on the Russian layout
		{"фывапролджэ", Keyboard}, // asdfghjkl;' on the Russian layout
		{"9876543210", Sequence},
		{"zyxwvutsrq", Sequence},
		{"p4ssw0rd123", Common},  // l33t
		{"iub1re2024!", Common},  // l33t, 1 for i
		{"пароль123456", Common}, // gfhjkm, the Russian "password"
		{"парольпароль", Repeated},
		{"кохання2020", Common}, // Ukrainian "love" and a year
		{"parolă12345", Common}, // Romanian "password", with its diacritic
		{"chisinau2024", Common},
		{"Natasha1988", Common},   // a Russian name in Latin letters
		{"teiubescmult", Common},  // "I love you very much", run together
		{"ПарольМой2024", Common}, // "my password" and a year
		{"Password2019!", Common},
		{"iubire soare", Common}, // two of the commonest words
		{"01.01.199001", Date},
		{"01.03.2023!", Date},
		{"20230301abc", Date},
		{"1990-12-31!", Date},
		{"31/12/99abcd", Date},
		{"199920002024", Date},
		// Several unrelated words, the advice the messages give.
		{"correct horse battery staple", OK},
		{"корова ест траву на лугу", OK},
		{"vulpea bea ceai cu lămâie", OK},
		{"кіт спить на теплій печі", OK},
		{"ceai verde la Soroca", OK},
		{"кіт спить на дивані", OK},
		{"лиса бежит через поле", OK},
		{"k9#mQ2vL!x7p", OK}, // random characters, no word in them
	}
	for _, tt := range tests {
		r := Check(tt.p)
		if r.Problem != tt.want {
			t.Errorf("Check(%q) = %+v; want problem %v", tt.p, r, tt.want)
		}
		if r.Acceptable() != (tt.want == OK) {
			t.Errorf("Check(%q).Acceptable() = %v; want %v", tt.p, r.Acceptable(), tt.want == OK)
		}
	}
}

// TestCheckModerate: a passphrase that is accepted but would gain from one more word gets
// the tip; four words do not.
func TestCheckModerate(t *testing.T) {
	for _, p := range []string{"maria iubire 7", "pisica soare2024"} {
		if r := Check(p); !r.Acceptable() || !r.Moderate {
			t.Errorf("Check(%q) = %+v; want accepted with the tip", p, r)
		}
	}
	if r := Check("correct horse battery staple"); r.Moderate {
		t.Errorf("Check(four words) = %+v; want no tip", r)
	}
}

// TestCheckLeet: undoing l33t is not free, but it is far from what random characters cost.
func TestCheckLeet(t *testing.T) {
	plain, leet := Check("passwordpassw"), Check("p4$$w0rdpassw")
	if leet.Acceptable() || leet.Guesses <= plain.Guesses {
		t.Errorf("Check(p4$$w0rdpassw) = %+v; want refused, and above %v", leet, plain.Guesses)
	}
}

// TestCheckEveryListedWord: every word of the lists is found as a user types it in its own
// script, and refused with a run of digits after it.
func TestCheckEveryListedWord(t *testing.T) {
	for _, list := range [][]string{passwords, romanian, russian, ukrainian} {
		for _, w := range list {
			if n := utf8.RuneCountInString(w); n < 3 || n > maxWord {
				t.Errorf("%q has %d characters; only words of 3 to %d are matched", w, n, maxWord)
			}
			s, _ := normalize(w)
			if _, ok := words()[string(s)]; !ok {
				t.Errorf("%q is not found as typed (%q)", w, string(s))
			}
			if r := Check(w + "1234567"); r.Acceptable() {
				t.Errorf("Check(%q) = %+v; want refused", w+"1234567", r)
			}
		}
	}
}

// TestCheckLongIsFast: a passphrase file may hold 4 KB on its first line; rating it must
// not make the user wait, however repetitive it is.
func TestCheckLongIsFast(t *testing.T) {
	for _, p := range []string{strings.Repeat("ab1 xy2 ", 512), strings.Repeat("a", 4096), strings.Repeat("лиса бежит через поле ", 100)} {
		start := time.Now()
		r := Check(p)
		if d := time.Since(start); d > time.Second {
			t.Errorf("Check of a %d-byte passphrase took %v", len(p), d)
		}
		if p == strings.Repeat("a", 4096) && r.Acceptable() {
			t.Errorf("Check(4096 a) = %+v; want refused", r)
		}
	}
}

// FuzzCheck: any first line of a passphrase file is rated without a panic, and what is
// refused is refused for a reason the messages name.
func FuzzCheck(f *testing.F) {
	for _, p := range []string{"01.03.2023!", "1qaz2wsx3edc", "p4ssw0rd123", "парольпароль", "31/12/99abcd", "..-..-2023x", "\xff\xfe1234567890"} {
		f.Add(p)
	}
	f.Fuzz(func(t *testing.T, p string) {
		r := Check(p)
		if r.Problem < OK || r.Problem > Guessable {
			t.Errorf("Check(%q) = %+v; the problem has no message", p, r)
		}
		if r.Problem != TooShort && r.Acceptable() != (r.Guesses >= MinGuesses) {
			t.Errorf("Check(%q) = %+v; accepted against its estimate", p, r)
		}
	})
}
