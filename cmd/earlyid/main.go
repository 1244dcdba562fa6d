// Command earlyid is an offline tool for the early identification of victims of human
// trafficking in mixed migratory flows: guided interviews, indicator scoring, referral
// summaries, training simulations, and the tools guideline authors use to check their files.
//
// Run "earlyid --help" for the commands.
package main

import (
	"os"
	"runtime/debug"
)

// shortGCPercent is the collector's target for the commands that run for a moment. Most
// live a few tens of milliseconds, most of it loading a guideline, and the heap stays
// small (a guideline, a session). Collecting at 4x growth instead of 2x cut the CPU time
// of `validate` on the default guideline by a third (perf stat task-clock: 37-49 → 27-29
// ms; the collector competed for the second core) for a few megabytes more.
const shortGCPercent = 400

// gcTuned is set when main chose the collector's target (GOGC was not set), so that
// tuneGC may change it for a command; tests, which run the commands without main, keep
// the default.
var gcTuned bool

func main() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(shortGCPercent)
		gcTuned = true
	}
	os.Exit(run(os.Args[1:], systemIO(os.Getenv)))
}

// interactiveCommands run for as long as a person works in them, minutes to an hour, and
// go back to Go's default target (2x growth): with 4x an interview of the default
// guideline grew to 41–43 MB of resident memory in half a minute of answers and kept it,
// with 2x it stays at 24–25 MB (.ci/bench-memory), and the collections cost nothing a
// person could notice between two keys. serve runs for days: under the load test (500
// people, 300 pages a second) it peaked at 113 MB with 4x and 74–77 MB with 2x, for no
// more CPU a page.
var interactiveCommands = map[string]bool{"interview": true, "resume": true, "simulate": true, "serve": true}

// tuneGC sets the collector's target for the command about to run (see shortGCPercent
// and interactiveCommands), unless the user chose one with GOGC.
func tuneGC(command string) {
	if gcTuned && interactiveCommands[command] {
		debug.SetGCPercent(100)
	}
}
