package guidelines_test

import "testing"

// retiredQuestionIDs are question ids of the default guideline's earlier versions whose
// question was replaced by one that asks something else. Saved sessions and answers files
// still hold answers under them, given to the old question: an id that came back with
// another meaning would read those answers as answers to the new question. Version 2026.2
// retired the control questions that named no one (each now asks who did it) and widened two
// (an offer before the person left, not only since; what differed before leaving, not only
// before starting work), which therefore took new ids too.
var retiredQuestionIDs = []string{
	"contact_family", "forced_lie", "forced_sexual", "free_to_leave", "illicit",
	"recruit_threats", "recruit_violence", "threats_police", "threats_violence", "violence",
	"offer_received", "not_as_promised",
}

func TestRetiredQuestionIDsStayRetired(t *testing.T) {
	for _, id := range []string{"mixed-flows-md", "mixed-flows-md-strict"} {
		g := embedded(t, id)
		for _, old := range retiredQuestionIDs {
			if g.Question(old) != nil {
				t.Errorf("%s: the question id %q is back; it meant another question in an earlier version — give the new question a new id", id, old)
			}
		}
	}
}
