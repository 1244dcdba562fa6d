//go:build !unix

package training

import "time"

// processCPU returns 0: the syscall package gives a process's CPU time only on Unix, and
// the benchmark leaves the figure out without it.
func processCPU() time.Duration { return 0 }
