package interview

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/earlyid/earlyid/guidelines"
)

func openExample(t testing.TB) *guidelines.Guideline {
	t.Helper()
	g, ds := guidelines.Open("example")
	if g == nil {
		t.Fatalf("the example guideline does not load:\n%v", ds)
	}
	return g
}

// TestParseInput: what a person or an interviewer types reads as the answer they mean, in
// every UI language (yes/no words, a decimal comma, dates as written in Moldova), and a
// typing slip is an *AnswerError of the kind the front ends explain.
func TestParseInput(t *testing.T) {
	g := openExample(t)
	byType := map[guidelines.QuestionType]*guidelines.Question{}
	for _, q := range g.Questions {
		if byType[q.Type] == nil {
			byType[q.Type] = q
		}
	}
	yn, ch, mu, nu, da, tx := byType[guidelines.TypeYesNo], byType[guidelines.TypeChoice], byType[guidelines.TypeMulti],
		byType[guidelines.TypeNumber], byType[guidelines.TypeDate], byType[guidelines.TypeText]
	for _, q := range []*guidelines.Question{yn, ch, mu, nu, da, tx} {
		if q == nil {
			t.Fatal("the example guideline lacks a question type")
		}
	}
	c1, c2 := ch.Choices[0].ID, mu.Choices[1].ID
	m1, m3 := mu.Choices[0].ID, mu.Choices[len(mu.Choices)-1].ID
	tests := []struct {
		q    *guidelines.Question
		in   string
		want guidelines.Value
		kind string
	}{
		{yn, "y", guidelines.Value{Str: "yes"}, ""},
		{yn, " YES ", guidelines.Value{Str: "yes"}, ""},
		{yn, "da", guidelines.Value{Str: "yes"}, ""},
		{yn, "Так", guidelines.Value{Str: "yes"}, ""},
		{yn, "да", guidelines.Value{Str: "yes"}, ""},
		{yn, "nu", guidelines.Value{Str: "no"}, ""},
		{yn, "ні", guidelines.Value{Str: "no"}, ""},
		{yn, "НЕТ", guidelines.Value{Str: "no"}, ""},
		{yn, "2", guidelines.Value{Str: "no"}, ""},
		{yn, "?", guidelines.UnknownValue, ""},
		{yn, "-", guidelines.DeclinedValue, ""},
		{yn, "declined", guidelines.DeclinedValue, ""},
		{yn, "perhaps", guidelines.Value{}, ErrKindNotYesNo},
		{yn, "   ", guidelines.Value{}, ErrKindEmpty},
		{ch, "1", guidelines.Value{Str: c1}, ""},
		{ch, strings.ToUpper(c1), guidelines.Value{Str: c1}, ""},
		{ch, "0", guidelines.Value{}, ErrKindUnknownChoice},
		{ch, "99", guidelines.Value{}, ErrKindUnknownChoice},
		{ch, "nonsense", guidelines.Value{}, ErrKindUnknownChoice},
		{mu, fmt.Sprintf("%d, 2", len(mu.Choices)), guidelines.Value{List: []string{m3, c2}}, ""},
		{mu, m1 + "," + m3, guidelines.Value{List: []string{m1, m3}}, ""},
		{mu, "1,nonsense", guidelines.Value{}, ErrKindUnknownChoice},
		{mu, " , ", guidelines.Value{}, ErrKindEmpty},
		{mu, "?", guidelines.UnknownValue, ""},
		{nu, "24", guidelines.Value{Num: 24}, ""},
		{nu, "1,5", guidelines.Value{Num: 1.5}, ""},
		{nu, "-", guidelines.DeclinedValue, ""},
		{nu, "twenty", guidelines.Value{}, ErrKindNotANumber},
		{da, "2026-02-03", guidelines.Value{Str: "2026-02-03"}, ""},
		{da, "3.2.2026", guidelines.Value{Str: "2026-02-03"}, ""},
		{da, "27.11.2026", guidelines.Value{Str: "2026-11-27"}, ""},
		{da, "yesterday", guidelines.Value{Str: "yesterday"}, ""}, // judged by Validate
		{tx, "  Ana, no phone ", guidelines.Value{Str: "Ana, no phone"}, ""},
		{tx, "::colon first", guidelines.Value{Str: "::colon first"}, ""}, // the escape is the plain mode's
		{tx, "a\x1b]0;title\ab\rc", guidelines.Value{Str: "abc"}, ""},
	}
	for _, tt := range tests {
		got, err := ParseInput(tt.q, tt.in)
		var ae *AnswerError
		switch {
		case tt.kind != "" && (!errors.As(err, &ae) || ae.Kind != tt.kind):
			t.Errorf("%s %q: err %v, want kind %s", tt.q.Type, tt.in, err, tt.kind)
		case tt.kind == "" && err != nil:
			t.Errorf("%s %q: %v", tt.q.Type, tt.in, err)
		case tt.kind == "" && !got.Equal(tt.want):
			t.Errorf("%s %q = %v, want %v", tt.q.Type, tt.in, got, tt.want)
		}
	}
}

// TestYesWords: a confirmation takes yes in every UI language and nothing else; a yes/no
// question takes the same words, and 1 and 2 as the answers are listed.
func TestYesWords(t *testing.T) {
	for _, w := range []string{"y", "YES", " da ", "д", "так", "Т", "да"} {
		if !IsYesWord(w) {
			t.Errorf("IsYesWord(%q) = false", w)
		}
		if yes, ok := YesNo(w); !yes || !ok {
			t.Errorf("YesNo(%q) = %v, %v; want yes", w, yes, ok)
		}
	}
	for _, w := range []string{"n", "no", "nu", "ні", "нi", "нет", "2"} {
		if IsYesWord(w) {
			t.Errorf("IsYesWord(%q) = true", w)
		}
		if yes, ok := YesNo(w); yes || !ok {
			t.Errorf("YesNo(%q) = %v, %v; want no", w, yes, ok)
		}
	}
	for _, w := range []string{"1", "", "maybe", "yess"} {
		if IsYesWord(w) {
			t.Errorf("IsYesWord(%q) = true: a confirmation must take only a word for yes", w)
		}
	}
	if yes, ok := YesNo("1"); !yes || !ok {
		t.Errorf(`YesNo("1") = %v, %v; want yes`, yes, ok)
	}
	if _, ok := YesNo("maybe"); ok {
		t.Error(`YesNo("maybe") reads as an answer`)
	}
}
