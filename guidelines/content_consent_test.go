package guidelines

import (
	"slices"
	"testing"
)

// TestConsentRecordedPerRecipient: domain.md asks for consent to sharing to be recorded
// for each recipient. The default guideline asks, only after a yes to sharing, which
// services may receive the person's name; the question sits in the consent section, so the
// summary shows it with the other consents, and its choices cover every referral that would
// receive a name (the public phone lines the person calls are not recipients).
func TestConsentRecordedPerRecipient(t *testing.T) {
	g := mustEmbedded(t, "mixed-flows-md")
	q := g.Question("consent_share_with")
	if q == nil || q.Type != TypeMulti || q.Section.Role != RoleConsent {
		t.Fatalf("consent_share_with is missing, not a multi question, or not in the consent section: %+v", q)
	}
	recipientOf := map[string]string{
		"social_assistance": "social_assistance", "assistance_centre": "cap", "la_strada": "la_strada",
		"police_unit": "cctp", "migration_office": "igm", "labour_inspectorate": "labour_inspectorate",
		"child_protection": "child_protection", "unhcr": "unhcr", "iom": "iom", "legal_aid": "legal_aid",
		"consulate": "ukrainian_consulate", "border_police": "border_police", "medical": "medical_care",
	}
	var covered []string
	for _, c := range q.Choices {
		if c.ID == "decide_later" {
			continue
		}
		r, ok := recipientOf[c.ID]
		if !ok || g.Referral(r) == nil {
			t.Errorf("choice %s names no referral of the guideline", c.ID)
		}
		covered = append(covered, r)
	}
	for _, r := range g.Referrals {
		if r.ID == "emergency_112" || r.ID == "child_helpline" {
			continue
		}
		if !slices.Contains(covered, r.ID) {
			t.Errorf("referral %s cannot be chosen as a recipient", r.ID)
		}
	}
	for _, share := range []Value{{Str: "yes"}, {Str: "no"}, UnknownValue, DeclinedValue} {
		res, err := g.Resolve(g.NewEvaluator(), map[string]Value{"consent_interview": {Str: "yes"}, "consent_share": share})
		if err != nil {
			t.Fatal(err)
		}
		if got, want := res.Applies[q.Index], share.Str == "yes"; got != want {
			t.Errorf("consent_share = %+v: consent_share_with asked = %v, want %v", share, got, want)
		}
	}
}
