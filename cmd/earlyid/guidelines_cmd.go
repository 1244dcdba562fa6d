package main

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/locales"
)

// guidelinesOptions holds the guidelines command's dependencies.
type guidelinesOptions struct {
	IO        *IOStreams
	Localizer func() *locales.Localizer
	Embedded  func() ([]guidelines.Info, error)
}

func newGuidelinesCmd(f *factory, runF func(*guidelinesOptions) error) *cobra.Command {
	opts := &guidelinesOptions{IO: f.IO, Localizer: f.Localizer, Embedded: guidelines.EmbeddedInfo}
	return &cobra.Command{
		Use:   "guidelines",
		Short: "List the guidelines built into earlyid",
		Long: `List the guidelines built into this earlyid binary: id, version, content languages and
title (in the UI language when the guideline has it). Any command that takes a guideline
accepts one of these ids or the path of a guideline file.`,
		Args: exactArgs(f, 0, ""),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runOr(runF, opts, func() error { return runGuidelines(opts) })
		},
	}
}

func runGuidelines(opts *guidelinesOptions) error {
	l := opts.Localizer()
	tw := tabwriter.NewWriter(opts.IO.Out, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n",
		l.T("cli.guidelines.id", nil), l.T("cli.guidelines.version", nil),
		l.T("cli.guidelines.languages", nil), l.T("cli.guidelines.title", nil))
	gs, err := opts.Embedded()
	for _, g := range gs {
		id := g.ID
		if id == guidelines.DefaultID {
			id += " " + l.T("cli.guidelines.default", nil)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", id, g.Version, strings.Join(g.Languages, ","), g.Title.Plain(l.Lang()))
	}
	if ferr := tw.Flush(); ferr != nil {
		return ferr
	}
	// A built-in guideline whose id, version or title cannot be read is a defect of this
	// build: say so, exit 1. (The guidelines are not loaded here; the tests load them all.)
	return err
}
