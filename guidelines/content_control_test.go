package guidelines

import "testing"

// TestControlQuestionsAskedWhateverTheAnswerToWorked: in the default guideline, a person
// who agreed to talk is asked about freedom of movement and contact, threats, violence and
// debts whether they said they worked, did not, don't know or prefer not to say — a person
// exploited in sex work, begging or crime often does not call it work, and one controlled
// in transit has not worked yet. Questions about a job stay with those who worked, and the
// question about being made to do something sexual outside the work framing goes to those
// who were not asked it inside it.
func TestControlQuestionsAskedWhateverTheAnswerToWorked(t *testing.T) {
	g := mustEmbedded(t, "mixed-flows-md")
	always := []string{"free_to_leave", "contact_family", "threats_violence", "threats_police", "violence", "debt_destination", "forced_lie", "illicit"}
	for _, worked := range []Value{{Str: "yes"}, {Str: "no"}, UnknownValue, DeclinedValue, {}} {
		vals := map[string]Value{"consent_interview": {Str: "yes"}, "age": {Num: 30}}
		if worked.Str != "" || worked.IsSpecial() {
			vals["worked"] = worked
		}
		res, err := g.Resolve(g.NewEvaluator(), vals)
		if err != nil {
			t.Fatal(err)
		}
		asked := func(id string) bool { return res.Applies[g.Question(id).Index] }
		for _, id := range always {
			if !asked(id) {
				t.Errorf("worked = %+v: %s is not asked", worked, id)
			}
		}
		isYes := worked.Str == "yes"
		for _, id := range []string{"dependency", "can_find_help", "sexual_services", "paid"} {
			if asked(id) != isYes {
				t.Errorf("worked = %+v: %s asked = %v, want %v (a question about the job)", worked, id, asked(id), isYes)
			}
		}
		if asked("forced_sexual") == isYes {
			t.Errorf("worked = %+v: forced_sexual asked = %v, want %v", worked, asked("forced_sexual"), !isYes)
		}
	}
	// Without consent to talk, none of them is asked.
	res, err := g.Resolve(g.NewEvaluator(), map[string]Value{"consent_interview": {Str: "no"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range always {
		if res.Applies[g.Question(id).Index] {
			t.Errorf("no consent: %s is asked", id)
		}
	}
}

// mustEmbedded returns the built-in guideline with this id.
func mustEmbedded(t testing.TB, id string) *Guideline {
	t.Helper()
	gs, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range gs {
		if g.ID == id {
			return g
		}
	}
	t.Fatalf("no built-in guideline %s", id)
	return nil
}
