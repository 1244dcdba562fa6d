package tui

import (
	"strings"
	"sync/atomic"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/earlyid/earlyid/interview"
)

// countingStore counts the saves that reach a slowStore, and how many run at once.
type countingStore struct {
	slowStore
	saves, running, most *atomic.Int32
}

func (s countingStore) Save(sess *interview.Session) error {
	s.saves.Add(1)
	n := s.running.Add(1)
	defer s.running.Add(-1)
	if n > s.most.Load() {
		s.most.Store(n)
	}
	return s.slowStore.Save(sess)
}

// promptly runs f and fails t when it does not return in time: a key handled while the disk
// is stuck must not wait for it.
func promptly(t *testing.T, what string, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { defer close(done); f() }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatalf("%s waited for the stuck disk", what)
	}
}

// TestKeysAreHandledWhileASaveIsStuck: while the save of one answer hangs on a slow disk,
// the next answers are taken and shown at once; no second save runs beside the stuck one;
// once it returns, one more save writes every answer given meanwhile; and the quick exit
// after that ends only once the session is on disk at the question it left.
func TestKeysAreHandledWhileASaveIsStuck(t *testing.T) {
	store := countingStore{
		slowStore{diskStore{interview.NewMemoryStore()}, new(atomic.Bool), make(chan struct{}), make(chan struct{})},
		new(atomic.Int32), new(atomic.Int32), new(atomic.Int32),
	}
	e := session{lang: "uk", uiLang: "ro", store: store, answers: atWork}.engine(t)
	var m tea.Model = New(e, Options{})
	m = update(m, tea.WindowSizeMsg{Width: 80, Height: 24}) // writes the start
	store.armed.Store(true)

	var write tea.Cmd
	promptly(t, "the answer", func() { m, write = m.Update(keyRunes("y")) })
	if write == nil {
		t.Fatal("the answer started no save")
	}
	written := make(chan tea.Msg, 1)
	go func() { written <- write() }()
	<-store.started // the save of job_offer hangs

	var more []tea.Cmd
	promptly(t, "the answers after it", func() {
		for _, k := range []tea.Msg{keyRunes("1"), keyEnter} {
			var cmd tea.Cmd
			m, cmd = m.Update(k)
			more = append(more, cmd)
		}
	})
	if got := e.Current().Question; got == nil || got.ID != "job_as_promised" {
		t.Fatalf("while the save hangs the interview stands at %v, want job_as_promised", got)
	}
	if v := plainView(m); !strings.Contains(v, m.(Model).c.ui(e.Current().Question.Text)) {
		t.Errorf("the next question is not on the screen while the save hangs:\n%s", v)
	}
	for _, cmd := range more {
		if cmd != nil {
			t.Fatal("a key started a command while the save ran: two saves at once")
		}
	}

	store.armed.Store(false)
	close(store.release)
	m = update(m, <-written) // the stuck save returns; the one after it writes the rest
	if n := store.saves.Load(); n != 3 {
		t.Errorf("%d saves, want 3: the start, the stuck one, and one for the two answers after it", n)
	}
	if n := store.most.Load(); n != 1 {
		t.Errorf("%d saves ran at once", n)
	}
	saved, err := store.Load("MD-7K3Q-2PXA")
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := saved.Answers.Values["recruited_via"]; !ok {
		t.Errorf("the answer given while the save hung never reached the disk: %v", saved.Answers.Values)
	}
	if !e.AllSaved() || e.SaveError() != nil {
		t.Errorf("all saved %v, error %v: want everything saved", e.AllSaved(), e.SaveError())
	}

	m = update(m, keyCtrlX)
	if !ended(m) {
		t.Fatal("the quick exit did not end")
	}
	if saved, err = store.Load("MD-7K3Q-2PXA"); err != nil || saved.Position.Question != "job_as_promised" {
		t.Errorf("saved at %q (%v), want the question the quick exit left", saved.Position.Question, err)
	}
}

// TestEndingWaitsForTheLastSave: closing the interview while its save hangs keeps the
// program alive behind the blank frame; when that save fails, the copy screen opens
// instead of the end, since the changes exist only in memory.
func TestEndingWaitsForTheLastSave(t *testing.T) {
	st := brokenVault(t)
	e := session{lang: "uk", uiLang: "ro", store: st, answers: complete}.engine(t)
	m := atResult(t, e, t.TempDir())
	var write tea.Cmd
	promptly(t, "closing the result", func() { m, write = m.Update(keyEnter) })
	if write == nil || ended(m) || strings.TrimSpace(m.View()) != "$" {
		t.Fatalf("closing: frame %q, want the blank frame while the last save runs", m.View())
	}
	m = update(m, write())
	if mm := m.(Model); mm.quitting || mm.screen != screenCopy {
		t.Errorf("after the failed last save: quitting %v, screen %d; want the copy screen", mm.quitting, mm.screen)
	}
}

// TestSecondQuickExitDuringTheSaveSkipsTheCopy: Ctrl+X pressed again while the quick
// exit's save still runs asks to be gone: when that save fails, the program ends instead
// of opening the copy screen.
func TestSecondQuickExitDuringTheSaveSkipsTheCopy(t *testing.T) {
	e := session{lang: "uk", uiLang: "ro", store: brokenVault(t), answers: atWork}.engine(t)
	m := update(New(e, Options{}), tea.WindowSizeMsg{Width: 80, Height: 24})
	m, write := m.Update(keyCtrlX)
	m, _ = m.Update(keyCtrlX) // while the save runs
	m = update(m, write())
	if mm := m.(Model); !ended(m) || mm.screen == screenCopy {
		t.Errorf("ended %v, screen %d: want the end, not the copy screen", ended(m), mm.screen)
	}
}
