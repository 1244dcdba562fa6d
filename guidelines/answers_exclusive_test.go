package guidelines

import (
	"os"
	"slices"
	"strings"
	"testing"
)

// exclusiveExample is the example guideline with recruited_via's "other" choice marked
// exclusive, so answers can combine it with another choice.
func exclusiveExample(t *testing.T) *Guideline {
	t.Helper()
	data, err := os.ReadFile("example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	const anchor = `en: "Another way"}` + "\n"
	if !strings.Contains(string(data), anchor) {
		t.Fatal("example.yaml no longer has recruited_via's other choice")
	}
	src := strings.Replace(string(data), anchor, anchor+"            exclusive: true\n", 1)
	g, ds := LoadBytes("example.yaml", []byte(src))
	if g == nil {
		t.Fatalf("example.yaml with an exclusive choice does not load:\n%v", ds)
	}
	if !g.Question("recruited_via").Choice("other").Exclusive {
		t.Fatal("exclusive: true did not load")
	}
	return g
}

// TestAnswersExclusiveCombined checks that an answers file and a scenario that tick an
// exclusive choice beside another are refused at the exclusive item, as the interview
// refuses them, rather than scored; the exclusive choice alone, or the others without it,
// stay accepted.
func TestAnswersExclusiveCombined(t *testing.T) {
	g := exclusiveExample(t)
	const bad = "answers:\n  job_offer: \"yes\"\n  recruited_via: [online, other, acquaintance]\n"
	ans, _, ds := ParseAnswers("a.yaml", []byte(bad), g)
	if len(ds) != 1 || ds[0].Code != "exclusive_combined" || ds[0].Pos != (Pos{Line: 3, Col: 27}) {
		t.Fatalf("got findings %v, want one exclusive_combined at 3:27", ds)
	}
	if _, ok := ans.Values["recruited_via"]; ok {
		t.Errorf("the contradictory answer was kept: %v", ans.Values["recruited_via"])
	}
	if out := render(ds); !strings.Contains(out, "a.yaml:3:27: error:") || !strings.Contains(out, "“other”") {
		t.Errorf("finding reads %q", out)
	}

	for _, ok := range []string{"[other]", "[online, acquaintance]", "[declined]"} {
		ans, _, ds := ParseAnswers("a.yaml", []byte("answers:\n  recruited_via: "+ok+"\n"), g)
		if len(ds) != 0 {
			t.Errorf("%s: got findings %v", ok, ds)
		}
		if _, has := ans.Values["recruited_via"]; !has {
			t.Errorf("%s: not kept", ok)
		}
	}

	scen := "format: earlyid/scenario/v1\nid: contradiction\nguideline: " + g.ID +
		"\ntitle: A case\nanswers:\n  job_offer: \"yes\"\n  recruited_via: [other, online]\nexpected:\n  outcome: " + g.Scoring.Outcomes[0].ID + "\n"
	s, sds := LoadScenarioBytes("s.yaml", []byte(scen))
	if s == nil {
		t.Fatalf("scenario does not load:\n%v", sds)
	}
	var codes []string
	for _, d := range CheckScenario(s, g) {
		if d.Code == "exclusive_combined" && d.Pos != (Pos{Line: 7, Col: 19}) {
			t.Errorf("scenario finding at %v, want 7:19", d.Pos)
		}
		codes = append(codes, d.Code)
	}
	if !slices.Contains(codes, "exclusive_combined") {
		t.Errorf("validate does not report the scenario; it reports %v", codes)
	}
}
