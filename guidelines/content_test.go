package guidelines

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"
)

// The person being interviewed may be traumatised and may be watched: questions put to them
// ask about facts in everyday words, never with the legal words (glossary.md, domain.md §6).
// These stems catch "victim", "trafficking" and "exploitation" in the four languages.
var legalWords = map[string]*regexp.Regexp{
	"en": regexp.MustCompile(`(?i)victim|traffick|exploit`),
	"ro": regexp.MustCompile(`(?i)victim|trafic|exploat`),
	"uk": regexp.MustCompile(`(?i)жертв|постражд|торгівл[а-яіїєґ]* людьми|експлуат`),
	"ru": regexp.MustCompile(`(?i)жертв|пострадавш|торговл[а-яё]* людьми|эксплуат`),
}

// The person is addressed politely (glossary.md: dumneavoastră / Ви / Вы): an informal
// pronoun or a second-person-singular verb in a question reads as talking down to them.
// Whole words only; Romanian "ai" and "a ta" are left out, because "ai" is also the
// possessive article ("membrii ai familiei").
var informalYou = map[string]*regexp.Regexp{
	"ro": regexp.MustCompile(`(?i)(^|[^\p{L}])(tu|tine|ție|îți|ți|te|tău|tăi|tale|ești|poți|vrei|știi|ai putut|ai fost|ai lucrat)([^\p{L}]|$)`),
	"uk": regexp.MustCompile(`(?i)(^|[^\p{L}'])(ти|тебе|тобі|тобою|твій|твоя|твоє|твої|твого|твоїй|твоїм|твоїх|твою|можеш|хочеш|знаєш|маєш)([^\p{L}']|$)`),
	"ru": regexp.MustCompile(`(?i)(^|[^\p{L}])(ты|тебя|тебе|тобой|твой|твоя|твоё|твое|твои|твоего|твоей|твоим|твоих|твою|можешь|хочешь|знаешь|имеешь)([^\p{L}]|$)`),
}

// Polite address to one person is written with a capital in Ukrainian and Russian (Ви, Вас,
// Вам, Ваш…; glossary.md): a lowercase form inside a question reads as careless or plural.
var lowercaseYou = map[string]*regexp.Regexp{
	"uk": regexp.MustCompile(`(^|[^\p{L}])(ви|вас|вам|вами|ваш|ваша|ваше|ваші|вашого|вашій|вашим|вашої|ваших)([^\p{L}]|$)`),
	"ru": regexp.MustCompile(`(^|[^\p{L}])(вы|вас|вам|вами|ваш|ваша|ваше|ваши|вашего|вашей|вашим|ваших)([^\p{L}]|$)`),
}

// TestQuestionsToThePersonUseEverydayWords checks every built-in guideline: the questions
// asked of the person, their choices, and the intros of the sections they are in.
func TestQuestionsToThePersonUseEverydayWords(t *testing.T) {
	gs, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range gs {
		check := func(where string, text Text) {
			for lang, s := range text {
				if re := legalWords[lang]; re != nil && re.MatchString(s) {
					t.Errorf("%s %s (%s): the person is asked with a legal word %q: %s", g.ID, where, lang, re.FindString(s), s)
				}
				if re := informalYou[lang]; re != nil && re.MatchString(s) {
					t.Errorf("%s %s (%s): the person is addressed informally (%q): %s", g.ID, where, lang, strings.TrimSpace(re.FindString(s)), s)
				}
				if re := lowercaseYou[lang]; re != nil && re.MatchString(s) {
					t.Errorf("%s %s (%s): write the polite pronoun with a capital: %s", g.ID, where, lang, s)
				}
			}
		}
		for _, s := range g.Sections {
			asksPerson := false
			for _, q := range s.Questions {
				if q.Ask == AskInterviewer {
					continue
				}
				asksPerson = true
				check("question "+q.ID, q.Text)
				for _, c := range q.Choices {
					check("choice "+q.ID+"."+c.ID, c.Text)
				}
			}
			if asksPerson && s.Intro != nil {
				check("intro of section "+s.ID, s.Intro)
			}
			if asksPerson && s.IntroSelf != nil {
				check("intro_self of section "+s.ID, s.IntroSelf)
			}
		}
	}
}

// TestLegalWordsAreCaught makes sure the patterns above can fail.
func TestLegalWordsAreCaught(t *testing.T) {
	for lang, s := range map[string]string{
		"en": "Are you a victim of trafficking?", "ro": "Ați fost victimă a traficului?",
		"uk": "Ви стали жертвою торгівлі людьми?", "ru": "Вы стали жертвой торговли людьми?",
	} {
		if !legalWords[lang].MatchString(s) {
			t.Errorf("%s: %q is not caught", lang, s)
		}
	}
	for lang, s := range map[string]string{"uk": "Чи пропонував вам хтось роботу?", "ru": "Кто-нибудь предлагал вам работу?"} {
		if !lowercaseYou[lang].MatchString(s) {
			t.Errorf("%s: lowercase pronoun in %q is not caught", lang, s)
		}
	}
	if lowercaseYou["uk"].MatchString("Чи пропонував Вам хтось роботу? Вашу адресу?") {
		t.Error("capitalised pronouns are flagged")
	}
	for lang, s := range map[string]string{
		"uk": "Чи вважаєте Ви себе постраждалою?", "ru": "Вы считаете себя пострадавшей?",
	} {
		if !legalWords[lang].MatchString(s) {
			t.Errorf("%s: %q is not caught", lang, s)
		}
	}
	for lang, ss := range map[string][]string{
		"ro": {"Tu ai lucrat acolo?", "Unde ești acum?", "Cine te-a adus aici?", "Poți pleca oricând?"},
		"uk": {"Ти працював там?", "Хто тобі це запропонував?", "Де твій паспорт?", "Ти можеш піти?", "Чи можеш піти?"},
		"ru": {"Ты работал там?", "Кто тебе это предложил?", "Где твой паспорт?", "Можешь уйти?"},
	} {
		for _, s := range ss {
			if !informalYou[lang].MatchString(s) {
				t.Errorf("%s: informal %q is not caught", lang, s)
			}
		}
	}
	for lang, s := range map[string]string{
		"ro": "Ați lucrat pentru membrii ai familiei dumneavoastră? Puteți să vă opriți; actele tatălui.",
		"uk": "Чи знаєте Ви, де Ваш паспорт? Квитки, листи, хтось, сестри, то, тим.",
		"ru": "Вы знаете, где Ваш паспорт? Билеты, письма, кто-то, сёстры, то, тем, тебеш.",
	} {
		if informalYou[lang].MatchString(s) {
			t.Errorf("%s: polite %q is flagged as informal (%q)", lang, s, informalYou[lang].FindString(s))
		}
	}
}

// TestRomanianCommaBelow: Romanian is written with ș ț (comma below), never the cedilla
// forms ş ţ that old keyboards produce; no other language of the built-in files uses them.
func TestRomanianCommaBelow(t *testing.T) {
	eachBuiltinLine(t, func(name string, n int, line string) {
		if strings.ContainsAny(line, "şţŞŢ") {
			t.Errorf("%s:%d: write ș ț with a comma below: %s", name, n, strings.TrimSpace(line))
		}
	})
}

// eachBuiltinLine calls f with every line of every built-in guideline and scenario file.
func eachBuiltinLine(t *testing.T, f func(name string, n int, line string)) {
	t.Helper()
	files, err := fs.Glob(FS, "*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	scenarios, _ := fs.Glob(FS, "scenarios/*.yaml")
	for _, name := range append(files, scenarios...) {
		data, err := FS.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(data), "\n") {
			f(name, i+1, line)
		}
	}
}

// TestCyrillicSpellingInContent: the Ukrainian and Russian texts of the built-in files keep
// to their own alphabet (a Russian ы or ё in Ukrainian, a Ukrainian і in Russian, is a typo
// that a reader notices at once), and Ukrainian writes its apostrophe as the glossary does,
// with the ASCII ' (інтерв'юер), as the UI does too.
func TestCyrillicSpellingInContent(t *testing.T) {
	bad := map[string]struct{ chars, why string }{
		"uk": {"ыэъёЫЭЪЁʼ’", "a Russian letter, or an apostrophe other than '"},
		"ru": {"іїєґІЇЄҐ", "a Ukrainian letter"},
	}
	eachBuiltinLine(t, func(name string, n int, line string) {
		key, text, ok := strings.Cut(strings.TrimLeft(line, " #"), ": ")
		if b, known := bad[key]; ok && known && strings.ContainsAny(text, b.chars) {
			t.Errorf("%s:%d: %s text with %s: %s", name, n, key, b.why, strings.TrimSpace(text))
		}
	})
}
