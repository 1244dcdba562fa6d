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
// right-most address of X-Forwarded-For, or of Forwarded (RFC 7239), that is not a trusted
// proxy, since each proxy appends the address it received the request from and only the
// entries the trusted proxies appended can be believed; anything to their left is whatever
// the client wrote. A client that is not behind a trusted proxy cannot choose its own
// address this way: neither header is read at all.
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
		client = s.proxiedClient(r.Header, client)
	}
	if client.Is6() {
		p, _ := client.Prefix(64)
		return p.String()
	}
	return client.String()
}

// proxiedClient is the client a trusted proxy names, peer. A proxy usually writes one of
// the two headers and passes the other on as the client sent it, so when both are present
// one of them may be the client's invention, and which one depends on the proxy: they are
// believed only when they name the same client. When they do not, the request is counted
// as the proxy's own, which no person's allowance shares: a browser sends neither header,
// so only someone who forges one lands there, and never in a bucket of their choosing.
func (s *Server) proxiedClient(h http.Header, peer netip.Addr) netip.Addr {
	xff, fwd := h.Values("X-Forwarded-For"), h.Values("Forwarded")
	switch {
	case len(fwd) == 0:
		return s.forwardedFor(xff, peer)
	case len(xff) == 0:
		return s.forwarded(fwd, peer)
	}
	if a := s.forwardedFor(xff, peer); a == s.forwarded(fwd, peer) {
		return a
	}
	return peer
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
			a, ok := parseForwardedFor(entry)
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

// parseForwardedFor reads one X-Forwarded-For entry: an address, with a port or in brackets
// as some proxies write it. A zone (fe80::1%eth0) is dropped: it names a network card of the
// proxy, not the client, and an address with one is in no --trusted-proxy range.
func parseForwardedFor(e string) (netip.Addr, bool) {
	e = strings.TrimSpace(e)
	if a, err := netip.ParseAddr(strings.TrimSuffix(strings.TrimPrefix(e, "["), "]")); err == nil {
		return a.Unmap().WithZone(""), true
	}
	if ap, err := netip.ParseAddrPort(e); err == nil {
		return ap.Addr().Unmap().WithZone(""), true
	}
	return netip.Addr{}, false
}

// forwarded walks the for= nodes of Forwarded (RFC 7239) from the right, past the trusted
// proxies, as forwardedFor walks X-Forwarded-For: the first node that is not one is the
// client. A node that is not an address (for=unknown, an obfuscated for=_hidden, an element
// without for=) stops the walk at the proxy that wrote it, and so does a field that does not
// parse: where its elements begin cannot be known, so what stands to their right is not
// believed either.
func (s *Server) forwarded(fields []string, peer netip.Addr) netip.Addr {
	client := peer
	for i := len(fields) - 1; i >= 0; i-- {
		nodes, ok := forwardedNodes(fields[i])
		if !ok {
			return client
		}
		for j := len(nodes) - 1; j >= 0; j-- {
			a, ok := parseNode(nodes[j])
			if !ok {
				return client
			}
			client = a
			if !s.trusted(a) {
				return a
			}
		}
	}
	return client
}

// forwardedNodes returns the for= value of each element of one Forwarded field, unquoted,
// "" for an element without one (or with two), and false when the field does not follow
// the grammar: elements separated by commas, pairs by semicolons, each pair a token, "="
// and a token or a quoted string. It is strict on purpose: a client that opens a quote for
// the proxy's own element to close cannot move where that element begins, since what
// follows the quote then does not parse. Empty elements are skipped, as lists allow.
func forwardedNodes(field string) (nodes []string, ok bool) {
	i, n := 0, len(field)
	skipSpace := func() {
		for i < n && (field[i] == ' ' || field[i] == '\t') {
			i++
		}
	}
	for {
		// One element: pairs up to a comma or the end.
		node, fors, empty := "", 0, true
		for {
			skipSpace()
			if i < n && field[i] != ',' && field[i] != ';' {
				start := i
				for i < n && isTokenChar(field[i]) {
					i++
				}
				name := field[start:i]
				if name == "" || i >= n || field[i] != '=' {
					return nil, false
				}
				i++
				value, next, ok := pairValue(field, i)
				if !ok {
					return nil, false
				}
				i, empty = next, false
				if strings.EqualFold(name, "for") {
					node, fors = value, fors+1
				}
				skipSpace()
			}
			if i >= n || field[i] == ',' {
				break
			}
			if field[i] != ';' {
				return nil, false
			}
			i++
		}
		if !empty {
			if fors != 1 {
				node = ""
			}
			nodes = append(nodes, node)
		}
		if i >= n {
			return nodes, true
		}
		i++ // the comma
	}
}

// pairValue reads the value of a Forwarded pair at field[i:]: a quoted string (with its
// backslash escapes undone) or a token. Tokens also take ':', '[' and ']', which the
// grammar leaves out, since proxies configured by hand write an IPv6 node or an address
// with its port unquoted (for=2001:db8::1) and the address is still the one they saw.
func pairValue(field string, i int) (value string, next int, ok bool) {
	n := len(field)
	if i < n && field[i] == '"' {
		var b strings.Builder
		for i++; i < n; i++ {
			c := field[i]
			switch {
			case c == '"':
				return b.String(), i + 1, true
			case c == '\\' && i+1 < n && isQuotedChar(field[i+1]):
				i++
				b.WriteByte(field[i])
			case isQuotedChar(c) && c != '\\':
				b.WriteByte(c)
			default:
				return "", 0, false
			}
		}
		return "", 0, false // no closing quote
	}
	start := i
	for i < n && (isTokenChar(field[i]) || field[i] == ':' || field[i] == '[' || field[i] == ']') {
		i++
	}
	return field[start:i], i, i > start
}

// isTokenChar reports whether c may be in an HTTP token (RFC 9110's tchar).
func isTokenChar(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	return strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0
}

// isQuotedChar reports whether c may be in a quoted string: a tab, a space, a visible
// character or any byte of a non-ASCII one; never a control character.
func isQuotedChar(c byte) bool { return c == '\t' || (c >= ' ' && c != 0x7f) }

// parseNode reads a Forwarded node: an IPv4 address, an IPv6 address in brackets, either
// with a port (a number or an obfuscated _name), or a bare IPv6 address as proxies
// configured by hand write it; a zone is dropped, as in X-Forwarded-For. "unknown" and
// obfuscated identifiers (_hidden) are not addresses.
func parseNode(node string) (netip.Addr, bool) {
	host := node
	if strings.HasPrefix(node, "[") {
		end := strings.IndexByte(node, ']')
		if end < 0 {
			return netip.Addr{}, false
		}
		if rest := node[end+1:]; rest != "" && (rest[0] != ':' || len(rest) == 1) {
			return netip.Addr{}, false
		}
		host = node[1:end]
	} else if colon := strings.IndexByte(node, ':'); colon >= 0 && strings.Count(node, ":") == 1 {
		host = node[:colon]
	}
	a, err := netip.ParseAddr(host)
	if err != nil {
		return netip.Addr{}, false
	}
	return a.Unmap().WithZone(""), true
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
