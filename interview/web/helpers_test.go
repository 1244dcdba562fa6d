package web

import (
	"crypto/rand"
	"errors"
	"html"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/guidelines/guidelinestest"
	"github.com/earlyid/earlyid/indicators"
	"github.com/earlyid/earlyid/interview"
	"github.com/earlyid/earlyid/interview/web/internal/loadtest"
)

// openGuideline is guidelinestest.Open, under the name this package's tests use.
var openGuideline = guidelinestest.Open

func testKeys(t testing.TB) *Keys {
	t.Helper()
	k := make([]byte, 32)
	rand.Read(k)
	keys, err := NewKeys(k)
	if err != nil {
		t.Fatal(err)
	}
	return keys
}

// browser is a person's phone: a cookie jar that follows redirects, as a browser does.
type browser struct {
	t    testing.TB
	srv  *httptest.Server
	c    *http.Client
	page string // the last page's HTML
	resp *http.Response
}

func newBrowser(t testing.TB, s *Server) *browser {
	t.Helper()
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	jar, _ := cookiejar.New(nil)
	return &browser{t: t, srv: srv, c: &http.Client{Jar: jar}}
}

func (b *browser) do(req *http.Request) {
	b.t.Helper()
	if req.Header.Get("Accept-Language") == "" {
		req.Header.Set("Accept-Language", "en")
	}
	resp, err := b.c.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		b.t.Fatal(err)
	}
	b.resp, b.page = resp, string(body)
}

func (b *browser) get(path string, header ...string) {
	b.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, b.srv.URL+path, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	b.do(req)
}

func (b *browser) post(path string, form url.Values) {
	b.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, b.srv.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	b.do(req)
}

// hidden returns the page's first hidden field name (the form the person would submit).
func (b *browser) hidden(name string) string { return loadtest.Hidden(b.page, name) }

// submit posts a form of the current page to path, with its sid and step and extra.
func (b *browser) submit(path string, extra url.Values) {
	b.t.Helper()
	form := url.Values{"sid": {b.hidden("sid")}, "step": {b.hidden("step")}}
	for k, v := range extra {
		form[k] = v
	}
	b.post(path, form)
}

// cookie returns the check's token as the browser holds it.
func (b *browser) cookie() string {
	u, _ := url.Parse(b.srv.URL)
	for _, c := range b.c.Jar.Cookies(u) {
		if c.Name == cookieName {
			return c.Value
		}
	}
	return ""
}

// formFor is the form a person fills in to give v to q, as the load test's people do.
var formFor = loadtest.Form

// containsForm reports whether the page has a form that posts to action.
func containsForm(page, action string) bool {
	return strings.Contains(page, `<form method="post" action="`+action+`"`)
}

// assess scores a session as the referral summary does: through an engine over it.
func assess(g *guidelines.Guideline, s *interview.Session) (*indicators.Assessment, error) {
	e, err := interview.New(g, s, interview.NewMemoryStore())
	if err != nil {
		return nil, err
	}
	return e.Assessment()
}

func ids(rs []indicators.IndicatorResult) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.Indicator.ID)
	}
	return out
}

func flagIDs(rs []indicators.FlagResult) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.Flag.ID)
	}
	return out
}

// maxPage is the most a page may weigh, its style sheet included: a phone on a slow,
// paid connection at a border crossing loads it at once.
const maxPage = 30 << 10

// checkPage checks what every page of a check must have: under maxPage, its language
// declared, the "Leave quickly" link, and no answer in its address.
func checkPage(t testing.TB, b *browser) {
	t.Helper()
	if b.resp.StatusCode != http.StatusOK {
		t.Fatalf("%s: status %d", b.resp.Request.URL.Path, b.resp.StatusCode)
	}
	if len(b.page) > maxPage {
		t.Errorf("%s: the page weighs %d bytes, more than %d", b.resp.Request.URL.Path, len(b.page), maxPage)
	}
	if !regexp.MustCompile(`<html lang="(en|ro|uk|ru)">`).MatchString(b.page) {
		t.Errorf("%s: the page does not declare its language", b.resp.Request.URL.Path)
	}
	if !strings.Contains(b.page, `<a class="btn leave" href="/leave">`) {
		t.Errorf("%s: the page has no quick way out", b.resp.Request.URL.Path)
	}
	if b.resp.Request.URL.RawQuery != "" {
		t.Errorf("the address %s carries a query", b.resp.Request.URL)
	}
}

func htmlEscape(s string) string { return html.EscapeString(s) }

func isAnswerError(err error) bool {
	var ae *interview.AnswerError
	return errors.As(err, &ae)
}
