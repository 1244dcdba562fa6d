package main

import (
	"testing"
	"time"
)

// TestConfirmTakesTheYesWordsOfEveryLanguage: deleting a session asks first, and the answer
// is read as the interview reads yes — in any UI language — while anything else, a digit
// included, keeps the session.
func TestConfirmTakesTheYesWordsOfEveryLanguage(t *testing.T) {
	for _, tt := range []struct {
		reply string
		want  bool
	}{
		{"y\n", true}, {"Yes\n", true}, {"da\n", true}, {" Так \n", true}, {"да\n", true}, {"д\n", true},
		{"n\n", false}, {"\n", false}, {"1\n", false}, {"nu\n", false}, {"нет\n", false}, {"", false},
	} {
		ios, in, _, _ := testIO()
		ios.StdinTTY, ios.StdoutTTY = true, true
		in.WriteString(tt.reply)
		f := newFactory(ios, func(string) string { return "" }, time.Now)
		got, err := confirm(f, false, "cli.sessions.delete.confirm", map[string]any{"Code": "MD-0000-TEST"})
		if err != nil || got != tt.want {
			t.Errorf("reply %q: confirm = %v, %v; want %v", tt.reply, got, err, tt.want)
		}
	}
}
