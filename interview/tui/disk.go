package tui

import (
	tea "github.com/charmbracelet/bubbletea"

	"github.com/earlyid/earlyid/interview"
)

// writer runs the model's writes to the disk, off the event loop and one at a time: the
// engine's changes (saved after every answer, note and move) and the copy screen's copy.
// A key is never kept waiting by the disk: Update takes a snapshot of the session and a
// command writes it. Changes made while a write runs are not written beside it but after
// it, all together in the newest snapshot, so a burst of answers on a slow USB stick costs
// one more write, not one per answer, and the last write always holds the last change. Each
// write's result comes back as a writtenMsg and is handed to the engine (SaveError).
//
// The parent model owns it (a pointer, shared by the copies bubbletea makes of the model)
// and is the only one to use it, on the event loop.
type writer struct {
	e *interview.Engine
	// job is the write under way, nil when none is.
	job *writeJob
	// copyTo is where the copy screen asked for a copy while a write ran ("" when none).
	copyTo string
}

// writeJob is one write: the session's save, or a copy of it elsewhere (copyTo).
type writeJob struct {
	snap   *interview.Snapshot
	copyTo string
	// written and err are the result, set before done is closed.
	written string
	err     error
	done    chan struct{}
}

// writtenMsg is the end of a writeJob.
type writtenMsg struct{ job *writeJob }

func newWriter(e *interview.Engine) *writer {
	e.DeferSaves()
	return &writer{e: e}
}

// next starts the write that is due, if any and none runs: the copy asked for, else the
// engine's changes.
func (w *writer) next() tea.Cmd {
	if w.job != nil {
		return nil
	}
	switch {
	case w.copyTo != "":
		w.job = &writeJob{snap: w.e.Snapshot(), copyTo: w.copyTo}
		w.copyTo = ""
	case w.e.Dirty():
		w.job = &writeJob{snap: w.e.Snapshot()}
	default:
		return nil
	}
	job := w.job
	job.done = make(chan struct{})
	return func() tea.Msg {
		defer close(job.done)
		if job.copyTo != "" {
			job.written, job.err = job.snap.WriteCopy(job.copyTo)
		} else {
			job.err = job.snap.Write()
		}
		return writtenMsg{job}
	}
}

// finished takes the result of job, the write that was under way, and hands a save's to
// the engine.
func (w *writer) finished(job *writeJob) {
	if job != w.job {
		return // settle took it over
	}
	w.job = nil
	if job.copyTo == "" {
		w.e.Written(job.snap, job.err)
	}
}

// idle reports whether nothing is written or waiting to be.
func (w *writer) idle() bool { return w.job == nil && w.copyTo == "" && !w.e.Dirty() }

// flush waits for the write under way and writes what is left, on the calling goroutine:
// for the end of Run, once the event loop is gone.
func (w *writer) flush() {
	if job := w.job; job != nil {
		<-job.done
		w.finished(job)
	}
	if w.e.Dirty() {
		snap := w.e.Snapshot()
		w.e.Written(snap, snap.Write())
	}
}
