package web

import (
	"bytes"
	"errors"
	"io"
	"log"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/earlyid/earlyid/guidelines"
)

// A client that asks for pages faster than its allowance is slowed down with a calm page
// (429, Retry-After) that asks the person to wait a minute and lets them go on, and is
// served again once it waits.
func TestRateLimitPerClient(t *testing.T) {
	now := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	b := newBrowser(t, newServer(t, Config{RatePerMinute: 5, Now: func() time.Time { return now }}))
	for range 5 {
		b.get("/")
		if b.resp.StatusCode != http.StatusOK {
			t.Fatalf("a request within the allowance: %d", b.resp.StatusCode)
		}
	}
	b.get("/healthz")
	if b.resp.StatusCode != http.StatusOK {
		t.Errorf("the health check from a client past its allowance: %d (a load balancer would take the server out)", b.resp.StatusCode)
	}
	b.get("/")
	if b.resp.StatusCode != http.StatusTooManyRequests || b.resp.Header.Get("Retry-After") != "60" {
		t.Errorf("a request beyond the allowance: %d, Retry-After %q", b.resp.StatusCode, b.resp.Header.Get("Retry-After"))
	}
	for _, want := range []string{"<h1>Please wait a minute</h1>", "Please wait a minute, then press “Continue”.",
		"The answers you have already given are kept", `<a class="btn" href="/q">Continue</a>`, `href="/leave"`} {
		if !strings.Contains(b.page, htmlEscape(want)) && !strings.Contains(b.page, want) {
			t.Errorf("the page of a limited person lacks %q:\n%s", want, b.page)
		}
	}
	if strings.Contains(b.page, "web.") {
		t.Errorf("the page of a limited person shows a message id:\n%s", b.page)
	}
	now = now.Add(30 * time.Second)
	b.get("/")
	if b.resp.StatusCode != http.StatusOK {
		t.Errorf("after waiting, the client is still refused: %d", b.resp.StatusCode)
	}
}

// The allowance is each address's own: a client that has used up its allowance does not
// refuse the next person, who comes from another address.
func TestRateLimitIsPerAddress(t *testing.T) {
	s := limitedServer(t)
	for range 3 {
		request(s, "203.0.113.9:40000")
	}
	if code := request(s, "203.0.113.9:40001"); code != http.StatusTooManyRequests {
		t.Errorf("a fourth request from the same address, from another port: %d", code)
	}
	for _, other := range []string{"203.0.113.10:40000", "[2001:db8:1:2::9]:40000"} {
		if code := request(s, other); code != http.StatusOK {
			t.Errorf("a first request from %s, after another address used up its allowance: %d", other, code)
		}
	}
}

// A person answering in Ukrainian on a phone set to English is asked to wait in Ukrainian,
// the language of their check; once they have waited, "Continue" takes them back to the
// question where they stood.
func TestRateLimitPageSpeaksTheChecksLanguage(t *testing.T) {
	now := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	b := newBrowser(t, newServer(t, Config{RatePerMinute: 4, Now: func() time.Time { return now }}))
	b.post("/start", url.Values{"lang": {"uk"}}) // the form and the redirect to /q: 2
	question := b.hidden("q")
	b.get("/q")
	b.get("/q")
	b.get("/q")
	if b.resp.StatusCode != http.StatusTooManyRequests || !strings.Contains(b.page, `<html lang="uk">`) ||
		!strings.Contains(b.page, "Будь ласка, зачекайте хвилину") || !strings.Contains(b.page, `href="/q">Продовжити</a>`) {
		t.Fatalf("the page of a person limited in a Ukrainian check, with an English browser: %d\n%s", b.resp.StatusCode, b.page)
	}
	now = now.Add(time.Minute)
	b.get("/q")
	checkPage(t, b)
	if b.hidden("q") != question || !strings.Contains(b.page, `<html lang="uk">`) {
		t.Errorf("after waiting, Continue does not lead back to the question %s in Ukrainian:\n%s", question, b.page)
	}
}

// A body larger than any form is cut off with a clear page, never read whole.
func TestOversizedBodyIsRefused(t *testing.T) {
	b := newBrowser(t, newServer(t, Config{}))
	b.post("/start", url.Values{"lang": {"en"}})
	b.submit("/answer", url.Values{"q": {b.hidden("q")}, "text": {strings.Repeat("x", maxBody+1)}})
	if b.resp.StatusCode != http.StatusBadRequest || !strings.Contains(b.page, "The form that was sent could not be read.") {
		t.Errorf("an oversized form: %d\n%s", b.resp.StatusCode, b.page)
	}
}

// A handler that panics answers 500 with a neutral page, and the log says where, never
// what the request held.
func TestPanicIsAnswered500WithoutTheAnswerInTheLog(t *testing.T) {
	var logged bytes.Buffer
	s := newServer(t, Config{Log: log.New(&logged, "", 0)})
	const answer = "my passport is with Ion"
	s.mux.HandleFunc("POST /boom", func(w http.ResponseWriter, r *http.Request) {
		r.ParseForm()
		panic("while reading " + r.PostForm.Get("text"))
	})
	b := newBrowser(t, s)
	b.post("/boom", url.Values{"text": {answer}})
	if b.resp.StatusCode != http.StatusInternalServerError || !strings.Contains(b.page, "Something went wrong") || strings.Contains(b.page, answer) {
		t.Errorf("a panic: %d\n%s", b.resp.StatusCode, b.page)
	}
	if !strings.Contains(logged.String(), "/boom") || strings.Contains(logged.String(), answer) {
		t.Errorf("the log of a panic: %q", logged.String())
	}
}

// The form parser reads whatever a browser, or anyone, posts: it never panics, and an
// input it cannot read is refused with an answer error, which the page explains.
func FuzzFormValue(f *testing.F) {
	g, ds := guidelines.Open(guidelines.DefaultID)
	if g == nil {
		f.Fatal(ds)
	}
	f.Add(0, "yes", "", "")
	f.Add(3, "", "unknown", "")
	f.Add(7, "", "", "12,5")
	f.Add(11, "a", "", "2026-02-31")
	f.Fuzz(func(t *testing.T, qi int, v, special, text string) {
		if qi < 0 {
			qi = -qi
		}
		q := g.Questions[qi%len(g.Questions)]
		form := url.Values{"v": strings.Split(v, "|"), "special": {special}, "text": {text}}
		if _, err := formValue(q, form); err != nil && !isAnswerError(err) {
			t.Fatalf("the form parser fails with a non-answer error: %v", err)
		}
	})
}

// A client that sends its headers too slowly is cut off, as is one that stops in the
// middle of its body: the server's timeouts are set, and they work.
func TestSlowClientsAreCutOff(t *testing.T) {
	hs := NewHTTPServer(newServer(t, Config{}), log.New(io.Discard, "", 0))
	if hs.ReadHeaderTimeout == 0 || hs.ReadTimeout == 0 || hs.WriteTimeout == 0 || hs.IdleTimeout == 0 || hs.MaxHeaderBytes == 0 {
		t.Fatalf("a timeout or the header limit is not set: %+v", hs)
	}
	hs.ReadHeaderTimeout, hs.ReadTimeout = 300*time.Millisecond, 300*time.Millisecond
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go hs.Serve(ln)
	t.Cleanup(func() { hs.Close() })
	for name, sent := range map[string]string{
		"headers": "GET / HTTP/1.1\r\nHost: x\r\n",
		"body":    "POST /start HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nlang=",
	} {
		c, err := net.Dial("tcp", ln.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		c.Write([]byte(sent))
		c.SetReadDeadline(time.Now().Add(5 * time.Second))
		_, err = io.ReadAll(c)
		c.Close()
		var ne net.Error
		if errors.As(err, &ne) && ne.Timeout() || time.Since(start) > 3*time.Second {
			t.Errorf("a client stalled in its %s is not cut off (%v after %v)", name, err, time.Since(start))
		}
	}
}

// A text answer too long for the state to fit its cookie (a browser would drop the cookie
// and the person lose the check) is refused with a clear message, and the check goes on.
func TestAnswerTooLargeForTheCookieIsRefused(t *testing.T) {
	g := openGuideline(t, guidelines.DefaultID)
	scs, _ := guidelines.EmbeddedScenarios()
	for _, sc := range scs {
		if sc.Guideline != g.ID {
			continue
		}
		b := newBrowser(t, newServer(t, Config{Guideline: g}))
		b.post("/start", url.Values{"lang": {"uk"}})
		for n := 0; b.hidden("q") != "" && n <= len(g.Questions); n++ {
			q := g.Question(b.hidden("q"))
			if q.Type != guidelines.TypeText {
				b.submit("/answer", formFor(q, answerFor(sc, q)))
				continue
			}
			// Letters in no order compress badly: the worst case for the cookie.
			var long strings.Builder
			rnd := rand.New(rand.NewPCG(1, 2))
			for range guidelines.MaxText {
				long.WriteRune(rune('а' + rnd.IntN(32)))
			}
			b.submit("/answer", url.Values{"q": {q.ID}, "text": {long.String()}})
			if b.resp.StatusCode != 200 || !strings.Contains(b.page, "Ця відповідь задовга") || b.hidden("q") != q.ID {
				t.Fatalf("a text too long for the cookie: %d\n%s", b.resp.StatusCode, b.page)
			}
			b.submit("/answer", url.Values{"q": {q.ID}, "text": {"Олена, 068 123 456"}})
			if b.hidden("q") == q.ID || b.resp.StatusCode != 200 {
				t.Fatalf("after the refusal the check does not go on")
			}
			return
		}
	}
	t.Fatal("no scenario reaches a text question")
}
