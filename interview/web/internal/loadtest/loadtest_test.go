package loadtest

import (
	"context"
	"crypto/rand"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"filippo.io/age"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/guidelines/guidelinestest"
	"github.com/earlyid/earlyid/interview/web"
)

// testServer is the self-check with a spool, for the test recipient id.
func testServer(t testing.TB, id *age.X25519Identity, spool string) *web.Server {
	t.Helper()
	k := make([]byte, 32)
	rand.Read(k)
	keys, err := web.NewKeys(k)
	if err != nil {
		t.Fatal(err)
	}
	s, err := web.New(web.Config{
		Guideline: guidelinestest.Open(t, guidelines.DefaultID), Keys: keys,
		Spool: spool, Recipients: []age.Recipient{id.Recipient()},
	})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func options(t testing.TB, url string, checks int) Options {
	t.Helper()
	g := guidelinestest.Open(t, guidelines.DefaultID)
	scs, err := ScenariosOf(g)
	if err != nil {
		t.Fatal(err)
	}
	// The run ends after checks, well before its duration on a machine however loaded (a
	// check takes seconds); the duration only bounds a run whose people never finish one.
	return Options{BaseURL: url, People: 3, Duration: 90 * time.Second, Checks: checks,
		Guideline: g, Scenarios: scs, Contact: 1, Wander: 0.5, Seed: 1}
}

// A few people do whole self-checks over loopback, each from an address of its own (the
// server's rate limit of 120 requests a minute would stop one address): no page fails,
// every page and request is timed, and every contact asked for is a session in the spool
// that opens with the organisation's identity.
func TestPeopleFinishSelfChecksWithoutErrors(t *testing.T) {
	id, _ := age.GenerateX25519Identity()
	spool := t.TempDir()
	srv := httptest.NewServer(testServer(t, id, spool))
	defer srv.Close()

	res, err := Run(context.Background(), options(t, srv.URL, 4))
	if err != nil {
		t.Fatal(err)
	}
	if res.Errors != 0 {
		t.Fatalf("%d pages failed: %v", res.Errors, res.Samples)
	}
	if res.Checks < 4 || res.Started < res.Checks {
		t.Errorf("%d checks started and %d finished, want at least 4 finished", res.Started, res.Checks)
	}
	// A check is a page to begin, one a question, the review and the end: far more than 10.
	if res.Pages < 10*res.Checks || res.Requests <= res.Pages {
		t.Errorf("%d pages and %d requests for %d checks: the pages or their redirects are not counted", res.Pages, res.Requests, res.Checks)
	}
	if res.Page.P50 <= 0 || res.Page.P50 > res.Page.P99 || res.Page.P99 > res.Page.Max || res.Request.Max <= 0 {
		t.Errorf("the latencies are not measured: pages %v, requests %v", res.Page, res.Request)
	}
	n, err := CheckSpool(spool, id)
	if err != nil {
		t.Fatal(err)
	}
	if res.Contacts == 0 || n != res.Contacts {
		t.Errorf("%d contacts confirmed, %d sessions in the spool", res.Contacts, n)
	}
}

// A server that answers one page with a failure and shows one wrong page is caught: each is
// one error, said in the samples, and the people go on with new checks.
func TestBrokenPagesAreCounted(t *testing.T) {
	id, _ := age.GenerateX25519Identity()
	s := testServer(t, id, t.TempDir())
	var answers, shows atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.Method == http.MethodPost && r.URL.Path == "/answer" && answers.Add(1) == 4:
			http.Error(w, "broken", http.StatusInternalServerError)
		case r.Method == http.MethodGet && r.URL.Path == "/q" && shows.Add(1) == 9:
			w.Write([]byte("<!doctype html><title>Something else</title><p>Not a page of the check."))
		default:
			s.ServeHTTP(w, r)
		}
	}))
	defer srv.Close()

	res, err := Run(context.Background(), options(t, srv.URL, 3))
	if err != nil {
		t.Fatal(err)
	}
	if res.Errors != 2 {
		t.Fatalf("%d errors counted, want 2: %v", res.Errors, res.Samples)
	}
	all := strings.Join(res.Samples, "\n")
	if !strings.Contains(all, "POST /answer: status 500") || !strings.Contains(all, "GET /q (after POST ") || !strings.Contains(all, string(kindOther)) {
		t.Errorf("the errors do not say what failed:\n%s", all)
	}
	if res.Checks < 3 {
		t.Errorf("after the errors only %d checks were finished: the people did not go on", res.Checks)
	}
}

// The quantiles are nearest ranks: of 100 durations 1…100 ms, the 99th is 99 ms.
func TestSummarise(t *testing.T) {
	var ds []time.Duration
	for i := 100; i >= 1; i-- {
		ds = append(ds, time.Duration(i)*time.Millisecond)
	}
	got := summarise(ds)
	want := Latency{P50: 50 * time.Millisecond, P90: 90 * time.Millisecond, P99: 99 * time.Millisecond, Max: 100 * time.Millisecond}
	if got != want {
		t.Errorf("summarise(1…100 ms) = %v, want %v", got, want)
	}
	if (summarise(nil) != Latency{}) {
		t.Error("no duration does not summarise to zeros")
	}
}

// The server's figures come from /proc: this process has used some CPU by now, and its
// peak memory is at least what it holds.
func TestProcessUsage(t *testing.T) {
	busy := time.Now()
	for time.Since(busy) < 50*time.Millisecond {
	}
	u, err := ProcessUsage(os.Getpid())
	if err != nil {
		t.Fatal(err)
	}
	if u.CPU <= 0 || u.RSS <= 0 || u.PeakRSS < u.RSS {
		t.Errorf("the usage read is not plausible: %+v", u)
	}
	if _, err := ProcessUsage(-1); err == nil {
		t.Error("a process that does not exist has a usage")
	}
}
