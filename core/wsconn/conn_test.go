package wsconn

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/sgcws/sgcws/core/deflate"
	"github.com/sgcws/sgcws/core/wsproto"
)

var deflateVariants = map[string]*deflate.Params{
	"plain":       nil,
	"takeover":    {ServerMaxWindowBits: 15, ClientMaxWindowBits: 15},
	"noTakeover":  {ServerNoContextTakeover: true, ClientNoContextTakeover: true, ServerMaxWindowBits: 15, ClientMaxWindowBits: 15},
	"smallWindow": {ServerMaxWindowBits: 9, ClientMaxWindowBits: 10},
}

func TestMessagesBothDirections(t *testing.T) {
	for name, p := range deflateVariants {
		t.Run(name, func(t *testing.T) {
			cfg := Config{Deflate: p, ValidateUTF8: true}
			cli, srv := startPair(t, cfg, cfg)
			big := strings.Repeat("large payload ", 10000) // 140 KB, 64-bit length
			msgs := []string{"", "hello", "héllo €", strings.Repeat("x", 126), strings.Repeat("y", 70000), big}
			for _, m := range msgs {
				if err := cli.c.WriteText([]byte(m), 0); err != nil {
					t.Fatal(err)
				}
				if err := srv.c.WriteBinary([]byte(m), 0); err != nil {
					t.Fatal(err)
				}
			}
			gotS := srv.rec.waitFor(t, "text", len(msgs))
			gotC := cli.rec.waitFor(t, "binary", len(msgs))
			for i, m := range msgs {
				if gotS[i].data != m || gotC[i].data != m {
					t.Fatalf("message %d mismatch", i)
				}
			}
			if p != nil && srv.c.RecBytes() >= int64(len(big)) {
				t.Fatalf("compression ineffective: %d wire bytes", srv.c.RecBytes())
			}
			if cli.c.SendBytes() != srv.c.RecBytes() {
				t.Fatalf("client sent %d, server received %d", cli.c.SendBytes(), srv.c.RecBytes())
			}
		})
	}
}

func TestFragmentModes(t *testing.T) {
	for _, compressed := range []bool{false, true} {
		for _, mode := range []FragmentMode{FrgOnlyBuffer, FrgOnlyFragmented, FrgAll} {
			t.Run(fmt.Sprintf("mode%d_deflate%v", mode, compressed), func(t *testing.T) {
				var p *deflate.Params
				if compressed {
					p = deflateVariants["takeover"]
				}
				cli, srv := startPair(t, Config{Deflate: p}, Config{Fragments: mode, Deflate: p, ValidateUTF8: true})
				// "€" split across frames exercises incremental UTF-8 validation; the message is long
				// enough (>= MinCompressSize) to be compressed when deflate is on.
				msg := strings.Repeat("hello, wonderful € world ", 3)
				if err := cli.c.WriteText([]byte(msg), 5); err != nil {
					t.Fatal(err)
				}
				if err := cli.c.WriteBinary([]byte("end"), 0); err != nil {
					t.Fatal(err)
				}
				if mode == FrgOnlyFragmented {
					srv.rec.waitFor(t, "frag", 1)
				} else {
					srv.rec.waitFor(t, "binary", 1)
				}
				frags := srv.rec.ofKind("frag")
				texts := srv.rec.ofKind("text")
				if mode == FrgOnlyFragmented {
					// Wait for the "end" message's fragment too.
					n := len(msg)/5 + 2
					if compressed {
						n = 2
					}
					frags = srv.rec.waitFor(t, "frag", n)
				}
				if mode == FrgOnlyBuffer {
					if len(frags) != 0 || len(texts) != 1 || texts[0].data != msg {
						t.Fatalf("frags %v texts %v", frags, texts)
					}
					return
				}
				if mode == FrgOnlyFragmented && len(texts) != 0 {
					t.Fatal("OnMessage in FrgOnlyFragmented mode")
				}
				if mode == FrgAll && (len(texts) != 1 || texts[0].data != msg) {
					t.Fatalf("texts %v", texts)
				}
				var joined string
				var off int64
				textFrags := 0
				for _, f := range frags {
					if f.op != wsproto.OpText {
						continue
					}
					textFrags++
					if f.offset != off {
						t.Fatalf("offset %d want %d", f.offset, off)
					}
					joined += f.data
					off += int64(len(f.data))
					if f.final != (joined == msg) {
						t.Fatalf("final flag wrong at %q", joined)
					}
				}
				if joined != msg {
					t.Fatalf("joined %q", joined)
				}
				want := (len(msg) + 4) / 5
				if compressed {
					want = 1 // documented: one final event for compressed messages
				}
				if textFrags != want {
					t.Fatalf("%d fragment events, want %d", textFrags, want)
				}
			})
		}
	}
}

func TestPingPong(t *testing.T) {
	cli, srv := startPair(t, Config{}, Config{})
	if err := cli.c.Ping([]byte("abc")); err != nil {
		t.Fatal(err)
	}
	if got := srv.rec.waitFor(t, "ping", 1); got[0].data != "abc" {
		t.Fatal(got)
	}
	if got := cli.rec.waitFor(t, "pong", 1); got[0].data != "abc" {
		t.Fatal(got)
	}
	if err := srv.c.Ping(nil); err != nil {
		t.Fatal(err)
	}
	srv.rec.waitFor(t, "pong", 1)
	if err := cli.c.Ping(make([]byte, 126)); !errors.Is(err, ErrControlTooLarge) {
		t.Fatalf("got %v", err)
	}
}

func TestCloseHandshake(t *testing.T) {
	cases := []struct {
		name             string
		fromClient       bool
		code             int
		reason           string
		wantPeer, wantUs int
	}{
		{"client normal", true, 1000, "bye", 1000, 1000},
		{"client app code", true, 4001, "app", 4001, 4001},
		{"client no status", true, -1, "", 1005, 1000},
		{"server going away", false, 1001, "restart", 1001, 1001},
		{"server no status", false, -1, "", 1005, 1000},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cli, srv := startPair(t, Config{}, Config{})
			us, peer := cli, srv
			if !c.fromClient {
				us, peer = srv, cli
			}
			if err := us.c.WriteText([]byte("last words"), 0); err != nil {
				t.Fatal(err)
			}
			if err := us.c.Close(c.code, c.reason); err != nil {
				t.Fatal(err)
			}
			if !us.c.Closed() {
				t.Fatal("Closed() false after Close")
			}
			if err := us.c.WriteText([]byte("late"), 0); !errors.Is(err, ErrClosed) {
				t.Fatalf("write after close: %v", err)
			}
			pe := peer.rec.closeEvent(t)
			ue := us.rec.closeEvent(t)
			if pe.code != c.wantPeer || (c.code >= 0 && pe.reason != c.reason) {
				t.Fatalf("peer got %d %q", pe.code, pe.reason)
			}
			if ue.code != c.wantUs {
				t.Fatalf("we got %d", ue.code)
			}
			if msgs := peer.rec.ofKind("text"); len(msgs) != 1 || msgs[0].data != "last words" {
				t.Fatal("data queued before close was lost")
			}
			if len(peer.rec.ofKind("error")) != 0 || len(us.rec.ofKind("error")) != 0 {
				t.Fatal("unexpected OnError")
			}
		})
	}
}

func TestCloseInvalidCode(t *testing.T) {
	cli, _ := startPair(t, Config{}, Config{})
	if err := cli.c.Close(1005, ""); !errors.Is(err, ErrInvalidCode) {
		t.Fatalf("got %v", err)
	}
}

func TestDisconnectReports1006(t *testing.T) {
	cli, srv := startPair(t, Config{}, Config{})
	cli.c.Disconnect()
	if e := cli.rec.closeEvent(t); e.code != wsproto.CloseAbnormal {
		t.Fatalf("client %d", e.code)
	}
	if e := srv.rec.closeEvent(t); e.code != wsproto.CloseAbnormal {
		t.Fatalf("server %d", e.code)
	}
	if err := srv.c.WriteText([]byte("x"), 0); !errors.Is(err, ErrClosed) {
		t.Fatalf("write after end: %v", err)
	}
}

func TestTooBig(t *testing.T) {
	for name, p := range deflateVariants {
		t.Run(name, func(t *testing.T) {
			cli, srv := startPair(t, Config{Deflate: p}, Config{Deflate: p, MaxMessageSize: 1000})
			if err := cli.c.WriteBinary(make([]byte, 1000), 0); err != nil {
				t.Fatal(err)
			}
			srv.rec.waitFor(t, "binary", 1)
			if err := cli.c.WriteBinary(make([]byte, 1001), 300); err != nil {
				t.Fatal(err)
			}
			if e := srv.rec.closeEvent(t); e.code != wsproto.CloseTooBig {
				t.Fatalf("server close %d", e.code)
			}
			if len(srv.rec.ofKind("error")) != 1 {
				t.Fatal("no OnError")
			}
			if e := cli.rec.closeEvent(t); e.code != wsproto.CloseTooBig {
				t.Fatalf("client close %d", e.code)
			}
		})
	}
}

func TestInvalidUTF8(t *testing.T) {
	for _, frag := range []int{0, 2} {
		cli, srv := startPair(t, Config{}, Config{ValidateUTF8: true})
		if err := cli.c.WriteText([]byte("ok \xed\xa0\x80 surrogate"), frag); err != nil {
			t.Fatal(err)
		}
		if e := srv.rec.closeEvent(t); e.code != wsproto.CloseInvalidPayload {
			t.Fatalf("server close %d", e.code)
		}
		if e := cli.rec.closeEvent(t); e.code != wsproto.CloseInvalidPayload {
			t.Fatalf("client close %d", e.code)
		}
		if len(srv.rec.ofKind("text")) != 0 {
			t.Fatal("invalid message delivered")
		}
	}
}

func TestConcurrentWritersOrder(t *testing.T) {
	for name, p := range map[string]*deflate.Params{"plain": nil, "takeover": deflateVariants["takeover"]} {
		t.Run(name, func(t *testing.T) {
			cli, srv := startPair(t, Config{Deflate: p}, Config{Deflate: p})
			const writers, per = 4, 2500
			var wg sync.WaitGroup
			for w := 0; w < writers; w++ {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for i := 0; i < per; i++ {
						if err := cli.c.WriteText(fmt.Appendf(nil, "%d:%d", w, i), 0); err != nil {
							t.Error(err)
							return
						}
					}
				}()
			}
			wg.Wait()
			got := srv.rec.waitFor(t, "text", writers*per)
			next := make([]int, writers)
			for _, e := range got {
				var w, i int
				if _, err := fmt.Sscanf(e.data, "%d:%d", &w, &i); err != nil {
					t.Fatal(err)
				}
				if i != next[w] {
					t.Fatalf("writer %d: got %d want %d", w, i, next[w])
				}
				next[w]++
			}
		})
	}
}

func TestEchoUnderLoad(t *testing.T) {
	// The server echoes from inside the callback while the client writes.
	cli, srv := startPair(t, Config{}, Config{})
	srv.rec.onMsg = func(c *Conn, kind string, p []byte) { _ = c.WriteBinary(p, 0) }
	const n = 2000
	for i := 0; i < n; i++ {
		if err := cli.c.WriteBinary(bytes.Repeat([]byte{byte(i)}, i%300), 0); err != nil {
			t.Fatal(err)
		}
	}
	got := cli.rec.waitFor(t, "binary", n)
	for i, e := range got {
		if len(e.data) != i%300 {
			t.Fatalf("echo %d has length %d", i, len(e.data))
		}
	}
}

func TestPreparedMessage(t *testing.T) {
	for name, p := range deflateVariants {
		t.Run(name, func(t *testing.T) {
			pm := NewPreparedMessage(wsproto.OpText, []byte(strings.Repeat("broadcast ", 50)))
			var clis []side
			for i := 0; i < 3; i++ {
				cli, srv := startPair(t, Config{Deflate: p}, Config{Deflate: p})
				clis = append(clis, cli)
				for j := 0; j < 2; j++ {
					if err := srv.c.WritePrepared(pm); err != nil {
						t.Fatal(err)
					}
				}
				// And the client direction, which never uses the cache.
				if err := cli.c.WritePrepared(pm); err != nil {
					t.Fatal(err)
				}
				if got := srv.rec.waitFor(t, "text", 1); got[0].data != string(pm.data) {
					t.Fatal("client prepared message mismatch")
				}
			}
			for _, c := range clis {
				for _, e := range c.rec.waitFor(t, "text", 2) {
					if e.data != string(pm.data) {
						t.Fatal("prepared message mismatch")
					}
				}
			}
			pm.mu.Lock()
			cached := len(pm.frames)
			pm.mu.Unlock()
			want := 1
			if p != nil && !p.ServerNoContextTakeover {
				want = 0
			}
			if cached != want {
				t.Fatalf("%d cached variants, want %d", cached, want)
			}
		})
	}
}

// Invalid UTF-8 in the first part of a frame fails the connection without waiting for the rest of
// the frame (Autobahn 6.4.3/6.4.4 "fail fast"): the peer here never sends the rest.
func TestInvalidUTF8FailsBeforeFrameEnds(t *testing.T) {
	cn, sn := tcpPair(t)
	rec := newRecorder()
	srv := New(sn, nil, Config{Role: RoleServer, ValidateUTF8: true}, rec)
	go srv.Run()
	t.Cleanup(func() { cn.Close(); srv.Disconnect(); rec.wait(t) })
	part := []byte("ok \xf4\x90\x80\x80") // U+110000: invalid from its second byte
	h := wsproto.Header{Fin: true, Opcode: wsproto.OpText, Length: 100, Masked: true, MaskKey: [4]byte{1, 2, 3, 4}}
	wire := wsproto.AppendHeader(nil, h)
	masked := append([]byte(nil), part...)
	wsproto.MaskBytes(h.MaskKey, 0, masked)
	if _, err := cn.Write(append(wire, masked...)); err != nil {
		t.Fatal(err)
	}
	if e := rec.closeEvent(t); e.code != wsproto.CloseInvalidPayload {
		t.Fatalf("close %d, want %d", e.code, wsproto.CloseInvalidPayload)
	}
}
