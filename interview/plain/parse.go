package plain

import (
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
