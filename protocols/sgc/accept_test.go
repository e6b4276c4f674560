package sgc

import (
	"strings"
	"testing"
	"time"
)

// Acceptance tests of inventory §11.10, client and server wired in-process.

func TestAcceptSessionOnConnect(t *testing.T) {
	n := newNet(t, ServerConfig{}, ServerEvents{})
	a := n.dial("GUID-A", "", ClientConfig{})
	eq(t, "events", a.rec.take(), []string{"session GUID-A"})
	a.cli.GetSession()
	n.run()
	eq(t, "events", a.rec.take(), []string{"session GUID-A"})
}

func TestAcceptSubscribePublish(t *testing.T) {
	var subs []string
	n := newNet(t, ServerConfig{}, ServerEvents{OnSubscription: func(c Conn, s string) { subs = append(subs, c.Guid()+" "+s) }})
	a := n.dial("A", "", ClientConfig{})
	b := n.dial("B", "", ClientConfig{})
	a.quiet()
	b.quiet()
	a.cli.Subscribe("news")
	n.run()
	eq(t, "A frames", a.conn.take(), []string{
		`{"jsonrpc":"2.0","result":{"method":"sgc@acknowledgment"},"id":"A-1"}`,
		`{"jsonrpc":"2.0","result":{"method":"sgc@subscribe","channel":"news"},"id":"A-1"}`})
	eq(t, "A events", a.rec.take(), []string{"ack A-1", "subscribed news"})
	eq(t, "server event", subs, []string{"A news"})
	eq(t, "client list", a.cli.Subscriptions(), []string{"news"})
	eq(t, "server list", n.srv.Subscriptions(), []string{"news"})

	b.cli.Publish(`quote " and {brace}`, "news", QueueLevel0)
	n.run()
	eq(t, "A events", a.rec.take(), []string{`event news quote " and {brace}`})
	eq(t, "B events", b.rec.take(), []string{"ack B-1"})

	// The publisher receives its own event when subscribed.
	b.cli.Subscribe("news")
	n.run()
	b.rec.take()
	b.cli.Publish("again", "news", QueueLevel0)
	n.run()
	eq(t, "A events", a.rec.take(), []string{"event news again"})
	eq(t, "B events", b.rec.take(), []string{"ack B-3", "event news again"})
}

func TestAcceptWildcards(t *testing.T) {
	n := newNet(t, ServerConfig{}, ServerEvents{})
	a := n.dial("A", "", ClientConfig{})
	b := n.dial("B", "", ClientConfig{})
	a.cli.Subscribe("news*")
	n.run()
	a.quiet()
	for _, ch := range []string{"news/sport", "newsflash", "weather", "new"} {
		b.cli.Publish("p-"+ch, ch, QueueLevel0)
	}
	n.run()
	eq(t, "A events", a.rec.take(), []string{"event news/sport p-news/sport", "event newsflash p-newsflash"})

	// A pattern publish reaches matching subscriptions, named by them.
	c := n.dial("C", "", ClientConfig{})
	c.cli.Subscribe("news/sport")
	c.cli.Subscribe("newsflash")
	c.cli.Subscribe("other")
	n.run()
	c.quiet()
	n.srv.Publish("all news", "news*", "", "", QueueLevel0)
	n.run()
	eq(t, "C events", c.rec.take(), []string{"event news/sport all news", "event newsflash all news"})
	eq(t, "A events", a.rec.take(), []string{"event news* all news"})
}

func TestAcceptBeforeSubscriptionDenied(t *testing.T) {
	var asked []string
	n := newNet(t, ServerConfig{}, ServerEvents{OnBeforeSubscription: func(c Conn, s string) bool {
		asked = append(asked, s)
		return s != "secret"
	}})
	a := n.dial("A", "", ClientConfig{})
	a.quiet()
	a.cli.Subscribe("secret")
	a.cli.Subscribe("open")
	n.run()
	eq(t, "asked", asked, []string{"secret", "open"})
	eq(t, "A events", a.rec.take(), []string{"ack A-1", "ack A-2", "subscribed open"})
	eq(t, "subscriptions", n.srv.Subscriptions(), []string{"open"})
}

func TestAcceptRPC(t *testing.T) {
	var s *Server
	var got []string
	n := newNet(t, ServerConfig{}, ServerEvents{OnRPC: func(c Conn, id, method, params string) {
		got = append(got, c.Guid()+" "+id+" "+method+" "+params)
		switch method {
		case "GetTime":
			s.RPCResult(id, "12:00")
		case "Fail":
			s.RPCError(id, 123, "failed", "details")
		}
	}})
	s = n.srv
	a := n.dial("A", "", ClientConfig{})
	a.quiet()
	a.cli.RPC("r1", "GetTime", `{"tz": "UTC"}`)
	a.cli.RPC("r2", "Fail", "")
	n.run()
	eq(t, "server saw", got, []string{`A r1 GetTime {"tz":"UTC"}`, "A r2 Fail "})
	eq(t, "A events", a.rec.take(), []string{"ack r1", "result r1 12:00", "ack r2", "error r2 123 failed|details"})
	if err := s.RPCResult("r1", "late"); err != ErrUnknownID {
		t.Fatalf("second answer: %v", err)
	}
}

func TestAcceptRPCAuthentication(t *testing.T) {
	cfg := ServerConfig{RPCAuthentication: RPCAuthentication{Enabled: true, Methods: []string{"GetTime", "Admin=alice"}}}
	var s *Server
	var asked []string
	n := newNet(t, cfg, ServerEvents{
		OnRPC: func(c Conn, id, method, params string) { s.RPCResult(id, "ok "+method) },
		OnRPCAuthentication: func(c Conn, method, user, password string) bool {
			asked = append(asked, user+" "+method)
			return method == "Open"
		},
	})
	s = n.srv
	alice := n.dial("A", "alice", ClientConfig{})
	bob := n.dial("B", "bob", ClientConfig{})
	alice.quiet()
	bob.quiet()
	alice.cli.RPC("1", "Admin", "")
	bob.cli.RPC("2", "Admin", "")
	bob.cli.RPC("3", "GetTime", "")
	bob.cli.RPC("4", "Open", "")
	bob.cli.RPC("5", "Closed", "")
	n.run()
	eq(t, "alice", alice.rec.take(), []string{"ack 1", "result 1 ok Admin"})
	const nf = "-32601 Method not found. The method does not exist / is not available.|"
	eq(t, "bob", bob.rec.take(), []string{"ack 2", "error 2 " + nf, "ack 3", "result 3 ok GetTime",
		"ack 4", "result 4 ok Open", "ack 5", "error 5 " + nf})
	eq(t, "asked", asked, []string{"bob Admin", "bob Open", "bob Closed"})
}

func TestAcceptNotify(t *testing.T) {
	var got []string
	n := newNet(t, ServerConfig{}, ServerEvents{OnNotification: func(c Conn, m, p string) { got = append(got, m+" "+p) }})
	a := n.dial("A", "", ClientConfig{})
	a.quiet()
	a.cli.Notify("test", `{"param":10}`)
	n.run()
	eq(t, "notifications", got, []string{`test {"param":10}`})
	eq(t, "frames to A", a.conn.take(), nil)
}

// QoS 1, server side: the session and an RPC result are re-sent after the
// timeout while the client withholds its acknowledgment, and no more after.
func TestAcceptServerQoS1Retransmission(t *testing.T) {
	cfg := ServerConfig{QoS: QoS{Level: QoSLevel1, Interval: time.Second, Timeout: time.Second}}
	var s *Server
	n := newNet(t, cfg, ServerEvents{OnRPC: func(c Conn, id, m, p string) { s.RPCResult(id, "r") }})
	s = n.srv
	withhold := true
	n.setDrop(func(toServer bool, g, text string) bool {
		return withhold && toServer && strings.Contains(text, mAck)
	})
	a := n.dial("A", "", ClientConfig{})
	a.cli.RPC("r1", "m", "")
	n.run()
	a.quiet()

	n.srv.Tick() // not yet due
	n.run()
	eq(t, "early tick", a.conn.take(), nil)

	n.clock.advance(time.Second)
	n.srv.Tick()
	n.run()
	eq(t, "resent", a.conn.take(), []string{
		`{"jsonrpc":"2.0","result":{"method":"sgc@session","message":"A"},"qos":"qosLevel1","id":"A"}`,
		`{"jsonrpc":"2.0","result":"r","qos":"qosLevel1","id":"r1"}`})
	eq(t, "client events", a.rec.take(), []string{"session A", "result r1 r"})

	withhold = false
	n.clock.advance(time.Second)
	n.srv.Tick() // resent again; now the acknowledgments get through
	n.run()
	a.quiet()
	n.clock.advance(time.Second)
	n.srv.Tick()
	n.run()
	eq(t, "after ack", a.conn.take(), nil)
}

// QoS 1, client side: a publish is re-sent until acknowledged.
func TestAcceptClientQoS1Retransmission(t *testing.T) {
	n := newNet(t, ServerConfig{}, ServerEvents{})
	a := n.dial("A", "", ClientConfig{QoS: QoS{Level: QoSLevel1, Interval: time.Second, Timeout: 2 * time.Second}})
	b := n.dial("B", "", ClientConfig{})
	b.cli.Subscribe("ch")
	n.run()
	b.quiet()
	lose := true
	n.setDrop(func(toServer bool, g, text string) bool { return lose && !toServer && g == "A" })
	a.cli.Publish("m", "ch", QueueLevel0)
	n.run()
	a.quiet()
	n.clock.advance(time.Second)
	a.cli.Tick()
	eq(t, "before timeout", a.sent, nil)
	n.clock.advance(time.Second)
	a.cli.Tick()
	eq(t, "resent", a.sent, []string{`{"jsonrpc":"2.0","method":"sgc@publish","params":{"channel":"ch","message":"m","qos":"qosLevel1"},"id":"A-1"}`})
	lose = false
	n.run()
	eq(t, "at least once", b.rec.take(), []string{"event ch m", "event ch m"})
	eq(t, "A events", a.rec.take(), []string{"ack A-1"})
	a.sent = nil
	n.clock.advance(time.Hour)
	a.cli.Tick()
	eq(t, "after ack", a.sent, nil)
}

// QoS 2: pubrec; without pubrel nothing is delivered; a duplicate publish is
// stored once; pubrel delivers once and is acknowledged.
func TestAcceptQoS2(t *testing.T) {
	n := newNet(t, ServerConfig{}, ServerEvents{})
	a := n.dial("A", "", ClientConfig{})
	b := n.dial("B", "", ClientConfig{})
	b.cli.Subscribe("ch")
	n.run()
	a.quiet()
	b.quiet()
	pub := `{"jsonrpc":"2.0", "method":"sgc@publish", "params":{"channel":"ch", "message":"once", "qos":"qosLevel2"}, "id":"p1"}`
	n.srv.Message(a.conn, pub)
	n.srv.Message(a.conn, pub)
	pubrec := `{"jsonrpc":"2.0","result":{"method":"sgc@pubrec"},"id":"p1"}`
	eq(t, "pubrecs", a.conn.take(), []string{pubrec, pubrec})
	eq(t, "not delivered before pubrel", b.conn.take(), nil)
	rel := `{"jsonrpc":"2.0", "method":"sgc@pubrel", "params":{"channel":"", "message":""}, "id":"p1"}`
	n.srv.Message(a.conn, rel)
	eq(t, "ack", a.conn.take(), []string{`{"jsonrpc":"2.0","result":{"method":"sgc@acknowledgment"},"id":"p1"}`})
	eq(t, "delivered once", b.conn.take(), []string{`{"jsonrpc":"2.0","result":{"method":"sgc@event","channel":"ch","message":"once"}}`})
	n.srv.Message(a.conn, rel) // a repeated pubrel: acknowledged, nothing delivered
	eq(t, "ack again", a.conn.take(), []string{`{"jsonrpc":"2.0","result":{"method":"sgc@acknowledgment"},"id":"p1"}`})
	eq(t, "no second delivery", b.conn.take(), nil)
}

// QoS 2 end to end: the Go client answers pubrec with pubrel by itself.
func TestAcceptQoS2ClientFlow(t *testing.T) {
	n := newNet(t, ServerConfig{}, ServerEvents{})
	a := n.dial("A", "", ClientConfig{QoS: QoS{Level: QoSLevel2}})
	b := n.dial("B", "", ClientConfig{})
	b.cli.Subscribe("ch")
	n.run()
	a.quiet()
	b.quiet()
	// Lose the first pubrel: nothing is delivered until it is retransmitted.
	lost := false
	n.setDrop(func(toServer bool, g, text string) bool {
		if toServer && strings.Contains(text, mPubrel) && !lost {
			lost = true
			return true
		}
		return false
	})
	a.cli.Publish("m", "ch", QueueLevel0)
	n.run()
	eq(t, "A sent", a.sent, []string{
		`{"jsonrpc":"2.0","method":"sgc@publish","params":{"channel":"ch","message":"m","qos":"qosLevel2"},"id":"A-1"}`,
		`{"jsonrpc":"2.0","method":"sgc@pubrel","params":{"channel":"","message":""},"id":"A-1"}`})
	eq(t, "B before pubrel", b.rec.take(), nil)
	a.sent = nil
	n.clock.advance(DefaultQoSTimeout)
	a.cli.Tick()
	n.run()
	eq(t, "A resent pubrel only", a.sent, []string{`{"jsonrpc":"2.0","method":"sgc@pubrel","params":{"channel":"","message":""},"id":"A-1"}`})
	eq(t, "B", b.rec.take(), []string{"event ch m"})
	eq(t, "A events", a.rec.take(), []string{"ack A-1"})
	a.sent = nil
	n.clock.advance(DefaultQoSTimeout)
	a.cli.Tick()
	eq(t, "done", a.sent, nil)
}

func TestAcceptQueues(t *testing.T) {
	n := newNet(t, ServerConfig{}, ServerEvents{})
	p := n.dial("P", "", ClientConfig{})
	for _, m := range []string{"m1", "m2", "m3"} {
		p.cli.Publish(m, "q1", QueueLevel1)
		p.cli.Publish(m, "q2", QueueLevel2)
		p.cli.Publish(m, "q0", QueueLevel0)
	}
	n.run()
	late := n.dial("L", "", ClientConfig{})
	late.quiet()
	late.cli.Subscribe("q1")
	late.cli.Subscribe("q2")
	late.cli.Subscribe("q0")
	n.run()
	eq(t, "late subscriber", late.rec.take(), []string{
		"ack L-1", "subscribed q1", "event q1 m3",
		"ack L-2", "subscribed q2", "event q2 m1", "event q2 m2", "event q2 m3",
		"ack L-3", "subscribed q0"})
	// A wildcard subscription replays every matching queue in publish order.
	w := n.dial("W", "", ClientConfig{})
	w.quiet()
	w.cli.Subscribe("q*")
	n.run()
	eq(t, "wildcard", w.rec.take(), []string{"ack W-1", "subscribed q*", "event q2 m1", "event q2 m2", "event q1 m3", "event q2 m3"})
	if !n.srv.ClearQueue("q2") || n.srv.ClearQueue("q2") {
		t.Fatal("ClearQueue result")
	}
	x := n.dial("X", "", ClientConfig{})
	x.quiet()
	x.cli.Subscribe("q2")
	n.run()
	eq(t, "after clear", x.rec.take(), []string{"ack X-1", "subscribed q2"})
}

func TestAcceptTransactions(t *testing.T) {
	n := newNet(t, ServerConfig{}, ServerEvents{})
	a := n.dial("A", "", ClientConfig{})
	b := n.dial("B", "", ClientConfig{})
	b.cli.Subscribe("sgc:test")
	n.run()
	a.quiet()
	b.quiet()

	a.cli.StartTransaction("sgc:test")
	for _, m := range []string{"Message1", "Message2", "Message3"} {
		a.cli.Publish(m, "sgc:test", QueueLevel0)
	}
	a.cli.Publish("outside", "other", QueueLevel0) // another channel is not held
	n.run()
	eq(t, "A acks while held", a.rec.take(), []string{"ack A-1", "ack A-2", "ack A-3", "ack A-4"})
	eq(t, "held", b.rec.take(), nil)
	a.cli.RollBack("sgc:test")
	n.run()
	eq(t, "after rollback", b.rec.take(), nil)

	a.cli.StartTransaction("sgc:test")
	for _, m := range []string{"Message1", "Message2", "Message3"} {
		a.cli.Publish(m, "sgc:test", QueueLevel0)
	}
	n.run()
	eq(t, "held again", b.rec.take(), nil)
	a.cli.Commit("sgc:test")
	n.run()
	eq(t, "after commit", b.rec.take(), []string{"event sgc:test Message1", "event sgc:test Message2", "event sgc:test Message3"})
	// The transaction is closed: the next publish goes straight through.
	a.cli.Publish("after", "sgc:test", QueueLevel0)
	n.run()
	eq(t, "after", b.rec.take(), []string{"event sgc:test after"})
}

func TestAcceptBroadcast(t *testing.T) {
	n := newNet(t, ServerConfig{}, ServerEvents{})
	a := n.dial("A", "", ClientConfig{})
	b := n.dial("B", "", ClientConfig{})
	c := n.dial("C", "", ClientConfig{})
	c.cli.Subscribe("room")
	n.run()
	all := []*peer{a, b, c}
	for _, p := range all {
		p.quiet()
	}
	check := func(what string, want ...string) {
		t.Helper()
		n.run()
		var got []string
		for _, p := range all {
			for _, l := range p.rec.take() {
				got = append(got, p.conn.guid+": "+l)
			}
		}
		eq(t, what, got, want)
	}
	n.srv.Broadcast("hello", "", "", "")
	check("all", "A: message hello", "B: message hello", "C: message hello")
	n.srv.Broadcast("x", "", "A, C", "")
	check("exclude", "B: message x")
	n.srv.Broadcast("y", "", "", "A,C")
	check("include", "A: message y", "C: message y")
	n.srv.Broadcast("z", "", "A", "A,B")
	check("both", "B: message z")
	n.srv.Broadcast("r", "room", "", "")
	check("channel", "C: message r")
	a.cli.Broadcast("from a", "")
	check("client broadcast", "A: message from a", "B: message from a", "C: message from a")
	b.cli.Broadcast("to room", "room")
	check("client channel broadcast", "C: message to room")
	n.srv.Publish("pe", "room", "C", "", QueueLevel0)
	check("publish exclude")
	if err := n.srv.WriteData("B,Z", "direct"); err != ErrUnknownConnection {
		t.Fatalf("WriteData to an unknown guid: %v", err)
	}
	check("write data", "B: message direct")
}

// The vendor JS inserts a message starting with {, [ or " raw and wraps
// anything else in quotes without escaping: a JSON value round-trips as
// its text, a quote inside plain text breaks the JSON (-32700). The Go
// client always escapes, so any text round-trips.
func TestAcceptMessageTextRoundTrip(t *testing.T) {
	n := newNet(t, ServerConfig{}, ServerEvents{})
	a := n.dial("A", "", ClientConfig{})
	b := n.dial("B", "", ClientConfig{})
	b.cli.Subscribe("ch")
	n.run()
	a.quiet()
	b.quiet()
	vendor := func(m string) string {
		if strings.HasPrefix(m, "{") || strings.HasPrefix(m, "[") || strings.HasPrefix(m, `"`) {
			return `{"jsonrpc":"2.0", "method":"sgc@publish", "params":{"channel":"ch", "message":` + m + `}, "id":"v"}`
		}
		return `{"jsonrpc":"2.0", "method":"sgc@publish", "params":{"channel":"ch", "message":"` + m + `"}, "id":"v"}`
	}
	n.srv.Message(a.conn, vendor(`{"a": "x{y}"}`))
	n.srv.Message(a.conn, vendor(`[1, "q"]`))
	n.srv.Message(a.conn, vendor(`"quoted"`))
	n.srv.Message(a.conn, vendor(`say "hi"`))
	n.run()
	eq(t, "B", b.rec.take(), []string{`event ch {"a": "x{y}"}`, `event ch [1, "q"]`, `event ch quoted`})
	if f := a.conn.take(); len(f) != 4 || !strings.Contains(f[3], `"code":-32700`) {
		t.Fatalf("raw quote: %q", f)
	}
	for _, m := range []string{`say "hi"`, `{"a": 1}`, `"quoted"`, "multi\nline\\ \u2028"} {
		a.cli.Publish(m, "ch", QueueLevel0)
		n.run()
		eq(t, "round trip", b.rec.take(), []string{"event ch " + m})
	}
}
