package guidelines

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"
)

// Info is what a list of guidelines shows of one: its id, version, content languages and
// title.
type Info struct {
	ID        string
	Version   string
	Languages []string
	Title     Text
}

// infoKeys are the top-level keys readInfo reads.
var infoKeys = []string{"id", "version", "title", "languages", "extends"}

// EmbeddedInfo returns the Info of every built-in guideline, sorted by id, read from the
// top-level keys of each file without loading it: `version` and `guidelines` print a few
// ids and titles, and loading every built-in guideline (and its scenarios) to get them was
// most of their time. A guideline that extends another takes its languages from its base.
// The files are checked in full by the tests (TestEmbeddedInfoAgreesWithLoad); the error, a
// Diagnostics, lists the files whose keys cannot be read, the others are returned with it.
func EmbeddedInfo() ([]Info, error) {
	var out []Info
	var errs Diagnostics
	for _, id := range embeddedIDs() {
		info, err := embeddedInfo(id + ".yaml")
		if err != nil {
			errs = append(errs, Diagnostic{File: embeddedPrefix + id + ".yaml", Severity: SevError, Code: "read",
				Args: kv("Error", phrase("diag.reason.detail", "Detail", err.Error()))})
			continue
		}
		out = append(out, info)
	}
	slices.SortFunc(out, func(a, b Info) int { return strings.Compare(a.ID, b.ID) })
	if errs != nil {
		return out, errs
	}
	return out, nil
}

// embeddedInfos holds the Info of each embedded file once read (file name → result), so
// that a base extended by several files is read once.
var embeddedInfos sync.Map

type infoResult struct {
	info Info
	err  error
}

// embeddedInfo reads the Info of the embedded file name. A base is followed by id only, as
// built-in guidelines extend built-in ones; a chain longer than the number of files is a
// cycle.
func embeddedInfo(name string) (Info, error) {
	if v, ok := embeddedInfos.Load(name); ok {
		r := v.(infoResult)
		return r.info, r.err
	}
	info, err := followInfo(name, 0)
	embeddedInfos.Store(name, infoResult{info, err})
	return info, err
}

func followInfo(name string, depth int) (Info, error) {
	if depth > len(embeddedIDs()) {
		return Info{}, fmt.Errorf("%s extends guidelines in a cycle", name)
	}
	data, err := FS.ReadFile(name)
	if err != nil {
		return Info{}, fmt.Errorf("%s: %w", name, err)
	}
	info, extends, title, err := readInfo(data)
	if err != nil {
		return Info{}, fmt.Errorf("%s: %w", name, err)
	}
	if extends != "" && info.Languages == nil {
		base, err := followInfo(extends+".yaml", depth+1)
		if err != nil {
			return Info{}, err
		}
		info.Languages = base.Languages
	}
	switch {
	case title == nil:
	case title.Kind == yaml.ScalarNode && len(info.Languages) == 1:
		// A plain string is the one language's title, as the format allows.
		info.Title = Text{info.Languages[0]: title.Value}
	default:
		if err := title.Decode(&info.Title); err != nil {
			return Info{}, fmt.Errorf("%s: title: %w", name, err)
		}
	}
	return info, nil
}

// readInfo reads the id, version and languages, the title's node, and the base `extends`
// names, from a guideline file's top level. It parses only those keys' lines: each
// top-level key of a guideline starts a line at column 0 (the format's files are block
// mappings), and runs to the next such line.
func readInfo(data []byte) (info Info, extends string, title *yaml.Node, err error) {
	for key, entry := range topLevelEntries(data) {
		if !slices.Contains(infoKeys, key) {
			continue
		}
		var m map[string]yaml.Node
		if err := yaml.Unmarshal(entry, &m); err != nil {
			return Info{}, "", nil, fmt.Errorf("%s: %w", key, err)
		}
		v, ok := m[key]
		if !ok {
			continue
		}
		switch key {
		case "id":
			err = v.Decode(&info.ID)
		case "version":
			err = v.Decode(&info.Version)
		case "languages":
			err = v.Decode(&info.Languages)
		case "extends":
			err = v.Decode(&extends)
		case "title":
			title = &v
		}
		if err != nil {
			return Info{}, "", nil, fmt.Errorf("%s: %w", key, err)
		}
	}
	if info.ID == "" {
		return Info{}, "", nil, fmt.Errorf("no id")
	}
	return info, extends, title, nil
}

// topLevelEntries cuts a YAML block mapping into its top-level entries by lines (see
// readInfo), yielding each key with the lines of its entry.
func topLevelEntries(data []byte) func(yield func(string, []byte) bool) {
	return func(yield func(string, []byte) bool) {
		key, start := "", 0
		for i := 0; i <= len(data); {
			next := len(data)
			if i < len(data) {
				if j := bytes.IndexByte(data[i:], '\n'); j >= 0 {
					next = i + j + 1
				}
			}
			atKey := false
			var k string
			if i < len(data) {
				if c := data[i]; c != ' ' && c != '\t' && c != '#' && c != '\n' && c != '\r' && c != '-' {
					if j := bytes.IndexByte(data[i:next], ':'); j > 0 {
						atKey, k = true, string(data[i:i+j])
					}
				}
			}
			if atKey || i == len(data) {
				if key != "" && !yield(key, data[start:i]) {
					return
				}
				key, start = k, i
			}
			if i == len(data) {
				return
			}
			i = next
		}
	}
}
