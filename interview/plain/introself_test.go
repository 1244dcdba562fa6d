package plain

import (
	"strings"
	"testing"

	"github.com/earlyid/earlyid/guidelines/guidelinestest"
	"github.com/earlyid/earlyid/interview"
)

// In self mode the person reads the section's intro_self, not the interviewer's spoken
// intro ("My name is …"); a section without intro_self shows its intro. With an interviewer
// the spoken intro is shown.
func TestSelfModeShowsTheIntroForThePerson(t *testing.T) {
	const spoken, forPerson, onlyIntro = "My name is Ana and I work here.", "These questions come from the service.", "A few more questions."
	g := guidelinestest.TwoIntros(t)

	_, self := run(t, newEngine(t, g, interview.ModeSelf, "en", "en", interview.NewMemoryStore(), nil), "y\nn\n")
	if !strings.Contains(self, forPerson) {
		t.Errorf("self mode does not show the intro written for the person:\n%s", self)
	}
	if strings.Contains(self, spoken) {
		t.Errorf("self mode shows the intro the interviewer reads aloud:\n%s", self)
	}
	if !strings.Contains(self, onlyIntro) {
		t.Errorf("self mode drops the intro of a section without intro_self:\n%s", self)
	}

	for _, mode := range []interview.Mode{interview.ModeReal, interview.ModeTraining} {
		_, out := run(t, newEngine(t, g, mode, "en", "en", interview.NewMemoryStore(), nil), "y\nn\n")
		if !strings.Contains(out, spoken) || !strings.Contains(out, onlyIntro) {
			t.Errorf("%s mode does not show the intros read aloud:\n%s", mode, out)
		}
		if strings.Contains(out, forPerson) {
			t.Errorf("%s mode shows the intro meant for the person alone:\n%s", mode, out)
		}
	}
}
