package training

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/earlyid/earlyid/guidelines"
)

// TestReportAnswerNoGroupHas: one session answers citizenship with a choice the loaded
// guideline does not have ("atlantis": another version's, or a file written by hand). Left
// out of every group, it would be "All" minus the groups: 12 − 6 − 5 = 1 person's outcome,
// indicators and answers. It has a group of its own, which, with 1 interview, is merged
// into "Other answers" and withheld, and the smallest group shown (moldovan, 5) is withheld
// against subtraction: "All" then gives away no group (12 − 6 = 6 ≥ 5).
func TestReportAnswerNoGroupHas(t *testing.T) {
	t.Parallel()
	const n = 5
	dir := t.TempDir()
	genPlanned(t, dir, []groupPlan{{grandmother, "ukrainian", 6}, {border, "moldovan", 5}, {cafe, "atlantis", 1}}, 3)
	files, err := CollectFiles([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := NewReport(files, ReportOptions{By: "citizenship", MinGroup: n, AllScenarios: true})
	if err != nil {
		t.Fatal(err)
	}
	gr := rep.Guidelines[0]
	all, shown := gr.Groups[0].Sessions, 0
	state := map[string]string{}
	for _, grp := range gr.Groups[1:] {
		switch {
		case grp.Complement:
			state[grp.Key] = "complement"
		case grp.Suppressed:
			state[grp.Key] = "withheld"
		case grp.Sessions > 0:
			state[grp.Key] = "shown"
			shown += grp.Sessions
		}
	}
	if all != 12 || all-shown != 0 && all-shown < n {
		t.Errorf("All has %d interviews and the groups shown %d: the other %d can be worked out (%v)", all, shown, all-shown, state)
	}
	if state["ukrainian"] != "shown" || state["moldovan"] != "complement" || state[KeyOther] != "withheld" {
		t.Errorf("groups %v, want ukrainian shown, moldovan withheld against subtraction, other answers withheld", state)
	}
	var b bytes.Buffer
	if err := rep.Render(&b, FormatText, "en"); err != nil {
		t.Fatal(err)
	}
	if out := oneLine(b.String()); !strings.Contains(out, "An answer this version of the guideline does not have") {
		t.Errorf("the merged groups do not name the answer no group has:\n%s", out)
	}
	b.Reset()
	if err := rep.Render(&b, FormatCSV, "ro"); err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{",citizenship=*other,min_group,", ",citizenship=moldovan,complement,", "merged,citizenship=*other,*unlisted,"} {
		if !strings.Contains(b.String(), w) {
			t.Errorf("CSV lacks %q:\n%s", w, b.String())
		}
	}
}

// TestReportUnlistedMultiAnswerWasAsked: a session answered offer_type (several answers
// allowed) with none of the guideline's choices. It was asked, so it is not in "Not asked",
// whose figures would then say something false about it, but in the group of answers the
// guideline does not have.
func TestReportUnlistedMultiAnswerWasAsked(t *testing.T) {
	t.Parallel()
	c := mustCase(t, border)
	dir := t.TempDir()
	vals := copyValues(c)
	vals["offer_type"] = guidelines.Value{List: []string{"atlantis"}}
	s := session(t, c, "MD-UNLT-0001", vals, nil)
	data, err := s.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, s.Code+".json"), data, 0o600); err != nil {
		t.Fatal(err)
	}
	rep, err := NewReport([]string{filepath.Join(dir, s.Code+".json")}, ReportOptions{By: "offer_type", MinGroup: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, grp := range rep.Guidelines[0].Groups[1:] {
		if grp.Sessions > 0 && grp.Key != KeyUnlisted {
			t.Errorf("the session is in group %q", grp.Key)
		}
	}
	if g := rep.Guidelines[0].Groups; g[len(g)-1].Key != KeyUnlisted || g[len(g)-1].Sessions != 1 {
		t.Errorf("no group of answers the guideline does not have")
	}
}
