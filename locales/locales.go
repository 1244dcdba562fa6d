// Package locales holds every string the program shows, in English, Romanian, Ukrainian and
// Russian (go-i18n v2 message files, embedded), and a small API to look them up.
//
// Message ids are flat and grouped by prefix (common.*, cli.*, interview.*, tui.*, plain.*,
// score.*, summary.*, train.*, diag.*). Plural messages are maps of CLDR forms; N always
// passes the count as {{.Count}} so templates never print "<no value>".
package locales

import (
	"embed"
	"fmt"
	"maps"
	"os"
	"slices"
	"strings"
	"sync"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"go.yaml.in/yaml/v3"
	"golang.org/x/text/language"
)

// FS holds the message files, one per language: the source translators edit and tests read.
//
//go:embed active.*.yaml
var FS embed.FS

// The message files again, as strings, which is how the program reads them: a string is
// the file where the executable holds it, so cutting it into messages copies nothing,
// where FS.ReadFile copied a whole file into fresh memory first. The compiler stores the
// same content once, for FS and these alike.
var (
	//go:embed active.en.yaml
	fileEN string
	//go:embed active.ro.yaml
	fileRO string
	//go:embed active.uk.yaml
	fileUK string
	//go:embed active.ru.yaml
	fileRU string
)

// file returns lang's message file, and false for a language that has none.
func file(lang string) (string, bool) {
	switch lang {
	case "en":
		return fileEN, true
	case "ro":
		return fileRO, true
	case "uk":
		return fileUK, true
	case "ru":
		return fileRU, true
	}
	return "", false
}

// Languages lists the UI languages; the first is the fallback.
var Languages = []string{"en", "ro", "uk", "ru"}

// catalogue holds, per UI language, where each message sits in its file and a go-i18n
// bundle of the messages used so far (that language's over English). A short command shows
// a dozen of a file's 800 messages, and parsing a whole file with yaml.v3 takes 5–8 ms (the
// English one; a Romanian UI parses two): so a file is only split into its messages on first
// use, by lines, and a message is parsed and added to the bundle when it is first asked
// for. go-i18n's Bundle is not safe for adding while localizing, so mu guards both.
//
// The YAML is read as it is: a generated JSON copy parsed as fast, but a copy someone forgot
// to regenerate showed users old text.
type catalogue struct {
	mu      sync.Mutex
	entries map[string]map[string]string // lang → id → that message's lines of the file
	bundles map[string]*i18n.Bundle      // lang → bundle of en + lang, filled lazily
	added   map[string]map[string]bool   // lang → ids added to bundles[lang]
}

var cat = &catalogue{
	entries: map[string]map[string]string{},
	bundles: map[string]*i18n.Bundle{},
	added:   map[string]map[string]bool{},
}

// messages returns lang's messages as lines of its file; c.mu must be held.
func (c *catalogue) messages(lang string) map[string]string {
	if m, ok := c.entries[lang]; ok {
		return m
	}
	data, ok := file(lang)
	if !ok {
		// The files are embedded and tested; a missing one is a build defect, not user input.
		panic(fmt.Sprintf("locales: there is no embedded message file for %s", lang))
	}
	m := splitMessages(data)
	c.entries[lang] = m
	return m
}

// splitMessages cuts a message file into its top-level entries without parsing it: an entry
// starts at a line that begins with its id (a message file is one flat mapping, so every id
// is at column 0) and runs to the next such line; comments, blank lines and indented lines
// (a plural form, a long text folded onto more lines) belong to the entry above them.
// TestSplitMessagesAgreesWithYAML checks, for every file, that this gives what parsing the
// whole file gives. Ids and entries are parts of data, not copies.
func splitMessages(data string) map[string]string {
	out := make(map[string]string, 1024)
	id, start := "", 0
	flush := func(end int) {
		if id != "" {
			out[id] = data[start:end]
		}
	}
	for i := 0; i < len(data); {
		next := len(data)
		if j := strings.IndexByte(data[i:], '\n'); j >= 0 {
			next = i + j + 1
		}
		if c := data[i]; c != ' ' && c != '\t' && c != '#' && c != '\n' && c != '\r' {
			if k := strings.IndexByte(data[i:next], ':'); k > 0 {
				flush(i)
				id, start = data[i:i+k], i
			}
		}
		i = next
	}
	flush(len(data))
	return out
}

// parseMessage parses one entry cut by splitMessages: a string, or a map of plural forms.
func parseMessage(id string, entry string) (any, error) {
	var m map[string]any
	if err := yaml.Unmarshal([]byte(entry), &m); err != nil {
		return nil, err
	}
	v, ok := m[id]
	if !ok || len(m) != 1 {
		return nil, fmt.Errorf("the lines of %s hold %d entries", id, len(m))
	}
	return v, nil
}

// has reports whether lang's file defines id.
func (c *catalogue) has(lang, id string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	_, ok := c.messages(lang)[id]
	return ok
}

// localize renders id through lang's bundle, first adding the English and lang messages of
// id to it if they are not there yet.
func (c *catalogue) localize(lang string, l *i18n.Localizer, cfg *i18n.LocalizeConfig) (string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	b := c.bundles[lang]
	if !c.added[lang][cfg.MessageID] {
		for _, from := range []string{"en", lang} {
			entry, ok := c.messages(from)[cfg.MessageID]
			if !ok {
				continue
			}
			var m *i18n.Message
			v, err := parseMessage(cfg.MessageID, entry)
			if err == nil {
				m, err = i18n.NewMessage(v)
			}
			if err == nil {
				m.ID = cfg.MessageID
				err = b.AddMessages(language.Make(from), m)
			}
			if err != nil {
				panic(fmt.Sprintf("locales: message %s of %s is broken: %v", cfg.MessageID, from, err))
			}
		}
		c.added[lang][cfg.MessageID] = true
	}
	return l.Localize(cfg)
}

// newLocalizer returns a go-i18n Localizer over lang's bundle, creating the bundle.
func (c *catalogue) newLocalizer(lang string) *i18n.Localizer {
	c.mu.Lock()
	defer c.mu.Unlock()
	b, ok := c.bundles[lang]
	if !ok {
		b = i18n.NewBundle(language.English)
		c.bundles[lang] = b
		c.added[lang] = map[string]bool{}
	}
	return i18n.NewLocalizer(b, lang, "en")
}

// Localizer renders messages in one UI language. It is safe for concurrent use.
type Localizer struct {
	lang string
	l    *i18n.Localizer

	// plain caches T(id, nil): a screen asks for the same labels on every frame, and a
	// label without data cannot change.
	plain sync.Map // id → string
}

// New returns a Localizer for lang. lang is read like Parse reads it ("ro", "ro-MD",
// "uk_UA.UTF-8"); anything unsupported gives English, so a UI can always start. Check user
// input with Parse first when it must be reported.
func New(lang string) *Localizer {
	code, err := Parse(lang)
	if err != nil {
		code = "en"
	}
	return &Localizer{lang: code, l: cat.newLocalizer(code)}
}

// Supported reports whether lang is exactly one of the UI language codes (no region, no
// encoding; use Parse for those).
func Supported(lang string) bool {
	return slices.Contains(Languages, lang)
}

// Lang returns the language this Localizer speaks.
func (l *Localizer) Lang() string { return l.lang }

// Has reports whether message id exists (in English, the reference catalogue). Front ends
// use it for optional messages; a missing id in T renders as the id itself.
func (l *Localizer) Has(id string) bool { return cat.has("en", id) }

// T renders message id with data. A message missing in this language falls back to English;
// a message missing everywhere renders as its id, so a gap shows instead of crashing.
func (l *Localizer) T(id string, data map[string]any) string {
	if data == nil {
		if s, ok := l.plain.Load(id); ok {
			return s.(string)
		}
	}
	s, _ := l.localize(id, nil, data)
	if data == nil {
		l.plain.Store(id, s)
	}
	return s
}

// N renders the plural message id for count; data may be nil and gets Count set (a Count in
// data is overwritten, so the number shown is always the one that chose the form).
func (l *Localizer) N(id string, count int, data map[string]any) string {
	s, _ := l.localize(id, count, data)
	return s
}

// Translated is template data that exists in several languages (a guideline's text): T and N
// render it in the Localizer's own language, so a message can name, say, a choice as the
// reader sees it without every caller knowing which language that is.
type Translated interface {
	Plain(lang string, fallbacks ...string) string
}

// localize is T and N with the error kept, for tests: a message missing in this language, or
// a plural form missing, returns the fallback text and an error.
func (l *Localizer) localize(id string, count any, data map[string]any) (string, error) {
	if !cat.has("en", id) && !cat.has(l.lang, id) {
		return id, &i18n.MessageNotFoundErr{Tag: language.Make(l.lang), MessageID: id}
	}
	// The caller's map is left as it is: it may be rendered again in another language.
	var own map[string]any
	for k, v := range data {
		if tr, ok := v.(Translated); ok {
			if own == nil {
				own = maps.Clone(data)
			}
			own[k] = tr.Plain(l.lang)
		}
	}
	if own != nil {
		data = own
	}
	cfg := &i18n.LocalizeConfig{MessageID: id, TemplateData: data}
	if count != nil {
		d := make(map[string]any, len(data)+1)
		for k, v := range data {
			d[k] = v
		}
		d["Count"] = count
		cfg.TemplateData = d
		cfg.PluralCount = count
	}
	s, err := cat.localize(l.lang, l.l, cfg)
	if s == "" && err != nil {
		return id, err
	}
	return s, err
}

// UnsupportedLanguageError says a language given by the user is not a UI language. Error()
// is English (for logs and wrapping); the CLI shows its own localized message with Value.
type UnsupportedLanguageError struct {
	Value string // as the user typed it
}

func (e *UnsupportedLanguageError) Error() string {
	return fmt.Sprintf("unsupported language %q: choose one of %s", e.Value, strings.Join(Languages, ", "))
}

// aliases maps codes people and systems really use to our codes. "mo" is the withdrawn ISO
// code for Romanian in Moldova (glibc still ships mo_MD); the three-letter ones are ISO 639-2;
// "ua" is the country code, often typed for Ukrainian and never a language of its own.
var aliases = map[string]string{
	"mo": "ro", "mol": "ro", "ron": "ro", "rum": "ro",
	"ukr": "uk", "ua": "uk",
	"rus": "ru",
	"eng": "en",
}

// Parse reads a language as a user or a system writes it — "ro", "RO", "ro-MD",
// "ro_MD.UTF-8", "uk_UA.utf8@euro", "mo", "C", "POSIX" — and returns one of Languages, or an
// *UnsupportedLanguageError. The C/POSIX locale means "no preference" and gives English.
func Parse(lang string) (string, error) {
	s := strings.TrimSpace(lang)
	// Drop "@modifier" and ".encoding" (POSIX locale names: lang_TERRITORY.codeset@modifier).
	if i := strings.IndexByte(s, '@'); i >= 0 {
		s = s[:i]
	}
	if i := strings.IndexByte(s, '.'); i >= 0 {
		s = s[:i]
	}
	if s == "C" || s == "POSIX" {
		return "en", nil
	}
	base, _, _ := strings.Cut(strings.ReplaceAll(s, "_", "-"), "-")
	base = strings.ToLower(base)
	if a, ok := aliases[base]; ok {
		base = a
	}
	if Supported(base) {
		return base, nil
	}
	return "", &UnsupportedLanguageError{Value: lang}
}

// Detect chooses the UI (interviewer's) language: the --ui-lang flag value, else
// EARLYID_LANG, else the system locale — the first non-empty of LC_ALL, LC_MESSAGES, LANG,
// as POSIX reads them — else English. getenv is os.Getenv when nil (tests pass a map).
//
// Detect never fails: a flag or EARLYID_LANG value that Parse rejects is skipped, so the CLI
// can report that error (with Parse) in the language the environment asks for. A system
// locale that is not a UI language (de_DE) gives English rather than a lower-priority
// variable, as POSIX would. On Windows and macOS these variables are often empty: English.
//
// The person's (content) language is not chosen here: the interview asks for it.
func Detect(flag string, getenv func(string) string) string {
	if getenv == nil {
		getenv = os.Getenv
	}
	for _, v := range []string{flag, getenv("EARLYID_LANG")} {
		if v == "" {
			continue
		}
		if code, err := Parse(v); err == nil {
			return code
		}
	}
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := getenv(name); v != "" {
			if code, err := Parse(v); err == nil {
				return code
			}
			return "en"
		}
	}
	return "en"
}

// Autonym returns a UI language's name in that language ("Українська"), the way language
// pickers list them so a reader finds their own; "" for other codes. For a language's name
// in the interviewer's language use the message "common.lang.<code>".
func Autonym(lang string) string {
	switch lang {
	case "en":
		return "English"
	case "ro":
		return "Română"
	case "uk":
		return "Українська"
	case "ru":
		return "Русский"
	}
	return ""
}
