package vault

import (
	"bufio"
	"bytes"
	"errors"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
	"unsafe"
)

// TestScryptMemoryOnHugePages: after prepareScryptMemory, an allocation of the size asked
// for (scrypt's, as the unlock makes it) is backed by 2 MiB pages, when the kernel gives
// them on request. It runs alone (not in parallel): another test's large allocation could
// take the prepared memory first. Skipped when the kernel gives no huge pages on request,
// or has none free right now.
func TestScryptMemoryOnHugePages(t *testing.T) {
	mode, err := os.ReadFile("/sys/kernel/mm/transparent_hugepage/enabled")
	if err != nil || !bytes.Contains(mode, []byte("[madvise]")) && !bytes.Contains(mode, []byte("[always]")) {
		t.Skipf("no transparent huge pages on request here (%q)", bytes.TrimSpace(mode))
	}
	const size = 1024 << 16 // scrypt's memory at work factor 16, 64 MiB
	// The allocator does not always hand the next allocation the range just freed: in about
	// one try in eight here it took other memory (above the prepared range, or partly in
	// it), and that allocation then runs on 4 KiB pages. The preparation must work on most
	// tries, so it has five.
	var got int
	for range 5 {
		before := anonHugePages(t)
		stop := prepareScryptMemory(size)
		v := make([]uint32, size/4) // what scrypt allocates, and then writes
		for i := 0; i < len(v); i += 1024 {
			v[i] = 1
		}
		stop()
		got = anonHugePages(t) - before
		if got >= size/2 {
			return
		}
		debug.FreeOSMemory() // v is garbage now: give its pages back before the next try
	}
	// Is it the kernel (no huge page free now) or the preparation that failed?
	control := make([]byte, size)
	if err := syscall.Madvise(control, syscall.MADV_HUGEPAGE); err != nil {
		t.Skipf("madvise: %v", err)
	}
	base := anonHugePages(t)
	for i := 0; i < len(control); i += 4096 {
		control[i] = 1
	}
	if anonHugePages(t)-base < size/2 {
		t.Skip("the kernel has no huge pages free right now")
	}
	t.Errorf("scrypt's memory has %d KiB on huge pages of %d KiB, though memory marked directly gets them", got>>10, size>>10)
}

// anonHugePages returns how many bytes of the process's memory are on transparent huge
// pages.
func anonHugePages(t *testing.T) int {
	t.Helper()
	f, err := os.Open("/proc/self/smaps_rollup")
	if err != nil {
		t.Skipf("cannot read the process's memory map: %v", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "AnonHugePages:"); ok {
			kb, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(rest), " kB"))
			if err != nil {
				t.Fatal(err)
			}
			return kb << 10
		}
	}
	t.Skip("the kernel does not report huge pages per process")
	return 0
}

// TestPopulateScryptMemory: populateScryptMemory makes the whole range resident, the pages
// the other thread reaches first as well as those it finds already faulted in, without
// changing a byte of what was written there, and once stopped it stops. Skipped on a
// kernel without MADV_POPULATE_WRITE (before 5.14).
func TestPopulateScryptMemory(t *testing.T) {
	const size = 5*hugePage + 3<<12 // not a whole number of huge pages, as the range may be
	mem, err := syscall.Mmap(-1, 0, size, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_PRIVATE|syscall.MAP_ANON)
	if err != nil {
		t.Skipf("mmap: %v", err)
	}
	defer syscall.Munmap(mem)
	addr := uintptr(unsafe.Pointer(unsafe.SliceData(mem)))
	if err := madvise(addr, 1<<12, madvPopulateWrite); errors.Is(err, syscall.EINVAL) {
		t.Skip("the kernel has no MADV_POPULATE_WRITE")
	}
	// What the runtime's clearing and scrypt would have written meanwhile, at the start,
	// in the middle and in the last page.
	for _, i := range []int{1 << 12, size / 2, size - 1} {
		mem[i] = byte(i) | 1
	}
	if err := madvise(addr+hugePage, hugePage, syscall.MADV_DONTNEED); err != nil {
		t.Fatal(err)
	}
	if n := resident(t, mem); n == len(mem)>>12 {
		t.Fatal("the whole range is resident before it is populated: the test shows nothing")
	}
	stop := populateScryptMemory(addr, size)
	// Left to run, it faults in the whole range (in milliseconds; seconds on a busy machine).
	for deadline := time.Now().Add(10 * time.Second); resident(t, mem) < len(mem)>>12 && time.Now().Before(deadline); {
		time.Sleep(time.Millisecond)
	}
	stop()
	for _, i := range []int{1 << 12, size / 2, size - 1} {
		if mem[i] != byte(i)|1 {
			t.Errorf("byte %d was changed: %#x", i, mem[i])
		}
	}
	if n := resident(t, mem); n != len(mem)>>12 {
		t.Errorf("%d of %d pages resident after populating", n, len(mem)>>12)
	}

	// Halted, it faults in nothing more: the flag is read before every huge page. (How far
	// a thread gets before a stop that follows its start at once is the scheduler's
	// business: on an idle core it may be the whole range.)
	if err := madvise(addr, size, syscall.MADV_DONTNEED); err != nil {
		t.Fatal(err)
	}
	var halt atomic.Bool
	halt.Store(true)
	populateRange(addr, size, &halt)
	if n := resident(t, mem); n != 0 {
		t.Errorf("%d pages resident after a halted populate", n)
	}
	// A range scrypt did not get: only its first page is written (a small allocation of
	// someone else), the clearing never reaches the probe, and nothing is faulted in.
	mem[0] = 1
	stop = populateScryptMemory(addr, size)
	time.Sleep(scryptWait + 50*time.Millisecond)
	stop()
	if n := resident(t, mem); n != 1 {
		t.Errorf("%d pages resident in a range the clearing never reached, want the 1 written", n)
	}
	if err := madvise(addr, size, syscall.MADV_DONTNEED); err != nil {
		t.Fatal(err)
	}
	// Once stop has returned, the thread is gone: nothing is faulted in after it.
	stop = populateScryptMemory(addr, size)
	stop()
	after := resident(t, mem)
	time.Sleep(20 * time.Millisecond)
	if n := resident(t, mem); n != after {
		t.Errorf("pages still faulted in after stop returned: %d, then %d", after, n)
	}
}

// madvise is the system call on a range given by its address.
func madvise(addr, size uintptr, advice int) error {
	if _, _, errno := syscall.Syscall(syscall.SYS_MADVISE, addr, size, uintptr(advice)); errno != 0 {
		return errno
	}
	return nil
}

// resident returns how many 4 KiB pages of mem are in memory (mincore).
func resident(t *testing.T, mem []byte) int {
	t.Helper()
	vec := make([]byte, (len(mem)+1<<12-1)>>12)
	if _, _, errno := syscall.Syscall(syscall.SYS_MINCORE, uintptr(unsafe.Pointer(unsafe.SliceData(mem))), uintptr(len(mem)), uintptr(unsafe.Pointer(unsafe.SliceData(vec)))); errno != 0 {
		t.Skipf("mincore: %v", errno)
	}
	n := 0
	for _, v := range vec {
		n += int(v & 1)
	}
	return n
}
