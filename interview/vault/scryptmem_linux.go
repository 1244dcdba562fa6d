package vault

import (
	"runtime"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
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
// the kernel has no huge pages, or the allocator picks other memory (about one unlock in
// eight here: it placed scrypt's memory after the prepared range, or partly in it, for a
// reason not found yet), scrypt runs as it would have, only slower.
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
//
// It first waits until the clearing has reached into the range (scryptStarted): the
// allocator does not always hand scrypt the range prepared for it (in about one unlock in
// ten here it took fresh memory), and faulting in a range nobody uses would leave 256 MiB
// more resident for nothing.
func populateRange(addr, size uintptr, halt *atomic.Bool) {
	if !scryptStarted(addr, size, halt) {
		return
	}
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

// scryptProbe is how far into the range scryptStarted looks: past the first pages, which
// a small allocation of another goroutine could take if the range was not scrypt's, and
// near enough to the start that the clearing reaches it within milliseconds.
const scryptProbe = 8 << 20

// scryptWait is how long scryptStarted waits for the clearing: it reaches 8 MiB in about
// 15 ms when every fault goes to the host, and scrypt's allocation follows the preparation
// at once.
const scryptWait = 250 * time.Millisecond

// scryptStarted reports whether the page at scryptProbe (or the middle of a smaller range)
// became resident within scryptWait: the sign that scrypt's memory is this range, since
// the runtime clears it, or scrypt writes it, from the start. False when halted first.
func scryptStarted(addr, size uintptr, halt *atomic.Bool) bool {
	probe := (addr + min(scryptProbe, size/2)) &^ (pageSize - 1)
	deadline := time.Now().Add(scryptWait)
	for !halt.Load() {
		var vec byte
		_, _, errno := syscall.Syscall(syscall.SYS_MINCORE, probe, pageSize, uintptr(unsafe.Pointer(&vec)))
		if errno != 0 && errno != syscall.EAGAIN {
			return false
		}
		if errno == 0 && vec&1 != 0 {
			return true
		}
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(100 * time.Microsecond)
	}
	return false
}

// pageSize is the size of the pages mincore reports on: the smallest page, whatever huge
// pages back the range.
const pageSize = 4096
