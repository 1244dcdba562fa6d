package locales

import (
	"fmt"
	"maps"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"text/template"
	"text/template/parse"

	"go.yaml.in/yaml/v3"
)

// message is one entry of a message file as written: a plain string (forms = {other}) or a
// map of plural forms.
type message struct {
	line   int
	plural bool
	forms  map[string]string // CLDR category → text
}

// cldr is the set of plural categories each language needs for integer and decimal counts
// (go-i18n's internal/plural cannot be imported, so the CLDR rules are restated here).
var cldr = map[string][]string{
	"en": {"one", "other"},
	"ro": {"few", "one", "other"},
	"uk": {"few", "many", "one", "other"},
	"ru": {"few", "many", "one", "other"},
}

// metaKeys may appear next to plural forms in a map message and are not text.
var metaKeys = map[string]bool{"description": true, "hash": true}

// readCatalogue parses active.<lang>.yaml as a node tree, so duplicate keys and odd shapes
// are reported with their line, which yaml.Unmarshal into a map would not do for all cases.
func readCatalogue(t *testing.T, lang string) map[string]message {
	t.Helper()
	name := "active." + lang + ".yaml"
	data, err := FS.ReadFile(name)
	if err != nil {
		t.Fatalf("read %s: %v", name, err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatalf("%s does not parse: %v", name, err)
	}
	if len(doc.Content) != 1 || doc.Content[0].Kind != yaml.MappingNode {
		t.Fatalf("%s: the top level must be a mapping of message ids", name)
	}
	root := doc.Content[0]
	out := map[string]message{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if prev, dup := out[k.Value]; dup {
			t.Errorf("%s:%d: message %q is defined twice (first at line %d)", name, k.Line, k.Value, prev.line)
			continue
		}
		m := message{line: k.Line, forms: map[string]string{}}
		switch v.Kind {
		case yaml.ScalarNode:
			m.forms["other"] = v.Value
		case yaml.MappingNode:
			m.plural = true
			for j := 0; j+1 < len(v.Content); j += 2 {
				fk, fv := v.Content[j], v.Content[j+1]
				if metaKeys[fk.Value] {
					continue
				}
				if _, dup := m.forms[fk.Value]; dup {
					t.Errorf("%s:%d: %s has the form %q twice", name, fk.Line, k.Value, fk.Value)
				}
				if fv.Kind != yaml.ScalarNode {
					t.Errorf("%s:%d: %s.%s must be a string", name, fv.Line, k.Value, fk.Value)
				}
				m.forms[fk.Value] = fv.Value
			}
		default:
			t.Errorf("%s:%d: %s must be a string or a map of plural forms (ids are flat)", name, k.Line, k.Value)
			continue
		}
		out[k.Value] = m
	}
	return out
}

func readAll(t *testing.T) map[string]map[string]message {
	t.Helper()
	all := map[string]map[string]message{}
	for _, lang := range Languages {
		all[lang] = readCatalogue(t, lang)
	}
	return all
}

func TestFilesParseWithUniqueKeysAndFlatIDs(t *testing.T) {
	for lang, msgs := range readAll(t) {
		if len(msgs) == 0 {
			t.Errorf("%s: no messages", lang)
		}
		for id := range msgs {
			if strings.ContainsAny(id, " \t") || strings.HasPrefix(id, ".") || strings.HasSuffix(id, ".") {
				t.Errorf("%s: %q is not a valid message id", lang, id)
			}
		}
	}
}

func TestEveryLanguageHasTheSameIDs(t *testing.T) {
	all := readAll(t)
	en := all["en"]
	for _, lang := range Languages[1:] {
		for _, id := range slices.Sorted(maps.Keys(en)) {
			if _, ok := all[lang][id]; !ok {
				t.Errorf("%s is missing %s (active.en.yaml:%d)", lang, id, en[id].line)
			}
		}
		for _, id := range slices.Sorted(maps.Keys(all[lang])) {
			if _, ok := en[id]; !ok {
				t.Errorf("%s has %s (active.%s.yaml:%d), which English lacks", lang, id, lang, all[lang][id].line)
			}
		}
	}
}

func TestNoEmptyText(t *testing.T) {
	for lang, msgs := range readAll(t) {
		for id, m := range msgs {
			for form, s := range m.forms {
				if strings.TrimSpace(s) == "" {
					t.Errorf("active.%s.yaml:%d: %s (%s) is empty", lang, m.line, id, form)
				}
			}
		}
	}
}

func TestPluralMessagesHaveExactlyTheirLanguagesCategories(t *testing.T) {
	all := readAll(t)
	for lang, msgs := range all {
		for id, m := range msgs {
			if en, ok := all["en"][id]; ok && en.plural != m.plural {
				t.Errorf("active.%s.yaml:%d: %s is plural in one language and not in the other", lang, m.line, id)
				continue
			}
			if !m.plural {
				continue
			}
			got := slices.Sorted(maps.Keys(m.forms))
			if !slices.Equal(got, cldr[lang]) {
				t.Errorf("active.%s.yaml:%d: %s has forms %v, %s needs exactly %v", lang, m.line, id, got, lang, cldr[lang])
			}
		}
	}
}

// fields returns the names a template reads ({{.Name}}, also inside if/range/with), or an
// error when it does not parse.
func fields(s string) (map[string]bool, error) {
	tmpl, err := template.New("").Parse(s)
	if err != nil {
		return nil, err
	}
	out := map[string]bool{}
	var walk func(n parse.Node)
	walk = func(n parse.Node) {
		switch n := n.(type) {
		case nil:
		case *parse.ListNode:
			if n == nil {
				return
			}
			for _, c := range n.Nodes {
				walk(c)
			}
		case *parse.ActionNode:
			walk(n.Pipe)
		case *parse.PipeNode:
			if n == nil {
				return
			}
			for _, c := range n.Cmds {
				walk(c)
			}
		case *parse.CommandNode:
			for _, a := range n.Args {
				walk(a)
			}
		case *parse.FieldNode:
			out[n.Ident[0]] = true
		case *parse.ChainNode:
			walk(n.Node)
		case *parse.IfNode:
			walk(n.Pipe)
			walk(n.List)
			walk(n.ElseList)
		case *parse.RangeNode:
			walk(n.Pipe)
			walk(n.List)
			walk(n.ElseList)
		case *parse.WithNode:
			walk(n.Pipe)
			walk(n.List)
			walk(n.ElseList)
		}
	}
	if tmpl.Tree != nil {
		walk(tmpl.Tree.Root)
	}
	return out, nil
}

func TestPlaceholdersAreTheSameInEveryLanguage(t *testing.T) {
	all := readAll(t)
	for id, en := range all["en"] {
		want, err := fields(en.forms["other"])
		if err != nil {
			t.Errorf("active.en.yaml:%d: %s does not parse as a template: %v", en.line, id, err)
			continue
		}
		if en.plural && !want["Count"] {
			t.Errorf("active.en.yaml:%d: plural message %s does not show {{.Count}}", en.line, id)
		}
		for _, lang := range Languages {
			m, ok := all[lang][id]
			if !ok {
				continue // reported by TestEveryLanguageHasTheSameIDs
			}
			for form, s := range m.forms {
				got, err := fields(s)
				if err != nil {
					t.Errorf("active.%s.yaml:%d: %s (%s) does not parse as a template: %v", lang, m.line, id, form, err)
					continue
				}
				if !maps.Equal(got, want) {
					t.Errorf("active.%s.yaml:%d: %s (%s) uses %v, English uses %v", lang, m.line, id, form,
						slices.Sorted(maps.Keys(got)), slices.Sorted(maps.Keys(want)))
				}
			}
		}
	}
}

// sampleData gives every field a message reads a recognisable value.
func sampleData(names map[string]bool) map[string]any {
	d := map[string]any{}
	for n := range names {
		d[n] = "«" + n + "»"
	}
	return d
}

func TestEveryMessageRendersInEveryLanguage(t *testing.T) {
	all := readAll(t)
	counts := []any{0, 1, 2, 5, 11, 21, 101, "1.5"}
	for _, id := range slices.Sorted(maps.Keys(all["en"])) {
		en := all["en"][id]
		names, err := fields(en.forms["other"])
		if err != nil {
			continue // reported by TestPlaceholdersAreTheSameInEveryLanguage
		}
		for _, lang := range Languages {
			l := New(lang)
			if !en.plural {
				s, err := l.localize(id, nil, sampleData(names))
				if err != nil || strings.Contains(s, "<no value>") {
					t.Errorf("%s %s: %q, %v", lang, id, s, err)
				}
				continue
			}
			for _, n := range counts {
				data := sampleData(names)
				s, err := l.localize(id, n, data)
				if err != nil {
					t.Errorf("%s %s count %v: %v", lang, id, n, err)
				}
				if strings.Contains(s, "<no value>") || !strings.Contains(s, fmt.Sprint(n)) {
					t.Errorf("%s %s count %v renders %q: the count or a field is missing", lang, id, n, s)
				}
			}
		}
	}
}

func TestPluralFormsReadRight(t *testing.T) {
	type want struct {
		n    int
		data map[string]any
		text string
	}
	tests := []struct {
		lang, id string
		want     []want
	}{
		{"en", "common.questions", []want{{0, nil, "0 questions"}, {1, nil, "1 question"}, {2, nil, "2 questions"}, {21, nil, "21 questions"}, {101, nil, "101 questions"}}},
		{"ro", "common.questions", []want{
			{0, nil, "0 întrebări"}, {1, nil, "1 întrebare"}, {2, nil, "2 întrebări"}, {5, nil, "5 întrebări"},
			{11, nil, "11 întrebări"}, {19, nil, "19 întrebări"}, {20, nil, "20 de întrebări"}, {21, nil, "21 de întrebări"},
			{101, nil, "101 întrebări"}, {120, nil, "120 de întrebări"},
		}},
		{"uk", "common.questions", []want{
			{0, nil, "0 питань"}, {1, nil, "1 питання"}, {2, nil, "2 питання"}, {5, nil, "5 питань"},
			{11, nil, "11 питань"}, {21, nil, "21 питання"}, {22, nil, "22 питання"}, {101, nil, "101 питання"}, {111, nil, "111 питань"},
		}},
		{"ru", "common.questions", []want{
			{0, nil, "0 вопросов"}, {1, nil, "1 вопрос"}, {2, nil, "2 вопроса"}, {5, nil, "5 вопросов"},
			{11, nil, "11 вопросов"}, {21, nil, "21 вопрос"}, {22, nil, "22 вопроса"}, {101, nil, "101 вопрос"}, {112, nil, "112 вопросов"},
		}},
		// The total chooses the form: “3 of 21 questions”.
		{"en", "common.questions_of", []want{{1, map[string]any{"Done": 1}, "1 of 1 question"}, {21, map[string]any{"Done": 3}, "3 of 21 questions"}}},
		{"ro", "common.questions_of", []want{{11, map[string]any{"Done": 4}, "4 din 11 întrebări"}, {21, map[string]any{"Done": 4}, "4 din 21 de întrebări"}}},
		{"uk", "common.questions_of", []want{{21, map[string]any{"Done": 3}, "3 з 21 питання"}, {2, map[string]any{"Done": 1}, "1 з 2 питань"}, {11, map[string]any{"Done": 4}, "4 з 11 питань"}}},
		{"ru", "common.questions_of", []want{{21, map[string]any{"Done": 3}, "3 из 21 вопроса"}, {2, map[string]any{"Done": 1}, "1 из 2 вопросов"}, {11, map[string]any{"Done": 4}, "4 из 11 вопросов"}}},
		{"ru", "score.indicators_strong", []want{{1, nil, "1 сильный индикатор"}, {3, nil, "3 сильных индикатора"}, {5, nil, "5 сильных индикаторов"}}},
		{"uk", "score.indicators_strong", []want{{1, nil, "1 сильний індикатор"}, {3, nil, "3 сильні індикатори"}, {5, nil, "5 сильних індикаторів"}}},
		{"ro", "common.minutes", []want{{1, nil, "1 minut"}, {10, nil, "10 minute"}, {45, nil, "45 de minute"}}},
		{"uk", "interview.questions_left", []want{{1, nil, "Залишилося 1 питання"}, {7, nil, "Залишилося 7 питань"}}},
	}
	for _, tt := range tests {
		l := New(tt.lang)
		for _, w := range tt.want {
			if got := l.N(tt.id, w.n, w.data); got != w.text {
				t.Errorf("%s %s(%d) = %q, want %q", tt.lang, tt.id, w.n, got, w.text)
			}
		}
	}
}

func TestCountInDataCannotDisagreeWithTheForm(t *testing.T) {
	got := New("ru").N("common.questions", 5, map[string]any{"Count": 1})
	if got != "5 вопросов" {
		t.Errorf("N used data's Count: %q", got)
	}
}

func TestMissingIDRendersAsItself(t *testing.T) {
	for _, lang := range Languages {
		l := New(lang)
		if got := l.T("no.such.message", nil); got != "no.such.message" {
			t.Errorf("%s: T of a missing id = %q", lang, got)
		}
		if got := l.N("no.such.plural", 3, nil); got != "no.such.plural" {
			t.Errorf("%s: N of a missing id = %q", lang, got)
		}
		if l.Has("no.such.message") || !l.Has("common.yes") {
			t.Errorf("%s: Has is wrong", lang)
		}
	}
}

func TestNewAcceptsWhatParseAccepts(t *testing.T) {
	tests := map[string]string{"uk_UA.UTF-8": "uk", "ro-MD": "ro", "RU": "ru", "de": "en", "": "en"}
	for in, want := range tests {
		l := New(in)
		if l.Lang() != want {
			t.Errorf("New(%q).Lang() = %q, want %q", in, l.Lang(), want)
		}
	}
	if got := New("uk").T("common.yes", nil); got != "Так" {
		t.Errorf("uk common.yes = %q", got)
	}
	// The cache for data-less T must not mix languages.
	if got := New("ro").T("common.yes", nil); got != "Da" {
		t.Errorf("ro common.yes = %q", got)
	}
}

func TestCommandDescriptionsExist(t *testing.T) {
	l := New("en")
	for _, cmd := range []string{"root", "interview", "resume", "sessions", "sessions.list", "sessions.show",
		"sessions.delete", "score", "export", "validate", "preview", "schema", "simulate", "debrief", "report",
		"guidelines", "version", "config", "help", "completion"} {
		if id := "cli." + cmd + ".short"; !l.Has(id) {
			t.Errorf("%s is missing", id)
		}
	}
}

// The quick-exit frame must not reveal the interview or the language in use.
func TestQuickExitScreenIsNeutral(t *testing.T) {
	all := readAll(t)
	want := all["en"]["tui.quickexit.screen"].forms["other"]
	for _, lang := range Languages {
		got := all[lang]["tui.quickexit.screen"].forms["other"]
		if got != want {
			t.Errorf("%s quick-exit screen %q differs from English %q: it would show the language in use", lang, got, want)
		}
	}
	for _, r := range want {
		if r >= 'A' && r <= 'z' || r > 127 {
			t.Errorf("quick-exit screen %q contains words", want)
			break
		}
	}
}

// Romanian is written with ș ț (comma below, U+0219/U+021B), never the Turkish cedilla forms
// ş ţ that old keyboards and fonts produce; ã is a frequent typo for ă.
func TestRomanianUsesCommaBelow(t *testing.T) {
	for _, lang := range Languages {
		data, _ := FS.ReadFile("active." + lang + ".yaml")
		for i, line := range strings.Split(string(data), "\n") {
			if j := strings.IndexAny(line, "şţŞŢãÃ"); j >= 0 {
				t.Errorf("active.%s.yaml:%d: %q: write ș ț (comma below) and ă", lang, i+1, line)
			}
		}
	}
}

// isLatin and isCyrillic are enough for mixed-script words: a Latin “o” or “a” inside a
// Cyrillic word looks right on screen and breaks search, sorting and screen readers.
func isLatin(r rune) bool {
	return r < 0x250 && (r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= 0xC0)
}
func isCyrillic(r rune) bool { return r >= 0x400 && r <= 0x4FF }

func TestNoWordMixesLatinAndCyrillic(t *testing.T) {
	for lang, msgs := range readAll(t) {
		for id, m := range msgs {
			for _, s := range m.forms {
				for _, w := range strings.FieldsFunc(s, func(r rune) bool {
					return !(isLatin(r) || isCyrillic(r) || r == '\'' || r == 'ʼ')
				}) {
					if strings.ContainsFunc(w, isLatin) && strings.ContainsFunc(w, isCyrillic) {
						t.Errorf("active.%s.yaml:%d: %s: %q mixes Latin and Cyrillic letters", lang, m.line, id, w)
					}
				}
			}
		}
	}
}

// Ukrainian and Russian each keep to their own alphabet, and Ukrainian uses one apostrophe:
// the ASCII ' (інтерв'юер), not ʼ or ’: one spelling, so that a search finds every use.
func TestCyrillicSpelling(t *testing.T) {
	all := readAll(t)
	check := func(lang, bad, why string) {
		for id, m := range all[lang] {
			for _, s := range m.forms {
				if strings.ContainsAny(s, bad) {
					t.Errorf("active.%s.yaml:%d: %s %q: %s", lang, m.line, id, s, why)
				}
			}
		}
	}
	check("ru", "іїєґІЇЄҐ", "Ukrainian letter in Russian")
	check("uk", "ыэъёЫЭЪЁ", "Russian letter in Ukrainian")
	check("uk", "ʼ’", "write the apostrophe as ' (glossary: інтерв'юер)")
}

// A specialist meets one word per idea, the project's glossary term: the interviewer is фахівець in
// Ukrainian, and the "prefer not to answer" option is quoted with its own words, never
// with a looser paraphrase that the person would not find among the choices.
func TestGlossaryTerms(t *testing.T) {
	all := readAll(t)
	check := func(lang, bad, want string) {
		for id, m := range all[lang] {
			for _, s := range m.forms {
				if strings.Contains(strings.ToLower(s), bad) {
					t.Errorf("active.%s.yaml:%d: %s %q uses %q; the glossary term is %q", lang, m.line, id, s, bad, want)
				}
			}
		}
	}
	check("uk", "спеціаліст", "фахівець")
	check("uk", "не хочу відповідати", "не бажаю відповідати")
	// The glossary says «предпочитаю не отвечать», a calque of the English that no one says
	// in Russian. The project proposes «не хочу отвечать» to the glossary
	// instead, and holds the messages to it here until the glossary is changed.
	check("ru", "предпочитаю не отвечать", "не хочу отвечать")
	check("ru", "предпочёл не отвечать", "не захотел отвечать")
}

// TestSplitMessagesAgreesWithYAML checks that the program, which cuts each message file into
// entries by lines and parses only the entries it shows, reads every message exactly as a
// YAML parser reads the whole file: a text folded onto a line the cut misreads would show
// users a broken or truncated message.
func TestSplitMessagesAgreesWithYAML(t *testing.T) {
	for _, lang := range Languages {
		data, err := FS.ReadFile("active." + lang + ".yaml")
		if err != nil {
			t.Fatal(err)
		}
		var whole map[string]any
		if err := yaml.Unmarshal(data, &whole); err != nil {
			t.Fatalf("active.%s.yaml does not parse: %v", lang, err)
		}
		entries := splitMessages(string(data))
		if len(entries) != len(whole) {
			t.Errorf("active.%s.yaml: %d entries cut by lines, %d messages parsed", lang, len(entries), len(whole))
		}
		for id, want := range whole {
			entry, ok := entries[id]
			if !ok {
				t.Errorf("active.%s.yaml: %s is not found when the file is cut by lines", lang, id)
				continue
			}
			got, err := parseMessage(id, entry)
			if err != nil {
				t.Errorf("active.%s.yaml: %s: %v", lang, id, err)
				continue
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("active.%s.yaml: %s reads %#v alone, %#v in the whole file", lang, id, got, want)
			}
		}
	}
}

// A question is "питання" in the Ukrainian UI, the word the default guideline's texts use
// (one word, consistently); a specialist who meets "запитання" on one
// screen and "питання" on the next wonders whether they are two things. The verb form
// "запитано" (asked) is not the noun.
func TestUkrainianQuestionIsOneWord(t *testing.T) {
	noun := regexp.MustCompile(`(^|[^\p{L}'])[Зз]апитан(ня|ь|ні|ню|нями|ням|нях)([^\p{L}]|$)`)
	for id, m := range readAll(t)["uk"] {
		for _, s := range m.forms {
			if w := noun.FindString(s); w != "" {
				t.Errorf("active.uk.yaml:%d: %s uses %q; the UI and the guideline say “питання”: %s", m.line, id, strings.TrimSpace(w), s)
			}
		}
	}
}
