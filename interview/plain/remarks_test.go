package plain

import (
	"bytes"
	"strings"
	"testing"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/interview"
	"github.com/earlyid/earlyid/interview/summary"
	"github.com/earlyid/earlyid/locales"
)

// toReview returns the input lines that answer every question of the example guideline,
// so that the next line is read at the review.
func toReview(t *testing.T, g *guidelines.Guideline, mode interview.Mode) []string {
	t.Helper()
	a := guidelines.NewAnswers()
	a.Values["safe_to_talk"] = guidelines.Value{Str: "yes"}
	a.Values["consent_interview"] = guidelines.Value{Str: "yes"}
	a.Values["consent_share"] = guidelines.Value{Str: "no"}
	a.Values["age"] = guidelines.Value{Num: 30}
	a.Values["job_offer"] = guidelines.Value{Str: "no"}
	return answerLinesIn(t, g, a, mode)
}

// exportMarkdown builds the referral summary of the stored session code, as export does,
// and returns its Markdown.
func exportMarkdown(t *testing.T, g *guidelines.Guideline, store interview.Store, code string) (*interview.Session, string) {
	t.Helper()
	s, err := store.Load(code)
	if err != nil {
		t.Fatalf("the session is not saved: %v", err)
	}
	a, err := summary.Assess(g, s)
	if err != nil {
		t.Fatal(err)
	}
	sum, err := summary.Build(g, s, a, summary.Options{Lang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := sum.WriteMarkdown(&buf); err != nil {
		t.Fatal(err)
	}
	return s, buf.String()
}

// TestRemarksAtTheReview: the interviewer writes closing remarks at the review, on several
// lines ended by "." or an empty line, or on one line after :remarks; they are saved in the
// session, shown at the review, and printed by the summary.
func TestRemarksAtTheReview(t *testing.T) {
	en := locales.New("en")
	g := openGuideline(t, "example")
	tests := []struct {
		name  string
		input string // typed at the review
		want  string // the remarks saved
	}{
		{"lines ended by a dot", ":remarks\nThe person seemed afraid of the driver.\nA shelter place was agreed.\n.\n\n", "The person seemed afraid of the driver.\nA shelter place was agreed."},
		{"lines ended by an empty line", ":remarks\nFollow-up call on Monday.\n\n\n", "Follow-up call on Monday."},
		{"one line", ":remarks Referred to the hotline.\n\n", "Referred to the hotline."},
		{"replaced", ":remarks First thought.\n:remarks\nSecond thought.\n.\n\n", "Second thought."},
		{"kept when ended at once", ":remarks Kept.\n:remarks\n.\n\n", "Kept."},
		{"deleted", ":remarks Gone.\n:remarks -\n\n", ""},
		{"at the end of the input", ":remarks\nTyped last.", "Typed last."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			store := interview.NewMemoryStore()
			e := newEngine(t, g, interview.ModeReal, "en", "en", store, nil)
			end, out := run(t, e, strings.Join(toReview(t, g, interview.ModeReal), "\n")+"\n"+tt.input)
			if end != Finished {
				t.Fatalf("ending %v, want Finished\n%s", end, out)
			}
			s, md := exportMarkdown(t, g, store, e.Session().Code)
			if s.Remarks != tt.want {
				t.Errorf("saved remarks %q, want %q\n%s", s.Remarks, tt.want, out)
			}
			if tt.want == "" {
				if !strings.Contains(md, en.T("summary.remarks.none", nil)) {
					t.Errorf("the summary does not say there are no remarks:\n%s", md)
				}
				return
			}
			for _, line := range strings.Split(tt.want, "\n") {
				if !strings.Contains(md, line) {
					t.Errorf("the summary lacks the remark %q:\n%s", line, md)
				}
			}
		})
	}
}

// TestRemarksShownAndListed: the review says how to write remarks, shows them once
// written, the help lists :remarks, and a question screen sends the interviewer to the
// review for them.
func TestRemarksShownAndListed(t *testing.T) {
	en := locales.New("en")
	g := openGuideline(t, "example")
	e := newEngine(t, g, interview.ModeReal, "en", "en", interview.NewMemoryStore(), nil)
	lines := toReview(t, g, interview.ModeReal)
	input := ":remarks too early\n" + strings.Join(lines, "\n") + "\n:remarks\nSeen at the review.\n.\n:back\n" + lines[len(lines)-1] + "\n:quit\n"
	end, out := run(t, e, input)
	if end != Quit {
		t.Fatalf("ending %v, want Quit\n%s", end, out)
	}
	for _, want := range []string{
		en.T("plain.commands.remarks", nil),
		en.T("plain.remarks.review_only", nil),
		en.T("plain.remarks.none", nil),
		en.T("plain.remarks.enter", nil),
		en.T("plain.remarks.saved", nil),
		en.T("plain.remarks.title", nil) + "\n  Seen at the review.\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if e.Session().Remarks != "Seen at the review." {
		t.Errorf("remarks %q; a :remarks on a question screen must not write any", e.Session().Remarks)
	}
}

// TestNoRemarksInSelfMode: the person answering alone is never offered closing remarks,
// and typing :remarks writes none.
func TestNoRemarksInSelfMode(t *testing.T) {
	en, lp := locales.New("en"), locales.New("uk")
	g := openGuideline(t, "example")
	e := newEngine(t, g, interview.ModeSelf, "uk", "en", interview.NewMemoryStore(), nil)
	end, out := run(t, e, strings.Join(toReview(t, g, interview.ModeSelf), "\n")+"\n:remarks Not for the person.\n\n")
	if end != Finished {
		t.Fatalf("ending %v\n%s", end, out)
	}
	if e.Session().Remarks != "" {
		t.Errorf("self mode saved remarks %q", e.Session().Remarks)
	}
	for _, l := range []*locales.Localizer{en, lp} {
		for _, id := range []string{"plain.commands.remarks", "plain.remarks.none", "plain.remarks.saved"} {
			if strings.Contains(out, l.T(id, nil)) {
				t.Errorf("self mode showed %s:\n%s", id, out)
			}
		}
	}
}
