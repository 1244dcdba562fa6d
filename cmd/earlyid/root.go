package main

import (
	"strings"
	"sync"

	"github.com/spf13/cobra"

	"github.com/earlyid/earlyid/locales"
)

// commandTable lists every subcommand, by name, in the order help shows them. To add a
// command, add ONE line here: its name and its constructor, which takes the factory and a
// nil runF (tests pass their own to see the options a command line gives; the command
// groups sessions and config build their subcommands the same way).
// TestCommandTableNames checks each name against the command its constructor builds.
var commandTable = []struct {
	name  string
	build func(f *factory) *cobra.Command
}{
	{"interview", func(f *factory) *cobra.Command { return newInterviewCmd(f, nil) }},
	{"resume", func(f *factory) *cobra.Command { return newResumeCmd(f, nil) }},
	{"sessions", newSessionsCmd},
	{"score", func(f *factory) *cobra.Command { return newScoreCmd(f, nil) }},
	{"export", func(f *factory) *cobra.Command { return newExportCmd(f, nil) }},
	{"validate", func(f *factory) *cobra.Command { return newValidateCmd(f, nil) }},
	{"preview", func(f *factory) *cobra.Command { return newPreviewCmd(f, nil) }},
	{"schema", func(f *factory) *cobra.Command { return newSchemaCmd(f, nil) }},
	{"convert", func(f *factory) *cobra.Command { return newConvertCmd(f, nil) }},
	{"guidelines", func(f *factory) *cobra.Command { return newGuidelinesCmd(f, nil) }},
	{"config", newConfigCmd},
	{"key", newKeyCmd},
	{"version", func(f *factory) *cobra.Command { return newVersionCmd(f, nil) }},
	{"simulate", func(f *factory) *cobra.Command { return newSimulateCmd(f, nil) }},
	{"debrief", func(f *factory) *cobra.Command { return newDebriefCmd(f, nil) }},
	{"report", func(f *factory) *cobra.Command { return newReportCmd(f, nil) }},
	{"serve", func(f *factory) *cobra.Command { return newServeCmd(f, nil) }},
}

// commands builds the subcommands a run of args needs: only the one it names, when the
// first word after the root's flags is a command's name, since that is all cobra will look
// at; every one otherwise (help, completion, an unknown or a missing command, which list
// or suggest the others). Building all seventeen with their flags and help was 1.5% of the
// instructions of `earlyid version` and 2–3% of its CPU time.
func commands(f *factory, args []string) []*cobra.Command {
	name := commandName(args)
	for _, c := range commandTable {
		if c.name == name {
			return []*cobra.Command{c.build(f)}
		}
	}
	all := make([]*cobra.Command, len(commandTable))
	for i, c := range commandTable {
		all[i] = c.build(f)
	}
	return all
}

// commandName returns the first word of args that is not one of the root's flags (or a
// flag's value: --ui-lang takes the next word), or "" before "--" or when there is none.
func commandName(args []string) string {
	for i := 0; i < len(args); i++ {
		switch a := args[i]; {
		case a == "--":
			return ""
		case a == "--ui-lang":
			i++
		case !strings.HasPrefix(a, "-"):
			return a
		}
	}
	return ""
}

// newRootCmd builds the earlyid command tree for a run of args (see commands). Help texts stay English (the cobra convention);
// everything a command prints for the user goes through the localizer.
func newRootCmd(f *factory, args []string) *cobra.Command {
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
	root.AddCommand(commands(f, args)...)
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
