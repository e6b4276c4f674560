package presence

import (
	"encoding/json"
	"strings"
	"sync"
	"testing"
)

// recConn records what the server writes.
type recConn struct {
	guid string
	mu   sync.Mutex
	out  []string
}

func (c *recConn) Guid() string { return c.guid }

func (c *recConn) WriteText(text string) error {
	c.mu.Lock()
	c.out = append(c.out, text)
	c.mu.Unlock()
	return nil
}

func (c *recConn) take() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := c.out
	c.out = nil
	return out
}

func fuzzSeeds(f *testing.F) {
	for _, g := range golden {
		f.Add(g.text, uint8(0))
	}
	f.Add(`{"method":"sgc@presence@channel@member@new","channel":{"name":"T"}}`+"\n"+
		`{"method":"sgc@presence@publish@msg","channel":{"name":"T"},"message":{"text":"x"},"id":"1"}`+"\n"+
		`{"method":"sgc@presence@member@remove"}`, uint8(3))
	f.Add(`{"method":"sgc@presence@channel@invitation","channel":{"name":"T"},"members":[{"id":"GY"},{"id":"GX"}]}`+"\n"+
		`{"method":"sgc@presence@channel@invitation@response","channel":{"name":"T"},"members":[{"id":"GX"}],"accept":false}`, uint8(1))
	f.Add(`{"jsonrpc":"sgc@b64:Mi4w","method":"sgc@b64:c2djQHByZXNlbmNlQG1lbWJlckBuZXc=","member":{"name":"sgc@b64:SvZobg=="}}`, uint8(2))
	f.Add(`{"method":"sgc@presence@error@member@channel","error":{"code":"sgc@b64:Mw==","text":"x"}}`, uint8(0))
	f.Add(`{"method":"m","error":{"code":1e400}}`, uint8(0))
	f.Add(strings.Repeat(`{"a":`, 2000), uint8(0))
}

// checkWire fails unless every text is one JSON object parsePacket reads.
func checkWire(t *testing.T, texts []string) {
	t.Helper()
	for _, text := range texts {
		if !json.Valid([]byte(text)) {
			t.Fatalf("emitted invalid JSON: %q", text)
		}
		if _, err := parsePacket(text); err != nil {
			t.Fatalf("emitted a message we cannot parse: %q", text)
		}
	}
}

// checkInvariants: channels and sessions agree, and nothing is empty.
func checkInvariants(t *testing.T, s *Server) {
	t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	for name, ch := range s.channels {
		if len(ch.members) == 0 || ch.name != name {
			t.Fatalf("channel %q is empty or misnamed", name)
		}
		for g := range ch.members {
			ss := s.sessions[g]
			if ss == nil || ss.member == nil {
				t.Fatalf("channel %q holds %q, not a member", name, g)
			}
			if _, ok := ss.channels[name]; !ok {
				t.Fatalf("%q in %q but does not know it", g, name)
			}
		}
	}
	count := map[string]int{}
	for k := range s.invites {
		count[k.inviter]++
	}
	for g, ss := range s.sessions {
		for name := range ss.channels {
			if ch := s.channels[name]; ch == nil || ch.members[g] == 0 {
				t.Fatalf("%q thinks it is in %q", g, name)
			}
		}
		if ss.invites != count[g] {
			t.Fatalf("%q counts %d invitations, %d pending", g, ss.invites, count[g])
		}
	}
}

// FuzzServerMessage feeds arbitrary messages (one per line) from member X
// and checks the server never panics, only emits valid messages, keeps its
// state consistent and keeps serving member Y. flags: 1 ack, 2 base64.
func FuzzServerMessage(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, data string, flags uint8) {
		cfg := DefaultServerConfig()
		cfg.Clock = newFakeClock()
		cfg.MaxMessageSize = 4096
		cfg.Acknowledgment.Enabled = flags&1 != 0
		cfg.EncodeBase64 = flags&2 != 0
		s := NewServer(cfg, ServerEvents{
			OnBeforeNewChannel: func(c Conn, ch string, m Member) bool { return ch != "Spam" },
		})
		defer s.Close()
		x, y := &recConn{guid: "GX"}, &recConn{guid: "GY"}
		for _, c := range []*recConn{x, y} {
			s.Connected(c)
			s.Message(c, `{"method":"sgc@presence@member@new","member":{"name":"n"}}`)
			s.Message(c, `{"method":"sgc@presence@channel@member@new","channel":{"name":"T"}}`)
		}
		x.take()
		y.take()
		for _, line := range strings.Split(data, "\n") {
			s.Message(x, line)
			checkInvariants(t, s)
		}
		s.Tick()
		checkWire(t, x.take())
		checkWire(t, y.take())

		s.Message(y, `{"method":"sgc@presence@get@members","channel":{"name":"T"}}`)
		out := y.take()
		checkWire(t, out)
		served := false
		for _, text := range out {
			p, _ := parsePacket(text)
			if p.Method == MethodSendMembers && len(p.Members) > 0 {
				served = true
			}
		}
		if !served {
			t.Fatalf("Y no longer served: %q", out)
		}
		s.Disconnected(x)
		s.Disconnected(y)
		checkInvariants(t, s)
		if len(s.Channels()) != 0 {
			t.Fatalf("channels left: %q", s.Channels())
		}
	})
}

// FuzzClientMessage feeds arbitrary messages (one per line) to a client
// that has a session, with handlers that call back in. It must never
// panic and only send valid messages.
func FuzzClientMessage(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, data string, flags uint8) {
		cfg := DefaultClientConfig()
		cfg.Clock = newFakeClock()
		cfg.MaxMessageSize = 4096
		cfg.Presence.Name = "n"
		cfg.Acknowledgment.Enabled = flags&1 != 0
		cfg.EncodeBase64 = flags&2 != 0
		var mu sync.Mutex
		var sent []string
		var c *Client
		c = NewClient(cfg, func(s string) error {
			mu.Lock()
			sent = append(sent, s)
			mu.Unlock()
			return nil
		}, ClientEvents{
			OnChannelInvitation: func(m Member, ch string) (bool, int, string) { return flags&4 != 0, 0, "" },
			OnNewMember:         func(m Member) { c.Channels() },
			OnGetMembers:        func([]Member, string) { c.Publish("x", "") },
		})
		defer c.Close()
		c.Connected()
		c.Message(`{"method":"sgc@presence@session","message":{"text":"GX"}}`)
		for _, line := range strings.Split(data, "\n") {
			c.Message(line)
		}
		c.Tick()
		mu.Lock()
		defer mu.Unlock()
		checkWire(t, sent)
	})
}
