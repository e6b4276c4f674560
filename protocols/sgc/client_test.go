package sgc

import (
	"errors"
	"fmt"
	"sync"
	"testing"
)

func newTestClient(rec *recorder) (*Client, *[]string) {
	var sent []string
	c := NewClient(ClientConfig{Now: newClock().Now, NewID: func() string { return "I" }},
		func(s string) error { sent = append(sent, s); return nil }, rec.clientEvents())
	c.Connected()
	return c, &sent
}

// Server frames the client must understand, including the vendor's forms.
func TestClientDispatch(t *testing.T) {
	cases := []struct{ in, want string }{
		{`{"jsonrpc":"2.0","result":{"method":"sgc@session","message":"G"},"qos":"qosLevel0","id":"G"}`, "session G"},
		{`{"jsonrpc":"2.0","result":{"method":"sgc@acknowledgment"},"id":"7"}`, "ack 7"},
		{`{"jsonrpc":"2.0","result":{"method":"sgc@subscribe","channel":"c"},"id":"7"}`, "subscribed c"},
		{`{"jsonrpc":"2.0","result":{"method":"sgc@unsubscribe","channel":"c"},"id":"7"}`, "unsubscribed c"},
		{`{"jsonrpc":"2.0","result":{"method":"sgc@event","channel":"c","message":"m"}}`, "event c m"},
		{`{"jsonrpc":"2.0","result":{"method":"sgc@event","channel":"c","message":{"a": 1}}}`, `event c {"a": 1}`},
		{`{"jsonrpc":"2.0","result":{"method":"sgc@message","channel":"","message":"b"},"qos":"qosLevel1","id":"s"}`, "message b"}, // relayed vendor broadcast
		{`{"jsonrpc":"2.0","method":"sgc@message","params":{"message":"w"}}`, "message w"},                                         // vendor WriteData
		{`{"jsonrpc":"2.0","result":{"time":"12:00"},"qos":"qosLevel0","id":"r"}`, `result r {"time":"12:00"}`},
		{`{"jsonrpc":"2.0","result":"text","qos":"qosLevel0","id":"r"}`, "result r text"},
		{`{"jsonrpc":"2.0","result":{"method":"other"},"id":"r"}`, `result r {"method":"other"}`},
		{`{"jsonrpc":"2.0","result":null,"error":null,"id":"r"}`, `result r null`},
		{`{"jsonrpc":"2.0","error":{"code":-32601,"message":"m","data":{"x":1}},"id":"r"}`, `error r -32601 m|{"x":1}`},
		{`{"jsonrpc":"2.0","error":{"code":5,"message":"m"},"id":null}`, "error  5 m|"},
	}
	for _, c := range cases {
		rec := &recorder{}
		cl, _ := newTestClient(rec)
		cl.Message(c.in)
		eq(t, c.in, rec.take(), []string{c.want})
	}
}

func TestClientQueueProperty(t *testing.T) {
	rec := &recorder{}
	var sent []string
	cl := NewClient(ClientConfig{Now: newClock().Now, Queue: true, MaxPending: 3},
		func(s string) error { sent = append(sent, s); return nil }, rec.clientEvents())
	cl.Connected()
	if !cl.Queue() {
		t.Fatal("Queue not set from config")
	}
	for i := 1; i <= 4; i++ {
		cl.Message(fmt.Sprintf(`{"jsonrpc":"2.0","result":{"method":"sgc@event","channel":"c","message":"%d"}}`, i))
	}
	cl.Message(`{"jsonrpc":"2.0","result":"r","qos":"qosLevel1","id":"x"}`) // over the limit: dropped
	eq(t, "held", rec.take(), nil)
	eq(t, "nothing acknowledged while held", sent, nil)
	cl.SetQueue(false)
	eq(t, "released", rec.take(), []string{"event c 1", "event c 2", "event c 3"})
	cl.Message(`{"jsonrpc":"2.0","result":{"method":"sgc@event","channel":"c","message":"5"}}`)
	eq(t, "live", rec.take(), []string{"event c 5"})
}

func TestClientArguments(t *testing.T) {
	cl, sent := newTestClient(&recorder{})
	checks := []struct {
		err, want error
	}{
		{cl.RPC("", "m", ""), ErrInvalidID},
		{cl.RPC("1", "", ""), ErrInvalidMethod},
		{cl.RPC("1", "sgc@publish", ""), ErrInvalidMethod},
		{cl.Notify("sgc@x", ""), ErrInvalidMethod},
		{cl.Subscribe(""), ErrInvalidChannel},
		{cl.UnSubscribe(""), ErrInvalidChannel},
		{cl.StartTransaction(""), ErrInvalidChannel},
		{cl.Publish("m", "c", QueueLevel(-1)), ErrInvalidLevel},
		{cl.SetQoSLevel(QoSLevel(3)), ErrInvalidLevel},
	}
	for i, c := range checks {
		if c.err != c.want {
			t.Errorf("check %d: %v, want %v", i, c.err, c.want)
		}
	}
	eq(t, "sent", *sent, nil)
	cl.Disconnected()
	if err := cl.Publish("m", "c", QueueLevel0); err != ErrNotConnected {
		t.Fatalf("publish while disconnected: %v", err)
	}
}

func TestClientSendErrorIsNotTracked(t *testing.T) {
	clock := newClock()
	fail := errors.New("closed")
	var sent int
	cl := NewClient(ClientConfig{Now: clock.Now, QoS: QoS{Level: QoSLevel1}}, func(string) error { sent++; return fail }, ClientEvents{})
	cl.Connected()
	if err := cl.Publish("m", "c", QueueLevel0); err != fail {
		t.Fatalf("error %v", err)
	}
	clock.advance(DefaultQoSTimeout)
	cl.Tick()
	if sent != 1 {
		t.Fatalf("retransmitted a message whose send failed (%d sends)", sent)
	}
}

func TestClientDisconnectForgets(t *testing.T) {
	n := newNet(t, ServerConfig{}, ServerEvents{})
	a := n.dial("A", "", ClientConfig{QoS: QoS{Level: QoSLevel1}})
	a.cli.Subscribe("c")
	n.run()
	n.setDrop(func(bool, string, string) bool { return true })
	a.cli.Publish("m", "c", QueueLevel0)
	a.cli.Disconnected()
	eq(t, "subscriptions", a.cli.Subscriptions(), nil)
	a.sent = nil
	a.cli.Connected()
	n.clock.advance(DefaultQoSTimeout)
	a.cli.Tick()
	eq(t, "no retransmission after reconnect", a.sent, nil)
}

func TestRawMessageHandled(t *testing.T) {
	var raw []string
	s := NewServer(ServerConfig{Now: newClock().Now}, ServerEvents{OnRawMessage: func(c Conn, t string) bool {
		raw = append(raw, t)
		return t == "mine"
	}})
	g := &fakeConn{guid: "G"}
	s.Message(g, "mine")
	eq(t, "handled: no reply", g.take(), nil)
	s.Message(g, "not mine")
	if f := g.take(); len(f) != 1 {
		t.Fatalf("frames %q", f)
	}
	eq(t, "raw", raw, []string{"mine", "not mine"})

	rec := &recorder{}
	var seen []string
	cl := NewClient(ClientConfig{Now: newClock().Now}, func(string) error { return nil }, ClientEvents{
		OnRawMessage: func(t string) bool { seen = append(seen, t); return true },
		OnEvent:      rec.clientEvents().OnEvent,
	})
	cl.Message(`{"jsonrpc":"2.0","result":{"method":"sgc@event","channel":"c","message":"m"}}`)
	eq(t, "client handled", rec.take(), nil)
	if len(seen) != 1 {
		t.Fatal("OnRawMessage not called")
	}
}

func TestBeforePublish(t *testing.T) {
	n := newNet(t, ServerConfig{}, ServerEvents{OnBeforePublish: func(c Conn, ch, text string) (string, bool) {
		return "[" + c.Guid() + "] " + text, ch != "closed"
	}})
	a := n.dial("A", "", ClientConfig{})
	a.cli.Subscribe("open")
	a.cli.Subscribe("closed")
	n.run()
	a.quiet()
	a.cli.Publish("hi", "open", QueueLevel0)
	a.cli.Publish("hi", "closed", QueueLevel0)
	n.run()
	eq(t, "A", a.rec.take(), []string{"ack A-3", "event open [A] hi", "ack A-4"})
	n.srv.Publish("server", "closed", "", "", QueueLevel0) // the server's own publish is not filtered
	n.run()
	eq(t, "A", a.rec.take(), []string{"event closed server"})
}

func TestServerDisconnected(t *testing.T) {
	var gone []string
	clock := newClock()
	s := NewServer(ServerConfig{Now: clock.Now, QoS: QoS{Level: QoSLevel1}}, ServerEvents{
		OnRPC:            func(Conn, string, string, string) {},
		OnUnSubscription: func(c Conn, ch string) { gone = append(gone, c.Guid()+" "+ch) },
	})
	g := &fakeConn{guid: "G"}
	s.Connected(g)
	s.Subscribe("G", "b")
	s.Subscribe("G", "a")
	s.Message(g, `{"jsonrpc":"2.0","method":"m","id":"1"}`)
	s.Message(g, `{"jsonrpc":"2.0","method":"m","id":"1"}`)
	s.Disconnected(g)
	s.Disconnected(g) // twice is harmless
	g.take()
	eq(t, "unsubscribed", gone, []string{"G a", "G b"})
	eq(t, "subscriptions", s.Subscriptions(), nil)
	if err := s.RPCResult("1", "x"); err != ErrUnknownID {
		t.Fatalf("RPCResult after disconnect: %v", err)
	}
	if err := s.WriteData("G", "x"); err != ErrUnknownConnection {
		t.Fatalf("WriteData after disconnect: %v", err)
	}
	clock.advance(DefaultQoSTimeout)
	s.Tick()
	eq(t, "nothing resent", g.take(), nil)
	if len(s.rpcs) != 0 {
		t.Fatalf("pending RPCs left: %v", s.rpcs)
	}
}

// Two connections using the same RPC id are answered in arrival order.
func TestRPCSameIDTwoConnections(t *testing.T) {
	s := NewServer(ServerConfig{Now: newClock().Now}, ServerEvents{OnRPC: func(Conn, string, string, string) {}})
	a, b := &fakeConn{guid: "A"}, &fakeConn{guid: "B"}
	s.Message(a, `{"jsonrpc":"2.0","method":"m","id":"1"}`)
	s.Message(b, `{"jsonrpc":"2.0","method":"m","id":"1"}`)
	a.take()
	b.take()
	s.RPCResult("1", "first")
	s.RPCResult("1", "second")
	eq(t, "A", a.take(), []string{`{"jsonrpc":"2.0","result":"first","qos":"qosLevel0","id":"1"}`})
	eq(t, "B", b.take(), []string{`{"jsonrpc":"2.0","result":"second","qos":"qosLevel0","id":"1"}`})
}

// Synchronous wiring: every write is delivered before it returns, and
// handlers call back into both ends. Nothing may deadlock.
func TestReentrantSynchronousWiring(t *testing.T) {
	var srv *Server
	srv = NewServer(ServerConfig{Now: newClock().Now}, ServerEvents{
		OnRPC:          func(c Conn, id, m, p string) { srv.RPCResult(id, "sync "+p) },
		OnSubscription: func(c Conn, ch string) { srv.Publish("welcome", ch, "", "", QueueLevel0) },
	})
	rec := &recorder{}
	conn := &fakeConn{guid: "S"}
	var cl *Client
	ev := rec.clientEvents()
	ev.OnSubscription = func(ch string) {
		rec.add("subscribed %s", ch)
		cl.RPC("r", "echo", ch)
	}
	cl = NewClient(ClientConfig{Now: newClock().Now, NewID: func() string { return "i" }},
		func(t string) error { srv.Message(conn, t); return nil }, ev)
	conn.onWrite = cl.Message
	cl.Connected()
	srv.Connected(conn)
	cl.Subscribe("ch")
	eq(t, "events", rec.take(), []string{"session S", "ack i", "subscribed ch", "ack r", "result r sync ch", "event ch welcome"})
}

// Many goroutines at once (run with -race): every subscriber gets every
// publish exactly once.
func TestConcurrentPublishers(t *testing.T) {
	srv := NewServer(ServerConfig{Now: newClock().Now}, ServerEvents{})
	const subs, pubs, each = 4, 4, 50
	var mu sync.Mutex
	counts := map[string]int{}
	var clients []*Client
	for i := 0; i < subs+pubs; i++ {
		conn := &fakeConn{guid: fmt.Sprint("C", i)}
		id := 0
		var idmu sync.Mutex
		cl := NewClient(ClientConfig{Now: newClock().Now, NewID: func() string {
			idmu.Lock()
			defer idmu.Unlock()
			id++
			return fmt.Sprint(id)
		}}, func(t string) error { srv.Message(conn, t); return nil }, ClientEvents{
			OnEvent: func(ch, text string) {
				mu.Lock()
				counts[conn.guid]++
				mu.Unlock()
			},
		})
		conn.onWrite = cl.Message
		cl.Connected()
		srv.Connected(conn)
		clients = append(clients, cl)
	}
	for _, cl := range clients[:subs] {
		cl.Subscribe("hot*")
	}
	var wg sync.WaitGroup
	for p, cl := range clients[subs:] {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < each; i++ {
				cl.Publish("m", fmt.Sprint("hot/", p), QueueLevel2)
			}
		}()
	}
	for range 2 {
		wg.Add(1)
		go func() { // readers and ticks alongside
			defer wg.Done()
			for i := 0; i < each; i++ {
				srv.Subscriptions()
				srv.Tick()
			}
		}()
	}
	wg.Wait()
	for i := 0; i < subs; i++ {
		if got := counts[fmt.Sprint("C", i)]; got != pubs*each {
			t.Errorf("subscriber %d got %d events, want %d", i, got, pubs*each)
		}
	}
}

func TestDefaultsAndLevels(t *testing.T) {
	s := DefaultServerConfig()
	if s.QoS.Level != QoSLevel0 || s.QoS.Interval != DefaultQoSInterval || s.QoS.Timeout != DefaultQoSTimeout ||
		s.MaxMessageSize != 1<<20 || s.Protocol != "esegece.com" || s.UseMatchesMasks || s.RPCAuthentication.Enabled {
		t.Fatalf("server defaults %+v", s)
	}
	if c := DefaultClientConfig(); c.Queue || c.QoS.Level != QoSLevel0 || c.QoS.Timeout != DefaultQoSTimeout {
		t.Fatalf("client defaults %+v", c)
	}
	for l := QoSLevel0; l <= QoSLevel2; l++ {
		if p, ok := ParseQoSLevel(l.String()); !ok || p != l {
			t.Errorf("%v", l)
		}
	}
	for l := QueueLevel0; l <= QueueLevel2; l++ {
		if p, ok := ParseQueueLevel(l.String()); !ok || p != l {
			t.Errorf("%v", l)
		}
	}
	if QoSLevel1.String() != "qosLevel1" || QueueLevel2.String() != "queueLevel2" || QoSLevel(9).String() != "QoSLevel(9)" {
		t.Error("names")
	}
	if _, ok := ParseQoSLevel("qosLevel3"); ok {
		t.Error("qosLevel3 parsed")
	}
	// The wall-clock configuration starts a ticker; Close stops it, twice.
	srv := NewServer(DefaultServerConfig(), ServerEvents{})
	srv.Close()
	srv.Close()
	cl := NewClient(DefaultClientConfig(), func(string) error { return nil }, ClientEvents{})
	cl.Close()
	cl.Close()
}
