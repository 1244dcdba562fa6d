package poster

import (
	"errors"
	"net"
	"net/url"
	"strings"
)

// ErrBaseURL is the reason CheckBaseURL gives for an address a phone cannot open from a
// QR code.
var ErrBaseURL = errors.New("the address is not an absolute http:// or https:// URL with a host") // i18n:ignore: sentinel, localized by callers

// CheckBaseURL checks the address people are sent to: an absolute http or https URL with a
// host, since a QR code with anything else ("selfcheck.example.md", "ftp://…") opens a search
// or nothing at all on a phone.
func CheckBaseURL(raw string) error {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return errors.Join(ErrBaseURL, err)
	}
	if s := strings.ToLower(u.Scheme); (s != "http" && s != "https") || u.Hostname() == "" || u.Opaque != "" || u.User != nil {
		return ErrBaseURL
	}
	return nil
}

// ListenURL returns the address a phone opens to reach a server listening on addr
// ("host:port"). A server listening on every network (0.0.0.0, ::, or no host) is reached
// on one of this computer's local network addresses (see lanIP); without one it is this
// computer's own address, 127.0.0.1.
func ListenURL(addr string, tls bool) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		host, port = addr, ""
	}
	if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
		host = "127.0.0.1"
		if addrs, err := net.InterfaceAddrs(); err == nil {
			if ip := lanIP(addrs); ip != nil {
				host = ip.String()
			}
		}
	}
	scheme := "http"
	if tls {
		scheme = "https"
	}
	if port != "" {
		host = net.JoinHostPort(host, port)
	} else if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	return scheme + "://" + host + "/"
}

// lanIP chooses, among this computer's addresses, the one a tablet on the same Wi-Fi most
// likely reaches: a private IPv4 address (192.168.…, 10.…, 172.16–31.…) before any other
// IPv4 address, and IPv4 before IPv6 (a phone's browser and a person typing the address
// from the poster both do better with it); never a loopback or link-local address. It is nil
// when there is none.
func lanIP(addrs []net.Addr) net.IP {
	rank := func(ip net.IP) int {
		switch {
		case ip.IsLoopback() || ip.IsLinkLocalUnicast() || !ip.IsGlobalUnicast():
			return 0
		case ip.To4() != nil && ip.IsPrivate():
			return 4
		case ip.To4() != nil:
			return 3
		case ip.IsPrivate():
			return 2
		default:
			return 1
		}
	}
	var best net.IP
	for _, a := range addrs {
		var ip net.IP
		switch a := a.(type) {
		case *net.IPNet:
			ip = a.IP
		case *net.IPAddr:
			ip = a.IP
		}
		if ip != nil && rank(ip) > rank(best) {
			best = ip
		}
	}
	if best == nil || rank(best) == 0 {
		return nil
	}
	return best
}

// ThisComputerOnly reports whether raw names this computer only (a loopback address or
// localhost), which no phone or tablet can open: such an address gets no QR code.
func ThisComputerOnly(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil {
		return false
	}
	host := u.Hostname()
	if ip := net.ParseIP(host); ip != nil {
		return ip.IsLoopback()
	}
	return strings.EqualFold(host, "localhost")
}
