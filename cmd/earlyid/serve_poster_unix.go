//go:build unix

package main

import (
	"os"
	"syscall"
)

// publicFileMode is 0644 less the user's umask: the mode any program gives a document the
// user saves. The umask can only be read by setting it, so it is set for that instant to
// 0077, the tightest: a file another goroutine happened to create in between would be
// private, never exposed. serve --poster creates no other file meanwhile.
func publicFileMode() os.FileMode {
	mask := syscall.Umask(0o077)
	syscall.Umask(mask)
	return 0o644 &^ os.FileMode(mask)
}
