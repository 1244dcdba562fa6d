package summary

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/earlyid/earlyid/guidelines"
)

// TestInterpreterLineAgreesWithTheAnswer: the header prints who interpreted, as the
// guideline's interpreter question was answered, even when the setup said "no
// interpreter"; without an answer it prints the setup's yes or no.
func TestInterpreterLineAgreesWithTheAnswer(t *testing.T) {
	t.Parallel()
	g, s := scenarioSession(t, scenarioAdult)
	s.Interpreter = false
	s.Answers.Values["interpreter"] = guidelines.Value{Str: "professional"}
	for lang, want := range map[string]string{
		"en": "- **Interpreter:** A professional interpreter or a staff member\n",
		"ro": "- **Interpret:** Un interpret profesionist sau un angajat al instituției\n",
		"uk": "- **Перекладач:** Професійний перекладач або працівник установи\n",
		"ru": "- **Переводчик:** Профессиональный переводчик или сотрудник учреждения\n",
	} {
		if md := string(render(t, build(t, g, s, lang, ""), FormatMarkdown)); !strings.Contains(md, want) {
			t.Errorf("%s: the header lacks %q", lang, want)
		}
	}
	var doc struct {
		Case Case `json:"case"`
	}
	if err := json.Unmarshal(render(t, build(t, g, s, "en", ""), FormatJSON), &doc); err != nil {
		t.Fatal(err)
	}
	if !doc.Case.Interpreter || doc.Case.InterpreterAnswer != "A professional interpreter or a staff member" {
		t.Errorf("the JSON says interpreter %v, %q", doc.Case.Interpreter, doc.Case.InterpreterAnswer)
	}

	delete(s.Answers.Values, "interpreter")
	s.Interpreter = true
	if md := string(render(t, build(t, g, s, "en", ""), FormatMarkdown)); !strings.Contains(md, "- **Interpreter:** present\n") {
		t.Error("without an answer, the header does not fall back to the setup")
	}
}
