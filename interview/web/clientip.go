package web

import (
	"io"
	"net"
	"net/http"
	"net/netip"
	"regexp"
	"strings"
)

// clientAddr is the address the rate limit counts. It is the connection's peer, unless the
// peer is one of the reverse proxies the operator trusts (--trusted-proxy): then it is the
// right-most address of X-Forwarded-For that is not a trusted proxy, since each proxy
// appends the address it received the request from and only the entries the trusted
// proxies appended can be believed; anything to their left is whatever the client wrote.
// A client that is not behind a trusted proxy cannot choose its own address this way: the
// header is not read at all.
//
// An IPv6 client is counted by its /64, the block a network hands to one subscriber, who
// could otherwise take a new address for every request.
//
// The address is used for counting only: it is never logged, and never stored with a
// check.
func (s *Server) clientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr // not an address and port: a listener of another kind
	}
	if len(s.cfg.TrustedProxies) == 0 && !strings.Contains(host, ":") {
		return host // an IPv4 peer and no proxy: every request takes this way, unparsed
	}
	client, err := netip.ParseAddr(host)
	if err != nil {
		return host
	}
	client = client.Unmap()
	if s.trusted(client) {
		client = s.forwardedFor(r.Header.Values("X-Forwarded-For"), client)
	}
	if client.Is6() {
		p, _ := client.Prefix(64)
		return p.String()
	}
	return client.String()
}

// forwardedFor walks the X-Forwarded-For entries from the right, past the trusted proxies,
// and returns the first address that is not one: the client. peer is the trusted proxy
// that sent the request. An entry that is not an address stops the walk at the proxy that
// wrote it, since nothing beyond it can be read; so do entries that are all trusted.
func (s *Server) forwardedFor(headers []string, peer netip.Addr) netip.Addr {
	client := peer
	for i := len(headers) - 1; i >= 0; i-- {
		rest := headers[i]
		for {
			entry := rest
			comma := strings.LastIndexByte(rest, ',')
			if comma >= 0 {
				entry, rest = rest[comma+1:], rest[:comma]
			}
			a, ok := parseForwarded(entry)
			if !ok {
				return client
			}
			client = a
			if !s.trusted(a) {
				return a
			}
			if comma < 0 {
				break
			}
		}
	}
	return client
}

// parseForwarded reads one X-Forwarded-For entry: an address, with a port or in brackets
// as some proxies write it.
func parseForwarded(e string) (netip.Addr, bool) {
	e = strings.TrimSpace(e)
	if a, err := netip.ParseAddr(strings.TrimSuffix(strings.TrimPrefix(e, "["), "]")); err == nil {
		return a.Unmap(), true
	}
	if ap, err := netip.ParseAddrPort(e); err == nil {
		return ap.Addr().Unmap(), true
	}
	return netip.Addr{}, false
}

func (s *Server) trusted(a netip.Addr) bool {
	for _, p := range s.cfg.TrustedProxies {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// addressInLog matches the client addresses net/http puts in its own messages, always with
// their port ("http: TLS handshake error from 203.0.113.7:51234: …", "http2: … from client
// [2001:db8::1]:443"). It takes any address with a port, a listening one too ("accept tcp
// [::]:8080: …"): which is the client's, a message does not say.
var addressInLog = regexp.MustCompile(`\[[0-9A-Fa-f:.]+(%[^\]]*)?\]:[0-9]+|\b([0-9]{1,3}\.){3}[0-9]{1,3}:[0-9]+`)

// withoutAddresses writes net/http's messages without the client's address: a person's
// address beside the time they used the self-check is theirs to keep, and the operator
// needs only the kind of failure.
type withoutAddresses struct{ w io.Writer }

func (l withoutAddresses) Write(p []byte) (int, error) {
	if _, err := l.w.Write(addressInLog.ReplaceAll(p, []byte("(an address)"))); err != nil {
		return 0, err
	}
	return len(p), nil
}
