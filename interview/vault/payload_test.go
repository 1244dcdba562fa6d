package vault

import (
	"bytes"
	"crypto/hkdf"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"testing"

	"filippo.io/age"
	"golang.org/x/crypto/chacha20poly1305"
)

// fuzzKey is the identity FuzzDecryptSingleChunk's kept corpus is encrypted to: a key made
// for these tests only, which protects nothing.
const fuzzKey = "AGE-SECRET-KEY-193ZFHMUGNSXPJA37JP35HGNGCH7JR0WLS9XTCPDYWAEQYWYRL8YS5F3NPQ"

// TestDecryptSingleChunkAsAge: a session file decrypts to what age itself reads, or is
// refused as age refuses it, with the error the store gave before it opened files of one
// chunk itself (age's DecryptReaderAt): for plaintexts of one chunk and of several, intact
// or altered in every part, cut short, lengthened, with the last chunk sealed as if more
// followed, or opened with another key.
func TestDecryptSingleChunkAsAge(t *testing.T) {
	t.Parallel()
	id := newIdentity(t)
	other := newIdentity(t)
	sizes := []int{0, 1, 11 << 10, payloadChunkSize - 1, payloadChunkSize, payloadChunkSize + 1, 200 << 10}
	for _, size := range sizes {
		plain := make([]byte, size)
		for i := range plain {
			plain[i] = byte(i*7 + i>>8)
		}
		file := encryptTo(t, id, plain)
		hdr := headerSize(t, file)
		cases := []struct {
			name string
			data []byte
			id   age.Identity
		}{
			{"intact", file, id},
			{"a bit of the header flipped", flip(file, hdr/2), id},
			{"a bit of the header's MAC flipped", flip(file, hdr-10), id},
			{"a bit of the nonce flipped", flip(file, hdr+3), id},
			{"a bit of the ciphertext flipped", flip(file, min(hdr+payloadNonceSize+size/2, len(file)-payloadTagSize-1)), id},
			{"a bit of the last tag flipped", flip(file, len(file)-1), id},
			{"cut short by 1 byte", file[:len(file)-1], id},
			{"cut short by 17 bytes", file[:len(file)-17], id},
			{"1 byte appended", append(bytes.Clone(file), 0), id},
			{"the last chunk sealed as not the last", resealLast(t, file, id, false), id},
			{"another key", file, other},
		}
		if size == 0 {
			// No ciphertext: the flip above landed in the nonce; flip the tag's first byte.
			cases[4] = struct {
				name string
				data []byte
				id   age.Identity
			}{"a bit of the tag's first byte flipped", flip(file, len(file)-payloadTagSize), id}
		}
		for _, c := range cases {
			t.Run(fmt.Sprintf("%d bytes, %s", size, c.name), func(t *testing.T) {
				want := compareWithAge(t, c.data, c.id)
				if c.name == "intact" {
					if !want {
						t.Fatal("age refused the intact file")
					}
					_, handled, _ := decryptSingleChunk(bytes.Clone(c.data), []age.Identity{cachedIdentity(c.id)})
					if single := size <= payloadChunkSize; handled != single {
						t.Errorf("opened without age: %v, want %v (a payload of one chunk is opened here, any other by age)", handled, single)
					}
				} else if want {
					t.Error("age read an altered file; the case alters nothing")
				}
			})
		}
	}
}

// compareWithAge decrypts data with id three ways: age's streaming reader (what the file
// means), decryptAge (what the store now does) and decryptWithAge (what it did before); it
// fails the test unless all three read the same plaintext or all refuse, and the store's
// refusal is the one it gave before. It reports whether age read the file.
func compareWithAge(t testing.TB, data []byte, id age.Identity) bool {
	t.Helper()
	var want []byte
	r, wantErr := age.Decrypt(bytes.NewReader(data), id)
	if wantErr == nil {
		want, wantErr = io.ReadAll(r)
	}
	ids := []age.Identity{cachedIdentity(id)}
	got, gotErr := decryptAge(bytes.Clone(data), ids)
	before, beforeErr := decryptWithAge(bytes.Clone(data), ids)
	switch {
	case (wantErr == nil) != (gotErr == nil):
		t.Fatalf("age: %v; the store: %v", wantErr, gotErr)
	case wantErr == nil && !bytes.Equal(got, want):
		t.Fatalf("the store read %d bytes other than age's %d", len(got), len(want))
	case !errors.Is(gotErr, beforeErr) || !bytes.Equal(got, before):
		t.Fatalf("the store now: %v; before: %v", gotErr, beforeErr)
	}
	return wantErr == nil
}

// headerSize returns the length of the age header at the start of file.
func headerSize(t testing.TB, file []byte) int {
	t.Helper()
	hdr, err := age.ExtractHeader(bytes.NewReader(file))
	if err != nil || !bytes.HasPrefix(file, hdr) {
		t.Fatalf("the header of the test file: %v", err)
	}
	return len(hdr)
}

// resealLast returns file with its last chunk sealed again with the final-chunk flag set to
// last: with last false, a file that claims more follows where nothing does, which age must
// refuse (a file cut at a chunk boundary would otherwise read as whole).
func resealLast(t testing.TB, file []byte, id age.Identity, last bool) []byte {
	t.Helper()
	hdr := headerSize(t, file)
	fileKey, err := age.DecryptHeader(file[:hdr], id)
	if err != nil {
		t.Fatal(err)
	}
	nonce := file[hdr : hdr+payloadNonceSize]
	key, err := hkdf.Key(sha256.New, fileKey, nonce, payloadKeyLabel, chacha20poly1305.KeySize)
	if err != nil {
		t.Fatal(err)
	}
	aead, err := chacha20poly1305.New(key)
	if err != nil {
		t.Fatal(err)
	}
	sealed := file[hdr+payloadNonceSize:]
	n := (len(sealed) - 1) / (payloadChunkSize + payloadTagSize) // index of the last chunk
	start := n * (payloadChunkSize + payloadTagSize)
	chunkNonce := func(last bool) []byte {
		b := make([]byte, chacha20poly1305.NonceSize)
		for i, c := 10, n; c > 0; i, c = i-1, c>>8 {
			b[i] = byte(c)
		}
		if last {
			b[len(b)-1] = 1
		}
		return b
	}
	plain, err := aead.Open(nil, chunkNonce(true), sealed[start:], nil)
	if err != nil {
		t.Fatalf("the last chunk of the test file: %v", err)
	}
	out := bytes.Clone(file[:hdr+payloadNonceSize+start])
	return aead.Seal(out, chunkNonce(last), plain, nil)
}

// TestResealLastIsFaithful: resealLast with the flag it had keeps a file age reads, so the
// refusal of the flag flipped is the flag's doing, not a mistake of the helper.
func TestResealLastIsFaithful(t *testing.T) {
	t.Parallel()
	id := newIdentity(t)
	for _, size := range []int{0, 5, payloadChunkSize, 3*payloadChunkSize + 2} {
		file := encryptTo(t, id, bytes.Repeat([]byte{'x'}, size))
		again := resealLast(t, file, id, true)
		if !bytes.Equal(again, file) {
			t.Errorf("%d bytes: sealing the last chunk again with its own flag changed the file", size)
		}
	}
}

// FuzzDecryptSingleChunk: whatever a file holds, the store reads the plaintext age reads or
// refuses it as age does, with the refusal it gave before (see compareWithAge). The seeds
// are files encrypted to fuzzKey: empty, small, of one full chunk, and with the last-chunk
// flag wrong, which the fuzzer alters.
func FuzzDecryptSingleChunk(f *testing.F) {
	id, err := age.ParseX25519Identity(fuzzKey)
	if err != nil {
		f.Fatal(err)
	}
	for _, size := range []int{0, 1, 300} {
		file := encryptTo(f, id, bytes.Repeat([]byte("ok "), size/3+1)[:size])
		f.Add(file)
		f.Add(resealLast(f, file, id, false))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 4*payloadChunkSize {
			return // several chunks are age's alone, and slow to fuzz
		}
		compareWithAge(t, data, id)
	})
}
