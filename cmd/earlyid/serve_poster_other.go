//go:build !unix

package main

import "os"

// publicFileMode is the mode of a document anyone may read. Windows has no umask, and of
// the mode it keeps only whether the file can be written.
func publicFileMode() os.FileMode { return 0o644 }
