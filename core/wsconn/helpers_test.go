package wsconn

import (
	"net"
	"sync"
	"testing"
	"time"

	"github.com/sgcws/sgcws/core/wsproto"
)

// testTimeout bounds every wait so a broken test fails instead of hanging.
const testTimeout = 20 * time.Second

type event struct {
	kind   string
	data   string
	op     wsproto.Opcode
	offset int64
	final  bool
	code   int
	reason string
	err    error
}

type recorder struct {
	mu     sync.Mutex
	events []event
	closed chan struct{}
	onMsg  func(c *Conn, kind string, data []byte)
}

func newRecorder() *recorder { return &recorder{closed: make(chan struct{})} }

func (r *recorder) add(e event) {
	r.mu.Lock()
	r.events = append(r.events, e)
	r.mu.Unlock()
}

func (r *recorder) OnMessage(c *Conn, p []byte) {
	r.add(event{kind: "text", data: string(p)})
	if r.onMsg != nil {
		r.onMsg(c, "text", p)
	}
}
func (r *recorder) OnBinary(c *Conn, p []byte) {
	r.add(event{kind: "binary", data: string(p)})
	if r.onMsg != nil {
		r.onMsg(c, "binary", p)
	}
}
func (r *recorder) OnFragmented(c *Conn, p []byte, op wsproto.Opcode, off int64, final bool) {
	r.add(event{kind: "frag", data: string(p), op: op, offset: off, final: final})
}
func (r *recorder) OnPing(c *Conn, p []byte)   { r.add(event{kind: "ping", data: string(p)}) }
func (r *recorder) OnPong(c *Conn, p []byte)   { r.add(event{kind: "pong", data: string(p)}) }
func (r *recorder) OnError(c *Conn, err error) { r.add(event{kind: "error", err: err}) }
func (r *recorder) OnClose(c *Conn, code int, reason string) {
	r.add(event{kind: "close", code: code, reason: reason})
	close(r.closed)
}

func (r *recorder) wait(t *testing.T) {
	t.Helper()
	select {
	case <-r.closed:
	case <-time.After(testTimeout):
		t.Fatal("timeout waiting for OnClose")
	}
}

// waitFor polls until n events of kind were recorded.
func (r *recorder) waitFor(t *testing.T, kind string, n int) []event {
	t.Helper()
	deadline := time.Now().Add(testTimeout)
	for {
		got := r.ofKind(kind)
		if len(got) >= n {
			return got
		}
		if time.Now().After(deadline) {
			t.Fatalf("timeout: %d %s events, want %d (all: %+v)", len(got), kind, n, r.all())
		}
		time.Sleep(time.Millisecond)
	}
}

func (r *recorder) ofKind(kind string) []event {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []event
	for _, e := range r.events {
		if e.kind == kind {
			out = append(out, e)
		}
	}
	return out
}

func (r *recorder) all() []event {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]event(nil), r.events...)
}

func (r *recorder) closeEvent(t *testing.T) event {
	t.Helper()
	r.wait(t)
	evs := r.all()
	last := evs[len(evs)-1]
	if last.kind != "close" {
		t.Fatalf("last event %+v is not close", last)
	}
	if len(r.ofKind("close")) != 1 {
		t.Fatal("OnClose called more than once")
	}
	return last
}

// tcpPair returns two ends of a loopback TCP connection.
func tcpPair(t *testing.T) (client, server net.Conn) { return tcpPairB(t) }

func tcpPairB(t testing.TB) (client, server net.Conn) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	ch := make(chan net.Conn, 1)
	go func() {
		c, _ := ln.Accept()
		ch <- c
	}()
	client, err = net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	server = <-ch
	if server == nil {
		t.Fatal("accept failed")
	}
	return client, server
}

type side struct {
	c   *Conn
	rec *recorder
}

// startPair runs a client and a server Conn over loopback TCP.
func startPair(t *testing.T, ccfg, scfg Config) (cli, srv side) {
	t.Helper()
	ccfg.Role, scfg.Role = RoleClient, RoleServer
	cn, sn := tcpPair(t)
	cli = side{rec: newRecorder()}
	srv = side{rec: newRecorder()}
	cli.c = New(cn, nil, ccfg, cli.rec)
	srv.c = New(sn, nil, scfg, srv.rec)
	go cli.c.Run()
	go srv.c.Run()
	t.Cleanup(func() {
		cli.c.Disconnect()
		srv.c.Disconnect()
		cli.rec.wait(t)
		srv.rec.wait(t)
	})
	return cli, srv
}
