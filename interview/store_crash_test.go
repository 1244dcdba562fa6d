package interview

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A power-loss simulation of WriteFileAtomic, after SQLite's crash tests (src/test6.c): a
// file system in memory that keeps, beside what a program
// sees, what a disk would still hold after the power goes — file data only once the file
// was fsynced, names (creations, renames, removals) only once their folder was fsynced.
// The save is replayed with the power cut after each of its steps in turn; after every
// cut the file must read as the old content or the new one, never torn or missing, and
// once the save has returned nil it must read as the new one.

// errPowerLoss is what every operation returns once the power is cut.
var errPowerLoss = errors.New("power loss")

// inode is one file's content as the program sees it and as the disk holds it.
type inode struct {
	data    []byte // what a read returns now
	durable []byte // what survives a power loss: the data as of the last fsync
}

// crashFS is a single folder in memory with a power switch. Its faults (skipSync,
// skipDirSync) make it forget an fsync, to check that the test notices a save without it.
type crashFS struct {
	names   map[string]*inode // the folder as the program sees it
	durable map[string]*inode // the folder as the disk holds it: as of the last folder fsync
	ops     int               // operations done so far
	cutAt   int               // the power goes before operation number cutAt (0: never)
	off     bool

	skipSync, skipDirSync bool
	temps                 int
}

func newCrashFS(path string, old []byte) *crashFS {
	ino := &inode{data: bytes.Clone(old), durable: bytes.Clone(old)}
	return &crashFS{names: map[string]*inode{path: ino}, durable: map[string]*inode{path: ino}}
}

// step counts an operation and reports whether the power is still on for it.
func (c *crashFS) step() error {
	c.ops++
	if c.cutAt > 0 && c.ops >= c.cutAt {
		c.off = true
	}
	if c.off {
		return errPowerLoss
	}
	return nil
}

// afterPowerLoss is the content of path as the disk holds it, and whether it exists.
func (c *crashFS) afterPowerLoss(path string) ([]byte, bool) {
	ino, ok := c.durable[path]
	if !ok {
		return nil, false
	}
	return ino.durable, true
}

func (c *crashFS) CreateTemp(dir, pattern string) (atomicFile, error) {
	if err := c.step(); err != nil {
		return nil, err
	}
	c.temps++
	name := filepath.Join(dir, strings.Replace(pattern, "*", fmt.Sprint(c.temps), 1))
	ino := &inode{}
	c.names[name] = ino
	return &crashFile{fs: c, name: name, ino: ino}, nil
}

func (c *crashFS) Rename(from, to string) error {
	if err := c.step(); err != nil {
		return err
	}
	ino, ok := c.names[from]
	if !ok {
		return os.ErrNotExist
	}
	c.names[to] = ino
	delete(c.names, from)
	return nil
}

func (c *crashFS) SyncDir(string) error {
	if err := c.step(); err != nil {
		return err
	}
	if !c.skipDirSync {
		c.durable = make(map[string]*inode, len(c.names))
		for n, ino := range c.names {
			c.durable[n] = ino
		}
	}
	return nil
}

func (c *crashFS) Remove(name string) error {
	if err := c.step(); err != nil {
		return err
	}
	delete(c.names, name)
	return nil
}

type crashFile struct {
	fs   *crashFS
	name string
	ino  *inode
}

func (f *crashFile) Name() string { return f.name }

func (f *crashFile) Write(p []byte) (int, error) {
	if err := f.fs.step(); err != nil {
		return 0, err
	}
	f.ino.data = append(f.ino.data, p...)
	return len(p), nil
}

func (f *crashFile) Sync() error {
	if err := f.fs.step(); err != nil {
		return err
	}
	if !f.fs.skipSync {
		f.ino.durable = bytes.Clone(f.ino.data)
	}
	return nil
}

func (f *crashFile) Chmod(os.FileMode) error { return f.fs.step() }
func (f *crashFile) Close() error            { return f.fs.step() }

// powerLossFindings replays a save of newData over oldData with the power cut before each
// of its operations, then once without a cut, and returns what went wrong.
func powerLossFindings(t *testing.T, faults func(*crashFS)) []string {
	t.Helper()
	const path = "sessions/MD-7K3Q-2PXA.age"
	oldData, newData := []byte("the previous save"), []byte("the new save, longer than the old one")
	full := newCrashFS(path, oldData)
	faults(full)
	if err := writeFileAtomic(full, path, newData); err != nil {
		t.Fatalf("the save without a power cut failed: %v", err)
	}
	var out []string
	if got, ok := full.afterPowerLoss(path); !ok || !bytes.Equal(got, newData) {
		out = append(out, fmt.Sprintf("the save returned nil, then a power loss left %q", got))
	}
	for cut := 1; cut <= full.ops; cut++ {
		c := newCrashFS(path, oldData)
		faults(c)
		c.cutAt = cut
		if err := writeFileAtomic(c, path, newData); !errors.Is(err, errPowerLoss) {
			t.Fatalf("power cut before operation %d: the save returned %v", cut, err)
		}
		got, ok := c.afterPowerLoss(path)
		switch {
		case !ok:
			out = append(out, fmt.Sprintf("power cut before operation %d: the file is gone", cut))
		case !bytes.Equal(got, oldData) && !bytes.Equal(got, newData):
			out = append(out, fmt.Sprintf("power cut before operation %d: the file reads %q, neither the old save nor the new", cut, got))
		}
	}
	return out
}

// TestWriteFileAtomicSurvivesPowerLossAtEveryStep: a power cut anywhere in a save leaves the
// old save or the new one, and a save that returned nil survives a power cut.
func TestWriteFileAtomicSurvivesPowerLossAtEveryStep(t *testing.T) {
	if found := powerLossFindings(t, func(*crashFS) {}); len(found) > 0 {
		t.Errorf("WriteFileAtomic is not crash-safe:\n%s", strings.Join(found, "\n"))
	}
}

// TestPowerLossSimulationCatchesAMissingFsync: the simulation is worth something only if it
// catches a save that skips a step. Without the file's fsync a renamed file can be empty
// after a power loss; without the folder's fsync an acknowledged save can be lost.
func TestPowerLossSimulationCatchesAMissingFsync(t *testing.T) {
	for name, faults := range map[string]func(*crashFS){
		"no file fsync":   func(c *crashFS) { c.skipSync = true },
		"no folder fsync": func(c *crashFS) { c.skipDirSync = true },
	} {
		if found := powerLossFindings(t, faults); len(found) == 0 {
			t.Errorf("%s: the simulation found nothing wrong", name)
		} else {
			t.Logf("%s: %s", name, found[0])
		}
	}
}
