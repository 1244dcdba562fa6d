// Package schema holds the JSON Schemas (draft 2020-12) of the guideline and scenario file
// formats, for editors: with the YAML language server, a guideline file gets completion,
// hover help and the structural checks as you type.
//
// The schemas are written by hand to mirror the loader in package guidelines; a test
// validates every shipped file against them and checks that broken files are rejected, so
// they cannot drift apart unnoticed. `earlyid validate` remains the full check (conditions,
// references, translations); the schema covers structure, types, enums and id syntax.
package schema

import _ "embed"

// Guideline is the JSON Schema of earlyid/guideline/v1 files.
//
//go:embed guideline.schema.json
var Guideline []byte

// Scenario is the JSON Schema of earlyid/scenario/v1 files.
//
//go:embed scenario.schema.json
var Scenario []byte
