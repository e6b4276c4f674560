package presence

import "testing"

// TestStateChangesDuringEvents: the server re-validates after its
// "Before" events, because the world may change while they run.
func TestStateChangesDuringEvents(t *testing.T) {
	var h *hub
	var a, b, c *peer
	calls := 0
	h, a, b, c = three(t, DefaultServerConfig(), ServerEvents{
		OnBeforeNewChannelMember: func(conn Conn, ch string, m Member) bool {
			calls++
			switch {
			case ch == "T1" && m.Name == "Bob" && calls == 2:
				// The channel's only member leaves while Bob is being asked about.
				h.srv.Message(a, `{"method":"sgc@presence@channel@member@remove","channel":{"name":"T1"}}`)
			case ch == "T2" && m.Name == "Cy":
				h.srv.Disconnected(c) // the subscriber itself goes away
			}
			return true
		},
	})
	a.cli.Subscribe("T1")
	h.run()
	h.takeServer()
	h.srv.Message(b, `{"method":"sgc@presence@channel@member@new","channel":{"name":"T1"}}`)
	h.run()
	want(t, "server", h.takeServer(), []string{
		"remove-channel-member T1 GA(Ann)",
		"new-channel GB T1", // the channel vanished and was created again, by Bob
		"new-channel-member T1 GB(Bob)",
	})
	if calls != 3 {
		t.Fatalf("OnBeforeNewChannelMember asked %d times, want 3 (A, Bob, Bob again)", calls)
	}

	h.srv.Message(c, `{"method":"sgc@presence@channel@member@new","channel":{"name":"T2"}}`)
	h.run()
	for _, line := range h.takeServer() {
		if line == "new-channel-member T2 GC(Cy)" {
			t.Fatal("a disconnected member was subscribed")
		}
	}
	if got := h.srv.Channels(); len(got) != 1 || got[0] != "T1" {
		t.Fatalf("channels: %q", got)
	}
}

func TestClosedServerIgnoresInput(t *testing.T) {
	h, a, _, _ := three(t, DefaultServerConfig(), ServerEvents{})
	h.srv.Close()
	h.srv.Close()
	a.raw(`{"method":"sgc@presence@get@members"}`)
	late := h.rawPeer("GL")
	h.disconnect(a)
	want(t, "A", a.takeWire(), nil)
	want(t, "late", late.takeWire(), nil)
	h.srv.Tick()
}
