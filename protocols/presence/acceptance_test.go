package presence

import (
	"errors"
	"testing"
)

// Behaviour tests for inventory 14.6, with in-process clients wired to a
// server through the hub.

func TestJoinFanOut(t *testing.T) {
	h := newHub(t, DefaultServerConfig(), ServerEvents{})
	idle := h.rawPeer("GR") // connected, never joins
	a := h.client("GA", "Ann", DefaultClientConfig())
	want(t, "A's wire", a.takeWire(), []string{
		`{"jsonrpc":"2.0","method":"sgc@presence@session","message":{"text":"GA"}}`,
		`{"jsonrpc":"2.0","method":"sgc@presence@member@new","member":{"id":"GA","name":"Ann","info":""}}`,
	})
	want(t, "A's join", a.takeSent(), []string{
		`{"jsonrpc":"2.0","method":"sgc@presence@member@new","member":{"id":"GA","name":"Ann","info":""}}`,
	})
	b := h.client("GB", "Bob", DefaultClientConfig())
	c := h.client("GC", "Cy", DefaultClientConfig())
	want(t, "A", a.take(), []string{"session GA", "new-member GA(Ann)", "new-member GB(Bob)", "new-member GC(Cy)"})
	want(t, "B", b.take(), []string{"session GB", "new-member GB(Bob)", "new-member GC(Cy)"})
	want(t, "C", c.take(), []string{"session GC", "new-member GC(Cy)"})
	want(t, "not joined", idle.takeWire(), []string{`{"jsonrpc":"2.0","method":"sgc@presence@session","message":{"text":"GR"}}`})
	want(t, "server", h.takeServer(), []string{"new-member GA GA(Ann)", "new-member GB GB(Bob)", "new-member GC GC(Cy)"})
	if !a.cli.Joined() || a.cli.Session() != "GA" {
		t.Fatalf("A: joined %v session %q", a.cli.Joined(), a.cli.Session())
	}
	if got := fms(h.srv.Members("")); got != "[GA(Ann) GB(Bob) GC(Cy)]" {
		t.Fatalf("Members: %s", got)
	}
}

func TestMemberDenied(t *testing.T) {
	h := newHub(t, DefaultServerConfig(), ServerEvents{
		OnBeforeNewMember: func(c Conn, m Member) bool { return m.Name != "Spam" },
	})
	a := h.client("GA", "Ann", DefaultClientConfig())
	a.take()
	h.takeServer()
	spam := h.client("GS", "Spam", DefaultClientConfig())
	want(t, "spam", spam.take(), []string{"session GS", `error-member-channel 1 member not accepted "" GS(Spam)`})
	want(t, "A sees nothing", a.take(), nil)
	want(t, "server", h.takeServer(), []string{`error-member-channel GS 1 "" GS(Spam)`})
	if spam.cli.Joined() || len(h.srv.Members("")) != 1 {
		t.Fatal("Spam must not be a member")
	}
	// A refused member is still not a member for later requests.
	if err := spam.cli.Subscribe("T1"); err != nil {
		t.Fatal(err)
	}
	h.run()
	want(t, "spam subscribe", spam.take(), []string{`error-member-channel 7 not a member "T1" GS(Spam)`})
}

func TestSubscribeCreatesChannel(t *testing.T) {
	asked := 0
	h, a, b, c := three(t, DefaultServerConfig(), ServerEvents{
		OnBeforeNewChannel: func(c Conn, ch string, m Member) bool { asked++; return ch != "Spam" },
		OnBeforeNewChannelMember: func(c Conn, ch string, m Member) bool {
			return !(ch == "VIP" && m.Name == "Cy")
		},
	})
	a.cli.Subscribe("T1")
	h.run()
	want(t, "A", a.take(), []string{"new-channel-member T1 GA(Ann)"})
	want(t, "server", h.takeServer(), []string{"new-channel GA T1", "new-channel-member T1 GA(Ann)"})
	b.cli.Subscribe("T1")
	h.run()
	want(t, "A", a.take(), []string{"new-channel-member T1 GB(Bob)"})
	want(t, "B", b.take(), []string{"new-channel-member T1 GB(Bob)"})
	want(t, "C is not in T1", c.take(), nil)
	want(t, "server: no second new-channel", h.takeServer(), []string{"new-channel-member T1 GB(Bob)"})
	if asked != 1 {
		t.Fatalf("OnBeforeNewChannel asked %d times, want 1 (only for a new channel)", asked)
	}

	a.cli.Subscribe("Spam")
	c.cli.Subscribe("VIP")
	h.run()
	want(t, "A refused", a.take(), []string{`error-member-channel 2 channel not accepted "Spam" GA(Ann)`})
	want(t, "C refused", c.take(), []string{`error-member-channel 6 channel member not accepted "VIP" GC(Cy)`})
	want(t, "B", b.take(), nil)
	if got := h.srv.Channels(); len(got) != 1 || got[0] != "T1" {
		t.Fatalf("a refused subscription must leave no channel: %q", got)
	}
	if got := a.cli.Channels(); len(got) != 1 || got[0] != "T1" {
		t.Fatalf("client's own channels: %q", got)
	}
}

func TestChannelFanOutOnly(t *testing.T) {
	h, a, b, c := three(t, DefaultServerConfig(), ServerEvents{})
	a.cli.Subscribe("T1")
	c.cli.Subscribe("T2")
	h.run()
	b.cli.Subscribe("T1")
	h.run()
	want(t, "A", a.take(), []string{"new-channel-member T1 GA(Ann)", "new-channel-member T1 GB(Bob)"})
	want(t, "B", b.take(), []string{"new-channel-member T1 GB(Bob)"})
	want(t, "C", c.take(), []string{"new-channel-member T2 GC(Cy)"})
}

func TestGetMembers(t *testing.T) {
	h, a, b, c := three(t, DefaultServerConfig(), ServerEvents{})
	a.cli.Subscribe("T1")
	b.cli.Subscribe("T1")
	h.run()
	a.take()
	b.take()
	c.cli.GetMembers("")
	a.cli.GetMembers("T1")
	c.cli.GetMembers("T1")
	c.cli.GetMembers("nowhere")
	h.run()
	want(t, "A", a.take(), []string{`members "T1" [GA(Ann) GB(Bob)]`})
	want(t, "C", c.take(), []string{
		`members "" [GA(Ann) GB(Bob) GC(Cy)]`,
		`error-member-channel 4 not subscribed "T1" GC(Cy)`,
		`error-member-channel 4 not subscribed "nowhere" GC(Cy)`,
	})
	want(t, "B", b.take(), nil)
	want(t, "A's answer on the wire", a.takeWire(), []string{
		`{"jsonrpc":"2.0","method":"sgc@presence@channel@member@new","member":{"id":"GA","name":"Ann","info":""},"channel":{"name":"T1"}}`,
		`{"jsonrpc":"2.0","method":"sgc@presence@channel@member@new","member":{"id":"GB","name":"Bob","info":""},"channel":{"name":"T1"}}`,
		`{"jsonrpc":"2.0","method":"sgc@presence@send@members","channel":{"name":"T1"},"member":{"id":"GA","name":"Ann","info":""},"members":[{"id":"GA","name":"Ann","info":""},{"id":"GB","name":"Bob","info":""}]}`,
	})
}

func TestBeforeSendMembers(t *testing.T) {
	h, a, _, c := three(t, DefaultServerConfig(), ServerEvents{
		OnBeforeSendMembers: func(conn Conn, ch string, m Member, ms []Member) ([]Member, bool) {
			if m.Name == "Cy" {
				return nil, false
			}
			var out []Member
			for _, x := range ms {
				if x.Name != "Bob" {
					out = append(out, x)
				}
			}
			return out, true
		},
	})
	a.cli.GetMembers("")
	c.cli.GetMembers("")
	h.run()
	want(t, "A: filtered", a.take(), []string{`members "" [GA(Ann) GC(Cy)]`})
	want(t, "C: refused", c.take(), []string{`error-member-channel 16 members list not accepted "" GC(Cy)`})
}

func TestPublish(t *testing.T) {
	h, a, b, c := three(t, DefaultServerConfig(), ServerEvents{
		OnBeforePublishMsg: func(conn Conn, msg, ch string, m Member) bool { return msg != "bad" },
	})
	idle := h.rawPeer("GR")
	idle.takeWire()
	a.cli.Subscribe("T1")
	b.cli.Subscribe("T1")
	h.run()
	a.take()
	b.take()
	h.takeServer()

	a.cli.Publish("hi", "T1")
	h.run()
	want(t, "A", a.take(), []string{`publish "hi" "T1" GA(Ann)`})
	want(t, "B", b.take(), []string{`publish "hi" "T1" GA(Ann)`})
	want(t, "C not in T1", c.take(), nil)

	c.cli.Publish("all", "")
	h.run()
	for _, p := range []*peer{a, b, c} {
		want(t, p.guid, p.take(), []string{`publish "all" "" GC(Cy)`})
	}
	want(t, "non-member", idle.takeWire(), nil)

	c.cli.Publish("x", "T1")
	a.cli.Publish("bad", "T1")
	h.run()
	want(t, "C not subscribed", c.take(), []string{`error-publish 4 not subscribed "x" "T1" GC(Cy)`})
	want(t, "A refused", a.take(), []string{`error-publish 5 publish not accepted "bad" "T1" GA(Ann)`})
	want(t, "B", b.take(), nil)
	want(t, "server", h.takeServer(), []string{`error-publish GC 4 "x" "T1" GC(Cy)`, `error-publish GA 5 "bad" "T1" GA(Ann)`})
}

func TestBroadcast(t *testing.T) {
	h, a, b, c := three(t, DefaultServerConfig(), ServerEvents{})
	idle := h.rawPeer("GR")
	idle.takeWire()
	a.cli.Subscribe("T1")
	h.run()
	a.take()
	if err := h.srv.Broadcast("to all", ""); err != nil {
		t.Fatal(err)
	}
	if err := h.srv.Broadcast("to T1", "T1"); err != nil {
		t.Fatal(err)
	}
	if err := h.srv.Broadcast("x", "nowhere"); !errors.Is(err, ErrUnknownChannel) {
		t.Fatalf("unknown channel: %v", err)
	}
	h.run()
	want(t, "A", a.take(), []string{`publish "to all" "" ()`, `publish "to T1" "T1" ()`})
	want(t, "B", b.take(), []string{`publish "to all" "" ()`})
	want(t, "C", c.take(), []string{`publish "to all" "" ()`})
	want(t, "every connection", idle.takeWire(), []string{
		`{"jsonrpc":"2.0","method":"sgc@presence@publish@msg","member":{"id":"","name":"","info":""},"channel":{"name":""},"message":{"text":"to all"}}`,
	})
}

func TestUnsubscribe(t *testing.T) {
	h, a, b, c := three(t, DefaultServerConfig(), ServerEvents{})
	a.cli.Subscribe("T1")
	b.cli.Subscribe("T1")
	h.run()
	a.take()
	b.take()
	h.takeServer()

	c.cli.Unsubscribe("T1")
	h.run()
	want(t, "C", c.take(), []string{`error-member-channel 4 not subscribed "T1" GC(Cy)`})
	want(t, "C's error on the wire", c.takeWire(), []string{
		`{"jsonrpc":"2.0","method":"sgc@presence@error@member@channel","error":{"code":4,"text":"not subscribed"},"channel":{"name":"T1"},"member":{"id":"GC","name":"Cy","info":""}}`,
	})

	h.takeServer()
	b.cli.Unsubscribe("T1")
	h.run()
	want(t, "A", a.take(), []string{"remove-channel-member T1 GB(Bob)"})
	want(t, "B", b.take(), []string{"remove-channel-member T1 GB(Bob)"})
	want(t, "server", h.takeServer(), []string{"remove-channel-member T1 GB(Bob)"})
	b.cli.Unsubscribe("T1")
	h.run()
	want(t, "B twice", b.take(), []string{`error-member-channel 4 not subscribed "T1" GB(Bob)`})

	a.cli.Unsubscribe("T1")
	h.run()
	if len(h.srv.Channels()) != 0 {
		t.Fatalf("an empty channel is removed: %q", h.srv.Channels())
	}
}

func TestDisconnect(t *testing.T) {
	h, a, b, c := three(t, DefaultServerConfig(), ServerEvents{})
	a.cli.Subscribe("T1")
	b.cli.Subscribe("T1")
	b.cli.Subscribe("T0")
	c.cli.Subscribe("T2")
	h.run()
	for _, p := range []*peer{a, b, c} {
		p.take()
		p.takeWire()
	}
	h.takeServer()

	h.disconnect(b)
	want(t, "A", a.take(), []string{"remove-channel-member T1 GB(Bob)", "remove-member GB(Bob)"})
	want(t, "C", c.take(), []string{"remove-member GB(Bob)"})
	want(t, "B is gone", b.takeWire(), nil)
	want(t, "server", h.takeServer(), []string{"remove-channel-member T0 GB(Bob)", "remove-channel-member T1 GB(Bob)", "remove-member GB(Bob)"})
	if got := fms(h.srv.Members("T1")); got != "[GA(Ann)]" {
		t.Fatalf("T1: %s", got)
	}
	if got := h.srv.Channels(); len(got) != 2 || got[0] != "T1" || got[1] != "T2" {
		t.Fatalf("T0 had only B and must be gone: %q", got)
	}
	if b.cli.Joined() || b.cli.Session() != "" {
		t.Fatal("client state survives Disconnected")
	}
	h.disconnect(c)
	want(t, "A", a.take(), []string{"remove-member GC(Cy)"})
	if got := h.srv.Channels(); len(got) != 1 {
		t.Fatalf("channels: %q", got)
	}
}

// TestLeaveRequest: the JS removemember() sends member@remove; the member
// leaves like a disconnect, is told so itself, and may join again.
func TestLeaveRequest(t *testing.T) {
	h, a, _, _ := three(t, DefaultServerConfig(), ServerEvents{})
	r := h.rawPeer("GR")
	r.raw(`{"jsonrpc":"2.0","method":"sgc@presence@member@new","member":{"id":"GR","name":"Raw","info":""}}`)
	r.raw(`{"jsonrpc":"2.0","method":"sgc@presence@channel@member@new","member":{"id":"GR"},"channel":{"name":"T1"}}`)
	a.cli.Subscribe("T1")
	h.run()
	a.take()
	r.takeWire()
	r.raw(`{"jsonrpc":"2.0","method":"sgc@presence@member@remove","member":{"id":"GR"}}`)
	want(t, "A", a.take(), []string{"remove-channel-member T1 GR(Raw)", "remove-member GR(Raw)"})
	want(t, "leaver", r.takeWire(), []string{
		`{"jsonrpc":"2.0","method":"sgc@presence@channel@member@remove","member":{"id":"GR","name":"Raw","info":""},"channel":{"name":"T1"}}`,
		`{"jsonrpc":"2.0","method":"sgc@presence@member@remove","member":{"id":"GR","name":"Raw","info":""}}`,
	})
	r.raw(`{"jsonrpc":"2.0","method":"sgc@presence@member@new","member":{"name":"Raw2"}}`)
	want(t, "A sees the rejoin", a.take(), []string{"new-member GR(Raw2)"})
}

func TestInvitation(t *testing.T) {
	h, a, b, c := three(t, DefaultServerConfig(), ServerEvents{})
	b.invitation = func(m Member, ch string) (bool, int, string) { return true, 0, "" }
	c.invitation = func(m Member, ch string) (bool, int, string) { return false, 99, "busy" }

	if err := a.cli.Invite("Room", "GB"); err != nil {
		t.Fatal(err)
	}
	h.run()
	want(t, "B accepts and subscribes", b.take(), []string{"invitation Room GA(Ann)", "new-channel-member Room GB(Bob)"})
	want(t, "A", a.take(), []string{"invitation-response Room GB(Bob) true 0 "})
	want(t, "A's invitation", a.takeSent(), []string{
		`{"jsonrpc":"2.0","method":"sgc@presence@channel@invitation","channel":{"name":"Room"},"member":{"id":"GA","name":"Ann","info":""},"members":[{"id":"GB","name":"","info":""}]}`,
	})
	want(t, "B's answer", b.takeSent(), []string{
		`{"jsonrpc":"2.0","method":"sgc@presence@channel@invitation@response","channel":{"name":"Room"},"member":{"id":"GB","name":"Bob","info":""},"members":[{"id":"GA","name":"Ann","info":""}],"accept":true,"error":{"code":0,"text":""}}`,
		`{"jsonrpc":"2.0","method":"sgc@presence@channel@member@new","member":{"id":"GB","name":"Bob","info":""},"channel":{"name":"Room"}}`,
	})
	if got := fms(h.srv.Members("Room")); got != "[GB(Bob)]" {
		t.Fatalf("Room: %s", got)
	}

	a.cli.Invite("Room", "GC")
	h.run()
	want(t, "C declines", c.take(), []string{"invitation Room GA(Ann)"})
	want(t, "A", a.take(), []string{"invitation-response Room GC(Cy) false 99 busy"})

	c.invitation = nil // not handled: declined with the default code
	a.cli.Invite("Room", "GC")
	h.run()
	c.take()
	want(t, "A", a.take(), []string{"invitation-response Room GC(Cy) false 14 invitation declined"})

	// Already subscribed: B accepts and does not subscribe again.
	a.cli.Invite("Room", "GB")
	h.run()
	want(t, "B", b.take(), []string{"invitation Room GA(Ann)"})
	want(t, "A", a.take(), []string{"invitation-response Room GB(Bob) true 0 "})

	a.cli.Invite("Room", "GX")
	h.run()
	want(t, "unknown invitee", a.take(), []string{`error-member-channel 9 unknown member "Room" GX()`})
}

func TestInvitationBounds(t *testing.T) {
	cfg := DefaultServerConfig()
	cfg.MaxInvitations = 2
	h, a, _, _ := three(t, cfg, ServerEvents{})
	r := h.rawPeer("GR") // a member that never answers
	r.raw(`{"jsonrpc":"2.0","method":"sgc@presence@member@new","member":{"name":"Raw"}}`)
	a.take()
	r.takeWire()
	a.cli.Invite("R1", "GR")
	a.cli.Invite("R2", "GR")
	a.cli.Invite("R1", "GR") // again: still one pending
	a.cli.Invite("R3", "GR")
	h.run()
	want(t, "A", a.take(), []string{`error-member-channel 15 too many pending invitations "R3" GR(Raw)`})
	if n := len(r.takeWire()); n != 3 {
		t.Fatalf("R got %d messages, want 3 invitations", n)
	}
	// An answer for nothing pending is refused.
	r.raw(`{"jsonrpc":"2.0","method":"sgc@presence@channel@invitation@response","channel":{"name":"R9"},"member":{"id":"GR"},"members":[{"id":"GA"}],"accept":true}`)
	want(t, "R", r.takeWire(), []string{
		`{"jsonrpc":"2.0","method":"sgc@presence@error@member@channel","error":{"code":17,"text":"no pending invitation"},"channel":{"name":"R9"},"member":{"id":"GR","name":"","info":""}}`,
	})
	// An answer is relayed once, then nothing is pending for it.
	r.raw(`{"jsonrpc":"2.0","method":"sgc@presence@channel@invitation@response","channel":{"name":"R1"},"member":{"id":"GR"},"members":[{"id":"GA"}],"accept":false}`)
	want(t, "A", a.take(), []string{"invitation-response R1 GR(Raw) false 14 invitation declined"})
	r.raw(`{"jsonrpc":"2.0","method":"sgc@presence@channel@invitation@response","channel":{"name":"R1"},"member":{"id":"GR"},"members":[{"id":"GA"}],"accept":true}`)
	want(t, "A", a.take(), nil)
	// The invitee leaving frees the inviter's pending slots.
	h.disconnect(r)
	a.take()
	r2 := h.rawPeer("GR2")
	r2.raw(`{"jsonrpc":"2.0","method":"sgc@presence@member@new","member":{"name":"Raw2"}}`)
	a.cli.Invite("R1", "GR2")
	a.cli.Invite("R2", "GR2")
	h.run()
	want(t, "A", a.take(), []string{"new-member GR2(Raw2)"})
}

func TestBase64BothEnds(t *testing.T) {
	cfg := DefaultServerConfig()
	cfg.EncodeBase64 = true
	h := newHub(t, cfg, ServerEvents{})
	ccfg := DefaultClientConfig()
	ccfg.EncodeBase64 = true
	a := h.client("GA", "Jöhn", ccfg)
	b := h.client("GB", "日本", ccfg)
	plain := h.client("GP", "Zoë", DefaultClientConfig()) // decodes whatever it gets
	want(t, "A's join", a.takeSent(), []string{
		`{"jsonrpc":"2.0","method":"sgc@presence@member@new","member":{"id":"sgc@b64:R0E=","name":"sgc@b64:SsO2aG4=","info":""}}`,
	})
	want(t, "A's session", a.takeWire()[:1], []string{
		`{"jsonrpc":"2.0","method":"sgc@presence@session","message":{"text":"sgc@b64:R0E="}}`,
	})
	a.cli.Subscribe("Café")
	b.cli.Subscribe("Café")
	h.run()
	b.cli.Publish("こんにちは 🙂", "Café")
	plain.cli.Publish("grüß", "")
	h.run()
	want(t, "A", a.take(), []string{
		"session GA", "new-member GA(Jöhn)", "new-member GB(日本)", "new-member GP(Zoë)",
		"new-channel-member Café GA(Jöhn)", "new-channel-member Café GB(日本)",
		`publish "こんにちは 🙂" "Café" GB(日本)`, `publish "grüß" "" GP(Zoë)`,
	})
	want(t, "P", plain.take(), []string{"session GP", "new-member GP(Zoë)", `publish "grüß" "" GP(Zoë)`})
	if got := fms(h.srv.Members("Café")); got != "[GA(Jöhn) GB(日本)]" {
		t.Fatalf("server decoded: %s", got)
	}
	for _, text := range append(a.takeWire(), b.takeSent()...) {
		for _, r := range text {
			if r > 0x7f {
				t.Fatalf("raw non-ASCII on an encoded wire: %s", text)
			}
		}
	}
}

// TestVendorJSClient: a connection speaking like the vendor JS (no
// auto-join, spaces, JS key order, every string encoded, method included).
func TestVendorJSClient(t *testing.T) {
	h, a, _, _ := three(t, DefaultServerConfig(), ServerEvents{})
	js := h.rawPeer("GJ")
	js.raw(`{"jsonrpc":"sgc@b64:Mi4w", "method":"sgc@b64:c2djQHByZXNlbmNlQG1lbWJlckBuZXc=", "member":{"id":"sgc@b64:R0o=","name":"sgc@b64:SvZobg==","info":""}}`)
	want(t, "A", a.take(), []string{"new-member GJ(Jöhn)"})
}
