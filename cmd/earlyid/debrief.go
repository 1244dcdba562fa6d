package main

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/interview"
	"github.com/earlyid/earlyid/interview/training"
	"github.com/earlyid/earlyid/textsafe"
)

// debriefFormats lists the formats of debrief.
var debriefFormats = []string{training.FormatText, training.FormatMarkdown, training.FormatHTML}

// debriefOptions holds the debrief command's flag values.
type debriefOptions struct {
	// Sessions are the arguments: training session files or case codes.
	Sessions  []string
	Scenario  string
	Guideline string
	Format    string
	Out       string
	Force     bool
	// TrainingStore opens the store a case code is looked up in.
	TrainingStore func() (interview.Store, error)
}

func newDebriefCmd(f *factory, runF func(*debriefOptions) error) *cobra.Command {
	opts := &debriefOptions{Format: training.FormatText, TrainingStore: f.openTrainingStore}
	cmd := &cobra.Command{
		Use:   "debrief SESSION... [--scenario S] [--format text|md|html] [--out FILE]",
		Short: "Compare a training session with its scenario",
		Long: `Compare trainees' training sessions with what their scenario expected. SESSION is a
training session file, or the case code of a session in the training folder.

One session: the outcome reached against the expected one; the indicators found, missed and
extra, each with the questions and answers that made the difference (for a missed indicator,
what the scenario answered and what the trainee recorded, or "not asked" when the trainee's
path never reached the question); the flags (an urgent flag missed is shown first); the
questions skipped by going off the scenario's path; the time per section. An unfinished
session is said to be so first: its outcome is provisional, and the questions it has not
got to yet are listed apart. A demonstration (simulate --autoplay) is said to be one.

Several sessions: a group debrief — a table of the trainees, who needs attention first; how
many found each indicator and flag, where they ended, the answers recorded differently,
and the median time per section. Unfinished sessions and demonstrations are left out of
the figures, and counted. A folder stands for the training sessions in it.

Each session is compared with the scenario it records (earlyid simulate records it): the
sessions of several scenarios get one section each, never compared with one another.
--scenario (a scenario file or built-in id) compares every session with that scenario.`,
		Example: `  earlyid debrief MD-7K3Q-2PXA
  earlyid debrief MD-7K3Q-2PXA --scenario mixed-flows-md-border-stranger-offer --format html --out debrief.html
  earlyid debrief ~/workshop-usb/training
  earlyid debrief training/*.json --scenario my-case.yaml`,
		Args: minArgs(f, 1, "SESSION"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Sessions = args
			if !slices.Contains(debriefFormats, opts.Format) {
				return f.usageError("cli.error.bad_format", map[string]any{"Value": opts.Format, "Formats": strings.Join(debriefFormats, ", ")})
			}
			return runOr(runF, opts, func() error { return runDebrief(f, opts) })
		},
	}
	cmd.Flags().StringVar(&opts.Scenario, "scenario", "", "the scenario `FILE|ID` (default: the one the sessions record)")
	cmd.Flags().StringVar(&opts.Guideline, "guideline", "", "the scenario's guideline `FILE|ID` (default: found by its id)")
	cmd.Flags().StringVarP(&opts.Format, "format", "f", training.FormatText, "output format: text, md or html")
	cmd.Flags().StringVar(&opts.Out, "out", "", "write to `FILE` (default: standard output)")
	cmd.Flags().BoolVar(&opts.Force, "force", false, "replace --out if it exists")
	return cmd
}

// loadTrainingSession reads a training session from a file or, for a case code, from the
// training folder. Only training sessions are debriefed.
func loadTrainingSession(f *factory, opts *debriefOptions, arg string) (*interview.Session, error) {
	var s *interview.Session
	if st, err := os.Stat(arg); err == nil && !st.IsDir() {
		data, err := f.readInput(arg)
		if err != nil {
			return nil, err
		}
		s, err = interview.UnmarshalSession(data)
		if err != nil {
			return nil, f.failure(err, "cli.error.export_not_session", map[string]any{"File": arg, "Detail": err.Error()})
		}
	} else if code, ok := caseCodeArg(arg); ok {
		arg = code
		store, err := opts.TrainingStore()
		if err != nil {
			return nil, err
		}
		s, err = store.Load(arg)
		var bad *interview.CaseCodeError
		if errors.Is(err, interview.ErrNotFound) || errors.As(err, &bad) {
			return nil, f.failure(err, "train.error.session_not_found", map[string]any{"Code": arg})
		}
		if err != nil {
			return nil, err
		}
	} else {
		return nil, f.readError(arg, os.ErrNotExist)
	}
	if s.Mode != interview.ModeTraining {
		return nil, f.failure(nil, "train.error.not_training", map[string]any{"Code": s.Code})
	}
	return s, nil
}

func runDebrief(f *factory, opts *debriefOptions) error {
	var sessions []*interview.Session
	for _, a := range opts.Sessions {
		// A folder (the training folder, a USB copy of it) stands for the sessions in it.
		if st, err := os.Stat(a); err == nil && st.IsDir() {
			files, err := training.CollectFiles([]string{a})
			if err != nil {
				return f.readError(a, err)
			}
			n := 0
			for _, file := range files {
				if strings.EqualFold(filepath.Ext(file), ".json") {
					s, err := loadTrainingSession(f, opts, file)
					if err != nil {
						return err
					}
					sessions = append(sessions, s)
					n++
				}
			}
			if n == 0 {
				return f.failure(nil, "train.error.no_sessions_in", map[string]any{"Folder": a})
			}
			continue
		}
		s, err := loadTrainingSession(f, opts, a)
		if err != nil {
			return err
		}
		sessions = append(sessions, s)
	}

	// Each session is compared with the scenario it was run on, one section per
	// scenario; with --scenario, every session is compared with that one, as asked.
	type group struct {
		c        *training.Case
		sessions []*interview.Session
	}
	var groups []*group
	l := f.Localizer()
	if opts.Scenario != "" {
		c, err := lookupCase(f, opts.Scenario, opts.Guideline)
		if err != nil {
			return err
		}
		for _, s := range sessions {
			if s.Scenario != "" && s.Scenario != c.Scenario.ID {
				f.IO.ErrOut.Write([]byte(l.T("train.warn.other_scenario", map[string]any{"Code": s.Code, "Got": textsafe.Line(s.Scenario), "Want": c.Scenario.ID}) + "\n"))
			}
		}
		groups = append(groups, &group{c: c, sessions: sessions})
	} else {
		byID := map[string]*group{}
		for _, s := range sessions {
			if s.Scenario == "" {
				return f.usageError("train.error.needs_scenario", nil)
			}
			if g := byID[s.Scenario]; g != nil {
				g.sessions = append(g.sessions, s)
				continue
			}
			// A session file may come from anyone: the scenario it names is an id,
			// looked up among the built-in ones, never a path to open.
			if !builtinScenario(s.Scenario) {
				return f.failure(nil, "train.error.scenario_not_builtin", map[string]any{"Code": s.Code, "ID": textsafe.Line(s.Scenario)})
			}
			c, err := lookupCase(f, s.Scenario, opts.Guideline)
			if err != nil {
				return err
			}
			g := &group{c: c, sessions: []*interview.Session{s}}
			byID[s.Scenario] = g
			groups = append(groups, g)
		}
	}
	for _, g := range groups {
		for _, s := range g.sessions {
			if s.Guideline.ID != g.c.Guideline.ID {
				return f.failure(nil, "train.error.other_guideline", map[string]any{"Code": s.Code, "Got": textsafe.Line(s.Guideline.ID), "Want": g.c.Guideline.ID})
			}
		}
	}

	uiLang := l.Lang()
	if len(groups) == 1 && len(groups[0].sessions) == 1 {
		d, err := training.NewDebrief(groups[0].c, groups[0].sessions[0])
		if err != nil {
			return err
		}
		return writeNewOutput(f, opts.Out, opts.Force, func(w io.Writer) error { return d.Render(w, opts.Format, uiLang) })
	}
	var gds []*training.GroupDebrief
	for _, g := range groups {
		gd, err := training.NewGroupDebrief(g.c, g.sessions)
		if err != nil {
			return err
		}
		gds = append(gds, gd)
	}
	return writeNewOutput(f, opts.Out, opts.Force, func(w io.Writer) error { return training.RenderGroups(w, opts.Format, uiLang, gds) })
}

// builtinScenario reports whether id is the id of a built-in scenario.
func builtinScenario(id string) bool {
	if training.IsPath(id) {
		return false
	}
	all, _ := guidelines.EmbeddedScenarios()
	return slices.ContainsFunc(all, func(s *guidelines.Scenario) bool { return s.ID == id })
}
