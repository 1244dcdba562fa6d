package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/guidelines/preview"
	"github.com/earlyid/earlyid/locales"
)

// previewOptions holds the preview command's dependencies and flag values.
type previewOptions struct {
	IO        *IOStreams
	Localizer func() *locales.Localizer
	Open      func(idOrPath string) (*guidelines.Guideline, error)

	Guideline string
	Langs     []string
	Format    string
}

func newPreviewCmd(f *factory, runF func(*previewOptions) error) *cobra.Command {
	opts := &previewOptions{IO: f.IO, Localizer: f.Localizer, Open: f.openGuideline}
	cmd := &cobra.Command{
		Use:   "preview FILE|ID",
		Short: "Render a guideline as a document for review and translation",
		Long: `Render a guideline as a document a reviewer or translator can read: sections and questions
with their conditions in words where simple (verbatim otherwise), choices, hints, the
indicators by dimension with their strength, the scoring rules, outcomes, flags and
referrals.

Give --lang twice to put two languages side by side. Without --lang, the UI language is
used when the guideline has it, else the guideline's first language. HTML output is one
self-contained file with no scripts.

A file whose translations are not all written yet is still previewed: each missing text is
marked "— not yet translated —" and their number is printed on standard error.`,
		Example: `  earlyid preview mixed-flows-md --lang ro
  earlyid preview my-guideline.yaml --lang ro --lang uk --format html > review.html`,
		Args: exactArgs(f, 1, "FILE|ID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Guideline = args[0]
			if !slices.Contains(preview.Formats, opts.Format) {
				return f.usageError("cli.error.bad_format", map[string]any{"Value": opts.Format, "Formats": strings.Join(preview.Formats, ", ")})
			}
			return runOr(runF, opts, func() error { return runPreview(f, opts) })
		},
	}
	cmd.Flags().StringArrayVar(&opts.Langs, "lang", nil, "content `language` to show; give twice for side by side")
	cmd.Flags().StringVar(&opts.Format, "format", "md", "output format: md or html")
	return cmd
}

func runPreview(f *factory, opts *previewOptions) error {
	l := opts.Localizer()
	g, err := opts.Open(opts.Guideline)
	if err != nil {
		return err
	}
	var langs []string
	for _, lang := range opts.Langs {
		if !slices.Contains(langs, lang) { // the same language twice would be two equal columns
			langs = append(langs, lang)
		}
	}
	if len(langs) == 0 {
		langs = []string{g.ContentLang(l.Lang())}
	}
	for _, lang := range langs {
		if err := checkLang(f, g, lang); err != nil {
			return err
		}
	}
	w := bufio.NewWriter(opts.IO.Out)
	gaps, err := preview.Render(w, g, preview.Options{Langs: langs, Format: opts.Format, L: l})
	if err != nil {
		return err
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if gaps > 0 {
		// On stderr, so that it never lands in the document, and with exit status 0: a
		// translator's work in progress is no failure.
		fmt.Fprintln(opts.IO.ErrOut, l.N("cli.preview.untranslated", gaps, map[string]any{"Marker": l.T("preview.untranslated", nil)}))
	}
	return nil
}

// openGuideline loads a guideline given as a file path or as the id of an embedded one. An
// argument that names an existing file, or looks like a path, is read as a file, so an
// author can preview an edited copy of a shipped guideline; its missing translations are
// gaps the preview marks (guidelines.LoadWithGaps), not errors. Load errors come back as
// the diagnostics themselves (exit 1, one line per finding).
func (f *factory) openGuideline(idOrPath string) (*guidelines.Guideline, error) {
	_, statErr := os.Stat(idOrPath)
	ext := strings.ToLower(filepath.Ext(idOrPath))
	if statErr == nil || strings.ContainsAny(idOrPath, `/\`) || ext == ".yaml" || ext == ".yml" {
		data, err := f.readInput(idOrPath)
		if err != nil {
			return nil, err
		}
		g, ds := guidelines.LoadWithGaps(idOrPath, data)
		if g == nil {
			return nil, ds.Errors()
		}
		return g, nil
	}
	g, ds := guidelines.Open(idOrPath)
	if g == nil {
		return nil, ds
	}
	return g, nil
}
