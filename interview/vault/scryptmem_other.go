//go:build !linux

package vault

// prepareScryptMemory does nothing: huge pages on request and faulting memory in ahead
// (MADV_POPULATE_WRITE) are Linux features.
func prepareScryptMemory(int) (stop func()) { return func() {} }
