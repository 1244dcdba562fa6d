package vault

import (
	"bytes"
	"os"
	"strings"
	"sync"
	"testing"
)

// TestDecryptLongSessionsConcurrently: Decrypt returns the exact content of sessions of one
// and of several 64 KiB chunks, from several goroutines at once (a report reads with one per
// core), and refuses a file whose second chunk was tampered with.
func TestDecryptLongSessionsConcurrently(t *testing.T) {
	t.Parallel()
	g := textGuideline(t, 40)
	id := newIdentity(t)
	st := openStore(t, id)
	answer(t, newEngine(t, g, st, "MD-SHRT-0001"), "fine")
	long := newEngine(t, g, st, "MD-LONG-0001")
	for i := range 40 {
		answer(t, long, strings.Repeat("răspuns lung ", 200)+string(rune('a'+i%26)))
	}
	want := map[string][]byte{}
	for _, code := range []string{"MD-SHRT-0001", "MD-LONG-0001"} {
		sess, err := st.Load(code)
		if err != nil {
			t.Fatal(err)
		}
		data, err := sess.AppendCompact(nil) // what Save writes inside the cipher
		if err != nil {
			t.Fatal(err)
		}
		want[code] = data
	}
	if n := len(want["MD-LONG-0001"]); n < 70<<10 {
		t.Fatalf("the long session has %d bytes: one chunk only, the test tests less than it says", n)
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for code, w := range want {
				got, err := st.Decrypt(st.Path(code))
				if err != nil {
					t.Error(err)
					return
				}
				if !bytes.Equal(got, w) {
					t.Errorf("%s: the content read differs from the session saved", code)
				}
			}
		})
	}
	wg.Wait()
	data, _ := os.ReadFile(st.Path("MD-LONG-0001"))
	path := st.Path("MD-LONG-0001")
	os.WriteFile(path, flip(data, len(data)-(64<<10)-100), 0o600)
	if _, err := st.Decrypt(path); !isDamaged(err) {
		t.Errorf("a tampered first chunk: %v, want a damaged file", err)
	}
}

// BenchmarkDecrypt is what a report pays per real session file once the key is unlocked:
// read one encrypted session of about 11 KB and decrypt it (X25519, the header's MAC, the
// payload), as Store.Decrypt does for every file of a report over thousands.
func BenchmarkDecrypt(b *testing.B) {
	s := session200(b)
	for id := range s.Answers.Values {
		if len(s.Answers.Values) <= 40 {
			break
		}
		delete(s.Answers.Values, id)
		delete(s.Timings, id)
		s.History = s.History[:len(s.History)-1]
	}
	st := openStore(b, newIdentity(b))
	if err := st.Save(s); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	size := 0
	for b.Loop() {
		plain, err := st.Decrypt(st.Path(s.Code))
		if err != nil {
			b.Fatal(err)
		}
		size = len(plain)
	}
	if size < 8<<10 || size > 16<<10 {
		b.Fatalf("%d bytes decrypted: not the size of a real session", size)
	}
	b.ReportMetric(float64(size), "plain-B")
}
