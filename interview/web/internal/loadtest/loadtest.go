// Package loadtest drives the self-check server (earlyid serve) with virtual people, each
// doing a whole self-check through the real pages as a phone's browser does: the first
// page, the language, every question answered from a built-in scenario (some people going
// Back or changing the language on the way), the review, the end page and, for some, the
// request to be contacted. It measures what the people wait for and counts every page that
// is not the one expected.
//
// It is a developer's tool (.ci/bench runs it; cmd/loadtest is its command line), so it
// speaks English and is not localized.
package loadtest

import (
	"context"
	"errors"
	"fmt"
	"html"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/earlyid/earlyid/guidelines"
)

// Options are what a run is made of.
type Options struct {
	// BaseURL is the server's address, http://HOST:PORT.
	BaseURL string
	// People is how many virtual people do a self-check at once; when one finishes (or
	// meets an error), a new person takes their place, on a new phone.
	People int
	// Rate is how many pages a second all the people open together; 0 is as fast as the
	// server answers.
	Rate float64
	// Duration is how long the run lasts; the checks under way at its end stop unfinished.
	Duration time.Duration
	// Guideline is the guideline the server asks from, and Scenarios the built-in scenarios
	// written for it: each person answers as one of them (a question the scenario leaves
	// open is answered "don't know").
	Guideline *guidelines.Guideline
	Scenarios []*guidelines.Scenario
	// Contact is the share of people who ask to be contacted at the end (the server must
	// have a spool and a recipient), from 0 to 1.
	Contact float64
	// Wander is the share of people who go Back once and, separately, who change the
	// language once during the check, from 0 to 1.
	Wander float64
	// Seed makes the people's choices repeatable.
	Seed uint64
	// Checks, when above 0, ends the run as soon as that many checks are finished (tests
	// and benchmarks count in checks), or at Duration if that comes first.
	Checks int
	// MaxErrors, when above 0, ends the run at that many errors (a benchmark stops at the
	// first).
	MaxErrors int
	// Transport, when set, returns the connection of the n-th person (n from 1; tests and
	// benchmarks serve in memory through it). nil is a new connection per person over
	// loopback, from an address of its own in 127.0.0.0/8, as every phone has its own
	// address: the server's per-client rate limit applies to each person as in the field.
	Transport func(n int) http.RoundTripper
}

// Result is what a run measured.
type Result struct {
	// Pages counts the pages people saw: each action (a form posted and the redirect
	// followed, or a page opened) is one page. Requests counts the HTTP requests.
	Pages, Requests int
	// Checks counts the self-checks finished, Contacts the requests to be contacted that
	// the server confirmed with a code, and Started the people who began a check.
	Checks, Contacts, Started int
	// Errors counts the pages that failed: a status other than 2xx or 3xx, a connection
	// that failed, or a page that is not the one the action leads to. Samples holds the
	// first few, to say what went wrong.
	Errors  int
	Samples []string
	Elapsed time.Duration
	// Page is the latency of a page as the person waits for it (the post and the redirected
	// page together); Request that of each HTTP request.
	Page, Request Latency
}

// PagesPerSecond is the rate the run reached.
func (r *Result) PagesPerSecond() float64 {
	if r.Elapsed <= 0 {
		return 0
	}
	return float64(r.Pages) / r.Elapsed.Seconds()
}

// Latency summarises durations.
type Latency struct {
	P50, P90, P99, Max time.Duration
}

func summarise(ds []time.Duration) Latency {
	if len(ds) == 0 {
		return Latency{}
	}
	slices.Sort(ds)
	at := func(q float64) time.Duration {
		// The nearest rank: the smallest duration that at least q of the others do not exceed.
		i := int(float64(len(ds))*q+0.999999) - 1
		return ds[min(max(i, 0), len(ds)-1)]
	}
	return Latency{P50: at(0.50), P90: at(0.90), P99: at(0.99), Max: ds[len(ds)-1]}
}

func (l Latency) String() string {
	ms := func(d time.Duration) string { return strconv.FormatFloat(float64(d)/1e6, 'f', 1, 64) }
	return "p50 " + ms(l.P50) + " ms, p90 " + ms(l.P90) + " ms, p99 " + ms(l.P99) + " ms, max " + ms(l.Max) + " ms"
}

// maxSamples bounds the error descriptions a Result keeps.
const maxSamples = 10

// run is the shared state of one run.
type run struct {
	opts   Options
	base   *url.URL
	pacer  pacer
	stop   time.Time
	cancel context.CancelFunc
	phones atomic.Uint32

	mu       sync.Mutex
	res      Result
	pages    []time.Duration
	requests []time.Duration
}

// Run runs the load described by opts until its Duration ends or ctx is done.
func Run(ctx context.Context, opts Options) (*Result, error) {
	if opts.People <= 0 || opts.Duration <= 0 || opts.Guideline == nil {
		return nil, errors.New("a load run needs people, a duration and the server's guideline")
	}
	if len(opts.Scenarios) == 0 {
		return nil, fmt.Errorf("the guideline %s has no scenario for the people to answer from", opts.Guideline.ID)
	}
	base, err := url.Parse(opts.BaseURL)
	if err != nil || base.Host == "" {
		return nil, fmt.Errorf("the server address %q is not an http://HOST:PORT address", opts.BaseURL)
	}
	start := time.Now()
	r := &run{opts: opts, base: base, stop: start.Add(opts.Duration)}
	r.pacer = pacer{start: start, rate: opts.Rate}
	ctx, r.cancel = context.WithDeadline(ctx, r.stop)
	defer r.cancel()
	var wg sync.WaitGroup
	for i := range opts.People {
		wg.Go(func() {
			rng := rand.New(rand.NewPCG(opts.Seed, uint64(i)))
			for ctx.Err() == nil {
				r.person(ctx, rng)
			}
		})
	}
	wg.Wait()
	r.res.Elapsed = time.Since(start)
	r.res.Pages, r.res.Requests = len(r.pages), len(r.requests)
	r.res.Page = summarise(r.pages)
	r.res.Request = summarise(r.requests)
	return &r.res, nil
}

// pacer hands out the moments the pages are opened at: the k-th at start + k/rate, so
// the people together open rate pages a second, whatever each one waits for.
type pacer struct {
	mu    sync.Mutex
	start time.Time
	rate  float64
	k     int
}

// wait blocks until the next page's moment; false when ctx ends first.
func (p *pacer) wait(ctx context.Context) bool {
	if p.rate <= 0 {
		return ctx.Err() == nil
	}
	p.mu.Lock()
	at := p.start.Add(time.Duration(float64(p.k) / p.rate * float64(time.Second)))
	p.k++
	p.mu.Unlock()
	d := time.Until(at)
	if d <= 0 {
		return ctx.Err() == nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// pageKind is which page the server showed, as a person would tell.
type pageKind string

const (
	kindStart    pageKind = "start"
	kindQuestion pageKind = "question"
	kindReview   pageKind = "review"
	kindEnd      pageKind = "end"
	kindCode     pageKind = "end with a case code"
	kindOther    pageKind = "another page"
)

// kindOf tells the page from the forms it holds, as the templates of interview/web write
// them: by the form's action, whatever attributes follow it (the answer form's
// autocomplete="off", for one).
func kindOf(page string) pageKind {
	switch {
	case strings.Contains(page, `<form method="post" action="/answer"`):
		return kindQuestion
	case strings.Contains(page, `<form method="post" action="/finish"`):
		return kindReview
	case strings.Contains(page, `<p class="code">`):
		return kindCode
	case strings.Contains(page, `<ul class="help">`):
		return kindEnd
	case strings.Contains(page, `<form method="post" action="/start"`):
		return kindStart
	}
	return kindOther
}

var hiddenRE = regexp.MustCompile(`<input type="hidden" name="(sid|step|q)" value="([^"]*)">`)

// Hidden returns the page's first hidden field name (sid, step or q): the one of the form
// the person submits.
func Hidden(page, name string) string {
	for _, m := range hiddenRE.FindAllStringSubmatch(page, -1) {
		if m[1] == name {
			return html.UnescapeString(m[2])
		}
	}
	return ""
}

// phone is one person's browser: its cookie, its connection, and the last page it shows.
type phone struct {
	r    *run
	c    *http.Client
	page string
	// pages and requests collect the person's latencies, handed to the run when the person
	// is done, so the people do not queue on one lock for each page.
	pages, requests []time.Duration
}

// languages are the check's languages, as often as people on the move choose them.
var languages = []string{"uk", "uk", "uk", "ru", "ru", "ro", "ro", "en"}

// person does one self-check, from the first page to the end page.
func (r *run) person(ctx context.Context, rng *rand.Rand) {
	p := &phone{r: r, c: r.client()}
	defer p.close()
	sc := r.opts.Scenarios[rng.IntN(len(r.opts.Scenarios))]
	lang := languages[rng.IntN(len(languages))]
	wantBack, wantLang := rng.Float64() < r.opts.Wander, rng.Float64() < r.opts.Wander
	wantContact := rng.Float64() < r.opts.Contact

	h := http.Header{"Accept-Language": {lang + "," + "en;q=0.5"}}
	if !p.open(ctx, http.MethodGet, "/", nil, h, kindStart) {
		return
	}
	r.count(func(res *Result) { res.Started++ })
	if !p.open(ctx, http.MethodPost, "/start", url.Values{"lang": {lang}}, h, kindQuestion) {
		return
	}
	g := r.opts.Guideline
	asked := 0
	for kindOf(p.page) == kindQuestion {
		if asked++; asked > 3*len(g.Questions) {
			p.fail("the check asks more questions than the guideline has")
			return
		}
		id := Hidden(p.page, "q")
		q := g.Question(id)
		if q == nil {
			p.fail("the page asks an unknown question " + strconv.Quote(id))
			return
		}
		if wantLang && asked == 3 {
			wantLang = false
			to := languages[rng.IntN(len(languages))]
			if !p.act(ctx, "/lang", url.Values{"lang": {to}}, kindQuestion) {
				return
			}
			if Hidden(p.page, "q") != id {
				p.fail("after a change of language the page asks another question")
				return
			}
		}
		if !p.act(ctx, "/answer", Form(q, AnswerFor(sc, q)), kindQuestion, kindReview) {
			return
		}
		if strings.Contains(p.page, `role="alert"`) {
			p.fail("the answer to " + id + " was refused")
			return
		}
		if wantBack && asked == 5 && kindOf(p.page) == kindQuestion {
			wantBack = false
			if !p.act(ctx, "/back", nil, kindQuestion) {
				return
			}
			if Hidden(p.page, "q") != id {
				p.fail("Back does not return to the question answered last")
				return
			}
		}
	}
	if !p.act(ctx, "/finish", nil, kindEnd, kindCode) {
		return
	}
	r.count(func(res *Result) {
		if res.Checks++; res.Checks == r.opts.Checks {
			r.cancel()
		}
	})
	if wantContact {
		if !p.act(ctx, "/contact", url.Values{"agree": {"yes"}}, kindCode) {
			return
		}
		r.count(func(res *Result) { res.Contacts++ })
	}
}

// client returns a new person's browser: cookies kept, redirects followed by open, which
// times each of them.
func (r *run) client() *http.Client {
	jar, _ := cookiejar.New(nil)
	n := r.phones.Add(1)
	var rt http.RoundTripper
	if r.opts.Transport != nil {
		rt = r.opts.Transport(int(n))
	} else {
		// 127.0.0.1 is the server's own; the people come from 127.0.1.1 on.
		n += 256
		ip := net.IPv4(127, byte(n>>16), byte(n>>8), byte(n))
		d := &net.Dialer{LocalAddr: &net.TCPAddr{IP: ip}, Timeout: 10 * time.Second}
		rt = &http.Transport{DialContext: d.DialContext, MaxIdleConnsPerHost: 1, IdleConnTimeout: 30 * time.Second}
	}
	return &http.Client{
		Jar: jar, Transport: rt, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

func (p *phone) close() {
	p.c.CloseIdleConnections()
	p.r.mu.Lock()
	p.r.pages = append(p.r.pages, p.pages...)
	p.r.requests = append(p.r.requests, p.requests...)
	p.r.mu.Unlock()
}

// act submits a form of the current page, with its sid and step.
func (p *phone) act(ctx context.Context, path string, extra url.Values, want ...pageKind) bool {
	f := url.Values{"sid": {Hidden(p.page, "sid")}, "step": {Hidden(p.page, "step")}}
	for k, v := range extra {
		f[k] = v
	}
	return p.open(ctx, http.MethodPost, path, f, nil, want...)
}

// maxRedirects bounds the redirects of one page, as a browser does.
const maxRedirects = 5

// open opens one page at the pacer's next moment: the request, then the redirects; the
// page must be one of want. false when the person stops: an error (counted) or the end of
// the run (not counted).
func (p *phone) open(ctx context.Context, method, path string, f url.Values, h http.Header, want ...pageKind) bool {
	if !p.r.pacer.wait(ctx) {
		return false
	}
	start, first := time.Now(), method
	u := p.r.base.ResolveReference(&url.URL{Path: path})
	for hop := 0; ; hop++ {
		if hop > maxRedirects {
			return p.fail(path + ": too many redirects")
		}
		var body io.Reader
		if method == http.MethodPost {
			body = strings.NewReader(f.Encode())
		}
		req, err := http.NewRequestWithContext(ctx, method, u.String(), body)
		if err != nil {
			return p.fail(path + ": " + err.Error())
		}
		maps(req.Header, h)
		if method == http.MethodPost {
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
		t := time.Now()
		resp, err := p.c.Do(req)
		if err != nil {
			if ctx.Err() != nil {
				return false // the run ended while the page loaded
			}
			return p.fail(method + " " + u.Path + ": " + err.Error())
		}
		page, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		p.requests = append(p.requests, time.Since(t))
		if err != nil {
			if ctx.Err() != nil {
				return false
			}
			return p.fail(method + " " + u.Path + ": " + err.Error())
		}
		switch {
		case resp.StatusCode >= 300 && resp.StatusCode < 400:
			loc, err := u.Parse(resp.Header.Get("Location"))
			if err != nil || resp.Header.Get("Location") == "" {
				return p.fail(method + " " + u.Path + ": a redirect without a location")
			}
			u, method = loc, http.MethodGet
			continue
		case resp.StatusCode < 200 || resp.StatusCode >= 300:
			return p.fail(method + " " + u.Path + ": status " + strconv.Itoa(resp.StatusCode))
		}
		p.page = string(page)
		if k := kindOf(p.page); !slices.Contains(want, k) {
			return p.fail(fmt.Sprintf("%s %s (after %s %s): %s instead of %s", method, u.Path, first, path, k, want[0]))
		}
		p.pages = append(p.pages, time.Since(start))
		return true
	}
}

func maps(dst, src http.Header) {
	for k, v := range src {
		dst[k] = v
	}
}

// fail counts an error of the person's check, which stops there; it returns false, for
// open to return.
func (p *phone) fail(what string) bool {
	p.r.count(func(r *Result) {
		if r.Errors++; r.Errors == p.r.opts.MaxErrors {
			p.r.cancel()
		}
		if len(r.Samples) < maxSamples {
			r.Samples = append(r.Samples, what)
		}
	})
	return false
}

func (r *run) count(f func(*Result)) {
	r.mu.Lock()
	f(&r.res)
	r.mu.Unlock()
}

// AnswerFor is what a person playing sc answers to q: the scenario's answer, or "don't
// know" where it has none.
func AnswerFor(sc *guidelines.Scenario, q *guidelines.Question) guidelines.Value {
	if v, ok := sc.Answers.Values[q.ID]; ok {
		return v
	}
	return guidelines.UnknownValue
}

// Form is what a person fills in to give v to q on its page.
func Form(q *guidelines.Question, v guidelines.Value) url.Values {
	f := url.Values{"q": {q.ID}}
	switch {
	case v.IsSpecial():
		f.Set("special", v.Special)
	case q.Type == guidelines.TypeYesNo || q.Type == guidelines.TypeChoice:
		f.Set("v", v.Str)
	case q.Type == guidelines.TypeMulti:
		f["v"] = v.List
	case q.Type == guidelines.TypeNumber:
		f.Set("text", strconv.FormatFloat(v.Num, 'f', -1, 64))
	default:
		f.Set("text", v.Str)
	}
	return f
}

// ScenariosOf returns the built-in scenarios written for g, the answers the people give.
func ScenariosOf(g *guidelines.Guideline) ([]*guidelines.Scenario, error) {
	all, err := guidelines.EmbeddedScenarios()
	if err != nil {
		return nil, fmt.Errorf("the built-in scenarios do not load: %w", err)
	}
	var out []*guidelines.Scenario
	for _, sc := range all {
		if sc.Guideline == g.ID {
			out = append(out, sc)
		}
	}
	return out, nil
}
