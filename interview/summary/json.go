package summary

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
)

// SchemaJSON is the JSON Schema (draft 2020-12) of the JSON summary ("earlyid/summary/v1"),
// printed by `earlyid schema --summary`. Keys are snake_case and stable: version 1 only ever
// adds keys; renaming or removing one makes version 2.
//
//go:embed summary.schema.json
var SchemaJSON []byte

// WriteJSON writes the summary as one indented JSON object followed by a newline.
func (s *Summary) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	// Readable && and quotes in rules and texts; a consumer embedding it in HTML escapes it
	// there, as for any JSON.
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		return fmt.Errorf("the JSON summary could not be written: %w", err) // i18n:ignore: Go error, localized by callers
	}
	return nil
}
