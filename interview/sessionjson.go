package interview

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/earlyid/earlyid/guidelines"
)

// The session's compact JSON is written by hand rather than by encoding/json: an autosave
// encodes the whole session after every answer, and encoding/json spent most of that time
// sorting the keys of the answer and timing maps through reflection and allocating as it
// went (a 200-answer session: 0.3 ms and 800 allocations of a 0.5 ms save, and the
// collections those allocations caused were the save's p99). The output is byte for byte
// what json.Encoder writes with SetEscapeHTML(false), so UnmarshalSession reads it with
// encoding/json as before, and the tests compare the two encoders on every session they
// build and on a fuzzed corpus.

// errNotJSON reports a number JSON cannot hold; encoding/json refuses NaN and ±Inf too.
var errNotJSON = errors.New("a number in it is not finite")

// appendSession appends s as encoding/json's compact form to b.
func appendSession(b []byte, s *Session) ([]byte, error) {
	b = append(b, `{"version":`...)
	b = strconv.AppendInt(b, int64(s.Version), 10)
	b = appendKey(b, "code", s.Code)
	b = append(b, `,"guideline":{"id":`...)
	b = appendString(b, s.Guideline.ID)
	b = appendKey(b, "version", s.Guideline.Version)
	b = appendKey(b, "hash", s.Guideline.Hash)
	b = append(b, '}')
	b = appendKey(b, "mode", string(s.Mode))
	b = appendKey(b, "lang", s.Lang)
	b = appendKey(b, "ui_lang", s.UILang)
	b = append(b, `,"interpreter":`...)
	b = strconv.AppendBool(b, s.Interpreter)
	var err error
	if b, err = appendTimeKey(b, "created", s.Created); err != nil {
		return b, err
	}
	if b, err = appendTimeKey(b, "updated", s.Updated); err != nil {
		return b, err
	}
	b = appendKey(b, "status", string(s.Status))
	b = appendKeyOmit(b, "place", s.Place)
	b = appendKeyOmit(b, "interviewer_role", s.InterviewerRole)
	b = appendKeyOmit(b, "institution", s.Institution)
	ids := sortedIDs(s.Answers.Values)
	if b, err = appendAnswers(b, s.Answers, ids); err != nil {
		return b, err
	}
	if b, err = appendTimings(b, s.Timings, ids); err != nil {
		return b, err
	}
	b = append(b, `,"position":`...)
	b = appendPosition(b, s.Position)
	if len(s.History) > 0 {
		b = append(b, `,"history":[`...)
		for i, p := range s.History {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendPosition(b, p)
		}
		b = append(b, ']')
	}
	b = appendKeyOmit(b, "pause_pending", s.PausePending)
	b = appendStringsOmit(b, "pause_overrides", s.PauseOverrides)
	b = appendKeyOmit(b, "scenario", s.Scenario)
	if s.Demo {
		b = append(b, `,"demo":true`...)
	}
	if s.InterviewerContinued != nil {
		if b, err = appendTimeKey(b, "interviewer_continued", *s.InterviewerContinued); err != nil {
			return b, err
		}
	}
	b = appendKeyOmit(b, "remarks", s.Remarks)
	if b, err = appendExports(b, s.Exports); err != nil {
		return b, err
	}
	if b, err = appendFollowUps(b, s.FollowUps); err != nil {
		return b, err
	}
	return append(b, '}'), nil
}

// appendAnswers appends a; ids are the keys of a.Values, sorted.
func appendAnswers(b []byte, a guidelines.Answers, ids []string) ([]byte, error) {
	b = append(b, `,"answers":{"values":`...)
	if a.Values == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '{')
		for i, id := range ids {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendString(b, id)
			b = append(b, ':')
			var err error
			if b, err = appendValue(b, a.Values[id]); err != nil {
				return b, err
			}
		}
		b = append(b, '}')
	}
	b = appendStringMap(b, "notes", a.Notes)
	b = appendStringMap(b, "note_by", a.NoteBy)
	return append(b, '}'), nil
}

// appendStringMap appends ,"name":{…} with m's entries in key order; an empty map is left
// out (omitempty).
func appendStringMap(b []byte, name string, m map[string]string) []byte {
	if len(m) == 0 {
		return b
	}
	b = append(b, ',', '"')
	b = append(b, name...)
	b = append(b, `":{`...)
	for i, k := range sortedIDs(m) {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, k)
		b = append(b, ':')
		b = appendString(b, m[k])
	}
	return append(b, '}')
}

// appendTimings appends ts. An interview times the questions it has answers to, so the
// sorted ids of the answers are usually its keys too, and spare a second sort.
func appendTimings(b []byte, ts map[string]*Timing, ids []string) ([]byte, error) {
	if len(ts) == 0 {
		return b, nil
	}
	keys := ids
	if !keysOf(ts, ids) {
		keys = sortedIDs(ts)
	}
	b = append(b, `,"timings":{`...)
	var err error
	for i, id := range keys {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, id)
		b = append(b, ':')
		t := ts[id]
		if t == nil {
			b = append(b, "null"...)
			continue
		}
		b = append(b, '{')
		if t.AnsweredAt != nil {
			b = append(b, `"answered_at":`...)
			if b, err = appendTime(b, *t.AnsweredAt); err != nil {
				return b, err
			}
			b = append(b, ',')
		}
		b = append(b, `"seconds":`...)
		if b, err = appendFloat(b, t.Seconds); err != nil {
			return b, err
		}
		b = append(b, `,"visits":`...)
		b = strconv.AppendInt(b, int64(t.Visits), 10)
		b = append(b, '}')
	}
	return append(b, '}'), nil
}

// sortedIDs returns m's keys in the order encoding/json writes them: byte order. The
// slice is made to size: an autosave sorts 200 ids or more.
func sortedIDs[V any](m map[string]V) []string {
	ids := make([]string, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

// keysOf reports whether ids are exactly m's keys (ids has no repeats: it holds a map's
// keys).
func keysOf[V any](m map[string]V, ids []string) bool {
	if len(m) != len(ids) {
		return false
	}
	for _, id := range ids {
		if _, ok := m[id]; !ok {
			return false
		}
	}
	return true
}

func appendValue(b []byte, v guidelines.Value) ([]byte, error) {
	b = append(b, '{')
	sep := "" // "," once a field is written
	if v.Special != "" {
		b = append(b, `"special":`...)
		b = appendString(b, v.Special)
		sep = ","
	}
	if v.Str != "" {
		b = append(b, sep+`"str":`...)
		b = appendString(b, v.Str)
		sep = ","
	}
	if len(v.List) > 0 {
		b = append(b, sep+`"list":`...)
		b = appendStrings(b, v.List)
		sep = ","
	}
	if v.Num != 0 {
		b = append(b, sep+`"num":`...)
		var err error
		if b, err = appendFloat(b, v.Num); err != nil {
			return b, err
		}
	}
	return append(b, '}'), nil
}

func appendPosition(b []byte, p Position) []byte {
	b = append(b, `{"stage":`...)
	b = appendString(b, string(p.Stage))
	b = appendKeyOmit(b, "question", p.Question)
	return append(b, '}')
}

func appendExports(b []byte, xs []Export) ([]byte, error) {
	if len(xs) == 0 {
		return b, nil
	}
	b = append(b, `,"exports":[`...)
	for i, x := range xs {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"at":`...)
		var err error
		if b, err = appendTime(b, x.At); err != nil {
			return b, err
		}
		b = appendKey(b, "format", x.Format)
		b = appendKeyOmit(b, "lang", x.Lang)
		b = appendStringsOmit(b, "recipients", x.Recipients)
		b = append(b, `,"redacted":`...)
		b = strconv.AppendBool(b, x.Redacted)
		b = appendKeyOmit(b, "legal_basis", x.LegalBasis)
		b = append(b, '}')
	}
	return append(b, ']'), nil
}

func appendFollowUps(b []byte, fs []FollowUp) ([]byte, error) {
	if len(fs) == 0 {
		return b, nil
	}
	b = append(b, `,"follow_ups":[`...)
	for i, f := range fs {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"result":`...)
		b = appendString(b, string(f.Result))
		b = appendKeyOmit(b, "date", f.Date)
		b = appendKeyOmit(b, "by", f.By)
		b = appendKeyOmit(b, "note", f.Note)
		var err error
		if b, err = appendTimeKey(b, "recorded", f.Recorded); err != nil {
			return b, err
		}
		b = append(b, '}')
	}
	return append(b, ']'), nil
}

// appendKey appends ,"name":"value"; name is one of the session's own field names, which
// need no escaping.
func appendKey(b []byte, name, value string) []byte {
	b = append(b, ',', '"')
	b = append(b, name...)
	b = append(b, '"', ':')
	return appendString(b, value)
}

// appendKeyOmit is appendKey for a field tagged omitempty: nothing for "".
func appendKeyOmit(b []byte, name, value string) []byte {
	if value == "" {
		return b
	}
	return appendKey(b, name, value)
}

// appendStringsOmit appends ,"name":[…] unless ss is empty (omitempty).
func appendStringsOmit(b []byte, name string, ss []string) []byte {
	if len(ss) == 0 {
		return b
	}
	b = append(b, ',', '"')
	b = append(b, name...)
	b = append(b, '"', ':')
	return appendStrings(b, ss)
}

func appendStrings(b []byte, ss []string) []byte {
	b = append(b, '[')
	for i, s := range ss {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, s)
	}
	return append(b, ']')
}

func appendTimeKey(b []byte, name string, t time.Time) ([]byte, error) {
	b = append(b, ',', '"')
	b = append(b, name...)
	b = append(b, '"', ':')
	return appendTime(b, t)
}

// appendTime appends t as time.Time.MarshalJSON does: RFC 3339 with nanoseconds, quoted.
// A time RFC 3339 cannot hold (a year outside 0–9999, a zone 24 hours or more away) goes
// through MarshalJSON itself, for the same error encoding/json would give.
func appendTime(b []byte, t time.Time) ([]byte, error) {
	_, offset := t.Zone()
	if y := t.Year(); y < 0 || y > 9999 || offset <= -24*3600 || offset >= 24*3600 {
		data, err := t.MarshalJSON()
		if err != nil {
			return b, fmt.Errorf("a time in it cannot be written: %w", err)
		}
		return append(b, data...), nil
	}
	b = append(b, '"')
	b = t.AppendFormat(b, time.RFC3339Nano)
	return append(b, '"'), nil
}

// appendFloat appends f as encoding/json writes a float64: the shortest form that reads
// back as f, in exponent form only below 1e-6 or from 1e21, with the exponent's leading
// zero dropped (1e-07 → 1e-7).
func appendFloat(b []byte, f float64) ([]byte, error) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return b, errNotJSON
	}
	format := byte('f')
	if a := math.Abs(f); a != 0 && (a < 1e-6 || a >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b, nil
}

// hexDigits spells the \u00XX escapes of control characters.
const hexDigits = "0123456789abcdef"

// appendString appends s as a JSON string the way encoding/json does without HTML
// escaping: quotes, backslashes and control characters escaped (\n, \r, \t, \b and \f by
// name), U+2028 and U+2029 escaped for JavaScript's sake, and each byte of invalid UTF-8
// replaced by \ufffd. Everything else is copied as it is.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	done := 0 // s[:done] is in b
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < utf8.RuneSelf {
			i++
			continue
		}
		var esc string
		size := 1
		if c < utf8.RuneSelf {
			switch c {
			case '"':
				esc = `\"`
			case '\\':
				esc = `\\`
			case '\n':
				esc = `\n`
			case '\r':
				esc = `\r`
			case '\t':
				esc = `\t`
			case '\b':
				esc = `\b`
			case '\f':
				esc = `\f`
			}
		} else {
			var r rune
			r, size = utf8.DecodeRuneInString(s[i:])
			switch {
			case r == utf8.RuneError && size == 1:
				esc = `\ufffd`
			case r == '\u2028':
				esc = `\u2028`
			case r == '\u2029':
				esc = `\u2029`
			default:
				i += size
				continue
			}
		}
		b = append(b, s[done:i]...)
		if esc != "" {
			b = append(b, esc...)
		} else {
			b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
		}
		i += size
		done = i
	}
	b = append(b, s[done:]...)
	return append(b, '"')
}
