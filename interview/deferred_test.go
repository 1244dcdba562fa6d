package interview

import (
	"errors"
	"testing"
)

// TestDeferredSaveWritesSnapshotsTheFrontEndHandsOver: after DeferSaves no change
// reaches the store until the front end writes a snapshot; a snapshot keeps the session as
// it was taken, whatever changes after; AllSaved says "saved" only once the newest change
// is written, and a failed write is reported as the engine's own save failure.
func TestDeferredSaveWritesSnapshotsTheFrontEndHandsOver(t *testing.T) {
	g := loadTest(t)
	store := newRecordingStore()
	e := newEngine(t, g, store) // started: its start is saved
	e.DeferSaves()
	first := currentID(e)
	mustAnswer(t, e, first, yes())
	if len(store.saves) != 1 || !e.Dirty() || e.AllSaved() {
		t.Fatalf("deferred: %d saves, dirty %v, all saved %v; want no save after the start, dirty", len(store.saves), e.Dirty(), e.AllSaved())
	}

	snap := e.Snapshot()
	if e.Dirty() {
		t.Error("dirty right after the snapshot")
	}
	second := currentID(e)
	mustAnswer(t, e, second, yes()) // after the snapshot: not in it
	if err := snap.Write(); err != nil {
		t.Fatal(err)
	}
	e.Written(snap, nil)
	got := store.last()
	if _, ok := got.Answers.Values[first]; !ok {
		t.Errorf("the snapshot lost the answer to %s", first)
	}
	if _, ok := got.Answers.Values[second]; ok {
		t.Errorf("the snapshot holds the answer to %s, given after it was taken", second)
	}
	if e.AllSaved() || !e.Dirty() {
		t.Errorf("the answer to %s is not written, yet all saved %v, dirty %v", second, e.AllSaved(), e.Dirty())
	}

	store.fail = true
	snap = e.Snapshot()
	e.Written(snap, snap.Write())
	if !errors.Is(e.SaveError(), errDiskFull) || e.AllSaved() {
		t.Errorf("a failed write: SaveError %v, all saved %v", e.SaveError(), e.AllSaved())
	}
	store.fail = false
	snap = e.Snapshot()
	e.Written(snap, snap.Write())
	if e.SaveError() != nil || !e.AllSaved() {
		t.Errorf("the write after it worked: SaveError %v, all saved %v", e.SaveError(), e.AllSaved())
	}
	if _, ok := store.last().Answers.Values[second]; !ok {
		t.Errorf("the answer to %s never reached the store", second)
	}
}
