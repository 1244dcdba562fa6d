package main

import (
	"fmt"
	"io"
	"os"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/term"
)

// IOStreams carries the three standard streams and what is known about them, so that
// commands never touch os.Stdin/os.Stdout directly and tests can run without a terminal.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer

	// Whether each stream is a terminal. Tests set them explicitly.
	StdinTTY, StdoutTTY, StderrTTY bool
	// Color reports whether colour may be used on stdout (a terminal, NO_COLOR unset): the
	// QR code serve draws at its start is painted black on white only then.
	Color bool
	// ErrWidth is the width of the terminal on stderr, 0 when it is not one: sentences
	// printed there are wrapped at word boundaries instead of being cut mid-word by the
	// terminal.
	ErrWidth int
}

// ErrLine prints one message on stderr, word-wrapped to the terminal's width.
func (s *IOStreams) ErrLine(text string) {
	if s.ErrWidth > 1 {
		text = ansi.Wordwrap(text, s.ErrWidth-1, "")
	}
	fmt.Fprintln(s.ErrOut, text)
}

// CanPrompt reports whether the user can be asked something interactively: both stdin and
// stdout are terminals.
func (s *IOStreams) CanPrompt() bool { return s.StdinTTY && s.StdoutTTY }

// ColorEnabled reports whether colour output is allowed on stdout.
func (s *IOStreams) ColorEnabled() bool { return s.Color }

// systemIO returns the process's real streams with their terminal state detected, and
// colour allowed unless getenv says NO_COLOR.
func systemIO(getenv func(string) string) *IOStreams {
	isTTY := func(f *os.File) bool { return term.IsTerminal(f.Fd()) }
	out, errTTY := isTTY(os.Stdout), isTTY(os.Stderr)
	width := 0
	if errTTY {
		if w, _, err := term.GetSize(os.Stderr.Fd()); err == nil {
			width = w
		}
	}
	return &IOStreams{
		In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr,
		StdinTTY: isTTY(os.Stdin), StdoutTTY: out, StderrTTY: errTTY,
		Color: out && getenv("NO_COLOR") == "", ErrWidth: width,
	}
}
