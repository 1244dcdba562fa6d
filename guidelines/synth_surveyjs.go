package guidelines

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// SyntheticSurveyJS returns the form of Synthetic(questions, indicators) as a SurveyJS
// survey (JSON, survey-core 3.x): the same questions on one page per section, the same
// conditions as visibleIf, and each indicator as a calculated value of its condition. The
// peer comparison (.ci/bench-surveyjs) times SurveyJS loading it, taking SyntheticAnswers
// and working out what is visible, against `earlyid score` on the same form and answers.
// Scoring has no SurveyJS counterpart beyond the calculated values, so the comparison
// favours SurveyJS.
func SyntheticSurveyJS(questions, indicators int) ([]byte, error) {
	g, ds := LoadBytes("synthetic.yaml", Synthetic(questions, indicators))
	if g == nil || ds.HasErrors() {
		return nil, fmt.Errorf("the synthetic guideline does not load: %v", ds)
	}
	type item map[string]any
	text := func(t Text) item { return item{"default": t["en"], "ro": t["ro"]} }
	var pages []item
	for _, s := range g.Sections {
		var elems []item
		for _, q := range s.Questions {
			e := item{"name": q.ID, "title": text(q.Text)}
			var choices []item
			for _, c := range q.Choices {
				choices = append(choices, item{"value": c.ID, "text": text(c.Text)})
			}
			switch q.Type {
			case TypeYesNo:
				e["type"] = "radiogroup"
				e["choices"] = []item{{"value": "yes", "text": "Yes"}, {"value": "no", "text": "No"}}
			case TypeChoice:
				e["type"], e["choices"] = "radiogroup", choices
			case TypeMulti:
				e["type"], e["choices"] = "checkbox", choices
			case TypeNumber:
				e["type"], e["inputType"], e["min"], e["max"] = "text", "number", q.Min, q.Max
			case TypeDate:
				e["type"], e["inputType"] = "text", "date"
			default:
				e["type"] = "text"
			}
			if q.When != nil {
				e["visibleIf"] = surveyJSExpr(q.When.Src)
			}
			elems = append(elems, e)
		}
		p := item{"name": s.ID, "title": text(s.Title), "elements": elems}
		if s.When != nil {
			p["visibleIf"] = surveyJSExpr(s.When.Src)
		}
		pages = append(pages, p)
	}
	var calc []item
	for _, ind := range g.Indicators {
		calc = append(calc, item{"name": ind.ID, "expression": surveyJSExpr(ind.When.Src)})
	}
	return json.Marshal(item{"title": text(g.Title), "pages": pages, "calculatedValues": calc})
}

// surveyJSExpr writes one of the conditions Synthetic writes on questions, sections and
// indicators in SurveyJS's expression language. An unanswered question is empty there,
// which compares as earlyid's "not asked" does in these forms: equal to no value, holding
// no choice, and greater than no number.
func surveyJSExpr(cond string) string {
	if rest, ok := strings.CutPrefix(cond, "("); ok { // (qN ?? 0) > M
		q, m, _ := strings.Cut(rest, " ?? 0) > ")
		return "{" + q + "} > " + m
	}
	if rest, ok := strings.CutPrefix(cond, `"`); ok { // "cK" in qN
		c, q, _ := strings.Cut(rest, `" in `)
		return "{" + q + "} contains '" + c + "'"
	}
	f := strings.SplitN(cond, " ", 3) // qN == "v", qN != "v", qN != ""
	q, op, v := f[0], f[1], strings.Trim(f[2], `"`)
	switch {
	case op == "!=" && v == "":
		return "{" + q + "} notempty"
	case op == "==":
		op = "="
	}
	return "{" + q + "} " + op + " '" + v + "'"
}

// SyntheticAnswers returns answers to every question of Synthetic(questions, …), the same
// ones twice: as an earlyid answers file (YAML) and as SurveyJS data (JSON). They are
// deterministic and mixed, so that some conditions hold and others do not.
func SyntheticAnswers(questions int) (yamlFile, surveyJSData []byte) {
	questions = max(questions, 6)
	var y strings.Builder
	y.WriteString("answers:\n")
	data := make(map[string]any, questions)
	for i := range questions {
		id := fmt.Sprintf("q%d", i)
		var v any    // the SurveyJS value
		var w string // the same in YAML
		switch QuestionTypes[i%6] {
		case TypeYesNo:
			w = []string{"yes", "no", "no"}[i/6%3]
		case TypeChoice:
			w = fmt.Sprintf("c%d", i/6%3+1)
		case TypeMulti:
			list := []string{"c1"}
			if i/6%2 == 1 {
				list = []string{"c2", "c3"}
			}
			v, w = list, "["+strings.Join(list, ", ")+"]"
		case TypeText:
			w = fmt.Sprintf("answer %d", i)
		case TypeNumber:
			v, w = i/6%100, strconv.Itoa(i/6%100)
		case TypeDate:
			w = fmt.Sprintf("2026-01-%02d", i/6%28+1)
		}
		if v == nil {
			v = w
		}
		fmt.Fprintf(&y, "  %s: %s\n", id, w)
		data[id] = v
	}
	j, _ := json.Marshal(data) // strings, numbers and lists of strings always encode
	return []byte(y.String()), j
}
