// Package catalog turns a go-i18n YAML message file into the JSON form the program embeds.
//
// The YAML files in locales/ are the source that translators edit; parsing them with yaml.v3
// took half of the start-up time of every command (5 ms for English alone on the development
// machine), while encoding/json reads the same messages in a tenth of that. The JSON files are
// generated (go generate ./locales) and a test fails when they differ from the YAML.
package catalog

import (
	"bytes"
	"encoding/json"
	"fmt"

	"go.yaml.in/yaml/v3"
)

// JSON returns the messages of a YAML message file as indented JSON with sorted keys:
// the same ids, texts and plural forms, without the comments.
func JSON(yamlData []byte) ([]byte, error) {
	var messages map[string]any
	if err := yaml.Unmarshal(yamlData, &messages); err != nil {
		return nil, fmt.Errorf("the message file does not parse: %w", err)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // templates hold < and > as they are
	enc.SetIndent("", "\t")
	if err := enc.Encode(messages); err != nil {
		return nil, fmt.Errorf("the messages cannot be written as JSON: %w", err)
	}
	return buf.Bytes(), nil
}
