package wsproto

import (
	"encoding/binary"
	"strconv"
	"unicode/utf8"
)

// Close status codes of RFC 6455 section 7.4.1.
const (
	CloseNormal             = 1000
	CloseGoingAway          = 1001
	CloseProtocolError      = 1002
	CloseUnsupportedData    = 1003
	CloseNoStatus           = 1005 // never on the wire: no code was received
	CloseAbnormal           = 1006 // never on the wire: no close frame at all
	CloseInvalidPayload     = 1007
	ClosePolicyViolation    = 1008
	CloseTooBig             = 1009
	CloseMandatoryExtension = 1010
	CloseInternalError      = 1011
)

// MaxCloseReason is the largest reason that fits a control frame.
const MaxCloseReason = MaxControlPayload - 2

// ValidCloseCode reports whether code may appear in a close frame.
func ValidCloseCode(code int) bool {
	switch {
	case code >= 1000 && code <= 1003:
		return true
	case code >= 1007 && code <= 1011:
		return true
	case code >= 3000 && code <= 4999:
		return true
	}
	return false
}

// ParseClosePayload decodes the payload of a close frame. An empty payload
// means "no status" (1005). A one-byte payload or an invalid code is a
// protocol error (1002); a reason that is not UTF-8 is 1007.
func ParseClosePayload(p []byte) (code int, reason string, err error) {
	switch len(p) {
	case 0:
		return CloseNoStatus, "", nil
	case 1:
		return 0, "", protoErr("close frame payload of one byte")
	}
	code = int(binary.BigEndian.Uint16(p))
	if !ValidCloseCode(code) {
		return code, "", protoErr("invalid close code " + strconv.Itoa(code))
	}
	if !utf8.Valid(p[2:]) {
		return code, "", &ProtocolError{Code: CloseInvalidPayload, Msg: "close reason is not valid UTF-8"}
	}
	return code, string(p[2:]), nil
}

// ClosePayload encodes a close frame payload. A negative code yields an
// empty payload (close without status). The reason is cut at a rune
// boundary so the frame stays within the control-frame limit.
func ClosePayload(code int, reason string) []byte {
	if code < 0 {
		return nil
	}
	if len(reason) > MaxCloseReason {
		n := MaxCloseReason
		for n > 0 && !utf8.RuneStart(reason[n]) {
			n--
		}
		reason = reason[:n]
	}
	b := make([]byte, 2, 2+len(reason))
	binary.BigEndian.PutUint16(b, uint16(code))
	return append(b, reason...)
}
