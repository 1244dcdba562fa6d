package main

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"io"
	"math/big"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// selfSigned writes a self-signed certificate for 127.0.0.1 and its key into dir, as PEM
// files, and returns their paths and the certificate.
func selfSigned(t *testing.T, dir, name string) (certFile, keyFile string, cert *x509.Certificate) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(time.Now().UnixNano()),
		Subject:      pkix.Name{CommonName: name},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(time.Hour),
		IPAddresses:  []net.IP{net.IPv4(127, 0, 0, 1)},
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, _ = x509.ParseCertificate(der)
	pkcs8, _ := x509.MarshalPKCS8PrivateKey(key)
	certFile, keyFile = filepath.Join(dir, name+".crt"), filepath.Join(dir, name+".key")
	if err := os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: pkcs8}), 0o600); err != nil {
		t.Fatal(err)
	}
	return certFile, keyFile, cert
}

// noRedirect is a client that shows each answer itself, so that the cookie a redirect
// sets can be looked at.
func noRedirect(c *http.Client) *http.Client {
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	c.Timeout = 10 * time.Second
	return c
}

// startCheck starts a check at base and returns the answer that sets its cookie.
func startCheck(t *testing.T, c *http.Client, base string) *http.Response {
	t.Helper()
	resp, err := c.PostForm(base+"/start", url.Values{"lang": {"en"}})
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || len(resp.Cookies()) != 1 {
		t.Fatalf("POST /start: %d, cookies %v", resp.StatusCode, resp.Cookies())
	}
	return resp
}

// serve --tls-cert --tls-key serves the check over TLS to a client that trusts the
// certificate: the session cookie is Secure and the browser is told to keep to HTTPS. A
// client speaking plain HTTP to it is refused, and the log of that names no address. The
// health check trusts the server's own certificate, and no other.
func TestServeOverTLS(t *testing.T) {
	dir := t.TempDir()
	certFile, keyFile, cert := selfSigned(t, dir, "server")
	f, out, errOut := cliRun{}.factory(t)
	addr, stop := startServe(t, f, &serveOptions{TLSCert: certFile, TLSKey: keyFile, KeyFile: filepath.Join(dir, "serve.key")})
	base := "https://" + addr
	if !strings.Contains(out.String(), base+"/") {
		t.Errorf("serve does not print its https address:\n%s", out)
	}

	roots := x509.NewCertPool()
	roots.AddCert(cert)
	c := noRedirect(&http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: roots}}})
	resp, err := c.Get(base + "/")
	if err != nil {
		t.Fatalf("a client that trusts the certificate: %v", err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), `action="/start"`) || resp.TLS == nil {
		t.Fatalf("the first page over TLS: %d\n%s", resp.StatusCode, body)
	}
	if resp.Header.Get("Strict-Transport-Security") == "" {
		t.Error("no HSTS over TLS")
	}
	if ck := startCheck(t, c, base).Cookies()[0]; !ck.Secure || !ck.HttpOnly {
		t.Errorf("the session cookie over TLS: Secure=%v HttpOnly=%v", ck.Secure, ck.HttpOnly)
	}

	// Plain HTTP to the TLS port: net/http answers 400 and logs the handshake error.
	plain, err := http.Get("http://" + addr + "/")
	if err == nil {
		plain.Body.Close()
	}
	for _, args := range []struct {
		cert string
		rc   int
	}{{certFile, 0}, {"", exitFailure}} {
		a := []string{"serve", "--healthcheck", base + "/healthz"}
		if args.cert != "" {
			a = append(a, "--tls-cert", args.cert)
		}
		if rc, hout, herr := (cliRun{}).run(t, a...); rc != args.rc {
			t.Errorf("%v: exit %d, want %d\n%s%s", a, rc, args.rc, hout, herr)
		}
	}
	// Another certificate, even for the same address, is not the server's.
	otherCert, _, _ := selfSigned(t, dir, "other")
	if rc, _, herr := (cliRun{}).run(t, "serve", "--healthcheck", base+"/healthz", "--tls-cert", otherCert); rc != exitFailure || !strings.Contains(herr, "another certificate") {
		t.Errorf("the health check trusts a certificate the server does not show: exit %d\n%s", rc, herr)
	}

	if err := stop(); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(errOut.String(), "TLS handshake error") || strings.Contains(errOut.String(), "127.0.0.1") {
		t.Errorf("serve's log of a plain HTTP client names its address, or nothing:\n%s", errOut)
	}
}

// Behind a proxy that terminates TLS, --base-url https://… marks the cookie Secure and
// tells browsers to keep to HTTPS, though the server itself speaks plain HTTP.
func TestServeBehindAnHTTPSProxyMarksTheCookieSecure(t *testing.T) {
	for _, c := range []struct {
		base   string
		secure bool
	}{{"https://check.example.org/", true}, {"", false}, {"http://192.168.1.5:8080/", false}} {
		f, _, _ := cliRun{}.factory(t)
		addr, stop := startServe(t, f, &serveOptions{BaseURL: c.base, KeyFile: filepath.Join(t.TempDir(), "serve.key")})
		resp := startCheck(t, noRedirect(&http.Client{}), "http://"+addr)
		if ck := resp.Cookies()[0]; ck.Secure != c.secure {
			t.Errorf("--base-url %q: the cookie is Secure=%v, want %v", c.base, ck.Secure, c.secure)
		}
		if hsts := resp.Header.Get("Strict-Transport-Security") != ""; hsts != c.secure {
			t.Errorf("--base-url %q: HSTS sent %v, want %v", c.base, hsts, c.secure)
		}
		if err := stop(); err != nil {
			t.Fatal(err)
		}
	}
}

// A certificate or key that is missing, of the wrong kind or not of the same pair stops
// serve before it listens, with a sentence naming the file, its flag and what to give.
func TestServeTLSFileProblems(t *testing.T) {
	dir := t.TempDir()
	certFile, keyFile, _ := selfSigned(t, dir, "server")
	_, otherKey, _ := selfSigned(t, dir, "other")
	missing := filepath.Join(dir, "missing.pem")
	for _, c := range []struct {
		name      string
		cert, key string
		want      []string
	}{
		{"missing certificate", missing, keyFile, []string{missing, "--tls-cert", "does not exist", "fullchain.pem"}},
		{"missing key", certFile, missing, []string{missing, "--tls-key", "does not exist", "privkey.pem"}},
		{"the files swapped", keyFile, certFile, []string{keyFile, "--tls-cert", "no certificate", "BEGIN CERTIFICATE"}},
		{"a certificate as the key", certFile, certFile, []string{certFile, "--tls-key", "no private key", "privkey.pem"}},
		{"another certificate's key", certFile, otherKey, []string{otherKey, certFile, "does not belong", "made together"}},
	} {
		rc, _, errOut := cliRun{}.run(t, "serve", "--addr", "127.0.0.1:0", "--key-file", filepath.Join(dir, "serve.key"), "--tls-cert", c.cert, "--tls-key", c.key)
		if rc != exitFailure {
			t.Errorf("%s: exit %d\n%s", c.name, rc, errOut)
		}
		for _, w := range c.want {
			if !strings.Contains(errOut, w) {
				t.Errorf("%s: the message lacks %q:\n%s", c.name, w, errOut)
			}
		}
	}
}

// --trusted-proxy is wired to the rate limit: behind the named proxy each person has an
// allowance of their own, and a header from any other peer changes nothing. A value that
// is not an address is refused before anything starts.
func TestServeTrustedProxy(t *testing.T) {
	for _, trusted := range []bool{true, false} {
		f, _, _ := cliRun{}.factory(t)
		// A small allowance: at 120 a minute the bucket refills by one every half second,
		// which a loaded machine's 120 requests outlast, so the person was let through.
		const allowance = 4
		opts := &serveOptions{KeyFile: filepath.Join(t.TempDir(), "serve.key"), RateLimit: allowance}
		if trusted {
			opts.TrustedProxies = []string{"127.0.0.1"}
		}
		addr, stop := startServe(t, f, opts)
		get := func(client string) int {
			req, _ := http.NewRequest(http.MethodGet, "http://"+addr+"/", nil)
			req.Header.Set("X-Forwarded-For", client)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			return resp.StatusCode
		}
		for range allowance {
			get("198.51.100.7")
		}
		if code := get("198.51.100.7"); code != http.StatusTooManyRequests {
			t.Errorf("trusted=%v: one person past the allowance: %d", trusted, code)
		}
		want := http.StatusOK
		if !trusted {
			want = http.StatusTooManyRequests
		}
		if code := get("198.51.100.8"); code != want {
			t.Errorf("trusted=%v: another person behind the proxy: %d, want %d", trusted, code, want)
		}
		if err := stop(); err != nil {
			t.Fatal(err)
		}
	}
	rc, _, errOut := cliRun{}.run(t, "serve", "--trusted-proxy", "proxy.local")
	if rc != exitUsage || !strings.Contains(errOut, "proxy.local") {
		t.Errorf("--trusted-proxy proxy.local: exit %d\n%s", rc, errOut)
	}
}

// The health check a container runs: 0 when /healthz answers, 1 with a sentence when
// nothing listens or the address is not the health check's.
func TestServeHealthcheck(t *testing.T) {
	f, _, _ := cliRun{}.factory(t)
	addr, stop := startServe(t, f, &serveOptions{KeyFile: filepath.Join(t.TempDir(), "serve.key")})
	if rc, out, errOut := (cliRun{}).run(t, "serve", "--healthcheck", "http://"+addr+"/healthz"); rc != 0 || !strings.Contains(out, "answers") {
		t.Errorf("the health check of a running server: exit %d\n%s%s", rc, out, errOut)
	}
	if rc, _, errOut := (cliRun{}).run(t, "serve", "--healthcheck", "http://"+addr+"/health"); rc != exitFailure || !strings.Contains(errOut, "404") {
		t.Errorf("the health check of a wrong address: exit %d\n%s", rc, errOut)
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	if rc, _, errOut := (cliRun{}).run(t, "serve", "--healthcheck", "http://"+addr+"/healthz"); rc != exitFailure || !strings.Contains(errOut, "Nothing answers") {
		t.Errorf("the health check of a stopped server: exit %d\n%s", rc, errOut)
	}
}

// A renewed certificate is served without a restart; a renewal caught half-written (a new
// certificate beside the old key) is not, and the certificate before it is still served.
func TestServeTLSCertificateRenewal(t *testing.T) {
	defer func(d time.Duration) { certCheckEvery = d }(certCheckEvery)
	certCheckEvery = 0
	dir := t.TempDir()
	certFile, keyFile, first := selfSigned(t, dir, "server")
	f, _, errOut := cliRun{}.factory(t)
	addr, stop := startServe(t, f, &serveOptions{TLSCert: certFile, TLSKey: keyFile, KeyFile: filepath.Join(dir, "serve.key")})
	served := func() *x509.Certificate {
		t.Helper()
		// Only which certificate is shown matters here, not whether it is trusted.
		c, err := tls.Dial("tcp", addr, &tls.Config{InsecureSkipVerify: true})
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		return c.ConnectionState().PeerCertificates[0]
	}
	if !served().Equal(first) {
		t.Fatal("serve does not show its certificate")
	}
	copyFile := func(from, to string) {
		t.Helper()
		data, err := os.ReadFile(from)
		if err == nil {
			err = os.WriteFile(to, data, 0o600)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	renewedCert, renewedKey, renewed := selfSigned(t, dir, "renewed")
	copyFile(renewedCert, certFile)
	copyFile(renewedKey, keyFile)
	if !served().Equal(renewed) {
		t.Error("the renewed certificate is not served")
	}
	halfCert, _, _ := selfSigned(t, dir, "half")
	copyFile(halfCert, certFile)
	if !served().Equal(renewed) {
		t.Error("a certificate without its key replaced the one that worked")
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(errOut.String(), "cannot be used yet, so the previous one is still served") || !strings.Contains(errOut.String(), keyFile) {
		t.Errorf("serve does not say why the new certificate is not served:\n%s", errOut)
	}
}
