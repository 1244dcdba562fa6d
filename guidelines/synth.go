package guidelines

import (
	"fmt"
	"strings"
)

// Synthetic returns a valid guideline (YAML, two languages) with the given numbers of
// questions and indicators, for benchmarks of loading, scoring and interviews. It is
// deterministic. Questions cycle through every type, twenty to a section; every fifth
// question and every fourth section has a condition on an earlier question of each kind
// (yesno, choice, multi, number); every third indicator grades by profile.
func Synthetic(questions, indicators int) []byte {
	questions = max(questions, 6) // the profile condition needs q4, the first number question
	indicators = max(indicators, 1)
	var b strings.Builder
	b.Grow(questions*220 + indicators*160 + 2048)
	b.WriteString(`format: earlyid/guideline/v1
id: synthetic
version: "1"
title: {en: Synthetic guideline, ro: Ghid sintetic}
languages: [en, ro]
privacy:
  share_identity_when: 'q0 == "yes"'
profiles:
  - id: child
    when: '(q4 ?? 99) < 18'
    text: {en: Child, ro: Copil}
  - id: adult
    when: "true"
    text: {en: Adult, ro: Adult}
sections:
`)
	// ref returns a condition on the latest question of kind t (0 yesno, 1 choice, 2 multi,
	// 3 number) before index i, or "" when there is none. Types cycle in QuestionTypes order,
	// so the number question of each group of six is at offset 4, not 3.
	ref := func(i, t int) string {
		off := t
		if t == 3 {
			off = 4
		}
		j := (i-1)/6*6 + off
		if j >= i {
			j -= 6
		}
		if j < 0 {
			return ""
		}
		switch t {
		case 0:
			return fmt.Sprintf(`q%d == "yes"`, j)
		case 1:
			return fmt.Sprintf(`q%d != "c2"`, j)
		case 2:
			return fmt.Sprintf(`"c1" in q%d`, j)
		default:
			return fmt.Sprintf(`(q%d ?? 0) > 3`, j)
		}
	}
	for i := 0; i < questions; i++ {
		if i%20 == 0 {
			fmt.Fprintf(&b, "  - id: s%d\n    title: {en: Section %d, ro: Secțiunea %d}\n", i/20, i/20, i/20)
			if c := ref(i, 0); c != "" && (i/20)%4 == 3 {
				fmt.Fprintf(&b, "    when: '%s'\n", c)
			}
			b.WriteString("    questions:\n")
		}
		typ := QuestionTypes[i%6]
		fmt.Fprintf(&b, "      - id: q%d\n        type: %s\n        text: {en: \"Question number %d?\", ro: \"Întrebarea numărul %d?\"}\n", i, typ, i, i)
		switch typ {
		case TypeChoice, TypeMulti:
			b.WriteString("        choices:\n")
			for c := 1; c <= 3; c++ {
				fmt.Fprintf(&b, "          - {id: c%d, text: {en: Choice %d, ro: Varianta %d}}\n", c, c, c)
			}
		case TypeNumber:
			b.WriteString("        min: 0\n        max: 100\n")
		}
		if i%5 == 4 {
			if c := ref(i, (i/5)%4); c != "" {
				fmt.Fprintf(&b, "        when: '%s'\n", c)
			}
		}
	}
	b.WriteString("dimensions:\n")
	for d := 1; d <= 6; d++ {
		stage := Recruitment
		if d > 3 {
			stage = Exploitation
		}
		fmt.Fprintf(&b, "  - id: d%d\n    stage: %s\n    text: {en: Dimension %d, ro: Dimensiunea %d}\n", d, stage, d, d)
	}
	b.WriteString("indicators:\n")
	for k := 0; k < indicators; k++ {
		j := k % questions
		var cond string
		switch QuestionTypes[j%6] {
		case TypeYesNo:
			cond = fmt.Sprintf(`q%d == "yes"`, j)
		case TypeChoice:
			cond = fmt.Sprintf(`q%d == "c1"`, j)
		case TypeMulti:
			cond = fmt.Sprintf(`"c2" in q%d`, j)
		case TypeNumber:
			cond = fmt.Sprintf(`(q%d ?? 0) > 50`, j)
		default:
			cond = fmt.Sprintf(`q%d != ""`, j)
		}
		strength := Strengths[k%3]
		fmt.Fprintf(&b, "  - id: i%d\n    dimension: d%d\n", k, k%6+1)
		if k%3 == 0 {
			b.WriteString("    strength: {adult: medium, child: strong}\n")
		} else {
			fmt.Fprintf(&b, "    strength: %s\n", strength)
		}
		fmt.Fprintf(&b, "    text: {en: Indicator %d, ro: Indicatorul %d}\n    when: '%s'\n", k, k, cond)
	}
	b.WriteString(`scoring:
  element_positive:
    - {strong: 2}
    - {strong: 1, medium: 1}
    - {strong: 1, weak: 1}
    - {medium: 3}
    - {medium: 2, weak: 1}
  outcomes:
    - id: o_high
      level: high
      text: {en: High, ro: Ridicat}
      when: '(profile == "child" && d4) || ((d1 || d2 || d3) && d4 && (d5 || d6))'
    - id: o_medium
      level: medium
      text: {en: Medium, ro: Mediu}
      when: 'strong + medium + weak > 0'
    - id: o_low
      level: low
      text: {en: Low, ro: Scăzut}
      when: "true"
flags:
  - id: f_urgent
    urgency: immediate
    text: {en: Urgent, ro: Urgent}
    when: 'q0 == "yes"'
    refer: [r_help]
referrals:
  - id: r_help
    name: {en: Help service, ro: Serviciu de ajutor}
    role_self: {en: You can ask this service for help., ro: Puteți cere ajutor acestui serviciu.}
    contact: "Synthetic contact"
    when: 'outcome == "o_high"'
`)
	return []byte(b.String())
}
