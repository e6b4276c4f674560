package wsconn

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"net"
	"testing"
	"time"

	"github.com/sgcws/sgcws/core/wsproto"
)

// rawFrame encodes a client frame by hand so tests can break the rules.
func rawFrame(fin bool, rsv byte, op wsproto.Opcode, masked bool, p []byte) []byte {
	h := wsproto.Header{Fin: fin, Rsv1: rsv&4 != 0, Rsv2: rsv&2 != 0, Rsv3: rsv&1 != 0, Opcode: op, Masked: masked, Length: int64(len(p))}
	if masked {
		h.MaskKey = [4]byte{0x11, 0x22, 0x33, 0x44}
	}
	b := wsproto.AppendHeader(nil, h)
	start := len(b)
	b = append(b, p...)
	if masked {
		wsproto.MaskBytes(h.MaskKey, 0, b[start:])
	}
	return b
}

// runRawServer starts a server Conn and returns the raw client end.
func runRawServer(t *testing.T, cfg Config) (net.Conn, *recorder) {
	t.Helper()
	cfg.Role = RoleServer
	cn, sn := tcpPair(t)
	rec := newRecorder()
	c := New(sn, nil, cfg, rec)
	go c.Run()
	t.Cleanup(func() { cn.Close(); c.Disconnect(); rec.wait(t) })
	return cn, rec
}

// readClose reads frames from the server until a close frame and returns
// its code.
func readClose(t *testing.T, nc net.Conn) int {
	t.Helper()
	_ = nc.SetReadDeadline(time.Now().Add(testTimeout))
	br := bufio.NewReader(nc)
	for {
		h, err := wsproto.ReadHeader(br)
		if err != nil {
			t.Fatalf("reading server frames: %v", err)
		}
		p := make([]byte, h.Length)
		if _, err := io.ReadFull(br, p); err != nil {
			t.Fatal(err)
		}
		if h.Opcode == wsproto.OpClose {
			code, _, err := wsproto.ParseClosePayload(p)
			if err != nil {
				t.Fatal(err)
			}
			// The server must drop TCP after its close frame.
			if _, err := br.ReadByte(); err == nil {
				t.Fatal("data after close frame")
			}
			return code
		}
	}
}

func TestProtocolViolations(t *testing.T) {
	text := wsproto.OpText
	cases := []struct {
		name  string
		wire  []byte
		code  int
		cfg   Config
		noErr bool
	}{
		{"unmasked client frame", rawFrame(true, 0, text, false, []byte("hi")), 1002, Config{}, false},
		{"rsv2", rawFrame(true, 2, text, true, []byte("hi")), 1002, Config{}, false},
		{"rsv3", rawFrame(true, 1, text, true, []byte("hi")), 1002, Config{}, false},
		{"rsv1 without deflate", rawFrame(true, 4, text, true, []byte("hi")), 1002, Config{}, false},
		{"rsv1 on control", rawFrame(true, 4, wsproto.OpPing, true, nil), 1002, Config{Deflate: deflateVariants["takeover"]}, false},
		{"rsv1 on continuation", append(rawFrame(false, 4, text, true, []byte{0}), rawFrame(true, 4, wsproto.OpContinuation, true, []byte{0})...), 1002, Config{Deflate: deflateVariants["takeover"]}, false},
		{"continuation without start", rawFrame(true, 0, wsproto.OpContinuation, true, []byte("x")), 1002, Config{}, false},
		{"data inside fragmented", append(rawFrame(false, 0, text, true, []byte("a")), rawFrame(true, 0, text, true, []byte("b"))...), 1002, Config{}, false},
		{"reserved opcode", rawFrame(true, 0, 3, true, nil), 1002, Config{}, false},
		{"reserved control opcode", rawFrame(true, 0, 11, true, nil), 1002, Config{}, false},
		{"fragmented ping", rawFrame(false, 0, wsproto.OpPing, true, nil), 1002, Config{}, false},
		{"ping too long", rawFrame(true, 0, wsproto.OpPing, true, make([]byte, 126)), 1002, Config{}, false},
		{"close one byte", rawFrame(true, 0, wsproto.OpClose, true, []byte{3}), 1002, Config{}, false},
		{"close bad code", rawFrame(true, 0, wsproto.OpClose, true, []byte{3, 0xed}), 1002, Config{}, false},
		{"close bad utf8", rawFrame(true, 0, wsproto.OpClose, true, []byte{3, 0xe8, 0xff}), 1007, Config{}, false},
		{"bad deflate data", rawFrame(true, 4, wsproto.OpBinary, true, []byte{0xff, 0xff, 0xff}), 1007, Config{Deflate: deflateVariants["takeover"]}, false},
		{"invalid utf8 fails fast", rawFrame(false, 0, text, true, []byte{'a', 0xc0}), 1007, Config{ValidateUTF8: true}, false},
		{"valid close", rawFrame(true, 0, wsproto.OpClose, true, []byte{0x0f, 0xa0, 'x'}), 4000, Config{}, true},
		{"empty close", rawFrame(true, 0, wsproto.OpClose, true, nil), 1000, Config{}, true},
		{"ping interleaved then close", append(append(rawFrame(false, 0, text, true, []byte("a")), rawFrame(true, 0, wsproto.OpPing, true, []byte("p"))...), rawFrame(true, 0, wsproto.OpClose, true, []byte{3, 0xe8})...), 1000, Config{}, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			nc, rec := runRawServer(t, c.cfg)
			if _, err := nc.Write(c.wire); err != nil {
				t.Fatal(err)
			}
			if got := readClose(t, nc); got != c.code {
				t.Fatalf("server sent close %d, want %d", got, c.code)
			}
			e := rec.closeEvent(t)
			errs := rec.ofKind("error")
			if c.noErr {
				if len(errs) != 0 {
					t.Fatalf("unexpected OnError %v", errs[0].err)
				}
				return
			}
			var pe *wsproto.ProtocolError
			if len(errs) != 1 || !errors.As(errs[0].err, &pe) || pe.Code != c.code || e.code != c.code {
				t.Fatalf("errors %+v close %+v", errs, e)
			}
		})
	}
}

func TestPeerVanishesMidMessage(t *testing.T) {
	nc, rec := runRawServer(t, Config{})
	frame := rawFrame(true, 0, wsproto.OpBinary, true, make([]byte, 100))
	if _, err := nc.Write(frame[:30]); err != nil {
		t.Fatal(err)
	}
	nc.Close()
	if e := rec.closeEvent(t); e.code != wsproto.CloseAbnormal {
		t.Fatalf("close %d", e.code)
	}
	if len(rec.ofKind("error")) != 0 || len(rec.ofKind("binary")) != 0 {
		t.Fatal("unexpected events")
	}
}

func TestHugeLengthDoesNotAllocate(t *testing.T) {
	// 2^62 announced, 10 bytes sent: must end with 1006, not OOM.
	nc, rec := runRawServer(t, Config{})
	h := wsproto.AppendHeader(nil, wsproto.Header{Fin: true, Opcode: wsproto.OpBinary, Masked: true, Length: 1 << 62})
	if _, err := nc.Write(append(h, make([]byte, 10)...)); err != nil {
		t.Fatal(err)
	}
	nc.Close()
	if e := rec.closeEvent(t); e.code != wsproto.CloseAbnormal {
		t.Fatalf("close %d", e.code)
	}
}

func TestClientRejectsMaskedServerFrame(t *testing.T) {
	cn, sn := tcpPair(t)
	rec := newRecorder()
	c := New(cn, nil, Config{Role: RoleClient}, rec)
	go c.Run()
	defer sn.Close()
	if _, err := sn.Write(rawFrame(true, 0, wsproto.OpText, true, []byte("x"))); err != nil {
		t.Fatal(err)
	}
	go io.Copy(io.Discard, sn)
	// The client waits for us to drop TCP; do so once it reported.
	time.AfterFunc(100*time.Millisecond, func() { sn.Close() })
	if e := rec.closeEvent(t); e.code != 1002 {
		t.Fatalf("close %d", e.code)
	}
}

func TestWriteQueueLimit(t *testing.T) {
	// net.Pipe blocks the drain goroutine until the peer reads, which
	// never happens here: the queue fills deterministically.
	a, b := net.Pipe()
	defer b.Close()
	rec := newRecorder()
	c := New(a, nil, Config{Role: RoleServer, WriteQueueLimit: 150}, rec)
	if err := c.WriteBinary(make([]byte, 200), 0); err != nil {
		t.Fatalf("a message must fit an empty queue: %v", err)
	}
	if c.Buffered() != 200 {
		t.Fatalf("Buffered %d", c.Buffered())
	}
	if err := c.WriteBinary(make([]byte, 1), 0); !errors.Is(err, ErrQueueFull) {
		t.Fatalf("got %v", err)
	}
	if err := c.Ping(nil); err != nil {
		t.Fatalf("control frames bypass the limit: %v", err)
	}
	go c.Run()
	c.Disconnect()
	if e := rec.closeEvent(t); e.code != wsproto.CloseAbnormal {
		t.Fatalf("close %d", e.code)
	}
}

func TestBufferedDrains(t *testing.T) {
	cli, srv := startPair(t, Config{}, Config{})
	payload := bytes.Repeat([]byte("z"), 1<<20)
	for i := 0; i < 4; i++ {
		if err := cli.c.WriteBinary(payload, 0); err != nil {
			t.Fatal(err)
		}
	}
	srv.rec.waitFor(t, "binary", 4)
	deadline := time.Now().Add(testTimeout)
	for cli.c.Buffered() != 0 {
		if time.Now().After(deadline) {
			t.Fatalf("Buffered stuck at %d", cli.c.Buffered())
		}
		time.Sleep(time.Millisecond)
	}
}
