package main

import (
	"math"
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

// TestBoundReportHeap: a report runs the collector when its heap reaches the limit, and
// goes back to the usual 2x growth once what it keeps nears the limit (a report of very
// many sessions), where a limit it cannot keep would make the collector run without end;
// the usual target is back when the report is done. Not parallel: the collector's
// settings are the process's.
func TestBoundReportHeap(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))
	const limit = 32 << 20

	restore := boundReportHeap(limit)
	if got := debug.SetMemoryLimit(-1); got != limit {
		t.Fatalf("memory limit %d, want %d", got, limit)
	}
	live := make([][]byte, 0, 24)
	for range cap(live) {
		live = append(live, make([]byte, 1<<20)) // 24 MiB kept: more than half the limit
	}
	runtime.GC()
	deadline := time.Now().Add(5 * time.Second)
	for debug.SetMemoryLimit(-1) != math.MaxInt64 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Errorf("with %d MiB live the limit is still %d MiB", len(live), got>>20)
	}
	if p := debug.SetGCPercent(100); p != 100 {
		t.Errorf("with %d MiB live the collector runs at %d%%, want 100%%", len(live), p)
	}
	runtime.KeepAlive(live)
	restore()

	restore = boundReportHeap(limit)
	if p := debug.SetGCPercent(-1); p != -1 {
		t.Errorf("under the limit the collector runs at %d%% growth, want only at the limit", p)
	}
	restore()
	if got, p := debug.SetMemoryLimit(-1), debug.SetGCPercent(100); got != math.MaxInt64 || p != 100 {
		t.Errorf("after the report: limit %d, collector at %d%%; want none and 100%%", got, p)
	}
}
