package wsconn

import (
	"sync"

	"github.com/sgcws/sgcws/core/deflate"
	"github.com/sgcws/sgcws/core/wsproto"
)

// outFrame is one queued message (possibly sent as several frames).
type outFrame struct {
	op     wsproto.Opcode
	data   []byte
	pooled *[]byte // backing buffer to return to payloadPool
	frag   int
	pm     *PreparedMessage
	// encoded: data is already wire bytes (the unwritten tail of an inline
	// write), standing for a message of payloadSize bytes.
	encoded     bool
	payloadSize int64
}

func (f *outFrame) size() int64 {
	switch {
	case f.encoded:
		return f.payloadSize
	case f.pm != nil:
		return int64(len(f.pm.data))
	}
	return int64(len(f.data))
}

// Payload copies and encode buffers are pooled: a busy connection then
// allocates nothing per message in steady state.
var payloadPool, wirePool sync.Pool

const maxPooled = 256 << 10

func getBuf(p *sync.Pool, n int) *[]byte {
	if v, _ := p.Get().(*[]byte); v != nil {
		if cap(*v) >= n {
			*v = (*v)[:n]
			return v
		}
		p.Put(v)
	}
	b := make([]byte, n, max(n, 512))
	return &b
}

func putBuf(p *sync.Pool, b *[]byte) {
	if b != nil && cap(*b) <= maxPooled {
		*b = (*b)[:0]
		p.Put(b)
	}
}

// flushAt is how much encoded data the drain goroutine collects before a
// write; it bounds the coalescing buffer.
const flushAt = 64 << 10

// WriteText queues a text message. fragmentSize > 0 splits it into frames
// of at most that many payload bytes.
func (c *Conn) WriteText(p []byte, fragmentSize int) error {
	return c.writeData(wsproto.OpText, p, fragmentSize)
}

// WriteBinary queues a binary message.
func (c *Conn) WriteBinary(p []byte, fragmentSize int) error {
	return c.writeData(wsproto.OpBinary, p, fragmentSize)
}

// Ping queues a ping.
func (c *Conn) Ping(payload []byte) error {
	return c.enqueueControl(wsproto.OpPing, payload)
}

func (c *Conn) writeData(op wsproto.Opcode, p []byte, frag int) error {
	b := getBuf(&payloadPool, len(p))
	copy(*b, p)
	f := outFrame{op: op, data: *b, pooled: b, frag: frag}
	if err := c.enqueue(f, false, true); err != nil {
		putBuf(&payloadPool, b)
		return err
	}
	return nil
}

func (c *Conn) enqueueControl(op wsproto.Opcode, p []byte) error {
	if len(p) > wsproto.MaxControlPayload {
		return ErrControlTooLarge
	}
	return c.writeData(op, p, 0)
}

func (c *Conn) enqueueClose(code int, reason string) error {
	return c.enqueue(outFrame{op: wsproto.OpClose, data: wsproto.ClosePayload(code, reason)}, true, true)
}

// enqueue queues f, or with mayInline writes it from the calling goroutine
// when no writer is active and the reader has no more input waiting, that
// is when nothing else is likely to follow soon (see writeInline).
func (c *Conn) enqueue(f outFrame, isClose, mayInline bool) error {
	n := f.size()
	c.mu.Lock()
	if c.closeQueued || c.broken {
		c.mu.Unlock()
		return ErrClosed
	}
	if lim := c.cfg.WriteQueueLimit; lim > 0 && !f.op.IsControl() {
		if b := c.buffered.Load(); b > 0 && b+n > lim {
			c.mu.Unlock()
			return ErrQueueFull
		}
	}
	if isClose {
		c.closeQueued = true
		c.closing.Store(true)
	}
	c.buffered.Add(n)
	if mayInline && !c.draining && c.raw != nil && n <= flushAt && !c.inputLeft.Load() {
		c.draining = true // this caller takes the writer role
		c.mu.Unlock()
		c.writeInline(f)
		return nil
	}
	c.queue = append(c.queue, f)
	start := !c.draining
	c.draining = true
	c.mu.Unlock()
	if start {
		go c.drain()
	}
	return nil
}

// drain writes the queue until it is empty, then exits.
func (c *Conn) drain() {
	wb := getBuf(&wirePool, 0)
	var batch []outFrame
	for {
		c.mu.Lock()
		if c.broken || len(c.queue) == 0 {
			if c.broken {
				for i := range c.queue {
					putBuf(&payloadPool, c.queue[i].pooled)
				}
				c.queue = c.queue[:0]
			}
			c.draining = false
			c.mu.Unlock()
			break
		}
		batch, c.queue = c.queue, c.spare[:0]
		c.spare = nil
		c.mu.Unlock()

		buf := (*wb)[:0]
		var pending int64
		sawClose, ok := false, true
		for i := range batch {
			f := &batch[i]
			if ok {
				buf = c.encode(buf, f)
				pending += f.size()
				sawClose = sawClose || f.op == wsproto.OpClose
				if len(buf) >= flushAt {
					ok = c.flush(buf, pending, sawClose)
					buf, pending, sawClose = buf[:0], 0, false
				}
			}
			putBuf(&payloadPool, f.pooled)
			batch[i] = outFrame{}
		}
		if ok && len(buf) > 0 {
			c.flush(buf, pending, sawClose)
		}
		*wb = buf[:0]

		c.mu.Lock()
		if c.spare == nil {
			c.spare = batch[:0]
		}
		c.mu.Unlock()
		batch = nil
	}
	putBuf(&wirePool, wb)
}

// flush writes encoded frames; on failure the connection is marked broken
// and the socket closed so the reader ends too.
func (c *Conn) flush(buf []byte, payload int64, sawClose bool) bool {
	n, err := c.nc.Write(buf)
	c.sendBytes.Add(int64(n))
	c.buffered.Add(-payload)
	if err != nil {
		c.writeFailed()
		return false
	}
	if sawClose {
		c.signalCloseWritten()
	}
	return true
}

func (c *Conn) writeFailed() {
	c.mu.Lock()
	c.broken = true
	c.mu.Unlock()
	c.closing.Store(true)
	c.signalCloseWritten()
	c.nc.Close()
}

// writeInline sends one message from the calling goroutine when no writer
// is active: one non-blocking write, so a lone request/response costs no
// goroutine hand-over. Whatever the socket does not take at once goes to the
// drain goroutine, ahead of anything queued meanwhile; so do later messages.
func (c *Conn) writeInline(f outFrame) {
	wb := getBuf(&wirePool, 0)
	buf := c.encode((*wb)[:0], &f)
	putBuf(&payloadPool, f.pooled)
	n, err := tryWrite(c.raw, buf)
	c.sendBytes.Add(int64(n))
	rest := buf[n:]
	switch {
	case err != nil:
		c.buffered.Add(-f.size())
		c.writeFailed()
	case len(rest) == 0:
		c.buffered.Add(-f.size())
		if f.op == wsproto.OpClose {
			c.signalCloseWritten()
		}
	default:
		tail := getBuf(&payloadPool, len(rest))
		copy(*tail, rest)
		f = outFrame{op: f.op, data: *tail, pooled: tail, encoded: true, payloadSize: f.size()}
	}
	*wb = buf[:0]
	putBuf(&wirePool, wb)

	c.mu.Lock()
	if err == nil && len(rest) > 0 {
		c.queue = append([]outFrame{f}, c.queue...)
	}
	start := len(c.queue) > 0 // the drain goroutine also discards the queue once broken
	c.draining = start
	c.mu.Unlock()
	if start {
		go c.drain()
	}
}

// encode appends the wire form of one queued message.
func (c *Conn) encode(dst []byte, f *outFrame) []byte {
	if f.encoded {
		return append(dst, f.data...)
	}
	if f.pm != nil {
		if !c.client {
			if b := f.pm.frame(c.preparedVariant()); b != nil {
				return append(dst, b...)
			}
		}
		return c.encodeMessage(dst, f.pm.op, f.pm.data, 0)
	}
	return c.encodeMessage(dst, f.op, f.data, f.frag)
}

// MinCompressSize is the smallest message that is compressed once permessage-deflate is negotiated.
// RFC 7692 lets a sender leave any message uncompressed (RSV1 clear): below this size deflate's
// block overhead makes the payload no smaller and costs several times the CPU of sending it plain.
// Skipped messages stay out of the compression window on both sides, so context takeover still holds.
const MinCompressSize = 64

func worthCompressing(data []byte) bool { return len(data) >= MinCompressSize }

func (c *Conn) encodeMessage(dst []byte, op wsproto.Opcode, data []byte, frag int) []byte {
	rsv1 := false
	if op.IsData() && c.cfg.Deflate != nil && worthCompressing(data) {
		comp, key, pooled := c.compressor()
		out, err := comp.Compress(c.compBuf[:0], data)
		if pooled {
			putStatelessCompressor(key, comp)
		}
		if err == nil {
			c.compBuf, data, rsv1 = out, out, true
		}
	}
	if frag <= 0 || len(data) <= frag || op.IsControl() {
		dst = c.appendFrame(dst, true, rsv1, op, data)
	} else {
		for first := true; len(data) > 0; first = false {
			n := min(frag, len(data))
			fop := op
			if !first {
				fop = wsproto.OpContinuation
			}
			dst = c.appendFrame(dst, n == len(data), rsv1 && first, fop, data[:n])
			data = data[n:]
		}
	}
	if cap(c.compBuf) > keepBufCap {
		c.compBuf = nil
	}
	return dst
}

func (c *Conn) appendFrame(dst []byte, fin, rsv1 bool, op wsproto.Opcode, p []byte) []byte {
	h := wsproto.Header{Fin: fin, Rsv1: rsv1, Opcode: op, Length: int64(len(p)), Masked: c.client}
	if c.client {
		h.MaskKey = wsproto.NewMaskKey()
	}
	dst = wsproto.AppendHeader(dst, h)
	start := len(dst)
	dst = append(dst, p...)
	if c.client {
		wsproto.MaskBytes(h.MaskKey, 0, dst[start:])
	}
	return dst
}

// compressor returns this direction's compressor. Without context takeover a
// message needs no history, so it comes from a pool shared by the connections
// with the same window and level (pooled: give it back under key), instead
// of the ~1 MiB a compressor holds staying with every connection.
func (c *Conn) compressor() (comp *deflate.Compressor, key prepKey, pooled bool) {
	p := c.cfg.Deflate
	bits, noCtx := p.ServerMaxWindowBits, p.ServerNoContextTakeover
	if c.client {
		bits, noCtx = p.ClientMaxWindowBits, p.ClientNoContextTakeover
	}
	if noCtx {
		key = prepKey{compressed: true, bits: bits, level: c.cfg.DeflateLevel}
		return getStatelessCompressor(key), key, true
	}
	if c.comp == nil {
		c.comp = deflate.NewCompressor(bits, false, c.cfg.DeflateLevel)
	}
	return c.comp, key, false
}
