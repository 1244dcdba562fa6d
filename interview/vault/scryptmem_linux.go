package vault

import (
	"runtime"
	"sync"
	"sync/atomic"
	"syscall"
	"unsafe"
)

// prepareScryptMemory makes the next allocation of size bytes (scrypt's working memory)
// land on memory the kernel backs with 2 MiB pages where it offers them on request
// (transparent huge pages in "madvise" mode, the common default). scrypt writes its 256 MiB
// once and then reads it at random: with 4 KiB pages that is 65,536 page faults and a TLB
// miss on nearly every read, which on a virtual machine made the unlock take 1.5 s of CPU
// where the arithmetic takes 0.6 s. Go's runtime does not ask for huge pages itself, so
// the range is allocated here first, marked, and freed: scrypt's own allocation of the
// same size reuses it at once. Nothing is touched here, so nothing becomes resident; when
// the kernel has no huge pages (or the allocator picks other memory) scrypt runs as it
// would have, only slower.
//
// The range is then faulted in from another thread (populateScryptMemory), and the
// returned function stops that and waits for it: the caller calls it once scrypt is done,
// before the memory is given back.
func prepareScryptMemory(size int) (stop func()) {
	b := make([]byte, size)
	if err := syscall.Madvise(b, syscall.MADV_HUGEPAGE); err != nil {
		return func() {}
	}
	// An address, not a pointer: b must not stay alive, or scrypt could not reuse it.
	addr := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	// b is not used past this point, so the collection frees it.
	runtime.GC()
	return populateScryptMemory(addr, uintptr(size))
}

// madvPopulateWrite is MADV_POPULATE_WRITE (Linux 5.14), which the syscall package does not
// name: fault pages in writable without writing to them.
const madvPopulateWrite = 23

// hugePage is the size of a transparent huge page on the platforms Go runs Linux on.
const hugePage = 2 << 20

// populateScryptMemory faults the range [addr, addr+size) in on another thread, from its
// end towards its start, one huge page at a time, and returns the function that stops it
// and waits until it has. The first thing scrypt's allocation does is clear its memory, from
// the start, and on a virtual machine whose free memory the host has taken back each of
// those faults is a trip to the host: 256 MiB took 0.45 s on one core while the other was
// idle. Faulted from both ends, the two meet in the middle. MADV_POPULATE_WRITE only maps
// pages and never writes to them, so it cannot disturb what the clearing or scrypt has
// written; on a kernel without it (EINVAL), or when the range is no longer mapped, it
// stops and scrypt faults the pages itself, as before.
func populateScryptMemory(addr, size uintptr) (stop func()) {
	var halt atomic.Bool
	var wg sync.WaitGroup
	wg.Go(func() { populateRange(addr, size, &halt) })
	return func() {
		halt.Store(true)
		wg.Wait()
	}
}

// populateRange is populateScryptMemory's loop: it checks halt before every huge page.
func populateRange(addr, size uintptr, halt *atomic.Bool) {
	// Steps on huge-page boundaries: a step across one would fault two huge pages.
	end := addr + size
	for end > addr && !halt.Load() {
		start := max(addr, (end-1)&^(hugePage-1))
		_, _, errno := syscall.Syscall(syscall.SYS_MADVISE, start, end-start, madvPopulateWrite)
		if errno == syscall.EINTR {
			continue
		}
		if errno != 0 {
			return
		}
		end = start
	}
}
