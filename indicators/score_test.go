package indicators

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/guidelines/guidelinestest"
	"github.com/earlyid/earlyid/locales"
)

// ilo is one dimension with two strong, three medium and two weak indicators, each raised by
// its own yesno question, scored with the element rule of the ILO/EC operational
// indicators (2009): two strong, or one strong and one medium or weak.
const ilo = header + `sections:
  - id: main
    title: Main
    questions:
      - {id: q_s1, type: yesno, text: S1}
      - {id: q_s2, type: yesno, text: S2}
      - {id: q_m1, type: yesno, text: M1}
      - {id: q_m2, type: yesno, text: M2}
      - {id: q_m3, type: yesno, text: M3}
      - {id: q_w1, type: yesno, text: W1}
      - {id: q_w2, type: yesno, text: W2}
dimensions:
  - {id: dim, stage: exploitation, text: Dimension}
  - {id: other, stage: recruitment, text: Other}
indicators:
  - {id: s1, dimension: dim, strength: strong, text: S1, when: 'q_s1 == "yes"'}
  - {id: s2, dimension: dim, strength: strong, text: S2, when: 'q_s2 == "yes"'}
  - {id: m1, dimension: dim, strength: medium, text: M1, when: 'q_m1 == "yes"'}
  - {id: m2, dimension: dim, strength: medium, text: M2, when: 'q_m2 == "yes"'}
  - {id: m3, dimension: dim, strength: medium, text: M3, when: 'q_m3 == "yes"'}
  - {id: w1, dimension: dim, strength: weak, text: W1, when: 'q_w1 == "yes"'}
  - {id: w2, dimension: dim, strength: weak, text: W2, when: 'q_w2 == "yes"'}
scoring:
  element_positive:
    - {strong: 2}
    - {strong: 1, medium: 1}
    - {strong: 1, weak: 1}
    - {medium: 3}
    - {medium: 2, weak: 1}
  outcomes:
    - {id: positive_dim, level: high, text: Positive, when: 'dim'}
    - {id: found, level: medium, text: Some, when: 'strong + medium + weak > 0'}
    - {id: no_finding, level: low, text: None, when: "true"}
`

// TestElementPositive checks each ILO combination from both sides. Expected values are
// worked out from the rule: positive iff ≥2 strong, or ≥1 strong and ≥1 medium or weak, or
// ≥3 medium, or ≥2 medium and ≥1 weak.
func TestElementPositive(t *testing.T) {
	g := load(t, ilo)
	tests := []struct {
		name                 string
		yes                  []string
		positive             bool
		strong, medium, weak int
		outcome              string
	}{
		{"nothing", nil, false, 0, 0, 0, "no_finding"},
		{"strong+weak", []string{"q_s1", "q_w1"}, true, 1, 0, 1, "positive_dim"},
		{"one strong alone", []string{"q_s1"}, false, 1, 0, 0, "found"},
		{"medium+weak", []string{"q_m1", "q_w1"}, false, 0, 1, 1, "found"},
		{"three medium", []string{"q_m1", "q_m2", "q_m3"}, true, 0, 3, 0, "positive_dim"},
		{"two medium", []string{"q_m1", "q_m2"}, false, 0, 2, 0, "found"},
		{"two medium+weak", []string{"q_m1", "q_m3", "q_w2"}, true, 0, 2, 1, "positive_dim"},
		{"two weak", []string{"q_w1", "q_w2"}, false, 0, 0, 2, "found"},
		{"two strong", []string{"q_s1", "q_s2"}, true, 2, 0, 0, "positive_dim"},
		{"strong+medium", []string{"q_s2", "q_m2"}, true, 1, 1, 0, "positive_dim"},
		{"one medium", []string{"q_m3"}, false, 0, 1, 0, "found"},
		{"everything", []string{"q_s1", "q_s2", "q_m1", "q_m2", "q_m3", "q_w1", "q_w2"}, true, 2, 3, 2, "positive_dim"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := guidelines.NewAnswers()
			for _, q := range g.Questions {
				a.Values[q.ID] = guidelines.Value{Str: "no"}
			}
			for _, id := range tt.yes {
				a.Values[id] = guidelines.Value{Str: "yes"}
			}
			as := mustScore(t, g, a)
			d := dimension(t, as, "dim")
			if d.Positive != tt.positive {
				t.Errorf("positive = %v, want %v", d.Positive, tt.positive)
			}
			if d.Strong != tt.strong || d.Medium != tt.medium || d.Weak != tt.weak {
				t.Errorf("counts = %d/%d/%d, want %d/%d/%d", d.Strong, d.Medium, d.Weak, tt.strong, tt.medium, tt.weak)
			}
			if as.Strong != tt.strong || as.Medium != tt.medium || as.Weak != tt.weak {
				t.Errorf("totals = %d/%d/%d, want %d/%d/%d", as.Strong, as.Medium, as.Weak, tt.strong, tt.medium, tt.weak)
			}
			if o := dimension(t, as, "other"); o.Positive || o.Strong+o.Medium+o.Weak != 0 {
				t.Errorf("the other dimension = %+v, want empty and not positive", o)
			}
			if as.Outcome.ID != tt.outcome {
				t.Errorf("outcome = %s, want %s", as.Outcome.ID, tt.outcome)
			}
			if len(as.Indicators) != len(tt.yes) {
				t.Errorf("indicators = %v, want one per yes answer %v", indicatorIDs(as), tt.yes)
			}
		})
	}
	// Dimensions come in file order, all of them, positive or not.
	as := mustScore(t, g, guidelines.NewAnswers())
	if len(as.Dimensions) != 2 || as.Dimensions[0].Dimension.ID != "dim" || as.Dimensions[1].Dimension.ID != "other" {
		t.Errorf("dimensions not in file order: %+v", as.Dimensions)
	}
}

// profiled grades i_both differently for adults and children, leaves i_adult out for
// children, and gives i_all one strength for everyone.
const profiled = header + `profiles:
  - {id: child, text: Child, when: '(age ?? 99) < 18 || age_unsure == "yes"'}
  - {id: adult, text: Adult, when: "true"}
sections:
  - id: main
    title: Main
    questions:
      - {id: age, type: number, text: Age, min: 0, max: 120}
      - {id: age_unsure, type: yesno, text: Unsure}
      - {id: q1, type: yesno, text: Q1}
      - {id: q2, type: yesno, text: Q2}
      - {id: q3, type: yesno, text: Q3}
dimensions:
  - {id: dim, stage: exploitation, text: Dimension}
indicators:
  - {id: i_both, dimension: dim, strength: {adult: medium, child: strong}, text: Both, when: 'q1 == "yes"'}
  - {id: i_adult, dimension: dim, strength: {adult: weak}, text: Adult only, when: 'q2 == "yes"'}
  - {id: i_all, dimension: dim, strength: weak, text: All, when: 'q3 == "yes"'}
scoring:
  element_positive:
    - {strong: 2}
    - {strong: 1, medium: 1}
    - {strong: 1, weak: 1}
    - {medium: 3}
    - {medium: 2, weak: 1}
  outcomes:
    - {id: child_case, level: high, text: Child case, when: 'profile == "child" && dim'}
    - {id: adult_case, level: high, text: Adult case, when: 'profile == "adult" && dim'}
    - {id: no_finding, level: low, text: None, when: "true"}
flags:
  - {id: minor, urgency: immediate, text: Minor, when: 'profile == "child"'}
`

func TestProfiles(t *testing.T) {
	g := load(t, profiled)
	yes := []string{"q1=yes", "q2=yes", "q3=yes"}
	tests := []struct {
		name                 string
		who                  []string
		profile              string
		indicators           []string
		strong, medium, weak int
		positive             bool
		outcome              string
	}{
		// Adult: i_both medium, i_adult weak, i_all weak → 0/1/2: medium+weak+weak meets no
		// combination (two medium are needed with a weak).
		{"adult", []string{"age=30"}, "adult", []string{"i_both", "i_adult", "i_all"}, 0, 1, 2, false, "no_finding"},
		// Child: i_both strong, i_adult does not apply, i_all weak → 1/0/1: strong+weak.
		{"child by age", []string{"age=15"}, "child", []string{"i_both", "i_all"}, 1, 0, 1, true, "child_case"},
		// Presumption of age: an uncertain age makes a child, whatever the number says.
		{"child by presumption", []string{"age=30", "age_unsure=yes"}, "child", []string{"i_both", "i_all"}, 1, 0, 1, true, "child_case"},
		// An unknown age is nil: (nil ?? 99) < 18 is false → adult.
		{"age unknown", []string{"age=unknown"}, "adult", []string{"i_both", "i_adult", "i_all"}, 0, 1, 2, false, "no_finding"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			as := mustScore(t, g, answers(t, g, append(tt.who, yes...)...))
			if as.Profile != tt.profile {
				t.Errorf("profile = %q, want %q", as.Profile, tt.profile)
			}
			if !slices.Equal(indicatorIDs(as), tt.indicators) {
				t.Errorf("indicators = %v, want %v", indicatorIDs(as), tt.indicators)
			}
			if as.Strong != tt.strong || as.Medium != tt.medium || as.Weak != tt.weak {
				t.Errorf("counts = %d/%d/%d, want %d/%d/%d", as.Strong, as.Medium, as.Weak, tt.strong, tt.medium, tt.weak)
			}
			if d := dimension(t, as, "dim"); d.Positive != tt.positive {
				t.Errorf("positive = %v, want %v", d.Positive, tt.positive)
			}
			if as.Outcome.ID != tt.outcome {
				t.Errorf("outcome = %s, want %s", as.Outcome.ID, tt.outcome)
			}
			// Flags see the profile (format page, "Profiles"): the minor flag follows it,
			// presumption of age included.
			if raised := len(as.Flags) == 1 && as.Flags[0].Flag.ID == "minor"; raised != (tt.profile == "child") {
				t.Errorf("minor flag raised = %v for profile %s", raised, tt.profile)
			}
			for _, in := range as.Indicators {
				if want := in.Indicator.Strength[tt.profile]; in.Strength != want {
					t.Errorf("%s strength = %s, want %s (the %s grade)", in.Indicator.ID, in.Strength, want, tt.profile)
				}
			}
		})
	}
}

// relevance: section "later" applies only after gate == "yes"; q_b (in an always-applying
// section) only when q_a == "yes", and q_a is inside "later".
const relevance = header + `sections:
  - id: s_first
    title: First
    questions:
      - {id: gate, type: yesno, text: Gate}
  - id: later
    title: Later
    when: 'gate == "yes"'
    questions:
      - {id: q_a, type: yesno, text: A}
  - id: s_last
    title: Last
    questions:
      - {id: q_b, type: yesno, text: B, when: 'q_a == "yes"'}
      - {id: q_c, type: yesno, text: C}
dimensions:
  - {id: dim, stage: exploitation, text: Dimension}
indicators:
  - {id: i_a, dimension: dim, strength: strong, text: A, when: 'q_a == "yes"'}
  - {id: i_b, dimension: dim, strength: strong, text: B, when: 'q_b == "yes"'}
  - {id: i_gate, dimension: dim, strength: weak, text: Gate, when: 'gate == "no"', evidence: [q_a, gate]}
  - {id: i_c, dimension: dim, strength: weak, text: C, when: 'q_c == "yes" || q_a == "yes"'}
scoring:
  element_positive:
    - {strong: 2}
  outcomes:
    - {id: a_said_yes, level: high, text: A, when: 'q_a == "yes" || q_b == "yes"'}
    - {id: dim_positive, level: high, text: D, when: 'dim'}
    - {id: rest, level: low, text: Rest, when: "true"}
flags:
  - {id: f_a, urgency: priority, text: FA, when: 'q_a == "yes"'}
referrals:
  - {id: r_a, name: RA, contact: "1", when: 'q_a == "yes"'}
`

func TestIgnoredAnswers(t *testing.T) {
	g := load(t, relevance)
	t.Run("section off", func(t *testing.T) {
		a := answers(t, g, "gate=no", "q_a=yes", "q_b=yes", "q_c=yes")
		a.Notes["q_a"] = "said yes anyway"
		as := mustScore(t, g, a)
		// q_a: its section's condition is false. q_b: its condition names q_a, which reads as
		// not asked ("" == "yes" is false). Neither counts anywhere: not in indicators, flags,
		// outcome, referrals, nor as evidence.
		if want := []string{"q_a", "q_b"}; !slices.Equal(as.Ignored, want) {
			t.Errorf("ignored = %v, want %v", as.Ignored, want)
		}
		if want := []bool{true, false, false, true}; !slices.Equal(as.Applies, want) {
			t.Errorf("applies = %v, want %v", as.Applies, want)
		}
		if want := []string{"i_gate", "i_c"}; !slices.Equal(indicatorIDs(as), want) {
			t.Errorf("indicators = %v, want %v", indicatorIDs(as), want)
		}
		if len(as.Flags) != 0 || len(as.Referrals) != 0 {
			t.Errorf("flags %v, referrals %v: want none", flagIDs(as), referralIDs(as))
		}
		if as.Outcome.ID != "rest" {
			t.Errorf("outcome = %s, want rest", as.Outcome.ID)
		}
		ev := as.Indicators[0].Evidence // i_gate: evidence [q_a, gate], in that order
		if len(ev) != 2 || ev[0].Question.ID != "q_a" || ev[1].Question.ID != "gate" {
			t.Fatalf("i_gate evidence = %+v, want q_a then gate", ev)
		}
		if ev[0].Answered || ev[0].Note != "" || ev[0].Answer.Str != "" {
			t.Errorf("evidence from an ignored question: %+v", ev[0])
		}
		if !ev[1].Answered || ev[1].Answer.Str != "no" {
			t.Errorf("gate evidence = %+v, want answered no", ev[1])
		}
		ev = as.Indicators[1].Evidence // i_c: default evidence, the names of its condition
		if len(ev) != 2 || ev[0].Question.ID != "q_c" || ev[1].Question.ID != "q_a" || !ev[0].Answered || ev[1].Answered {
			t.Errorf("i_c evidence = %+v, want q_c answered, q_a not", ev)
		}
	})
	t.Run("section on", func(t *testing.T) {
		as := mustScore(t, g, answers(t, g, "gate=yes", "q_a=yes", "q_b=yes", "q_c=no"))
		if len(as.Ignored) != 0 {
			t.Errorf("ignored = %v, want none", as.Ignored)
		}
		if want := []string{"i_a", "i_b", "i_c"}; !slices.Equal(indicatorIDs(as), want) {
			t.Errorf("indicators = %v, want %v", indicatorIDs(as), want)
		}
		if as.Outcome.ID != "a_said_yes" { // dim is positive too, but the first outcome wins
			t.Errorf("outcome = %s, want a_said_yes", as.Outcome.ID)
		}
		if !dimension(t, as, "dim").Positive {
			t.Error("dim not positive with two strong indicators")
		}
		if !slices.Equal(flagIDs(as), []string{"f_a"}) || !slices.Equal(referralIDs(as), []string{"r_a"}) {
			t.Errorf("flags %v, referrals %v: want f_a and r_a", flagIDs(as), referralIDs(as))
		}
	})
	t.Run("question off", func(t *testing.T) {
		// q_a applies and says no, so q_b does not apply: its yes is ignored.
		as := mustScore(t, g, answers(t, g, "gate=yes", "q_a=no", "q_b=yes"))
		if want := []string{"q_b"}; !slices.Equal(as.Ignored, want) {
			t.Errorf("ignored = %v, want %v", as.Ignored, want)
		}
		if len(as.Indicators) != 0 {
			t.Errorf("indicators = %v, want none", indicatorIDs(as))
		}
	})
}

// everyType has one question of each type, each with an indicator on a "yes"-like value, and
// an outcome and a flag that would hold if "unknown"/"declined" counted as yes.
const everyType = header + `sections:
  - id: main
    title: Main
    questions:
      - {id: yn, type: yesno, text: YN}
      - id: ch
        type: choice
        text: CH
        choices: [{id: a, text: A}, {id: b, text: B}]
      - id: mu
        type: multi
        text: MU
        choices: [{id: a, text: A}, {id: b, text: B}]
      - {id: tx, type: text, text: TX}
      - {id: nu, type: number, text: NU, min: 0, max: 120}
      - {id: da, type: date, text: DA}
      - {id: ob, type: yesno, ask: interviewer, text: OB}
dimensions:
  - {id: dim, stage: exploitation, text: Dimension}
indicators:
  - {id: i_yn, dimension: dim, strength: strong, text: YN, when: 'yn == "yes"'}
  - {id: i_ch, dimension: dim, strength: strong, text: CH, when: 'ch == "a"'}
  - {id: i_mu, dimension: dim, strength: strong, text: MU, when: '"a" in mu'}
  - {id: i_tx, dimension: dim, strength: strong, text: TX, when: 'tx == "yes"'}
  - {id: i_nu, dimension: dim, strength: strong, text: NU, when: '(nu ?? 0) > 10'}
  - {id: i_nu2, dimension: dim, strength: strong, text: NU2, when: 'nu != nil && nu < 18'}
  - {id: i_da, dimension: dim, strength: strong, text: DA, when: 'da == "2020-01-01"'}
  - {id: i_ob, dimension: dim, strength: strong, text: OB, when: 'ob == "yes"'}
scoring:
  element_positive:
    - {strong: 2}
  outcomes:
    - {id: found, level: high, text: Some, when: 'strong > 0'}
    - {id: no_finding, level: low, text: None, when: "true"}
flags:
  - {id: f_yn, urgency: immediate, text: F, when: 'yn == "yes" || "b" in mu || ch == "b"'}
`

func TestUnknownAndDeclined(t *testing.T) {
	g := load(t, everyType)
	for _, special := range []string{guidelines.Unknown, guidelines.Declined} {
		for _, q := range g.Questions {
			t.Run(special+"/"+q.ID, func(t *testing.T) {
				a := guidelines.NewAnswers()
				a.Values[q.ID] = guidelines.Value{Special: special}
				as := mustScore(t, g, a)
				if len(as.Indicators) != 0 || len(as.Flags) != 0 || as.Outcome.ID != "no_finding" {
					t.Errorf("%q counted: indicators %v, flags %v, outcome %s", special, indicatorIDs(as), flagIDs(as), as.Outcome.ID)
				}
				got := as.Unknown
				other := as.Declined
				if special == guidelines.Declined {
					got, other = other, got
				}
				if !slices.Equal(got, []string{q.ID}) || len(other) != 0 {
					t.Errorf("unknown %v, declined %v: want only %s as %s", as.Unknown, as.Declined, q.ID, special)
				}
			})
		}
	}
	t.Run("all at once", func(t *testing.T) {
		a := guidelines.NewAnswers()
		for i, q := range g.Questions {
			a.Values[q.ID] = guidelines.Value{Special: []string{guidelines.Unknown, guidelines.Declined}[i%2]}
		}
		as := mustScore(t, g, a)
		if len(as.Indicators) != 0 || len(as.Flags) != 0 || as.Outcome.ID != "no_finding" {
			t.Errorf("counted: indicators %v, flags %v, outcome %s", indicatorIDs(as), flagIDs(as), as.Outcome.ID)
		}
		if want := []string{"yn", "mu", "nu", "ob"}; !slices.Equal(as.Unknown, want) {
			t.Errorf("unknown = %v, want %v", as.Unknown, want)
		}
		if want := []string{"ch", "tx", "da"}; !slices.Equal(as.Declined, want) {
			t.Errorf("declined = %v, want %v", as.Declined, want)
		}
	})
	t.Run("real answers do count", func(t *testing.T) {
		// The same conditions hold for real answers, so the test above is not vacuous.
		as := mustScore(t, g, answers(t, g, "yn=yes", "ch=a", "mu=a,b", "tx=yes", "nu=15", "da=2020-01-01", "ob=yes"))
		want := []string{"i_yn", "i_ch", "i_mu", "i_tx", "i_nu", "i_nu2", "i_da", "i_ob"}
		if d := diff(indicatorIDs(as), want); d != "" {
			t.Errorf("indicators: %s", d)
		}
		if !slices.Equal(flagIDs(as), []string{"f_yn"}) {
			t.Errorf("flags = %v, want f_yn", flagIDs(as))
		}
	})
}

// flagged has flags of every urgency in mixed file order, and referrals reached by
// condition, by flag, by both, and by neither.
const flagged = header + `sections:
  - id: main
    title: Main
    questions:
      - {id: q, type: yesno, text: Q}
      - {id: off, type: yesno, text: Off}
dimensions:
  - {id: dim, stage: exploitation, text: Dimension}
indicators:
  - {id: i_q, dimension: dim, strength: strong, text: I, when: 'q == "yes"'}
scoring:
  element_positive:
    - {strong: 2}
  outcomes:
    - {id: flagged_case, level: high, text: F, when: 'f_imm1 && i_q && !dim'}
    - {id: other, level: low, text: O, when: "true"}
flags:
  - {id: f_ctx, urgency: context, text: C, when: 'q == "yes"', refer: [r_ctx]}
  - {id: f_imm1, urgency: immediate, text: I1, when: 'q == "yes"', refer: [r_both, r_flag]}
  - {id: f_off, urgency: immediate, text: Off, when: 'off == "yes"', refer: [r_never]}
  - {id: f_pri, urgency: priority, text: P, when: 'q == "yes"', refer: [r_flag]}
  - {id: f_imm2, urgency: immediate, text: I2, when: 'q == "yes"'}
referrals:
  - {id: r_outcome, name: RO, contact: "1", when: 'outcome == "flagged_case"'}
  - {id: r_never, name: RN, contact: "2"}
  - {id: r_both, name: RB, contact: "3", when: 'profile == "" && f_pri'}
  - {id: r_flag, name: RF, contact: "4"}
  - {id: r_cond_false, name: RC, contact: "5", when: 'outcome == "other"'}
  - {id: r_ctx, name: RX, contact: "TO BE FILLED by the organisation"}
`

func TestFlagsAndReferrals(t *testing.T) {
	g := load(t, flagged)
	as := mustScore(t, g, answers(t, g, "q=yes", "off=no"))
	// Immediate first (file order within: f_imm1, f_imm2), then priority, then context.
	if want := []string{"f_imm1", "f_imm2", "f_pri", "f_ctx"}; !slices.Equal(flagIDs(as), want) {
		t.Errorf("flags = %v, want %v", flagIDs(as), want)
	}
	// The outcome sees flag and indicator ids as bools.
	if as.Outcome.ID != "flagged_case" {
		t.Errorf("outcome = %s, want flagged_case", as.Outcome.ID)
	}
	// r_outcome by condition (outcome in scope), r_both by condition and by f_imm1 (once),
	// r_flag by two flags (once), r_ctx by the context flag; r_never's flag is not raised;
	// r_cond_false's condition is false. File order.
	if want := []string{"r_outcome", "r_both", "r_flag", "r_ctx"}; !slices.Equal(referralIDs(as), want) {
		t.Errorf("referrals = %v, want %v", referralIDs(as), want)
	}
	if r := as.Referrals[3]; !r.ContactPending {
		t.Errorf("r_ctx: contact %q not pending", r.Contact)
	}

	as = mustScore(t, g, answers(t, g, "q=no", "off=yes"))
	if want := []string{"f_off"}; !slices.Equal(flagIDs(as), want) {
		t.Errorf("flags = %v, want %v", flagIDs(as), want)
	}
	if want := []string{"r_never", "r_cond_false"}; !slices.Equal(referralIDs(as), want) {
		t.Errorf("referrals = %v, want %v", referralIDs(as), want)
	}
}

func TestEvidenceNotes(t *testing.T) {
	g := load(t, profiled)
	a := answers(t, g, "age=15", "q1=yes", "q3=declined")
	a.Notes["q1"] = "said it twice"
	a.Notes["q2"] = "note on an unanswered question"
	as := mustScore(t, g, a)
	if want := []string{"i_both"}; !slices.Equal(indicatorIDs(as), want) {
		t.Fatalf("indicators = %v, want %v", indicatorIDs(as), want)
	}
	ev := as.Indicators[0].Evidence
	if len(ev) != 1 {
		t.Fatalf("evidence = %+v, want q1 only", ev)
	}
	e := ev[0]
	if e.Question.ID != "q1" || !e.Answered || e.Answer.Str != "yes" || e.Note != "said it twice" {
		t.Errorf("evidence = {%s %v %v %q}, want {q1 true yes \"said it twice\"}", e.Question.ID, e.Answered, e.Answer, e.Note)
	}
	if want := []string{"q3"}; !slices.Equal(as.Declined, want) {
		t.Errorf("declined = %v, want %v", as.Declined, want)
	}
}

// A condition that fails at run time (text that is not a number read as one: no load-time
// check can see it) is the guideline's bug; Score returns it as a
// *guidelines.RuntimeError, never a panic.
func TestRuntimeError(t *testing.T) {
	g := guidelinestest.FailsAtRunTime(t)
	as, err := Score(g, guidelines.NewAnswers())
	var re *guidelines.RuntimeError
	if !errors.As(err, &re) {
		t.Fatalf("err = %v, want a *guidelines.RuntimeError", err)
	}
	// The interview still ends with a result: the indicator is left out and said to be.
	if as == nil || as.Outcome == nil || as.Outcome.ID != "rest" {
		t.Fatalf("no result beside the failure: %+v", as)
	}
	if len(as.Unevaluated) != 1 || as.Unevaluated[0].Kind != "indicator" || as.Unevaluated[0].ID != "i_nu" {
		t.Errorf("Unevaluated = %+v, want the indicator i_nu", as.Unevaluated)
	}
	var buf strings.Builder
	if err := WriteText(as, &buf, "en", locales.New("ro")); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "Nu au putut fi evaluate") || !strings.Contains(buf.String(), "- indicator “i_nu”: fails_at_run_time.yaml:") {
		t.Errorf("the text report does not say what could not be evaluated:\n%s", buf.String())
	}
	if re.Src != "int(nu) > 10" {
		t.Errorf("runtime error names %q, want the indicator's condition", re.Src)
	}
	if as, err := Score(g, answers(t, g, "nu=11")); err != nil || len(as.Indicators) != 1 {
		t.Errorf("with an answer: %v, %v", as, err)
	}
}

// The outcome environment holds only the names outcome and referral conditions use; a
// condition reading the whole environment through $env must still see every id.
func TestOutcomeEnvDollarEnv(t *testing.T) {
	g := load(t, header+`sections:
  - id: main
    title: Main
    questions:
      - {id: q, type: yesno, text: Q}
dimensions:
  - {id: dim, stage: exploitation, text: D}
indicators:
  - {id: i_q, dimension: dim, strength: weak, text: I, when: 'q == "yes"'}
scoring:
  element_positive:
    - {strong: 2}
  outcomes:
    - {id: via_env, level: high, text: E, when: '$env["i_q"] == true && $env["q"] == "yes"'}
    - {id: rest, level: low, text: R, when: "true"}
`)
	if as := mustScore(t, g, answers(t, g, "q=yes")); as.Outcome.ID != "via_env" {
		t.Errorf("outcome = %s, want via_env", as.Outcome.ID)
	}
	if as := mustScore(t, g, answers(t, g, "q=no")); as.Outcome.ID != "rest" {
		t.Errorf("outcome = %s, want rest", as.Outcome.ID)
	}
}
