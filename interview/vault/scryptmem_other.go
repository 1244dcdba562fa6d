//go:build !linux

package vault

// prepareScryptMemory does nothing: huge pages on request are a Linux feature.
func prepareScryptMemory(int) {}
