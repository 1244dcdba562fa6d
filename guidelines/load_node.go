package guidelines

import (
	"iter"
	"math"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"
)

// mapping is a checked YAML mapping: its pairs in file order, the first of each key only.
// A slice rather than maps by key: a guideline's mappings have a handful of keys, and two
// maps per mapping were a tenth of a load. A long mapping (an answers file) is indexed.
type mapping struct {
	n *yaml.Node
	// kv holds the pairs as n.Content does, key then value: it is n.Content itself unless a
	// key had to be left out, so that checking a mapping allocates no copy of it.
	kv    []*yaml.Node
	index map[string]int // by key, for mappings longer than indexFrom: the pair's index
}

// pair is one key of a mapping and its value.
type pair struct {
	k, v *yaml.Node
}

// indexFrom is the length from which a mapping's keys are looked up through a map: below it
// a scan of the slice is faster.
const indexFrom = 16

// len is the number of pairs.
func (m *mapping) len() int { return len(m.kv) / 2 }

// all yields the pairs in file order, key and value.
func (m *mapping) all() iter.Seq2[*yaml.Node, *yaml.Node] {
	return func(yield func(k, v *yaml.Node) bool) {
		for i := 0; i+1 < len(m.kv); i += 2 {
			if !yield(m.kv[i], m.kv[i+1]) {
				return
			}
		}
	}
}

// find returns the index of the pair of key, or -1.
func (m *mapping) find(key string) int {
	if m.index != nil {
		if i, ok := m.index[key]; ok {
			return i
		}
		return -1
	}
	for i := 0; i < len(m.kv); i += 2 {
		if m.kv[i].Value == key {
			return i / 2
		}
	}
	return -1
}

// val returns the value of key as written, null included; nil when the key is absent.
func (m *mapping) val(key string) *yaml.Node { return m.at(key).v }

// key returns the key node of key, for positions; nil when it is absent.
func (m *mapping) key(key string) *yaml.Node { return m.at(key).k }

// at returns the pair of key, or an empty pair when the key is absent or m is nil.
func (m *mapping) at(key string) pair {
	if m == nil {
		return pair{}
	}
	if i := m.find(key); i >= 0 {
		return pair{m.kv[2*i], m.kv[2*i+1]}
	}
	return pair{}
}

// has reports whether key is given, even with no value.
func (m *mapping) has(key string) bool { return m.find(key) >= 0 }

// get returns the value of key, or nil when it is absent or null (`key:` with nothing).
func (m *mapping) get(key string) *yaml.Node {
	v := m.val(key)
	if isNull(v) {
		return nil
	}
	return v
}

func isNull(n *yaml.Node) bool {
	return n == nil || (n.Kind == yaml.ScalarNode && n.Tag == "!!null")
}

// mapping checks that n is a mapping whose keys are unique and among allowed (the loader
// checks unknown keys itself: yaml.v3's KnownFields does not reach a Node walk), and reports
// every key that is not with a "did you mean".
func (l *loader) mapping(n *yaml.Node, path string, allowed ...string) *mapping {
	if n == nil {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		l.wantKind(n, path, yaml.MappingNode)
		return nil
	}
	size := len(n.Content) / 2
	m := &mapping{n: n, kv: n.Content[:0]}
	if size > indexFrom {
		m.index = make(map[string]int, size)
	}
	copied := false // m.kv is a copy: a key was left out
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		leave := k.Kind != yaml.ScalarNode
		if leave {
			l.errAt(k, "want_scalar", kv("Field", path+" key"))
		} else if first := m.key(k.Value); first != nil {
			l.errAt(k, "duplicate_key", kv("Key", k.Value, "Line", first.Line, "Col", first.Column))
			leave = true
		}
		if leave {
			if !copied {
				m.kv, copied = append(make([]*yaml.Node, 0, len(n.Content)), m.kv...), true
			}
			continue
		}
		if m.index != nil {
			m.index[k.Value] = m.len()
		}
		if copied {
			m.kv = append(m.kv, k, v)
		} else {
			m.kv = n.Content[: i+2 : i+2] // the pairs so far, none left out
		}
		if allowed != nil && !contains(allowed, k.Value) {
			l.errAt(k, "unknown_key", kv("Key", k.Value, "Field", path,
				"Suggestion", suggest(k.Value, allowed), "Expected", strings.Join(allowed, ", ")))
		}
	}
	return m
}

// require reports each key that m lacks (or leaves empty), at m's own position.
func (l *loader) require(m *mapping, path string, keys ...string) {
	if m == nil {
		return
	}
	for _, k := range keys {
		if m.get(k) == nil {
			l.errAt(m.n, "missing_field", kv("Key", k, "Field", path))
		}
	}
}

// wantKind reports that n is not of the wanted kind.
func (l *loader) wantKind(n *yaml.Node, path string, want yaml.Kind) {
	code := "want_scalar"
	switch want {
	case yaml.MappingNode:
		code = "want_mapping"
	case yaml.SequenceNode:
		code = "want_list"
	}
	l.errAt(n, code, kv("Field", path))
}

// scalar returns n's text, reporting a list or mapping where a single value belongs.
func (l *loader) scalar(n *yaml.Node, path string) (string, bool) {
	if isNull(n) {
		return "", false
	}
	if n.Kind != yaml.ScalarNode {
		l.wantKind(n, path, yaml.ScalarNode)
		return "", false
	}
	return n.Value, true
}

// str is a scalar that must be written as a string: a version "2026.10" written unquoted
// would silently become the number 2026.1.
func (l *loader) str(n *yaml.Node, path string) string {
	s, ok := l.scalar(n, path)
	if !ok {
		return ""
	}
	if n.Tag != "!!str" {
		l.errAt(n, "want_string", kv("Field", path, "Value", s))
	}
	return s
}

func (l *loader) boolean(n *yaml.Node, path string) bool {
	s, ok := l.scalar(n, path)
	if !ok {
		return false
	}
	if n.Tag != "!!bool" {
		l.errAt(n, "want_bool", kv("Field", path, "Value", s))
		return false
	}
	b, _ := strconv.ParseBool(strings.ToLower(s))
	return b
}

func (l *loader) number(n *yaml.Node, path string) (float64, bool) {
	s, ok := l.scalar(n, path)
	if !ok {
		return 0, false
	}
	if n.Tag == "!!int" || n.Tag == "!!float" {
		if f, err := strconv.ParseFloat(strings.ReplaceAll(s, "_", ""), 64); err == nil && !math.IsNaN(f) && !math.IsInf(f, 0) {
			return f, true
		}
	}
	l.errAt(n, "want_number", kv("Field", path, "Value", s))
	return 0, false
}

func (l *loader) integer(n *yaml.Node, path string) (int, bool) {
	s, ok := l.scalar(n, path)
	if !ok {
		return 0, false
	}
	if n.Tag == "!!int" {
		if i, err := strconv.Atoi(s); err == nil {
			return i, true
		}
	}
	l.errAt(n, "want_integer", kv("Field", path, "Value", s))
	return 0, false
}

// enum reads a scalar that must be one of allowed; code names the kind of value.
func (l *loader) enum(n *yaml.Node, path, code string, allowed []string) string {
	s, ok := l.scalar(n, path)
	if !ok {
		return ""
	}
	if !contains(allowed, s) {
		l.errAt(n, code, kv("Value", s, "Field", path, "Suggestion", suggest(s, allowed), "Expected", strings.Join(allowed, ", ")))
		return ""
	}
	return s
}

// list returns n's items, reporting anything but a list. A null value is an empty list.
func (l *loader) list(n *yaml.Node, path string) []*yaml.Node {
	if isNull(n) {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		l.wantKind(n, path, yaml.SequenceNode)
		return nil
	}
	return n.Content
}

// strList reads a list of single values, with the node of each for positions.
func (l *loader) strList(n *yaml.Node, path string) ([]string, []*yaml.Node) {
	items := l.list(n, path)
	out := make([]string, 0, len(items))
	nodes := make([]*yaml.Node, 0, len(items))
	for _, it := range items {
		if s, ok := l.scalar(it, path+"[]"); ok {
			out = append(out, s)
			nodes = append(nodes, it)
		}
	}
	return out, nodes
}

// textField is text for the value of key in m, the mapping at path. The field's path is
// joined only for a text that is there: most optional ones (a hint, a label, an intro) are
// not, and a guideline has thousands of items.
func (l *loader) textField(m *mapping, path, key string) Text {
	v := m.get(key)
	if v == nil {
		return nil
	}
	return l.text(v, path+"."+key)
}

// text reads a translated text: a map language → string, or a plain string when the file
// declares a single language. Every declared language must be present and non-empty.
func (l *loader) text(n *yaml.Node, path string) Text {
	if isNull(n) {
		return nil
	}
	switch n.Kind {
	case yaml.ScalarNode:
		if len(l.langs) > 1 {
			l.errAt(n, "plain_text", kv("Field", path, "Languages", strings.Join(l.langs, ", ")))
			return nil
		}
		if strings.TrimSpace(n.Value) == "" {
			l.errAt(n, "empty_translation", kv("Field", path, "Lang", strings.Join(l.langs, "")))
		}
		if len(l.langs) == 1 {
			return Text{l.langs[0]: n.Value}
		}
		return nil
	case yaml.MappingNode:
		m := l.mapping(n, path)
		t := make(Text, m.len())
		for k, v := range m.all() {
			lang := k.Value
			if l.langSet != nil && !l.langSet[lang] {
				l.warnAt(k, "unknown_language", kv("Lang", lang, "Field", path, "Languages", strings.Join(l.langs, ", ")))
			}
			if isNull(v) {
				l.errAt(v, "empty_translation", kv("Field", path, "Lang", lang))
				continue
			}
			if v.Kind != yaml.ScalarNode {
				// The field's path is built here only, for the finding: a guideline has
				// thousands of translations and nearly all are plain texts.
				l.wantKind(v, path+"."+lang, yaml.ScalarNode)
				continue
			}
			if strings.TrimSpace(v.Value) == "" {
				l.errAt(v, "empty_translation", kv("Field", path, "Lang", lang))
			}
			t[lang] = v.Value
		}
		for _, lang := range l.langs {
			if !m.has(lang) {
				l.errAt(n, "missing_translation", kv("Field", path, "Lang", lang))
			}
		}
		return t
	default:
		l.wantKind(n, path, yaml.MappingNode)
		return nil
	}
}

// isID reports whether s is an id, [a-z][a-z0-9_]*. It is checked by hand: every item of
// a guideline has an id, and matching them with a regular expression was a few per cent
// of a load.
func isID(s string) bool {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return false
	}
	for i := 1; i < len(s); i++ {
		if c := s[i]; (c < 'a' || c > 'z') && (c < '0' || c > '9') && c != '_' {
			return false
		}
	}
	return true
}

var (
	slugRe = lazyRegexp(`^[a-z0-9][a-z0-9-]*$`)
	langRe = lazyRegexp(`^[a-z]{2,3}$`)
)

// checkID reports an id that is not [a-z][a-z0-9_]* or that expressions reserve.
func (l *loader) checkID(n *yaml.Node, id string) bool {
	if !isID(id) {
		l.errAt(n, "bad_id", kv("ID", id, "Pattern", "[a-z][a-z0-9_]*"))
		return false
	}
	if reserved()[id] {
		l.errAt(n, "reserved_id", kv("ID", id))
		return false
	}
	return true
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// suggest returns the candidate closest to word when it is close enough to be a likely typo,
// else "".
func suggest(word string, cands []string) string {
	best, bestD := "", math.MaxInt
	lw := strings.ToLower(word)
	for _, c := range cands {
		d := editDistance(lw, strings.ToLower(c))
		if d < bestD {
			best, bestD = c, d
		}
	}
	n := len([]rune(word))
	if best == "" || bestD == 0 && best == word {
		return ""
	}
	if bestD <= 2 && bestD < n || bestD*3 <= n {
		return best
	}
	return ""
}

// editDistance is the Levenshtein distance between a and b, in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > 64 || len(rb) > 64 { // not a typo of a key; keep the cost bounded
		return math.MaxInt / 2
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// lazyRegexp returns a function that compiles expr on its first call and returns the same
// Regexp after: compiling this package's expressions when the program starts cost every
// command, `version` included, a thousand allocations it mostly never used.
func lazyRegexp(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}
