package wsconn

import (
	"bytes"
	"io"
	"net"
	"sync"
	"testing"
	"time"

	"github.com/sgcws/sgcws/core/wsproto"
)

// streamConn is a net.Conn that reads a fixed byte stream and discards
// writes.
type streamConn struct {
	r      *bytes.Reader
	mu     sync.Mutex
	closed bool
}

func (s *streamConn) Read(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return 0, net.ErrClosed
	}
	return s.r.Read(p)
}

func (s *streamConn) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return 0, net.ErrClosed
	}
	return len(p), nil
}

func (s *streamConn) Close() error {
	s.mu.Lock()
	s.closed = true
	s.mu.Unlock()
	return nil
}
func (s *streamConn) LocalAddr() net.Addr              { return &net.TCPAddr{} }
func (s *streamConn) RemoteAddr() net.Addr             { return &net.TCPAddr{} }
func (s *streamConn) SetDeadline(time.Time) error      { return nil }
func (s *streamConn) SetReadDeadline(time.Time) error  { return nil }
func (s *streamConn) SetWriteDeadline(time.Time) error { return nil }

func FuzzConnReader(f *testing.F) {
	f.Add(rawFrame(true, 0, wsproto.OpText, true, []byte("hello")), uint8(0))
	f.Add(append(rawFrame(false, 0, wsproto.OpText, true, []byte("he")), rawFrame(true, 0, wsproto.OpContinuation, true, []byte("llo"))...), uint8(1))
	f.Add(rawFrame(true, 4, wsproto.OpBinary, true, []byte{0xf2, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00}), uint8(6))
	f.Add(rawFrame(true, 0, wsproto.OpClose, true, []byte{3, 0xe8}), uint8(2))
	f.Add(rawFrame(true, 0, wsproto.OpPing, true, []byte("p")), uint8(3))
	f.Fuzz(func(t *testing.T, stream []byte, opts uint8) {
		cfg := Config{
			Role:           RoleServer,
			Fragments:      FragmentMode(opts % 3),
			ValidateUTF8:   opts&8 == 0,
			MaxMessageSize: 1 << 16,
			CloseTimeout:   time.Second,
		}
		if opts&4 != 0 {
			cfg.Deflate = deflateVariants["takeover"]
		}
		rec := newRecorder()
		c := New(&streamConn{r: bytes.NewReader(stream)}, nil, cfg, rec)
		done := make(chan struct{})
		go func() { c.Run(); close(done) }()
		select {
		case <-done:
		case <-time.After(testTimeout):
			t.Fatal("Run did not end")
		}
		evs := rec.all()
		if len(evs) == 0 || evs[len(evs)-1].kind != "close" || len(rec.ofKind("close")) != 1 {
			t.Fatalf("events %+v", evs)
		}
	})
}

var _ io.Reader = (*streamConn)(nil)
