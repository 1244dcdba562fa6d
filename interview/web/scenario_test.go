package web

import (
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/indicators"
	"github.com/earlyid/earlyid/interview"
	"github.com/earlyid/earlyid/interview/web/internal/loadtest"
)

// answerFor is what the person answers to q in sc: the scenario's answer, or "don't know"
// for a question it leaves open, as the load test's people answer.
var answerFor = loadtest.AnswerFor

// The web pages are a front end over the same engine: for every built-in scenario, the
// same answers given through the pages leave the same answers in the session, and score
// to the same assessment, as the engine in self mode driven directly.
func TestEveryScenarioGivesTheSameSessionThroughThePages(t *testing.T) {
	scs, err := guidelines.EmbeddedScenarios()
	if err != nil {
		t.Fatal(err)
	}
	if len(scs) == 0 {
		t.Fatal("no built-in scenario")
	}
	for _, sc := range scs {
		t.Run(sc.ID, func(t *testing.T) {
			g := openGuideline(t, sc.Guideline)
			lang := g.Languages[0]

			wantAnswers, want := engineRun(t, g, sc, lang)

			// The same answers through the pages.
			keys := testKeys(t)
			s, err := New(Config{Guideline: g, Keys: keys})
			if err != nil {
				t.Fatal(err)
			}
			b := newBrowser(t, s)
			b.post("/start", url.Values{"lang": {lang}})
			for n := 0; b.hidden("q") != "" && b.resp.Request.URL.Path == "/q" && containsForm(b.page, "/answer"); n++ {
				if n > len(g.Questions) {
					t.Fatal("the pages ask more questions than the guideline has")
				}
				q := g.Question(b.hidden("q"))
				if q == nil {
					t.Fatalf("the page asks an unknown question %q", b.hidden("q"))
				}
				checkPage(t, b)
				for _, special := range []string{guidelines.Unknown, guidelines.Declined} {
					if !strings.Contains(b.page, `<button name="special" value="`+special+`">`) {
						t.Errorf("the page of %s offers no %q", q.ID, special)
					}
				}
				b.submit("/answer", formFor(q, answerFor(sc, q)))
				if b.resp.StatusCode != 200 {
					t.Fatalf("answering %s: status %d", q.ID, b.resp.StatusCode)
				}
			}
			if !containsForm(b.page, "/finish") {
				t.Fatalf("after the last question the review is not shown:\n%s", b.page)
			}
			checkPage(t, b)
			b.submit("/finish", nil)
			checkPage(t, b)
			// Self mode shows the person no result: neither the outcome nor an indicator.
			if strings.Contains(b.page, htmlEscape(want.Outcome.Text.Plain(lang))) {
				t.Errorf("the end page shows the outcome %s", want.Outcome.ID)
			}
			for _, x := range want.Indicators {
				if strings.Contains(b.page, htmlEscape(x.Indicator.Text.Plain(lang))) {
					t.Errorf("the end page shows the indicator %s", x.Indicator.ID)
				}
			}
			st, err := keys.open(b.cookie(), time.Now())
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(st.Session.Answers.Values, wantAnswers) {
				t.Errorf("the pages give other answers than the engine:\n pages:  %v\n engine: %v", st.Session.Answers.Values, wantAnswers)
			}
			if st.Session.Status != interview.StatusFinished {
				t.Errorf("the session after Finish is %s", st.Session.Status)
			}
			got, err := assess(g, st.Session)
			if err != nil {
				t.Fatal(err)
			}
			if got.Outcome != want.Outcome || !reflect.DeepEqual(ids(got.Indicators), ids(want.Indicators)) || !reflect.DeepEqual(flagIDs(got.Flags), flagIDs(want.Flags)) {
				t.Errorf("the pages' session scores otherwise: %v %v %v, engine %v %v %v",
					got.Outcome, ids(got.Indicators), flagIDs(got.Flags), want.Outcome, ids(want.Indicators), flagIDs(want.Flags))
			}
		})
	}
}

// engineRun drives the engine directly in self mode with sc's answers, in lang, to the
// end, and returns the answers and the assessment: what the pages must reach.
func engineRun(t testing.TB, g *guidelines.Guideline, sc *guidelines.Scenario, lang string) (map[string]guidelines.Value, *indicators.Assessment) {
	t.Helper()
	sess, err := interview.NewSession(g, "", interview.ModeSelf, lang, lang, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	e, err := interview.New(g, sess, interview.NewMemoryStore())
	if err != nil {
		t.Fatal(err)
	}
	if err := e.Start(); err != nil {
		t.Fatal(err)
	}
	for n := 0; ; n++ {
		st := e.Current()
		if st.Question == nil || n > len(g.Questions) {
			break
		}
		if err := e.Answer(answerFor(sc, st.Question)); err != nil {
			t.Fatalf("the engine refuses the answer to %s: %v", st.Question.ID, err)
		}
	}
	a, err := e.Finish()
	if err != nil {
		t.Fatal(err)
	}
	return sess.Answers.Values, a
}
