package plain

import (
	"bytes"
	"strings"
	"testing"

	"github.com/earlyid/earlyid/interview"
	"github.com/earlyid/earlyid/locales"
)

// TestQuickExit: :x, or Ctrl+X anywhere in a line, under a question, at the postpone
// question, at the review or while typing remarks, saves what was answered before (not the
// line that asked for the exit), clears the screen when the output is a terminal (and only
// then writes an escape sequence), says how to clear the scroll-back, and reads no more.
func TestQuickExit(t *testing.T) {
	en := locales.New("en")
	for _, tt := range []struct {
		name, input string
		terminal    bool
	}{
		{":x at a question, terminal", "y\n:x\nnever read\n", true},
		{":X at a question, piped", "y\n:X\nnever read\n", false},
		{"Ctrl+X inside an answer", "y\nn\x18\nnever read\n", true},
		{"Ctrl+X inside a note", "y\n:note sec\x18ret\nnever read\n", true},
		{"at the postpone question", "n\n\x18\nnever read\n", true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			store, err := interview.NewTrainingStore(t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			e := exampleEngine(t, interview.ModeTraining, store)
			var out bytes.Buffer
			end, err := Run(e, strings.NewReader(tt.input), &out, Options{Terminal: tt.terminal})
			if err != nil || end != QuickExit {
				t.Fatalf("Run = %v, %v; want QuickExit\n%s", end, err, out.String())
			}
			text := out.String()
			cleared := strings.Index(text, clearScreen)
			if tt.terminal != (cleared >= 0) || strings.Count(text, "\x1b") != strings.Count(clearScreen, "\x1b")*boolInt(tt.terminal) {
				t.Errorf("terminal %v: clear at %d in %q", tt.terminal, cleared, text)
			}
			done := en.T("plain.quick_exit.done", map[string]any{"Cleared": tt.terminal})
			if !strings.HasSuffix(text, done+"\n") || !strings.Contains(done, "scroll-back") {
				t.Errorf("the output does not end with %q:\n%q", done, text)
			}
			if tt.terminal && cleared+len(clearScreen)+len(done)+1 != len(text) {
				t.Errorf("something is printed after the clear but the closing line:\n%q", text[cleared:])
			}
			s, err := store.Load("MD-PLAN-0001")
			if err != nil {
				t.Fatal(err)
			}
			if len(s.Answers.Values) != 1 {
				t.Errorf("saved answers %v; want only the one given before the quick exit", s.Answers.Values)
			}
			if len(s.Answers.Notes) != 0 {
				t.Errorf("the line with Ctrl+X was kept as a note: %v", s.Answers.Notes)
			}
		})
	}
}

// TestQuickExitAtTheReview: at the review and while typing the closing remarks, the quick
// exit stops before the result is shown, and keeps the remarks typed before it.
func TestQuickExitAtTheReview(t *testing.T) {
	g := openGuideline(t, "example")
	complete := strings.Join(answerLines(t, g, findScenario(t, "example-minor-kitchen").Answers), "\n") + "\n"
	for _, tail := range []string{":x\n", ":remarks\nfirst line\n\x18\n"} {
		store, err := interview.NewTrainingStore(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		e := exampleEngine(t, interview.ModeTraining, store)
		var out bytes.Buffer
		end, err := Run(e, strings.NewReader(complete+tail+"\n"), &out, Options{Terminal: true})
		if err != nil || end != QuickExit {
			t.Fatalf("%q: Run = %v, %v; want QuickExit", tail, end, err)
		}
		if after := out.String()[strings.Index(out.String(), clearScreen):]; strings.Contains(after, "==") {
			t.Errorf("%q: something of the interview is printed after the clear:\n%s", tail, after)
		}
		s, _ := store.Load("MD-PLAN-0001")
		if s.Status == interview.StatusFinished || (strings.Contains(tail, "remarks") && s.Remarks != "first line") {
			t.Errorf("%q: saved status %s, remarks %q", tail, s.Status, s.Remarks)
		}
	}
}

// TestQuickExitFailedSaveOffersACopy: when the save fails, the quick exit does not clear
// the screen over the warning: it offers a copy, as :quit does and as the TUI does.
func TestQuickExitFailedSaveOffersACopy(t *testing.T) {
	failing := copyStore{diskStore{&failingStore{MemoryStore: interview.NewMemoryStore(), failFrom: 2, failTo: 1 << 30}}}
	e := exampleEngine(t, interview.ModeReal, failing)
	var out bytes.Buffer
	end, _ := Run(e, strings.NewReader("y\n:x\n\n"), &out, Options{Terminal: true})
	if end != Quit || strings.Contains(out.String(), clearScreen) || !strings.Contains(out.String(), locales.New("en").T("vault.copy.offer", nil)) {
		t.Errorf("ending %v, output:\n%q", end, out.String())
	}
}

// TestHelpListsQuickExit: :help names the quick exit.
func TestHelpListsQuickExit(t *testing.T) {
	e := exampleEngine(t, interview.ModeTraining, interview.NewMemoryStore())
	_, out := run(t, e, ":help\n:quit\n")
	if !strings.Contains(out, locales.New("en").T("plain.commands.quick_exit", nil)) {
		t.Errorf(":help does not list the quick exit:\n%s", out)
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
