package sgc

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeConn records what the server writes; onWrite forwards it.
type fakeConn struct {
	guid, user, pass string
	onWrite          func(string)

	mu  sync.Mutex
	out []string
}

func (f *fakeConn) Guid() string                  { return f.guid }
func (f *fakeConn) Credentials() (string, string) { return f.user, f.pass }
func (f *fakeConn) WriteText(t string) error {
	f.mu.Lock()
	f.out = append(f.out, t)
	f.mu.Unlock()
	if f.onWrite != nil {
		f.onWrite(t)
	}
	return nil
}

// take returns and forgets the frames written so far.
func (f *fakeConn) take() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := f.out
	f.out = nil
	return out
}

type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *fakeClock { return &fakeClock{t: time.Date(2025, 2, 1, 0, 0, 0, 0, time.UTC)} }

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// recorder logs events as short lines, in order.
type recorder struct {
	mu    sync.Mutex
	lines []string
}

func (r *recorder) add(format string, a ...any) {
	r.mu.Lock()
	r.lines = append(r.lines, fmt.Sprintf(format, a...))
	r.mu.Unlock()
}

// take returns and forgets the lines logged so far.
func (r *recorder) take() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := r.lines
	r.lines = nil
	return out
}

func (r *recorder) clientEvents() ClientEvents {
	return ClientEvents{
		OnEvent:          func(ch, text string) { r.add("event %s %s", ch, text) },
		OnRPCResult:      func(id, res string) { r.add("result %s %s", id, res) },
		OnRPCError:       func(id string, code int, msg, data string) { r.add("error %s %d %s|%s", id, code, msg, data) },
		OnAcknowledgment: func(id string) { r.add("ack %s", id) },
		OnSession:        func(g string) { r.add("session %s", g) },
		OnSubscription:   func(ch string) { r.add("subscribed %s", ch) },
		OnUnSubscription: func(ch string) { r.add("unsubscribed %s", ch) },
		OnMessage:        func(text string) { r.add("message %s", text) },
	}
}

// testNet wires Clients to a Server in-process through a FIFO that run
// drains, like a transport that queues frames. drop, when set, loses frames.
type testNet struct {
	t     *testing.T
	clock *fakeClock
	srv   *Server

	mu   sync.Mutex
	q    []func()
	drop func(toServer bool, guid, text string) bool
}

type peer struct {
	conn *fakeConn
	cli  *Client
	rec  *recorder
	sent []string // what the client sent, in order
}

func newNet(t *testing.T, cfg ServerConfig, ev ServerEvents) *testNet {
	n := &testNet{t: t, clock: newClock()}
	cfg.Now = n.clock.Now
	n.srv = NewServer(cfg, ev)
	t.Cleanup(n.srv.Close)
	return n
}

func (n *testNet) push(f func()) {
	n.mu.Lock()
	n.q = append(n.q, f)
	n.mu.Unlock()
}

func (n *testNet) dropped(toServer bool, guid, text string) bool {
	n.mu.Lock()
	d := n.drop
	n.mu.Unlock()
	return d != nil && d(toServer, guid, text)
}

func (n *testNet) setDrop(d func(toServer bool, guid, text string) bool) {
	n.mu.Lock()
	n.drop = d
	n.mu.Unlock()
}

// run delivers queued frames until none are left.
func (n *testNet) run() {
	for i := 0; ; i++ {
		if i > 100000 {
			n.t.Fatal("frames keep flowing")
		}
		n.mu.Lock()
		if len(n.q) == 0 {
			n.mu.Unlock()
			return
		}
		f := n.q[0]
		n.q = n.q[1:]
		n.mu.Unlock()
		f()
	}
}

// dial connects a client and delivers the session.
func (n *testNet) dial(guid, user string, cfg ClientConfig) *peer {
	p := &peer{rec: &recorder{}}
	p.conn = &fakeConn{guid: guid, user: user}
	seq := 0
	cfg.Now = n.clock.Now
	cfg.NewID = func() string { seq++; return fmt.Sprintf("%s-%d", guid, seq) }
	p.conn.onWrite = func(t string) {
		if !n.dropped(false, guid, t) {
			n.push(func() { p.cli.Message(t) })
		}
	}
	p.cli = NewClient(cfg, func(t string) error {
		p.sent = append(p.sent, t)
		if !n.dropped(true, guid, t) {
			n.push(func() { n.srv.Message(p.conn, t) })
		}
		return nil
	}, p.rec.clientEvents())
	n.t.Cleanup(p.cli.Close)
	p.cli.Connected()
	n.srv.Connected(p.conn)
	n.run()
	return p
}

// quiet forgets frames and events so far.
func (p *peer) quiet() {
	p.conn.take()
	p.rec.take()
	p.sent = nil
}

func eq(t *testing.T, what string, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("%s:\n got: %q\nwant: %q", what, got, want)
	}
}
