package guidelines

import "testing"

// controlQuestions are the questions about freedom, threats, violence, debts and the forms of
// exploitation that are not "work" (the control section of the default guideline).
var controlQuestions = []string{"kept_from_leaving", "contact_stopped", "pressure_by_them", "debt_destination", "exploit_forms", "sexual_acts"}

// TestControlQuestionsFollowWhatWasSaid: in the default guideline, the questions about control
// are asked as soon as anything said points to other people's involvement — an offer, a
// journey paid by others, work (or "don't know" / "prefer not to answer" to it), documents held
// by others, a companion who will not leave, or a yes to decided_for_you — so that a person
// exploited in sex work, begging or crime, who does not call it work, is still asked. A person
// who says none of this is not asked them (the short path), a child under 14 never is (observe
// and refer instead), and nobody is without consent to talk.
func TestControlQuestionsFollowWhatWasSaid(t *testing.T) {
	g := mustEmbedded(t, "mixed-flows-md")
	// noSign is an adult who said nothing that points to anyone else's involvement.
	noSign := func() map[string]Value {
		return map[string]Value{
			"consent_interview": {Str: "yes"}, "age": {Num: 30}, "travel_with": {Str: "family"},
			"offer_made": {Str: "no"}, "paid_by": {Str: "self_family"}, "worked": {Str: "no"},
			"decided_for_you": {Str: "no"}, "docs_holder": {Str: "with_me"}, "s_companion": {Str: "no_companion"},
		}
	}
	asked := func(vals map[string]Value) map[string]bool {
		t.Helper()
		res, err := g.Resolve(g.NewEvaluator(), vals)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]bool{}
		for _, id := range append(controlQuestions, "decided_for_you") {
			q := g.Question(id)
			if q == nil {
				t.Fatalf("the default guideline has no question %s", id)
			}
			got[id] = res.Applies[q.Index]
		}
		return got
	}
	for id, a := range asked(noSign()) {
		if a && id != "decided_for_you" {
			t.Errorf("no risk sign: %s is asked", id)
		}
	}
	if !asked(noSign())["decided_for_you"] {
		t.Error("no risk sign: decided_for_you, the one question that can still open the control questions, is not asked")
	}
	signs := []struct {
		name string
		set  map[string]Value
	}{
		{"an offer", map[string]Value{"offer_made": {Str: "yes"}}},
		{"offer: don't know", map[string]Value{"offer_made": UnknownValue}},
		{"journey paid by the offerer", map[string]Value{"paid_by": {Str: "offerer"}}},
		{"worked", map[string]Value{"worked": {Str: "yes"}}},
		{"worked: don't know", map[string]Value{"worked": UnknownValue}},
		{"worked: prefer not to answer", map[string]Value{"worked": DeclinedValue}},
		{"travelling with people met on the way", map[string]Value{"travel_with": {Str: "met_on_way"}}},
		{"documents with another person", map[string]Value{"docs_holder": {Str: "other_person"}}},
		{"someone decided for the person", map[string]Value{"decided_for_you": {Str: "yes"}}},
		{"decided_for_you: prefer not to answer", map[string]Value{"decided_for_you": DeclinedValue}},
		{"a companion who refuses to leave", map[string]Value{"s_companion": {Str: "refuses_to_leave"}}},
	}
	for _, sg := range signs {
		vals := noSign()
		for k, v := range sg.set {
			vals[k] = v
		}
		got := asked(vals)
		for _, id := range controlQuestions {
			if !got[id] {
				t.Errorf("%s: %s is not asked", sg.name, id)
			}
		}
		// The same sign for a child under 14: observed and referred, never asked.
		vals["age"] = Value{Num: 11}
		got = asked(vals)
		for _, id := range controlQuestions {
			if got[id] {
				t.Errorf("%s, child of 11: %s is asked", sg.name, id)
			}
		}
		vals["age"] = Value{Num: 30}
		vals["consent_interview"] = Value{Str: "no"}
		got = asked(vals)
		for _, id := range controlQuestions {
			if got[id] {
				t.Errorf("%s, no consent: %s is asked", sg.name, id)
			}
		}
	}
}

// mustEmbedded returns the built-in guideline with this id.
func mustEmbedded(t testing.TB, id string) *Guideline {
	t.Helper()
	g, ok := OpenEmbedded(id)
	if !ok {
		t.Fatalf("no built-in guideline %s", id)
	}
	return g
}
