package main

import (
	"bytes"
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"log"
	"net/http"
	"net/netip"
	"os"
	"strings"
	"sync"
	"time"
)

// loadTLS reads the certificate and key of --tls-cert and --tls-key before serve listens,
// so that a wrong file is one sentence naming it and what to give instead, not a server
// that starts and then fails every connection.
func loadTLS(f *factory, certFile, keyFile string) (tls.Certificate, error) {
	certPEM, _, err := loadCert(f, certFile)
	if err != nil {
		return tls.Certificate{}, err
	}
	keyPEM, err := os.ReadFile(keyFile)
	if err != nil {
		return tls.Certificate{}, f.failure(err, "cli.serve.tls_key_missing", map[string]any{"File": keyFile})
	}
	if !pemHolds(keyPEM, func(typ string, der []byte) bool {
		return strings.HasSuffix(typ, "PRIVATE KEY") && parsesAsKey(der)
	}) {
		return tls.Certificate{}, f.failure(errNoPEM, "cli.serve.tls_key_invalid", map[string]any{"File": keyFile})
	}
	// Both files hold what they should: what can still fail is that they do not go
	// together.
	cert, err := tls.X509KeyPair(certPEM, keyPEM)
	if err != nil {
		return tls.Certificate{}, f.failure(err, "cli.serve.tls_mismatch", map[string]any{"Cert": certFile, "Key": keyFile})
	}
	return cert, nil
}

// certCheckEvery is how often a TLS server looks whether its certificate files changed: a
// renewal (certbot's, every two months) is served within a minute, without a restart.
var certCheckEvery = time.Minute

// certReloader gives the TLS server the certificate of --tls-cert and --tls-key, read again
// when either file changes. A renewal caught half-written (the certificate new, the key
// not yet) does not load: the certificate served so far stays, and the next look tries
// again.
type certReloader struct {
	f                 *factory
	certFile, keyFile string
	log               *log.Logger

	mu      sync.Mutex
	cert    *tls.Certificate
	stamp   string // the files' sizes and times when cert was read
	checked time.Time
}

// newCertReloader reads the files once: a wrong file stops serve before it listens.
func newCertReloader(f *factory, certFile, keyFile string) (*certReloader, error) {
	c := &certReloader{f: f, certFile: certFile, keyFile: keyFile, stamp: filesStamp(certFile, keyFile), checked: time.Now()}
	cert, err := loadTLS(f, certFile, keyFile)
	if err != nil {
		return nil, err
	}
	c.cert = &cert
	return c, nil
}

func (c *certReloader) get(*tls.ClientHelloInfo) (*tls.Certificate, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if time.Since(c.checked) < certCheckEvery {
		return c.cert, nil
	}
	c.checked = time.Now()
	if st := filesStamp(c.certFile, c.keyFile); st != c.stamp {
		cert, err := loadTLS(c.f, c.certFile, c.keyFile)
		if err != nil {
			if c.log != nil {
				c.log.Print(c.f.Localizer().T("cli.serve.tls_reload_failed", map[string]any{"Reason": err.Error()}))
			}
			return c.cert, nil
		}
		c.cert, c.stamp = &cert, st
	}
	return c.cert, nil
}

// filesStamp is what changes when a file is replaced: its size and modification time
// (through the symbolic links certbot keeps).
func filesStamp(paths ...string) string {
	var b strings.Builder
	for _, p := range paths {
		if st, err := os.Stat(p); err == nil {
			fmt.Fprintf(&b, "%d %d;", st.Size(), st.ModTime().UnixNano())
		} else {
			b.WriteString("missing;")
		}
	}
	return b.String()
}

// errNoPEM is the cause kept for errors.Is when a file holds no usable PEM block.
var errNoPEM = errors.New("the file holds no PEM block of the expected kind") // i18n:ignore: the message shown is cli.serve.tls_*_invalid

// pemHolds reports whether data holds a PEM block for which ok is true.
func pemHolds(data []byte, ok func(typ string, der []byte) bool) bool {
	for {
		var b *pem.Block
		b, data = pem.Decode(data)
		if b == nil {
			return false
		}
		if ok(b.Type, b.Bytes) {
			return true
		}
	}
}

// parsesAsKey reports whether der is a private key in one of the forms crypto/tls reads.
func parsesAsKey(der []byte) bool {
	if _, err := x509.ParsePKCS8PrivateKey(der); err == nil {
		return true
	}
	if _, err := x509.ParsePKCS1PrivateKey(der); err == nil {
		return true
	}
	_, err := x509.ParseECPrivateKey(der)
	return err == nil
}

// parseTrustedProxies reads --trusted-proxy: a range (10.0.0.0/8) or one address
// (127.0.0.1, taken as its own range).
func parseTrustedProxies(f *factory, values []string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, v := range values {
		p, err := netip.ParsePrefix(v)
		if err != nil {
			a, aerr := netip.ParseAddr(v)
			if aerr != nil {
				return nil, f.usageError("cli.error.serve_trusted_proxy", map[string]any{"Value": v})
			}
			a = a.Unmap()
			p = netip.PrefixFrom(a, a.BitLen())
		}
		out = append(out, p.Masked())
	}
	return out, nil
}

// healthcheckTimeout bounds serve --healthcheck: a container's check must end before the
// engine's own timeout.
const healthcheckTimeout = 3 * time.Second

// healthcheck asks the self-check server at url for /healthz's answer: exit 0 when it
// answers 200, 1 otherwise. It is the container image's HEALTHCHECK, which has no shell or
// curl to run. With certFile (the server's own --tls-cert), an https url is trusted when it
// shows exactly that certificate, whatever the name in the url (127.0.0.1 inside the
// container); without it, as any HTTPS client would.
func healthcheck(f *factory, url, certFile string) error {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.Proxy = nil // the check is of this server, never of a proxy in the environment
	if certFile != "" {
		_, cert, err := loadCert(f, certFile)
		if err != nil {
			return err
		}
		tr.TLSClientConfig = &tls.Config{
			MinVersion: tls.VersionTLS12,
			// The name is not checked: the certificate itself is, byte for byte.
			InsecureSkipVerify: true,
			VerifyPeerCertificate: func(raw [][]byte, _ [][]*x509.Certificate) error {
				if len(raw) == 0 || !bytes.Equal(raw[0], cert) {
					return errors.New("the server shows another certificate than --tls-cert") // i18n:ignore: only its kind reaches the user, as "does not answer"
				}
				return nil
			},
		}
	}
	c := &http.Client{Transport: tr, Timeout: healthcheckTimeout,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.Get(url)
	if err != nil {
		return f.failure(err, "cli.serve.unhealthy_down", map[string]any{"URL": url})
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return f.failure(fmt.Errorf("the health check was answered %s", resp.Status), "cli.serve.unhealthy_status", map[string]any{"URL": url, "Status": resp.StatusCode}) // i18n:ignore: kept for errors.Is; the message is localized
	}
	fmt.Fprintln(f.IO.Out, f.Localizer().T("cli.serve.healthy", map[string]any{"URL": url}))
	return nil
}

// loadCert reads certFile, which must hold a certificate in PEM form, and returns its
// contents and the DER of its first certificate (the server's own; a chain follows it).
func loadCert(f *factory, certFile string) (data, der []byte, err error) {
	data, err = os.ReadFile(certFile)
	if err != nil {
		return nil, nil, f.failure(err, "cli.serve.tls_cert_missing", map[string]any{"File": certFile})
	}
	if !pemHolds(data, func(typ string, b []byte) bool {
		_, err := x509.ParseCertificate(b)
		der = b
		return typ == "CERTIFICATE" && err == nil
	}) {
		return nil, nil, f.failure(errNoPEM, "cli.serve.tls_cert_invalid", map[string]any{"File": certFile})
	}
	return data, der, nil
}
