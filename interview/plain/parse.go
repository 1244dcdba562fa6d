package plain

import (
	"strconv"
	"strings"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/interview"
)

// parseLine reads one typed line as an answer to q (interview.ParseInput, the grammar of
// every front end). The line must not be a command (see IsCommand): "::x" is the answer
// ":x", escaped so that it is not read as one.
func parseLine(q *guidelines.Question, line string) (guidelines.Value, error) {
	raw := strings.TrimSpace(line)
	if strings.HasPrefix(raw, "::") {
		raw = raw[1:]
	}
	return interview.ParseInput(q, raw)
}

// IsCommand reports whether line is a command (":back", ":note …", ":quit", ":help")
// rather than an answer. A line starting with "::" is an answer starting with ":".
func IsCommand(line string) bool {
	s := strings.TrimSpace(line)
	return strings.HasPrefix(s, ":") && !strings.HasPrefix(s, "::")
}

// FormatValue writes v as a line the plain mode reads back as the same answer to q: the
// inverse of its input grammar, used to turn an answers file into plain-mode input.
func FormatValue(q *guidelines.Question, v guidelines.Value) string {
	switch {
	case v.Special == guidelines.Unknown:
		return "?"
	case v.Special == guidelines.Declined:
		return "-"
	}
	switch q.Type {
	case guidelines.TypeYesNo:
		if v.Str == "yes" {
			return "y"
		}
		return "n"
	case guidelines.TypeMulti:
		return strings.Join(v.List, ",")
	case guidelines.TypeNumber:
		return strconv.FormatFloat(v.Num, 'f', -1, 64)
	case guidelines.TypeText:
		if strings.HasPrefix(v.Str, ":") {
			return ":" + v.Str
		}
		return v.Str
	default:
		return v.Str
	}
}
