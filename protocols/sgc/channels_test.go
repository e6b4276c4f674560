package sgc

import "testing"

func TestMatchesMask(t *testing.T) {
	cases := []struct {
		mask, s string
		want    bool
	}{
		{"news*", "news", true},
		{"news*", "newsflash", true},
		{"news*", "new", false},
		{"*", "", true},
		{"*", "anything", true},
		{"a*b", "ab", true},
		{"a*b", "axxb", true},
		{"a*b", "axxbc", false},
		{"a*b*c", "abbbc", true},
		{"a*b*c", "acb", false},
		{"?", "x", true},
		{"?", "", false},
		{"?", "xy", false},
		{"n?ws", "news", true},
		{"n?ws", "nws", false},
		{"[a-c]x", "bx", true},
		{"[a-c]x", "dx", false},
		{"[!a-c]x", "dx", true},
		{"[!a-c]x", "ax", false},
		{"[abc]", "c", true},
		{"[a-]", "-", true},
		{"NEWS*", "news/sport", true}, // MatchesMask ignores case
		{"[A-Z]1", "q1", true},
		{"é*", "Éa", true},
		{"*a*a*a*a*a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", false}, // no blow-up
		{"**x", "x", true},
	}
	for _, c := range cases {
		m := compileMask(c.mask)
		if m == nil {
			t.Fatalf("%q did not compile", c.mask)
		}
		if got := m.match(c.s); got != c.want {
			t.Errorf("%q ~ %q = %v, want %v", c.mask, c.s, got, c.want)
		}
	}
	for _, bad := range []string{"[", "[a-z", "[]", "[!]", "x[ab"} {
		if compileMask(bad) != nil {
			t.Errorf("%q compiled", bad)
		}
	}
}

func TestChannelLegality(t *testing.T) {
	cases := []struct {
		name          string
		masks         bool
		ok, isPattern bool
	}{
		{"news", false, true, false},
		{"news*", false, true, true},
		{"*", false, true, true},
		{"a*b", false, false, false},
		{"**", false, false, false},
		{"*a", false, false, false},
		{"what?[x]", false, true, false}, // literal without masks
		{"", false, false, false},
		{"a*b", true, true, true},
		{"n?ws", true, true, true},
		{"[a-z]*", true, true, true},
		{"[a-z", true, false, false},
		{"plain", true, true, false},
		{"", true, false, false},
	}
	for _, c := range cases {
		spec, ok := parseChannel(c.name, c.masks)
		if ok != c.ok || ok && spec.pattern != c.isPattern {
			t.Errorf("%q masks=%v: ok=%v pattern=%v", c.name, c.masks, ok, spec.pattern)
		}
	}
}

func TestRelated(t *testing.T) {
	p := func(s string) chanSpec { c, _ := parseChannel(s, false); return c }
	cases := []struct {
		pub, sub string
		want     bool
		ch       string
	}{
		{"news", "news", true, "news"},
		{"news/sport", "news*", true, "news/sport"},
		{"news*", "newsflash", true, "newsflash"},
		{"news*", "news/s*", true, "news/s*"},
		{"news/s*", "news*", true, "news*"},
		{"news", "News", false, ""},
		{"weather", "news*", false, ""},
	}
	for _, c := range cases {
		pub, sub := p(c.pub), p(c.sub)
		if got := related(pub, sub); got != c.want {
			t.Errorf("%s -> %s: %v", c.pub, c.sub, got)
		}
		if c.want && eventChannel(pub, sub) != c.ch {
			t.Errorf("%s -> %s: channel %s", c.pub, c.sub, eventChannel(pub, sub))
		}
	}
}

func TestUseMatchesMasks(t *testing.T) {
	n := newNet(t, ServerConfig{UseMatchesMasks: true}, ServerEvents{})
	a := n.dial("A", "", ClientConfig{})
	a.cli.Subscribe("room-[0-9]")
	a.cli.Subscribe("lo?by")
	n.run()
	a.quiet()
	for _, ch := range []string{"room-1", "ROOM-2", "room-x", "lobby", "loby"} {
		n.srv.Publish(ch, ch, "", "", QueueLevel0)
	}
	n.run()
	eq(t, "A", a.rec.take(), []string{"event room-1 room-1", "event ROOM-2 ROOM-2", "event lobby lobby"})
	if err := n.srv.Publish("x", "[bad", "", "", QueueLevel0); err != ErrInvalidChannel {
		t.Fatalf("bad mask: %v", err)
	}
}

func TestUnsubscribePatternAndAll(t *testing.T) {
	var gone []string
	n := newNet(t, ServerConfig{}, ServerEvents{OnUnSubscription: func(c Conn, s string) { gone = append(gone, s) }})
	a := n.dial("A", "", ClientConfig{})
	for _, ch := range []string{"news/a", "news/b", "news*", "other", "x", "y"} {
		a.cli.Subscribe(ch)
	}
	n.run()
	a.quiet()
	a.cli.UnSubscribe("news*")
	n.run()
	eq(t, "pattern", a.rec.take(), []string{"ack A-7", "unsubscribed news*", "unsubscribed news/a", "unsubscribed news/b"})
	eq(t, "client list", a.cli.Subscriptions(), []string{"other", "x", "y"})
	a.cli.UnSubscribe("never")
	n.run()
	eq(t, "not subscribed", a.rec.take(), []string{"ack A-8", "unsubscribed never"})

	// The server's sgc@unsubscribe_all answers one sgc@unsubscribe per channel.
	n.srv.Message(a.conn, `{"jsonrpc":"2.0","method":"sgc@unsubscribe_all","id":"u"}`)
	n.run()
	eq(t, "all", a.rec.take(), []string{"ack u", "unsubscribed other", "unsubscribed x", "unsubscribed y"})
	eq(t, "server events", gone, []string{"news*", "news/a", "news/b", "other", "x", "y"})
	eq(t, "server list", n.srv.Subscriptions(), nil)

	// The client's UnSubscribeAll sends one unsubscribe per channel.
	a.cli.Subscribe("p")
	a.cli.Subscribe("q")
	n.run()
	a.quiet()
	a.cli.UnSubscribeAll()
	n.run()
	eq(t, "client all", a.rec.take(), []string{"ack A-11", "unsubscribed p", "ack A-12", "unsubscribed q"})
	eq(t, "client list", a.cli.Subscriptions(), nil)
}

func TestServerSubscribeAPI(t *testing.T) {
	var ev []string
	n := newNet(t, ServerConfig{}, ServerEvents{
		OnBeforeSubscription: func(c Conn, s string) bool { ev = append(ev, "before "+s); return false },
		OnSubscription:       func(c Conn, s string) { ev = append(ev, "sub "+s) },
		OnUnSubscription:     func(c Conn, s string) { ev = append(ev, "unsub "+s) },
	})
	a := n.dial("A", "", ClientConfig{})
	n.srv.Publish("kept", "ch", "", "", QueueLevel1)
	a.quiet()
	if err := n.srv.Subscribe("A", "ch"); err != nil {
		t.Fatal(err)
	}
	n.run()
	eq(t, "client", a.rec.take(), []string{"subscribed ch", "event ch kept"})
	eq(t, "per connection", n.srv.ConnectionSubscriptions("A"), []string{"ch"})
	if err := n.srv.UnSubscribe("A", "ch"); err != nil {
		t.Fatal(err)
	}
	n.run()
	eq(t, "client", a.rec.take(), []string{"unsubscribed ch"})
	eq(t, "server events", ev, []string{"sub ch", "unsub ch"})
	if n.srv.Subscribe("nobody", "ch") != ErrUnknownConnection || n.srv.UnSubscribe("nobody", "ch") != ErrUnknownConnection {
		t.Fatal("unknown connection accepted")
	}
	if n.srv.Subscribe("A", "a*b") != ErrInvalidChannel || n.srv.Subscribe("A", "") != ErrInvalidChannel {
		t.Fatal("invalid channel accepted")
	}
	if n.srv.Publish("x", "c", "", "", QueueLevel(3)) != ErrInvalidLevel {
		t.Fatal("invalid queue level accepted")
	}
}
