package wsproto

import (
	crand "crypto/rand"
	"encoding/binary"
	"math/rand/v2"
	"sync"
)

// MaskBytes XORs b in place with key, starting at key offset pos (so a
// payload can be unmasked in several pieces), and returns the offset to use
// for the next piece.
func MaskBytes(key [4]byte, pos int, b []byte) int {
	pos &= 3
	// Align the key with b so the bulk can go 8 bytes at a time.
	i := 0
	if len(b) >= 16 {
		var k [8]byte
		for j := 0; j < 8; j++ {
			k[j] = key[(pos+j)&3]
		}
		kw := binary.LittleEndian.Uint64(k[:])
		for ; i+32 <= len(b); i += 32 {
			s := b[i : i+32 : i+32]
			binary.LittleEndian.PutUint64(s[0:], binary.LittleEndian.Uint64(s[0:])^kw)
			binary.LittleEndian.PutUint64(s[8:], binary.LittleEndian.Uint64(s[8:])^kw)
			binary.LittleEndian.PutUint64(s[16:], binary.LittleEndian.Uint64(s[16:])^kw)
			binary.LittleEndian.PutUint64(s[24:], binary.LittleEndian.Uint64(s[24:])^kw)
		}
		for ; i+8 <= len(b); i += 8 {
			s := b[i : i+8 : i+8]
			binary.LittleEndian.PutUint64(s, binary.LittleEndian.Uint64(s)^kw)
		}
	}
	// i is a multiple of 8, so the key phase is unchanged.
	for ; i < len(b); i++ {
		b[i] ^= key[(pos+i)&3]
	}
	return (pos + len(b)) & 3
}

// The mask generator is a ChaCha8 stream seeded from crypto/rand: masks only
// need to be unpredictable to scripts, and this avoids a syscall per frame.
var maskRNG struct {
	sync.Mutex
	r *rand.ChaCha8
}

func init() {
	var seed [32]byte
	if _, err := crand.Read(seed[:]); err != nil {
		panic("wsproto: crypto/rand unavailable: " + err.Error())
	}
	maskRNG.r = rand.NewChaCha8(seed)
}

// NewMaskKey returns a fresh unpredictable masking key.
func NewMaskKey() [4]byte {
	maskRNG.Lock()
	v := maskRNG.r.Uint64()
	maskRNG.Unlock()
	var k [4]byte
	binary.LittleEndian.PutUint32(k[:], uint32(v))
	return k
}

func randomBytes(b []byte) {
	maskRNG.Lock()
	_, _ = maskRNG.r.Read(b)
	maskRNG.Unlock()
}
