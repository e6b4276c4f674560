package wsproto

import "strconv"

// Opcode is the 4-bit frame opcode of RFC 6455 section 5.2.
type Opcode byte

// Opcodes defined by RFC 6455; the others are reserved and rejected.
const (
	OpContinuation Opcode = 0
	OpText         Opcode = 1
	OpBinary       Opcode = 2
	OpClose        Opcode = 8
	OpPing         Opcode = 9
	OpPong         Opcode = 10
)

// IsControl reports whether o is a control opcode (close, ping, pong or a
// reserved control opcode).
func (o Opcode) IsControl() bool { return o&0x8 != 0 }

// IsData reports whether o starts a data message (text or binary).
func (o Opcode) IsData() bool { return o == OpText || o == OpBinary }

func (o Opcode) known() bool {
	switch o {
	case OpContinuation, OpText, OpBinary, OpClose, OpPing, OpPong:
		return true
	}
	return false
}

func (o Opcode) String() string {
	switch o {
	case OpContinuation:
		return "continuation"
	case OpText:
		return "text"
	case OpBinary:
		return "binary"
	case OpClose:
		return "close"
	case OpPing:
		return "ping"
	case OpPong:
		return "pong"
	}
	return "opcode(" + strconv.Itoa(int(o)) + ")"
}
