package guidelines_test

import (
	"strings"
	"testing"
)

// TestRecruitmentAndDestinationAskAboutDifferentTimes: dimension 2 (coercive recruitment) is
// fed by recruit_pressure, dimension 5 (coercion at destination) by the control section. If
// both ask about the same people without a time, one beating is recorded in each and counts
// twice towards a presumption (scenario partner-flat-never-worked). So
// recruit_pressure asks, in every language, only about the time before arrival, its hint tells
// the interviewer not to record an act twice, and the control section's intro asks about the
// time after arrival.
func TestRecruitmentAndDestinationAskAboutDifferentTimes(t *testing.T) {
	g := embedded(t, "mixed-flows-md")
	before := map[string]string{
		"ro": "Până să ajungeți la destinație",
		"uk": "Поки Ви ще не дісталися місця призначення",
		"ru": "Пока Вы ещё не добрались до места назначения",
		"en": "Before you reached where you were going",
	}
	twice := map[string]string{
		"ro": "nu notați același fapt de două ori",
		"uk": "не записуйте те саме двічі",
		"ru": "не записывайте одно и то же дважды",
		"en": "do not record the same act twice",
	}
	after := map[string]string{
		"ro": "după ce ați ajuns la destinație",
		"uk": "після того, як Ви дісталися місця призначення",
		"ru": "после того, как Вы добрались до места назначения",
		"en": "after you arrived where you were going",
	}
	q := g.Question("recruit_pressure")
	if q == nil {
		t.Fatal("the default guideline has no question recruit_pressure")
	}
	for _, lang := range g.Languages {
		if !strings.Contains(q.Text[lang], before[lang]) {
			t.Errorf("recruit_pressure (%s) does not limit itself to the time before arrival: %s", lang, q.Text[lang])
		}
		if !strings.Contains(q.Hint[lang], twice[lang]) {
			t.Errorf("recruit_pressure's hint (%s) does not warn against recording an act twice: %s", lang, q.Hint[lang])
		}
	}
	for _, sec := range g.Sections {
		if sec.ID != "control" {
			continue
		}
		for _, lang := range g.Languages {
			if !strings.Contains(sec.Intro[lang], after[lang]) {
				t.Errorf("the control section's intro (%s) does not ask about the time after arrival: %s", lang, sec.Intro[lang])
			}
		}
	}
}
