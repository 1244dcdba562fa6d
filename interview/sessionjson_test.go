package interview

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/earlyid/earlyid/guidelines"
)

// stdCompact is what AppendCompact wrote before it was written by hand, and what
// UnmarshalSession's encoding/json reads: json.Encoder without HTML escaping.
func stdCompact(s *Session) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	err := enc.Encode(s)
	return buf.Bytes(), err
}

// sameAsEncodingJSON fails t unless AppendCompact writes s exactly as encoding/json does.
func sameAsEncodingJSON(t *testing.T, s *Session) {
	t.Helper()
	want, err := stdCompact(s)
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.AppendCompact(nil)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("AppendCompact differs from encoding/json at byte %d:\n got %s\nwant %s", firstDiff(got, want), got, want)
	}
}

func firstDiff(a, b []byte) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

// A session saved by the version before the hand-written encoder (testdata, written by
// its AppendCompact and Marshal: every field set, strings with quotes, controls, U+2028,
// a zone other than UTC, numbers in exponent form) opens, and is saved again to the very
// same bytes: resuming an old interview changes nothing in its file but what it changes.
// (UnmarshalSession also dates the notes of old self sessions; see dateNotes.)
func TestSessionFromTheEarlierEncoderReadsAndWritesTheSame(t *testing.T) {
	t.Parallel()
	compact, err := os.ReadFile("testdata/session-v1-compact.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"session-v1-compact.json", "session-v1-indented.json"} {
		data, err := os.ReadFile("testdata/" + name)
		if err != nil {
			t.Fatal(err)
		}
		s, err := UnmarshalSession(data)
		if err != nil {
			t.Fatalf("%s: a session file of the earlier version no longer opens: %v", name, err)
		}
		if s.Answers.Values["story"].Str == "" || s.Timings["story"] == nil || len(s.FollowUps) != 2 {
			t.Fatalf("%s: the session opens without its answers, timings or follow-ups", name)
		}
		// UnmarshalSession names the author of the old unnamed note, which is saved then;
		// the encoder is compared on the session as the file holds it.
		s = &Session{}
		if err := json.Unmarshal(data, s); err != nil {
			t.Fatal(err)
		}
		again, err := s.AppendCompact(nil)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(again, compact) {
			t.Errorf("%s: saved again, it differs from the earlier version's file at byte %d:\n got %s\nwant %s", name, firstDiff(again, compact), again, compact)
		}
	}
}

// Every built-in scenario's answers, as a session holds them after its interview, are
// written as encoding/json writes them and read back to the same session.
func TestCompactSessionOfEveryScenario(t *testing.T) {
	t.Parallel()
	all, err := guidelines.EmbeddedScenarios()
	if err != nil {
		t.Fatal(err)
	}
	if len(all) == 0 {
		t.Fatal("no built-in scenarios")
	}
	for _, sc := range all {
		s := scenarioSession(t, sc)
		sameAsEncodingJSON(t, s)
		data, err := s.AppendCompact(nil)
		if err != nil {
			t.Fatal(err)
		}
		back, err := UnmarshalSession(data)
		if err != nil {
			t.Fatalf("%s: %v", sc.ID, err)
		}
		if !reflect.DeepEqual(back, s) {
			t.Errorf("%s: the session reads back with other content than was written", sc.ID)
		}
	}
}

// scenarioSession is the session an interview of sc ends with: its answers and notes, a
// timing and a history entry for each answer, an export and a follow-up.
func scenarioSession(t *testing.T, sc *guidelines.Scenario) *Session {
	t.Helper()
	at := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	s := &Session{
		Version: SessionVersion, Code: "MD-SCEN-0001",
		Guideline: GuidelineRef{ID: sc.Guideline, Version: "1.0.0", Hash: "sha256:abc"},
		Mode:      ModeTraining, Lang: "ro", UILang: "en", Created: at, Updated: at, Status: StatusFinished,
		Answers:   guidelines.NewAnswers(),
		Timings:   map[string]*Timing{},
		Position:  Position{Stage: StageResult},
		Scenario:  sc.ID,
		Exports:   []Export{{At: at, Format: "pdf", Lang: "ro", Redacted: true}},
		FollowUps: []FollowUp{{Result: FollowUpPending, Recorded: at}},
	}
	for id, v := range sc.Answers.Values {
		s.Answers.Values[id] = v
		answered := at.Add(time.Duration(len(s.History)) * 37 * time.Second)
		s.Timings[id] = &Timing{AnsweredAt: &answered, Seconds: 36.6, Visits: 1}
		s.History = append(s.History, Position{Stage: StageQuestions, Question: id})
	}
	for id, n := range sc.Answers.Notes {
		s.Answers.Notes[id] = n
		s.Answers.NoteBy[id] = guidelines.NoteByInterviewer
	}
	return s
}

// A field added to Session (or to a type inside it) and forgotten by the hand-written
// encoder would be silently lost at the next save. Every field is set here, through
// reflection, so the encoders differ on any field one of them does not know.
func TestCompactSessionHasEveryField(t *testing.T) {
	t.Parallel()
	var s Session
	fill(reflect.ValueOf(&s).Elem(), 1)
	s.Version = SessionVersion
	sameAsEncodingJSON(t, &s)
	// And the zero values that omitempty leaves out, and the nil maps it writes as null.
	sameAsEncodingJSON(t, &Session{})
}

// fill sets every field reachable from v to a value that is not its zero value; n varies
// the values so that map keys and strings differ.
func fill(v reflect.Value, n int) {
	switch v.Kind() {
	case reflect.String:
		v.SetString(fmt.Sprintf("s%d \"é\"\n", n))
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int64:
		v.SetInt(int64(n) + 1)
	case reflect.Float64:
		v.SetFloat(float64(n) + 0.25)
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(v.Elem(), n+1)
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 2, 2))
		for i := range 2 {
			fill(v.Index(i), n+i+1)
		}
	case reflect.Map:
		v.Set(reflect.MakeMap(v.Type()))
		for i := range 2 {
			k, e := reflect.New(v.Type().Key()).Elem(), reflect.New(v.Type().Elem()).Elem()
			fill(k, n+i+1)
			fill(e, n+i+1)
			v.SetMapIndex(k, e)
		}
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[time.Time]() {
			v.Set(reflect.ValueOf(time.Date(2026, 1, n%28+1, 2, 3, 4, n*1000, time.UTC)))
			return
		}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fill(v.Field(i), n+i+1)
			}
		}
	default:
		panic("fill: a session holds a " + v.Kind().String() + " now; teach fill and the encoder about it")
	}
}

// The values at the edges of what encoding/json writes differently from the obvious way.
func TestCompactSessionEdgeValues(t *testing.T) {
	t.Parallel()
	at := time.Date(2026, 12, 1, 10, 0, 0, 1, time.FixedZone("", -(23*3600+59*60)))
	zero := time.Time{}
	s := &Session{Version: 1, Code: "MD-EDGE-0001", Created: at, Updated: zero,
		Answers: guidelines.Answers{Values: map[string]guidelines.Value{}, Notes: map[string]string{}},
		Timings: map[string]*Timing{"z": {AnsweredAt: &zero}, "n": nil},
		History: []Position{},
	}
	for i, f := range []float64{0, math.Copysign(0, -1), 1e-6, 9.99e-7, 1e20, 1e21, 123456789.125, -1e-300, math.MaxFloat64, math.SmallestNonzeroFloat64, 0.1 + 0.2} {
		s.Answers.Values[fmt.Sprint("f", i)] = guidelines.Value{Num: f}
	}
	var weird strings.Builder
	for c := range 0x80 {
		weird.WriteByte(byte(c))
	}
	weird.WriteString("\xff\xfe \xe2\x80 \u2028\u2029 \U0001F600 \ufffd")
	s.Answers.Values[weird.String()] = guidelines.Value{Str: weird.String(), List: []string{weird.String(), ""}}
	s.Answers.Notes[weird.String()] = weird.String()
	// More than one chunk of the encoder's buffer, cut inside the answers.
	for i := range 400 {
		s.Answers.Values[fmt.Sprint("long", i)] = guidelines.Value{Str: strings.Repeat("răspuns ", 10+i%7)}
		s.Answers.Notes[fmt.Sprint("long", i)] = strings.Repeat("notă ", i%5)
	}
	sameAsEncodingJSON(t, s)
}

// The timings are written in their own keys' order, also when they are as many as the
// answers but not for the same questions (the encoder reuses the answers' sorted ids only
// when they are the same).
func TestCompactSessionTimingsOfOtherQuestions(t *testing.T) {
	t.Parallel()
	s := &Session{Version: 1, Code: "MD-TIME-0001", Answers: guidelines.NewAnswers(), Timings: map[string]*Timing{}}
	for _, id := range []string{"a", "b", "d"} {
		s.Answers.Values[id] = guidelines.Value{Str: id}
	}
	for _, id := range []string{"a", "c", "e"} {
		s.Timings[id] = &Timing{Seconds: 1, Visits: 1}
	}
	sameAsEncodingJSON(t, s)
}

// What encoding/json refuses, AppendCompact refuses too, naming the session and not the
// value.
func TestCompactSessionRefusesWhatJSONCannotHold(t *testing.T) {
	t.Parallel()
	bad := map[string]func(*Session){
		"NaN":        func(s *Session) { s.Answers.Values["q"] = guidelines.Value{Num: math.NaN()} },
		"infinity":   func(s *Session) { s.Timings["q"] = &Timing{Seconds: math.Inf(1)} },
		"year 10000": func(s *Session) { s.Updated = time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC) },
		"zone 24h":   func(s *Session) { s.Created = time.Date(2026, 1, 1, 0, 0, 0, 0, time.FixedZone("", 24*3600)) },
	}
	for name, spoil := range bad {
		s := &Session{Version: 1, Code: "MD-BAD-0001", Answers: guidelines.NewAnswers(), Timings: map[string]*Timing{}}
		spoil(s)
		if _, err := stdCompact(s); err == nil {
			t.Fatalf("%s: encoding/json accepts it; the test is wrong", name)
		}
		_, err := s.AppendCompact(nil)
		if err == nil {
			t.Errorf("%s: AppendCompact wrote what encoding/json refuses", name)
		} else if !strings.Contains(err.Error(), "MD-BAD-0001") {
			t.Errorf("%s: the error does not name the session: %v", name, err)
		}
	}
}

// FuzzAppendCompact decodes any JSON into a session as UnmarshalSession does, and checks
// that the hand-written encoder writes what encoding/json writes (or refuses what it
// refuses), and that what it writes reads back to a session it writes the same way again.
func FuzzAppendCompact(f *testing.F) {
	for _, name := range []string{"session-v1-compact.json", "session-v1-indented.json"} {
		data, err := os.ReadFile("testdata/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var s Session
		if json.Unmarshal(data, &s) != nil {
			return
		}
		want, werr := stdCompact(&s)
		got, gerr := s.AppendCompact(nil)
		if (werr == nil) != (gerr == nil) {
			t.Fatalf("encoding/json's error: %v; AppendCompact's: %v", werr, gerr)
		}
		if werr != nil {
			return
		}
		if !bytes.Equal(got, want) {
			t.Fatalf("AppendCompact differs from encoding/json at byte %d:\n got %s\nwant %s", firstDiff(got, want), got, want)
		}
		var back Session
		if err := json.Unmarshal(got, &back); err != nil {
			t.Fatalf("what AppendCompact wrote does not read back: %v", err)
		}
		// Appended after other bytes, as the store does into its kept buffer.
		again, err := back.AppendCompact([]byte("kept"))
		if err != nil || !bytes.Equal(again[4:], got) {
			t.Fatalf("written again after reading back, the session changed (%v):\n got %s\nwant %s", err, again, got)
		}
	})
}
