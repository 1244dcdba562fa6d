package vault

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"

	"filippo.io/age"
)

// TestCachedIdentityOpensWhatAgeOpens: the store's X25519 identity, with its key parsed
// once, finds the same file key as age's own in files for it alone or among others, and
// refuses, as age's does, the files of another key and stanzas that are not well formed.
func TestCachedIdentityOpensWhatAgeOpens(t *testing.T) {
	t.Parallel()
	for range 20 {
		id, other := newIdentity(t), newIdentity(t)
		fast := cachedIdentity(id)
		if _, ok := fast.(*x25519Identity); !ok {
			t.Fatalf("the identity was not parsed: %T", fast)
		}
		for _, to := range [][]age.Recipient{
			{id.Recipient()},
			{other.Recipient(), id.Recipient()},
			{id.Recipient(), other.Recipient()},
		} {
			stanzas := stanzasOf(t, to...)
			want, err := id.Unwrap(stanzas)
			if err != nil {
				t.Fatal(err)
			}
			got, err := fast.Unwrap(stanzas)
			if err != nil || !bytes.Equal(got, want) {
				t.Fatalf("file key %x, %v; age's is %x", got, err, want)
			}
		}
		foreign := stanzasOf(t, other.Recipient())
		if _, err := fast.Unwrap(foreign); !errors.Is(err, age.ErrIncorrectIdentity) {
			t.Fatalf("a file for another key: %v, want age.ErrIncorrectIdentity", err)
		}
	}

	id := newIdentity(t)
	fast := cachedIdentity(id)
	good := stanzasOf(t, id.Recipient())[0]
	// The share's first character changed: to another one whatever it was (the share is
	// random, so a fixed replacement is the same character one time in 64).
	altered := "B" + good.Args[0][1:]
	if good.Args[0][0] == 'B' {
		altered = "C" + good.Args[0][1:]
	}
	malformed := map[string]*age.Stanza{
		"a scrypt stanza":          {Type: "scrypt", Args: good.Args, Body: good.Body},
		"two arguments":            {Type: "X25519", Args: []string{good.Args[0], good.Args[0]}, Body: good.Body},
		"padded base64":            {Type: "X25519", Args: []string{good.Args[0] + "="}, Body: good.Body},
		"a short share":            {Type: "X25519", Args: []string{good.Args[0][:40]}, Body: good.Body},
		"a share of small order":   {Type: "X25519", Args: []string{strings.Repeat("A", 43)}, Body: good.Body},
		"a body too short":         {Type: "X25519", Args: good.Args, Body: good.Body[:31]},
		"a body altered":           {Type: "X25519", Args: good.Args, Body: flip(bytes.Clone(good.Body), 3)},
		"a share altered":          {Type: "X25519", Args: []string{altered}, Body: good.Body},
		"a newline in the share":   {Type: "X25519", Args: []string{good.Args[0][:20] + "\n" + good.Args[0][20:]}, Body: good.Body},
		"no stanza of this key at": nil,
	}
	for name, s := range malformed {
		stanzas := []*age.Stanza{s}
		if s == nil {
			stanzas = nil
		}
		_, want := id.Unwrap(stanzas)
		_, got := fast.Unwrap(stanzas)
		if want == nil || got == nil || errors.Is(got, age.ErrIncorrectIdentity) != errors.Is(want, age.ErrIncorrectIdentity) {
			t.Errorf("%s: %v; age's identity: %v", name, got, want)
		}
	}
}

// stanzasOf returns the recipient stanzas of a file encrypted to recipients.
func stanzasOf(t *testing.T, recipients ...age.Recipient) []*age.Stanza {
	t.Helper()
	var stanzas []*age.Stanza
	record := recordingIdentity(func(s []*age.Stanza) { stanzas = s })
	var buf bytes.Buffer
	w, err := age.Encrypt(&buf, recipients...)
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(w, "{}")
	w.Close()
	if _, err := age.Decrypt(&buf, record); err == nil || len(stanzas) != len(recipients) {
		t.Fatalf("the header holds %d stanzas, want %d (%v)", len(stanzas), len(recipients), err)
	}
	return stanzas
}

// recordingIdentity is an age.Identity that opens nothing and hands over the stanzas it
// was shown.
type recordingIdentity func([]*age.Stanza)

func (r recordingIdentity) Unwrap(s []*age.Stanza) ([]byte, error) {
	r(s)
	return nil, age.ErrIncorrectIdentity
}

// TestDecodeSecretKey: the scalar read from an age secret key gives the identity's own
// public key, and a key with a character changed, cut short or of another kind is refused.
func TestDecodeSecretKey(t *testing.T) {
	t.Parallel()
	id := newIdentity(t)
	fast, ok := cachedIdentity(id).(*x25519Identity)
	if !ok {
		t.Fatal("the identity was not parsed")
	}
	r, err := age.ParseX25519Recipient(id.Recipient().String())
	if err != nil {
		t.Fatal(err)
	}
	// The recipient's string is the Bech32 of the public key: compare through a file.
	stanzas := stanzasOf(t, r)
	if _, err := fast.Unwrap(stanzas); err != nil {
		t.Fatalf("the parsed key does not open a file for its own public key: %v", err)
	}
	s := id.String()
	changed := []byte(s)
	i := len(s) - 10
	changed[i] = map[bool]byte{true: 'Q', false: 'P'}[changed[i] != 'Q']
	for name, bad := range map[string]string{
		"a character changed": string(changed),
		"cut short":           s[:len(s)-1],
		"lower case prefix":   "age-secret-key-1" + s[len(secretKeyPrefix)+1:],
		"a public key":        id.Recipient().String(),
		"empty":               "",
	} {
		if k, err := decodeSecretKey(bad); err == nil {
			t.Errorf("%s: decoded to %d bytes, want an error", name, len(k))
		}
	}
}
