package schema

import (
	"encoding/json"
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
