package web

import (
	"bytes"
	"log"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strconv"
	"strings"
	"testing"
	"time"
)

// limitedServer is a server that lets each client make 3 requests a minute, behind the
// given trusted proxies, on a clock that stands still.
func limitedServer(t *testing.T, trusted ...string) *Server {
	t.Helper()
	now := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	var ps []netip.Prefix
	for _, p := range trusted {
		ps = append(ps, netip.MustParsePrefix(p))
	}
	return newServer(t, Config{RatePerMinute: 3, TrustedProxies: ps, Now: func() time.Time { return now }})
}

// request sends GET / to s from peer with the X-Forwarded-For headers given, and returns
// the status.
func request(s *Server, peer string, xff ...string) int {
	r := httptest.NewRequest(http.MethodGet, "/", nil)
	r.RemoteAddr = peer
	for _, h := range xff {
		r.Header.Add("X-Forwarded-For", h)
	}
	w := httptest.NewRecorder()
	s.ServeHTTP(w, r)
	return w.Code
}

// A client that is not a trusted proxy cannot escape the rate limit by writing a new
// X-Forwarded-For into each request: the header is not read from it.
func TestForgedForwardedForFromAnUntrustedPeerIsIgnored(t *testing.T) {
	for name, trusted := range map[string][]string{"no proxy trusted": nil, "another proxy trusted": {"10.0.0.0/8"}} {
		s := limitedServer(t, trusted...)
		for i, fake := range []string{"198.51.100.1", "198.51.100.2", "198.51.100.3", "198.51.100.4"} {
			code := request(s, "203.0.113.9:40000", fake)
			if want := http.StatusOK; i == 3 {
				if code != http.StatusTooManyRequests {
					t.Errorf("%s: a forged X-Forwarded-For let the client past its allowance: %d", name, code)
				}
			} else if code != want {
				t.Fatalf("%s: request %d within the allowance: %d", name, i+1, code)
			}
		}
	}
}

// Behind a trusted proxy every person has their own allowance: the client is the address
// the proxy appended, and what a person wrote to the left of it is not believed.
func TestTrustedProxyNamesTheClient(t *testing.T) {
	s := limitedServer(t, "127.0.0.1/32", "10.0.0.0/8")
	const proxy = "127.0.0.1:51000"
	for i := range 3 {
		// The person forges a new address each time; the proxy appends the real one.
		forged := []string{"192.0.2.1", "192.0.2.2", "192.0.2.3"}[i]
		if code := request(s, proxy, forged+", 198.51.100.7"); code != http.StatusOK {
			t.Fatalf("request %d of a person behind the proxy: %d", i+1, code)
		}
	}
	if code := request(s, proxy, "192.0.2.4, 198.51.100.7"); code != http.StatusTooManyRequests {
		t.Errorf("a person behind the proxy escaped the limit by forging the left of the header: %d", code)
	}
	if code := request(s, proxy, "198.51.100.8"); code != http.StatusOK {
		t.Errorf("another person behind the same proxy shares the first one's allowance: %d", code)
	}
}

// The client is found through a chain of trusted proxies, in one header or in several,
// with the addresses as proxies write them; an IPv6 client is counted by its /64.
func TestClientAddress(t *testing.T) {
	s := limitedServer(t, "127.0.0.1/32", "10.0.0.0/8", "fd00::/8")
	for _, c := range []struct {
		peer string
		xff  []string
		want string
	}{
		{"203.0.113.9:1", nil, "203.0.113.9"},
		{"203.0.113.9:1", []string{"198.51.100.7"}, "203.0.113.9"},
		{"127.0.0.1:1", nil, "127.0.0.1"},
		{"127.0.0.1:1", []string{"198.51.100.7"}, "198.51.100.7"},
		{"127.0.0.1:1", []string{"198.51.100.7, 10.1.2.3"}, "198.51.100.7"},
		{"127.0.0.1:1", []string{"192.0.2.1, 198.51.100.7", "10.1.2.3"}, "198.51.100.7"},
		{"127.0.0.1:1", []string{"198.51.100.7:4431"}, "198.51.100.7"},
		{"127.0.0.1:1", []string{"::ffff:198.51.100.7"}, "198.51.100.7"},
		{"[::ffff:127.0.0.1]:1", []string{"198.51.100.7"}, "198.51.100.7"},
		{"127.0.0.1:1", []string{"[2001:db8:1:2:3:4:5:6]:443"}, "2001:db8:1:2::/64"},
		{"[fd00::1]:1", []string{"2001:db8:1:2::9"}, "2001:db8:1:2::/64"},
		{"[2001:db8:1:2::9]:1", nil, "2001:db8:1:2::/64"},
		// Nothing can be read beyond an entry that is not an address: the proxy that
		// wrote it is counted.
		{"127.0.0.1:1", []string{"unknown, 10.1.2.3"}, "10.1.2.3"},
		{"127.0.0.1:1", []string{"10.1.2.3, 10.4.5.6"}, "10.1.2.3"},
		{"127.0.0.1:1", []string{""}, "127.0.0.1"},
	} {
		if got := clientOf(s, c.peer, each("X-Forwarded-For", c.xff)...); got != c.want {
			t.Errorf("peer %s, X-Forwarded-For %q: the client is %q, want %q", c.peer, c.xff, got, c.want)
		}
	}
}

// net/http's own messages name the client's address; the server's log keeps the message
// and not the address.
func TestServerLogHoldsNoClientAddress(t *testing.T) {
	var logged bytes.Buffer
	hs := NewHTTPServer(http.NotFoundHandler(), log.New(&logged, "earlyid serve: ", 0))
	for _, line := range []string{
		"http: TLS handshake error from 203.0.113.7:51234: client sent an HTTP request to an HTTPS server",
		"http: TLS handshake error from [2001:db8::7%eth0]:51234: EOF",
		"http2: server: error reading preface from client [2001:db8::1]:443: bogus greeting",
		"http: panic serving 127.0.0.1:40000: boom",
	} {
		hs.ErrorLog.Print(line)
	}
	out := logged.String()
	for _, addr := range []string{"203.0.113.7", "2001:db8", "127.0.0.1", "51234"} {
		if strings.Contains(out, addr) {
			t.Errorf("the log holds a client's address %s:\n%s", addr, out)
		}
	}
	if strings.Count(out, "earlyid serve: ") != 4 || !strings.Contains(out, "TLS handshake error from (an address): client sent") {
		t.Errorf("the log lost the messages themselves:\n%s", out)
	}
}

// HSTS is sent only to a browser that reached the check over HTTPS: directly, or at a
// proxy the operator named with an https base URL.
func TestHSTSOnlyOverHTTPS(t *testing.T) {
	for _, c := range []struct {
		name     string
		secure   bool
		tls      bool
		wantHSTS bool
	}{
		{"plain HTTP", false, false, false},
		{"TLS here", false, true, true},
		{"behind an HTTPS proxy", true, false, true},
	} {
		s := newServer(t, Config{Secure: c.secure})
		var srv *httptest.Server
		if c.tls {
			srv = httptest.NewTLSServer(s)
		} else {
			srv = httptest.NewServer(s)
		}
		resp, err := srv.Client().Get(srv.URL + "/")
		srv.Close()
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if got := resp.Header.Get("Strict-Transport-Security") != ""; got != c.wantHSTS {
			t.Errorf("%s: HSTS sent %v, want %v", c.name, got, c.wantHSTS)
		}
	}
}

// clientOf returns the address s counts for a request from peer with the headers given as
// name, value pairs.
func clientOf(s *Server, peer string, header ...string) string {
	r := httptest.NewRequest(http.MethodGet, "/", nil)
	r.RemoteAddr = peer
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Add(header[i], header[i+1])
	}
	return s.clientAddr(r)
}

// each gives every value of a header as clientOf takes it: name, value, name, value….
func each(name string, values []string) []string {
	var out []string
	for _, v := range values {
		out = append(out, name, v)
	}
	return out
}

// Forwarded (RFC 7239) from a trusted proxy names the client as X-Forwarded-For does: its
// quoting, its bracketed IPv6 nodes with ports, several elements and fields, parameters in
// any case and order. A node that is not an address — unknown, an obfuscated identifier, an
// element without for=, a field that does not parse — counts the proxy that wrote it.
func TestForwardedNamesTheClient(t *testing.T) {
	s := limitedServer(t, "127.0.0.1/32", "10.0.0.0/8", "fd00::/8")
	for _, c := range []struct {
		peer      string
		forwarded []string
		want      string
	}{
		{"127.0.0.1:1", []string{"for=198.51.100.7"}, "198.51.100.7"},
		{"127.0.0.1:1", []string{"for=198.51.100.7;proto=https;by=10.0.0.1"}, "198.51.100.7"},
		{"127.0.0.1:1", []string{"proto=https; For=198.51.100.7 ;host=check.example.org"}, "198.51.100.7"},
		{"127.0.0.1:1", []string{`for="198.51.100.7:4711"`}, "198.51.100.7"},
		{"127.0.0.1:1", []string{`for="[2001:db8:1:2::1]:4711"`}, "2001:db8:1:2::/64"},
		{"127.0.0.1:1", []string{`for="[2001:db8:1:2::1]"`}, "2001:db8:1:2::/64"},
		{"127.0.0.1:1", []string{`for="[2001:db8:1:2::1]:_port7"`}, "2001:db8:1:2::/64"},
		{"127.0.0.1:1", []string{`for=2001:db8:1:2::1`}, "2001:db8:1:2::/64"},
		{"127.0.0.1:1", []string{`for="\1\9\8.51.100.7"`}, "198.51.100.7"},
		{"127.0.0.1:1", []string{`for="::ffff:198.51.100.7"`}, "198.51.100.7"},
		// A chain: the right-most node that is not a trusted proxy, in one field or several.
		{"127.0.0.1:1", []string{"for=192.0.2.1, for=198.51.100.7, for=10.1.2.3"}, "198.51.100.7"},
		{"127.0.0.1:1", []string{"for=192.0.2.1, for=198.51.100.7", `for="[fd00::5]"`}, "198.51.100.7"},
		{"127.0.0.1:1", []string{"for=198.51.100.7,,  ,for=10.1.2.3"}, "198.51.100.7"},
		{"127.0.0.1:1", []string{`for=198.51.100.7, for="[fd00::1%eth0]:80"`}, "198.51.100.7"},
		// Not an address: the proxy that wrote it is counted.
		{"127.0.0.1:1", []string{"for=unknown"}, "127.0.0.1"},
		{"127.0.0.1:1", []string{"for=_hidden, for=10.1.2.3"}, "10.1.2.3"},
		{"127.0.0.1:1", []string{`for="_gazonk"`}, "127.0.0.1"},
		{"127.0.0.1:1", []string{"proto=https;by=10.0.0.1"}, "127.0.0.1"},
		{"127.0.0.1:1", []string{"for=198.51.100.7;for=198.51.100.8"}, "127.0.0.1"},
		{"127.0.0.1:1", []string{`for="[2001:db8::1"`}, "127.0.0.1"},
		{"127.0.0.1:1", []string{`for="[2001:db8::1]4711"`}, "127.0.0.1"},
		{"127.0.0.1:1", []string{""}, "127.0.0.1"},
		// A field that does not parse is not read at all, not even its right end.
		{"127.0.0.1:1", []string{`for="198.51.100.7`}, "127.0.0.1"},
		{"127.0.0.1:1", []string{`for=192.0.2.1;x=", for=198.51.100.7`}, "127.0.0.1"},
		{"127.0.0.1:1", []string{`for=192.0.2.1;x=", for="[2001:db8::1]:4711"`}, "127.0.0.1"},
		{"127.0.0.1:1", []string{"for=198.51.100.7 198.51.100.8"}, "127.0.0.1"},
		{"127.0.0.1:1", []string{"for 198.51.100.7"}, "127.0.0.1"},
		{"127.0.0.1:1", []string{"for=198.51.100.7\x00"}, "127.0.0.1"},
		// ... but a field the proxy added after it still is: the client wrote the first.
		{"127.0.0.1:1", []string{`for="198.51.100.9`, "for=198.51.100.7"}, "198.51.100.7"},
		// From a peer that is not a trusted proxy, the header is not read.
		{"203.0.113.9:1", []string{"for=198.51.100.7"}, "203.0.113.9"},
	} {
		if got := clientOf(s, c.peer, each("Forwarded", c.forwarded)...); got != c.want {
			t.Errorf("peer %s, Forwarded %q: the client is %q, want %q", c.peer, c.forwarded, got, c.want)
		}
	}
}

// When a trusted proxy's request carries both headers, one of them may be the client's
// invention, passed on untouched: they are believed when they agree, and otherwise the
// request counts as the proxy's, never as the address a client wrote.
func TestForwardedAndXForwardedForTogether(t *testing.T) {
	s := limitedServer(t, "127.0.0.1/32")
	for _, c := range []struct {
		xff, forwarded, want string
	}{
		{"198.51.100.7", "for=198.51.100.7", "198.51.100.7"},
		{"192.0.2.1, 198.51.100.7", `for=192.0.2.2, for="198.51.100.7:4711"`, "198.51.100.7"},
		{"198.51.100.7", "for=192.0.2.66", "127.0.0.1"},
		{"192.0.2.66", "for=198.51.100.7", "127.0.0.1"},
		{"198.51.100.7", "for=unknown", "127.0.0.1"},
	} {
		if got := clientOf(s, "127.0.0.1:1", "X-Forwarded-For", c.xff, "Forwarded", c.forwarded); got != c.want {
			t.Errorf("X-Forwarded-For %q and Forwarded %q: the client is %q, want %q", c.xff, c.forwarded, got, c.want)
		}
	}
	// A person who forges the header the proxy does not write does not escape the limit.
	for i := range 4 {
		r := httptest.NewRequest(http.MethodGet, "/", nil)
		r.RemoteAddr = "127.0.0.1:1"
		r.Header.Set("X-Forwarded-For", "198.51.100.7")
		r.Header.Set("Forwarded", "for=192.0.2."+strconv.Itoa(i+1))
		w := httptest.NewRecorder()
		s.ServeHTTP(w, r)
		want := http.StatusOK
		if i == 3 {
			want = http.StatusTooManyRequests
		}
		if w.Code != want {
			t.Errorf("request %d with a new forged Forwarded each time: %d, want %d", i+1, w.Code, want)
		}
	}
}

// forwardedProxy is the trusted proxy of FuzzForwarded, and forwardedPerson the address it
// saw and appends.
var (
	forwardedProxy  = netip.MustParseAddr("127.0.0.1")
	forwardedPerson = netip.MustParseAddr("198.51.100.7")
)

// Whatever a client writes into Forwarded, the reader never panics, and what a trusted
// proxy appends after it is what counts: in a field of its own, the address the proxy saw;
// appended to the client's field, that address or, when the client made the field
// unreadable, the proxy's own — never an address the client chose.
func FuzzForwarded(f *testing.F) {
	s := &Server{cfg: Config{TrustedProxies: []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32"), netip.MustParsePrefix("10.0.0.0/8")}}}
	for _, seed := range []string{
		"for=192.0.2.60;proto=http;by=203.0.113.43",
		`for="[2001:db8:cafe::17]:4711"`,
		`For="_gazonk"`,
		"for=unknown, for=10.1.2.3",
		`for=192.0.2.43, for="[2001:db8:cafe::17]", for=unknown`,
		`for="\"";x=";"`,
		`for=192.0.2.1;x="`,
		"for=2001:db8::1",
		",,;;",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, client string) {
		if a := s.forwarded([]string{client}, forwardedProxy); !a.IsValid() {
			t.Fatalf("Forwarded %q names no address", client)
		}
		if a := s.forwarded([]string{client, "for=" + forwardedPerson.String()}, forwardedProxy); a != forwardedPerson {
			t.Errorf("Forwarded %q, then the proxy's own field: the client is %s, want %s", client, a, forwardedPerson)
		}
		a := s.forwarded([]string{client + ", for=" + forwardedPerson.String()}, forwardedProxy)
		if a != forwardedPerson && a != forwardedProxy {
			t.Errorf("Forwarded %q with the proxy's element appended: the client is %s, want %s or the proxy", client, a, forwardedPerson)
		}
	})
}
