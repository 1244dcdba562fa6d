package vault

import (
	"bufio"
	"bytes"
	"os"
	"strconv"
	"strings"
	"syscall"
	"testing"
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
	before := anonHugePages(t)
	prepareScryptMemory(size)
	v := make([]uint32, size/4) // what scrypt allocates, and then writes
	for i := 0; i < len(v); i += 1024 {
		v[i] = 1
	}
	got := anonHugePages(t) - before
	if got >= size/2 {
		return
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
