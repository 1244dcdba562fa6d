package guidelines

import (
	"bytes"
	"fmt"
	"io"
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
func embeddedInfo(name string) (Info, error) { return followInfo(name, 0) }

func followInfo(name string, depth int) (Info, error) {
	if v, ok := embeddedInfos.Load(name); ok {
		r := v.(infoResult)
		return r.info, r.err
	}
	info, err := followInfoUncached(name, depth)
	embeddedInfos.Store(name, infoResult{info, err})
	return info, err
}

func followInfoUncached(name string, depth int) (Info, error) {
	if depth > len(embeddedIDs()) {
		return Info{}, fmt.Errorf("%s extends guidelines in a cycle", name)
	}
	if info, _, title, err := readEmbeddedHead(name); err == nil && info.Version != "" && info.Languages != nil && title != nil {
		return infoWithTitle(name, info, title)
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
	return infoWithTitle(name, info, title)
}

// infoHead is how much of an embedded guideline readEmbeddedHead reads: its header keys
// stand in the first few kilobytes, before the sections.
const infoHead = 16 << 10

// readEmbeddedHead runs readInfo on the top-level entries that lie whole in the first
// infoHead bytes of the embedded file name. Reading the whole file copied 335 KB of the
// default guideline (twice: its strict variant extends it) into fresh memory for a few
// keys, most of the time `earlyid version` took. A key that is not there may lie further
// on: the caller then reads the whole file.
func readEmbeddedHead(name string) (Info, string, *yaml.Node, error) {
	f, err := FS.Open(name)
	if err != nil {
		return Info{}, "", nil, err
	}
	defer f.Close()
	head := make([]byte, infoHead)
	n, err := io.ReadFull(f, head)
	switch {
	case err == io.EOF || err == io.ErrUnexpectedEOF:
		return readInfo(head[:n]) // the whole file
	case err != nil:
		return Info{}, "", nil, err
	}
	// Cut before the last line that starts a top-level entry: the entry it starts may go on
	// past the head, and a cut one would be read wrong.
	cut := len(head)
	for cut > 0 {
		i := bytes.LastIndexByte(head[:cut], '\n')
		if i >= 0 && i+1 < cut && startsEntry(head[i+1]) {
			cut = i + 1
			break
		}
		cut = max(i, 0)
	}
	return readInfo(head[:cut])
}

// startsEntry reports whether a line that starts with c may start a top-level entry: it is
// not indented, a comment, blank or a sequence item.
func startsEntry(c byte) bool {
	return c != ' ' && c != '\t' && c != '#' && c != '\n' && c != '\r' && c != '-'
}

// infoWithTitle sets info's Title from the title's node.
func infoWithTitle(name string, info Info, title *yaml.Node) (Info, error) {
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
func readInfo(data []byte) (Info, string, *yaml.Node, error) {
	// One parse of the wanted entries together: each yaml.v3 parse has a set cost of its own,
	// most of what reading a built-in guideline's header took when each key had its own.
	var joined []byte
	for key, entry := range topLevelEntries(data) {
		if slices.Contains(infoKeys, key) {
			joined = append(joined, entry...)
			if !bytes.HasSuffix(joined, []byte("\n")) {
				joined = append(joined, '\n')
			}
		}
	}
	var m map[string]yaml.Node
	if yaml.Unmarshal(joined, &m) != nil {
		// A key given twice, or lines that do not parse: key by key, the error names it.
		return readInfoByKey(data)
	}
	var h header
	for _, key := range infoKeys {
		if v, ok := m[key]; ok {
			if err := h.take(key, v); err != nil {
				return Info{}, "", nil, err
			}
		}
	}
	return h.result()
}

// readInfoByKey is readInfo parsing each key's lines on their own.
func readInfoByKey(data []byte) (Info, string, *yaml.Node, error) {
	var h header
	for key, entry := range topLevelEntries(data) {
		if !slices.Contains(infoKeys, key) {
			continue
		}
		var m map[string]yaml.Node
		if err := yaml.Unmarshal(entry, &m); err != nil {
			return Info{}, "", nil, fmt.Errorf("%s: %w", key, err)
		}
		if v, ok := m[key]; ok {
			if err := h.take(key, v); err != nil {
				return Info{}, "", nil, err
			}
		}
	}
	return h.result()
}

// header gathers what readInfo returns, key by key.
type header struct {
	info    Info
	extends string
	title   *yaml.Node
}

// take decodes the value v of the top-level key.
func (h *header) take(key string, v yaml.Node) error {
	var err error
	switch key {
	case "id":
		err = v.Decode(&h.info.ID)
	case "version":
		err = v.Decode(&h.info.Version)
	case "languages":
		err = v.Decode(&h.info.Languages)
	case "extends":
		err = v.Decode(&h.extends)
	case "title":
		h.title = &v
	}
	if err != nil {
		return fmt.Errorf("%s: %w", key, err)
	}
	return nil
}

// result is readInfo's result: a file without an id is not a guideline.
func (h *header) result() (Info, string, *yaml.Node, error) {
	if h.info.ID == "" {
		return Info{}, "", nil, fmt.Errorf("no id")
	}
	return h.info, h.extends, h.title, nil
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
				if startsEntry(data[i]) {
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
