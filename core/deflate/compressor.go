package deflate

import (
	"bytes"

	"github.com/klauspost/compress/flate"
)

// syncTail is the empty stored block a sync flush ends with; RFC 7692
// section 7.2.1 removes it from every message.
var syncTail = []byte{0x00, 0x00, 0xff, 0xff}

// appendWriter lets the flate writer append straight into the caller's
// slice, so Compress needs no intermediate buffer.
type appendWriter struct{ buf []byte }

func (w *appendWriter) Write(p []byte) (int, error) {
	w.buf = append(w.buf, p...)
	return len(p), nil
}

// Compressor compresses the messages of one direction of one connection.
type Compressor struct {
	fw         *flate.Writer
	out        appendWriter
	noContext  bool
	windowBits int
	level      int
}

// NewCompressor returns a compressor limited to a 2^windowBits window
// (8..15). level is a flate level 1..9 and only applies to 15-bit windows
// without context takeover. Otherwise klauspost's windowed encoder is used:
// its fixed-level siblings barely reuse history across sync flushes, which
// would waste context takeover (see TestContextTakeoverShrinks).
func NewCompressor(windowBits int, noContextTakeover bool, level int) *Compressor {
	if windowBits < 8 || windowBits > 15 {
		windowBits = 15
	}
	level = clampLevel(level)
	c := &Compressor{noContext: noContextTakeover, windowBits: windowBits, level: level}
	var err error
	if windowBits == 15 && noContextTakeover {
		c.fw, err = flate.NewWriter(&c.out, level)
	} else {
		c.fw, err = flate.NewWriterWindow(&c.out, 1<<windowBits)
	}
	if err != nil {
		panic("deflate: " + err.Error()) // arguments are clamped above
	}
	return c
}

// Compress appends the compressed form of msg to dst, without the trailing
// 00 00 ff ff. With context takeover the window carries over to the next
// message; otherwise the writer is reset (not reallocated).
func (c *Compressor) Compress(dst, msg []byte) ([]byte, error) {
	start := len(dst)
	c.out.buf = dst
	_, err := c.fw.Write(msg)
	if err == nil {
		err = c.fw.Flush()
	}
	out := c.out.buf
	c.out.buf = nil
	if err != nil {
		c.fw.Reset(&c.out)
		return dst, err
	}
	if len(out)-start >= 4 && bytes.Equal(out[len(out)-4:], syncTail) {
		out = out[:len(out)-4]
	}
	if c.noContext {
		c.fw.Reset(&c.out)
	}
	return out, nil
}

// WindowBits returns the window limit of c.
func (c *Compressor) WindowBits() int { return c.windowBits }

// NoContextTakeover reports whether every message is compressed on its own,
// which makes the output a pure function of the message (cacheable).
func (c *Compressor) NoContextTakeover() bool { return c.noContext }
