package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/earlyid/earlyid/interview/web/poster"
)

// serve --poster writes the poster and serves nothing; a poster already there is kept
// unless --force, and "-" sends the PDF to stdout.
func TestServePosterIsWrittenOnceUnlessForced(t *testing.T) {
	const url = "https://selfcheck.example.md/"
	path := filepath.Join(t.TempDir(), "poster.pdf")
	rc, out, errOut := cliRun{}.run(t, "serve", "--poster", path, "--base-url", url)
	if rc != exitOK || out != "" || !strings.Contains(errOut, "The poster for "+url+" is written to "+path) {
		t.Fatalf("serve --poster: exit %d\nstdout: %s\nstderr: %s", rc, out, errOut)
	}
	if b, err := os.ReadFile(path); err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Fatalf("no PDF was written: %v", err)
	}

	if err := os.WriteFile(path, []byte("the organisation's own poster"), 0o600); err != nil {
		t.Fatal(err)
	}
	rc, _, errOut = cliRun{}.run(t, "serve", "--poster", path, "--base-url", url)
	if rc != exitFailure || !strings.Contains(errOut, path+" already exists. Add --force") {
		t.Errorf("serve --poster over an existing file: exit %d\n%s", rc, errOut)
	}
	if b, _ := os.ReadFile(path); string(b) != "the organisation's own poster" {
		t.Error("an existing file was replaced without --force")
	}
	rc, _, errOut = cliRun{}.run(t, "serve", "--poster", path, "--base-url", url, "--force")
	if b, _ := os.ReadFile(path); rc != exitOK || !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Errorf("serve --poster --force did not replace the file: exit %d\n%s", rc, errOut)
	}

	rc, out, errOut = cliRun{}.run(t, "serve", "--poster", "-", "--base-url", url)
	if rc != exitOK || !strings.HasPrefix(out, "%PDF-") || errOut != "" {
		t.Errorf("serve --poster -: exit %d, stdout starts %.10q\n%s", rc, out, errOut)
	}
}

// An address a phone cannot open is refused before anything is written or served, with a
// message that names the flag; and a poster needs the address to print.
func TestServeRefusesAnAddressAPhoneCannotOpen(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{
		{"serve", "--base-url", "selfcheck.example.md"},
		{"serve", "--base-url", "ftp://selfcheck.example.md/", "--poster", filepath.Join(dir, "a.pdf")},
		{"serve", "--poster", filepath.Join(dir, "b.pdf")},
	} {
		rc, out, errOut := cliRun{}.run(t, args...)
		if rc != exitUsage || !strings.Contains(errOut, "--base-url") || out != "" {
			t.Errorf("%v: exit %d\nstdout: %s\nstderr: %s", args, rc, out, errOut)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) > 0 {
		t.Errorf("a refused poster was written: %v", entries)
	}
	rc, _, errOut := cliRun{ui: "uk"}.run(t, "serve", "--base-url", "selfcheck.example.md")
	if rc != exitUsage || !strings.Contains(errOut, "«selfcheck.example.md» — не адреса") {
		t.Errorf("in Ukrainian: exit %d\n%s", rc, errOut)
	}
}

// When serve starts on a terminal it prints the address and its QR code under it, exactly
// the code of that address; without a terminal (a service's log) only with --qr; never on
// stderr, where its log lines go; and for an address on this computer only, no code but
// how to reach it from a phone.
func TestServePrintsTheQRCodeOnATerminal(t *testing.T) {
	for _, tc := range []struct {
		name           string
		tty, color, qr bool
		baseURL        string
		want           bool
	}{
		{"terminal, on this computer only", true, false, false, "", false},
		{"terminal", true, false, false, "http://192.168.1.20:8080/", true},
		{"colour terminal, behind a proxy", true, true, false, "https://selfcheck.example.md/", true},
		{"log", false, false, false, "", false},
		{"log with --qr", false, false, true, "https://selfcheck.example.md/", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, out, errOut := cliRun{tty: tc.tty}.factory(t)
			f.IO.Color = tc.color
			opts := &serveOptions{BaseURL: tc.baseURL, QR: tc.qr, KeyFile: filepath.Join(t.TempDir(), "serve.key")}
			addr, stop := startServe(t, f, opts)
			if err := stop(); err != nil {
				t.Fatal(err)
			}
			url := tc.baseURL
			if url == "" {
				url = "http://" + addr + "/"
			}
			if !strings.Contains(out.String(), "The self-check is served at "+url+" ") {
				t.Errorf("serve does not announce %s:\n%s", url, out)
			}
			code, err := poster.Encode(url)
			if err != nil {
				t.Fatal(err)
			}
			var drawn bytes.Buffer
			code.WriteTerminal(&drawn, f.IO.ColorEnabled())
			if got := strings.Contains(out.String(), drawn.String()); got != tc.want {
				t.Errorf("the QR code of %s is printed: %v, want %v\n%s", url, got, tc.want, out)
			}
			if tc.color != strings.Contains(out.String(), "\x1b[") {
				t.Errorf("colour %v, but the output's colour sequences say otherwise:\n%q", tc.color, out)
			}
			if loopback := tc.baseURL == "" && tc.tty; loopback != strings.Contains(out.String(), "a phone or a tablet cannot reach it") {
				t.Errorf("on this computer only: %v, but the output says otherwise:\n%s", loopback, out)
			}
			if !tc.want && strings.ContainsAny(out.String(), "▀▄█") {
				t.Errorf("a code is printed where none should be:\n%s", out)
			}
			if strings.ContainsAny(errOut.String(), "▀▄█") {
				t.Errorf("the QR code reached the log on stderr:\n%s", errOut)
			}
		})
	}
}

// umaskOf reads this process's umask from Linux's /proc, without setting it as
// publicFileMode must: a second way to know what a document's mode should be.
func umaskOf(t *testing.T) os.FileMode {
	t.Helper()
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Skipf("no /proc/self/status to read the umask from: %v", err)
	}
	m := regexp.MustCompile(`(?m)^Umask:\s+([0-7]+)$`).FindSubmatch(b)
	if m == nil {
		t.Skip("this kernel does not show the umask")
	}
	v, _ := strconv.ParseUint(string(m[1]), 8, 32)
	return os.FileMode(v)
}

// The poster is public material, printed and shared: it is written readable by others as
// any saved document is (0644 less the umask), also when --force replaces a private file;
// a debrief, which may hold a case, is still written for its owner only.
func TestServePosterIsReadableByOthers(t *testing.T) {
	want := 0o644 &^ umaskOf(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "poster.pdf")
	if err := os.WriteFile(path, []byte("an older poster"), 0o600); err != nil {
		t.Fatal(err)
	}
	rc, _, errOut := cliRun{}.run(t, "serve", "--poster", path, "--base-url", "https://selfcheck.example.md/", "--force")
	if rc != exitOK {
		t.Fatalf("serve --poster: exit %d\n%s", rc, errOut)
	}
	if st, err := os.Stat(path); err != nil {
		t.Fatal(err)
	} else if st.Mode().Perm() != want {
		t.Errorf("the poster's mode is %v, want %v (0644 less the umask)", st.Mode().Perm(), want)
	}

	f, _, _ := cliRun{}.factory(t)
	private := filepath.Join(dir, "debrief.md")
	if err := writeNewOutput(f, private, false, func(w io.Writer) error { _, err := io.WriteString(w, "a case"); return err }); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(private); err != nil {
		t.Fatal(err)
	} else if st.Mode().Perm() != 0o600 {
		t.Errorf("an output other than the poster is no longer private: %v", st.Mode().Perm())
	}
}
