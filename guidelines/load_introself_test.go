package guidelines

import (
	"os"
	"strings"
	"testing"
)

// withIntroSelf returns testdata/minimal.yaml with block inserted under the section's title,
// so its first line is line 16.
func withIntroSelf(t *testing.T, block string) string {
	t.Helper()
	base, err := os.ReadFile("testdata/minimal.yaml")
	if err != nil {
		t.Fatal(err)
	}
	const anchor = "    title: {en: Main, ro: Principal}\n"
	src := strings.Replace(string(base), anchor, anchor+block, 1)
	if src == string(base) {
		t.Fatal("anchor not found in testdata/minimal.yaml")
	}
	return src
}

// A section's intro_self loads in every language next to its intro, so self mode has the
// text written for a person reading alone.
func TestIntroSelfLoads(t *testing.T) {
	src := withIntroSelf(t, "    intro: {en: \"My name is …\", ro: \"Mă numesc …\"}\n"+
		"    intro_self: {en: \"These questions are **from** the service.\", ro: \"Aceste întrebări vin de la serviciu.\"}\n")
	g, ds := LoadBytes("p.yaml", []byte(src))
	if g == nil || len(ds) != 0 {
		t.Fatalf("does not load cleanly: %v", ds)
	}
	s := g.Sections[0]
	if s.IntroSelf["en"] != "These questions are **from** the service." || s.IntroSelf["ro"] != "Aceste întrebări vin de la serviciu." {
		t.Errorf("intro_self = %v", s.IntroSelf)
	}
	if s.Intro["en"] != "My name is …" {
		t.Errorf("intro = %v, want the interviewer's text kept", s.Intro)
	}
}

// A missing translation of intro_self is an error at the text's own line and column, as for
// intro: self mode would otherwise show the person nothing in their language.
func TestIntroSelfMissingTranslation(t *testing.T) {
	src := withIntroSelf(t, "    intro_self: {en: \"Hello.\"}\n")
	g, ds := LoadBytes("p.yaml", []byte(src))
	if g != nil {
		t.Error("a guideline with an untranslated intro_self loads")
	}
	for _, d := range ds {
		if d.Code == "missing_translation" {
			if d.Pos.Line != 16 || d.Pos.Col != 17 || d.Args["Path"] != "sections[0].intro_self" || d.Args["Field"] != "main (1) › intro_self" || d.Args["Lang"] != "ro" {
				t.Errorf("got %s, want p.yaml:16:17 for sections[0].intro_self in ro", d.Error())
			}
			if !strings.HasPrefix(d.Error(), "p.yaml:16:17: error:") {
				t.Errorf("not located at file:line:col: %s", d.Error())
			}
			return
		}
	}
	t.Errorf("no missing_translation finding in %v", ds)
}

// A misspelt intro_self is an unknown key with the right spelling suggested, not silently
// ignored (self mode would then show the interviewer's intro).
func TestIntroSelfTypoSuggested(t *testing.T) {
	src := withIntroSelf(t, "    intro_slef: {en: \"Hello.\", ro: \"Bună.\"}\n")
	_, ds := LoadBytes("p.yaml", []byte(src))
	for _, d := range ds {
		if d.Code == "unknown_key" {
			if d.Args["Suggestion"] != "intro_self" || d.Pos.Line != 16 || d.Pos.Col != 5 {
				t.Errorf("got %s, want a suggestion of intro_self at 16:5", d.Error())
			}
			if !strings.Contains(d.Error(), "intro_self") {
				t.Errorf("the message does not name intro_self: %s", d.Error())
			}
			return
		}
	}
	t.Errorf("no unknown_key finding in %v", ds)
}

// Control characters in intro_self are refused like in every text: it reaches a terminal.
func TestIntroSelfControlChar(t *testing.T) {
	src := withIntroSelf(t, "    intro_self: {en: \"Hi\\e[2J\", ro: \"Bună.\"}\n")
	g, ds := LoadBytes("p.yaml", []byte(src))
	if g != nil || !strings.Contains(render(ds), "[control_char]") {
		t.Errorf("an escape sequence in intro_self is not refused: %v", ds)
	}
}

// IntroFor gives a person alone the intro_self, and the spoken intro otherwise or when the
// section has no intro_self (files written before intro_self keep working).
func TestIntroFor(t *testing.T) {
	spoken, onScreen := Text{"en": "My name is …"}, Text{"en": "These questions come from the service."}
	both := &Section{Intro: spoken, IntroSelf: onScreen}
	only := &Section{Intro: spoken}
	none := &Section{}
	for _, c := range []struct {
		s     *Section
		alone bool
		want  Text
	}{{both, true, onScreen}, {both, false, spoken}, {only, true, spoken}, {only, false, spoken}, {none, true, nil}} {
		if got := c.s.IntroFor(c.alone); got["en"] != c.want["en"] || (got == nil) != (c.want == nil) {
			t.Errorf("IntroFor(%v) on %+v = %v, want %v", c.alone, c.s, got, c.want)
		}
	}
}
