package vault

import (
	"crypto/ecdh"
	"crypto/hkdf"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"strings"

	"filippo.io/age"
	"golang.org/x/crypto/chacha20poly1305"
)

// x25519Identity opens the X25519 recipient stanzas of age files (age-encryption.org/v1,
// "X25519 recipient stanza") with a key parsed once. age's own identity passes the secret
// scalar to curve25519.X25519 for every file, which builds a crypto/ecdh private key each
// time, and building one computes its public key: a second scalar multiplication, as costly
// as the one that opens the stanza. A report opens thousands of files with one key, so the
// store keeps the parsed key instead. Only the unwrapping of the file key is done here;
// the header's MAC is left to age, and so is the payload (but see decryptAge).
type x25519Identity struct {
	key *ecdh.PrivateKey
	// public is the identity's public key, the second half of the HKDF salt.
	public []byte
}

// x25519Label is the HKDF info string of the X25519 recipient stanza.
const x25519Label = "age-encryption.org/v1/X25519"

// x25519Body is the size of a wrapped file key: 16 bytes and the Poly1305 tag.
const x25519Body = 16 + chacha20poly1305.Overhead

// stanzaBase64 is the stanza's encoding of arguments: unpadded, and strict, so that one
// stanza has only one spelling.
var stanzaBase64 = base64.RawStdEncoding.Strict()

// cachedIdentity returns id with its key parsed once when id is an X25519 identity, and id
// itself otherwise (a recovery identity of another kind, a plugin).
func cachedIdentity(id age.Identity) age.Identity {
	x, ok := id.(*age.X25519Identity)
	if !ok {
		return id
	}
	scalar, err := decodeSecretKey(x.String())
	defer clear(scalar)
	if err != nil {
		return id // age parsed it, so this cannot happen; age's own Unwrap still works
	}
	key, err := ecdh.X25519().NewPrivateKey(scalar)
	if err != nil {
		return id
	}
	return &x25519Identity{key: key, public: key.PublicKey().Bytes()}
}

// Unwrap returns the file key of the first X25519 stanza this key opens. As age's own
// identity does, a stanza of another type or for another key is age.ErrIncorrectIdentity
// (so that the other identities are tried and a file for no one is a
// *age.NoIdentityMatchError), and a malformed X25519 stanza is an error of its own.
func (i *x25519Identity) Unwrap(stanzas []*age.Stanza) ([]byte, error) {
	for _, s := range stanzas {
		fileKey, err := i.unwrap(s)
		if errors.Is(err, age.ErrIncorrectIdentity) {
			continue
		}
		return fileKey, err
	}
	return nil, age.ErrIncorrectIdentity
}

func (i *x25519Identity) unwrap(s *age.Stanza) ([]byte, error) {
	if s.Type != "X25519" {
		return nil, age.ErrIncorrectIdentity
	}
	if len(s.Args) != 1 || strings.ContainsAny(s.Args[0], "\r\n") {
		return nil, errors.New("invalid X25519 recipient block")
	}
	share, err := stanzaBase64.DecodeString(s.Args[0])
	if err != nil {
		return nil, errors.New("invalid X25519 recipient block: the ephemeral share is not base64")
	}
	peer, err := ecdh.X25519().NewPublicKey(share)
	if err != nil {
		return nil, errors.New("invalid X25519 recipient block: the ephemeral share is not 32 bytes")
	}
	// ECDH refuses a share of small order (an all-zero secret), as the spec requires.
	if len(s.Body) != x25519Body {
		return nil, errors.New("invalid X25519 recipient block: incorrect file key size")
	}
	secret, err := i.key.ECDH(peer)
	if err != nil {
		return nil, errors.New("invalid X25519 recipient: the ephemeral share is of small order")
	}
	defer clear(secret)
	salt := make([]byte, 0, len(share)+len(i.public))
	salt = append(append(salt, share...), i.public...)
	wrapKey, err := hkdf.Key(sha256.New, secret, salt, x25519Label, chacha20poly1305.KeySize)
	if err != nil {
		return nil, err
	}
	defer clear(wrapKey)
	aead, err := chacha20poly1305.New(wrapKey)
	if err != nil {
		return nil, err
	}
	fileKey, err := aead.Open(nil, make([]byte, chacha20poly1305.NonceSize), s.Body, nil)
	if err != nil {
		// Sealed for another key: not this identity's stanza.
		return nil, age.ErrIncorrectIdentity
	}
	return fileKey, nil
}

// secretKeyPrefix is the human-readable part of an age secret key, as age writes it.
const secretKeyPrefix = "AGE-SECRET-KEY-"

// decodeSecretKey returns the 32-byte scalar of an age secret key, "AGE-SECRET-KEY-1…":
// Bech32 (BIP 173) in upper case, with age's exception that there is no length limit.
// The caller clears the scalar.
func decodeSecretKey(s string) ([]byte, error) {
	const charset = "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L"
	sep := strings.LastIndexByte(s, '1')
	if sep != len(secretKeyPrefix) || !strings.HasPrefix(s, secretKeyPrefix) || len(s)-sep-1 < 6 {
		return nil, errors.New("not an age secret key")
	}
	hrp := strings.ToLower(s[:sep])
	data := make([]byte, 0, len(s)-sep-1)
	for _, c := range []byte(s[sep+1:]) {
		v := strings.IndexByte(charset, c)
		if v < 0 {
			return nil, errors.New("the age secret key holds a character outside Bech32's")
		}
		data = append(data, byte(v))
	}
	defer clear(data)
	// The checksum runs over the expanded human-readable part and the data, checksum
	// included, and must come to 1 (BIP 173's polymod).
	values := make([]byte, 0, 2*len(hrp)+1+len(data))
	for _, c := range []byte(hrp) {
		values = append(values, c>>5)
	}
	values = append(values, 0)
	for _, c := range []byte(hrp) {
		values = append(values, c&31)
	}
	values = append(values, data...)
	defer clear(values)
	if bech32Polymod(values) != 1 {
		return nil, errors.New("the age secret key's checksum does not match")
	}
	// Regroup the 5-bit values (without the 6 of the checksum) into bytes; what is left
	// over must be fewer than 5 zero bits.
	var acc, bits uint
	out := make([]byte, 0, 32)
	for _, v := range data[:len(data)-6] {
		acc = acc<<5 | uint(v)
		bits += 5
		for bits >= 8 {
			bits -= 8
			out = append(out, byte(acc>>bits))
		}
	}
	if bits >= 5 || acc&(1<<bits-1) != 0 || len(out) != 32 {
		clear(out)
		return nil, errors.New("the age secret key is not 32 bytes")
	}
	return out, nil
}

// bech32Polymod is BIP 173's checksum of 5-bit values.
func bech32Polymod(values []byte) uint32 {
	gen := [5]uint32{0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3}
	chk := uint32(1)
	for _, v := range values {
		top := chk >> 25
		chk = chk&0x1ffffff<<5 ^ uint32(v)
		for i := range 5 {
			if top>>i&1 == 1 {
				chk ^= gen[i]
			}
		}
	}
	return chk
}
