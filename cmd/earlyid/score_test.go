package main

import (
	"encoding/json"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/earlyid/earlyid/guidelines"
)

// TestScoreGolden scores testdata/score/child-online.yaml, a case worked out by hand from
// the rules (see the comment at the top of that file), in both formats. The golden files were
// checked line by line against that working.
func TestScoreGolden(t *testing.T) {
	t.Parallel()
	for _, format := range []string{"text", "json"} {
		t.Run(format, func(t *testing.T) {
			code, out, errOut := cliRun{}.run(t, "score", "--guideline", "example", "--answers", "testdata/score/child-online.yaml", "--format", format, "--lang", "en")
			if code != 0 || errOut != "" {
				t.Fatalf("exit %d, stderr:\n%s", code, errOut)
			}
			golden.RequireEqual(t, []byte(out))
		})
	}
}

// TestScoreJSONShape checks the hand-worked facts in the JSON directly, so a wrong golden
// file cannot hide them.
func TestScoreJSONShape(t *testing.T) {
	t.Parallel()
	code, out, errOut := cliRun{}.run(t, "score", "--guideline", "example", "--answers", "testdata/score/child-online.yaml", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d, stderr:\n%s", code, errOut)
	}
	var r struct {
		Outcome    struct{ ID, Level string }
		Dimensions []struct {
			ID                   string
			Positive             bool
			Strong, Medium, Weak int
		}
		Indicators []struct{ ID, Strength string }
		Flags      []struct{ ID, Urgency string }
		Referrals  []struct{ ID string }
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	ids := func(n int, get func(int) string) string {
		var s []string
		for i := range n {
			s = append(s, get(i))
		}
		return strings.Join(s, " ")
	}
	checks := []struct{ what, got, want string }{
		{"outcome", r.Outcome.ID + "/" + r.Outcome.Level, "further_assessment/medium"},
		{"indicators", ids(len(r.Indicators), func(i int) string { return r.Indicators[i].ID + "/" + r.Indicators[i].Strength }),
			"recruited_by_acquaintance/medium excessive_hours/strong"},
		{"flags", ids(len(r.Flags), func(i int) string { return r.Flags[i].ID + "/" + r.Flags[i].Urgency }),
			"needs_medical_help/immediate minor/priority recruited_online/context"},
		{"referrals", ids(len(r.Referrals), func(i int) string { return r.Referrals[i].ID }),
			"medical_help child_protection support_service"},
		{"positive dimensions", ids(len(r.Dimensions), func(i int) string {
			if r.Dimensions[i].Positive {
				return r.Dimensions[i].ID
			}
			return "-"
		}), "- - - - - -"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %s, want %s", c.what, c.got, c.want)
		}
	}
	// The guideline's first language is ro: the default content language.
	if !strings.Contains(out, "Program de lucru excesiv") {
		t.Errorf("texts are not in the guideline's first language (ro):\n%s", out)
	}
}

// TestScoreBadAnswers: every mistake in an answers file is reported with its position, one
// line each, and nothing is scored.
func TestScoreBadAnswers(t *testing.T) {
	t.Parallel()
	code, out, errOut := cliRun{}.run(t, "score", "--guideline", "example", "--answers", "testdata/score/bad.yaml")
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	if out != "" {
		t.Errorf("something was scored:\n%s", out)
	}
	want := []string{
		`testdata/score/bad.yaml:2:8: error: .* \[out_of_range\]`,     // age: 200 (max 120)
		`testdata/score/bad.yaml:3:14: error: .* \[[a-z_]+\]`,         // a list to a yesno
		`testdata/score/bad.yaml:4:3: error: .* \[unknown_question\]`, // nonexistent
		`testdata/score/bad.yaml:5:17: error: .* \[bad_date\]`,        // 30 February
		`testdata/score/bad.yaml:6:33: error: .* \[unknown_choice\]`,  // telegram
		`testdata/score/bad.yaml:7:18: error: .* \[not_a_number\]`,    // many
	}
	lines := strings.Split(strings.TrimRight(errOut, "\n"), "\n")
	if len(lines) != len(want) {
		t.Fatalf("stderr has %d lines, want %d:\n%s", len(lines), len(want), errOut)
	}
	for i, w := range want {
		if !regexp.MustCompile("^" + w + "$").MatchString(lines[i]) {
			t.Errorf("line %d = %q, want %s", i+1, lines[i], w)
		}
	}
}

func TestScoreUsage(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		args []string
		code int
		err  string
	}{
		{"no answers", []string{"score", "--guideline", "example"}, 2, "--answers"},
		{"bad format", []string{"score", "--answers", "testdata/score/child-online.yaml", "--guideline", "example", "--format", "xml"}, 2, "xml"},
		{"language not in guideline", []string{"score", "--answers", "testdata/score/child-online.yaml", "--guideline", "example", "--lang", "de"}, 2, "de"},
		{"extra argument", []string{"score", "extra", "--answers", "testdata/score/child-online.yaml"}, 2, "extra"},
		{"unknown guideline", []string{"score", "--guideline", "no-such-guideline", "--answers", "testdata/score/child-online.yaml"}, 1, "no-such-guideline"},
		{"missing answers file", []string{"score", "--guideline", "example", "--answers", "testdata/score/none.yaml"}, 1, "none.yaml"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := cliRun{}.run(t, tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tt.code, errOut)
			}
			if out != "" {
				t.Errorf("stdout not empty:\n%s", out)
			}
			if !strings.Contains(errOut, tt.err) {
				t.Errorf("stderr does not name %q:\n%s", tt.err, errOut)
			}
		})
	}
}

// TestScoreStdin reads the answers from standard input.
func TestScoreStdin(t *testing.T) {
	t.Parallel()
	stdin := "answers:\n  consent_interview: yes\n  documents_held: yes\n  free_to_leave: no\n"
	code, out, errOut := cliRun{stdin: stdin}.run(t, "score", "--guideline", "example", "--answers", "-", "--format", "json", "--lang", "en")
	if code != 0 {
		t.Fatalf("exit %d:\n%s", code, errOut)
	}
	// documents_withheld + not_free_to_leave: two strong in coercion_at_destination.
	if !strings.Contains(out, `"id": "not_free_to_leave"`) || !strings.Contains(out, `"positive": true`) {
		t.Errorf("unexpected result:\n%s", out)
	}
}

// TestScoreEveryShippedScenario runs the score command, as a user would, on every shipped
// scenario file (a scenario is also a valid answers file) and checks the JSON against the
// scenario's own `expected` block, which its author wrote from the guideline's rules. The
// library-level scenario tests do the same through indicators.Score; this one covers the
// command's reading of the file and its JSON, and of a scenario given by its id.
func TestScoreEveryShippedScenario(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob("../../guidelines/scenarios/*.yaml")
	if err != nil || len(files) < 8 {
		t.Fatalf("shipped scenarios: %d files, %v", len(files), err)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			s, ds := guidelines.LoadScenario(file)
			if s == nil {
				t.Fatalf("scenario does not load: %v", ds)
			}
			code, out, errOut := cliRun{}.run(t, "score", "--guideline", s.Guideline, "--answers", file, "--format", "json")
			if code != 0 {
				t.Fatalf("exit %d, stderr:\n%s", code, errOut)
			}
			var r struct {
				Outcome    struct{ ID string }
				Indicators []struct{ ID string }
				Flags      []struct{ ID string }
			}
			if err := json.Unmarshal([]byte(out), &r); err != nil {
				t.Fatal(err)
			}
			sorted := func(n int, id func(int) string) []string {
				ids := make([]string, n)
				for i := range n {
					ids[i] = id(i)
				}
				slices.Sort(ids)
				return ids
			}
			gotInd := sorted(len(r.Indicators), func(i int) string { return r.Indicators[i].ID })
			gotFlags := sorted(len(r.Flags), func(i int) string { return r.Flags[i].ID })
			wantInd := slices.Sorted(slices.Values(s.Expected.Indicators))
			wantFlags := slices.Sorted(slices.Values(s.Expected.Flags))
			if r.Outcome.ID != s.Expected.Outcome {
				t.Errorf("outcome %s, the scenario expects %s", r.Outcome.ID, s.Expected.Outcome)
			}
			if !slices.Equal(gotInd, wantInd) {
				t.Errorf("indicators %v, the scenario expects %v", gotInd, wantInd)
			}
			if !slices.Equal(gotFlags, wantFlags) {
				t.Errorf("flags %v, the scenario expects %v", gotFlags, wantFlags)
			}
			// By id, the scenario is found built in and scored against its own
			// guideline: the same result as its file.
			code, byID, errOut := cliRun{}.run(t, "score", "--answers", s.ID, "--format", "json")
			if code != 0 || byID != out {
				t.Errorf("--answers %s: exit %d %s; the result differs from the file's", s.ID, code, errOut)
			}
		})
	}
}

// A condition that fails while it runs leaves its part out of the result, which is still
// shown, with the part and the reason at its place in the file.
func TestScoreShowsResultWhenAConditionFails(t *testing.T) {
	code, out, errOut := cliRun{}.run(t, "score", "--guideline", "testdata/score/runtime-error.yaml", "--answers", "testdata/score/runtime-error-answers.yaml")
	if code != 0 {
		t.Errorf("exit %d, want 0; stderr:\n%s", code, errOut)
	}
	for _, want := range []string{
		"Could not be evaluated",
		`- indicator “i_nu”: testdata/score/runtime-error.yaml:16:64: The condition “int(nu) > 10” failed while it ran`,
		"None", // the outcome is still there
	} {
		if !strings.Contains(out, want) {
			t.Errorf("stdout lacks %q:\n%s", want, out)
		}
	}
}
