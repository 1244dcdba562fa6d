package locales

import (
	"strings"
	"testing"
	"unicode"
)

// TestOneFormReadsForTwentyOne: in Ukrainian and Russian the "one" form also serves 21, 31,
// 101…, so it cannot go on about the item as if there were one: "21 файл … його не
// враховано" ("it was not counted") tells a reader of 21 files about one. These messages
// (counts of sessions, files and interviews in a report or a debrief, often above 20 in a
// pilot) name their items again without a personal pronoun.
func TestOneFormReadsForTwentyOne(t *testing.T) {
	ids := []string{
		"train.group.demos_left_out", "train.group.unfinished_left_out", "train.report.duplicates",
		"train.report.other_version", "train.report.skipped_damaged", "train.report.skipped_demos",
		"train.report.skipped_encrypted", "train.warn.encrypted_locked", "train.report.rescore.basis",
	}
	pronouns := map[string][]string{
		"uk": {"він", "вона", "воно", "його", "її", "йому", "їй"},
		"ru": {"он", "она", "оно", "его", "её", "ее", "ему", "ей"},
	}
	for lang, words := range pronouns {
		l := New(lang)
		for _, id := range ids {
			s := l.N(id, 21, nil)
			for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) }) {
				for _, p := range words {
					if w == p {
						t.Errorf("%s %s for 21 says %q of one item: %s", lang, id, p, s)
					}
				}
			}
		}
	}
}
