package presence

import (
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeClock is a Clock tests move by hand.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newFakeClock() *fakeClock { return &fakeClock{t: time.Unix(1_700_000_000, 0)} }

func (f *fakeClock) Now() time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.t
}

func (f *fakeClock) Advance(d time.Duration) {
	f.mu.Lock()
	f.t = f.t.Add(d)
	f.mu.Unlock()
}

// hub is an in-memory transport between one Server and its peers. Every
// write is queued and run delivers the queue in FIFO order, so a test sees
// one deterministic interleaving.
type hub struct {
	t      *testing.T
	srv    *Server
	mu     sync.Mutex
	q      []func()
	srvLog []string
}

func newHub(t *testing.T, cfg ServerConfig, ev ServerEvents) *hub {
	h := &hub{t: t}
	h.srv = NewServer(cfg, h.recordServer(ev))
	t.Cleanup(h.srv.Close)
	return h
}

func (h *hub) push(f func()) {
	h.mu.Lock()
	h.q = append(h.q, f)
	h.mu.Unlock()
}

// run delivers until nothing is in flight.
func (h *hub) run() {
	h.t.Helper()
	for n := 0; ; n++ {
		h.mu.Lock()
		if len(h.q) == 0 {
			h.mu.Unlock()
			return
		}
		f := h.q[0]
		h.q = h.q[1:]
		h.mu.Unlock()
		f()
		if n > 100000 {
			h.t.Fatal("messages never stop flowing")
		}
	}
}

func (h *hub) logServer(format string, args ...any) {
	h.mu.Lock()
	h.srvLog = append(h.srvLog, fmt.Sprintf(format, args...))
	h.mu.Unlock()
}

// takeServer returns and clears the server event log.
func (h *hub) takeServer() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	out := h.srvLog
	h.srvLog = nil
	return out
}

// recordServer wraps ev so every server event is logged, then handled by
// ev's handler when it has one.
func (h *hub) recordServer(ev ServerEvents) ServerEvents {
	return ServerEvents{
		OnBeforeNewMember: func(c Conn, m Member) bool {
			return ev.OnBeforeNewMember == nil || ev.OnBeforeNewMember(c, m)
		},
		OnNewMember: func(c Conn, m Member) { h.logServer("new-member %s %s", c.Guid(), fm(m)) },
		OnBeforeNewChannel: func(c Conn, ch string, m Member) bool {
			return ev.OnBeforeNewChannel == nil || ev.OnBeforeNewChannel(c, ch, m)
		},
		OnNewChannel: func(c Conn, ch string) { h.logServer("new-channel %s %s", c.Guid(), ch) },
		OnBeforeNewChannelMember: func(c Conn, ch string, m Member) bool {
			return ev.OnBeforeNewChannelMember == nil || ev.OnBeforeNewChannelMember(c, ch, m)
		},
		OnNewChannelMember: func(c Conn, ch string, m Member) { h.logServer("new-channel-member %s %s", ch, fm(m)) },
		OnRemoveChannelMember: func(c Conn, ch string, m Member) {
			h.logServer("remove-channel-member %s %s", ch, fm(m))
		},
		OnRemoveMember: func(c Conn, m Member) { h.logServer("remove-member %s", fm(m)) },
		OnErrorMemberChannel: func(c Conn, e Error, ch string, m Member) {
			h.logServer("error-member-channel %s %d %q %s", c.Guid(), e.Code, ch, fm(m))
		},
		OnErrorPublishMsg: func(c Conn, e Error, msg, ch string, m Member) {
			h.logServer("error-publish %s %d %q %q %s", c.Guid(), e.Code, msg, ch, fm(m))
		},
		OnBeforePublishMsg: func(c Conn, msg, ch string, m Member) bool {
			return ev.OnBeforePublishMsg == nil || ev.OnBeforePublishMsg(c, msg, ch, m)
		},
		OnBeforeSendMembers: func(c Conn, ch string, m Member, ms []Member) ([]Member, bool) {
			if ev.OnBeforeSendMembers == nil {
				return ms, true
			}
			return ev.OnBeforeSendMembers(c, ch, m, ms)
		},
	}
}

// fm formats a member for logs: id(name), plus [info] when set.
func fm(m Member) string {
	s := m.ID + "(" + m.Name + ")"
	if m.Info != "" {
		s += "[" + m.Info + "]"
	}
	return s
}

func fms(ms []Member) string {
	parts := make([]string, len(ms))
	for i, m := range ms {
		parts[i] = fm(m)
	}
	return "[" + strings.Join(parts, " ") + "]"
}

// peer is one connection: a Conn for the server and, unless raw, a Client.
type peer struct {
	h    *hub
	guid string
	cli  *Client

	mu     sync.Mutex
	events []string // client events
	wire   []string // texts the server wrote to this connection
	sent   []string // texts the client sent

	invitation func(m Member, ch string) (bool, int, string) // nil: not handled
}

func (p *peer) Guid() string { return p.guid }

func (p *peer) WriteText(text string) error {
	p.mu.Lock()
	p.wire = append(p.wire, text)
	p.mu.Unlock()
	p.h.push(func() {
		if p.cli != nil {
			p.cli.Message(text)
		}
	})
	return nil
}

// toServer is the client's send func.
func (p *peer) toServer(text string) error {
	p.mu.Lock()
	p.sent = append(p.sent, text)
	p.mu.Unlock()
	p.h.push(func() { p.h.srv.Message(p, text) })
	return nil
}

// raw sends text to the server as this connection and delivers everything.
func (p *peer) raw(text string) {
	p.h.push(func() { p.h.srv.Message(p, text) })
	p.h.run()
}

func (p *peer) log(format string, args ...any) {
	p.mu.Lock()
	p.events = append(p.events, fmt.Sprintf(format, args...))
	p.mu.Unlock()
}

// take returns and clears the client event log.
func (p *peer) take() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := p.events
	p.events = nil
	return out
}

// takeWire returns and clears what the server wrote to this connection.
func (p *peer) takeWire() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := p.wire
	p.wire = nil
	return out
}

func (p *peer) takeSent() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := p.sent
	p.sent = nil
	return out
}

func (p *peer) recorder() ClientEvents {
	return ClientEvents{
		OnSession:             func(g string) { p.log("session %s", g) },
		OnNewMember:           func(m Member) { p.log("new-member %s", fm(m)) },
		OnRemoveMember:        func(m Member) { p.log("remove-member %s", fm(m)) },
		OnNewChannelMember:    func(ch string, m Member) { p.log("new-channel-member %s %s", ch, fm(m)) },
		OnRemoveChannelMember: func(ch string, m Member) { p.log("remove-channel-member %s %s", ch, fm(m)) },
		OnPublishMsg:          func(msg, ch string, m Member) { p.log("publish %q %q %s", msg, ch, fm(m)) },
		OnGetMembers:          func(ms []Member, ch string) { p.log("members %q %s", ch, fms(ms)) },
		OnErrorMemberChannel: func(e Error, ch string, m Member) {
			p.log("error-member-channel %d %s %q %s", e.Code, e.Text, ch, fm(m))
		},
		OnErrorPublishMsg: func(e Error, msg, ch string, m Member) {
			p.log("error-publish %d %s %q %q %s", e.Code, e.Text, msg, ch, fm(m))
		},
		OnChannelInvitation: func(m Member, ch string) (bool, int, string) {
			p.log("invitation %s %s", ch, fm(m))
			if p.invitation == nil {
				return false, 0, ""
			}
			return p.invitation(m, ch)
		},
		OnChannelInvitationResponse: func(m Member, ch string, ok bool, code int, text string) {
			p.log("invitation-response %s %s %v %d %s", ch, fm(m), ok, code, text)
		},
	}
}

// client connects a Client named name as guid and delivers everything.
func (h *hub) client(guid, name string, cfg ClientConfig) *peer {
	p := &peer{h: h, guid: guid}
	cfg.Presence.Name = name
	p.cli = NewClient(cfg, p.toServer, p.recorder())
	h.t.Cleanup(p.cli.Close)
	p.cli.Connected()
	h.srv.Connected(p)
	h.run()
	return p
}

// rawPeer connects a connection without a Client: the test speaks for it.
func (h *hub) rawPeer(guid string) *peer {
	p := &peer{h: h, guid: guid}
	h.srv.Connected(p)
	h.run()
	return p
}

func (h *hub) disconnect(p *peer) {
	h.srv.Disconnected(p)
	if p.cli != nil {
		p.cli.Disconnected()
	}
	h.run()
}

// want fails unless got equals want (nil and empty are equal).
func want(t *testing.T, what string, got, want []string) {
	t.Helper()
	if len(got) == 0 && len(want) == 0 {
		return
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s:\n got  %q\n want %q", what, got, want)
	}
}

// three returns a hub with members A, B and C joined, logs cleared.
func three(t *testing.T, cfg ServerConfig, ev ServerEvents) (*hub, *peer, *peer, *peer) {
	h := newHub(t, cfg, ev)
	a := h.client("GA", "Ann", DefaultClientConfig())
	b := h.client("GB", "Bob", DefaultClientConfig())
	c := h.client("GC", "Cy", DefaultClientConfig())
	for _, p := range []*peer{a, b, c} {
		p.take()
		p.takeWire()
		p.takeSent()
	}
	h.takeServer()
	return h, a, b, c
}
