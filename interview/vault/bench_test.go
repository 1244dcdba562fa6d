package vault

import (
	"fmt"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/interview"
)

// session200 returns a session with 200 answered text questions (about 80 characters each,
// a note on every tenth) and timings: a long real interview.
func session200(b testing.TB) *interview.Session {
	b.Helper()
	g := textGuideline(b, 200)
	s, err := interview.NewSession(g, "MD-BNCH-0200", interview.ModeReal, "ro", "ro", time.Now())
	if err != nil {
		b.Fatal(err)
	}
	at := time.Now().UTC()
	for i := range 200 {
		id := fmt.Sprintf("q%d", i)
		s.Answers.Values[id] = guidelines.Value{Str: fmt.Sprintf("Răspunsul %d: %s", i, strings.Repeat("text liber ", 7))}
		if i%10 == 0 {
			s.Answers.Notes[id] = "Observație a intervievatorului despre răspuns."
		}
		s.Timings[id] = &interview.Timing{AnsweredAt: &at, Seconds: 12.5, Visits: 1}
		s.History = append(s.History, interview.Position{Stage: interview.StageQuestions, Question: id})
	}
	s.Position = interview.Position{Stage: interview.StageReview}
	return s
}

// reportPercentiles records p50 and p99 of ds, in milliseconds, as <prefix>p50-ms and
// <prefix>p99-ms.
func reportPercentiles(b *testing.B, prefix string, ds []time.Duration) {
	if len(ds) == 0 {
		return
	}
	slices.Sort(ds)
	p := func(q float64) float64 {
		return float64(ds[min(len(ds)-1, int(q*float64(len(ds))))].Microseconds()) / 1000
	}
	b.ReportMetric(p(0.50), prefix+"p50-ms")
	b.ReportMetric(p(0.99), prefix+"p99-ms")
}

// BenchmarkAutosave is one autosave of a 200-answer session, as the engine does after
// every answer: encrypt in memory (X25519), write a temp file, fsync, rename, fsync the
// folder. It reports the per-save p50 and p99 as well as the mean, and the same of the
// in-memory part alone (mem-…: from the call to Save until the write begins), whose p99
// must stay under 1 ms: the disk's share depends on the disk, this part on earlyid. On a
// shared machine the wall clock also counts the time other processes held the core, so
// the in-memory part's CPU time on the saving thread is reported too (mem-cpu-…, Linux).
func BenchmarkAutosave(b *testing.B) {
	s := session200(b)
	var t0, written time.Time
	var cpu0, cpuWritten time.Duration
	st := openStore(b, newIdentity(b), WithWriter(func(path string, data []byte) error {
		written, cpuWritten = time.Now(), threadCPU()
		return interview.WriteFileAtomic(path, data)
	}))
	plain, _ := s.Marshal()
	// The thread's CPU clock reads right only while the goroutine stays on it.
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	var ds, mem, memCPU []time.Duration
	for i := 0; b.Loop(); i++ {
		s.Answers.Values["q0"] = guidelines.Value{Str: fmt.Sprintf("changed %d", i)}
		t0, cpu0 = time.Now(), threadCPU()
		if err := st.Save(s); err != nil {
			b.Fatal(err)
		}
		ds = append(ds, time.Since(t0))
		mem = append(mem, written.Sub(t0))
		memCPU = append(memCPU, cpuWritten-cpu0)
	}
	reportPercentiles(b, "", ds)
	reportPercentiles(b, "mem-", mem)
	if threadCPU() > 0 {
		reportPercentiles(b, "mem-cpu-", memCPU)
	}
	b.ReportMetric(float64(len(plain))/1024, "session-KiB")
}

// BenchmarkEncrypt is the in-memory part of an autosave alone: JSON and age encryption.
func BenchmarkEncrypt(b *testing.B) {
	s := session200(b)
	st := openStore(b, newIdentity(b))
	for b.Loop() {
		if _, err := st.Encrypt(s); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoad is reading a 200-answer session back with an unlocked identity (what
// resume, list and show do per session, after the one unlock).
func BenchmarkLoad(b *testing.B) {
	s := session200(b)
	st := openStore(b, newIdentity(b))
	if err := st.Save(s); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := st.Load(s.Code); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkUnlock is the once-per-command cost: scrypt at DefaultWorkFactor (2^18, 256
// MiB) to open the identity file.
func BenchmarkUnlock(b *testing.B) {
	path := filepath.Join(b.TempDir(), IdentityFileName)
	if _, err := CreateIdentity(path, goodPassphrase, DefaultWorkFactor); err != nil {
		b.Fatal(err)
	}
	var ds []time.Duration
	for b.Loop() {
		t0 := time.Now()
		if _, err := UnlockIdentity(path, goodPassphrase); err != nil {
			b.Fatal(err)
		}
		ds = append(ds, time.Since(t0))
	}
	reportPercentiles(b, "", ds)
}
