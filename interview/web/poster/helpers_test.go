package poster

import (
	"bytes"
	"image"
	"image/color"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/makiuchi-d/gozxing"
	zxqr "github.com/makiuchi-d/gozxing/qrcode"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/guidelines/guidelinestest"
)

// needTool returns the path of a poppler tool (pdftotext, pdftoppm). Where it is missing
// the test is skipped with the package to install, except under CI (CI=true), where .ci/run
// installs poppler-utils and a missing tool is a failure: a skipped check there would pass
// a poster nobody read back.
func needTool(t *testing.T, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is not installed under CI: .ci/run must install poppler-utils", name)
		}
		t.Skipf("%s is not installed (apt-get install poppler-utils): the poster is not read back", name)
	}
	return path
}

// builtin opens the built-in guideline, whose referrals hold the real numbers 112,
// 116 111 and 0 800 77777 and many contacts still "TO BE FILLED".
func builtin(t *testing.T) *guidelines.Guideline {
	t.Helper()
	return guidelinestest.Open(t, guidelines.DefaultID)
}

// posterPDF writes the poster for url with g into the test's folder and returns its path.
func posterPDF(t *testing.T, g *guidelines.Guideline, url string) string {
	t.Helper()
	var buf bytes.Buffer
	if err := WritePDF(&buf, g, url); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "poster.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// decodeQR reads the one QR code in img, as a phone's camera app would: it finds the code
// on its own among whatever surrounds it. It uses ZXing's Go port, a decoder written
// independently of the encoder under test.
func decodeQR(t *testing.T, img image.Image) string {
	t.Helper()
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		t.Fatal(err)
	}
	res, err := zxqr.NewQRCodeReader().Decode(bmp, nil)
	if err != nil {
		t.Fatalf("no QR code could be read: %v", err)
	}
	return res.GetText()
}

// modulesImage draws a bitmap of modules (true = dark) as an image, scale pixels to a
// module, black on white.
func modulesImage(rows [][]bool, scale int) image.Image {
	h := len(rows)
	w := 0
	if h > 0 {
		w = len(rows[0])
	}
	img := image.NewGray(image.Rect(0, 0, w*scale, h*scale))
	for y := range h * scale {
		for x := range w * scale {
			v := color.Gray{Y: 255}
			if rows[y/scale][x/scale] {
				v = color.Gray{}
			}
			img.SetGray(x, y, v)
		}
	}
	return img
}

// oneLine collapses every run of white space (the line breaks of pdftotext among them) to
// one space, so that a sentence wrapped over several lines is found whole.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
