package strength

import (
	"strings"
	"testing"
	"time"
)

func TestCheck(t *testing.T) {
	tests := []struct {
		p    string
		want Problem
	}{
		// The four the security review saw make a key.
		{"1234567890", Common}, // zxcvbn's list of leaked passwords has these two
		{"password12", Common},
		{"qwertyuiop", Common},
		{"abcdefghij", Sequence},
		// What a cracker tries early, in the four languages.
		{"", TooShort},
		{"Tr0ub4dor", TooShort},
		{"aaaaaaaaaaaa", Repeated},
		{"abcabcabcabc", Repeated},
		{"1qaz2wsx3edc", Common},
		{"йцукенгшщз", Common},    // qwertyuiop on the Russian layout
		{"фывапролджэ", Keyboard}, // asdfghjkl;' on the Russian layout
		{"9876543210", Sequence},
		{"пароль123456", Common}, // gfhjkm, the Russian "password"
		{"парольпароль", Repeated},
		{"кохання2020", Common}, // Ukrainian "love" and a year
		{"parolă12345", Common}, // Romanian "password", with its diacritic
		{"chisinau2024", Common},
		{"Password2019!", Common},
		{"01.01.199001", Date},
		// Several unrelated words, the advice the messages give.
		{"correct horse battery staple", OK},
		{"корова ест траву на лугу", OK},
		{"vulpea bea ceai cu lămâie", OK},
		{"кіт спить на теплій печі", OK},
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
	if r := Check("tulip anchor"); !r.Acceptable() || !r.Moderate {
		t.Errorf("Check(two words) = %+v; want accepted with the tip", r)
	}
	if r := Check("correct horse battery staple"); r.Moderate {
		t.Errorf("Check(four words) = %+v; want no tip", r)
	}
}

// TestCheckLongIsFast: a passphrase file may hold 4 KB on its first line; rating it must
// not take zxcvbn's quadratic time over all of it.
func TestCheckLongIsFast(t *testing.T) {
	p := strings.Repeat("ab1 xy2 ", 512)
	start := time.Now()
	Check(p)
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("Check of a 4 KB passphrase took %v", d)
	}
}
