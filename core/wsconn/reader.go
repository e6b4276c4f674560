package wsconn

import (
	"errors"
	"io"
	"slices"
	"time"
	"unicode/utf8"

	"github.com/sgcws/sgcws/core/deflate"
	"github.com/sgcws/sgcws/core/wsproto"
)

// readState is owned by the reader goroutine.
type readState struct {
	inMsg      bool
	msgOp      wsproto.Opcode
	compressed bool
	msgLen     int64
	msgBuf     []byte // whole message (buffered modes and compressed messages)
	frameBuf   []byte // one frame (FrgOnlyFragmented)
	decBuf     []byte // inflated message
	ctrl       [wsproto.MaxControlPayload]byte
	utf8       wsproto.UTF8Validator
	decomp     *deflate.Decompressor
}

// Buffers above this are dropped after use so one big message does not pin
// memory for the life of an idle connection.
const keepBufCap = 1 << 20

// readChunk bounds each allocation step while reading a payload, so a
// header announcing a huge length cannot allocate memory the peer never
// sends.
const readChunk = 1 << 20

func (c *Conn) readLoop() (int, string) {
	for {
		h, err := wsproto.ReadHeader(c.br)
		if err != nil {
			return c.readFailed(err)
		}
		c.recBytes.Add(int64(h.Size()))
		if pe := c.checkHeader(&h); pe != nil {
			return c.fail(pe)
		}
		if !h.Opcode.IsControl() {
			if code, reason, done := c.onDataFrame(&h); done {
				return code, reason
			}
			continue
		}
		p := c.rd.ctrl[:h.Length]
		if _, err := io.ReadFull(c.br, p); err != nil {
			return c.readFailed(err)
		}
		c.recBytes.Add(h.Length)
		c.noteInputLeft()
		if h.Masked {
			wsproto.MaskBytes(h.MaskKey, 0, p)
		}
		switch h.Opcode {
		case wsproto.OpPing:
			_ = c.enqueueControl(wsproto.OpPong, p) // ErrClosed after our close: no pong is due
			c.h.OnPing(c, p)
		case wsproto.OpPong:
			c.h.OnPong(c, p)
		case wsproto.OpClose:
			return c.onCloseFrame(p)
		}
	}
}

// noteInputLeft records, before a frame is handled, whether more input is
// already buffered: answers written meanwhile (an echo, a pong) then queue
// up and leave in one write instead of one system call each (see enqueue).
func (c *Conn) noteInputLeft() { c.inputLeft.Store(c.br.Buffered() > 0) }

func (c *Conn) checkHeader(h *wsproto.Header) *wsproto.ProtocolError {
	switch {
	case h.Rsv2 || h.Rsv3:
		return &wsproto.ProtocolError{Code: wsproto.CloseProtocolError, Msg: "reserved bit RSV2/RSV3 set"}
	case h.Rsv1 && (c.cfg.Deflate == nil || !h.Opcode.IsData()):
		return &wsproto.ProtocolError{Code: wsproto.CloseProtocolError, Msg: "unexpected RSV1 bit"}
	case !c.client && !h.Masked:
		return &wsproto.ProtocolError{Code: wsproto.CloseProtocolError, Msg: "unmasked client frame"}
	case c.client && h.Masked:
		return &wsproto.ProtocolError{Code: wsproto.CloseProtocolError, Msg: "masked server frame"}
	}
	return nil
}

// onDataFrame handles one text/binary/continuation frame; done=true ends
// the connection with code/reason.
func (c *Conn) onDataFrame(h *wsproto.Header) (code int, reason string, done bool) {
	rd := &c.rd
	if h.Opcode == wsproto.OpContinuation {
		if !rd.inMsg {
			code, reason = c.fail(&wsproto.ProtocolError{Code: wsproto.CloseProtocolError, Msg: "continuation frame without a message"})
			return code, reason, true
		}
	} else {
		if rd.inMsg {
			code, reason = c.fail(&wsproto.ProtocolError{Code: wsproto.CloseProtocolError, Msg: "new data frame inside a fragmented message"})
			return code, reason, true
		}
		rd.inMsg, rd.msgOp, rd.compressed, rd.msgLen = true, h.Opcode, h.Rsv1, 0
		rd.msgBuf = rd.msgBuf[:0]
		rd.utf8.Reset()
	}
	if max := c.cfg.MaxMessageSize; max > 0 && h.Length > max-rd.msgLen {
		code, reason = c.fail(&wsproto.ProtocolError{Code: wsproto.CloseTooBig, Msg: "message too big"})
		return code, reason, true
	}

	var payload []byte
	var err error
	// Plain text under validation is checked piece by piece as it arrives, so
	// that invalid UTF-8 fails the connection before the rest of the frame.
	validate := !rd.compressed && rd.msgOp == wsproto.OpText && c.cfg.ValidateUTF8
	valid := true
	read := func(dst []byte) ([]byte, error) {
		if validate {
			var out []byte
			out, valid, err = readValidText(c.br, dst, h, &rd.utf8)
			return out, err
		}
		return readPayload(c.br, dst, h.Length)
	}
	if rd.compressed || c.cfg.Fragments != FrgOnlyFragmented {
		start := len(rd.msgBuf)
		rd.msgBuf, err = read(rd.msgBuf)
		payload = rd.msgBuf[start:]
	} else {
		rd.frameBuf, err = read(rd.frameBuf[:0])
		payload = rd.frameBuf
	}
	if err != nil && valid {
		code, reason = c.readFailed(err)
		return code, reason, true
	}
	c.recBytes.Add(int64(len(payload)))
	c.noteInputLeft()
	if h.Masked && !validate {
		wsproto.MaskBytes(h.MaskKey, 0, payload)
	}
	offset := rd.msgLen
	rd.msgLen += h.Length

	if !rd.compressed {
		if validate {
			if !valid || (h.Fin && !rd.utf8.Complete()) {
				code, reason = c.fail(&wsproto.ProtocolError{Code: wsproto.CloseInvalidPayload, Msg: "invalid UTF-8 in text message"})
				return code, reason, true
			}
		}
		if c.cfg.Fragments != FrgOnlyBuffer {
			c.h.OnFragmented(c, payload, rd.msgOp, offset, h.Fin)
		}
	}
	if !h.Fin {
		return 0, "", false
	}
	rd.inMsg = false

	msg := rd.msgBuf
	if rd.compressed {
		if rd.decomp == nil {
			noCtx := c.cfg.Deflate.ServerNoContextTakeover
			if !c.client {
				noCtx = c.cfg.Deflate.ClientNoContextTakeover
			}
			rd.decomp = deflate.NewDecompressor(noCtx, c.cfg.MaxMessageSize)
		}
		msg, err = rd.decomp.Decompress(rd.decBuf[:0], rd.msgBuf)
		rd.decBuf = msg
		if err != nil {
			pe := &wsproto.ProtocolError{Code: wsproto.CloseInvalidPayload, Msg: err.Error()}
			if errors.Is(err, deflate.ErrTooLarge) {
				pe.Code = wsproto.CloseTooBig
			}
			code, reason = c.fail(pe)
			return code, reason, true
		}
		if rd.msgOp == wsproto.OpText && c.cfg.ValidateUTF8 && !utf8.Valid(msg) {
			code, reason = c.fail(&wsproto.ProtocolError{Code: wsproto.CloseInvalidPayload, Msg: "invalid UTF-8 in text message"})
			return code, reason, true
		}
		if c.cfg.Fragments != FrgOnlyBuffer {
			c.h.OnFragmented(c, msg, rd.msgOp, 0, true)
		}
	}
	if c.cfg.Fragments != FrgOnlyFragmented {
		if rd.msgOp == wsproto.OpText {
			c.h.OnMessage(c, msg)
		} else {
			c.h.OnBinary(c, msg)
		}
	}
	if cap(rd.msgBuf) > keepBufCap {
		rd.msgBuf = nil
	}
	if cap(rd.decBuf) > keepBufCap {
		rd.decBuf = nil
	}
	if cap(rd.frameBuf) > keepBufCap {
		rd.frameBuf = nil
	}
	return 0, "", false
}

// readPayload appends n bytes from r to dst, growing dst as data arrives.
func readPayload(r io.Reader, dst []byte, n int64) ([]byte, error) {
	for n > 0 {
		chunk := int(min(n, readChunk))
		start := len(dst)
		dst = slices.Grow(dst, chunk)[:start+chunk]
		if _, err := io.ReadFull(r, dst[start:]); err != nil {
			return dst[:start], err
		}
		n -= int64(chunk)
	}
	return dst, nil
}

// readValidText is readPayload for a text frame under UTF-8 validation: it
// unmasks and checks each piece as the socket delivers it, and stops at the
// first invalid byte (valid=false; the payload read so far is returned).
func readValidText(r io.Reader, dst []byte, h *wsproto.Header, v *wsproto.UTF8Validator) (out []byte, valid bool, err error) {
	pos := 0
	for remaining := h.Length; remaining > 0; {
		start := len(dst)
		chunk := int(min(remaining, readChunk))
		dst = slices.Grow(dst, chunk)[:start+chunk]
		n, rerr := r.Read(dst[start:])
		dst = dst[:start+n]
		if h.Masked {
			pos = wsproto.MaskBytes(h.MaskKey, pos, dst[start:])
		}
		if !v.Write(dst[start:]) {
			return dst, false, nil
		}
		remaining -= int64(n)
		if rerr != nil && remaining > 0 {
			if rerr == io.EOF {
				rerr = io.ErrUnexpectedEOF
			}
			return dst, true, rerr
		}
	}
	return dst, true, nil
}

// onCloseFrame answers a received close frame and ends the connection.
func (c *Conn) onCloseFrame(p []byte) (int, string) {
	code, reason, err := wsproto.ParseClosePayload(p)
	if err != nil {
		var pe *wsproto.ProtocolError
		if !errors.As(err, &pe) {
			pe = &wsproto.ProtocolError{Code: wsproto.CloseProtocolError, Msg: err.Error()}
		}
		return c.fail(pe)
	}
	echo := code
	if code == wsproto.CloseNoStatus {
		echo = wsproto.CloseNormal
	}
	_ = c.enqueueClose(echo, "") // ErrClosed: we already sent ours
	c.waitCloseWritten()
	if c.client {
		// RFC 6455 7.1.1: the server should drop TCP first.
		linger := min(c.cfg.closeTimeout(), maxClientLinger)
		_ = c.nc.SetReadDeadline(time.Now().Add(linger))
		_, _ = io.Copy(io.Discard, c.br)
	}
	return code, reason
}

// readFailed maps a read error to the end of the connection.
func (c *Conn) readFailed(err error) (int, string) {
	var pe *wsproto.ProtocolError
	if errors.As(err, &pe) {
		return c.fail(pe)
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return wsproto.CloseAbnormal, ""
	}
	return wsproto.CloseAbnormal, err.Error()
}

// fail fails the connection (RFC 6455 7.1.7) for a local protocol error.
func (c *Conn) fail(pe *wsproto.ProtocolError) (int, string) {
	_ = c.enqueueClose(pe.Code, pe.Msg)
	c.h.OnError(c, pe)
	c.waitCloseWritten()
	return pe.Code, pe.Msg
}
