package training

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	"filippo.io/age"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/interview"
	"github.com/earlyid/earlyid/interview/vault"
)

// discardStore is an interview.Store that keeps nothing: the engine saves after every
// answer, and encoding each of those saves would make generating thousands of interviews
// slow without changing the one file written at the end.
type discardStore struct{}

func (discardStore) Save(*interview.Session) error                { return nil }
func (discardStore) Load(code string) (*interview.Session, error) { return nil, interview.ErrNotFound }
func (discardStore) List() ([]interview.Meta, error)              { return nil, nil }
func (discardStore) Delete(string) error                          { return interview.ErrNotFound }

// interviewSession runs one interview of c through the engine as an interviewer would,
// with r's variations on the scenario's answers: about a fifth of the choices changed,
// "don't know" and "prefer not to answer" on questions to the person, a note now and then,
// 2–90 s per screen, and a quarter of the interviews stopped part-way (quit on the question
// reached, as a real interviewer leaves one). The session is a real one (no scenario).
func interviewSession(tb testing.TB, c *Case, code string, r *rand.Rand) *interview.Session {
	tb.Helper()
	g := c.Guideline
	lang := g.Languages[r.IntN(len(g.Languages))]
	now := t0.Add(time.Duration(r.IntN(90*24)) * time.Hour)
	clock := func() time.Time { return now }
	s, err := interview.NewSession(g, code, interview.ModeReal, lang, "ro", now)
	if err != nil {
		tb.Fatal(err)
	}
	s.Place, s.InterviewerRole, s.Institution = "Palanca", "ofițer de frontieră", "IGPF"
	e, err := interview.New(g, s, discardStore{}, interview.WithClock(clock))
	if err != nil {
		tb.Fatal(err)
	}
	if err := e.Start(); err != nil {
		tb.Fatal(err)
	}
	stopAt := -1
	if r.IntN(4) == 0 {
		stopAt = r.IntN(len(g.Questions))
	}
	skipped := map[string]bool{}
	for steps := 0; steps < 4*len(g.Questions)+4; steps++ {
		if e.PauseSuggested() {
			e.ContinueAnyway()
			continue
		}
		st := e.Current()
		q := st.Question
		if q == nil {
			break
		}
		now = now.Add(time.Duration(2+r.IntN(89)) * time.Second)
		if stopAt >= 0 && steps >= stopAt {
			if err := e.Quit(); err != nil {
				tb.Fatal(err)
			}
			return s
		}
		v, ok := c.Scenario.Answers.Values[q.ID]
		if !ok {
			skipped[q.ID] = true
			next := nextScripted(e, c.Scenario, q, skipped)
			if next == nil {
				break
			}
			if err := e.Goto(next.ID); err != nil {
				tb.Fatal(err)
			}
			continue
		}
		v = vary(q, v, r)
		if r.IntN(8) == 0 {
			if err := e.Note(fmt.Sprintf("Observație a intervievatorului la %s: persoana pare obosită.", q.ID)); err != nil {
				tb.Fatal(err)
			}
		}
		if err := e.Answer(v); err != nil {
			// A varied answer the question refuses (a declined observation): the
			// scenario's own.
			if err := e.Answer(c.Scenario.Answers.Values[q.ID]); err != nil {
				tb.Fatal(err)
			}
		}
	}
	if _, err := e.Finish(); err != nil {
		tb.Fatal(err)
	}
	e.Close()
	return s
}

// vary changes a scenario's answer at times, from r: a fifth of the answers to a question of
// several choices become another choice (or set of them), and on questions to the person 8%
// become "don't know" and 5% "prefer not to answer".
func vary(q *guidelines.Question, v guidelines.Value, r *rand.Rand) guidelines.Value {
	if !v.IsSpecial() && len(q.Choices) > 1 && r.IntN(100) < 20 {
		switch q.Type {
		case guidelines.TypeChoice:
			v = guidelines.Value{Str: q.Choices[r.IntN(len(q.Choices))].ID}
		case guidelines.TypeMulti:
			var list []string
			for _, c := range q.Choices {
				if r.IntN(len(q.Choices)) < 2 {
					list = append(list, c.ID)
				}
			}
			if len(list) == 0 {
				list = []string{q.Choices[r.IntN(len(q.Choices))].ID}
			}
			v = guidelines.Value{List: list}
		}
	}
	if q.Ask == guidelines.AskPerson {
		switch x := r.IntN(100); {
		case x < 8:
			v = guidelines.UnknownValue
		case x < 13:
			v = guidelines.DeclinedValue
		}
	}
	return v
}

// writeRealSessions writes n real interviews (interviewSession, from the shipped scenarios)
// into the sessions folder of dataDir, encrypted like every real session, with an identity
// file protected by passphrase at the work factor logN. It returns the unlocked identity.
func writeRealSessions(tb testing.TB, dataDir string, n int, seed uint64, passphrase string, logN int) *age.X25519Identity {
	tb.Helper()
	id, err := vault.CreateIdentity(vault.IdentityPath(dataDir), passphrase, logN)
	if err != nil {
		tb.Fatal(err)
	}
	st, err := vault.Open(filepath.Join(dataDir, "sessions"), []age.Recipient{id.Recipient()}, vault.WithIdentity(id))
	if err != nil {
		tb.Fatal(err)
	}
	cases := shipped(tb)
	workers := runtime.NumCPU()
	var wg sync.WaitGroup
	var mu sync.Mutex
	for w := range workers {
		wg.Go(func() {
			for i := w; i < n; i += workers {
				r := rand.New(rand.NewPCG(seed, uint64(i)))
				s := interviewSession(tb, cases[r.IntN(len(cases))], fmt.Sprintf("MD-%04X-R%03d", i, i%1000), r)
				data, err := st.Encrypt(s)
				if err != nil {
					tb.Error(err)
					return
				}
				mu.Lock()
				err = os.WriteFile(st.Path(s.Code), data, 0o600)
				mu.Unlock()
				if err != nil {
					tb.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
	return id
}

// TestWriteRealSessions writes the real-case benchmark set when EARLYID_REPORT_SESSIONS
// names a data folder to write it into (.ci/bench does, to time `earlyid report` as a
// whole process); EARLYID_REPORT_N sets how many (default 10,000). Without it the test
// writes a few and checks they are what the benchmark needs: real, encrypted, about 11 KB.
func TestWriteRealSessions(t *testing.T) {
	dir, n := os.Getenv("EARLYID_REPORT_SESSIONS"), 10000
	if v := os.Getenv("EARLYID_REPORT_N"); v != "" {
		fmt.Sscan(v, &n)
	}
	logN := vault.DefaultWorkFactor
	if dir == "" {
		dir, n, logN = t.TempDir(), 20, 10
	}
	pass := os.Getenv("EARLYID_REPORT_PASSPHRASE")
	if pass == "" {
		pass = "correct horse battery staple 42"
	}
	id := writeRealSessions(t, dir, n, 11, pass, logN)
	files, err := CollectFiles([]string{filepath.Join(dir, "sessions")})
	if err != nil || len(files) != n {
		t.Fatalf("%d files, want %d: %v", len(files), n, err)
	}
	st, _ := vault.Open(filepath.Join(dir, "sessions"), []age.Recipient{id.Recipient()}, vault.WithIdentity(id))
	total := 0
	for _, f := range files[:min(len(files), 20)] {
		s, err := st.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if s.Mode != interview.ModeReal || len(s.Answers.Values) < 10 {
			t.Errorf("%s: mode %s, %d answers", f, s.Mode, len(s.Answers.Values))
		}
		data, _ := s.Marshal()
		total += len(data)
		if bytes.Contains(data, []byte(`"scenario"`)) {
			t.Errorf("%s: a real session names a scenario", f)
		}
	}
	t.Logf("mean plaintext size %d bytes", total/min(len(files), 20))
}

// BenchmarkReportReal10k is the real case: a report over 10,000 encrypted real interviews
// made through the engine (writeRealSessions, outside the timing), read with the unlocked
// key as `earlyid report` reads them. EARLYID_REPORT_SESSIONS reuses a set already written
// there (.ci/bench writes one for the whole-process figure). Besides the wall time it
// reports cpu-ms/op, the CPU time of the whole process (every core) per report, and
// cpu-µs/session: on a shared machine these are the figures to compare.
func BenchmarkReportReal10k(b *testing.B) {
	dir := os.Getenv("EARLYID_REPORT_SESSIONS")
	pass := "correct horse battery staple 42"
	var id *age.X25519Identity
	if dir == "" {
		dir = b.TempDir()
		id = writeRealSessions(b, dir, 10000, 11, pass, 10)
	} else {
		var err error
		if id, err = vault.UnlockIdentity(vault.IdentityPath(dir), pass); err != nil {
			b.Fatal(err)
		}
	}
	st, err := vault.Open(filepath.Join(dir, "sessions"), []age.Recipient{id.Recipient()}, vault.WithIdentity(id))
	if err != nil {
		b.Fatal(err)
	}
	cpu0, n := processCPU(), 0
	for b.Loop() {
		files, err := CollectFiles([]string{filepath.Join(dir, "sessions")})
		if err != nil {
			b.Fatal(err)
		}
		rep, err := NewReport(files, ReportOptions{ReadEncrypted: st.Decrypt})
		if err != nil {
			b.Fatal(err)
		}
		if n := rep.Guidelines[0].Groups[0].Sessions; n < 9000 {
			b.Fatalf("%d sessions reported", n)
		}
		if err := rep.Render(&bytes.Buffer{}, FormatText, "en"); err != nil {
			b.Fatal(err)
		}
		n += len(files)
	}
	if cpu := processCPU() - cpu0; cpu > 0 {
		b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "cpu-ms/op")
		b.ReportMetric(float64(cpu.Microseconds())/float64(n), "cpu-µs/session")
	}
}
