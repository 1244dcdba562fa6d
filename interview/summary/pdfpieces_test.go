package summary

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// TestPDFPieces: a long text is handed to the PDF writer in pieces that together are the
// text, each of at most pdfPiece characters and ending after a space where the text has
// one; a short text is one piece, so usual summaries are written as before.
func TestPDFPieces(t *testing.T) {
	if got := pdfPieces("Роботодавець забрав паспорт."); len(got) != 1 {
		t.Errorf("a short text is cut: %q", got)
	}
	for _, s := range []string{
		strings.Repeat("Роботодавець забрав паспорт і обіцяв повернути. ", 300),
		strings.Repeat("ș", 1000), // no space at all
	} {
		pieces := pdfPieces(s)
		if strings.Join(pieces, "") != s {
			t.Fatalf("the pieces do not make the text")
		}
		for i, p := range pieces {
			if n := utf8.RuneCountInString(p); n > pdfPiece || !utf8.ValidString(p) {
				t.Fatalf("piece %d has %d characters or cuts a character", i, n)
			}
			if strings.Contains(s, " ") && i < len(pieces)-1 && !strings.HasSuffix(p, " ") {
				t.Errorf("piece %d does not end after a space: %q", i, p)
			}
		}
	}
}
