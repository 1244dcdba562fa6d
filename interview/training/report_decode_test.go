package training

import (
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"github.com/earlyid/earlyid/interview"
)

// viaEncodingJSON decodes data with encoding/json into a whole Session and keeps what a
// report reads: what the report's own decoder must find.
func viaEncodingJSON(t *testing.T, data []byte) reportSession {
	t.Helper()
	var s interview.Session
	if err := json.Unmarshal(data, &s); err != nil {
		t.Fatal(err)
	}
	rs := reportSession{Version: s.Version, Code: s.Code, Guideline: s.Guideline, Mode: s.Mode, Lang: s.Lang, Status: s.Status,
		Scenario: s.Scenario, Demo: s.Demo, Updated: s.Updated, Position: s.Position, Answers: reportAnswers{Values: s.Answers.Values}}
	if n := len(s.FollowUps); n > 0 {
		rs.FollowUp = s.FollowUps[n-1].Result
	}
	if s.Timings != nil {
		rs.Timings = map[string]reportTiming{}
		for id, tm := range s.Timings {
			if tm != nil {
				rs.Timings[id] = reportTiming{Seconds: tm.Seconds, Visits: tm.Visits}
			}
		}
	}
	return rs
}

// TestSessionDecoderAgreesWithEncodingJSON: over training sessions (genSessions, notes and
// text answers included) and real interviews made through the engine (history, timings,
// notes), compact and indented, the report's decoder reads exactly what encoding/json reads;
// text with escapes (quotes, line breaks, Cyrillic, a \u escape) included.
func TestSessionDecoderAgreesWithEncodingJSON(t *testing.T) {
	t.Parallel()
	var files [][]byte
	for _, s := range sharedSessions(t, 500, 1).sessions[:60] {
		data, err := s.Marshal()
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, data)
	}
	cases := shipped(t)
	r := rand.New(rand.NewPCG(3, 4))
	for i := range 20 {
		s := interviewSession(t, cases[i%len(cases)], "MD-DEC0-"+string(rune('A'+i))+"0", r)
		for id := range s.Answers.Values {
			s.Answers.Notes[id] = "«Він сказав: \"ні\"»\nрядок\t2 \\ \u2028 end"
			break
		}
		data, err := s.Marshal()
		if err != nil {
			t.Fatal(err)
		}
		compact, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, data, compact)
	}
	files = append(files, []byte(`{"version":1,"code":"MD-FLUP-0001","follow_ups":[{"result":"pending","recorded":"2026-03-01T10:00:00Z"},{"result":"identified","date":"2026-04-01","by":"CNAET","note":"a \"note\"","recorded":"2026-04-02T10:00:00Z"}]}`))
	files = append(files, []byte(`{"version":1,"code":"MD-\u0041BC-0001","lang":"ro","answers":{"values":{"q":{"str":"a\"b"}}},"timings":null,"demo":true}`))
	dec := newSessionDecoder()
	for i, data := range files {
		var got reportSession
		if err := dec.decode(data, &got); err != nil {
			t.Fatalf("file %d: %v", i, err)
		}
		want := viaEncodingJSON(t, data)
		if !got.Updated.Equal(want.Updated) {
			t.Errorf("file %d: updated %v, want %v", i, got.Updated, want.Updated)
		}
		got.Updated, want.Updated = time.Time{}, time.Time{}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("file %d:\n got %+v\nwant %+v", i, got, want)
		}
	}
}

// TestSessionDecoderRefusesDamagedFiles: every truncation of a session file, and a few
// broken ones, is an error naming a byte offset, never a panic, never a session.
func TestSessionDecoderRefusesDamagedFiles(t *testing.T) {
	t.Parallel()
	data, err := sharedSessions(t, 500, 1).sessions[3].Marshal()
	if err != nil {
		t.Fatal(err)
	}
	dec := newSessionDecoder()
	var s reportSession
	step := 1
	if testing.Short() {
		step = 7
	}
	for n := 0; n < len(data)-1; n += step {
		if err := dec.decode(data[:n], &s); err == nil {
			t.Fatalf("a file cut at byte %d of %d was read", n, len(data))
		}
	}
	for _, bad := range []string{`{"version":1}x`, `{"version":1,}`, `{"answers":{"values":{"q":{"str":"a}}}}`, `{"demo":tru}`,
		`{"version":"1"}`, "{\"code\":\"a\x01\"}", `[1]`, `{"timings":{"q":{"seconds":1e}}}`, `{"updated":"yesterday"}`} {
		if err := dec.decode([]byte(bad), &s); err == nil {
			t.Errorf("%s was read", bad)
		}
	}
	if err := dec.decode(data, &s); err != nil || s.Code == "" {
		t.Errorf("the whole file: %v", err)
	}
}
