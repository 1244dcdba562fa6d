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

func main() {
	if os.Getenv("GOGC") == "" {
		// Most commands live a few tens of milliseconds, most of it loading a guideline, and
		// the heap stays small (a guideline, a session). Collecting at 4x growth instead of 2x
		// cut the CPU time of `validate` on the default guideline by a third (perf stat task-clock:
		// 37-49 → 27-29 ms; the collector competed for the second core) for a few megabytes more.
		debug.SetGCPercent(400)
	}
	os.Exit(run(os.Args[1:], systemIO(os.Getenv)))
}
