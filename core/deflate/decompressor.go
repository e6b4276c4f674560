package deflate

import (
	"errors"
	"io"

	"github.com/klauspost/compress/flate"
)

// ErrTooLarge is returned when a message inflates beyond the limit.
var ErrTooLarge = errors.New("deflate: decompressed message exceeds size limit")

// ErrCorrupt wraps invalid compressed data.
var ErrCorrupt = errors.New("deflate: invalid compressed data")

const maxWindow = 1 << 15

// inflateTail restores the removed sync marker and adds a final empty
// stored block so the inflater ends with io.EOF instead of wanting more.
var inflateTail = []byte{0x00, 0x00, 0xff, 0xff, 0x01, 0x00, 0x00, 0xff, 0xff}

// source feeds payload then inflateTail as one stream. It implements
// io.ByteReader so flate does not wrap it in a bufio.Reader.
type source struct {
	a, b []byte
}

func (s *source) Read(p []byte) (int, error) {
	if len(s.a) == 0 {
		s.a, s.b = s.b, nil
		if len(s.a) == 0 {
			return 0, io.EOF
		}
	}
	n := copy(p, s.a)
	s.a = s.a[n:]
	return n, nil
}

func (s *source) ReadByte() (byte, error) {
	if len(s.a) == 0 {
		s.a, s.b = s.b, nil
		if len(s.a) == 0 {
			return 0, io.EOF
		}
	}
	c := s.a[0]
	s.a = s.a[1:]
	return c, nil
}

// Decompressor inflates the messages of one direction of one connection.
// It always keeps a full 32 KiB history, so it works whatever window the
// peer actually used.
type Decompressor struct {
	fr        io.ReadCloser
	src       source
	dict      []byte // last up-to-32 KiB of output, for context takeover
	noContext bool
	maxSize   int64
}

// NewDecompressor returns a decompressor; maxSize > 0 bounds the size of
// one decompressed message.
func NewDecompressor(noContextTakeover bool, maxSize int64) *Decompressor {
	return &Decompressor{noContext: noContextTakeover, maxSize: maxSize}
}

// Decompress appends the inflated payload (one complete message, without
// the 00 00 ff ff tail) to dst.
func (d *Decompressor) Decompress(dst, payload []byte) ([]byte, error) {
	d.src = source{a: payload, b: inflateTail}
	var dict []byte
	if !d.noContext {
		dict = d.dict
	}
	if d.fr == nil {
		d.fr = flate.NewReaderDict(&d.src, dict)
	} else if err := d.fr.(flate.Resetter).Reset(&d.src, dict); err != nil {
		return dst, err
	}
	start := len(dst)
	for {
		if len(dst) == cap(dst) {
			dst = append(dst, 0)[:len(dst)]
		}
		n, err := d.fr.Read(dst[len(dst):cap(dst)])
		dst = dst[:len(dst)+n]
		if d.maxSize > 0 && int64(len(dst)-start) > d.maxSize {
			d.src = source{}
			return dst[:start], ErrTooLarge
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			d.src = source{}
			return dst[:start], errors.Join(ErrCorrupt, err)
		}
	}
	d.src = source{}
	if !d.noContext {
		d.keepHistory(dst[start:])
	}
	return dst, nil
}

// keepHistory slides the 32 KiB dictionary window over the new output.
func (d *Decompressor) keepHistory(out []byte) {
	if len(out) >= maxWindow {
		d.dict = append(d.dict[:0], out[len(out)-maxWindow:]...)
		return
	}
	if excess := len(d.dict) + len(out) - maxWindow; excess > 0 {
		n := copy(d.dict, d.dict[excess:])
		d.dict = d.dict[:n]
	}
	d.dict = append(d.dict, out...)
}
