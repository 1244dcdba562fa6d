package guidelines

import (
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// The keys each mapping of a guideline may have, in the order the format page lists them.
var (
	topKeys       = []string{"format", "id", "version", "title", "description", "languages", "source", "review", "privacy", "profiles", "sections", "dimensions", "indicators", "scoring", "flags", "referrals"}
	privacyKeys   = []string{"share_identity_when"}
	profileKeys   = []string{"id", "when", "text"}
	sectionKeys   = []string{"id", "title", "intro", "intro_self", "role", "when", "questions"}
	questionKeys  = []string{"id", "type", "ask", "text", "hint", "choices", "min", "max", "when", "pause_when", "sensitive", "summary", "label", "past", "future"}
	choiceKeys    = []string{"id", "text", "exclusive"}
	dimensionKeys = []string{"id", "stage", "text"}
	indicatorKeys = []string{"id", "dimension", "strength", "text", "when", "evidence", "source", "provisional"}
	scoringKeys   = []string{"element_positive", "outcomes"}
	comboKeys     = []string{"strong", "medium", "weak"}
	outcomeKeys   = []string{"id", "level", "text", "when"}
	flagKeys      = []string{"id", "urgency", "text", "when", "refer"}
	referralKeys  = []string{"id", "name", "role", "role_self", "contact", "when"}
)

func strs[T ~string](xs []T) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = string(x)
	}
	return out
}

var (
	typeNames     = strs(QuestionTypes)
	askNames      = []string{string(AskPerson), string(AskInterviewer)}
	strengthNames = strs(Strengths)
	urgencyNames  = strs(Urgencies)
	levelNames    = strs(Levels)
	stageNames    = strs(Stages)
	roleNames     = []string{string(RoleSafety), string(RoleConsent)}
	reviewNames   = []string{string(ReviewDraft), string(ReviewPending), string(ReviewReviewed)}
)

// guideline walks the top-level mapping into a Guideline, then runs the checks that need the
// whole file (ids, references, conditions).
func (l *loader) guideline(root *yaml.Node) *Guideline {
	g := &Guideline{File: l.file, Hash: hash(l.data), Pos: posOf(root), byID: map[string]any{}, src: l.data}
	l.g = g
	if !l.formatKnown(root) {
		// Walked as a guideline, another kind of file gives a dozen findings that all
		// miss the point.
		return nil
	}
	l.profIDs = map[string][]idUse{}
	m := l.mapping(root, "", topKeys...)
	l.sizeIDs(m)
	l.require(m, "", "format", "id", "version", "title", "languages", "sections", "dimensions", "indicators", "scoring")

	// Languages first: every Text is checked against them, wherever they appear.
	l.languages(m.get("languages"))
	g.Languages = l.langs

	l.header(m, g)
	if pm := l.mapping(m.get("privacy"), "privacy", privacyKeys...); pm != nil {
		if v := pm.get("share_identity_when"); v != nil {
			g.Privacy.ShareIdentityWhen = l.cond(v, "privacy.share_identity_when", ScopeAnswers, -1, "")
		}
	}
	l.profiles(m.get("profiles"))
	l.sections(m.get("sections"))
	l.dimensions(m.get("dimensions"))
	l.indicators(m.get("indicators"))
	l.scoring(m.get("scoring"))
	l.flags(m.get("flags"))
	l.referrals(m.get("referrals"))
	l.check()
	return g
}

// indexed is the path of the i-th item of the list at path, as findings name it: built for
// every item of a guideline, a few thousand times a load, where fmt.Sprintf costs several
// times a concatenation.
func indexed(path string, i int) string {
	return path + "[" + strconv.Itoa(i) + "]"
}

// sizeIDs makes room for the file's ids, one per section, question, dimension, indicator,
// outcome, flag and referral, before the walk registers them one at a time: grown an id at
// a time, the namespace and its list allocated about twice what they end up holding (a
// synthetic form of 1,000 questions has about 1,600 ids). It also makes room for the
// questions. Items that are not lists count as none; the walk reports them.
func (l *loader) sizeIDs(m *mapping) {
	items := func(n *yaml.Node) int {
		if n == nil || n.Kind != yaml.SequenceNode {
			return 0
		}
		return len(n.Content)
	}
	questions := 0
	if secs := m.get("sections"); secs != nil && secs.Kind == yaml.SequenceNode {
		for _, sn := range secs.Content {
			questions += items(mapValue(sn, "questions"))
		}
	}
	n := items(m.get("sections")) + questions + items(m.get("dimensions")) + items(m.get("indicators")) +
		items(mapValue(m.get("scoring"), "outcomes")) + items(m.get("flags")) + items(m.get("referrals"))
	l.ids = make(map[string][]idUse, n)
	l.idOrder = make([]string, 0, n)
	if questions > 0 {
		l.g.Questions = make([]*Question, 0, questions)
	}
}

// header reads the keys that say what the guideline is: format, id, version, title,
// description, source and review. A guideline that extends another gives these itself
// (description, source and review may be left to the base: see extension).
func (l *loader) header(m *mapping, g *Guideline) {
	if v := m.get("format"); v != nil {
		g.Format = l.str(v, "format")
		if g.Format != "" && g.Format != FormatGuideline {
			l.errAt(v, "bad_format", kv("Got", g.Format, "Want", FormatGuideline))
		}
	}
	if v := m.get("id"); v != nil {
		if s, ok := l.scalar(v, "id"); ok {
			g.ID = s
			if !slugRe().MatchString(s) {
				l.errAt(v, "bad_id", kv("ID", s, "Pattern", "[a-z0-9-]+"))
			}
		}
	}
	if v := m.get("version"); v != nil {
		g.Version = l.str(v, "version")
	}
	g.Title = l.text(m.get("title"), "title")
	g.Description = l.text(m.get("description"), "description")
	if v := m.get("source"); v != nil {
		g.Source = l.str(v, "source")
	}
	g.Review = l.review(m.get("review"))
}

func (l *loader) languages(n *yaml.Node) {
	if n == nil {
		return
	}
	langs, nodes := l.strList(n, "languages")
	l.langSet = map[string]bool{}
	for i, lang := range langs {
		switch {
		case !langRe().MatchString(lang):
			l.errAt(nodes[i], "bad_language", kv("Lang", lang))
		case l.langSet[lang]:
			l.errAt(nodes[i], "duplicate_language", kv("Lang", lang))
		default:
			l.langSet[lang] = true
			l.langs = append(l.langs, lang)
		}
	}
	if n.Kind == yaml.SequenceNode && len(n.Content) == 0 {
		l.errAt(n, "empty_list", kv("Field", "languages"))
	}
}

func (l *loader) review(n *yaml.Node) map[string]ReviewStatus {
	m := l.mapping(n, "review")
	if m == nil {
		return nil
	}
	out := map[string]ReviewStatus{}
	for k, v := range m.all() {
		if l.langSet != nil && !l.langSet[k.Value] {
			l.warnAt(k, "unknown_language", kv("Lang", k.Value, "Field", "review", "Languages", strings.Join(l.langs, ", ")))
		}
		if s := l.enum(v, "review."+k.Value, "unknown_review", reviewNames); s != "" {
			out[k.Value] = ReviewStatus(s)
		}
	}
	return out
}

// ident reads m's id, checks its syntax and registers it in the file's namespace.
func (l *loader) ident(m *mapping, path string, item any) string {
	v := m.get("id")
	s, ok := l.scalar(v, path+".id")
	if !ok {
		return ""
	}
	if l.checkID(v, s) {
		if _, seen := l.ids[s]; !seen {
			l.idOrder = append(l.idOrder, s)
		}
		l.ids[s] = append(l.ids[s], idUse{pos: posOf(v), item: item})
	}
	return s
}

// requireItems reports an empty list where the format needs at least one item. A list whose
// items are all broken is not empty: those items carry their own findings.
func (l *loader) requireItems(n *yaml.Node, field string) {
	if n != nil && n.Kind == yaml.SequenceNode && len(n.Content) == 0 {
		l.errAt(n, "empty_list", kv("Field", field))
	}
}

func (l *loader) profiles(n *yaml.Node) {
	g := l.g
	for i, pn := range l.list(n, "profiles") {
		path := indexed("profiles", i)
		m := l.mapping(pn, path, profileKeys...)
		if m == nil {
			continue
		}
		l.require(m, path, "id", "when", "text")
		p := &Profile{Pos: posOf(pn)}
		if v := m.get("id"); v != nil {
			if s, ok := l.scalar(v, path+".id"); ok && l.checkID(v, s) {
				p.ID = s
				if _, seen := l.profIDs[s]; !seen {
					l.profOrd = append(l.profOrd, s)
				}
				l.profIDs[s] = append(l.profIDs[s], idUse{pos: posOf(v), item: p})
			}
		}
		p.Text = l.textField(m, path, "text")
		if v := m.get("when"); v != nil {
			p.When = l.cond(v, path+".when", ScopeAnswers, -1, "")
		}
		g.Profiles = append(g.Profiles, p)
	}
	if len(g.Profiles) > 0 {
		l.fallback(n.Content[len(n.Content)-1], g.Profiles[len(g.Profiles)-1].When, "profiles")
	}
}

// fallback reports a list (profiles, outcomes) whose last entry is not `when: "true"`: the
// first entry that holds wins, so without a catch-all some people get none.
func (l *loader) fallback(last *yaml.Node, c *Condition, field string) {
	if c != nil && strings.TrimSpace(c.Src) == "true" {
		return
	}
	at := last
	if c != nil {
		at = &yaml.Node{Line: c.Pos.Line, Column: c.Pos.Col}
	}
	l.errAt(at, "missing_fallback", kv("Field", field))
}

func (l *loader) sections(n *yaml.Node) {
	g := l.g
	if n != nil && n.Kind != yaml.SequenceNode {
		l.incomplete = true
	}
	items := l.list(n, "sections")
	for i, sn := range items {
		path := indexed("sections", i)
		m := l.mapping(sn, path, sectionKeys...)
		if m == nil {
			l.incomplete = true
			continue
		}
		l.require(m, path, "id", "title", "questions")
		s := &Section{Pos: posOf(sn)}
		s.ID = l.ident(m, path, s)
		s.Title = l.textField(m, path, "title")
		s.Intro = l.textField(m, path, "intro")
		s.IntroSelf = l.textField(m, path, "intro_self")
		if v := m.get("role"); v != nil {
			s.Role = SectionRole(l.enum(v, path+".role", "unknown_role", roleNames))
		}
		// A section's condition is decided before its first question is asked.
		if v := m.get("when"); v != nil {
			s.When = l.cond(v, path+".when", ScopeAnswers, len(g.Questions), "")
		}
		qs := m.get("questions")
		if qs != nil && qs.Kind != yaml.SequenceNode {
			l.incomplete = true
		}
		qns := l.list(qs, path+".questions")
		if len(qns) > 0 {
			s.Questions = make([]*Question, 0, len(qns))
		}
		for j, qn := range qns {
			if q := l.question(qn, indexed(path+".questions", j), s); q != nil {
				s.Questions = append(s.Questions, q)
			}
		}
		l.requireItems(qs, path+".questions")
		g.Sections = append(g.Sections, s)
	}
	l.requireItems(n, "sections")
}

func (l *loader) question(n *yaml.Node, path string, s *Section) *Question {
	g := l.g
	m := l.mapping(n, path, questionKeys...)
	if m == nil {
		l.incomplete = true
		return nil
	}
	l.require(m, path, "id", "type", "text")
	q := &Question{Pos: posOf(n), Section: s, Index: len(g.Questions), Ask: AskPerson}
	g.Questions = append(g.Questions, q)
	q.ID = l.ident(m, path, q)
	if !isID(q.ID) {
		l.incomplete = true
	}
	if v := m.get("type"); v != nil {
		q.Type = QuestionType(l.enum(v, path+".type", "unknown_type", typeNames))
	}
	if v := m.get("ask"); v != nil {
		if a := l.enum(v, path+".ask", "unknown_ask", askNames); a != "" {
			q.Ask = Asker(a)
		}
	}
	q.Text = l.textField(m, path, "text")
	q.Hint = l.textField(m, path, "hint")

	hasChoices := q.Type == TypeChoice || q.Type == TypeMulti
	if cn := m.get("choices"); cn != nil && q.Type != "" && !hasChoices {
		l.errAt(m.key("choices"), "choices_not_allowed", kv("ID", q.ID, "Type", string(q.Type)))
	} else if hasChoices {
		q.Choices = l.choices(cn, path+".choices", q)
		if len(q.Choices) < 2 && (cn == nil || cn.Kind == yaml.SequenceNode) {
			at := cn
			if at == nil {
				at = n
			}
			l.errAt(at, "few_choices", kv("ID", q.ID, "Count", len(q.Choices)))
		}
	}
	for _, k := range []string{"min", "max"} {
		v := m.get(k)
		if v == nil {
			continue
		}
		if q.Type != "" && q.Type != TypeNumber {
			l.errAt(m.key(k), "minmax_not_allowed", kv("Key", k, "ID", q.ID, "Type", string(q.Type)))
			continue
		}
		if f, ok := l.number(v, path+"."+k); ok {
			if k == "min" {
				q.Min = &f
			} else {
				q.Max = &f
			}
		}
	}
	if q.Min != nil && q.Max != nil && *q.Min > *q.Max {
		l.errAt(m.get("max"), "min_gt_max", kv("Min", *q.Min, "Max", *q.Max))
	}
	if v := m.get("when"); v != nil {
		q.When = l.cond(v, path+".when", ScopeAnswers, q.Index, q.ID)
	}
	// pause_when is decided after the answer, so it may name the question itself.
	if v := m.get("pause_when"); v != nil {
		q.PauseWhen = l.cond(v, path+".pause_when", ScopeAnswers, q.Index+1, "")
	}
	if v := m.get("sensitive"); v != nil {
		q.Sensitive = l.boolean(v, path+".sensitive")
	}
	if v := m.get("summary"); v != nil {
		q.Summary = l.boolean(v, path+".summary")
	}
	q.Label = l.textField(m, path, "label")
	if q.Summary && len(q.Label) == 0 && m.get("label") == nil {
		l.warnAt(m.key("summary"), "summary_without_label", kv("ID", q.ID))
	}
	if v := m.get("future"); v != nil {
		if q.Type != "" && q.Type != TypeYesNo {
			l.errAt(m.key("future"), "future_not_allowed", kv("ID", q.ID, "Type", string(q.Type)))
		} else {
			q.Future = l.boolean(v, path+".future")
		}
	}
	if v := m.get("past"); v != nil {
		if q.Type != "" && q.Type != TypeDate {
			l.errAt(m.key("past"), "past_not_allowed", kv("ID", q.ID, "Type", string(q.Type)))
		} else {
			q.Past = l.boolean(v, path+".past")
		}
	}
	return q
}

func (l *loader) choices(n *yaml.Node, path string, q *Question) []*Choice {
	var out []*Choice
	seen := map[string]*yaml.Node{}
	for i, cn := range l.list(n, path) {
		cpath := indexed(path, i)
		m := l.mapping(cn, cpath, choiceKeys...)
		if m == nil {
			continue
		}
		l.require(m, cpath, "id", "text")
		c := &Choice{Pos: posOf(cn)}
		if v := m.get("id"); v != nil {
			if s, ok := l.scalar(v, cpath+".id"); ok {
				c.ID = s
				switch {
				case !isID(s):
					l.errAt(v, "bad_id", kv("ID", s, "Pattern", "[a-z][a-z0-9_]*"))
				case s == Unknown || s == Declined:
					// The program adds these two answers itself; a choice with the same id
					// could not be told apart from them.
					l.errAt(v, "reserved_id", kv("ID", s))
				case seen[s] != nil:
					l.errAt(v, "duplicate_choice", kv("ID", s, "Question", q.ID, "Line", seen[s].Line))
					l.errAt(seen[s], "duplicate_choice", kv("ID", s, "Question", q.ID, "Line", v.Line))
				default:
					seen[s] = v
				}
			}
		}
		c.Text = l.textField(m, cpath, "text")
		if v := m.get("exclusive"); v != nil {
			if q.Type != TypeMulti {
				// Only a multi answer can combine choices; elsewhere the key would say
				// something the interview never checks.
				l.errAt(m.key("exclusive"), "exclusive_not_allowed", kv("ID", c.ID, "Question", q.ID, "Type", string(q.Type)))
			} else {
				c.Exclusive = l.boolean(v, cpath+".exclusive")
			}
		}
		out = append(out, c)
	}
	return out
}

func (l *loader) dimensions(n *yaml.Node) {
	g := l.g
	for i, dn := range l.list(n, "dimensions") {
		path := indexed("dimensions", i)
		m := l.mapping(dn, path, dimensionKeys...)
		if m == nil {
			continue
		}
		l.require(m, path, "id", "stage", "text")
		d := &Dimension{Pos: posOf(dn)}
		d.ID = l.ident(m, path, d)
		if v := m.get("stage"); v != nil {
			d.Stage = Stage(l.enum(v, path+".stage", "unknown_stage", stageNames))
		}
		d.Text = l.textField(m, path, "text")
		g.Dimensions = append(g.Dimensions, d)
	}
	l.requireItems(n, "dimensions")
}

// idsOf lists the ids registered for items of type T, in file order.
func idsOf[T any](l *loader) []string {
	var out []string
	for _, id := range l.idOrder {
		if _, ok := l.ids[id][0].item.(T); ok {
			out = append(out, id)
		}
	}
	return out
}

// lookup returns the first item registered under id if it has type T.
func lookup[T any](l *loader, id string) (T, bool) {
	var zero T
	uses := l.ids[id]
	if len(uses) == 0 {
		return zero, false
	}
	x, ok := uses[0].item.(T)
	return x, ok
}

func (l *loader) indicators(n *yaml.Node) {
	g := l.g
	for i, in := range l.list(n, "indicators") {
		path := indexed("indicators", i)
		m := l.mapping(in, path, indicatorKeys...)
		if m == nil {
			continue
		}
		l.require(m, path, "id", "dimension", "strength", "text", "when")
		x := &Indicator{Pos: posOf(in)}
		x.ID = l.ident(m, path, x)
		if v := m.get("dimension"); v != nil {
			if s, ok := l.scalar(v, path+".dimension"); ok {
				x.Dimension = s
				if _, ok := lookup[*Dimension](l, s); !ok {
					l.errAt(v, "unknown_dimension", kv("ID", s, "Suggestion", suggest(s, idsOf[*Dimension](l)), "Expected", strings.Join(idsOf[*Dimension](l), ", ")))
				}
			}
		}
		x.Strength = l.strength(m.get("strength"), path+".strength", x.ID)
		x.Text = l.textField(m, path, "text")
		if v := m.get("when"); v != nil {
			x.When = l.cond(v, path+".when", ScopeAnswers, -1, "")
		}
		if v := m.get("evidence"); v != nil {
			ids, nodes := l.strList(v, path+".evidence")
			x.Evidence = ids
			for j, id := range ids {
				if _, ok := lookup[*Question](l, id); !ok {
					l.errAt(nodes[j], "unknown_evidence", kv("ID", id, "Suggestion", suggest(id, idsOf[*Question](l))))
				}
			}
		}
		if v := m.get("source"); v != nil {
			x.Source = l.str(v, path+".source")
		}
		if v := m.get("provisional"); v != nil {
			x.Provisional = l.boolean(v, path+".provisional")
		}
		g.Indicators = append(g.Indicators, x)
	}
	l.requireItems(n, "indicators")
}

// strength reads a single strength (every profile) or a map by profile id.
func (l *loader) strength(n *yaml.Node, path, id string) map[string]Strength {
	if n == nil {
		return nil
	}
	out := map[string]Strength{}
	if n.Kind == yaml.MappingNode {
		m := l.mapping(n, path)
		for k, v := range m.all() {
			if _, ok := l.profIDs[k.Value]; !ok {
				l.errAt(k, "unknown_profile", kv("ID", k.Value, "Suggestion", suggest(k.Value, l.profOrd), "Expected", strings.Join(l.profOrd, ", ")))
				continue
			}
			if s := l.enum(v, path+"."+k.Value, "unknown_strength", strengthNames); s != "" {
				out[k.Value] = Strength(s)
			}
		}
		var missing []string
		for _, p := range l.profOrd {
			if !m.has(p) {
				missing = append(missing, p)
			}
		}
		if len(missing) > 0 && len(l.profOrd) > 0 {
			l.warnAt(n, "strength_missing_profile", kv("ID", id, "Profiles", strings.Join(missing, ", ")))
		}
		return out
	}
	s := l.enum(n, path, "unknown_strength", strengthNames)
	if s == "" {
		return out
	}
	if len(l.g.Profiles) == 0 {
		out[""] = Strength(s)
	}
	for _, p := range l.g.Profiles {
		if p.ID != "" {
			out[p.ID] = Strength(s)
		}
	}
	return out
}

func (l *loader) scoring(n *yaml.Node) {
	g := l.g
	m := l.mapping(n, "scoring", scoringKeys...)
	if m == nil {
		return
	}
	g.Scoring.Pos = posOf(n)
	l.require(m, "scoring", "element_positive", "outcomes")
	ep := m.get("element_positive")
	for i, cn := range l.list(ep, "scoring.element_positive") {
		path := indexed("scoring.element_positive", i)
		cm := l.mapping(cn, path, comboKeys...)
		if cm == nil {
			continue
		}
		c := Combination{Pos: posOf(cn)}
		named := 0
		for _, k := range comboKeys {
			v := cm.get(k)
			if v == nil {
				continue
			}
			named++
			cnt, ok := l.integer(v, path+"."+k)
			if !ok {
				continue
			}
			if cnt < 1 {
				l.errAt(v, "bad_count", kv("Key", k, "Value", cnt))
			}
			switch k {
			case "strong":
				c.Strong = cnt
			case "medium":
				c.Medium = cnt
			case "weak":
				c.Weak = cnt
			}
		}
		if named == 0 {
			l.errAt(cn, "empty_combination", nil)
		}
		g.Scoring.ElementPositive = append(g.Scoring.ElementPositive, c)
	}
	l.requireItems(ep, "scoring.element_positive")
	on := m.get("outcomes")
	for i, o := range l.list(on, "scoring.outcomes") {
		path := indexed("scoring.outcomes", i)
		om := l.mapping(o, path, outcomeKeys...)
		if om == nil {
			continue
		}
		l.require(om, path, "id", "level", "text", "when")
		out := &Outcome{Pos: posOf(o)}
		out.ID = l.ident(om, path, out)
		if v := om.get("level"); v != nil {
			out.Level = Level(l.enum(v, path+".level", "unknown_level", levelNames))
		}
		out.Text = l.textField(om, path, "text")
		if v := om.get("when"); v != nil {
			out.When = l.cond(v, path+".when", ScopeOutcome, -1, "")
		}
		g.Scoring.Outcomes = append(g.Scoring.Outcomes, out)
	}
	l.requireItems(on, "scoring.outcomes")
	if k := len(g.Scoring.Outcomes); k > 0 {
		l.fallback(on.Content[len(on.Content)-1], g.Scoring.Outcomes[k-1].When, "scoring.outcomes")
	}
}

type referUse struct {
	id   string
	node *yaml.Node
}

func (l *loader) flags(n *yaml.Node) {
	g := l.g
	for i, fn := range l.list(n, "flags") {
		path := indexed("flags", i)
		m := l.mapping(fn, path, flagKeys...)
		if m == nil {
			continue
		}
		l.require(m, path, "id", "urgency", "text", "when")
		f := &Flag{Pos: posOf(fn)}
		f.ID = l.ident(m, path, f)
		if v := m.get("urgency"); v != nil {
			f.Urgency = Urgency(l.enum(v, path+".urgency", "unknown_urgency", urgencyNames))
		}
		f.Text = l.textField(m, path, "text")
		if v := m.get("when"); v != nil {
			f.When = l.cond(v, path+".when", ScopeFlag, -1, "")
		}
		if v := m.get("refer"); v != nil {
			ids, nodes := l.strList(v, path+".refer")
			f.Refer = ids
			for j, id := range ids {
				l.refers = append(l.refers, referUse{id: id, node: nodes[j]})
			}
		}
		g.Flags = append(g.Flags, f)
	}
}

func (l *loader) referrals(n *yaml.Node) {
	g := l.g
	for i, rn := range l.list(n, "referrals") {
		path := indexed("referrals", i)
		m := l.mapping(rn, path, referralKeys...)
		if m == nil {
			continue
		}
		l.require(m, path, "id", "name")
		r := &Referral{Pos: posOf(rn)}
		r.ID = l.ident(m, path, r)
		r.Name = l.textField(m, path, "name")
		r.Role = l.textField(m, path, "role")
		r.RoleSelf = l.textField(m, path, "role_self")
		at := rn
		if v := m.get("contact"); v != nil {
			r.Contact = l.str(v, path+".contact")
			at = v
		}
		if c := strings.TrimSpace(r.Contact); c == "" || strings.HasPrefix(strings.ToUpper(c), "TO BE FILLED") {
			r.ContactPending = true
			l.warnAt(at, "referral_contact_pending", kv("ID", r.ID))
		}
		if r.Reachable() && isNull(m.get("role_self")) {
			// Langs lets the count of texts still to write name this one in every language
			// (a string: findings are cached with string arguments only).
			l.warnAt(rn, "role_self_missing", kv("ID", r.ID, "Langs", strings.Join(l.langs, ",")))
		}
		if v := m.get("when"); v != nil {
			r.When = l.cond(v, path+".when", ScopeReferral, -1, "")
		}
		g.Referrals = append(g.Referrals, r)
	}
}

// formatKnown checks the file's `format:` before anything else: a file that does not say it
// is a guideline gets one finding naming the formats earlyid reads (and, for an answers
// file, the command that reads it), and is not walked further.
func (l *loader) formatKnown(root *yaml.Node) bool {
	var key, val *yaml.Node
	for i := 0; i+1 < len(root.Content); i += 2 {
		if k := root.Content[i]; k.Kind == yaml.ScalarNode && k.Value == "format" {
			key, val = k, root.Content[i+1]
			break
		}
	}
	if val != nil && (val.Kind != yaml.ScalarNode || val.Value == FormatGuideline) {
		return true // a non-text value is reported by the walk, as for any other key
	}
	if val != nil && val.Value == FormatScenario {
		l.errAt(val, "bad_format", kv("Got", val.Value, "Want", FormatGuideline))
		return false
	}
	got, at := phrase("diag.format.missing"), fileStart
	if key != nil {
		got, at = phrase("diag.format.unknown", "Value", val.Value), posOf(val)
	}
	answers := false
	for i := 0; i+1 < len(root.Content); i += 2 {
		if k := root.Content[i]; k.Kind == yaml.ScalarNode && k.Value == "answers" {
			answers = true
		}
	}
	l.add(SevError, "unknown_format", at, kv("Got", got, "Expected", FormatGuideline+", "+FormatScenario, "Answers", answers))
	return false
}
