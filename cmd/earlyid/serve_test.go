package main

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"filippo.io/age"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/interview/web"
)

// phone is a person's browser on the served self-check.
type phone struct {
	t    *testing.T
	base string
	c    *http.Client
	page string
}

var phoneHidden = regexp.MustCompile(`<input type="hidden" name="(sid|step|q)" value="([^"]*)">`)

func (p *phone) field(name string) string {
	for _, m := range phoneHidden.FindAllStringSubmatch(p.page, -1) {
		if m[1] == name {
			return m[2]
		}
	}
	return ""
}

func (p *phone) post(path string, form url.Values) {
	p.t.Helper()
	if sid := p.field("sid"); sid != "" {
		form.Set("sid", sid)
		form.Set("step", p.field("step"))
	}
	resp, err := p.c.PostForm(p.base+path, form)
	if err != nil {
		p.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		p.t.Fatalf("POST %s: %d\n%s", path, resp.StatusCode, b)
	}
	p.page = string(b)
}

// startServe runs serve with opts until the test ends, and returns the address it
// listens on and a stop function that waits for it to end.
func startServe(t *testing.T, f *factory, opts *serveOptions) (addr string, stop func() error) {
	t.Helper()
	ready := make(chan string, 1)
	opts.Addr, opts.ready = "127.0.0.1:0", func(a string) { ready <- a }
	if opts.Guideline == "" {
		opts.Guideline = guidelines.DefaultID
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- runServe(ctx, f, opts) }()
	stop = func() error { cancel(); return <-done }
	select {
	case addr = <-ready:
	case err := <-done:
		t.Fatalf("serve did not start: %v", err)
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not start")
	}
	t.Cleanup(func() { cancel() })
	return addr, stop
}

// secretAnswer is typed into every text question, to look for in what the server prints.
const secretAnswer = "Ask for Viorel at the car wash"

// selfCheck does the whole self-check on the pages at addr, in English: it agrees to talk,
// answers yes to every yes/no question, secretAnswer to every text and "don't know" to
// the rest, and finishes. The phone is on the end page.
func selfCheck(t *testing.T, addr string) *phone {
	t.Helper()
	g, _ := guidelines.Open(guidelines.DefaultID)
	jar, _ := cookiejar.New(nil)
	p := &phone{t: t, base: "http://" + addr, c: &http.Client{Jar: jar, Timeout: 10 * time.Second}}
	p.post("/start", url.Values{"lang": {"en"}})
	for n := 0; p.field("q") != "" && strings.Contains(p.page, `action="/answer"`); n++ {
		if n > len(g.Questions) {
			t.Fatal("the pages ask more questions than the guideline has")
		}
		q := g.Question(p.field("q"))
		switch {
		case q.Type == guidelines.TypeYesNo:
			p.post("/answer", url.Values{"q": {q.ID}, "v": {"yes"}})
		case q.Type == guidelines.TypeText:
			p.post("/answer", url.Values{"q": {q.ID}, "text": {secretAnswer}})
		default:
			p.post("/answer", url.Values{"q": {q.ID}, "special": {guidelines.Unknown}})
		}
	}
	p.post("/finish", url.Values{})
	return p
}

// A person does the self-check on the served pages and asks to be contacted; the
// specialist imports the spool with the organisation's identity and finds the self
// session under the code the person was given. Nothing the person answered reaches the
// server's output, and the server stops cleanly.
func TestServeSpoolIsImportedBySessionsImport(t *testing.T) {
	org, _ := age.GenerateX25519Identity()
	orgFile := orgKey(t, org)
	env := newStorageEnv(t)
	spool := filepath.Join(t.TempDir(), "spool")
	keyFile := filepath.Join(t.TempDir(), "serve.key")
	f, out, errOut := cliRun{folders: env}.factory(t)
	addr, stop := startServe(t, f, &serveOptions{Recipients: []string{org.Recipient().String()}, Spool: spool, KeyFile: keyFile})

	p := selfCheck(t, addr)
	p.post("/contact", url.Values{"agree": {"yes"}})
	code := regexp.MustCompile(`<p class="code">([A-Z0-9-]+)</p>`).FindStringSubmatch(p.page)
	if code == nil {
		t.Fatalf("the person got no case code:\n%s", p.page)
	}
	if err := stop(); err != nil {
		t.Fatalf("serve did not stop cleanly: %v", err)
	}
	if !strings.Contains(out.String(), "The self-check server has stopped.") {
		t.Errorf("serve's output:\n%s", out)
	}
	if strings.Contains(out.String()+errOut.String(), secretAnswer) || strings.Contains(out.String()+errOut.String(), code[1]) {
		t.Errorf("serve's output holds an answer or the case code:\n%s\n%s", out, errOut)
	}
	if st, err := os.Stat(keyFile); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("the key file was not made 0600: %v", err)
	}

	rc, iout, ierr := cliRun{folders: env}.run(t, "sessions", "import", spool, "--identity", orgFile, "--passphrase-file", env.passFile)
	if rc != 0 || !strings.Contains(iout, "imported as "+code[1]+" (self") {
		t.Fatalf("sessions import of the spool: exit %d\n%s\n%s", rc, iout, ierr)
	}
	rc, sout, serr := cliRun{folders: env}.run(t, "sessions", "show", code[1], "--passphrase-file", env.passFile)
	if rc != 0 || !strings.Contains(sout, "Mode: self-answered · status: finished") || !strings.Contains(sout, "Debt bondage") {
		t.Errorf("the imported session is not the person's finished self-check: exit %d\n%s\n%s", rc, sout, serr)
	}
}

// On a kiosk, each finished self-check goes straight into this computer's encrypted
// sessions, where the specialist finds it.
func TestServeKioskSavesIntoTheLocalStore(t *testing.T) {
	env := newStorageEnv(t)
	f, out, _ := cliRun{folders: env}.factory(t)
	opts := &serveOptions{Kiosk: true, KeyFile: filepath.Join(t.TempDir(), "serve.key"), Keys: newKeyAccess(f)}
	opts.Keys.PassphraseFile = env.passFile
	addr, stop := startServe(t, f, opts)
	p := selfCheck(t, addr)
	if !strings.Contains(p.page, "Your answers are saved for the specialist.") || strings.Contains(p.page, `action="/contact"`) {
		t.Errorf("the kiosk's end page:\n%s", p.page)
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "Kiosk: each finished self-check is saved") {
		t.Errorf("serve does not say it runs as a kiosk:\n%s", out)
	}
	rc, lout, lerr := cliRun{folders: env}.run(t, "sessions", "list", "--passphrase-file", env.passFile)
	if rc != 0 || !strings.Contains(lout, "self") || !strings.Contains(lout, "MD-") {
		t.Errorf("the kiosk's self-check is not among the sessions: exit %d\n%s\n%s", rc, lout, lerr)
	}
}

// The command's flags that only work together are checked before anything starts.
func TestServeFlagsThatGoTogether(t *testing.T) {
	for _, args := range [][]string{{"serve", "--tls-cert", "c.pem"}, {"serve", "--spool", t.TempDir()}, {"serve", "--kiosk", "--recipient", "age1x"}} {
		rc, _, errOut := cliRun{}.run(t, args...)
		if rc != exitUsage || !strings.Contains(errOut, "--") {
			t.Errorf("%v: exit %d\n%s", args, rc, errOut)
		}
	}
}

// --rate-limit N reaches the server: from one address, the N+1st page of a minute is
// refused with the page that asks the person to wait; without the flag the allowance is
// the default one.
func TestServeRateLimitFlag(t *testing.T) {
	if o := mustOptions(t, newServeCmd, "--rate-limit", "600"); o.RateLimit != 600 {
		t.Errorf("--rate-limit 600 gives the options %d", o.RateLimit)
	}
	if o := mustOptions(t, newServeCmd); o.RateLimit != web.DefaultRatePerMinute {
		t.Errorf("without --rate-limit the options hold %d, want %d", o.RateLimit, web.DefaultRatePerMinute)
	}
	f, _, _ := cliRun{}.factory(t)
	addr, stop := startServe(t, f, &serveOptions{RateLimit: 3, KeyFile: filepath.Join(t.TempDir(), "serve.key")})
	defer stop()
	for i := range 4 {
		req, _ := http.NewRequest(http.MethodGet, "http://"+addr+"/", nil)
		req.Header.Set("Accept-Language", "en")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		switch {
		case i < 3 && resp.StatusCode != http.StatusOK:
			t.Fatalf("request %d of 3 allowed: %d", i+1, resp.StatusCode)
		case i == 3 && (resp.StatusCode != http.StatusTooManyRequests || !strings.Contains(string(body), "Please wait a minute")):
			t.Errorf("the request past --rate-limit 3: %d\n%s", resp.StatusCode, body)
		}
	}
}

// A rate limit of 0, a negative one or a word is refused before anything starts, with what
// to give instead: the limit cannot be switched off.
func TestServeRateLimitMustBePositive(t *testing.T) {
	for _, v := range []string{"0", "-5", "off"} {
		rc, _, errOut := cliRun{}.run(t, "serve", "--rate-limit", v)
		if rc != exitUsage || !strings.Contains(errOut, "--rate-limit") {
			t.Errorf("--rate-limit %s: exit %d\n%s", v, rc, errOut)
		}
		if v != "off" && !strings.Contains(errOut, "cannot be switched off") {
			t.Errorf("--rate-limit %s does not say why it is refused:\n%s", v, errOut)
		}
	}
}
