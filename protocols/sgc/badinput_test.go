package sgc

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"
)

// reply decodes an error reply's code and id ("null" when null).
func reply(t *testing.T, frame string) (code int, id string) {
	t.Helper()
	var m struct {
		Error *struct{ Code int } `json:"error"`
		ID    json.RawMessage     `json:"id"`
	}
	if err := json.Unmarshal([]byte(frame), &m); err != nil || m.Error == nil {
		t.Fatalf("not an error reply: %s", frame)
	}
	return m.Error.Code, string(m.ID)
}

func TestBadInput(t *testing.T) {
	big := `{"jsonrpc":"2.0","method":"sgc@message","params":{"message":"` + strings.Repeat("x", 200) + `"}}`
	cases := []struct {
		in    string
		acked bool   // an acknowledgment precedes the error
		code  int    // 0: no reply at all
		id    string // of the error reply
	}{
		{`not json`, false, CodeParseError, "null"},
		{``, false, CodeParseError, "null"},
		{`{"jsonrpc":"2.0","method":"m","id":"x"`, false, CodeParseError, "null"},
		{`[{"jsonrpc":"2.0","method":"m","id":"x"}]`, false, CodeInvalidRequest, "null"},
		{`"text"`, false, CodeInvalidRequest, "null"},
		{`null`, false, CodeInvalidRequest, "null"},
		{`{"jsonrpc":"2.0","id":"x"}`, false, CodeInvalidRequest, `"x"`},
		{`{"method":"m","id":"x"}`, false, CodeInvalidRequest, `"x"`},
		{`{"jsonrpc":2.0,"method":"m","id":"x"}`, false, CodeInvalidRequest, `"x"`},
		{`{"jsonrpc":"2.0","method":7,"id":"x"}`, false, CodeInvalidRequest, `"x"`},
		{`{"jsonrpc":"2.0","method":"","id":"x"}`, false, CodeInvalidRequest, `"x"`},
		{`{"jsonrpc":"2.0","method":"m","id":{"a":1}}`, false, CodeInvalidRequest, "null"},
		{`{"jsonrpc":"2.0","method":"m","id":true}`, false, CodeInvalidRequest, "null"},
		{`{"JSONRPC":"2.0","method":"m","id":"x"}`, false, CodeInvalidRequest, `"x"`}, // keys are exact
		{big, false, CodeInvalidRequest, "null"},
		{`{"jsonrpc":"2.0","method":"sgc@publish","params":"x","id":"x"}`, true, CodeInvalidParams, `"x"`},
		{`{"jsonrpc":"2.0","method":"sgc@publish","params":{"channel":1,"message":"m"},"id":"x"}`, true, CodeInvalidParams, `"x"`},
		{`{"jsonrpc":"2.0","method":"sgc@publish","params":{"message":"m"},"id":"x"}`, true, CodeInvalidParams, `"x"`},
		{`{"jsonrpc":"2.0","method":"sgc@publish","params":{"channel":"a*b","message":"m"},"id":"x"}`, true, CodeInvalidParams, `"x"`},
		{`{"jsonrpc":"2.0","method":"sgc@subscribe","params":{"channel":""},"id":"x"}`, true, CodeInvalidParams, `"x"`},
		{`{"jsonrpc":"2.0","method":"sgc@unsubscribe","params":{},"id":"x"}`, true, CodeInvalidParams, `"x"`},
		{`{"jsonrpc":"2.0","method":"sgc@broadcast","params":{"channel":"*x"},"id":"x"}`, true, CodeInvalidParams, `"x"`},
		{`{"jsonrpc":"2.0","method":"sgc@transaction","params":{"channel":""},"id":"x"}`, true, CodeInvalidParams, `"x"`},
		{`{"jsonrpc":"2.0","method":"sgc@event","params":{"channel":"c"},"id":"x"}`, true, CodeMethodNotFound, `"x"`},
		{`{"jsonrpc":"2.0","method":"sgc@pubrec","id":"x"}`, true, CodeMethodNotFound, `"x"`},
		{`{"jsonrpc":"2.0","method":"sgc@nope","id":-3}`, true, CodeMethodNotFound, `-3`},
		// Without id: no reply.
		{`{"jsonrpc":"2.0","method":"sgc@nope"}`, false, 0, ""},
		{`{"jsonrpc":"2.0","method":"sgc@subscribe","params":{"channel":"a*b"}}`, false, 0, ""},
		{`{"jsonrpc":"2.0","method":"sgc@publish","params":[1]}`, false, 0, ""},
		{`{"jsonrpc":"2.0","method":"sgc@publish","params":{"channel":"x","message":"m"},"id":null}`, false, 0, ""}, // null id: a notification
		// Responses other than an acknowledgment are ignored.
		{`{"jsonrpc":"2.0","result":"r","id":"x"}`, false, 0, ""},
		{`{"jsonrpc":"2.0","error":{"code":1,"message":"m"},"id":"x"}`, false, 0, ""},
	}
	for _, c := range cases {
		s := NewServer(ServerConfig{Now: newClock().Now, MaxMessageSize: 100}, ServerEvents{})
		g := &fakeConn{guid: "G"}
		s.Connected(g)
		g.take()
		s.Message(g, c.in)
		f := g.take()
		if c.acked {
			if len(f) == 0 || !strings.Contains(f[0], mAck) {
				t.Errorf("%s: no acknowledgment first: %q", c.in, f)
				continue
			}
			f = f[1:]
		}
		if c.code == 0 {
			if len(f) != 0 {
				t.Errorf("%s: unexpected reply %q", c.in, f)
			}
			continue
		}
		if len(f) != 1 {
			t.Errorf("%s: frames %q", c.in, f)
			continue
		}
		if code, id := reply(t, f[0]); code != c.code || id != c.id {
			t.Errorf("%s: code %d id %s, want %d %s", c.in, code, id, c.code, c.id)
		}
		// The connection, and others, are still served.
		s.Message(g, `{"jsonrpc":"2.0","method":"sgc@session"}`)
		if f := g.take(); len(f) != 1 || !strings.Contains(f[0], mSession) {
			t.Errorf("%s: not served afterwards: %q", c.in, f)
		}
		s.Close()
	}
}

func TestUnlimitedMessageSize(t *testing.T) {
	var got string
	s := NewServer(ServerConfig{Now: newClock().Now, MaxMessageSize: -1}, ServerEvents{OnMessage: func(c Conn, t string) { got = t }})
	g := &fakeConn{guid: "G"}
	big := strings.Repeat("y", DefaultMaxMessageSize+1)
	s.Message(g, `{"jsonrpc":"2.0","method":"sgc@message","params":{"message":"`+big+`"}}`)
	if got != big {
		t.Fatal("large message not delivered")
	}
}

// A client that never sends pubrel: storage is bounded and expires.
func TestQoS2StoreBoundedAndExpires(t *testing.T) {
	clock := newClock()
	var got []string
	s := NewServer(ServerConfig{Now: clock.Now, MaxPending: 2, QoS: QoS{Timeout: time.Minute}},
		ServerEvents{OnMessage: func(c Conn, t string) { got = append(got, t) }})
	g := &fakeConn{guid: "G"}
	s.Connected(g)
	g.take()
	msg := func(id string) string {
		return fmt.Sprintf(`{"jsonrpc":"2.0","method":"sgc@message","params":{"message":"%s","qos":"qosLevel2"},"id":"%s"}`, id, id)
	}
	rel := func(id string) string {
		return fmt.Sprintf(`{"jsonrpc":"2.0","method":"sgc@pubrel","params":{"channel":"","message":""},"id":"%s"}`, id)
	}
	s.Message(g, msg("1"))
	s.Message(g, msg("2"))
	s.Message(g, msg("3"))
	f := g.take()
	if len(f) != 3 || !strings.Contains(f[0], mPubrec) || !strings.Contains(f[1], mPubrec) {
		t.Fatalf("frames %q", f)
	}
	if code, id := reply(t, f[2]); code != CodeServerError || id != `"3"` {
		t.Fatalf("full store: %d %s", code, id)
	}
	s.Message(g, rel("1"))
	eq(t, "released", got, []string{"1"})
	clock.advance(time.Minute)
	s.Tick()
	s.Message(g, rel("2")) // expired: acknowledged, not delivered
	eq(t, "expired", got, []string{"1"})
	f = g.take()
	if len(f) != 2 || !strings.Contains(f[1], `"id":"2"`) || !strings.Contains(f[1], mAck) {
		t.Fatalf("frames %q", f)
	}
	s.Message(g, msg("3")) // room again
	if f := g.take(); len(f) != 1 || !strings.Contains(f[0], mPubrec) {
		t.Fatalf("frames %q", f)
	}
}

func TestTransactionBounded(t *testing.T) {
	s := NewServer(ServerConfig{Now: newClock().Now, MaxPending: 3}, ServerEvents{})
	g := &fakeConn{guid: "G"}
	s.Connected(g)
	tx := func(m, ch string) string {
		return fmt.Sprintf(`{"jsonrpc":"2.0","method":"%s","params":{"channel":"%s"},"id":"%s-%s"}`, m, ch, m, ch)
	}
	s.Message(g, tx(mTransaction, "a"))
	s.Message(g, tx(mTransaction, "b"))
	s.Message(g, tx(mPublish, "a")) // held: 3 of 3
	g.take()
	s.Message(g, tx(mPublish, "b"))
	s.Message(g, tx(mTransaction, "c"))
	f := g.take()
	if len(f) != 4 {
		t.Fatalf("frames %q", f)
	}
	for _, i := range []int{1, 3} {
		if code, _ := reply(t, f[i]); code != CodeServerError {
			t.Fatalf("frame %d: %s", i, f[i])
		}
	}
	s.Message(g, tx(mRollback, "a")) // frees two slots
	s.Message(g, tx(mTransaction, "c"))
	if f := g.take(); len(f) != 2 || strings.Contains(f[1], "error") {
		t.Fatalf("frames %q", f)
	}
}

func TestPendingRPCsBounded(t *testing.T) {
	s := NewServer(ServerConfig{Now: newClock().Now, MaxPending: 1}, ServerEvents{OnRPC: func(Conn, string, string, string) {}})
	g := &fakeConn{guid: "G"}
	s.Message(g, `{"jsonrpc":"2.0","method":"m","id":"1"}`)
	s.Message(g, `{"jsonrpc":"2.0","method":"m","id":"2"}`)
	f := g.take()
	if code, id := reply(t, f[len(f)-1]); code != CodeServerError || id != `"2"` {
		t.Fatalf("frames %q", f)
	}
	if err := s.RPCResult("1", "ok"); err != nil {
		t.Fatal(err)
	}
	s.Message(g, `{"jsonrpc":"2.0","method":"m","id":"3"}`)
	if f := g.take(); len(f) != 2 || strings.Contains(f[len(f)-1], "error") {
		t.Fatalf("frames %q", f)
	}
}

func TestOutboxBounded(t *testing.T) {
	clock := newClock()
	s := NewServer(ServerConfig{Now: clock.Now, MaxPending: 2, QoS: QoS{Level: QoSLevel1, Timeout: time.Second}}, ServerEvents{})
	g := &fakeConn{guid: "G"}
	s.Connected(g) // tracked: session
	s.Message(g, `{"jsonrpc":"2.0","method":"sgc@x","id":"e1"}`)
	s.Message(g, `{"jsonrpc":"2.0","method":"sgc@x","id":"e2"}`) // the session is no longer tracked
	g.take()
	clock.advance(time.Second)
	s.Tick()
	f := g.take()
	if len(f) != 2 || !strings.Contains(f[0], `"id":"e1"`) || !strings.Contains(f[1], `"id":"e2"`) {
		t.Fatalf("resent %q", f)
	}
}

func TestQueueBounds(t *testing.T) {
	s := NewServer(ServerConfig{Now: newClock().Now, MaxQueue: 2, MaxQueueChannels: 1}, ServerEvents{})
	for i := 1; i <= 4; i++ {
		s.Publish(fmt.Sprint(i), "a", "", "", QueueLevel2)
	}
	s.Publish("b", "b", "", "", QueueLevel2) // a second channel is not stored
	g := &fakeConn{guid: "G"}
	s.Connected(g)
	s.Subscribe("G", "a")
	s.Subscribe("G", "b")
	f := g.take()
	eq(t, "frames", f[1:], []string{
		`{"jsonrpc":"2.0","result":{"method":"sgc@subscribe","channel":"a"}}`,
		`{"jsonrpc":"2.0","result":{"method":"sgc@event","channel":"a","message":"3"}}`,
		`{"jsonrpc":"2.0","result":{"method":"sgc@event","channel":"a","message":"4"}}`,
		`{"jsonrpc":"2.0","result":{"method":"sgc@subscribe","channel":"b"}}`,
	})
}

// Publish to "" reaches everyone and its queue is replayed on connect.
func TestPublishToAllReplayedOnConnect(t *testing.T) {
	s := NewServer(ServerConfig{Now: newClock().Now}, ServerEvents{})
	a := &fakeConn{guid: "A"}
	s.Connected(a)
	a.take()
	s.Publish("hello all", "", "", "", QueueLevel1)
	eq(t, "A", a.take(), []string{`{"jsonrpc":"2.0","result":{"method":"sgc@event","channel":"","message":"hello all"}}`})
	b := &fakeConn{guid: "B"}
	s.Connected(b)
	eq(t, "B", b.take(), []string{
		`{"jsonrpc":"2.0","result":{"method":"sgc@session","message":"B"},"qos":"qosLevel0","id":"B"}`,
		`{"jsonrpc":"2.0","result":{"method":"sgc@event","channel":"","message":"hello all"}}`})
}

func TestClientIgnoresBadInput(t *testing.T) {
	rec := &recorder{}
	var sent []string
	c := NewClient(ClientConfig{Now: newClock().Now, MaxMessageSize: 200}, func(s string) error { sent = append(sent, s); return nil }, rec.clientEvents())
	c.Connected()
	for _, in := range []string{
		``, `x`, `[]`, `{}`, `{"jsonrpc":"1.0","result":"r","id":"1"}`,
		`{"jsonrpc":"2.0","result":"r","error":{"code":1},"id":"1"}`,
		`{"jsonrpc":"2.0","result":{"method":"sgc@unknown"},"id":"1"}`,
		`{"jsonrpc":"2.0","method":"sgc@event","params":{"channel":"c","message":"m"}}`,
		`{"jsonrpc":"2.0","error":"not an object","id":"1"}`,
		`{"jsonrpc":"2.0","result":{"method":"sgc@event","channel":"c","message":"` + strings.Repeat("z", 200) + `"}}`,
	} {
		c.Message(in)
	}
	eq(t, "events", rec.take(), nil)
	eq(t, "sent", sent, nil)
}
