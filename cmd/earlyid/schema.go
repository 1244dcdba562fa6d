package main

import (
	"github.com/spf13/cobra"

	"github.com/earlyid/earlyid/guidelines/schema"
	"github.com/earlyid/earlyid/interview/summary"
)

// schemaOptions holds the schema command's flag values.
type schemaOptions struct {
	IO       *IOStreams
	Scenario bool
	Summary  bool
}

func newSchemaCmd(f *factory, runF func(*schemaOptions) error) *cobra.Command {
	opts := &schemaOptions{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "schema",
		Short: "Print the JSON Schema of the guideline format, for editors",
		Long: `Print the JSON Schema (draft 2020-12) of the guideline format, or with --scenario of the
scenario format. Save it next to your files and point your editor at it; with VS Code's
YAML extension, put this line at the top of a guideline:

  # yaml-language-server: $schema=./guideline.schema.json

The schema checks structure, types, allowed values and id syntax as you type;
"earlyid validate" remains the full check.`,
		Example: `  earlyid schema > guideline.schema.json
  earlyid schema --scenario > scenario.schema.json
  earlyid schema --summary > summary.schema.json`,
		Args: exactArgs(f, 0, ""),
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.Scenario && opts.Summary {
				return f.usageError("cli.error.flags_conflict", map[string]any{"First": "scenario", "Second": "summary"})
			}
			return runOr(runF, opts, func() error { return runSchema(opts) })
		},
	}
	cmd.Flags().BoolVar(&opts.Scenario, "scenario", false, "print the schema of scenario files instead")
	cmd.Flags().BoolVar(&opts.Summary, "summary", false, "print the schema of the JSON referral summary (earlyid export --format json) instead")
	// Further schemas (e.g. the summary export's JSON) get one flag here and one case below.
	return cmd
}

func runSchema(opts *schemaOptions) error {
	data := schema.Guideline
	switch {
	case opts.Scenario:
		data = schema.Scenario
	case opts.Summary:
		data = summary.SchemaJSON
	}
	_, err := opts.IO.Out.Write(data)
	return err
}
