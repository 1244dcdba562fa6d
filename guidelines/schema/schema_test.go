package schema_test

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"slices"
	"strings"
	"testing"

	"github.com/expr-lang/expr/builtin"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v3"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/guidelines/schema"
)

func compile(t *testing.T, name string, data []byte) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s is not JSON: %v", name, err)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	if err := c.AddResource(name, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(name)
	if err != nil {
		t.Fatalf("%s does not compile: %v", name, err)
	}
	return sch
}

// yamlToJSON converts a YAML document to the JSON value an editor's YAML language server
// validates: mappings become objects, scalars keep their YAML type.
func yamlToJSON(t *testing.T, data []byte) any {
	t.Helper()
	var v any
	if err := yaml.Unmarshal(data, &v); err != nil {
		t.Fatalf("not YAML: %v", err)
	}
	// Round-trip through encoding/json so the validator sees JSON types (float64, []any,
	// map[string]any) exactly as it would from a file.
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("not representable as JSON: %v", err)
	}
	out, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestShippedFilesValidate validates every guideline and scenario in the binary against the
// schema: the schema must accept everything the loader accepts in practice.
func TestShippedFilesValidate(t *testing.T) {
	g := compile(t, "guideline.schema.json", schema.Guideline)
	s := compile(t, "scenario.schema.json", schema.Scenario)
	files, _ := fs.Glob(guidelines.FS, "*.yaml")
	scen, _ := fs.Glob(guidelines.FS, "scenarios/*.yaml")
	if len(files) == 0 || len(scen) == 0 {
		t.Fatalf("no shipped files found (guidelines %d, scenarios %d)", len(files), len(scen))
	}
	for _, name := range append(files, scen...) {
		t.Run(name, func(t *testing.T) {
			data, err := fs.ReadFile(guidelines.FS, name)
			if err != nil {
				t.Fatal(err)
			}
			sch := g
			if guidelines.DetectFormat(data) == guidelines.FormatScenario {
				sch = s
			}
			if err := sch.Validate(yamlToJSON(t, data)); err != nil {
				t.Errorf("%s does not match the schema:\n%v", name, err)
			}
		})
	}
}

// minimal is the smallest valid guideline; the broken cases below change one thing in it.
const minimal = `format: earlyid/guideline/v1
id: tiny
version: "1"
title: Tiny
languages: [en]
sections:
  - id: main
    title: Main
    questions:
      - id: job_offer
        type: yesno
        text: Were you offered a job?
      - id: channel
        type: choice
        text: How?
        choices:
          - {id: online, text: Online}
          - {id: friend, text: A friend}
dimensions:
  - {id: deceptive_recruitment, stage: recruitment, text: Deceptive recruitment}
indicators:
  - id: offered
    dimension: deceptive_recruitment
    strength: weak
    text: Offered a job
    when: 'job_offer == "yes"'
scoring:
  element_positive:
    - {strong: 1}
  outcomes:
    - {id: none_found, level: low, text: Nothing, when: "true"}
`

func TestMinimalIsValid(t *testing.T) {
	// The loader and the schema agree on the base case the broken ones start from.
	if g, ds := guidelines.LoadBytes("tiny.yaml", []byte(minimal)); g == nil {
		t.Fatalf("the loader rejects the minimal guideline:\n%v", ds)
	}
	sch := compile(t, "guideline.schema.json", schema.Guideline)
	if err := sch.Validate(yamlToJSON(t, []byte(minimal))); err != nil {
		t.Fatalf("the schema rejects the minimal guideline:\n%v", err)
	}
}

// TestSchemaRejectsBrokenFiles checks that each broken file is rejected by the schema and,
// so the two cannot drift apart, by the loader too.
func TestSchemaRejectsBrokenFiles(t *testing.T) {
	sch := compile(t, "guideline.schema.json", schema.Guideline)
	tests := []struct {
		name     string
		old, new string
		wantCode string // the loader's finding
	}{
		{"unknown top-level key", "version: \"1\"\n", "version: \"1\"\nauthor: me\n", "unknown_key"},
		{"unknown question key", "        type: yesno\n", "        type: yesno\n        hidden: true\n", "unknown_key"},
		{"bad question type", "type: yesno", "type: boolean", "unknown_type"},
		{"bad strength", "strength: weak", "strength: mild", "unknown_strength"},
		{"bad stage", "stage: recruitment", "stage: transit", "unknown_stage"},
		{"bad level", "level: low", "level: none", "unknown_level"},
		{"bad id pattern", "id: job_offer", "id: Job-Offer", "bad_id"},
		{"reserved id", "id: job_offer", "id: len", "reserved_id"},
		{"bad guideline id", "id: tiny", "id: Tiny_One", "bad_id"},
		{"missing required top-level key", "version: \"1\"\n", "", "missing_field"},
		{"missing question text", "        text: Were you offered a job?\n", "", "missing_field"},
		{"unquoted version", `version: "1"`, "version: 1", "want_string"},
		{"one choice", "          - {id: friend, text: A friend}\n", "", "few_choices"},
		{"choices on a yesno", "        text: Were you offered a job?\n", "        text: Were you offered a job?\n        choices: [{id: a, text: A}, {id: b, text: B}]\n", "choices_not_allowed"},
		{"min on a choice", "        text: How?\n", "        text: How?\n        min: 1\n", "minmax_not_allowed"},
		{"empty text", "title: Tiny", `title: ""`, "empty_translation"},
		{"zero count", "{strong: 1}", "{strong: 0}", "bad_count"},
		{"empty combination", "{strong: 1}", "{}", "empty_combination"},
		{"choice named unknown", "{id: online, text: Online}", "{id: unknown, text: Online}", "reserved_id"},
		{"exclusive on a choice question", "{id: online, text: Online}", "{id: online, text: Online, exclusive: true}", "exclusive_not_allowed"},
		{"extends and gives its own questionnaire", "id: tiny\n", "extends: example\nid: tiny\n", "extends_override"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(minimal, tt.old) {
				t.Fatalf("test setup: %q not in the minimal guideline", tt.old)
			}
			src := strings.Replace(minimal, tt.old, tt.new, 1)
			if err := sch.Validate(yamlToJSON(t, []byte(src))); err == nil {
				t.Errorf("the schema accepts it")
			}
			_, ds := guidelines.LoadBytes("broken.yaml", []byte(src))
			var codes []string
			for _, d := range ds {
				codes = append(codes, d.Code)
			}
			if !slices.Contains(codes, tt.wantCode) {
				t.Errorf("the loader does not report %s; it reports %v", tt.wantCode, codes)
			}
		})
	}
}

func TestScenarioSchemaRejectsBrokenFiles(t *testing.T) {
	sch := compile(t, "scenario.schema.json", schema.Scenario)
	good := `format: earlyid/scenario/v1
id: tiny-case
guideline: tiny
title: A case
lesson: An offer alone is not an indicator.
answers:
  job_offer: yes
  channel: [online]
  age: 24
notes:
  job_offer: From a stranger.
expected:
  outcome: none_found
  indicators: [offered]
  reasoning: "offered (weak) alone: no dimension positive."
`
	if err := sch.Validate(yamlToJSON(t, []byte(good))); err != nil {
		t.Fatalf("the schema rejects a valid scenario:\n%v", err)
	}
	for _, tt := range []struct{ name, old, new string }{
		{"unknown key", "title: A case\n", "title: A case\nauthor: me\n"},
		{"wrong format", "earlyid/scenario/v1", "earlyid/scenario/v2"},
		{"missing expected outcome", "  outcome: none_found\n", ""},
		{"bad answer id", "  age: 24", "  Age: 24"},
		{"unknown expected key", "  indicators: [offered]\n", "  indicators: [offered]\n  result: []\n"},
		{"empty lesson", "lesson: An offer alone is not an indicator.", "lesson: \"\""},
		{"lesson as a list", "lesson: An offer alone is not an indicator.", "lesson: [An offer]"},
		{"empty reasoning", `reasoning: "offered (weak) alone: no dimension positive."`, `reasoning: " "`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if err := sch.Validate(yamlToJSON(t, []byte(strings.Replace(good, tt.old, tt.new, 1)))); err == nil {
				t.Errorf("the schema accepts it")
			}
		})
	}
}

// TestReservedWordsMatchExpr keeps the schema's list of reserved ids in step with expr's
// built-in functions, which the loader reads from expr itself.
func TestReservedWordsMatchExpr(t *testing.T) {
	var s struct {
		Defs struct {
			Reserved struct {
				Enum []string `json:"enum"`
			} `json:"reserved"`
		} `json:"$defs"`
	}
	if err := json.Unmarshal(schema.Guideline, &s); err != nil {
		t.Fatal(err)
	}
	for _, f := range builtin.Builtins {
		if f.Name == strings.ToLower(f.Name) && !slices.Contains(s.Defs.Reserved.Enum, f.Name) {
			t.Errorf("expr built-in %q is not in the schema's reserved ids", f.Name)
		}
	}
	for _, w := range []string{"in", "not", "and", "or", "nil", "true", "false", "profile", "outcome", "strong", "medium", "weak"} {
		if !slices.Contains(s.Defs.Reserved.Enum, w) {
			t.Errorf("%q is not in the schema's reserved ids", w)
		}
	}
}

// TestSchemasAreDraft2020 guards the $schema line editors read to pick the dialect.
func TestSchemasAreDraft2020(t *testing.T) {
	for name, data := range map[string][]byte{"guideline": schema.Guideline, "scenario": schema.Scenario} {
		var s map[string]any
		if err := json.Unmarshal(data, &s); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if s["$schema"] != "https://json-schema.org/draft/2020-12/schema" {
			t.Errorf("%s: $schema = %v", name, s["$schema"])
		}
	}
}
