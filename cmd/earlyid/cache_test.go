package main

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestGuidelineCacheSwitches checks the cache of compiled guidelines from the command line:
// a score fills it and a second score reads it; --no-cache and EARLYID_NO_CACHE=1 leave the
// folder untouched; and the result is the same every way.
func TestGuidelineCacheSwitches(t *testing.T) {
	// A guideline given by path: the built-in ones are loaded once per process.
	args := []string{"score", "--guideline", "../../guidelines/example.yaml", "--answers", "testdata/score/child-online.yaml", "--format", "json"}
	run := func(dir string, env map[string]string, extra ...string) string {
		t.Helper()
		ios, _, out, errOut := testIO()
		f := newFactory(ios, func(k string) string { return env[k] }, func() time.Time { return time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC) })
		f.CacheDir = func() string { return dir }
		if code := execute(f, append(append([]string(nil), args...), extra...)); code != exitOK {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		return out.String()
	}
	entries := func(dir string) int {
		t.Helper()
		list, err := os.ReadDir(dir)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		return len(list)
	}

	dir := filepath.Join(t.TempDir(), "cache")
	want := run(dir, nil)
	if n := entries(dir); n != 1 {
		t.Fatalf("%d entries after the first score, want 1", n)
	}
	if got := run(dir, nil); got != want {
		t.Errorf("the score read from the cache differs:\n%s\nwant:\n%s", got, want)
	}

	for name, c := range map[string]struct {
		env   map[string]string
		extra []string
	}{
		"--no-cache":         {nil, []string{"--no-cache"}},
		"EARLYID_NO_CACHE=1": {map[string]string{"EARLYID_NO_CACHE": "1"}, nil},
	} {
		off := filepath.Join(t.TempDir(), "cache")
		if got := run(off, c.env, c.extra...); got != want {
			t.Errorf("with %s the score differs:\n%s\nwant:\n%s", name, got, want)
		}
		if n := entries(off); n != 0 {
			t.Errorf("with %s the cache got %d entries", name, n)
		}
	}
}
