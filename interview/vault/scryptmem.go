package vault

import (
	"strconv"

	"filippo.io/age"
)

// scryptIdentity is age's passphrase identity with the memory scrypt is about to take
// prepared first, and faulted in while scrypt runs (prepareScryptMemory): it reads the work
// factor from the file's scrypt stanza, as age does next, and leaves the unwrapping itself
// to age.
type scryptIdentity struct{ *age.ScryptIdentity }

// minHugeScrypt is the smallest work factor whose memory is worth preparing: below 16 MiB
// (tests use 2^10, 1 MiB) it is a handful of huge pages at best.
const minHugeScrypt = 14

func (s scryptIdentity) Unwrap(stanzas []*age.Stanza) ([]byte, error) {
	if len(stanzas) == 1 && stanzas[0].Type == "scrypt" && len(stanzas[0].Args) == 2 {
		// age refuses a factor above the maximum set (MaxWorkFactor) or not written in
		// plain digits; prepare only for one it will accept.
		if logN, err := strconv.Atoi(stanzas[0].Args[1]); err == nil && logN >= minHugeScrypt && logN <= MaxWorkFactor &&
			stanzas[0].Args[1] == strconv.Itoa(logN) {
			// scrypt's working memory is 128·r·N bytes, and age's r is 8. The memory is
			// being faulted in until scrypt is done.
			defer prepareScryptMemory(1024 << logN)()
		}
	}
	return s.ScryptIdentity.Unwrap(stanzas)
}
