package training

import (
	"encoding/json"
	"fmt"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/interview"
)

// sessionDecoder reads the fields of a session file that a report needs, and skips the rest
// (history, notes, the sharing log) without building it. Decoding whole sessions with
// encoding/json was most of the time of a report over thousands of them: this reads each
// byte once and allocates only the strings it keeps, most of which (question and choice ids,
// languages, statuses) it interns, since every session repeats them.
//
// It accepts what encoding/json writes for a Session; anything it cannot read is an error
// that names a byte offset, never the content found there.
type sessionDecoder struct {
	b      []byte
	i      int
	intern map[string]string
	// values and timings are the maps of the last session decoded, cleared and filled
	// again for the next: a report keeps neither (see readRecord), and growing two maps of
	// about fifty entries for every session was a good part of what decoding allocated.
	values  map[string]guidelines.Value
	timings map[string]reportTiming
}

func newSessionDecoder() *sessionDecoder { return &sessionDecoder{intern: map[string]string{}} }

// decodeError is the one error of a file that is not the JSON of a session.
type decodeError struct{ Offset int }

func (e *decodeError) Error() string {
	return fmt.Sprintf("the session file is not valid JSON or not shaped like a session (at byte %d)", e.Offset)
}

func (d *sessionDecoder) fail() error { return &decodeError{Offset: d.i} }

// decode reads data into s (which it resets first). s's answers and timings are the
// decoder's own maps, valid until the next call.
func (d *sessionDecoder) decode(data []byte, s *reportSession) (err error) {
	*s = reportSession{}
	d.b, d.i = data, 0
	defer func() { d.b = nil }()
	err = d.object(func(key []byte) error {
		switch string(key) {
		case "version":
			f, err := d.number()
			s.Version = int(f)
			return err
		case "code":
			return d.str(&s.Code, false)
		case "guideline":
			return d.object(func(key []byte) error {
				switch string(key) {
				case "id":
					return d.str(&s.Guideline.ID, true)
				case "version":
					return d.str(&s.Guideline.Version, true)
				case "hash":
					return d.str(&s.Guideline.Hash, true)
				}
				return d.skip()
			})
		case "mode":
			return d.str((*string)(&s.Mode), true)
		case "lang":
			return d.str(&s.Lang, true)
		case "status":
			return d.str((*string)(&s.Status), true)
		case "scenario":
			return d.str(&s.Scenario, true)
		case "demo":
			return d.boolean(&s.Demo)
		case "updated":
			var v string
			if err := d.str(&v, false); err != nil {
				return err
			}
			t, err := time.Parse(time.RFC3339Nano, v)
			if err != nil {
				return d.fail()
			}
			s.Updated = t
			return nil
		case "follow_ups":
			if d.null() {
				return nil
			}
			// Only the current result (the last) counts.
			return d.array(func() error {
				return d.object(func(key []byte) error {
					if string(key) == "result" {
						return d.str((*string)(&s.FollowUp), true)
					}
					return d.skip()
				})
			})
		case "position":
			return d.object(func(key []byte) error {
				switch string(key) {
				case "stage":
					return d.str((*string)(&s.Position.Stage), true)
				case "question":
					return d.str(&s.Position.Question, true)
				}
				return d.skip()
			})
		case "answers":
			return d.object(func(key []byte) error {
				if string(key) != "values" {
					return d.skip()
				}
				if d.null() {
					return nil
				}
				if d.values == nil {
					d.values = map[string]guidelines.Value{}
				}
				clear(d.values)
				s.Answers.Values = d.values
				return d.object(func(id []byte) error {
					v, err := d.value()
					s.Answers.Values[d.internBytes(id)] = v
					return err
				})
			})
		case "timings":
			if d.null() {
				return nil
			}
			if d.timings == nil {
				d.timings = map[string]reportTiming{}
			}
			clear(d.timings)
			s.Timings = d.timings
			return d.object(func(id []byte) error {
				if d.null() {
					return nil
				}
				var t reportTiming
				err := d.object(func(key []byte) error {
					switch string(key) {
					case "seconds":
						f, err := d.number()
						t.Seconds = f
						return err
					case "visits":
						f, err := d.number()
						t.Visits = int(f)
						return err
					}
					return d.skip()
				})
				s.Timings[d.internBytes(id)] = t
				return err
			})
		}
		return d.skip()
	})
	if err != nil {
		return err
	}
	d.ws()
	if d.i != len(d.b) {
		return d.fail()
	}
	return nil
}

// value reads an answer: {"special": …, "str": …, "list": […], "num": …}.
func (d *sessionDecoder) value() (guidelines.Value, error) {
	var v guidelines.Value
	err := d.object(func(key []byte) error {
		switch string(key) {
		case "special":
			return d.str(&v.Special, true)
		case "str":
			return d.str(&v.Str, true)
		case "num":
			f, err := d.number()
			v.Num = f
			return err
		case "list":
			if d.null() {
				return nil
			}
			v.List = []string{}
			return d.array(func() error {
				var s string
				err := d.str(&s, true)
				v.List = append(v.List, s)
				return err
			})
		}
		return d.skip()
	})
	if len(v.List) == 0 {
		v.List = nil // as encoding/json leaves an omitted list
	}
	return v, err
}

func (d *sessionDecoder) ws() {
	for d.i < len(d.b) {
		switch d.b[d.i] {
		case ' ', '\t', '\n', '\r':
			d.i++
		default:
			return
		}
	}
}

// expect consumes c after any white space.
func (d *sessionDecoder) expect(c byte) error {
	d.ws()
	if d.i >= len(d.b) || d.b[d.i] != c {
		return d.fail()
	}
	d.i++
	return nil
}

// null consumes a null, reporting whether there was one.
func (d *sessionDecoder) null() bool {
	d.ws()
	if len(d.b)-d.i >= 4 && string(d.b[d.i:d.i+4]) == "null" {
		d.i += 4
		return true
	}
	return false
}

// object reads an object, calling field for each key with the decoder on its value; the
// key is valid only during the call.
func (d *sessionDecoder) object(field func(key []byte) error) error {
	if err := d.expect('{'); err != nil {
		return err
	}
	d.ws()
	if d.i < len(d.b) && d.b[d.i] == '}' {
		d.i++
		return nil
	}
	for {
		key, err := d.rawString()
		if err != nil {
			return err
		}
		if err := d.expect(':'); err != nil {
			return err
		}
		if err := field(key); err != nil {
			return err
		}
		if done, err := d.next('}'); done || err != nil {
			return err
		}
	}
}

// next consumes the comma between two members of an object or array, or its end, end:
// done says it was the end.
func (d *sessionDecoder) next(end byte) (done bool, err error) {
	d.ws()
	if d.i >= len(d.b) {
		return false, d.fail()
	}
	switch d.b[d.i] {
	case ',':
		d.i++
		return false, nil
	case end:
		d.i++
		return true, nil
	}
	return false, d.fail()
}

// array reads an array, calling elem with the decoder on each element.
func (d *sessionDecoder) array(elem func() error) error {
	if err := d.expect('['); err != nil {
		return err
	}
	d.ws()
	if d.i < len(d.b) && d.b[d.i] == ']' {
		d.i++
		return nil
	}
	for {
		if err := elem(); err != nil {
			return err
		}
		if done, err := d.next(']'); done || err != nil {
			return err
		}
	}
}

// rawString reads a string and returns its text: the bytes in the file when it has no
// escapes and is valid UTF-8 (the common case), else decoded by encoding/json.
func (d *sessionDecoder) rawString() ([]byte, error) {
	if err := d.expect('"'); err != nil {
		return nil, err
	}
	start := d.i
	plain := true
	for d.i < len(d.b) {
		c := d.b[d.i]
		switch {
		case c == '"':
			raw := d.b[start:d.i]
			d.i++
			if plain && utf8.Valid(raw) {
				return raw, nil
			}
			var s string
			if err := json.Unmarshal(d.b[start-1:d.i], &s); err != nil {
				return nil, &decodeError{Offset: start}
			}
			return []byte(s), nil
		case c == '\\':
			plain = false
			d.i += 2
		case c < 0x20:
			return nil, d.fail()
		default:
			d.i++
		}
	}
	return nil, d.fail()
}

// str reads a string (or null, which leaves *dst as it is) into *dst, interned when the
// same text is expected again and again.
func (d *sessionDecoder) str(dst *string, intern bool) error {
	if d.null() {
		return nil
	}
	raw, err := d.rawString()
	if err != nil {
		return err
	}
	if intern {
		*dst = d.internBytes(raw)
	} else {
		*dst = string(raw)
	}
	return nil
}

func (d *sessionDecoder) internBytes(b []byte) string {
	if s, ok := d.intern[string(b)]; ok {
		return s
	}
	s := string(b)
	// Text answers and notes are never interned (they are not read), but a crafted file
	// could hold many distinct ids: the table stays small whatever it holds.
	if len(d.intern) < 1<<14 {
		d.intern[s] = s
	}
	return s
}

func (d *sessionDecoder) boolean(dst *bool) error {
	d.ws()
	switch {
	case len(d.b)-d.i >= 4 && string(d.b[d.i:d.i+4]) == "true":
		*dst, d.i = true, d.i+4
	case len(d.b)-d.i >= 5 && string(d.b[d.i:d.i+5]) == "false":
		*dst, d.i = false, d.i+5
	case d.null():
	default:
		return d.fail()
	}
	return nil
}

func (d *sessionDecoder) number() (float64, error) {
	if d.null() {
		return 0, nil
	}
	start := d.i
	for d.i < len(d.b) && (d.b[d.i] >= '0' && d.b[d.i] <= '9' || d.b[d.i] == '-' || d.b[d.i] == '+' || d.b[d.i] == '.' || d.b[d.i] == 'e' || d.b[d.i] == 'E') {
		d.i++
	}
	f, err := strconv.ParseFloat(string(d.b[start:d.i]), 64)
	if err != nil {
		return 0, &decodeError{Offset: start}
	}
	return f, nil
}

// skip reads past one value of any kind, checking its syntax as it goes.
func (d *sessionDecoder) skip() error {
	d.ws()
	if d.i >= len(d.b) {
		return d.fail()
	}
	switch c := d.b[d.i]; {
	case c == '{':
		return d.object(func([]byte) error { return d.skip() })
	case c == '[':
		return d.array(d.skip)
	case c == '"':
		_, err := d.rawString()
		return err
	case c == 't':
		var b bool
		return d.boolean(&b)
	case c == 'f':
		var b bool
		return d.boolean(&b)
	case c == 'n':
		if d.null() {
			return nil
		}
		return d.fail()
	case c == '-' || c >= '0' && c <= '9':
		_, err := d.number()
		return err
	}
	return d.fail()
}

// decodeReportSession reads a session file's content (a training file, or a real one as
// decrypted) into s: a *SkipError when it is not a session this earlyid reads.
func decodeReportSession(d *sessionDecoder, path string, data []byte, s *reportSession) error {
	if err := d.decode(data, s); err != nil {
		return &SkipError{File: path, Reason: SkipNotSession, Err: err}
	}
	if s.Version != interview.SessionVersion {
		return &SkipError{File: path, Reason: SkipVersion, Version: s.Version}
	}
	return nil
}
