package guidelines

import (
	"maps"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

var placeRe = lazyRegexp(`^sections\[(\d+)\](?:\.questions\[(\d+)\])?(.*)$`)

// namePlaces rewrites each finding that names a place as a path into the sections
// ("sections[3].questions[2].when", counted from zero) so that a person can find it: by the
// question's or section's id and the number the preview gives it, counted from one
// ("debt_amount (4.3) › when"). The path itself stays in Args["Path"], and the id and
// number in Args["Question"] or Args["Section"] and Args["Number"], for tools. A place
// whose item has no readable id keeps its path: there is nothing better to name it by.
func (l *loader) namePlaces(root *yaml.Node) {
	secs := mapValue(root, "sections")
	for i := range l.diags {
		d := &l.diags[i]
		path, _ := d.Args["Field"].(string)
		m := placeRe().FindStringSubmatch(path)
		if m == nil {
			continue
		}
		si, _ := strconv.Atoi(m[1])
		sec := listItem(secs, si)
		idKey, id, number := "Section", scalarValue(mapValue(sec, "id")), strconv.Itoa(si+1)
		if m[2] != "" {
			qi, _ := strconv.Atoi(m[2])
			idKey, id = "Question", scalarValue(mapValue(listItem(mapValue(sec, "questions"), qi), "id"))
			number += "." + strconv.Itoa(qi+1)
		}
		if id == "" {
			continue
		}
		place := id + " (" + number + ")"
		if rest := strings.TrimPrefix(m[3], "."); rest != "" {
			place += " › " + rest
		}
		args := maps.Clone(d.Args)
		args["Field"], args["Path"], args[idKey], args["Number"] = place, path, id, number
		d.Args = args
	}
}

// mapValue is the value of key in the mapping n; nil when n is no mapping or lacks key.
func mapValue(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k := n.Content[i]; k.Kind == yaml.ScalarNode && k.Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

// listItem is the i-th item of the list n; nil when there is none.
func listItem(n *yaml.Node, i int) *yaml.Node {
	if n == nil || n.Kind != yaml.SequenceNode || i >= len(n.Content) {
		return nil
	}
	return n.Content[i]
}

// scalarValue is n's text when n is an id as the format allows one, else "".
func scalarValue(n *yaml.Node) string {
	if n == nil || n.Kind != yaml.ScalarNode || !isID(n.Value) {
		return ""
	}
	return n.Value
}
