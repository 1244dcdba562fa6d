package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"

	"filippo.io/age"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/interview/web/internal/loadtest"
)

// inMemory serves a person's requests by calling the server directly: no socket, so a
// profile and the time per page are the server's own and the driver's (cookies, reading
// the page), nothing of the network's.
type inMemory struct {
	h    http.Handler
	addr string
}

func (m inMemory) RoundTrip(r *http.Request) (*http.Response, error) {
	r.RemoteAddr = m.addr
	w := httptest.NewRecorder()
	m.h.ServeHTTP(w, r)
	return w.Result(), nil
}

// BenchmarkSelfCheck runs whole self-checks of the default guideline through the pages, as
// the load test's people do them (built-in scenarios, some going Back or changing the
// language, every one asking to be contacted), in memory: ns/page is the CPU a page costs
// the server, plus the little the driver adds.
func BenchmarkSelfCheck(b *testing.B) {
	g := openGuideline(b, guidelines.DefaultID)
	id, _ := age.GenerateX25519Identity()
	s := newServer(b, Config{Guideline: g, Spool: b.TempDir(), Recipients: []age.Recipient{id.Recipient()}})
	scs, err := loadtest.ScenariosOf(g)
	if err != nil {
		b.Fatal(err)
	}
	opts := loadtest.Options{
		BaseURL: "http://earlyid.test", People: 1, Duration: time.Hour, Checks: b.N,
		Guideline: g, Scenarios: scs, Contact: 1, Wander: 0.1, Seed: 1, MaxErrors: 1,
		Transport: func(n int) http.RoundTripper {
			return inMemory{h: s, addr: "10.0." + strconv.Itoa(n>>8&255) + "." + strconv.Itoa(n&255) + ":1"}
		},
	}
	b.ResetTimer()
	res, err := loadtest.Run(context.Background(), opts)
	b.StopTimer()
	if err != nil {
		b.Fatal(err)
	}
	if res.Errors > 0 {
		b.Fatalf("%d pages failed: %v", res.Errors, res.Samples)
	}
	b.ReportMetric(float64(res.Elapsed.Nanoseconds())/float64(res.Pages), "ns/page")
	b.ReportMetric(float64(res.Pages)/float64(res.Checks), "pages/check")
}
