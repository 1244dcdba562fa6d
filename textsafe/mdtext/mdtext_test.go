package mdtext

import "testing"

// Each expectation was written by hand from CommonMark's rules, not copied from the output.
func TestEscape(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		in, want string
	}{
		{in: "Plain text, with (parentheses) and 3.5 kg.", want: "Plain text, with (parentheses) and 3.5 kg."},
		{in: "[click](http://x)", want: `\[click\](http://x)`},
		{in: "<script>alert(1)</script>", want: `\<script\>alert(1)\</script\>`},
		{in: "a | b", want: `a \| b`},
		{in: "# not a heading", want: `\# not a heading`},
		{in: "`code`", want: "\\`code\\`"},
		{in: `back\slash`, want: `back\\slash`},
		{in: "~~gone~~", want: `\~\~gone\~\~`},
		{in: "*loud* and **louder**", want: `\*loud\* and \*\*louder\*\*`},
		{in: "presumed_victim", want: "presumed_victim"},
		{in: "_emphasis_", want: `\_emphasis\_`},
		{in: "snake_ end", want: `snake\_ end`},
		{in: "Tom & Jerry", want: "Tom & Jerry"},
		{in: "&lt;b&gt; &#60;", want: `\&lt;b\&gt; \&\#60;`},
		{in: "Лист «від мами»_2", want: "Лист «від мами»\\_2"},
		{in: "поїздка_туди", want: "поїздка_туди"},
	} {
		if got := Escape(c.in); got != c.want {
			t.Errorf("Escape(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestLineStart(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ in, want string }{
		{"- a list?", `\- a list?`},
		{"+ plus", `\+ plus`},
		{"= underline", `\= underline`},
		{"---", `\---`},
		{"1. first", `1\. first`},
		{"12) twelfth", `12\) twelfth`},
		{"2026-11-27", "2026-11-27"},
		{"3.5 kg", "3.5 kg"},
		{"1.", `1\.`},
		{"Normal line", "Normal line"},
		{"", ""},
	} {
		if got := LineStart(c.in); got != c.want {
			t.Errorf("LineStart(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
