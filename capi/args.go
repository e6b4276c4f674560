package main

/*
#include <stdint.h>
#include <string.h>
*/
import "C"

import (
	"fmt"
	"math"
	"time"
	"unsafe"

	"github.com/sgcws/sgcws/core/engine"
)

// Conversions of C arguments. Everything inbound is copied, so the host may reuse its memory as soon
// as the call returns. Failures are argErrors: capi's own findings, reported with the export's name.

type argError struct {
	code engine.Code
	msg  string
}

func (e *argError) Error() string { return e.msg }

func badArg(format string, a ...any) error {
	return &argError{engine.EArg, fmt.Sprintf(format, a...)}
}

// out checks an out-pointer.
func out[T any](p *T, what string) error {
	if p == nil {
		return badArg("%s is NULL", what)
	}
	return nil
}

// name converts a NUL-terminated name (property, channel, Guid).
func name(p *C.char, what string) (string, error) {
	if p == nil {
		return "", badArg("%s is NULL", what)
	}
	return C.GoString(p), nil
}

// borrowedName is name without the copy: the host's C string seen as a Go string, valid only
// during the call (for lookups; whatever keeps it copies it).
func borrowedName(p *C.char, what string) (string, error) {
	if p == nil {
		return "", badArg("%s is NULL", what)
	}
	return unsafe.String((*byte)(unsafe.Pointer(p)), int(C.strlen(p))), nil
}

// optName converts a NUL-terminated string where NULL means empty.
func optName(p *C.char) string {
	if p == nil {
		return ""
	}
	return C.GoString(p)
}

// text converts a string with an explicit byte length.
func text(p *C.char, n C.int32_t, what string) (string, error) {
	b, err := borrowedBytes(unsafe.Pointer(p), int64(n), what)
	return string(b), err // string() copies
}

// bytesOf copies len bytes at p; NULL is allowed only with len 0.
func bytesOf(p unsafe.Pointer, n int64, what string) ([]byte, error) {
	b, err := borrowedBytes(p, n, what)
	if err != nil || len(b) == 0 {
		return b, err
	}
	return append([]byte(nil), b...), nil
}

// borrowedBytes is bytesOf without the copy: the slice is the host's memory, valid only during the
// call. Only for engine calls that copy what they keep before returning (the sends: the message is
// copied into the connection's queue or onto the wire), where a second copy here cost a heap
// allocation per message.
func borrowedBytes(p unsafe.Pointer, n int64, what string) ([]byte, error) {
	switch {
	case n < 0:
		return nil, badArg("%s length %d is negative", what, n)
	case uint64(n) > math.MaxInt:
		return nil, &argError{engine.ETooBig, fmt.Sprintf("%s length %d is too large", what, n)}
	case n == 0:
		return []byte{}, nil
	case p == nil:
		return nil, badArg("%s is NULL with length %d", what, n)
	}
	return unsafe.Slice((*byte)(p), int(n)), nil
}

// nonNegative checks a count or size.
func nonNegative(v C.int32_t, what string) error {
	if v < 0 {
		return badArg("%s %d is negative", what, v)
	}
	return nil
}

// millis converts a timeout in ms; -1 means forever (a negative Duration), other negatives are errors.
func millis(ms C.int32_t) (time.Duration, error) {
	if ms < -1 {
		return 0, badArg("timeout %d ms is invalid (-1 waits forever)", ms)
	}
	return time.Duration(ms) * time.Millisecond, nil
}

// copyOut implements the buffer rule of sgcws_get_str and sgcws_properties: copy s into buf and a NUL
// when room is left, store its length; when buf is too small copy nothing and store the needed length.
func copyOut(s string, buf *C.char, capacity C.int32_t, length *C.int32_t) error {
	if err := out(length, "len"); err != nil {
		return err
	}
	if err := nonNegative(capacity, "cap"); err != nil {
		return err
	}
	if buf == nil && capacity > 0 {
		return badArg("buf is NULL with cap %d", capacity)
	}
	if len(s) > math.MaxInt32 {
		return &argError{engine.ETooBig, fmt.Sprintf("value of %d bytes does not fit an int32", len(s))}
	}
	*length = C.int32_t(len(s))
	if len(s) > int(capacity) {
		return &argError{engine.EBuffer, fmt.Sprintf("buffer too small: %d bytes needed, cap is %d", len(s), capacity)}
	}
	dst := unsafe.Slice((*byte)(unsafe.Pointer(buf)), int(capacity))
	copy(dst, s)
	if len(s) < int(capacity) {
		dst[len(s)] = 0
	}
	return nil
}
