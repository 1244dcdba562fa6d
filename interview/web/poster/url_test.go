package poster

import (
	"errors"
	"net"
	"strings"
	"testing"
)

// Only an address a phone opens from a QR code passes: absolute, http or https, with a
// host; anything else is refused before a poster is printed with it.
func TestCheckBaseURL(t *testing.T) {
	for _, tc := range []struct {
		url string
		ok  bool
	}{
		{"https://selfcheck.example.md/", true},
		{"http://192.168.1.20:8080/", true},
		{"HTTPS://Selfcheck.Example.md/check?src=poster", true},
		{"https://[fd00::1]:8443/", true},
		{"selfcheck.example.md", false},
		{"/start", false},
		{"ftp://selfcheck.example.md/", false},
		{"https://", false},
		{"https:selfcheck.example.md", false},
		{"https://user:secret@selfcheck.example.md/", false},
		{"javascript:alert(1)", false},
		{"https://selfcheck.example.md/%zz", false},
		{"", false},
	} {
		err := CheckBaseURL(tc.url)
		if (err == nil) != tc.ok {
			t.Errorf("CheckBaseURL(%q) = %v, want ok %v", tc.url, err, tc.ok)
		}
		if err != nil && !errors.Is(err, ErrBaseURL) {
			t.Errorf("CheckBaseURL(%q) = %v, which is not ErrBaseURL", tc.url, err)
		}
	}
}

// A server listening on every network is announced at the address a tablet on the same
// Wi-Fi reaches: a private IPv4 address first, never loopback or link-local.
func TestLanIPPrefersThePrivateIPv4Address(t *testing.T) {
	nets := func(cidrs ...string) []net.Addr {
		var out []net.Addr
		for _, c := range cidrs {
			ip, n, err := net.ParseCIDR(c)
			if err != nil {
				t.Fatal(err)
			}
			n.IP = ip
			out = append(out, n)
		}
		return out
	}
	for _, tc := range []struct {
		addrs []net.Addr
		want  string
	}{
		{nets("127.0.0.1/8", "::1/128", "fe80::1/64", "2001:db8::5/64", "81.180.1.2/24", "192.168.1.20/24"), "192.168.1.20"},
		{nets("127.0.0.1/8", "169.254.3.4/16", "10.0.0.7/8"), "10.0.0.7"},
		{nets("127.0.0.1/8", "fd12::9/64", "2001:db8::5/64"), "fd12::9"},
		{nets("127.0.0.1/8", "::1/128", "fe80::1/64"), "<nil>"},
		{nil, "<nil>"},
	} {
		if got := lanIP(tc.addrs).String(); got != tc.want {
			t.Errorf("lanIP(%v) = %s, want %s", tc.addrs, got, tc.want)
		}
	}
}

// The announced address keeps the host the server listens on when it is one, and its port;
// for every network it is a real address of this computer, not 0.0.0.0 or ::, which a
// phone cannot open.
func TestListenURL(t *testing.T) {
	for addr, want := range map[string]string{
		"127.0.0.1:8080":     "http://127.0.0.1:8080/",
		"192.168.1.20:80":    "http://192.168.1.20:80/",
		"[fd12::9]:8443":     "http://[fd12::9]:8443/",
		"selfcheck.lan:8080": "http://selfcheck.lan:8080/",
	} {
		if got := ListenURL(addr, false); got != want {
			t.Errorf("ListenURL(%q) = %s, want %s", addr, got, want)
		}
	}
	if got := ListenURL("127.0.0.1:8443", true); got != "https://127.0.0.1:8443/" {
		t.Errorf("with TLS: %s", got)
	}
	for _, addr := range []string{"0.0.0.0:8080", "[::]:8080", ":8080"} {
		got := ListenURL(addr, false)
		if strings.Contains(got, "0.0.0.0") || strings.Contains(got, "[::]") || !strings.HasSuffix(got, ":8080/") || CheckBaseURL(got) != nil {
			t.Errorf("ListenURL(%q) = %s, which a phone cannot open", addr, got)
		}
	}
}

// An address on this computer only gets no QR code; one a phone on the network can open does.
func TestThisComputerOnly(t *testing.T) {
	for raw, want := range map[string]bool{
		"http://127.0.0.1:8080/": true, "http://127.3.4.5/": true, "http://[::1]:8080/": true,
		"http://LocalHost:8080/": true, "http://192.168.1.20:8080/": false,
		"https://selfcheck.example.md/": false, "http://[fe80::1]/": false,
	} {
		if got := ThisComputerOnly(raw); got != want {
			t.Errorf("ThisComputerOnly(%q) = %v, want %v", raw, got, want)
		}
	}
}
