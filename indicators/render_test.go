package indicators

import (
	"bytes"
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/locales"
)

const hostile = "\x1b]0;pwned\a\x1b[2J\r\u202eevil\u009b"

// TestRenderJSON checks the documented JSON: exactly the six top-level keys, raw answers
// typed as in an answers file, answer texts in the content language, null for an unanswered
// evidence question, and sanitized notes.
func TestRenderJSON(t *testing.T) {
	t.Parallel()
	g := load(t, everyType)
	a := answers(t, g, "yn=yes", "ch=a", "mu=a,b", "tx=yes", "nu=15", "da=2020-01-01", "ob=unknown")
	a.Notes["yn"] = "said " + hostile
	as := mustScore(t, g, a)
	var buf bytes.Buffer
	if err := Render(as, &buf, FormatJSON, "", locales.New("en")); err != nil {
		t.Fatal(err)
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(buf.Bytes(), &top); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, buf.String())
	}
	var keys []string
	for k := range top {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	if want := []string{"dimensions", "flags", "guideline", "indicators", "outcome", "referrals"}; !slices.Equal(keys, want) {
		t.Errorf("top-level keys = %v, want %v", keys, want)
	}

	var r struct {
		Guideline  map[string]string
		Outcome    map[string]string
		Indicators []struct {
			ID, Dimension, Strength, Text string
			Evidence                      []map[string]any
		}
		Flags     []map[string]string
		Referrals []map[string]string
	}
	if err := json.Unmarshal(buf.Bytes(), &r); err != nil {
		t.Fatal(err)
	}
	if r.Guideline["id"] != "test" || r.Guideline["version"] != "1" {
		t.Errorf("guideline = %v", r.Guideline)
	}
	if want := map[string]string{"id": "found", "level": "high", "text": "Some"}; !reflect.DeepEqual(r.Outcome, want) {
		t.Errorf("outcome = %v, want %v", r.Outcome, want)
	}
	want := map[string]map[string]any{
		"i_yn":  {"question": "yn", "answer": "yes", "answer_text": "Yes", "note": "said evil"},
		"i_ch":  {"question": "ch", "answer": "a", "answer_text": "A", "note": ""},
		"i_mu":  {"question": "mu", "answer": []any{"a", "b"}, "answer_text": "A; B", "note": ""},
		"i_tx":  {"question": "tx", "answer": "yes", "answer_text": "yes", "note": ""},
		"i_nu":  {"question": "nu", "answer": 15.0, "answer_text": "15", "note": ""},
		"i_nu2": {"question": "nu", "answer": 15.0, "answer_text": "15", "note": ""},
		"i_da":  {"question": "da", "answer": "2020-01-01", "answer_text": "2020-01-01", "note": ""},
	}
	var got []string
	for _, in := range r.Indicators {
		got = append(got, in.ID)
		if in.Dimension != "dim" || in.Strength != "strong" {
			t.Errorf("%s: dimension %q strength %q", in.ID, in.Dimension, in.Strength)
		}
		if len(in.Evidence) != 1 || !reflect.DeepEqual(in.Evidence[0], want[in.ID]) {
			t.Errorf("%s evidence = %#v, want [%#v]", in.ID, in.Evidence, want[in.ID])
		}
	}
	if d := diff(got, []string{"i_yn", "i_ch", "i_mu", "i_tx", "i_nu", "i_nu2", "i_da"}); d != "" {
		t.Errorf("indicators: %s", d)
	}
	if len(r.Flags) != 1 || r.Flags[0]["id"] != "f_yn" || r.Flags[0]["urgency"] != "immediate" || r.Flags[0]["text"] != "F" {
		t.Errorf("flags = %v", r.Flags)
	}
	if r.Referrals == nil || len(r.Referrals) != 0 {
		t.Errorf("referrals = %#v, want an empty list", r.Referrals)
	}
}

func TestRenderJSONUnansweredEvidence(t *testing.T) {
	t.Parallel()
	g := load(t, relevance)
	a := answers(t, g, "gate=no", "q_a=yes")
	a.Notes["q_a"] = "a note on an ignored answer"
	as := mustScore(t, g, a)
	r := NewReport(as, "en", locales.New("en"))
	ev := r.Indicators[0].Evidence // i_gate: [q_a, gate]
	if ev[0].Question != "q_a" || ev[0].Answer != nil || ev[0].AnswerText != "" || ev[0].Note != "" {
		t.Errorf("ignored evidence = %+v, want q_a with null answer and no note", ev[0])
	}
	if ev[1].Question != "gate" || ev[1].Answer != "no" || ev[1].AnswerText != "No" {
		t.Errorf("gate evidence = %+v", ev[1])
	}
	var buf bytes.Buffer
	if err := WriteJSON(as, &buf, "en", locales.New("en")); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `"answer": null`) {
		t.Errorf("unanswered evidence is not null in JSON:\n%s", buf.String())
	}
}

// TestRenderText checks the order of the text report (urgent flags before the outcome,
// context flags after the indicators), the localized labels, and that nothing hostile in a
// note reaches the terminal.
func TestRenderText(t *testing.T) {
	t.Parallel()
	g := load(t, flagged)
	a := answers(t, g, "q=yes", "off=declined")
	a.Notes["q"] = "first line\n" + hostile
	as := mustScore(t, g, a)
	for _, lang := range locales.Languages {
		t.Run(lang, func(t *testing.T) {
			l := locales.New(lang)
			var buf bytes.Buffer
			if err := Render(as, &buf, FormatText, "en", l); err != nil {
				t.Fatal(err)
			}
			out := buf.String()
			if i := strings.IndexFunc(out, func(r rune) bool {
				return r != '\n' && (unicode.IsControl(r) || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069))
			}); i >= 0 {
				t.Errorf("unsafe character %q at %d in:\n%s", out[i], i, out)
			}
			order := []string{
				l.T("score.urgency.immediate", nil) + ": I1",
				l.T("score.urgency.immediate", nil) + ": I2",
				l.T("score.urgency.priority", nil) + ": P",
				l.T("score.outcome", map[string]any{"Text": "F", "Level": l.T("score.level.high", nil)}),
				"* I [" + l.T("score.strength.strong", nil) + "; Dimension]",
				"Q — " + l.T("score.answer.yes", nil),
				l.T("score.evidence.note", map[string]any{"Note": "first line evil"}),
				l.T("score.context", nil),
				"* C",
				l.T("score.referrals", nil),
				"* RB — 3",
				"* RF — 4",
				"* RX — " + l.T("score.contact.pending", nil),
				l.T("score.declined", nil),
				"- off · ",
			}
			at := 0
			for _, s := range order {
				i := strings.Index(out[at:], s)
				if i < 0 {
					t.Fatalf("%q missing after byte %d of:\n%s", s, at, out)
				}
				at += i + len(s)
			}
			if strings.Contains(out, "score.") {
				t.Errorf("a message id instead of its text:\n%s", out)
			}
		})
	}
}

func TestRenderBadFormat(t *testing.T) {
	t.Parallel()
	g := load(t, ilo)
	as := mustScore(t, g, guidelines.NewAnswers())
	if err := Render(as, &bytes.Buffer{}, "xml", "", locales.New("en")); err == nil {
		t.Error("format xml accepted")
	}
}
