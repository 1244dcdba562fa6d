package workbook

import (
	"regexp"
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// The sheets of a workbook, in the order they are written. survey, choices and settings are
// XLSForm's; the others hold what XLSForm has no place for.
const (
	sheetSurvey     = "survey"
	sheetChoices    = "choices"
	sheetSettings   = "settings"
	sheetPrivacy    = "privacy"
	sheetProfiles   = "profiles"
	sheetDimensions = "dimensions"
	sheetIndicators = "indicators"
	sheetElements   = "element_positive"
	sheetOutcomes   = "outcomes"
	sheetFlags      = "flags"
	sheetReferrals  = "referrals"
)

var sheetOrder = []string{sheetSurvey, sheetChoices, sheetSettings, sheetPrivacy, sheetProfiles,
	sheetDimensions, sheetIndicators, sheetElements, sheetOutcomes, sheetFlags, sheetReferrals}

// columns lists, per sheet, its plain columns and its translated ones (written once per
// language, as base::Language (code)), in the order they are written. In survey, begin
// group rows use label for the section title and intro, intro_self and role; question rows
// use the others.
var columns = map[string]struct{ plain, texts []string }{
	sheetSurvey:     {plain: []string{"type", "name", "relevant", "pause_when", "ask", "sensitive", "summary", "past", "future", "min", "max", "role"}, texts: []string{"label", "hint", "intro", "intro_self", "summary_label"}},
	sheetChoices:    {plain: []string{"list_name", "name", "exclusive"}, texts: []string{"label"}},
	sheetSettings:   {plain: []string{"form_id", "version", "format", "extends", "languages", "source"}, texts: []string{"form_title", "description", "review"}},
	sheetPrivacy:    {plain: []string{"share_identity_when"}},
	sheetProfiles:   {plain: []string{"id", "when"}, texts: []string{"text"}},
	sheetDimensions: {plain: []string{"id", "stage"}, texts: []string{"text"}},
	sheetIndicators: {plain: []string{"id", "dimension", "strength", "when", "evidence", "source", "provisional"}, texts: []string{"text"}},
	sheetElements:   {plain: []string{"strong", "medium", "weak"}},
	sheetOutcomes:   {plain: []string{"id", "level", "when"}, texts: []string{"text"}},
	sheetFlags:      {plain: []string{"id", "urgency", "when", "refer"}, texts: []string{"text"}},
	sheetReferrals:  {plain: []string{"id", "contact", "when"}, texts: []string{"name", "role", "role_self"}},
}

// The survey types of a workbook. choice and multi questions are XLSForm's select_one and
// select_multiple with a list named after the question; yesno has no XLSForm equivalent
// with earlyid's built-in answers, so it keeps its own name.
const (
	typeBeginGroup = "begin group"
	typeEndGroup   = "end group"
	typeSelectOne  = "select_one"
	typeSelectMany = "select_multiple"
	typeDecimal    = "decimal"
	typeInteger    = "integer"
)

// langHeader is a translated column's header: label::English (en).
func langHeader(base, lang string) string {
	return base + "::" + langName(lang) + " (" + lang + ")"
}

// langName is the English name of a language code, as XLSForm's headers write it.
func langName(code string) string {
	tag, err := language.Parse(code)
	if err != nil {
		return code
	}
	if n := display.English.Languages().Name(tag); n != "" {
		return n
	}
	return code
}

var headerLangRe = regexp.MustCompile(`^(.*)\(([A-Za-z0-9-]+)\)\s*$`)

// splitHeader reads a header cell: base and, for a translated column, the language code in
// its parentheses ("label::Romanian (ro)" → label, ro). A header with :: and no code in
// parentheses gives the text after :: as the code, as a bare "label::ro" means.
func splitHeader(h string) (base, lang string, translated bool) {
	h = strings.TrimSpace(h)
	base, rest, ok := strings.Cut(h, "::")
	if !ok {
		return h, "", false
	}
	base = strings.TrimSpace(base)
	if m := headerLangRe.FindStringSubmatch(rest); m != nil {
		return base, m[2], true
	}
	return base, strings.TrimSpace(rest), true
}

// commentID is the message that explains a column in its header's comment.
func commentID(sheet, base string) string {
	if sheet == sheetElements {
		return "workbook.col." + sheetElements
	}
	switch base {
	case "id", "when", "text", "source":
		return "workbook.col." + base
	}
	return "workbook.col." + sheet + "." + base
}
