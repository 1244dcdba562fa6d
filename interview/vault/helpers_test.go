package vault

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"filippo.io/age"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/interview"
)

// testWorkFactor keeps scrypt fast in tests (2^10: about a millisecond); the default
// work factor is measured by BenchmarkUnlock.
const testWorkFactor = 10

// textGuideline returns a guideline of n text questions in one section, with no
// conditions: every answer given is kept, which makes "every acknowledged answer is in the
// file" a simple comparison.
func textGuideline(t testing.TB, n int) *guidelines.Guideline {
	t.Helper()
	var b strings.Builder
	b.WriteString(`format: earlyid/guideline/v1
id: vault-test
version: "1"
title: {en: Vault test}
languages: [en]
sections:
  - id: s
    title: {en: Questions}
    questions:
`)
	for i := range n {
		fmt.Fprintf(&b, "      - id: q%d\n        type: text\n        text: {en: \"Question %d?\"}\n", i, i)
	}
	b.WriteString(`dimensions:
  - id: d
    stage: recruitment
    text: {en: D}
indicators:
  - id: i
    dimension: d
    strength: weak
    text: {en: I}
    when: 'q0 == "yes"'
scoring:
  element_positive:
    - {weak: 1}
  outcomes:
    - id: low
      level: low
      text: {en: Low}
      when: "true"
referrals:
  - id: hotline
    name: {en: Hotline}
    role: {en: Advice}
    contact: "0 800 77777"
`)
	g, ds := guidelines.LoadBytes("vault-test.yaml", []byte(b.String()))
	if g == nil || ds.HasErrors() {
		t.Fatalf("test guideline: %v", ds)
	}
	return g
}

// newIdentity returns a fresh X25519 identity.
func newIdentity(t testing.TB) *age.X25519Identity {
	t.Helper()
	id, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// openStore opens a store in a fresh folder that encrypts to id and can read with it.
func openStore(t testing.TB, id *age.X25519Identity, opts ...Option) *Store {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "earlyid", "sessions")
	st, err := Open(dir, []age.Recipient{id.Recipient()}, append([]Option{WithIdentity(id)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// fixedClock returns a clock that advances by step on every call, so timings are
// deterministic.
func fixedClock(step time.Duration) func() time.Time {
	now := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	return func() time.Time {
		now = now.Add(step)
		return now
	}
}

// newEngine starts a real interview of g with code, saving through st.
func newEngine(t testing.TB, g *guidelines.Guideline, st interview.Store, code string) *interview.Engine {
	t.Helper()
	s, err := interview.NewSession(g, code, interview.ModeReal, "en", "en", time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	e, err := interview.New(g, s, st, interview.WithClock(fixedClock(1500*time.Millisecond)))
	if err != nil {
		t.Fatal(err)
	}
	if err := e.Start(); err != nil {
		t.Fatal(err)
	}
	return e
}

// answer answers the current (text) question with text and fails on any error, including
// a failed save.
func answer(t testing.TB, e *interview.Engine, text string) {
	t.Helper()
	if err := e.Answer(guidelines.Value{Str: text}); err != nil {
		t.Fatal(err)
	}
	if err := e.SaveError(); err != nil {
		t.Fatalf("save failed: %v", err)
	}
}

// findPlaintext walks root and returns every file whose bytes contain needle. A missing
// root is not an error (nothing can leak into it).
func findPlaintext(t testing.TB, root string, needle []byte) []string {
	t.Helper()
	var hits []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if os.IsNotExist(err) || os.IsPermission(err) {
				return nil
			}
			return err
		}
		if !d.Type().IsRegular() {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return nil // a file that vanished meanwhile (another test's temp file)
		}
		if bytes.Contains(data, needle) {
			hits = append(hits, path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return hits
}
