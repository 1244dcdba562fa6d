package tui

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/interview"
)

// TestRunPrintsTheCaseCode: once the full screen is gone, an interview that ended the
// normal way leaves its case code in the terminal (what resume and export need), in the
// interviewer's language; the quick exit leaves nothing.
func TestRunPrintsTheCaseCode(t *testing.T) {
	for _, tt := range []struct {
		name    string
		answers map[string]guidelines.Value
		keys    string
		want    string
	}{
		// At the review, f finishes and q closes the result; at the safety check, 2 says it
		// is not safe to talk, 1 postpones and q closes the contacts.
		{"finished", complete, "fq", "Interviul este salvat sub codul cazului MD-7K3Q-2PXA."},
		{"postponed", nil, "21q", "Pentru a continua mai târziu: earlyid resume MD-7K3Q-2PXA"},
		{"quick exit", complete, "f\x18", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			e := session{lang: "uk", uiLang: "ro", answers: tt.answers}.engine(t)
			var out bytes.Buffer
			// Ctrl+X at the end: keys that do not end the interview fail the test, not hang it.
			if err := Run(e, strings.NewReader(tt.keys+"\x18"), &out, Options{}); err != nil {
				t.Fatal(err)
			}
			// What stays in the terminal is what follows the alternate screen.
			_, after, _ := strings.Cut(out.String(), ansi.ResetModeAltScreenSaveCursor)
			after = strings.TrimSpace(ansi.Strip(after))
			if after != tt.want {
				t.Errorf("left in the terminal: %q, want %q", after, tt.want)
			}
		})
	}
}

// TestQuickExitAtSetupLeavesNoSession: Ctrl+X on the setup form, before anything was
// asked, leaves no empty session behind.
func TestQuickExitAtSetupLeavesNoSession(t *testing.T) {
	store := diskStore{interview.NewMemoryStore()}
	e := session{lang: "uk", uiLang: "ro", store: store}.engine(t)
	var out bytes.Buffer
	if err := Run(e, strings.NewReader("\x18"), &out, Options{AskLang: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := store.Load("MD-7K3Q-2PXA"); !errors.Is(err, interview.ErrNotFound) {
		t.Errorf("after Ctrl+X on the setup form the store has the session (%v), want none", err)
	}
}
