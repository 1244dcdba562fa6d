package main

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"filippo.io/age"
	"github.com/spf13/cobra"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/interview"
	"github.com/earlyid/earlyid/interview/summary"
	"github.com/earlyid/earlyid/interview/web"
	"github.com/earlyid/earlyid/interview/web/poster"
)

// serveOptions holds the flag values of serve.
type serveOptions struct {
	Addr       string
	Guideline  string
	Recipients []string
	Spool      string
	KeyFile    string
	LeaveURL   string
	BaseURL    string
	TLSCert    string
	TLSKey     string
	// TrustedProxies are the --trusted-proxy ranges: the reverse proxies whose
	// X-Forwarded-For or Forwarded names the client for the rate limit.
	TrustedProxies []string
	// RateLimit is --rate-limit: the requests a minute one client address may make.
	RateLimit int
	// Healthcheck, when set, is the URL whose answer serve checks, instead of serving.
	Healthcheck string
	// Kiosk saves each finished self-check into this computer's encrypted store.
	Kiosk bool
	Keys  *keyAccess

	// Poster, when set, is the PDF file the poster of --base-url is written to, instead of
	// serving; Force lets it replace an existing file.
	Poster string
	Force  bool
	// QR prints the address's QR code when it starts even when stdout is not a terminal.
	QR bool

	// ready, when set (tests), is called with the address the server listens on.
	ready func(addr string)
}

func newServeCmd(f *factory, runF func(*serveOptions) error) *cobra.Command {
	opts := &serveOptions{Keys: newKeyAccess(f)}
	cmd := &cobra.Command{
		Use:   "serve [--addr HOST:PORT] [--guideline FILE|ID] [--recipient age1…]… [--spool DIR] [--key-file FILE] [--tls-cert F --tls-key F] [--base-url URL] [--trusted-proxy CIDR]… [--rate-limit N] [--leave-url URL] [--qr] [--poster FILE.pdf [--force]]",
		Short: "Serve the self-check to people's phones",
		Long: `Serve the self-check in a web browser: a person opens it on their own phone (from a link or
a QR code), chooses their language and answers the person's questions of the guideline
alone, as in "interview --self". No answer is shown back as a result; at the end the page
lists where to get help, as numbers to call.

The server keeps nothing. The answers travel with the person's browser in one session
cookie, encrypted and authenticated with the key in --key-file (made at the first start,
readable by its owner only; to rotate, put a new key of 64 hexadecimal digits on its first
line and remove the old one two hours later), and expire two hours after the last answer.
Any number of servers sharing the key file can serve the same people.

With --recipient (the organisation's age public key, repeatable), the person may ask at
the end to be contacted: only then is the session written, encrypted to those keys, into
--spool (default: the folder "spool" in earlyid's data folder). The server cannot read it;
a specialist imports it with "earlyid sessions import SPOOL --identity KEY" and continues
it with "earlyid resume CODE --interviewer".

With --kiosk, on a specialist's laptop, each finished self-check is saved into this
computer's encrypted sessions (the passphrase is asked once, at the start), as after
"interview --self"; a tablet on the laptop's network opens it when --addr listens there
(for example --addr 0.0.0.0:8080).

It listens on this computer only (127.0.0.1:8080) unless --addr says otherwise. Run it
behind a TLS reverse proxy, or with --tls-cert and --tls-key; give --base-url https://…
when a proxy terminates TLS, so that the cookie is sent over HTTPS only. Each client address
may make --rate-limit requests a minute (120 by default), as many at once; a person doing
the check makes three to fifteen a minute. Many phones on one mobile network can share one
public address: where crowds do the check at once, at a border crossing say, raise it to
ten for each person who may be answering from one address (600 for sixty). It cannot be
switched off: it keeps one address from flooding the server, and a tenth of it is how
many times an hour one address may ask to be contacted (12 by default), so that none can
fill the spool. Behind a proxy, name it with --trusted-proxy so that each person is counted by the
address the proxy saw (X-Forwarded-For or Forwarded), not all as one.

"earlyid serve --healthcheck http://127.0.0.1:8080/healthz" serves nothing: it exits 0 when
the server there answers, 1 otherwise (a container's HEALTHCHECK, where there is no curl).

When it starts, it prints the address people open and, on a terminal (or with --qr), its
QR code. With --poster FILE.pdf it serves nothing: it writes an A4 poster to print, with the
QR code of --base-url, the address in words, the hotline numbers of the guideline and a
sentence on the self-check, in Ukrainian, Russian, Romanian and English.`,
		Example: `  earlyid serve --recipient age1qyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqs3290gq
  earlyid serve --addr :8443 --tls-cert cert.pem --tls-key key.pem --recipient age1…
  earlyid serve --base-url https://selfcheck.example.md/ --trusted-proxy 127.0.0.1 --rate-limit 600 --recipient age1…
  earlyid serve --poster poster.pdf --base-url https://selfcheck.example.md/`,
		Args: exactArgs(f, 0, ""),
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.Healthcheck != "" {
				return healthcheck(f, opts.Healthcheck, opts.TLSCert)
			}
			if (opts.TLSCert == "") != (opts.TLSKey == "") {
				return f.usageError("cli.error.serve_tls_pair", nil)
			}
			if opts.Kiosk && (opts.Spool != "" || len(opts.Recipients) > 0) {
				second := "recipient"
				if opts.Spool != "" {
					second = "spool"
				}
				return f.usageError("cli.error.flags_conflict", map[string]any{"First": "kiosk", "Second": second})
			}
			if opts.Spool != "" && len(opts.Recipients) == 0 {
				return f.usageError("cli.error.serve_spool_without_recipient", nil)
			}
			if opts.RateLimit < 1 {
				return f.usageError("cli.error.serve_rate_limit", map[string]any{"Value": opts.RateLimit})
			}
			if err := checkServeURL(f, opts); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			if opts.Poster != "" {
				return runServePoster(f, opts)
			}
			return runServe(cmd.Context(), f, opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.Addr, "addr", "127.0.0.1:8080", "listen on `HOST:PORT`; :8080 listens on every network of this computer")
	fl.StringVar(&opts.Guideline, "guideline", guidelines.DefaultID, "the guideline `FILE|ID` whose person's questions are asked")
	fl.StringArrayVar(&opts.Recipients, "recipient", nil, "encrypt the sessions of people who ask to be contacted to this age `recipient` (age1…); repeat for several")
	fl.StringVar(&opts.Spool, "spool", "", "write those sessions into `DIR` (default: spool in earlyid's data folder); needs --recipient")
	fl.StringVar(&opts.KeyFile, "key-file", "", "the `FILE` of the keys that seal the pages' state (default: serve.key in earlyid's data folder; made at the first start)")
	fl.StringVar(&opts.LeaveURL, "leave-url", "", "where \"Leave quickly\" goes (`URL`; default: a neutral page of this server)")
	fl.StringVar(&opts.BaseURL, "base-url", "", "the `URL` people open, when it is not the listening address (behind a proxy)")
	fl.StringVar(&opts.TLSCert, "tls-cert", "", "serve HTTPS with this certificate `FILE` (PEM)")
	fl.StringVar(&opts.TLSKey, "tls-key", "", "and this private key `FILE` (PEM)")
	fl.StringVar(&opts.Poster, "poster", "", "write an A4 poster of --base-url to `FILE.pdf` (- for stdout) and exit, without serving")
	fl.BoolVar(&opts.Force, "force", false, "replace the --poster file if it exists")
	fl.BoolVar(&opts.QR, "qr", false, "print the QR code of the address at the start even when the output is not a terminal")
	fl.StringArrayVar(&opts.TrustedProxies, "trusted-proxy", nil, "believe X-Forwarded-For and Forwarded from this reverse proxy (`CIDR` or address, e.g. 127.0.0.1 or 10.0.0.0/8) to tell clients apart; repeat for several")
	fl.IntVar(&opts.RateLimit, "rate-limit", web.DefaultRatePerMinute, "let each client address make `N` requests a minute, as many at once (a person doing the check makes three to fifteen); raise it where many people share one address")
	fl.StringVar(&opts.Healthcheck, "healthcheck", "", "only check that the server at `URL` (…/healthz) answers, and exit 0 if it does, 1 if not")
	fl.BoolVar(&opts.Kiosk, "kiosk", false, "save each finished self-check into this computer's encrypted sessions (a tablet in a shelter on this laptop's network: give --addr too)")
	addPassphraseFlag(cmd, opts.Keys)
	return cmd
}

// serveShutdownTimeout is how long the pages being answered at SIGTERM may take to finish.
const serveShutdownTimeout = 10 * time.Second

func runServe(ctx context.Context, f *factory, opts *serveOptions) error {
	l := f.Localizer()
	proxies, err := parseTrustedProxies(f, opts.TrustedProxies)
	if err != nil {
		return err
	}
	var certs *certReloader
	if opts.TLSCert != "" {
		if certs, err = newCertReloader(f, opts.TLSCert, opts.TLSKey); err != nil {
			return err
		}
	}
	g, err := f.openGuideline(opts.Guideline)
	if err != nil {
		return err
	}
	var recipients []age.Recipient
	for _, r := range opts.Recipients {
		rc, err := summary.ParseRecipient(r)
		if err != nil {
			return recipientError(f, err)
		}
		recipients = append(recipients, rc)
	}
	var data string
	if opts.KeyFile == "" || (len(recipients) > 0 && opts.Spool == "") {
		if data, err = f.dataDir(); err != nil {
			return err
		}
		if err := interview.EnsurePrivateDir(data); err != nil {
			return f.failure(err, "cli.serve.data_dir", map[string]any{"Dir": data})
		}
	}
	if opts.KeyFile == "" {
		opts.KeyFile = filepath.Join(data, "serve.key")
	}
	if len(recipients) > 0 && opts.Spool == "" {
		opts.Spool = filepath.Join(data, "spool")
	}
	keys, err := web.LoadOrCreateKeys(opts.KeyFile)
	if err != nil {
		return f.failure(err, "cli.serve.key_file", map[string]any{"File": opts.KeyFile})
	}
	var kiosk interview.Store
	if opts.Kiosk {
		st, err := opts.Keys.Store(true)
		if err != nil {
			return err
		}
		kiosk = st
	}
	secure := opts.TLSCert != "" || strings.HasPrefix(strings.ToLower(opts.BaseURL), "https://")
	srv, err := web.New(web.Config{
		Guideline: g, Keys: keys, Spool: opts.Spool, Recipients: recipients,
		Kiosk: kiosk, LeaveURL: opts.LeaveURL, Secure: secure, TrustedProxies: proxies,
		RatePerMinute: opts.RateLimit,
		Log:           log.New(f.IO.ErrOut, "earlyid serve: ", log.LstdFlags),
	})
	if err != nil {
		return f.failure(err, "cli.serve.spool", map[string]any{"Dir": opts.Spool})
	}
	ln, err := net.Listen("tcp", opts.Addr)
	if err != nil {
		return f.failure(err, "cli.serve.listen", map[string]any{"Addr": opts.Addr})
	}
	hs := web.NewHTTPServer(srv, log.New(f.IO.ErrOut, "earlyid serve: ", log.LstdFlags))
	if certs != nil {
		certs.log = log.New(f.IO.ErrOut, "earlyid serve: ", log.LstdFlags)
		hs.TLSConfig = &tls.Config{GetCertificate: certs.get, MinVersion: tls.VersionTLS12}
	}
	url := opts.BaseURL
	if url == "" {
		url = poster.ListenURL(ln.Addr().String(), opts.TLSCert != "")
	}
	fmt.Fprintln(f.IO.Out, l.T("cli.serve.listening", map[string]any{"URL": url}))
	printServeQR(f, opts, url)
	switch {
	case opts.Kiosk:
		fmt.Fprintln(f.IO.Out, l.T("cli.serve.kiosk", nil))
	case len(recipients) > 0:
		fmt.Fprintln(f.IO.Out, l.T("cli.serve.contact_on", map[string]any{"Dir": opts.Spool}))
	default:
		fmt.Fprintln(f.IO.Out, l.T("cli.serve.contact_off", nil))
	}
	if opts.ready != nil {
		opts.ready(ln.Addr().String())
	}

	if ctx == nil {
		ctx = context.Background()
	}
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	served := make(chan error, 1)
	go func() {
		if opts.TLSCert != "" {
			served <- hs.ServeTLS(ln, "", "") // the certificate comes from TLSConfig.GetCertificate
		} else {
			served <- hs.Serve(ln)
		}
	}()
	select {
	case err := <-served:
		return f.failure(err, "cli.serve.failed", map[string]any{"Addr": opts.Addr})
	case <-ctx.Done():
	}
	// The pages being answered finish; new ones are refused.
	sctx, cancel := context.WithTimeout(context.Background(), serveShutdownTimeout)
	defer cancel()
	err = hs.Shutdown(sctx)
	if err := <-served; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return f.failure(err, "cli.serve.failed", map[string]any{"Addr": opts.Addr})
	}
	if err != nil {
		return f.failure(err, "cli.serve.failed", map[string]any{"Addr": opts.Addr})
	}
	fmt.Fprintln(f.IO.Out, l.T("cli.serve.stopped", nil))
	return nil
}
