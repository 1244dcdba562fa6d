package web

import (
	"bytes"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/interview"
)

// A token that cannot be trusted — forged, cut short, sealed by another server, or
// expired — gets a clear page that offers to start again, never a server error, and the
// browser forgets it.
func TestBadTokensGetAClearPage(t *testing.T) {
	now := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	s := newServer(t, Config{Now: clock})
	b := newBrowser(t, s)
	b.post("/start", url.Values{"lang": {"en"}})
	good := b.cookie()
	other := newBrowser(t, newServer(t, Config{Now: clock}))
	other.post("/start", url.Values{"lang": {"en"}})

	cases := map[string]string{
		"forged":             "AAAA" + strings.Repeat("x", 200),
		"truncated":          good[:len(good)-10],
		"cut to a few bytes": good[:12],
		"another server's":   other.cookie(),
		"not base64":         "%%%%",
		"too long":           strings.Repeat("A", maxToken+10),
	}
	for name, tok := range cases {
		for _, path := range []string{"/q", "/answer"} {
			b.c.Jar.SetCookies(mustURL(b.srv.URL), []*http.Cookie{{Name: cookieName, Value: tok, Path: "/"}})
			if path == "/q" {
				b.get(path)
			} else {
				b.post(path, url.Values{"sid": {"x"}, "step": {"1"}})
			}
			if b.resp.StatusCode != http.StatusBadRequest || !strings.Contains(b.page, "This page cannot be continued") || !strings.Contains(b.page, `href="/">Start again`) {
				t.Errorf("%s token at %s: %d\n%s", name, path, b.resp.StatusCode, b.page)
			}
			if b.cookie() != "" {
				t.Errorf("%s token at %s: the browser keeps it", name, path)
			}
		}
	}

	b.c.Jar.SetCookies(mustURL(b.srv.URL), []*http.Cookie{{Name: cookieName, Value: good, Path: "/"}})
	b.get("/q")
	if b.resp.StatusCode != 200 || b.hidden("q") == "" {
		t.Fatalf("the good token does not open: %d", b.resp.StatusCode)
	}
	now = now.Add(TokenLifetime + time.Second)
	b.get("/q")
	if b.resp.StatusCode != http.StatusBadRequest || !strings.Contains(b.page, "closes after two hours") {
		t.Errorf("an expired token: %d\n%s", b.resp.StatusCode, b.page)
	}
}

func mustURL(s string) *url.URL {
	u, err := url.Parse(s)
	if err != nil {
		panic(err)
	}
	return u
}

// Every step seals a new token that expires TokenLifetime after it: a person who keeps
// answering is never cut off, and the token never holds the answers in clear.
func TestEveryStepRenewsTheToken(t *testing.T) {
	now := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	s := newServer(t, Config{Now: func() time.Time { return now }})
	b := newBrowser(t, s)
	b.post("/start", url.Values{"lang": {"en"}})
	first := b.cookie()
	for range 3 {
		now = now.Add(TokenLifetime - time.Minute)
		b.submit("/answer", url.Values{"q": {b.hidden("q")}, "special": {guidelines.Unknown}})
		if b.resp.StatusCode != 200 {
			t.Fatalf("a step %v after the last one fails: %d", TokenLifetime-time.Minute, b.resp.StatusCode)
		}
	}
	if b.cookie() == first {
		t.Error("the token did not change")
	}
}

// The key file is made at the first start, readable by its owner only, and read again
// at the next; a new key put first rotates the keys while the old one still opens the
// pages in use.
func TestKeyFileIsMadeOnceAndRotates(t *testing.T) {
	path := filepath.Join(t.TempDir(), "serve.key")
	k1, err := LoadOrCreateKeys(path)
	if err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(path)
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("the key file is not 0600: %v %v", st.Mode(), err)
	}
	sess := &interview.Session{Code: "MD-TEST-0001"}
	tok, err := k1.seal(&state{SID: "a", Expires: time.Now().Add(time.Hour), Session: sess})
	if err != nil {
		t.Fatal(err)
	}
	k2, err := LoadOrCreateKeys(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := k2.open(tok, time.Now()); err != nil {
		t.Fatalf("the key file read again does not open a token of the first start: %v", err)
	}
	old, _ := os.ReadFile(path)
	fresh := bytes.Repeat([]byte("ab"), 32)
	if err := os.WriteFile(path, append(append(fresh, '\n'), old...), 0o600); err != nil {
		t.Fatal(err)
	}
	k3, err := LoadOrCreateKeys(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := k3.open(tok, time.Now()); err != nil {
		t.Errorf("after a rotation the old key does not open its tokens: %v", err)
	}
	tok3, _ := k3.seal(&state{SID: "a", Expires: time.Now().Add(time.Hour), Session: sess})
	if _, err := k1.open(tok3, time.Now()); err == nil {
		t.Error("after a rotation the old key still seals")
	}
	if err := os.WriteFile(path, []byte("s3cret-passphrase\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadOrCreateKeys(path); err == nil || strings.Contains(err.Error(), "s3cret") {
		t.Errorf("a bad key file is accepted or quoted: %v", err)
	}
}

// fuzzKey seals the fuzz corpus's valid tokens, so the fuzzer starts from tokens that
// open and mutates them.
var fuzzKey = bytes.Repeat([]byte{7}, 32)

// The token decoder takes any bytes a browser sends: it never panics, and whatever it
// accepts is a check it can run.
func FuzzOpenToken(f *testing.F) {
	keys, err := NewKeys(fuzzKey)
	if err != nil {
		f.Fatal(err)
	}
	now := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	sess := &interview.Session{Code: "MD-TEST-0001", Answers: guidelines.NewAnswers()}
	tok, err := keys.seal(&state{SID: "a", Expires: now.Add(time.Hour), Session: sess})
	if err != nil {
		f.Fatal(err)
	}
	f.Add(tok)
	f.Add(tok[:len(tok)/2])
	f.Add("")
	f.Fuzz(func(t *testing.T, tok string) {
		st, err := keys.open(tok, now)
		if err == nil && (st.Session == nil || st.SID == "") {
			t.Fatalf("an accepted token has no session")
		}
	})
}
