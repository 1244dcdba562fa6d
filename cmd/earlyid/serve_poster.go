package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/muesli/termenv"

	"github.com/earlyid/earlyid/interview/web/poster"
	"github.com/earlyid/earlyid/textsafe"
)

// checkServeURL checks the address flags of serve before anything starts: --base-url, when
// given, is an address a phone can open, since it goes into the QR code and onto the
// poster; and --poster needs it, since the address the server happens to listen on is
// rarely the one people reach from a wall.
func checkServeURL(f *factory, opts *serveOptions) error {
	opts.BaseURL = strings.TrimSpace(opts.BaseURL)
	if opts.BaseURL != "" && poster.CheckBaseURL(opts.BaseURL) != nil {
		return f.usageError("cli.error.serve_base_url", map[string]any{"URL": textsafe.Line(opts.BaseURL)})
	}
	if opts.Poster != "" && opts.BaseURL == "" {
		return f.usageError("cli.error.serve_poster_needs_base_url", nil)
	}
	return nil
}

// runServePoster writes the poster of the self-check at --base-url into --poster (never over
// an existing file without --force; "-" is stdout) and serves nothing.
func runServePoster(f *factory, opts *serveOptions) error {
	g, err := f.openGuideline(opts.Guideline)
	if err != nil {
		return err
	}
	err = writePublicOutput(f, opts.Poster, opts.Force, func(w io.Writer) error {
		if err := poster.WritePDF(w, g, opts.BaseURL); err != nil {
			return f.failure(err, "cli.serve.poster_failed", map[string]any{"URL": opts.BaseURL, "Detail": textsafe.Line(err.Error())})
		}
		return nil
	})
	if err != nil {
		return err
	}
	if opts.Poster != "-" {
		f.IO.ErrLine(f.Localizer().T("cli.serve.poster_written", map[string]any{"URL": opts.BaseURL, "File": opts.Poster}))
	}
	return nil
}

// writePublicOutput is writeNewOutput for material made to be printed and handed round,
// the poster: its file is readable by others, as any document the user saves (0644 less
// the umask), so that a colleague or a print shop can open it; nothing on it is personal.
// Every other output keeps writeNewOutput's 0600, since it may hold a case.
func writePublicOutput(f *factory, out string, force bool, render func(w io.Writer) error) error {
	if err := writeNewOutput(f, out, force, render); err != nil || out == "" || out == "-" {
		return err
	}
	if err := os.Chmod(out, publicFileMode()); err != nil {
		return f.failure(err, "train.error.write", map[string]any{"File": out, "Detail": err.Error()})
	}
	return nil
}

// printServeQR draws the QR code of url under the line that announces it, for a phone or a
// tablet in the room to open it. Only on a terminal, or with --qr: when stdout is a pipe or
// a file it is most likely a service's log, which a collector keeps, and forty lines of
// blocks there help nobody. The log lines on stderr never carry it.
//
// An address on this computer only (127.0.0.1, localhost) opens on no phone: a code for it
// would send the person scanning it nowhere, so the line says how to listen on the local
// network instead.
func printServeQR(f *factory, opts *serveOptions, url string) {
	if !f.IO.StdoutTTY && !opts.QR {
		return
	}
	if poster.ThisComputerOnly(url) {
		fmt.Fprintln(f.IO.Out, f.Localizer().T("cli.serve.loopback_no_qr", nil))
		return
	}
	code, err := poster.Encode(url)
	if err != nil {
		// Only an address of thousands of characters has no QR code; the line above
		// still gives it in words.
		return
	}
	color := f.IO.ColorEnabled()
	if color {
		// A Windows console prints colour sequences as text until they are switched on, and
		// an old one cannot switch them on: then the code is drawn without colour rather
		// than broken by escape codes. Elsewhere this does nothing.
		restore, err := termenv.EnableVirtualTerminalProcessing(termenv.NewOutput(f.IO.Out))
		if err != nil {
			color = false
		} else {
			defer restore()
		}
	}
	code.WriteTerminal(f.IO.Out, color)
}
