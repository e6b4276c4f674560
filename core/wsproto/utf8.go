package wsproto

import "unicode/utf8"

// UTF8Validator validates UTF-8 incrementally, so text messages can be
// checked frame by frame and fail fast (Autobahn 6.x) even when a code
// point is split across fragments.
type UTF8Validator struct {
	need    uint8 // continuation bytes still expected
	lo, hi  uint8 // allowed range of the next continuation byte
	invalid bool
}

// Reset prepares v for a new message.
func (v *UTF8Validator) Reset() { *v = UTF8Validator{} }

// Complete reports whether no partial code point is pending (and nothing
// invalid was seen).
func (v *UTF8Validator) Complete() bool { return !v.invalid && v.need == 0 }

// Write feeds p and returns false as soon as the bytes seen so far cannot
// be a prefix of valid UTF-8. The result is sticky until Reset.
func (v *UTF8Validator) Write(p []byte) bool {
	if v.invalid {
		return false
	}
	// Finish a code point left over from the previous write.
	for v.need > 0 && len(p) > 0 {
		if !v.step(p[0]) {
			return false
		}
		p = p[1:]
	}
	if len(p) == 0 {
		return true
	}
	// Split off a trailing incomplete sequence so the bulk can go through
	// the optimised utf8.Valid.
	tail := len(p)
	for i := len(p) - 1; i >= 0 && i >= len(p)-3; i-- {
		if utf8.RuneStart(p[i]) {
			if p[i] >= 0xC0 && !utf8.FullRune(p[i:]) {
				tail = i
			}
			break
		}
	}
	if !utf8.Valid(p[:tail]) {
		v.invalid = true
		return false
	}
	for _, b := range p[tail:] {
		if !v.step(b) {
			return false
		}
	}
	return true
}

// step advances the state machine by one byte (RFC 3629 table 3-7).
func (v *UTF8Validator) step(b byte) bool {
	if v.need > 0 {
		if b < v.lo || b > v.hi {
			v.invalid = true
			return false
		}
		v.need--
		v.lo, v.hi = 0x80, 0xBF
		return true
	}
	v.lo, v.hi = 0x80, 0xBF
	switch {
	case b < 0x80:
	case b >= 0xC2 && b <= 0xDF:
		v.need = 1
	case b == 0xE0:
		v.need, v.lo = 2, 0xA0
	case b == 0xED:
		v.need, v.hi = 2, 0x9F
	case b >= 0xE1 && b <= 0xEF:
		v.need = 2
	case b == 0xF0:
		v.need, v.lo = 3, 0x90
	case b >= 0xF1 && b <= 0xF3:
		v.need = 3
	case b == 0xF4:
		v.need, v.hi = 3, 0x8F
	default:
		v.invalid = true
		return false
	}
	return true
}
