package wsproto

import (
	"bufio"
	"encoding/binary"
	"errors"
	"io"
)

// MaxControlPayload is the largest payload a control frame may carry.
const MaxControlPayload = 125

// MaxHeaderSize is the largest encoded frame header (2 + 8 + 4 bytes).
const MaxHeaderSize = 14

// Header is a decoded frame header.
type Header struct {
	Fin, Rsv1, Rsv2, Rsv3 bool
	Opcode                Opcode
	Masked                bool
	MaskKey               [4]byte
	Length                int64
}

// Size returns the number of bytes the header occupies on the wire.
func (h *Header) Size() int {
	n := 2
	switch {
	case h.Length > 0xffff:
		n += 8
	case h.Length > 125:
		n += 2
	}
	if h.Masked {
		n += 4
	}
	return n
}

// ReadHeader reads and validates one frame header. Structural violations
// are reported as *ProtocolError with code 1002. RSV bits and masking are
// returned as-is because their validity depends on the negotiated
// extensions and on the role, which the caller knows.
//
// A clean end of stream before the first byte is io.EOF; a stream ending
// inside the header is io.ErrUnexpectedEOF.
func ReadHeader(r *bufio.Reader) (Header, error) {
	var h Header
	b, err := r.Peek(2)
	if err != nil {
		return h, eofErr(err, len(b) == 0)
	}
	b0, b1 := b[0], b[1]
	h.Fin = b0&0x80 != 0
	h.Rsv1 = b0&0x40 != 0
	h.Rsv2 = b0&0x20 != 0
	h.Rsv3 = b0&0x10 != 0
	h.Opcode = Opcode(b0 & 0x0f)
	h.Masked = b1&0x80 != 0
	l7 := b1 & 0x7f

	n := 2
	switch l7 {
	case 126:
		n += 2
	case 127:
		n += 8
	}
	if h.Masked {
		n += 4
	}
	// Peek everything at once: one bounds check and a single Discard.
	b, err = r.Peek(n)
	if err != nil {
		return h, eofErr(err, false)
	}
	switch l7 {
	case 126:
		h.Length = int64(binary.BigEndian.Uint16(b[2:]))
		if h.Length < 126 {
			return h, protoErr("non-minimal 16-bit payload length")
		}
	case 127:
		u := binary.BigEndian.Uint64(b[2:])
		if u>>63 != 0 {
			return h, protoErr("64-bit payload length with most significant bit set")
		}
		h.Length = int64(u)
		if h.Length <= 0xffff {
			return h, protoErr("non-minimal 64-bit payload length")
		}
	default:
		h.Length = int64(l7)
	}
	if h.Masked {
		copy(h.MaskKey[:], b[n-4:n])
	}
	if _, err := r.Discard(n); err != nil {
		return h, eofErr(err, false)
	}

	if !h.Opcode.known() {
		return h, protoErr("reserved opcode " + h.Opcode.String())
	}
	if h.Opcode.IsControl() {
		if !h.Fin {
			return h, protoErr("fragmented control frame")
		}
		if h.Length > MaxControlPayload {
			return h, protoErr("control frame payload longer than 125 bytes")
		}
	}
	return h, nil
}

func eofErr(err error, atStart bool) error {
	if errors.Is(err, io.EOF) {
		if atStart {
			return io.EOF
		}
		return io.ErrUnexpectedEOF
	}
	if errors.Is(err, bufio.ErrBufferFull) {
		// Only possible with a pathologically small bufio.Reader.
		return errors.New("wsproto: bufio.Reader too small for a frame header")
	}
	return err
}

// AppendHeader appends the wire encoding of h to dst using the minimal
// length encoding.
func AppendHeader(dst []byte, h Header) []byte {
	var b0 byte = byte(h.Opcode) & 0x0f
	if h.Fin {
		b0 |= 0x80
	}
	if h.Rsv1 {
		b0 |= 0x40
	}
	if h.Rsv2 {
		b0 |= 0x20
	}
	if h.Rsv3 {
		b0 |= 0x10
	}
	var b1 byte
	if h.Masked {
		b1 = 0x80
	}
	switch {
	case h.Length <= 125:
		dst = append(dst, b0, b1|byte(h.Length))
	case h.Length <= 0xffff:
		dst = append(dst, b0, b1|126)
		dst = binary.BigEndian.AppendUint16(dst, uint16(h.Length))
	default:
		dst = append(dst, b0, b1|127)
		dst = binary.BigEndian.AppendUint64(dst, uint64(h.Length))
	}
	if h.Masked {
		dst = append(dst, h.MaskKey[:]...)
	}
	return dst
}
