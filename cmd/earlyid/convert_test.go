package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/earlyid/earlyid/guidelines"
)

// The whole workflow of an author: a built-in guideline to a workbook, the workbook checked
// by validate as it is, and back to a YAML file that validate and preview accept as the
// same guideline.
func TestConvertBothWays(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	wb, back := filepath.Join(dir, "example.xlsx"), filepath.Join(dir, "example.yaml")
	if code, _, stderr := (cliRun{}).run(t, "convert", "example", "--out", wb); code != exitOK {
		t.Fatalf("to a workbook: exit %d: %s", code, stderr)
	}
	if code, out, _ := (cliRun{}).run(t, "validate", wb); code != exitOK || !strings.Contains(out, "0 errors") {
		t.Fatalf("validate on the workbook: exit %d:\n%s", code, out)
	}
	if code, _, stderr := (cliRun{}).run(t, "convert", wb, "--out", back); code != exitOK {
		t.Fatalf("back to YAML: exit %d: %s", code, stderr)
	}
	_, want, _ := cliRun{}.run(t, "preview", "example", "--lang", "en")
	code, got, stderr := cliRun{}.run(t, "preview", back, "--lang", "en")
	if code != exitOK || got != want {
		t.Fatalf("the converted guideline previews differently (exit %d, %s)", code, stderr)
	}
}

// --out is never overwritten without --force, in either direction, and the file is left as
// it was.
func TestConvertRefusesToOverwrite(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	out := filepath.Join(dir, "g.xlsx")
	if err := os.WriteFile(out, []byte("mine"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := cliRun{}.run(t, "convert", "example", "--out", out)
	if code != exitFailure || !strings.Contains(stderr, "--force") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	if data, _ := os.ReadFile(out); string(data) != "mine" {
		t.Fatal("the existing file was changed")
	}
	if code, _, stderr := (cliRun{}).run(t, "convert", "example", "--out", out, "--force"); code != exitOK {
		t.Fatalf("--force: exit %d: %s", code, stderr)
	}
	if _, err := excelize.OpenFile(out); err != nil {
		t.Fatalf("--force did not write a workbook: %v", err)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".*")); len(left) > 0 {
		t.Errorf("temporary files left behind: %v", left)
	}
}

// The direction comes from the file names: two workbooks, two YAML files or an unknown
// ending are a usage error that says what to give.
func TestConvertDirection(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{
		{"a.xlsx", "--out", "b.xlsx"},
		{"example", "--out", "b.yaml"},
		{"example", "--out", "b.csv"},
		{"example"},
		{"a.xlsx", "--out", "b.yaml", "--add-lang", "uk"},
	} {
		code, _, stderr := cliRun{}.run(t, append([]string{"convert"}, args...)...)
		if code != exitUsage || strings.Contains(stderr, "cli.convert") {
			t.Errorf("%v: exit %d, stderr %q", args, code, stderr)
		}
	}
}

// A workbook with mistakes is still converted, so a translator can see the result, and each
// finding names its cell in the interface language; the exit code says there were errors.
func TestConvertNamesCells(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	wb := filepath.Join(dir, "g.xlsx")
	if code, _, stderr := (cliRun{}).run(t, "convert", "example", "--out", wb); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	f, err := excelize.OpenFile(wb)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellStr("survey", "C3", ""); err != nil { // the first question's Romanian text
		t.Fatal(err)
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	code, _, stderr := cliRun{ui: "ro"}.run(t, "convert", wb, "--out", filepath.Join(dir, "g.yaml"))
	if code != exitFailure || !strings.Contains(stderr, "g.xlsx:survey!C3: error:") || !strings.Contains(stderr, "Scrieți traducerea") {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	data, err := os.ReadFile(filepath.Join(dir, "g.yaml"))
	if err != nil || guidelines.DetectFormat(data) != guidelines.FormatGuideline {
		t.Fatalf("the YAML was not written: %v", err)
	}
	code, out, _ := cliRun{}.run(t, "validate", wb)
	if code != exitFailure || !strings.Contains(out, "g.xlsx:survey!C3: error:") {
		t.Fatalf("validate: exit %d:\n%s", code, out)
	}
}
