//go:build unix

package training

import (
	"syscall"
	"time"
)

// processCPU returns the CPU time (user and system) the whole process has used, on every
// thread: what a report costs on a machine whose other processes make the wall clock
// meaningless.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
