package poster

import (
	"fmt"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/locales"
)

const testURL = "https://selfcheck.example.md/start?src=poster-ocna"

// The poster is printed and hung on a wall: its QR code, photographed as a page (rendered
// to an image by poppler, found by an independent decoder among the text around it), opens
// exactly the address given, a short one or a long one (a denser code), with the hotline
// panel, without one, or with more numbers than fit. The posters and PNGs of them are kept in the test's artifact folder
// (go test -artifacts) for a person to look at.
func TestPosterCodeOpensTheAddress(t *testing.T) {
	tool := needTool(t, "pdftoppm")
	none := *builtin(t)
	none.Referrals = nil
	crowded := *builtin(t)
	crowded.Referrals = nil
	for i := range 15 {
		crowded.Referrals = append(crowded.Referrals, &guidelines.Referral{
			ID:      fmt.Sprintf("line%d", i),
			Name:    guidelines.Text{"en": fmt.Sprintf("Regional advice line number %d, open on weekdays", i+1)},
			Contact: fmt.Sprintf("0 800 100 %02d", i),
		})
	}
	for _, tc := range []struct {
		name, url string
		g         *guidelines.Guideline
	}{
		{"poster", testURL, builtin(t)},
		{"short", "https://check.example.org/", builtin(t)},
		{"long", "https://selfcheck.example.md/uk/start?src=poster&place=ocnita-border-crossing&campaign=2026-12", builtin(t)},
		{"no-hotline", testURL, &none},
		{"crowded", testURL, &crowded},
	} {
		pdf := posterPDF(t, tc.g, tc.url)
		out := filepath.Join(t.TempDir(), "page")
		if b, err := exec.Command(tool, "-png", "-r", "72", "-singlefile", pdf, out).CombinedOutput(); err != nil {
			t.Fatalf("pdftoppm: %v\n%s", err, b)
		}
		f, err := os.Open(out + ".png")
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		if got := decodeQR(t, img); got != tc.url {
			t.Errorf("%s: the poster's QR code opens %q, want %q", tc.name, got, tc.url)
		}
		art := t.ArtifactDir()
		if b, err := exec.Command(tool, "-png", "-r", "100", "-singlefile", pdf, filepath.Join(art, tc.name)).CombinedOutput(); err != nil {
			t.Fatalf("pdftoppm: %v\n%s", err, b)
		}
		if b, err := os.ReadFile(pdf); err != nil || os.WriteFile(filepath.Join(art, tc.name+".pdf"), b, 0o600) != nil {
			t.Errorf("the poster could not be kept among the artifacts: %v", err)
		}
	}
}

// The poster's text, as pdftotext reads it: the title and the sentence on the check in each
// of the four languages, the address in words under the code, and every real hotline
// number of the guideline, but no contact still to be filled in and no word that would
// mark the reader as a victim to someone standing beside them.
func TestPosterSaysWhatTheCheckIsAndWhereToCall(t *testing.T) {
	tool := needTool(t, "pdftotext")
	pdf := posterPDF(t, builtin(t), testURL)
	b, err := exec.Command(tool, "-enc", "UTF-8", pdf, "-").CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext: %v\n%s", err, b)
	}
	text := oneLine(string(b))
	for _, lang := range Languages {
		l := locales.New(lang)
		for _, id := range []string{"poster.title", "poster.about", "poster.hotlines"} {
			if want := oneLine(l.T(id, nil)); !strings.Contains(text, want) {
				t.Errorf("the poster lacks %s in %s: %q\n%s", id, lang, want, text)
			}
		}
	}
	for _, want := range []string{testURL, "112", "116 111", "0 800 77777", "La Strada", "Дитяча гаряча лінія"} {
		if !strings.Contains(text, want) {
			t.Errorf("the poster lacks %q:\n%s", want, text)
		}
	}
	lower := strings.ToLower(text)
	for _, bad := range []string{"to be filled", "victim", "traffick", "trafic", "жертв", "торгівл", "торговл", "постражд", "exploat", "експлуат", "эксплуат", "exploit"} {
		if strings.Contains(lower, bad) {
			t.Errorf("the poster says %q:\n%s", bad, text)
		}
	}
	if !strings.HasPrefix(text, oneLine(locales.New("uk").T("poster.title", nil))) {
		t.Errorf("the poster does not start with its Ukrainian title:\n%s", text)
	}
}

// The numbers on the poster are the guideline's referrals that can be dialled, in the
// guideline's order: never a contact the organisation has still to fill in, nor an address.
func TestHotlinesAreTheNumbersThatCanBeDialled(t *testing.T) {
	var got []string
	for _, h := range Hotlines(builtin(t)) {
		got = append(got, h.Number)
	}
	if want := []string{"112", "116 111", "0 800 77777"}; !slices.Equal(got, want) {
		t.Errorf("the built-in guideline's hotlines are %q, want %q", got, want)
	}

	name := guidelines.Text{"en": "Shelter", "uk": "Притулок"}
	g := &guidelines.Guideline{Referrals: []*guidelines.Referral{
		{ID: "a", Name: name, Contact: "TO BE FILLED: +373 22 00 00 00", ContactPending: true},
		// A number the guideline itself marks as still to be filled in (a placeholder).
		{ID: "p", Name: name, Contact: "0 000 00000", ContactPending: true},
		{ID: "b", Name: name, Contact: "str. Ismail 12, Chișinău"},
		{ID: "c", Name: name, Contact: " +373 22 23 33 09 "},
		{ID: "d", Name: name, Contact: "12"},
		{ID: "e", Name: name, Contact: "(022) 25-41-00"},
		{ID: "f", Name: guidelines.Text{"en": "Night shelter"}, Contact: "+373 22 23 33 09"},
	}}
	hs := Hotlines(g)
	got = got[:0]
	for _, h := range hs {
		got = append(got, h.Number)
	}
	if want := []string{"+373 22 23 33 09", "(022) 25-41-00"}; !slices.Equal(got, want) {
		t.Errorf("hotlines %q, want %q", got, want)
	}
	// The same number twice is listed once, under its first name. Russian and Romanian
	// fall back to the English name, which is then given once.
	if want := []string{"Притулок", "Shelter"}; len(hs) > 0 && !slices.Equal(hs[0].Names, want) {
		t.Errorf("names %q, want %q", hs[0].Names, want)
	}
}

// The same address and guideline give the same bytes: a poster made again for a reprint is
// the same file, and its checksum can be compared.
func TestPosterIsReproducible(t *testing.T) {
	a, _ := os.ReadFile(posterPDF(t, builtin(t), testURL))
	b, _ := os.ReadFile(posterPDF(t, builtin(t), testURL))
	if len(a) == 0 || string(a) != string(b) {
		t.Error("two posters for the same address differ")
	}
}
