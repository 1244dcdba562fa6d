package main

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/guidelines/workbook"
	"github.com/earlyid/earlyid/locales"
)

// convertOptions holds the convert command's dependencies and flag values.
type convertOptions struct {
	IO        *IOStreams
	Localizer func() *locales.Localizer

	In, Out  string
	Force    bool
	AddLangs []string
}

func newConvertCmd(f *factory, runF func(*convertOptions) error) *cobra.Command {
	opts := &convertOptions{IO: f.IO, Localizer: f.Localizer}
	cmd := &cobra.Command{
		Use:   "convert IN --out OUT [--force] [--add-lang L]…",
		Short: "Convert a guideline to a spreadsheet workbook (.xlsx) and back",
		Long: `Convert a guideline between its YAML file and a spreadsheet workbook (.xlsx) laid out like an
XLSForm (ODK, KoboToolbox): the direction follows the file names. A workbook converted back
gives the same guideline; every finding about a workbook names its cell (survey!D14).

A plain ODK or KoboToolbox XLSForm (no earlyid format column on its settings sheet) is
imported as a guideline skeleton; everything it has that a guideline cannot carry is a
warning at its cell.

A built-in guideline can be given by its id. With --add-lang, the workbook has empty
columns for each new language beside the guideline's own, for a translator to fill in.
--out is never overwritten without --force.`,
		Example: `  earlyid convert mixed-flows-md --out mixed-flows-md.xlsx
  earlyid convert my-guideline.yaml --out uk.xlsx --add-lang uk
  earlyid convert uk.xlsx --out my-guideline.yaml --force
  earlyid convert kobo-form.xlsx --out skeleton.yaml`,
		Args: exactArgs(f, 1, "IN"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.In = args[0]
			if opts.Out == "" {
				return f.usageError("cli.convert.out_needed", nil)
			}
			if (isWorkbook(opts.In) == isWorkbook(opts.Out)) || (!isWorkbook(opts.Out) && !isYAML(opts.Out)) {
				return f.usageError("cli.convert.direction", map[string]any{"In": opts.In, "Out": opts.Out})
			}
			if len(opts.AddLangs) > 0 && !isWorkbook(opts.Out) {
				return f.usageError("cli.convert.add_lang_to_yaml", nil)
			}
			for _, l := range opts.AddLangs {
				if !langCode(l) {
					return f.usageError("cli.convert.bad_lang", map[string]any{"Value": l})
				}
			}
			return runOr(runF, opts, func() error { return runConvert(f, opts) })
		},
	}
	cmd.Flags().StringVar(&opts.Out, "out", "", "the `file` to write: .xlsx, or .yaml / .yml")
	cmd.Flags().BoolVar(&opts.Force, "force", false, "replace --out if it exists")
	cmd.Flags().StringSliceVar(&opts.AddLangs, "add-lang", nil, "add empty columns for a new `language` to translate into")
	return cmd
}

func isWorkbook(path string) bool { return strings.EqualFold(filepath.Ext(path), ".xlsx") }

func isYAML(path string) bool {
	ext := strings.ToLower(filepath.Ext(path))
	return ext == ".yaml" || ext == ".yml"
}

// langCode reports whether s is a language code as a guideline's languages: list writes it.
func langCode(s string) bool {
	if s == "" || len(s) > 12 {
		return false
	}
	for _, c := range s {
		if (c < 'a' || c > 'z') && c != '-' {
			return false
		}
	}
	return true
}

func runConvert(f *factory, o *convertOptions) error {
	if !o.Force {
		if _, err := os.Lstat(o.Out); err == nil {
			return f.failure(err, "cli.error.file_exists", map[string]any{"Path": o.Out})
		}
	}
	if isWorkbook(o.Out) {
		return toWorkbook(f, o)
	}
	return fromWorkbook(f, o)
}

func toWorkbook(f *factory, o *convertOptions) error {
	g, err := f.openGuideline(o.In)
	if err != nil {
		return err
	}
	wo := workbook.Options{Localizer: o.Localizer(), AddLangs: o.AddLangs}
	if g.Extends != "" && len(o.AddLangs) > 0 {
		return f.usageError("cli.convert.add_lang_extends", map[string]any{"Base": g.Extends})
	}
	if g.Extends != "" {
		// The model keeps the base's id; the file may name it by a path, which the
		// workbook keeps as written.
		if data, err := os.ReadFile(o.In); err == nil {
			wo.Extends = workbook.ExtendsRef(data)
		}
	}
	var buf bytes.Buffer
	if err := workbook.Write(&buf, g, wo); err != nil {
		return err
	}
	if err := writeOut(f, o, buf.Bytes()); err != nil {
		return err
	}
	o.IO.ErrLine(o.Localizer().T("cli.convert.written", map[string]any{"File": o.Out}))
	return nil
}

// fromWorkbook writes the YAML of a workbook that could be read, even when the guideline it
// holds has findings (a translation half done, say): they are printed, each at its cell,
// and the exit code says there were errors.
func fromWorkbook(f *factory, o *convertOptions) error {
	data, err := f.readInput(o.In) // the limit is the workbook reader's too: it reports the size itself
	if err != nil {
		return err
	}
	res, ds := workbook.Read(o.In, data)
	if res == nil {
		ds.Sort()
		return ds
	}
	_, lds := guidelines.LoadBytes(o.In, res.YAML)
	ds = append(ds, res.Locate(lds)...)
	if err := writeOut(f, o, res.YAML); err != nil {
		return err
	}
	l := o.Localizer()
	for _, d := range ds {
		o.IO.ErrLine(d.Format(l))
	}
	o.IO.ErrLine(l.T("cli.convert.written", map[string]any{"File": o.Out}))
	if ds.HasErrors() {
		return errSilentFailure
	}
	return nil
}

// writeOut writes data to --out: a new file only, unless --force, and never half a file —
// a failed write removes what it began, and a replaced file is written beside the target
// and renamed over it once complete.
func writeOut(f *factory, o *convertOptions, data []byte) error {
	fail := func(err error) error {
		return f.failure(err, "cli.convert.write", map[string]any{"File": o.Out, "Reason": saveReason(o.Localizer(), err)})
	}
	if !o.Force {
		// O_EXCL refuses a file that appeared since the check before converting.
		fh, err := os.OpenFile(o.Out, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, os.ErrExist) {
			return f.failure(err, "cli.error.file_exists", map[string]any{"Path": o.Out})
		}
		if err != nil {
			return fail(err)
		}
		_, err = fh.Write(data)
		if cerr := fh.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			os.Remove(o.Out)
			return fail(err)
		}
		return nil
	}
	tmp, err := os.CreateTemp(filepath.Dir(o.Out), "."+filepath.Base(o.Out)+".*")
	if err != nil {
		return fail(err)
	}
	defer os.Remove(tmp.Name()) // gone once renamed; removed when anything failed
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fail(err)
	}
	if err := tmp.Close(); err != nil {
		return fail(err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return fail(err)
	}
	if err := os.Rename(tmp.Name(), o.Out); err != nil {
		return fail(err)
	}
	return nil
}
