package plain

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/earlyid/earlyid/interview"
	"github.com/earlyid/earlyid/interview/bilingual"
	"github.com/earlyid/earlyid/locales"
)

// Setup says which of the setup's choices the command's flags left open. On a terminal
// plain mode asks them, as the full screen's setup form does, so that no interview starts
// in a language nobody chose; the place, role and institution are asked when the session
// has none. A self session asks nothing: the person must not meet the staff's fields.
type Setup struct {
	AskLang, AskUILang, AskInterpreter bool
}

// setup runs before the first question of a new session: on a terminal (prompt) it asks
// what the flags left open; in a script it takes the flags and defaults and prints them
// once, so the log shows what the interview ran with.
func (r *runner) setup(o Options) {
	if r.self {
		return
	}
	if o.Prompt {
		r.askSetup(o.Setup)
	}
	r.println(r.t("plain.setup.chosen", map[string]any{"Values": strings.Join(r.setupValues(), " · ")}))
	r.println("")
}

// askSetup asks the open choices in the order of the setup form. Enter keeps what is
// shown; the end of the input keeps the rest (the interview then ends as usual).
func (r *runner) askSetup(ask Setup) {
	s := r.s
	r.println("== " + r.t("interview.setup.title", nil) + " ==")
	lang, uiLang := s.Lang, s.UILang
	if ask.AskLang {
		lang = r.pick("interview.setup.person_lang", r.g.Languages, lang)
	}
	if ask.AskUILang {
		uiLang = r.pick("interview.setup.ui_lang", locales.Languages, uiLang)
	}
	if lang != s.Lang || uiLang != s.UILang {
		r.e.SetLanguages(lang, uiLang)
		r.langs = bilingual.New(r.g, s.Lang, s.UILang, r.self) // the next prompts in the new language
	}
	fields := []struct {
		label string
		to    *string
	}{
		{"interview.setup.place", &s.Place}, {"interview.setup.role", &s.InterviewerRole}, {"interview.setup.institution", &s.Institution},
	}
	helped := false
	for _, f := range fields {
		if *f.to != "" || r.eof || r.quick || r.pending != "" {
			continue
		}
		if !helped {
			r.println(r.t("interview.setup.header_help", nil))
			helped = true
		}
		for {
			r.print(r.t("plain.setup.text", map[string]any{"Label": r.t(f.label, nil)}) + " ")
			line, ok := r.setupLine()
			if !ok {
				break
			}
			v, ok := interview.HeaderField(line)
			if !ok {
				r.println(r.t("plain.setup.too_long", map[string]any{"Max": interview.MaxHeaderField}))
				continue
			}
			*f.to = v
			break
		}
	}
	if ask.AskInterpreter {
		present := s.Interpreter
		for !r.eof && !r.quick && r.pending == "" {
			r.print(r.t("plain.setup.prompt", map[string]any{"Label": r.t("interview.setup.interpreter", nil),
				"How": r.t("plain.prompt.yesno", nil), "Current": r.yesNo(present)}) + " ")
			line, ok := r.setupLine()
			if !ok || strings.TrimSpace(line) == "" {
				break
			}
			yes, ok := interview.YesNo(line)
			if ok {
				present = yes
				break
			}
			r.println(r.t("interview.error.not_yes_no", nil))
		}
		r.e.SetInterpreter(present)
	}
}

// setupLine reads an answer to a setup question. ok is false when the setup is over: the
// input ended, the quick exit was asked for, or a command was typed (:quit, :help…), which
// ends the setup with what is shown and is read again at the first question.
func (r *runner) setupLine() (line string, ok bool) {
	if r.eof || r.quick || r.pending != "" {
		return "", false
	}
	line, eof := r.readLine()
	if eof {
		return "", false
	}
	if IsCommand(line) {
		r.pending = line
		return "", false
	}
	return line, true
}

// pick asks for one of langs by its number and returns it; Enter (or the end of the
// input) keeps current.
func (r *runner) pick(label string, langs []string, current string) string {
	if r.eof || r.quick || r.pending != "" {
		return current
	}
	for i, l := range langs {
		r.println(fmt.Sprintf("  %d) %s", i+1, locales.Autonym(l)))
	}
	for {
		r.print(r.t("plain.setup.prompt", map[string]any{"Label": r.t(label, nil),
			"How": r.t("plain.setup.number", nil), "Current": locales.Autonym(current)}) + " ")
		line, ok := r.setupLine()
		line = strings.TrimSpace(line)
		if !ok || line == "" {
			return current
		}
		if n, err := strconv.Atoi(line); err == nil && n >= 1 && n <= len(langs) {
			return langs[n-1]
		}
		if i := slices.Index(langs, strings.ToLower(line)); i >= 0 { // a language code works too
			return langs[i]
		}
		r.println(r.t("plain.setup.invalid", nil))
	}
}

func (r *runner) yesNo(v bool) string {
	if v {
		return r.t("common.yes", nil)
	}
	return r.t("common.no", nil)
}

// setupValues are the setup's choices as the line after the setup prints them: the
// languages, the interpreter, and the place, role and institution the session has.
func (r *runner) setupValues() []string {
	s := r.s
	out := []string{
		r.t("interview.setup.person_lang", nil) + ": " + locales.Autonym(s.Lang),
		r.t("interview.setup.ui_lang", nil) + ": " + locales.Autonym(s.UILang),
		r.t("interview.setup.interpreter", nil) + ": " + r.yesNo(s.Interpreter),
	}
	for _, f := range []struct{ label, v string }{
		{"interview.setup.place", s.Place}, {"interview.setup.role", s.InterviewerRole}, {"interview.setup.institution", s.Institution},
	} {
		if f.v != "" {
			out = append(out, r.t(f.label, nil)+": "+f.v)
		}
	}
	return out
}
