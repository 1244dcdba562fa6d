// Package locales holds every string the program shows, in English, Romanian, Ukrainian and
// Russian (go-i18n v2 message files, embedded), and a small API to look them up.
package locales

import (
	"embed"
	"fmt"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"go.yaml.in/yaml/v3"
	"golang.org/x/text/language"
)

// FS holds the message files, one per language.
//
//go:embed active.*.yaml
var FS embed.FS

// Languages lists the UI languages; the first is the fallback.
var Languages = []string{"en", "ro", "uk", "ru"}

var bundle = mustBundle()

func mustBundle() *i18n.Bundle {
	b := i18n.NewBundle(language.English)
	b.RegisterUnmarshalFunc("yaml", yaml.Unmarshal)
	for _, lang := range Languages {
		if _, err := b.LoadMessageFileFS(FS, "active."+lang+".yaml"); err != nil {
			// The files are embedded and tested; a broken one is a build defect, not user input.
			panic(fmt.Sprintf("locales: embedded message file for %s is broken: %v", lang, err))
		}
	}
	return b
}

// Localizer renders messages in one UI language.
type Localizer struct {
	lang string
	l    *i18n.Localizer
}

// New returns a Localizer for lang (one of Languages); any other value gives English.
func New(lang string) *Localizer {
	if !Supported(lang) {
		lang = "en"
	}
	return &Localizer{lang: lang, l: i18n.NewLocalizer(bundle, lang, "en")}
}

// Supported reports whether lang is one of the UI languages.
func Supported(lang string) bool {
	for _, l := range Languages {
		if l == lang {
			return true
		}
	}
	return false
}

// Lang returns the language this Localizer speaks.
func (l *Localizer) Lang() string { return l.lang }

// T renders message id with data. A message missing in this language falls back to English;
// a message missing everywhere renders as its id, so a gap shows instead of crashing.
func (l *Localizer) T(id string, data map[string]any) string {
	s, err := l.l.Localize(&i18n.LocalizeConfig{MessageID: id, TemplateData: data})
	if s == "" && err != nil {
		return id
	}
	return s
}

// N renders the plural message id for count; data may be nil and gets Count set.
func (l *Localizer) N(id string, count int, data map[string]any) string {
	d := map[string]any{"Count": count}
	for k, v := range data {
		d[k] = v
	}
	s, err := l.l.Localize(&i18n.LocalizeConfig{MessageID: id, PluralCount: count, TemplateData: d})
	if s == "" && err != nil {
		return id
	}
	return s
}
