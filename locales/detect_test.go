package locales

import (
	"errors"
	"strings"
	"testing"
)

func TestDetect(t *testing.T) {
	tests := []struct {
		name string
		flag string
		env  map[string]string
		want string
	}{
		{"nothing set", "", nil, "en"},
		{"flag wins", "uk", map[string]string{"EARLYID_LANG": "ru", "LANG": "ro_MD.UTF-8"}, "uk"},
		{"flag with region", "ro-MD", nil, "ro"},
		{"bad flag is skipped (the CLI reports it)", "xx", map[string]string{"LANG": "ru_RU.UTF-8"}, "ru"},
		{"EARLYID_LANG before locale", "", map[string]string{"EARLYID_LANG": "ru", "LANG": "ro_MD.UTF-8"}, "ru"},
		{"bad EARLYID_LANG falls to locale", "", map[string]string{"EARLYID_LANG": "de", "LANG": "uk_UA.UTF-8"}, "uk"},
		{"LANG ro_MD", "", map[string]string{"LANG": "ro_MD.UTF-8"}, "ro"},
		{"LANG uk_UA", "", map[string]string{"LANG": "uk_UA.UTF-8"}, "uk"},
		{"LANG ru_RU", "", map[string]string{"LANG": "ru_RU"}, "ru"},
		{"LANG mo", "", map[string]string{"LANG": "mo"}, "ro"},
		{"LANG C", "", map[string]string{"LANG": "C"}, "en"},
		{"LANG POSIX", "", map[string]string{"LANG": "POSIX"}, "en"},
		{"LANG C.UTF-8", "", map[string]string{"LANG": "C.UTF-8"}, "en"},
		{"LC_ALL wins over LANG", "", map[string]string{"LC_ALL": "ru_RU.UTF-8", "LANG": "uk_UA.UTF-8"}, "ru"},
		{"LC_ALL=C wins over LANG", "", map[string]string{"LC_ALL": "C", "LANG": "uk_UA.UTF-8"}, "en"},
		{"LC_MESSAGES before LANG", "", map[string]string{"LC_MESSAGES": "ro_RO.UTF-8", "LANG": "ru_RU.UTF-8"}, "ro"},
		{"empty LC_ALL is not set", "", map[string]string{"LC_ALL": "", "LANG": "uk_UA.UTF-8"}, "uk"},
		{"unsupported locale is English, not the next variable", "", map[string]string{"LC_ALL": "de_DE.UTF-8", "LANG": "ru_RU.UTF-8"}, "en"},
		{"modifier", "", map[string]string{"LANG": "uk_UA.utf8@euro"}, "uk"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Detect(tt.flag, func(k string) string { return tt.env[k] }); got != tt.want {
				t.Errorf("Detect(%q, %v) = %q, want %q", tt.flag, tt.env, got, tt.want)
			}
		})
	}
}

func TestParse(t *testing.T) {
	ok := map[string]string{
		"ro": "ro", "RO": "ro", "ro-MD": "ro", "ro_MD.UTF-8": "ro", "mo": "ro", "mo_MD": "ro", "ron": "ro",
		"uk": "uk", "uk_UA.utf8@euro": "uk", "UK-ua": "uk", "ukr": "uk", "ua": "uk",
		"ru": "ru", "ru_RU": "ru", "ru-MD": "ru", " en ": "en", "en_US.UTF-8": "en", "C": "en", "POSIX": "en",
	}
	for in, want := range ok {
		got, err := Parse(in)
		if err != nil || got != want {
			t.Errorf("Parse(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"", "xx", "de_DE.UTF-8", "r", "rom", "english", "-ro"} {
		got, err := Parse(in)
		var ule *UnsupportedLanguageError
		if err == nil || !errors.As(err, &ule) {
			t.Errorf("Parse(%q) = %q, %v; want an UnsupportedLanguageError", in, got, err)
			continue
		}
		if ule.Value != in || !strings.Contains(err.Error(), "en, ro, uk, ru") {
			t.Errorf("Parse(%q) error %q should name the value and the supported languages", in, err)
		}
	}
}

func TestAutonym(t *testing.T) {
	for _, lang := range Languages {
		if Autonym(lang) == "" {
			t.Errorf("no autonym for %s", lang)
		}
	}
	if Autonym("de") != "" {
		t.Error("Autonym of an unsupported language should be empty")
	}
}

func BenchmarkT(b *testing.B) {
	l := New("uk")
	for b.Loop() {
		_ = l.T("tui.key.move.short", nil)
	}
}

func BenchmarkN(b *testing.B) {
	l := New("ru")
	for i := 0; b.Loop(); i++ {
		_ = l.N("common.questions_of", i%30, map[string]any{"Done": 3})
	}
}
