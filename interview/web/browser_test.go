package web

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"filippo.io/age"
	"github.com/chromedp/cdproto/emulation"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/interview/vault"
)

// chromium returns the headless browser to drive, or skips the test where none is
// installed (the Debian package chromium).
func chromium(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("a real browser is not started with -short")
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("no chromium installed: the test in a real browser is skipped")
	return ""
}

// A person completes a scenario in Ukrainian in a real browser on a phone-sized screen,
// with and without JavaScript, and asks to be contacted: the end page lists the contacts,
// the spooled file opens with the organisation's identity to the answers the engine gives
// for the same scenario; the browser's back button, pressed in the middle of the check
// after each kind of answer, shows no answer, neither in the page nor restored into its
// form; and after "Leave quickly" the back button shows no answer. A screenshot of each
// page is kept in the test's artifact folder (go test -artifacts; the run without
// JavaScript keeps only its first, last, back-button and leaving pages). It takes minutes
// on a busy machine: -short skips it.
// hiddenField matches the hidden inputs the server writes (session id, step, question id).
var hiddenField = regexp.MustCompile(`<input type="hidden" name="[a-z]+" value="[^"]*">`)

func TestRealBrowserCompletesTheCheck(t *testing.T) {
	exe := chromium(t)
	g := openGuideline(t, guidelines.DefaultID)
	sc := scenario(t, "mixed-flows-md-scam-centre")
	wantAnswers, want := engineRun(t, g, sc, "uk")
	for _, js := range []bool{true, false} {
		t.Run(fmt.Sprintf("javascript=%v", js), func(t *testing.T) {
			org, _ := age.GenerateX25519Identity()
			spool := filepath.Join(t.TempDir(), "spool")
			srv := httptest.NewServer(newServer(t, Config{Guideline: g, Spool: spool, Recipients: []age.Recipient{org.Recipient()}}))
			defer srv.Close()

			opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(exe), chromedp.NoSandbox,
				chromedp.WindowSize(390, 844), chromedp.Flag("lang", "uk-UA"))
			actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
			defer cancel()
			ctx, cancel := chromedp.NewContext(actx)
			defer cancel()
			ctx, cancel = context.WithTimeout(ctx, 8*time.Minute)
			defer cancel()

			shots := t.ArtifactDir()
			n := 0
			shot := func(name string) {
				t.Helper()
				png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
				if err != nil {
					t.Fatal(err)
				}
				n++
				if err := os.WriteFile(filepath.Join(shots, fmt.Sprintf("%03d-%s.png", n, name)), png, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			do := func(steps ...chromedp.Action[chromedp.Void]) {
				t.Helper()
				if err := chromedp.Do(ctx, steps...); err != nil {
					t.Fatal(err)
				}
			}
			html := func() string {
				t.Helper()
				h, err := chromedp.Run(ctx, chromedp.OuterHTML(chromedp.CSS("html")))
				if err != nil {
					t.Fatal(err)
				}
				return h
			}
			click := func(sel string) chromedp.Action[chromedp.Void] { return chromedp.Click(chromedp.CSS(sel)) }
			// submit clicks what sends a form (or follows a link) and waits for the next page.
			submit := func(sel string) {
				t.Helper()
				if _, err := chromedp.Run(ctx, chromedp.WaitEvent(cdppage.LoadEventFired, nil, click(sel))); err != nil {
					t.Fatalf("%s: %v", sel, err)
				}
			}

			do(chromedp.Navigate("about:blank"), chromedp.EmulateViewport(390, 844))
			if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: !js}); err != nil {
				t.Fatal(err)
			}
			// back presses the browser's Back button in the middle of the check, after q was
			// answered with typed (a text, or ""): the page it shows must hold no answer,
			// neither in its HTML nor in the state of its form, which a browser restores on
			// going back (a radio ticked again, a field filled in again).
			back := func(q *guidelines.Question, typed string) {
				t.Helper()
				if _, err := chromedp.Run(ctx, chromedp.NavigateBack()); err != nil {
					t.Fatalf("the back button after %s: %v", q.ID, err)
				}
				shot("back-after-" + q.ID)
				page := html()
				if m := regexp.MustCompile(`<input type="hidden" name="q" value="([^"]+)">`).FindStringSubmatch(page); m != nil && m[1] == q.ID {
					t.Errorf("the back button after %s shows that question again", q.ID)
				}
				// The hidden fields hold the random session id and the step number: an age of
				// 23 was found in the id "23C6…", so they are left out of the search.
				answerless := hiddenField.ReplaceAllString(page, "")
				if strings.Contains(page, "checked") || typed != "" && strings.Contains(answerless, htmlEscape(typed)) {
					t.Errorf("the back button after %s shows an answer:\n%s", q.ID, page)
				}
				ticked, err := chromedp.Run(ctx, chromedp.Nodes(chromedp.CSS("input:checked"), chromedp.AtLeast(0)))
				if err != nil {
					t.Fatal(err)
				}
				if len(ticked) > 0 {
					t.Errorf("the back button after %s shows %d option(s) ticked", q.ID, len(ticked))
				}
				for _, f := range []string{"input[name=text]", "textarea[name=text]"} {
					fields, err := chromedp.Run(ctx, chromedp.Nodes(chromedp.CSS(f), chromedp.AtLeast(0)))
					if err != nil {
						t.Fatal(err)
					}
					if len(fields) == 0 {
						continue
					}
					v, err := chromedp.Run(ctx, chromedp.Value(chromedp.CSS(f)))
					if err != nil {
						t.Fatal(err)
					}
					if v != "" {
						t.Errorf("the back button after %s shows a field filled in: %q", q.ID, v)
					}
				}
			}
			backed := map[guidelines.QuestionType]bool{}

			do(chromedp.Navigate(srv.URL))
			shot("start")
			do(click(`input[name=lang][value=uk]`))
			submit(`button.primary`)
			for i := 0; i <= len(g.Questions); i++ {
				page := html()
				m := regexp.MustCompile(`<input type="hidden" name="q" value="([^"]+)">`).FindStringSubmatch(page)
				if m == nil {
					break
				}
				q := g.Question(m[1])
				v := answerFor(sc, q)
				if js { // the run without JavaScript looks the same: its key pages suffice
					shot(q.ID)
				}
				switch {
				case v.IsSpecial():
					submit(`button[name=special][value=` + v.Special + `]`)
				case q.Type == guidelines.TypeYesNo || q.Type == guidelines.TypeChoice:
					do(click(`input[name=v][value="` + v.Str + `"]`))
					submit(`button[name=do]`)
				case q.Type == guidelines.TypeMulti:
					for _, c := range v.List {
						do(click(`input[name=v][value="` + c + `"]`))
					}
					submit(`button[name=do]`)
				default:
					do(chromedp.SendKeys(chromedp.CSS(`[name=text]`), formFor(q, v).Get("text")))
					submit(`button[name=do]`)
				}
				// The back button, once after each kind of answer the person gave.
				if !v.IsSpecial() && !backed[q.Type] {
					backed[q.Type] = true
					back(q, formFor(q, v).Get("text"))
				}
			}
			if len(backed) < 3 {
				t.Errorf("the back button was tried after %d kinds of answer only: %v", len(backed), backed)
			}
			shot("review")
			submit(`form[action="/finish"] button`)
			shot("end")
			page := html()
			if !strings.Contains(page, `href="tel:112"`) || !strings.Contains(page, `href="tel:080077777"`) || !strings.Contains(page, `lang="uk"`) {
				t.Errorf("the end page lacks the contacts:\n%s", page)
			}
			submit(`form[action="/contact"] button`)
			shot("contact")
			code, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("p.code")))
			if err != nil {
				t.Fatal(err)
			}
			code = strings.TrimSpace(code)
			s, err := vault.ReadFile(filepath.Join(spool, code+vault.Ext), org)
			if err != nil {
				t.Fatalf("the spooled file of %q does not open with the organisation's identity: %v", code, err)
			}
			if !reflect.DeepEqual(s.Answers.Values, wantAnswers) {
				t.Errorf("the browser's session holds other answers than the engine's:\n %v\n %v", s.Answers.Values, wantAnswers)
			}
			got, err := assess(g, s)
			if err != nil {
				t.Fatal(err)
			}
			if got.Outcome != want.Outcome || !reflect.DeepEqual(ids(got.Indicators), ids(want.Indicators)) {
				t.Errorf("the browser's session scores otherwise")
			}

			submit(`a.leave`)
			shot("left")
			if page := html(); strings.Contains(page, code) || strings.Contains(page, `class="btn leave"`) {
				t.Errorf("Leave quickly does not land on a neutral page:\n%s", page)
			}
			// The back button reloads the entry before this one (no page is cached); its
			// chromedp action waits for a load that a redirect replaces, so the test reloads
			// that entry itself. No entry of the history holds anything in its address.
			hist, err := chromedp.Run(ctx, chromedp.NavigationEntries())
			if err != nil || hist.CurrentIndex < 1 {
				t.Fatalf("the history: %v %+v", err, hist)
			}
			for _, e := range hist.Entries {
				if strings.Contains(e.URL, "?") {
					t.Errorf("the history holds an address with a query: %s", e.URL)
				}
			}
			do(chromedp.Navigate(hist.Entries[hist.CurrentIndex-1].URL))
			shot("back")
			if page := html(); strings.Contains(page, code) || strings.Contains(page, `class="help"`) || strings.Contains(page, "checked") && strings.Contains(page, `name="q"`) {
				t.Errorf("after Leave quickly the back button shows the check:\n%s", page)
			}
		})
	}
}
