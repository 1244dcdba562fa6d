package web

import (
	"bytes"
	"compress/flate"
	"crypto/cipher"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"sync"
	"time"

	"golang.org/x/crypto/chacha20poly1305"

	"github.com/earlyid/earlyid/interview"
)

// TokenLifetime is how long a self-check may pause between two pages. A phone left on a
// bus seat must not show the answers to the next person for ever: after it, the page says
// the check has closed and the answers are gone.
const TokenLifetime = 2 * time.Hour

// maxToken bounds a token before anything is decoded: a session of the default guideline,
// compressed, takes about two kilobytes; a cookie cannot hold more than four.
const maxToken = 4000

// maxPlain bounds the decompressed state, so a forged token cannot inflate into memory.
const maxPlain = 256 << 10

// tokenAD binds a token to this use: a value sealed with the same key for another purpose
// (a later version of the format) does not open as a self-check.
var tokenAD = []byte("earlyid serve token v1")

// Token errors. Each is a page the person sees (never a server failure).
var (
	// ErrTokenInvalid is a token that does not open with any of the server's keys: forged,
	// truncated, from another server, or damaged.
	ErrTokenInvalid = errors.New("the self-check token is not valid") // i18n:ignore: a page says it (web.error.*)
	// ErrTokenExpired is a valid token older than TokenLifetime.
	ErrTokenExpired = errors.New("the self-check token has expired") // i18n:ignore: a page says it (web.error.*)
)

// state is what travels with the person's browser between two pages, sealed: the session
// the engine runs, and what binds the token to one person's check.
type state struct {
	// SID is drawn at random when the check starts; every form carries it, so a form from
	// another check (another tab, another person's token) is refused.
	SID string `json:"sid"`
	// Step counts the changes; every form carries the step it was made at, so a form left
	// behind by the browser's back button cannot replay an older answer.
	Step    int       `json:"step"`
	Expires time.Time `json:"exp"`
	// Spooled is true once the person asked to be contacted and the session was written to
	// the spool: the end page then shows the case code instead of the offer.
	Spooled bool               `json:"spooled,omitempty"`
	Flash   *flash             `json:"flash,omitempty"`
	Session *interview.Session `json:"session"`
}

// flash is a message to show once, on the page after a POST (an answer the engine
// refused), already in the person's language.
type flash struct {
	Text string `json:"text"`
}

// Keys seals and opens tokens. The first key seals; every key opens, so a new key can be
// put first in the key file while pages sealed with the old one are still in use.
type Keys struct {
	aeads []cipher.AEAD
}

// NewKeys returns Keys for raw 32-byte keys, the first sealing.
func NewKeys(raw ...[]byte) (*Keys, error) {
	if len(raw) == 0 {
		return nil, errors.New("the token keys are empty: at least one key is needed") // i18n:ignore: the serve command reports it in a localized sentence
	}
	k := &Keys{}
	for _, r := range raw {
		a, err := chacha20poly1305.NewX(r)
		if err != nil {
			return nil, fmt.Errorf("a token key is not %d bytes long: %w", chacha20poly1305.KeySize, err) // i18n:ignore: the serve command reports it in a localized sentence
		}
		k.aeads = append(k.aeads, a)
	}
	return k, nil
}

// LoadOrCreateKeys reads the key file at path: one key a line, 64 hex digits, the first
// sealing and all opening (to rotate: put a new key on the first line, and remove the old
// one after TokenLifetime). A missing file is created with one new key, 0600, without
// overwriting a file another replica created at the same time.
func LoadOrCreateKeys(path string) (*Keys, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		key := make([]byte, chacha20poly1305.KeySize)
		rand.Read(key)
		f, cerr := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		switch {
		case errors.Is(cerr, fs.ErrExist):
			data, err = os.ReadFile(path)
		case cerr != nil:
			return nil, fmt.Errorf("the token key file %s could not be created: %w", path, cerr) // i18n:ignore: the serve command reports it in a localized sentence
		default:
			_, werr := f.WriteString(hex.EncodeToString(key) + "\n")
			if err := errors.Join(werr, f.Sync(), f.Close()); err != nil {
				os.Remove(path)
				return nil, fmt.Errorf("the token key file %s could not be written: %w", path, err) // i18n:ignore: the serve command reports it in a localized sentence
			}
			return NewKeys(key)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("the token key file %s could not be read: %w", path, err) // i18n:ignore: the serve command reports it in a localized sentence
	}
	var raw [][]byte
	for n, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		k, err := hex.DecodeString(line)
		if err != nil || len(k) != chacha20poly1305.KeySize {
			// The line is a secret: the error names the file and the line, never its text.
			return nil, fmt.Errorf("line %d of the token key file %s is not a key of 64 hexadecimal digits", n+1, path) // i18n:ignore: the serve command reports it in a localized sentence
		}
		raw = append(raw, k)
	}
	if len(raw) == 0 {
		return nil, fmt.Errorf("the token key file %s holds no key", path) // i18n:ignore: the serve command reports it in a localized sentence
	}
	return NewKeys(raw...)
}

// The compressors are reused: a new flate writer allocates about a megabyte of tables
// and window, which every page paid twice over (sealing the new state, and once more when
// a change does not fit), and which made the garbage collector the server's main work
// under load. A reader is a smaller 40 KB. A pooled one holds the last state's bytes in
// its window until its next use, as the garbage of a new one would until it was reused.
var (
	flateWriters = sync.Pool{New: func() any {
		w, _ := flate.NewWriter(nil, flate.BestSpeed)
		return w
	}}
	flateReaders = sync.Pool{New: func() any { return flate.NewReader(bytes.NewReader(nil)) }}
	buffers      = sync.Pool{New: func() any { return new(bytes.Buffer) }}
)

// getBuffer returns an empty buffer from the pool: a page's HTML or a token's plaintext,
// which grew to 64 KB by doubling on every request before.
func getBuffer() *bytes.Buffer { return buffers.Get().(*bytes.Buffer) }

// putBuffer clears b, which held a person's answers, and returns it to the pool; one that
// grew past a page's size is left to the collector rather than kept.
func putBuffer(b *bytes.Buffer) {
	b.Reset()
	clear(b.Bytes()[:b.Cap()])
	if b.Cap() <= maxPlain {
		buffers.Put(b)
	}
}

// seal returns st as a token: the JSON, compressed, encrypted and authenticated, in
// URL-safe base64 (a cookie value).
func (k *Keys) seal(st *state) (string, error) {
	plain := getBuffer()
	defer putBuffer(plain)
	zw := flateWriters.Get().(*flate.Writer)
	defer flateWriters.Put(zw)
	zw.Reset(plain)
	if err := json.NewEncoder(zw).Encode(st); err != nil {
		return "", fmt.Errorf("the self-check state could not be encoded: %w", err) // i18n:ignore: logged for the operator, the person sees web.error.internal
	}
	if err := zw.Close(); err != nil {
		return "", fmt.Errorf("the self-check state could not be compressed: %w", err) // i18n:ignore: logged for the operator, the person sees web.error.internal
	}
	a := k.aeads[0]
	out := make([]byte, a.NonceSize(), a.NonceSize()+plain.Len()+a.Overhead())
	rand.Read(out)
	out = a.Seal(out, out, plain.Bytes(), tokenAD)
	return base64.RawURLEncoding.EncodeToString(out), nil
}

// open returns the state sealed in tok, checked against now. Anything that is not a token
// this server sealed is ErrTokenInvalid; an old one ErrTokenExpired.
func (k *Keys) open(tok string, now time.Time) (*state, error) {
	if len(tok) > maxToken {
		return nil, ErrTokenInvalid
	}
	raw, err := base64.RawURLEncoding.DecodeString(tok)
	if err != nil {
		return nil, ErrTokenInvalid
	}
	var plain []byte
	for _, a := range k.aeads {
		if len(raw) < a.NonceSize()+a.Overhead() {
			return nil, ErrTokenInvalid
		}
		if plain, err = a.Open(nil, raw[:a.NonceSize()], raw[a.NonceSize():], tokenAD); err == nil {
			break
		}
	}
	if err != nil {
		return nil, ErrTokenInvalid
	}
	defer clear(plain)
	zr := flateReaders.Get().(io.ReadCloser)
	defer flateReaders.Put(zr)
	if err := zr.(flate.Resetter).Reset(bytes.NewReader(plain), nil); err != nil {
		return nil, ErrTokenInvalid
	}
	buf := getBuffer()
	defer putBuffer(buf)
	_, err = buf.ReadFrom(io.LimitReader(zr, maxPlain+1))
	data := buf.Bytes()
	if err != nil || len(data) > maxPlain {
		return nil, ErrTokenInvalid
	}
	var st state
	if err := json.Unmarshal(data, &st); err != nil || st.Session == nil || st.SID == "" {
		return nil, ErrTokenInvalid
	}
	if !now.Before(st.Expires) {
		return nil, ErrTokenExpired
	}
	return &st, nil
}
