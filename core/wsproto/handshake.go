package wsproto

import (
	crand "crypto/rand"
	"crypto/sha1"
	"encoding/base64"
	"net/http"
	"strings"
)

const acceptGUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"

// AcceptKey computes Sec-WebSocket-Accept for a Sec-WebSocket-Key.
func AcceptKey(key string) string {
	h := sha1.New()
	h.Write([]byte(key))
	h.Write([]byte(acceptGUID))
	return base64.StdEncoding.EncodeToString(h.Sum(nil))
}

// NewKey returns a fresh Sec-WebSocket-Key (16 random bytes, base64).
func NewKey() string {
	var b [16]byte
	if _, err := crand.Read(b[:]); err != nil {
		randomBytes(b[:])
	}
	return base64.StdEncoding.EncodeToString(b[:])
}

// ValidKey reports whether key decodes to exactly 16 bytes as RFC 6455
// section 4.2.1 requires.
func ValidKey(key string) bool {
	b, err := base64.StdEncoding.DecodeString(strings.TrimSpace(key))
	return err == nil && len(b) == 16
}

// HeaderHasToken reports whether any value of header name contains token
// as one of its comma-separated elements, compared case-insensitively.
func HeaderHasToken(h http.Header, name, token string) bool {
	for _, v := range h.Values(name) {
		for v != "" {
			var t string
			t, v, _ = strings.Cut(v, ",")
			if strings.EqualFold(strings.TrimSpace(t), token) {
				return true
			}
		}
	}
	return false
}

// HeaderTokens returns the trimmed, non-empty comma-separated elements of
// all values of header name.
func HeaderTokens(h http.Header, name string) []string {
	var out []string
	for _, v := range h.Values(name) {
		for v != "" {
			var t string
			t, v, _ = strings.Cut(v, ",")
			if t = strings.TrimSpace(t); t != "" {
				out = append(out, t)
			}
		}
	}
	return out
}
