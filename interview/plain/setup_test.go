package plain

import (
	"bytes"
	"strings"
	"testing"

	"github.com/earlyid/earlyid/interview"
)

// On a terminal, plain mode asks the setup the flags left open — the person's and the
// interviewer's language, the place, role and institution, the interpreter — before the
// first question, and the answers are the session's; the next prompts speak the chosen
// interviewer's language.
func TestPlainSetupIsAskedOnATerminal(t *testing.T) {
	g := openGuideline(t, "mixed-flows-md")
	e := newEngine(t, g, interview.ModeReal, "en", "en", interview.NewMemoryStore(), nil)
	var out bytes.Buffer
	in := "9\n2\n3\nBălți\nofițer de frontieră\n\nd\n:quit\n" // 9 is no language: asked again
	if _, err := Run(e, strings.NewReader(in), &out, Options{Prompt: true, Setup: Setup{AskLang: true, AskUILang: true, AskInterpreter: true}}); err != nil {
		t.Fatal(err)
	}
	s := e.Session()
	if s.Lang != g.Languages[1] || s.UILang != "uk" || !s.Interpreter || s.Place != "Bălți" || s.InterviewerRole != "ofițer de frontieră" || s.Institution != "" {
		t.Errorf("setup gave lang %s, ui %s, interpreter %v, header %q/%q/%q", s.Lang, s.UILang, s.Interpreter, s.Place, s.InterviewerRole, s.Institution)
	}
	text := out.String()
	for _, want := range []string{
		"Person's language: type its number (Enter: English)",
		"Type one of the numbers shown, or press Enter.",
		"Місце співбесіди (Enter — залишити порожнім)", // asked in Ukrainian, chosen just before
		"Присутній перекладач: т = так, н = ні (Enter — Ні)",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the setup lacks %q:\n%s", want, text)
		}
	}
}

// In a script (input not a terminal) nothing is asked: the flags and defaults apply, and
// the values are printed once, so the log shows what the interview ran with.
func TestPlainSetupInAScriptIsPrinted(t *testing.T) {
	g := openGuideline(t, "mixed-flows-md")
	e := newEngine(t, g, interview.ModeReal, "uk", "en", interview.NewMemoryStore(), nil)
	_, out := run(t, e, ":quit\n")
	if n := strings.Count(out, "Setup: Person's language: Українська · Interviewer's language: English · Interpreter present: No"); n != 1 {
		t.Errorf("the setup's values are printed %d times, want once:\n%s", n, out)
	}
	if strings.Contains(out, "type its number") {
		t.Errorf("a script was asked the setup:\n%s", out)
	}
}
