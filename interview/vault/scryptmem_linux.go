package vault

import (
	"runtime"
	"syscall"
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
func prepareScryptMemory(size int) {
	b := make([]byte, size)
	if err := syscall.Madvise(b, syscall.MADV_HUGEPAGE); err != nil {
		return
	}
	// b is not used past this point, so the collection frees it.
	runtime.GC()
}
