package guidelines_test

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/indicators"
)

// contentCase is a case the guideline once got wrong, as an answers file under testdata/content, and the
// result the default guideline's rules give it, worked out by hand (the reasoning is in the
// comment above each case). Indicators and flags are the exact sets; referrals must include
// want and exclude never.
type contentCase struct {
	file       string
	profile    string
	outcome    string
	indicators []string
	flags      []string
	referrals  []string
	never      []string
}

var contentCases = []contentCase{
	// An adult made to do sexual acts for others, with violence, confinement, threats and a
	// debt, who says she did not work. Profile adult_sexual (sexual_acts = by_them).
	// dim 1: deceived_job S + deceived_wages M → positive. dim 2: debt_bondage_recruitment M
	// alone → negative. dim 3: lack_of_information, travel_arranged_by_recruiter (paid by the
	// offerer, employer unknown), economic_reasons_recruitment (no money, a travel debt):
	// 3 M → positive. dim 4: sexual_exploitation S + low_or_no_pay M (forms_money = no) →
	// positive — before 2026.2 nothing fed it outside the work section. dim 5:
	// documents_confiscated, debt_bondage_destination, isolation, violence_destination S,
	// threats_destination M → positive. Adult rule → presumed_victim, so CCTP and CAP.
	{
		file: "adult-sexual-no-work.yaml", profile: "adult_sexual", outcome: "presumed_victim",
		indicators: []string{"deceived_job", "deceived_wages", "debt_bondage_recruitment", "lack_of_information",
			"travel_arranged_by_recruiter", "economic_reasons_recruitment", "low_or_no_pay", "sexual_exploitation",
			"documents_confiscated", "debt_bondage_destination", "isolation", "violence_destination", "threats_destination"},
		flags: []string{"basic_needs", "exploitation_reported", "documents_held_by_other", "observed_signs",
			"stranger_offer", "easy_money_job", "third_party_paid_debt"},
		referrals: []string{"cctp", "cap", "social_assistance", "legal_aid", "la_strada"},
		never:     []string{"medical_care", "border_police"},
	},
	// A 12-year-old made to beg by the stranger who brought her. Under 14: no question about
	// control or money is put to her (recruit_pressure and the control section are closed);
	// the interviewer observes made_to_work → child_exploitation_observed (S). The act: she
	// travels with a stranger (child_third_party). Child rule: act + a form of exploitation →
	// presumed_victim, which comes before imminent_exploitation (child_moved_unverified also
	// holds: a stranger, no letter). She is inland, not at the border (child_crossing = no):
	// the police (CCTP) and child protection, never the Border Police, which acts at the
	// crossing.
	{
		file: "child-begging-stranger.yaml", profile: "child", outcome: "presumed_victim",
		indicators: []string{"child_exploitation_observed"},
		flags: []string{"child", "child_moved_unverified", "basic_needs", "exploitation_reported", "companion_controlling",
			"documents_held_by_other", "observed_signs", "child_third_party", "child_unrelated_adult", "unknown_destination_address"},
		referrals: []string{"child_protection", "child_helpline", "cctp", "cap"},
		never:     []string{"border_police"},
	},
	// A girl of 10 with her grandmother, who carries the mother's consent, verified by phone.
	// No offer, the family paid, nothing observed: no indicator. A relative with a verified
	// consent is no third party's act (child_third_party needs another relative without a
	// verified consent), and child_moved_unverified needs an unverifiable one → only the child
	// flag; no_indicators. Before the fix the summary named a third party's act.
	{
		file: "child-relative-verified-consent.yaml", profile: "child", outcome: "no_indicators",
		flags:     []string{"child"},
		referrals: []string{"child_protection", "child_helpline", "la_strada"},
		never:     []string{"cctp", "border_police"},
	},
	// A man of 27 who left Ukraine during the exit ban, works off a debt to the smuggler who
	// holds his passport, and says no when asked whether he wants the consulate's help
	// (consulate_contact = no_thanks). Scoring as in the scenario exit-ban-smuggler-debt: dims
	// 3, 4 and 5 positive → presumed_victim. The consulate is referred to only at the person's
	// request: contact could expose him to prosecution or conscription. Before the fix the
	// passport held by someone else was enough to refer him there.
	{
		file: "exit-ban-no-consulate.yaml", profile: "adult", outcome: "presumed_victim",
		indicators: []string{"deceived_wages", "debt_bondage_recruitment", "documents_taken_recruitment", "lack_of_information",
			"travel_arranged_by_recruiter", "economic_reasons_recruitment", "excessive_hours", "wage_manipulation", "no_contract",
			"debt_bondage_destination", "threat_denunciation", "forced_tasks", "withholding_wages", "dependency_on_exploiters", "unknown_area"},
		flags:     []string{"basic_needs", "documents_held_by_other", "observed_signs", "stranger_offer", "third_party_paid_debt"},
		referrals: []string{"cctp", "cap", "legal_aid", "igm", "unhcr"},
		never:     []string{"ukrainian_consulate"},
	},
	// A 16-year-old working unpaid in the parents' shop, 12 hours a day, no day off, missing
	// school. dim 4: excessive_hours S, low_or_no_pay M, no_contract M, no_education M →
	// positive. No third party: no offer, paid by the family, travelling with a parent,
	// work_for = own_family → no child_third_party, so the child rule does not hold; no
	// recruitment element, so the adult rule does not either. → child_protection_case: the
	// guardianship authority, never the police unit. Before 2026.2: presumed_victim and CCTP.
	// He depends on his parents for a home and food (dependency = yes): that is no dependency
	// on exploiters, so dependency_on_exploiters must not accuse them in the summary.
	{
		file: "child-family-shop.yaml", profile: "child", outcome: "child_protection_case",
		indicators: []string{"excessive_hours", "low_or_no_pay", "no_contract", "no_education"},
		flags:      []string{"child"},
		referrals:  []string{"child_protection", "child_helpline", "social_assistance"},
		never:      []string{"cctp", "cap", "border_police"},
	},
	// A young woman about to travel on a Telegram job offer, the trip paid by the "employer"
	// who will "keep her passport safe". dim 2: documents_taken_recruitment (offer_docs_keep,
	// M) alone → negative; dim 3: lack_of_information, travel_arranged_by_recruiter: 2 M →
	// negative. No exploitation yet, so no presumption; leaving_on_risky_offer holds
	// (about_to_go and documents to be kept) → imminent_exploitation, with the Border Police,
	// the CCTP and La Strada. Before 2026.2: further_assessment and no advice.
	{
		file: "telegram-about-to-leave.yaml", profile: "adult", outcome: "imminent_exploitation",
		indicators: []string{"documents_taken_recruitment", "lack_of_information", "travel_arranged_by_recruiter"},
		flags:      []string{"leaving_on_risky_offer", "stranger_offer", "easy_money_job", "unknown_destination_address"},
		referrals:  []string{"border_police", "cctp", "la_strada"},
	},
	// Sexual violence two days ago by a man met on the road (by_other: not one of the people
	// involved, so no indicator). "Prefer not to answer" to decided_for_you opens the control
	// section. recent_sexual_violence (immediate) → medical care and 112, whatever the
	// outcome; observed fear makes the outcome further_assessment.
	{
		file: "recent-sexual-violence.yaml", profile: "adult", outcome: "further_assessment",
		flags:     []string{"recent_sexual_violence", "basic_needs", "observed_signs"},
		referrals: []string{"medical_care", "emergency_112"},
		never:     []string{"cctp"},
	},
}

// TestContentCasesScoreAsTheRulesRequire scores each answers file of testdata/content with
// the default guideline and compares the result with the one worked out by hand.
func TestContentCasesScoreAsTheRulesRequire(t *testing.T) {
	g := embedded(t, "mixed-flows-md")
	for _, c := range contentCases {
		t.Run(c.file, func(t *testing.T) {
			name := filepath.Join("testdata", "content", c.file)
			data, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			a, _, diags := guidelines.ParseAnswers(name, data, g)
			if diags.HasErrors() {
				t.Fatalf("the answers file is wrong: %v", diags.Errors())
			}
			as, err := indicators.Score(g, a)
			if err != nil {
				t.Fatal(err)
			}
			if as.Profile != c.profile || as.Outcome.ID != c.outcome {
				t.Errorf("profile %s, outcome %s; want %s, %s", as.Profile, as.Outcome.ID, c.profile, c.outcome)
			}
			var ind, fl, refs []string
			for _, i := range as.Indicators {
				ind = append(ind, i.Indicator.ID)
			}
			for _, f := range as.Flags {
				fl = append(fl, f.Flag.ID)
			}
			for _, r := range as.Referrals {
				refs = append(refs, r.ID)
			}
			if !sameSet(ind, c.indicators) {
				t.Errorf("indicators %v, want %v", ind, c.indicators)
			}
			if !sameSet(fl, c.flags) {
				t.Errorf("flags %v, want %v", fl, c.flags)
			}
			for _, r := range c.referrals {
				if !slices.Contains(refs, r) {
					t.Errorf("referral %s missing from %v", r, refs)
				}
			}
			for _, r := range c.never {
				if slices.Contains(refs, r) {
					t.Errorf("referral %s must not be made here: %v", r, refs)
				}
			}
		})
	}
}

func sameSet(got, want []string) bool {
	g, w := slices.Clone(got), slices.Clone(want)
	slices.Sort(g)
	slices.Sort(w)
	return slices.Equal(g, w)
}
