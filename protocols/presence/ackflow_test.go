package presence

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

func ackConfig() AckConfig {
	return AckConfig{Enabled: true, Interval: time.Second, Timeout: 10 * time.Second, MaxResends: 2}
}

// TestAckServerResend: the server re-sends what a client does not
// acknowledge, verbatim, after Timeout, a bounded number of times.
func TestAckServerResend(t *testing.T) {
	clock := newFakeClock()
	cfg := DefaultServerConfig()
	cfg.Acknowledgment = ackConfig()
	cfg.Clock = clock
	h := newHub(t, cfg, ServerEvents{})
	r := h.rawPeer("GR") // withholds acknowledgments
	session := `{"jsonrpc":"2.0","method":"sgc@presence@session","message":{"text":"GR"},"id":"1"}`
	want(t, "session with id", r.takeWire(), []string{session})

	clock.Advance(9 * time.Second)
	h.srv.Tick()
	h.run()
	want(t, "not due yet", r.takeWire(), nil)
	clock.Advance(time.Second)
	h.srv.Tick()
	h.run()
	want(t, "re-sent", r.takeWire(), []string{session})

	r.raw(`{"jsonrpc":"2.0","method":"sgc@presence@acknowledgment","id":"1"}`)
	want(t, "an acknowledgment is not answered", r.takeWire(), nil)
	clock.Advance(time.Hour)
	h.srv.Tick()
	h.run()
	want(t, "acknowledged: never again", r.takeWire(), nil)

	r2 := h.rawPeer("GR2")
	r2.takeWire()
	for i := 0; i < 5; i++ {
		clock.Advance(10 * time.Second)
		h.srv.Tick()
	}
	h.run()
	if n := len(r2.takeWire()); n != 2 {
		t.Fatalf("re-sent %d times, want MaxResends=2", n)
	}
}

// TestAckServerAnswers: the server acknowledges every inbound id, after
// processing, with acknowledgments on or off; a duplicate is acknowledged
// again but not processed again.
func TestAckServerAnswers(t *testing.T) {
	for _, on := range []bool{false, true} {
		clock := newFakeClock()
		cfg := DefaultServerConfig()
		cfg.Clock = clock
		if on {
			cfg.Acknowledgment = ackConfig()
		}
		h := newHub(t, cfg, ServerEvents{})
		r := h.rawPeer("GR")
		r.raw(`{"jsonrpc":"2.0","method":"sgc@presence@acknowledgment","id":"1"}`)
		r.takeWire()
		join := `{"jsonrpc":"2.0","method":"sgc@presence@member@new","member":{"name":"Raw"},"id":"c1"}`
		r.raw(join)
		joined := `{"jsonrpc":"2.0","method":"sgc@presence@member@new","member":{"id":"GR","name":"Raw","info":""}}`
		if on {
			joined = strings.TrimSuffix(joined, "}") + `,"id":"2"}`
		}
		ack := `{"jsonrpc":"2.0","method":"sgc@presence@acknowledgment","id":"c1"}`
		want(t, "join then ack", r.takeWire(), []string{joined, ack})
		r.raw(join) // our ack was "lost": the client re-sends
		want(t, "duplicate: ack only, no 'already a member'", r.takeWire(), []string{ack})
	}
}

// TestAckClient: the client tracks its requests, re-sends them, and
// acknowledges (and de-duplicates) what the server sends with an id.
func TestAckClient(t *testing.T) {
	clock := newFakeClock()
	cfg := DefaultClientConfig()
	cfg.Presence.Name = "Ann"
	cfg.Acknowledgment = ackConfig()
	cfg.Clock = clock
	var sent []string
	joins := 0
	c := NewClient(cfg, func(s string) error { sent = append(sent, s); return nil },
		ClientEvents{OnNewMember: func(Member) { joins++ }})
	defer c.Close()
	c.Connected()
	c.Message(`{"jsonrpc":"2.0","method":"sgc@presence@session","message":{"text":"GA"},"id":"s1"}`)
	join := `{"jsonrpc":"2.0","method":"sgc@presence@member@new","member":{"id":"GA","name":"Ann","info":""},"id":"1"}`
	ackS1 := `{"jsonrpc":"2.0","method":"sgc@presence@acknowledgment","id":"s1"}`
	want(t, "join, then ack of the session", sent, []string{join, ackS1})
	sent = nil

	clock.Advance(10 * time.Second)
	c.Tick()
	want(t, "join re-sent", sent, []string{join})
	sent = nil
	c.Message(`{"jsonrpc":"2.0","method":"sgc@presence@acknowledgment","id":"1"}`)
	clock.Advance(time.Hour)
	c.Tick()
	want(t, "acknowledged", sent, nil)

	member := `{"jsonrpc":"2.0","method":"sgc@presence@member@new","member":{"id":"GA","name":"Ann","info":""},"id":"s2"}`
	c.Message(member)
	c.Message(member)
	ackS2 := `{"jsonrpc":"2.0","method":"sgc@presence@acknowledgment","id":"s2"}`
	want(t, "acked twice", sent, []string{ackS2, ackS2})
	if joins != 1 {
		t.Fatalf("duplicate processed: OnNewMember ran %d times", joins)
	}

	// Disconnected drops what is pending: it names the old session.
	sent = nil
	c.Subscribe("T1")
	c.Disconnected()
	clock.Advance(time.Hour)
	c.Tick()
	if len(sent) != 1 {
		t.Fatalf("re-sent after Disconnected: %q", sent)
	}
}

// TestAckEndToEnd: with acknowledgments on at both ends the same scenario
// gives the same events, and nothing is left pending.
func TestAckEndToEnd(t *testing.T) {
	scenario := func(on bool) (logs [][]string, h *hub) {
		clock := newFakeClock()
		cfg := DefaultServerConfig()
		cfg.Clock = clock
		ccfg := DefaultClientConfig()
		ccfg.Clock = clock
		if on {
			cfg.Acknowledgment = ackConfig()
			ccfg.Acknowledgment = ackConfig()
		}
		h = newHub(t, cfg, ServerEvents{})
		a := h.client("GA", "Ann", ccfg)
		b := h.client("GB", "Bob", ccfg)
		b.invitation = func(Member, string) (bool, int, string) { return true, 0, "" }
		a.cli.Subscribe("T1")
		a.cli.Invite("T1", "GB")
		h.run()
		b.cli.Publish("hi", "T1")
		a.cli.GetMembers("T1")
		a.cli.Unsubscribe("nope")
		h.run()
		clock.Advance(time.Hour)
		h.srv.Tick()
		a.cli.Tick()
		b.cli.Tick()
		a.takeWire()
		h.run()
		if w := a.takeWire(); len(w) != 0 {
			t.Errorf("ack=%v: re-sent although acknowledged: %q", on, w)
		}
		h.srv.mu.Lock()
		for g, ss := range h.srv.sessions {
			if ss.acks.pending() != 0 {
				t.Errorf("ack=%v: %s has %d pending on the server", on, g, ss.acks.pending())
			}
		}
		h.srv.mu.Unlock()
		for _, p := range []*peer{a, b} {
			if n := p.cli.acks.pending(); n != 0 {
				t.Errorf("ack=%v: client %s has %d pending", on, p.guid, n)
			}
		}
		return [][]string{a.take(), b.take()}, h
	}
	off, _ := scenario(false)
	on, _ := scenario(true)
	if !reflect.DeepEqual(off, on) {
		t.Fatalf("events differ with acknowledgments:\n off %q\n on  %q", off, on)
	}
	if len(off[1]) < 5 {
		t.Fatalf("scenario too thin: %q", off)
	}
}
