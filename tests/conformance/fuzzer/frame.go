package fuzzer

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"time"
)

// Opcodes, including the reserved ones the cases send on purpose.
const (
	OpContinuation = 0
	OpText         = 1
	OpBinary       = 2
	OpClose        = 8
	OpPing         = 9
	OpPong         = 10
)

// Frame is one frame as the fuzzer sends it; every field may be set to a value the protocol forbids.
type Frame struct {
	Opcode  int
	Payload []byte
	Fin     bool
	RSV     int // the three reserved bits, 0-7 (RSV1 is 4)
	// Mask overrides the role's masking: nil = mask as a client must, never as a server.
	Mask *bool
	// Length, when set, is written as the length field instead of len(Payload) (bad lengths).
	Length *int64
	// Chop, when > 0, writes the encoded frame in pieces of this many bytes, each flushed on its own.
	Chop int
	// ChopDelay is slept between pieces when Chop is set.
	ChopDelay time.Duration
}

// encodeFrame renders f; masked frames get a random key.
func encodeFrame(f Frame, mask bool) []byte {
	b0 := byte(f.Opcode&0x0f) | byte(f.RSV&7)<<4
	if f.Fin {
		b0 |= 0x80
	}
	n := int64(len(f.Payload))
	if f.Length != nil {
		n = *f.Length
	}
	out := []byte{b0, 0}
	switch {
	case n < 126:
		out[1] = byte(n)
	case n <= 0xffff:
		out[1] = 126
		out = binary.BigEndian.AppendUint16(out, uint16(n))
	default:
		out[1] = 127
		out = binary.BigEndian.AppendUint64(out, uint64(n))
	}
	if !mask {
		return append(out, f.Payload...)
	}
	out[1] |= 0x80
	var key [4]byte
	binary.LittleEndian.PutUint32(key[:], rand.Uint32())
	out = append(out, key[:]...)
	start := len(out)
	out = append(out, f.Payload...)
	for i := range f.Payload {
		out[start+i] ^= key[i&3]
	}
	return out
}

// rawFrame is one frame as read from the testee.
type rawFrame struct {
	fin     bool
	rsv     int
	opcode  int
	masked  bool
	payload []byte
}

var errFrameTooLarge = errors.New("frame larger than the fuzzer accepts")

// maxFramePayload bounds what the fuzzer buffers for one frame (group 9 echoes up to 16 MiB).
const maxFramePayload = 64 << 20

func readFrame(r *bufio.Reader) (rawFrame, error) {
	var h [2]byte
	if _, err := io.ReadFull(r, h[:]); err != nil {
		return rawFrame{}, err
	}
	f := rawFrame{fin: h[0]&0x80 != 0, rsv: int(h[0]>>4) & 7, opcode: int(h[0] & 0x0f), masked: h[1]&0x80 != 0}
	n := uint64(h[1] & 0x7f)
	switch n {
	case 126:
		var ext [2]byte
		if _, err := io.ReadFull(r, ext[:]); err != nil {
			return f, err
		}
		n = uint64(binary.BigEndian.Uint16(ext[:]))
	case 127:
		var ext [8]byte
		if _, err := io.ReadFull(r, ext[:]); err != nil {
			return f, err
		}
		n = binary.BigEndian.Uint64(ext[:])
	}
	if n > maxFramePayload {
		return f, fmt.Errorf("%w: %d bytes", errFrameTooLarge, n)
	}
	var key [4]byte
	if f.masked {
		if _, err := io.ReadFull(r, key[:]); err != nil {
			return f, err
		}
	}
	f.payload = make([]byte, n)
	if _, err := io.ReadFull(r, f.payload); err != nil {
		return f, err
	}
	if f.masked {
		for i := range f.payload {
			f.payload[i] ^= key[i&3]
		}
	}
	return f, nil
}
