package summary

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
)

// The output formats.
const (
	FormatMarkdown = "md"
	FormatHTML     = "html"
	FormatJSON     = "json"
	FormatPDF      = "pdf"
)

// Formats lists the output formats, in the order help texts show them.
var Formats = []string{FormatMarkdown, FormatHTML, FormatJSON, FormatPDF}

// ErrFormat is wrapped by errors for a format that is not one of Formats.
var ErrFormat = errors.New("unknown summary format") // i18n:ignore: Go error, localized by callers

// Binary reports whether format produces bytes that must not be written to a terminal.
func Binary(format string) bool { return format == FormatPDF }

// Extension returns the usual file name extension of format, with the dot.
func Extension(format string) string { return "." + format }

// Render writes the summary in format (one of Formats).
func (s *Summary) Render(w io.Writer, format string) error {
	switch format {
	case FormatMarkdown:
		return s.WriteMarkdown(w)
	case FormatHTML:
		return s.WriteHTML(w)
	case FormatJSON:
		return s.WriteJSON(w)
	case FormatPDF:
		return s.WritePDF(w)
	}
	return fmt.Errorf("cannot write the summary as %q (use %s): %w", format, strings.Join(Formats, ", "), ErrFormat) // i18n:ignore: Go error, localized by callers
}

// ValidFormat reports whether format is one of Formats.
func ValidFormat(format string) bool { return slices.Contains(Formats, format) }
