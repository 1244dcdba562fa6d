package schema

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// TestEveryFieldIsDescribed: an editor shows a field's description on hover and while
// completing, so every field of both schemas has one, and every value of an enumerated
// field too (written as oneOf consts, which editors show beside each value). Constraint
// fragments inside if/then/else/not are not fields and are left out.
func TestEveryFieldIsDescribed(t *testing.T) {
	for name, data := range map[string][]byte{"guideline": Guideline, "scenario": Scenario} {
		var doc map[string]any
		if err := json.Unmarshal(data, &doc); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var missing []string
		var walk func(n any, path string, fragment bool)
		walk = func(n any, path string, fragment bool) {
			switch n := n.(type) {
			case map[string]any:
				if _, ok := n["const"]; ok && !fragment && strings.Contains(path, "oneOf") {
					if d, _ := n["description"].(string); strings.TrimSpace(d) == "" {
						missing = append(missing, path)
					}
				}
				if _, ok := n["enum"]; ok && !fragment && !strings.HasSuffix(path, "reserved") {
					missing = append(missing, path+" (an enum without a description per value)")
				}
				for k, v := range n {
					switch k {
					case "properties":
						props, _ := v.(map[string]any)
						for pk, pv := range props {
							p, isMap := pv.(map[string]any)
							if !fragment && isMap {
								if d, _ := p["description"].(string); strings.TrimSpace(d) == "" {
									missing = append(missing, path+"."+pk)
								}
							}
							walk(pv, path+"."+pk, fragment)
						}
					case "if", "then", "else", "not":
						walk(v, path+"/"+k, true)
					default:
						walk(v, path+"/"+k, fragment)
					}
				}
			case []any:
				for _, x := range n {
					walk(x, path, fragment)
				}
			}
		}
		walk(doc, "", false)
		for _, m := range missing {
			t.Errorf("%s schema: %s has no description", name, m)
		}
		if d, _ := doc["description"].(string); !strings.Contains(d, "docs/guideline-format.md") {
			t.Errorf("%s schema: its description does not point at docs/guideline-format.md", name)
		}
	}
}

// TestEveryKeyIsDocumented: the format's reference in the repository names every key of
// both schemas (as `key`), so a key added to the format cannot go undocumented.
func TestEveryKeyIsDocumented(t *testing.T) {
	var docs strings.Builder
	for _, f := range []string{"../../docs/guideline-format.md", "../../docs/scenario-format.md"} {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		docs.Write(data)
	}
	for name, data := range map[string][]byte{"guideline": Guideline, "scenario": Scenario} {
		var doc map[string]any
		if err := json.Unmarshal(data, &doc); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		keys := map[string]bool{}
		var walk func(n any)
		walk = func(n any) {
			switch n := n.(type) {
			case map[string]any:
				for k, v := range n {
					if props, ok := v.(map[string]any); ok && k == "properties" {
						for pk := range props {
							keys[pk] = true
						}
					}
					walk(v)
				}
			case []any:
				for _, x := range n {
					walk(x)
				}
			}
		}
		walk(doc)
		if len(keys) < 10 {
			t.Fatalf("%s schema: only %d keys found", name, len(keys))
		}
		for k := range keys {
			if !strings.Contains(docs.String(), "`"+k+"`") {
				t.Errorf("%s schema: the key %q is not documented in docs/ (as `%s`)", name, k, k)
			}
		}
	}
}
