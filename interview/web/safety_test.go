package web

import (
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// Every answer carries the headers that keep the check out of caches, referrers, frames
// and scripts, whatever page it is.
func TestEveryPageHasTheSafetyHeaders(t *testing.T) {
	b := newBrowser(t, newServer(t, Config{}))
	check := func(what string) {
		t.Helper()
		h := b.resp.Header
		if h.Get("Cache-Control") != "no-store" {
			t.Errorf("%s: Cache-Control %q", what, h.Get("Cache-Control"))
		}
		if h.Get("Referrer-Policy") != "no-referrer" {
			t.Errorf("%s: Referrer-Policy %q", what, h.Get("Referrer-Policy"))
		}
		csp := h.Get("Content-Security-Policy")
		if !strings.HasPrefix(csp, "default-src 'none';") || strings.Contains(csp, "unsafe") || strings.Contains(csp, "script-src") {
			t.Errorf("%s: the Content-Security-Policy is not strict: %q", what, csp)
		}
		// The one style element must be the one the policy allows, or the page shows
		// unstyled, tiny touch targets.
		m := regexp.MustCompile(`(?s)<style>(.*?)</style>`).FindStringSubmatch(b.page)
		if m != nil {
			sum := sha256.Sum256([]byte(m[1]))
			if !strings.Contains(csp, "'sha256-"+base64.StdEncoding.EncodeToString(sum[:])+"'") {
				t.Errorf("%s: the inline style is not the one the policy allows", what)
			}
		}
		if strings.Contains(b.page, "<script") || strings.Contains(b.page, " src=") || regexp.MustCompile(`href="(https?:)?//`).MatchString(b.page) {
			t.Errorf("%s: the page loads or links a resource from elsewhere", what)
		}
	}
	b.get("/")
	check("the first page")
	b.post("/start", url.Values{"lang": {"en"}})
	check("a question")
	b.get("/nowhere")
	check("a missing page")
	b.get("/bye")
	check("the neutral page")
	b.get("/healthz")
	if b.resp.StatusCode != 200 || b.page != "ok\n" {
		t.Errorf("/healthz answers %d %q", b.resp.StatusCode, b.page)
	}
}

// Every form answers with a redirect to a page without a query (POST-redirect-GET), so
// that neither the address bar nor the history holds an answer, and the only thing the
// browser stores is the one session cookie, out of reach of scripts.
func TestFormsRedirectAndTheCookieIsTheOnlyStorage(t *testing.T) {
	b := newBrowser(t, newServer(t, Config{}))
	b.post("/start", url.Values{"lang": {"en"}})
	q := b.hidden("q")
	b.c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	b.submit("/answer", url.Values{"q": {q}, "v": {"yes"}})
	if b.resp.StatusCode != http.StatusSeeOther || b.resp.Header.Get("Location") != "/q" {
		t.Errorf("an answer is answered with %d to %q, not a redirect to /q", b.resp.StatusCode, b.resp.Header.Get("Location"))
	}
	cookies := b.resp.Cookies()
	if len(cookies) != 1 || cookies[0].Name != cookieName || !cookies[0].HttpOnly || cookies[0].SameSite != http.SameSiteStrictMode || cookies[0].MaxAge != 0 || !cookies[0].Expires.IsZero() {
		t.Errorf("the check stores something other than one session cookie, closed to scripts: %+v", cookies)
	}
	if strings.Contains(cookies[0].Value, "yes") || strings.Contains(cookies[0].Value, q) {
		t.Errorf("the cookie shows the answer in clear")
	}
}

// "Leave quickly" is a plain link: it forgets the check in the browser and lands on a
// neutral page; going back, or opening the check's address again, shows no answer.
func TestLeaveQuicklyForgetsTheCheck(t *testing.T) {
	b := newBrowser(t, newServer(t, Config{}))
	b.post("/start", url.Values{"lang": {"en"}})
	q := b.hidden("q")
	b.submit("/answer", url.Values{"q": {q}, "v": {"yes"}})
	b.get("/leave")
	if b.resp.Request.URL.Path != "/bye" || b.cookie() != "" {
		t.Fatalf("Leave quickly lands on %s and leaves the cookie %q", b.resp.Request.URL.Path, b.cookie())
	}
	if strings.Contains(b.page, "Self-check") || strings.Contains(b.page, "Leave quickly") || strings.Contains(b.page, "<form") {
		t.Errorf("the neutral page says what the site is:\n%s", b.page)
	}
	// The browser's back button reloads the check's address (nothing is cached).
	b.get("/q")
	if b.resp.Request.URL.Path != "/" || strings.Contains(b.page, `value="yes" checked`) || b.hidden("q") != "" {
		t.Errorf("after Leave quickly the check's address shows the check again:\n%s", b.page)
	}

	s := newServer(t, Config{LeaveURL: "https://weather.example/"})
	b = newBrowser(t, s)
	b.c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	b.get("/leave")
	if b.resp.Header.Get("Location") != "https://weather.example/" {
		t.Errorf("Leave quickly goes to %q, not the configured page", b.resp.Header.Get("Location"))
	}
}
