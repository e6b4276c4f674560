package engine

import (
	"crypto/rand"
	"encoding/hex"
)

// newGuid returns 32 hex characters from crypto/rand: unguessable, so a Guid received from one
// client cannot be forged by another to receive its messages.
func newGuid() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
