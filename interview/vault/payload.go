package vault

import (
	"bytes"
	"crypto/hkdf"
	"crypto/sha256"
	"errors"
	"io"

	"filippo.io/age"
	"golang.org/x/crypto/chacha20poly1305"
)

// The payload of an age file (age-encryption.org/v1, "Payload"): a 16-byte nonce, then the
// plaintext in chunks of 64 KiB, each sealed with ChaCha20-Poly1305 under a key derived from
// the file key and the nonce. Only the last chunk may be shorter, and it is empty only when
// it is the only one (an empty file).
const (
	payloadNonceSize = 16
	payloadChunkSize = 64 << 10
	payloadTagSize   = chacha20poly1305.Overhead
	// payloadKeyLabel is the HKDF info string of the payload key.
	payloadKeyLabel = "payload"
)

// errForeign is what decryptAge returns for a file that none of the identities opens;
// decryptFile turns it into a *ForeignKeyError naming the file.
var errForeign = errors.New("no identity opens the file")

// decryptAge returns the plaintext of the age file data, which is whole in memory, only
// once all of it authenticated; the caller clears it. data may be overwritten (a session is
// decrypted in place). The error is errForeign, errNotAge or errNotAuthentic, never one of
// age's, which quote the file.
//
// Why not age alone: age's DecryptReaderAt (v1.3.2) allocates a new 64 KiB chunk buffer on
// every ReadAt before it looks at the chunk it already decrypted, and a session of about
// 12 KB is one chunk. Over the 10,000 sessions of a report that allocation and its clearing
// were 14% of the CPU time, and the garbage drove another 7% in the collector. A file of one
// chunk is therefore opened here with age's own header functions and the payload decrypted
// as the specification says, in place; any other file goes to age, as before. When age stops
// allocating per read, decryptSingleChunk can go and decryptAge become decryptWithAge.
func decryptAge(data []byte, ids []age.Identity) ([]byte, error) {
	if plain, handled, err := decryptSingleChunk(data, ids); handled {
		return plain, err
	}
	return decryptWithAge(data, ids)
}

// decryptSingleChunk opens data when its payload is exactly one chunk. handled is false, and
// nothing is decided, for anything else (a longer payload, a header age cannot parse, one
// whose encoding is not the one age writes): age then decides, so that every file is refused
// or read exactly as age would, with the same error as before (see TestDecryptSingleChunkAsAge).
func decryptSingleChunk(data []byte, ids []age.Identity) (plain []byte, handled bool, err error) {
	header, err := age.ExtractHeader(bytes.NewReader(data))
	// ExtractHeader returns the header encoded again; only when that is the file's own first
	// bytes is the rest of data the payload.
	if err != nil || !bytes.HasPrefix(data, header) {
		return nil, false, nil
	}
	payload := data[len(header):]
	sealed := len(payload) - payloadNonceSize
	if sealed < payloadTagSize || sealed > payloadChunkSize+payloadTagSize {
		return nil, false, nil
	}
	// DecryptHeader checks the header's MAC with the file key before it returns it.
	fileKey, err := age.DecryptHeader(header, ids...)
	defer clear(fileKey)
	if err != nil {
		if _, foreign := errors.AsType[*age.NoIdentityMatchError](err); foreign {
			return nil, true, errForeign
		}
		return nil, true, errNotAge
	}
	key, err := hkdf.Key(sha256.New, fileKey, payload[:payloadNonceSize], payloadKeyLabel, chacha20poly1305.KeySize)
	defer clear(key)
	if err != nil {
		return nil, true, errNotAge
	}
	aead, err := chacha20poly1305.New(key)
	if err != nil {
		return nil, true, errNotAge
	}
	// The chunk's nonce: its counter, 0, in 11 big-endian bytes, then 1 for the last chunk.
	var nonce [chacha20poly1305.NonceSize]byte
	nonce[len(nonce)-1] = 1
	chunk := payload[payloadNonceSize:]
	plain, err = aead.Open(chunk[:0], nonce[:], chunk, nil)
	if err != nil {
		// age refuses such a file before it returns a reader (it authenticates the last
		// chunk first), with the error of a damaged header; the same error here.
		clear(chunk)
		return nil, true, errNotAge
	}
	return plain, true, nil
}

// decryptWithAge decrypts data with age's DecryptReaderAt: every file that is not one
// chunk.
func decryptWithAge(data []byte, ids []age.Identity) ([]byte, error) {
	// DecryptReaderAt, since the whole file is in memory: it allocates the plaintext's size
	// where the streaming reader allocates two 64 KiB chunk buffers.
	r, size, err := age.DecryptReaderAt(bytes.NewReader(data), int64(len(data)), ids...)
	if err != nil {
		if _, foreign := errors.AsType[*age.NoIdentityMatchError](err); foreign {
			return nil, errForeign
		}
		return nil, errNotAge
	}
	// Use nothing unless the whole file authenticated: every chunk read is checked, and the
	// whole plaintext is read at once.
	plain := make([]byte, size)
	if n, err := r.ReadAt(plain, 0); n != len(plain) || err != nil && !errors.Is(err, io.EOF) {
		clear(plain)
		return nil, errNotAuthentic
	}
	return plain, nil
}
