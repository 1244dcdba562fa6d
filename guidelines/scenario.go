package guidelines

import (
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

var (
	scenarioKeys = []string{"format", "id", "guideline", "title", "lesson", "persona", "answers", "notes", "answer_texts", "reveal_later", "expected"}
	expectedKeys = []string{"outcome", "indicators", "flags", "referrals", "dimensions", "reasoning"}
)

// scenarioSrc keeps a scenario's nodes for the checks that need its guideline.
type scenarioSrc struct {
	title, lesson, persona, answers, notes, guideline *yaml.Node
	answerTexts                                       *yaml.Node
	outcome, reasoning                                *yaml.Node
	indicators, flags, revealLater                    []*yaml.Node
}

// LoadScenario reads the scenario at path. See LoadScenarioBytes.
func LoadScenario(path string) (*Scenario, Diagnostics) {
	data, ds := readFile(path)
	if ds != nil {
		return nil, ds
	}
	return LoadScenarioBytes(path, data)
}

// LoadScenarioBytes parses a scenario (format earlyid/scenario/v1) and checks its shape. The
// scenario is nil when any finding is an error. Its answers are read without their
// guideline; CheckScenario checks them against it and types them (call it before scoring).
// In `expected`, a missing `indicators` or `flags` list means none.
func LoadScenarioBytes(name string, data []byte) (*Scenario, Diagnostics) {
	l := newLoader(name, data)
	root := l.parse()
	if root == nil {
		return nil, l.finish()
	}
	s := &Scenario{File: name, Pos: posOf(root), Answers: NewAnswers(), AnswerPos: map[string]Pos{}, NotePos: map[string]Pos{}, NoteTexts: map[string]Text{}, src: &scenarioSrc{}}
	m := l.mapping(root, "", scenarioKeys...)
	l.require(m, "", "format", "id", "guideline", "title", "answers", "expected")
	if v := m.get("format"); v != nil {
		s.Format = l.str(v, "format")
		if s.Format != "" && s.Format != FormatScenario {
			l.errAt(v, "bad_format", kv("Got", s.Format, "Want", FormatScenario))
		}
	}
	for _, k := range []string{"id", "guideline"} {
		v := m.get(k)
		id, ok := l.scalar(v, k)
		if !ok {
			continue
		}
		if !slugRe().MatchString(id) {
			l.errAt(v, "bad_id", kv("ID", id, "Pattern", "[a-z0-9-]+"))
		}
		if k == "id" {
			s.ID = id
		} else {
			s.Guideline = id
			s.src.guideline = v
		}
	}
	// Texts are checked against the guideline's languages in CheckScenario.
	s.src.title, s.src.lesson, s.src.persona = m.get("title"), m.get("lesson"), m.get("persona")
	s.Title = l.text(s.src.title, "title")
	s.Lesson = l.text(s.src.lesson, "lesson")
	s.Persona = l.text(s.src.persona, "persona")

	s.src.answers = m.get("answers")
	if am := l.mapping(s.src.answers, "answers"); am != nil {
		s.AnswerPos = make(map[string]Pos, am.len())
		s.Answers.Values = make(map[string]Value, am.len())
		for k, v := range am.all() {
			s.AnswerPos[k.Value] = posOf(v)
			if val, ok := genericValue(v); ok {
				s.Answers.Values[k.Value] = val
			}
		}
	}
	s.src.notes = m.get("notes")
	if nm := l.mapping(s.src.notes, "notes"); nm != nil {
		for k, v := range nm.all() {
			s.NotePos[k.Value] = posOf(v)
			if note, t, ok := l.noteValue(v, "notes."+k.Value); ok {
				s.Answers.Notes[k.Value] = note
				if t != nil {
					s.NoteTexts[k.Value] = t
				}
			}
		}
	}

	s.src.answerTexts = m.get("answer_texts")
	if am := l.mapping(s.src.answerTexts, "answer_texts"); am != nil {
		s.AnswerTexts, s.AnswerTextsPos = map[string]Text{}, map[string]Pos{}
		for k, v := range am.all() {
			s.AnswerTextsPos[k.Value] = posOf(v)
			s.AnswerTexts[k.Value] = l.text(v, "answer_texts."+k.Value)
		}
	}
	if v := m.get("reveal_later"); v != nil {
		s.RevealLater, s.src.revealLater = l.strList(v, "reveal_later")
		s.RevealLaterPos = posMap(s.RevealLater, s.src.revealLater)
	}

	if en := m.get("expected"); en != nil {
		em := l.mapping(en, "expected", expectedKeys...)
		l.require(em, "expected", "outcome")
		if em != nil {
			s.Expected.Pos = posOf(en)
			if v := em.get("outcome"); v != nil {
				s.Expected.Outcome, _ = l.scalar(v, "expected.outcome")
				s.Expected.OutcomePos = posOf(v)
				s.src.outcome = v
			}
			var nodes []*yaml.Node
			s.Expected.Indicators, nodes = l.strList(em.get("indicators"), "expected.indicators")
			s.src.indicators = nodes
			s.Expected.IndicatorPos = posMap(s.Expected.Indicators, nodes)
			s.Expected.Flags, nodes = l.strList(em.get("flags"), "expected.flags")
			s.src.flags = nodes
			s.Expected.FlagPos = posMap(s.Expected.Flags, nodes)
			l.expectedMore(em, s)
			if v := em.get("reasoning"); v != nil {
				s.src.reasoning = v
				if r, t, ok := l.noteValue(v, "expected.reasoning"); ok {
					s.Expected.Reasoning, s.Expected.ReasoningText = r, t
				} else if v.Kind == yaml.ScalarNode {
					// A reasoning key left empty is a working not yet written, not a
					// working of nothing.
					l.errAt(v, "empty_value", kv("Field", "expected.reasoning"))
				}
			}
		}
	}
	ds := l.finish()
	if ds.HasErrors() {
		return nil, ds
	}
	return s, ds
}

func posMap(ids []string, nodes []*yaml.Node) map[string]Pos {
	m := make(map[string]Pos, len(ids))
	for i, id := range ids {
		if _, seen := m[id]; !seen {
			m[id] = posOf(nodes[i])
		}
	}
	return m
}

// CheckScenario checks s against its guideline g: the guideline id, the translations, every
// answer (unknown questions, impossible values), the notes, and the expected outcome,
// indicators and flags. It also types s's answers by their questions (multi answers in
// choice order), so scoring sees exactly what an answers file would give.
func CheckScenario(s *Scenario, g *Guideline) Diagnostics {
	l := newLoader(s.File, nil)
	l.langs = g.Languages
	l.langSet = map[string]bool{}
	for _, lang := range g.Languages {
		l.langSet[lang] = true
	}
	src := s.src
	if src == nil { // built in code, not loaded: check ids only, without positions
		src = &scenarioSrc{}
	}
	if s.Guideline != g.ID {
		l.add(SevError, "wrong_guideline", posOf(src.guideline), kv("Got", s.Guideline, "Want", g.ID))
	}
	if src.title != nil {
		l.text(src.title, "title")
	}
	if src.lesson != nil {
		l.text(src.lesson, "lesson")
	}
	if src.persona != nil {
		l.text(src.persona, "persona")
	}
	if src.reasoning != nil && src.reasoning.Kind == yaml.MappingNode {
		l.text(src.reasoning, "expected.reasoning")
	}
	if src.answers != nil {
		n := len(src.answers.Content) / 2
		vals := make(map[string]Value, n)
		l.answers(src.answers, g, vals, make(map[string]Pos, n))
		s.Answers.Values = vals
	} else {
		for id := range s.Answers.Values {
			if g.Question(id) == nil {
				l.add(SevError, "unknown_question", Pos{}, kv("ID", id, "Suggestion", ""))
			}
		}
	}
	if src.notes != nil {
		l.notes(src.notes, g, map[string]string{})
	}
	l.repeatedIDs(src.revealLater, "reveal_later")
	// Both name answers of the scenario: a question it does not answer is a slip.
	answered := func(ids []string, pos map[string]Pos, field string) {
		for _, id := range ids {
			switch _, ok := s.Answers.Values[id]; {
			case g.Question(id) == nil:
				l.add(SevError, "unknown_question", pos[id], kv("ID", id, "Suggestion", ""))
			case !ok:
				l.add(SevError, "not_in_answers", pos[id], kv("ID", id, "Field", field))
			}
		}
	}
	answered(s.RevealLater, s.RevealLaterPos, "reveal_later")
	textIDs := make([]string, 0, len(s.AnswerTexts))
	for id := range s.AnswerTexts {
		textIDs = append(textIDs, id)
	}
	slices.Sort(textIDs)
	answered(textIDs, s.AnswerTextsPos, "answer_texts")
	if src.answerTexts != nil && src.answerTexts.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(src.answerTexts.Content); i += 2 {
			l.text(src.answerTexts.Content[i+1], "answer_texts."+src.answerTexts.Content[i].Value)
		}
	}
	l.repeatedIDs(src.indicators, "expected.indicators")
	l.repeatedIDs(src.flags, "expected.flags")
	if s.Expected.Outcome != "" && g.Outcome(s.Expected.Outcome) == nil {
		ids := make([]string, len(g.Scoring.Outcomes))
		for i, o := range g.Scoring.Outcomes {
			ids[i] = o.ID
		}
		l.add(SevError, "unknown_outcome", s.Expected.OutcomePos, kv("ID", s.Expected.Outcome, "Suggestion", suggest(s.Expected.Outcome, ids), "Expected", strings.Join(ids, ", ")))
	}
	for _, id := range s.Expected.Indicators {
		if g.Indicator(id) == nil {
			ids := make([]string, len(g.Indicators))
			for i, x := range g.Indicators {
				ids[i] = x.ID
			}
			l.add(SevError, "unknown_indicator", s.Expected.IndicatorPos[id], kv("ID", id, "Suggestion", suggest(id, ids)))
		}
	}
	for _, id := range s.Expected.Flags {
		if g.Flag(id) == nil {
			ids := make([]string, len(g.Flags))
			for i, f := range g.Flags {
				ids[i] = f.ID
			}
			l.add(SevError, "unknown_flag", s.Expected.FlagPos[id], kv("ID", id, "Suggestion", suggest(id, ids)))
		}
	}
	l.checkExpectedMore(s, g)
	return l.finish()
}

// repeatedIDs reports an id listed twice in an expected list: the list is a set, and a
// repeat usually stands where another id was meant.
func (l *loader) repeatedIDs(nodes []*yaml.Node, path string) {
	seen := map[string]*yaml.Node{}
	for _, n := range nodes {
		if first := seen[n.Value]; first != nil {
			l.errAt(n, "repeated_expected", kv("ID", n.Value, "Field", path, "Line", first.Line, "Col", first.Column))
			continue
		}
		seen[n.Value] = n
	}
}

// noteValue reads one interviewer's note: a plain string (one text for every language, as
// notes were first written), or a translated text like a scenario's title. A translated
// note is returned as its text, and as the string in the first language the file gives, for
// what has no language to choose by (scoring evidence, an answers file). The loader's
// languages, when set, must all be present. ok is false when the note is empty or broken.
func (l *loader) noteValue(v *yaml.Node, path string) (note string, t Text, ok bool) {
	id := strings.TrimPrefix(path, "notes.")
	if v.Kind != yaml.MappingNode {
		s, ok := l.scalar(v, path)
		return s, nil, ok && strings.TrimSpace(s) != "" && l.shortEnough(v, id, s)
	}
	t = l.text(v, path)
	for i := 0; i+1 < len(v.Content); i += 2 {
		if !l.shortEnough(v.Content[i+1], id, t[v.Content[i].Value]) {
			return "", nil, false
		}
	}
	for i := 0; i+1 < len(v.Content); i += 2 {
		if s := t[v.Content[i].Value]; strings.TrimSpace(s) != "" {
			return s, t, true
		}
	}
	return "", nil, false
}

// Reasoning returns the hand-worked reasoning of the expected result in lang: the translated
// text in lang (falling back as Text.In does), or the one plain text, or "" when the
// scenario has none.
func (s *Scenario) Reasoning(lang string) string {
	if s.Expected.ReasoningText != nil {
		return s.Expected.ReasoningText.In(lang)
	}
	return s.Expected.Reasoning
}

// AnswerText returns the scenario's answer to question id as the person says it in lang,
// or "" when the scenario gives it in no language (answer_texts).
func (s *Scenario) AnswerText(id, lang string) string {
	if t := s.AnswerTexts[id]; t != nil {
		return t.In(lang)
	}
	return ""
}

// Note returns the scenario's note on question id in lang: the translated note in lang
// (falling back as Text.In does), or the plain-string note, or "" when there is none.
func (s *Scenario) Note(id, lang string) string {
	if t := s.NoteTexts[id]; t != nil {
		return t.In(lang)
	}
	return s.Answers.Notes[id]
}
