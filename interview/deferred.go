package interview

// Deferred saving: a front end with an event loop (the TUI) must not wait for the disk
// while it handles a key, since a slow disk (a USB stick) would freeze the screen. After
// DeferSaves the engine's methods only record that the session changed; the front
// end takes a Snapshot on its event loop, writes it on another goroutine, and hands the
// result back to Written on the event loop. The snapshot is a deep copy, so the writer
// and the event loop never share the session.

// DeferSaves makes the front end write the engine's changes (Snapshot, Written) from now
// on, instead of every method that changes the session.
func (e *Engine) DeferSaves() { e.deferred = true }

// Snapshot is the session as it stood when it was taken, to be written off the event
// loop. Its methods may run on any goroutine: they touch only the copy and the store.
type Snapshot struct {
	s       *Session
	err     error // the copy could not be made: writing it fails with this
	store   Store
	version uint64
}

// Dirty reports whether the session changed since the last Snapshot: a write is due.
func (e *Engine) Dirty() bool { return e.snapped < e.version }

// AllSaved reports whether the store holds every change: the last change was written and
// no write failed since. Only then may a screen say that the interview is saved.
func (e *Engine) AllSaved() bool { return e.saveErr == nil && e.written == e.version }

// Snapshot copies the session for a write. Call it on the goroutine that uses the engine.
func (e *Engine) Snapshot() *Snapshot {
	c, err := e.s.clone()
	e.snapped = e.version
	return &Snapshot{s: c, err: err, store: e.store, version: e.version}
}

// Version numbers the session's changes: a snapshot with this version or a later one
// holds every change made so far.
func (e *Engine) Version() uint64 { return e.version }

// Version is the engine's Version when the snapshot was taken.
func (s *Snapshot) Version() uint64 { return s.version }

// Write saves the snapshot through the engine's store. Hand its error to Engine.Written.
func (s *Snapshot) Write() error {
	if s.err != nil {
		return s.err
	}
	return s.store.Save(s.s)
}

// WriteCopy writes the snapshot elsewhere in the store's protected form, as
// Engine.SaveCopy does with the live session, and returns the file written.
func (s *Snapshot) WriteCopy(path string) (string, error) {
	cs, ok := s.store.(CopySaver)
	switch {
	case !ok:
		return "", ErrNoCopy
	case s.err != nil:
		return "", s.err
	}
	return cs.SaveCopy(s.s, path)
}

// Written records the result of writing snap (Snapshot.Write) for SaveError and AllSaved.
// Call it on the goroutine that uses the engine, in the order the writes ran.
func (e *Engine) Written(snap *Snapshot, err error) { e.record(snap.version, err) }

// RecordExport adds a file written from the session to its sharing log and saves it.
func (e *Engine) RecordExport(x Export) {
	e.s.Exports = append(e.s.Exports, x)
	e.save()
}
