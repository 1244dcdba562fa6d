package guidelines

import (
	"bytes"
	"encoding/binary"
	"io"
	"os"
	"sync"
)

// buildID returns the Go build ID of the running executable, or "" when it cannot be read.
// The go command derives it from every input of the build, so two builds share it only
// when they are the same program; the cache keys its entries with it, because a version
// string ("dev" in every development build) stays the same while the loader changes.
//
// The linker puts the ID near the start of the file: in an ELF note named "Go" (type 4) on
// Linux and the BSDs, and as the text `\xff Go build ID: "…"` at the start of the code on
// macOS and Windows. Reading the first 64 KiB finds both, as `go tool buildid` does.
var buildID = sync.OnceValue(func() string {
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	f, err := os.Open(exe)
	if err != nil {
		return ""
	}
	defer f.Close()
	head := make([]byte, 64<<10)
	n, err := io.ReadFull(f, head)
	if err != nil && err != io.ErrUnexpectedEOF {
		return ""
	}
	return findBuildID(head[:n])
})

// findBuildID returns the Go build ID found in the first bytes of an executable, or "".
func findBuildID(head []byte) string {
	// ELF note: namesz 4, descsz n, type 4, "Go\0\0", then n bytes of ID.
	noteHead := []byte("\x04\x00\x00\x00Go\x00\x00")
	if i := bytes.Index(head, noteHead); i >= 8 && binary.LittleEndian.Uint32(head[i-8:]) == 4 {
		n := int(binary.LittleEndian.Uint32(head[i-4:]))
		start := i + len(noteHead)
		if n > 0 && n <= 1024 && start+n <= len(head) {
			return string(bytes.TrimRight(head[start:start+n], "\x00"))
		}
	}
	const marker = "\xff Go build ID: \""
	if i := bytes.Index(head, []byte(marker)); i >= 0 {
		rest := head[i+len(marker):]
		if j := bytes.IndexByte(rest, '"'); j > 0 && j <= 1024 {
			return string(rest[:j])
		}
	}
	return ""
}
