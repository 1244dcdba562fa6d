package vault

import (
	"path/filepath"
	"runtime"
	"runtime/debug"
	"testing"
)

// After an unlock, scrypt's buffer (256 MiB in earnest) must go back to the system, not
// stay resident for the whole interview; earlyid runs its short commands with a high GOGC,
// under which nothing would collect it. Not parallel: the heap figures are the process's.
func TestUnlockGivesScryptMemoryBack(t *testing.T) {
	if testing.Short() {
		t.Skip("scrypt at 64 MiB takes a moment")
	}
	const logN = 16 // 64 MiB: large enough to stand out of the test's own heap
	path := filepath.Join(t.TempDir(), IdentityFileName)
	if _, err := CreateIdentity(path, goodPassphrase, logN); err != nil {
		t.Fatal(err)
	}
	defer debug.SetGCPercent(debug.SetGCPercent(400))
	held := func() uint64 {
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapSys - m.HeapReleased
	}
	for _, tc := range []struct {
		name   string
		unlock func() error
	}{
		{"unlock", func() error { _, err := UnlockIdentity(path, goodPassphrase); return err }},
		{"wrong passphrase", func() error { UnlockIdentity(path, goodPassphrase+"x"); return nil }},
		{"create", func() error {
			_, err := CreateIdentity(filepath.Join(t.TempDir(), IdentityFileName), goodPassphrase, logN)
			return err
		}},
	} {
		if err := tc.unlock(); err != nil {
			t.Fatal(err)
		}
		if h := held(); h > 32<<20 {
			t.Errorf("%s: the heap holds %d MiB of memory from the system afterwards; scrypt's 64 MiB were not given back", tc.name, h>>20)
		}
	}
}
