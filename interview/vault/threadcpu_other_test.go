//go:build !linux

package vault

import "time"

// threadCPU returns 0: only Linux gives a thread's CPU time through the syscall package,
// and the benchmarks leave the figure out without it.
func threadCPU() time.Duration { return 0 }
