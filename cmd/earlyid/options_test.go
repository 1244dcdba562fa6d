package main

import (
	"errors"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/spf13/cobra"
)

// optionsOf builds a command with newCmd and a runF that keeps its options, runs it on args
// and returns the options the command would run with, or the error it stopped with before
// running (then runF must not have been called: a refused command line does nothing).
func optionsOf[O any](t *testing.T, newCmd func(*factory, func(*O) error) *cobra.Command, args ...string) (*O, error) {
	t.Helper()
	f, _, _ := cliRun{}.factory(t)
	var got *O
	cmd := newCmd(f, func(o *O) error { got = o; return nil })
	cmd.SetArgs(args)
	cmd.SetOut(f.IO.Out)
	cmd.SetErr(f.IO.ErrOut)
	cmd.SilenceErrors, cmd.SilenceUsage = true, true
	if err := cmd.Execute(); err != nil {
		if got != nil {
			t.Errorf("%q: the command failed (%v) after it ran", args, err)
		}
		return nil, err
	}
	if got == nil {
		t.Fatalf("%q: the command did not run", args)
	}
	return got, nil
}

// mustOptions is optionsOf for a command line that must be accepted.
func mustOptions[O any](t *testing.T, newCmd func(*factory, func(*O) error) *cobra.Command, args ...string) *O {
	t.Helper()
	o, err := optionsOf(t, newCmd, args...)
	if err != nil {
		t.Fatalf("%q: %v", args, err)
	}
	return o
}

// usageCode returns the exit code err maps to.
func usageCode(err error) int {
	var ce *cliError
	if errors.As(err, &ce) {
		return ce.code
	}
	return exitFailure
}

// TestCommandOptions: each command turns its flags and arguments into the options it runs
// with, and refuses a wrong command line before it runs.
func TestCommandOptions(t *testing.T) {
	t.Parallel()
	const code, recipient = "MD-TEST-0001", "age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p"

	t.Run("interview", func(t *testing.T) {
		o := mustOptions(t, newInterviewCmd, "--guideline", "example", "--lang", "uk", "--case", code, "--training", "--plain",
			"--interpreter=false", "--place", "  Palanca\t", "--passphrase-file", "pass")
		if o.Guideline != "example" || o.Lang != "uk" || o.Case != code || !o.Training || !o.Plain || o.Self ||
			o.Interpreter || !o.InterpreterSet || o.Place != "Palanca" || !o.NewOnly || o.Keys.PassphraseFile != "pass" {
			t.Errorf("options %+v", o)
		}
		if o := mustOptions(t, newInterviewCmd); o.InterpreterSet || o.Case != "" {
			t.Errorf("without --interpreter the setup form must ask: %+v", o)
		}
		if _, err := optionsOf(t, newInterviewCmd, "--training", "--self"); usageCode(err) != exitUsage {
			t.Errorf("--training --self: %v", err)
		}
	})

	t.Run("resume", func(t *testing.T) {
		o := mustOptions(t, newResumeCmd, code, "--interviewer", "--plain", "--guideline", "g.yaml", "--passphrase-file", "pass")
		if o.Code != code || !o.Interviewer || !o.Plain || o.Training || o.Guideline != "g.yaml" || o.Interview.Keys.PassphraseFile != "pass" {
			t.Errorf("options %+v", o)
		}
		if _, err := optionsOf(t, newResumeCmd, code, "--training", "--interviewer"); usageCode(err) != exitUsage {
			t.Errorf("--training --interviewer: %v", err)
		}
	})

	t.Run("export", func(t *testing.T) {
		o := mustOptions(t, newExportCmd, code, "--format", "json", "--lang", "RO", "--out", "-", "--recipient", recipient,
			"--armor", "--legal-basis", "court_order", "--institution", "IGPF", "--training")
		if o.Session != code || !slices.Equal(o.Formats, []string{"json"}) || !slices.Equal(o.Langs, []string{"ro"}) || o.Out != "" || !slices.Equal(o.Recipients, []string{recipient}) ||
			!o.Armor || o.LegalBasis != "court_order" || o.Inst != "IGPF" || !o.Training {
			t.Errorf("options %+v", o)
		}
		// Several formats and languages, repeated or comma-separated, each once, in order.
		dir := t.TempDir()
		o = mustOptions(t, newExportCmd, code, "--format", "pdf,json", "--format", "pdf", "--lang", "ro", "--lang", "EN,ro", "--out", dir)
		if !slices.Equal(o.Formats, []string{"pdf", "json"}) || !slices.Equal(o.Langs, []string{"ro", "en"}) {
			t.Errorf("several: formats %q, languages %q", o.Formats, o.Langs)
		}
		for _, args := range [][]string{
			{code},                        // no --format
			{code, "--format", "docx"},    // an unknown format
			{code, "--format", "md,docx"}, // one unknown among several
			{code, "--format", "md,json"}, // several files and no folder
			{code, "--format", "md", "--lang", "ro,uk", "--out", filepath.Join(dir, "missing")}, // a folder that is not there
			{code, "--format", "md", "--armor"},                                                 // armour without a recipient
			{code, "--format", "md", "--lang", "de"},                                            // a language earlyid does not write
			{code, "--format", "md", "--lang", "ro,de"},
			{code, "--format", "md", "--legal-basis", "curiosity"},
		} {
			if _, err := optionsOf(t, newExportCmd, args...); usageCode(err) != exitUsage {
				t.Errorf("%q: %v, want a usage error", args, err)
			}
		}
	})

	t.Run("sessions", func(t *testing.T) {
		if o := mustOptions(t, newSessionsListCmd, "--passphrase-file", "pass"); o.Keys.PassphraseFile != "pass" {
			t.Errorf("list: %+v", o)
		}
		if o := mustOptions(t, newSessionsShowCmd, code, "--training", "--guideline", "g.yaml"); o.Code != code || !o.Training || o.Guideline != "g.yaml" {
			t.Errorf("show: %+v", o)
		}
		if o := mustOptions(t, newSessionsDeleteCmd, code, "-y", "--training"); o.Code != code || !o.Yes || !o.Training {
			t.Errorf("delete: %+v", o)
		}
		if _, err := optionsOf(t, newSessionsDeleteCmd, "Ivanova", "--yes"); usageCode(err) != exitUsage {
			t.Errorf("delete of a name: %v", err)
		}
		o := mustOptions(t, newSessionsPurgeCmd, "--older-than", "2w", "--dry-run", "--training")
		if o.Age != 14*24*time.Hour || o.OlderThan != "2w" || !o.DryRun || !o.Training || o.Yes {
			t.Errorf("purge: %+v", o)
		}
		for _, args := range [][]string{{}, {"--older-than", "3 months"}} {
			if _, err := optionsOf(t, newSessionsPurgeCmd, args...); usageCode(err) != exitUsage {
				t.Errorf("purge %q: %v, want a usage error", args, err)
			}
		}
	})

	t.Run("config", func(t *testing.T) {
		if o := mustOptions(t, newConfigGetCmd); o.Key != "" {
			t.Errorf("get: %+v", o)
		}
		if o := mustOptions(t, newConfigGetCmd, "retention"); o.Key != "retention" {
			t.Errorf("get retention: %+v", o)
		}
		if o := mustOptions(t, newConfigSetCmd, "recovery-recipient", " "+recipient+"\n"); o.Key != keyRecovery || o.Value != recipient {
			t.Errorf("set: %+v", o)
		}
		if o := mustOptions(t, newConfigUnsetCmd, "retention"); o.Key != keyRetention {
			t.Errorf("unset: %+v", o)
		}
		for name, run := range map[string]func() error{
			"get of an unknown key":   func() error { _, err := optionsOf(t, newConfigGetCmd, "colour"); return err },
			"set of an unknown key":   func() error { _, err := optionsOf(t, newConfigSetCmd, "colour", "red"); return err },
			"unset of an unknown key": func() error { _, err := optionsOf(t, newConfigUnsetCmd, "colour"); return err },
			"a bad recipient":         func() error { _, err := optionsOf(t, newConfigSetCmd, keyRecovery, "age1nope"); return err },
			"a bad period":            func() error { _, err := optionsOf(t, newConfigSetCmd, keyRetention, "1y"); return err },
		} {
			if err := run(); usageCode(err) != exitUsage {
				t.Errorf("%s: %v, want a usage error", name, err)
			}
		}
	})

	t.Run("score", func(t *testing.T) {
		o := mustOptions(t, newScoreCmd, "--guideline", "g.yaml", "--answers", "-", "--format", "json", "--lang", "ro")
		if o.Guideline != "g.yaml" || o.Answers != "-" || o.Format != "json" || o.Lang != "ro" {
			t.Errorf("options %+v", o)
		}
	})

	t.Run("preview", func(t *testing.T) {
		o := mustOptions(t, newPreviewCmd, "example", "--lang", "ro", "--lang", "uk", "--format", "html")
		if o.Guideline != "example" || !slices.Equal(o.Langs, []string{"ro", "uk"}) || o.Format != "html" {
			t.Errorf("options %+v", o)
		}
	})

	t.Run("schema, guidelines, version", func(t *testing.T) {
		if o := mustOptions(t, newSchemaCmd, "--summary"); !o.Summary || o.Scenario {
			t.Errorf("schema: %+v", o)
		}
		mustOptions(t, newGuidelinesCmd)
		mustOptions(t, newVersionCmd)
		if _, err := optionsOf(t, newVersionCmd, "extra"); err == nil {
			t.Errorf("version with an argument ran")
		}
	})

	t.Run("training", func(t *testing.T) {
		s := mustOptions(t, newSimulateCmd, "border-case", "--autoplay", "--delay", "2s", "--case", code, "--lang", "uk")
		if s.Scenario != "border-case" || !s.Autoplay || s.Delay != 2*time.Second || s.Case != code || s.Lang != "uk" {
			t.Errorf("simulate: %+v", s)
		}
		if _, err := optionsOf(t, newSimulateCmd, "border-case", "--briefing", "md", "--autoplay"); usageCode(err) != exitUsage {
			t.Errorf("simulate --briefing --autoplay: %v", err)
		}
		d := mustOptions(t, newDebriefCmd, code, "a.json", "--format", "md", "--scenario", "s.yaml")
		if !slices.Equal(d.Sessions, []string{code, "a.json"}) || d.Format != "md" || d.Scenario != "s.yaml" {
			t.Errorf("debrief: %+v", d)
		}
		r := mustOptions(t, newReportCmd, "training", "sessions", "--by", "citizenship", "--min-group", "7", "--include-demos")
		if !slices.Equal(r.Paths, []string{"training", "sessions"}) || r.By != "citizenship" || r.MinGroup != 7 || !r.Demos {
			t.Errorf("report: %+v", r)
		}
		if _, err := optionsOf(t, newReportCmd, "training", "--min-group", "0"); usageCode(err) != exitUsage {
			t.Errorf("report --min-group 0: %v", err)
		}
	})
}
