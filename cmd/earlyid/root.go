package main

import (
	"strings"
	"sync"

	"github.com/spf13/cobra"

	"github.com/earlyid/earlyid/locales"
)

// commands lists every subcommand in the order help shows them. To add a command, add ONE
// line here: its constructor, taking the factory and a nil runF (tests pass their own to
// see the options a command line gives; the command groups sessions and config build
// their subcommands the same way).
func commands(f *factory) []*cobra.Command {
	return []*cobra.Command{
		newInterviewCmd(f, nil),
		newResumeCmd(f, nil),
		newSessionsCmd(f),
		newScoreCmd(f, nil),
		newExportCmd(f, nil),
		newValidateCmd(f, nil),
		newPreviewCmd(f, nil),
		newSchemaCmd(f, nil),
		newConvertCmd(f, nil),
		newGuidelinesCmd(f, nil),
		newConfigCmd(f),
		newKeyCmd(f),
		newVersionCmd(f, nil),
		newSimulateCmd(f, nil),
		newDebriefCmd(f, nil),
		newReportCmd(f, nil),
		newServeCmd(f, nil),
	}
}

// newRootCmd builds the earlyid command tree. Help texts stay English (the cobra convention);
// everything a command prints for the user goes through the localizer.
func newRootCmd(f *factory) *cobra.Command {
	root := &cobra.Command{
		Use:   "earlyid",
		Short: "Early identification of victims of human trafficking",
		Long: `earlyid runs guided interviews for the early identification of victims of human
trafficking in mixed migratory flows, scores the trafficking indicators the answers reveal,
and helps guideline authors check and review their questionnaires. It works offline.`,
		// The app prints errors itself, once and localized (see execute).
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			tuneGC(cmd.Name())
			// A wrong --ui-lang is a usage error, not a silent fallback to English.
			if f.uiLang != "" {
				lang, err := locales.Parse(f.uiLang)
				if err != nil {
					bad := f.uiLang
					f.uiLang = ""
					f.loc = nil
					msg := f.Localizer().T("cli.error.ui_lang", map[string]any{"Value": bad, "Languages": strings.Join(locales.Languages, ", ")})
					return &cliError{code: exitUsage, msg: msg, err: err}
				}
				f.uiLang = lang
				f.loc = nil
			}
			return nil
		},
	}
	// Before anything else: cobra's completion command captures the output writer when it
	// is created.
	root.SetIn(f.IO.In)
	root.SetOut(f.IO.Out)
	root.SetErr(f.IO.ErrOut)
	root.PersistentFlags().StringVar(&f.uiLang, "ui-lang", "", "language of the program's messages: en, ro, uk or ru (default: EARLYID_LANG, then the system locale)")
	root.SetFlagErrorFunc(f.flagError)
	root.AddCommand(commands(f)...)
	argsAsUsage(f, root)
	// The one-line descriptions are read by help and by shell completion alone: localize
	// them then, not on every run (thirty messages parsed and built for nothing).
	if f.completing {
		localizeShort(root, f)
	} else {
		help := root.HelpFunc()
		var once sync.Once
		root.SetHelpFunc(func(c *cobra.Command, args []string) {
			once.Do(func() { localizeShort(root, f) })
			help(c, args)
		})
	}
	return root
}

// localizeShort replaces each command's one-line description with its cli.<path>.short
// message, so "earlyid --help" lists the commands in the UI language. The long help stays
// English (the cobra convention; it is reference text). Shell completion reads them before
// flags are parsed, so the --ui-lang value is also read from the raw arguments.
func localizeShort(root *cobra.Command, f *factory) {
	lang := f.uiLang
	if lang == "" {
		lang = f.rawUILang
	}
	l := locales.New(locales.Detect(lang, f.Getenv))
	// cobra adds these two on Execute; adding them now lets their descriptions be localized.
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	var walk func(c *cobra.Command, path []string)
	walk = func(c *cobra.Command, path []string) {
		id := "cli." + strings.Join(path, ".") + ".short"
		data := map[string]any{}
		if len(path) == 0 {
			id = "cli.root.short"
		} else if len(path) == 2 && path[0] == "completion" {
			id, data["Shell"] = "cli.completion.shell.short", c.Name()
		}
		if l.Has(id) {
			c.Short = l.T(id, data)
		}
		for _, sub := range c.Commands() {
			walk(sub, append(path[:len(path):len(path)], sub.Name()))
		}
	}
	walk(root, nil)
}
