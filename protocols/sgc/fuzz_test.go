package sgc

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

var fuzzSeeds = []string{
	`{"jsonrpc":"2.0", "method":"sgc@subscribe", "params":{"channel":"news*", "message":""}, "id":"1"}`,
	`{"jsonrpc":"2.0", "method":"sgc@publish", "params":{"channel":"news/a", "message":"m", "qos":"qosLevel2", "queue":"queueLevel2"}, "id":"2"}`,
	`{"jsonrpc":"2.0", "method":"sgc@pubrel", "params":{"channel":"", "message":""}, "id":"2"}`,
	`{"jsonrpc":"2.0", "method":"sgc@transaction", "params":{"channel":"t", "message":""}}`,
	`{"jsonrpc":"2.0", "method":"sgc@publish", "params":{"channel":"t", "message":{"a":[1]}}, "id":"3"}`,
	`{"jsonrpc":"2.0", "method":"sgc@commit", "params":{"channel":"t", "message":""}}`,
	`{"jsonrpc":"2.0", "method":"sgc@broadcast", "params":{"channel":"", "message":"b"}}`,
	`{"jsonrpc":"2.0", "method":"sgc@unsubscribe_all", "id":4}`,
	`{"jsonrpc":"2.0", "method":"rpc", "params":"{\"p\":1}", "id":"5"}`,
	`{"jsonrpc":"2.0","method":"sgc@acknowledgment","id":"G0"}`,
	`{"jsonrpc":"2.0","result":{"method":"sgc@acknowledgment"},"id":"G1"}`,
	`{"jsonrpc":"2.0","method":"sgc@protocol"}`,
	`{"jsonrpc":"2.0","method":"sgc@subscribe","params":{"channel":"[a-"}}`,
	`[1,2]`, `{`, `null`, "\xff",
}

// FuzzServerMessage feeds arbitrary text to a server with three
// connections, in both wildcard modes. It must not panic, and everything
// it writes must be JSON (or the bare sgc@protocol answer).
func FuzzServerMessage(f *testing.F) {
	for i, s := range fuzzSeeds {
		f.Add(s, uint8(i))
	}
	f.Fuzz(func(t *testing.T, text string, sel uint8) {
		clock := newClock()
		var s *Server
		s = NewServer(ServerConfig{
			Now:               clock.Now,
			UseMatchesMasks:   sel&1 != 0,
			QoS:               QoS{Level: QoSLevel(sel >> 1 % 3), Timeout: time.Second},
			MaxPending:        4,
			MaxQueue:          2,
			RPCAuthentication: RPCAuthentication{Enabled: sel&8 != 0, Methods: []string{"rpc"}},
		}, ServerEvents{
			OnRPC: func(c Conn, id, m, p string) {
				s.RPCResult(id, p)
				s.RPCError(id, 1, m, p)
			},
			OnMessage: func(c Conn, text string) { s.WriteData(c.Guid(), text) },
		})
		defer s.Close()
		conns := []*fakeConn{{guid: "G0"}, {guid: "G1"}, {guid: "G2"}}
		for _, c := range conns {
			s.Connected(c)
		}
		s.Subscribe("G2", "news*")
		from := conns[int(sel)%len(conns)]
		s.Message(from, text)
		s.Message(from, text) // duplicates exercise QoS 2 and transactions
		clock.advance(time.Second)
		s.Tick()
		s.Publish(text, "news/x", "", "", QueueLevel2)
		s.Message(conns[1], `{"jsonrpc":"2.0","method":"sgc@session"}`)
		// G1 is still served, whatever came before.
		served := false
		var written []string
		for _, c := range conns {
			f := c.take()
			if c.guid == "G1" && len(f) > 0 {
				served = strings.HasPrefix(f[len(f)-1], `{"jsonrpc":"2.0","result":{"method":"sgc@session","message":"G1"}`)
			}
			written = append(written, f...)
		}
		if !served {
			t.Fatal("no session answer for G1")
		}
		s.Disconnected(from)
		s.Message(from, text)
		for _, c := range conns {
			written = append(written, c.take()...)
		}
		for _, w := range written {
			if w != Protocol && !json.Valid([]byte(w)) {
				t.Fatalf("wrote invalid JSON %q", w)
			}
		}
	})
}

// FuzzClientMessage feeds arbitrary text to a client. It must not panic,
// and everything it sends must be JSON.
func FuzzClientMessage(f *testing.F) {
	for i, s := range []string{
		`{"jsonrpc":"2.0","result":{"method":"sgc@session","message":"G"},"qos":"qosLevel1","id":"G"}`,
		`{"jsonrpc":"2.0","result":{"method":"sgc@pubrec"},"id":"x"}`,
		`{"jsonrpc":"2.0","result":{"method":"sgc@event","channel":"c","message":{"a":1}}}`,
		`{"jsonrpc":"2.0","result":{"method":"sgc@unsubscribe_all","channel":""}}`,
		`{"jsonrpc":"2.0","error":{"code":1e300,"message":5,"data":[1]},"qos":"qosLevel2","id":7}`,
		`{"jsonrpc":"2.0","method":"sgc@message","params":{"message":"w"}}`,
		`{"jsonrpc":"2.0","result":[1],"id":"r"}`,
		`{`, `[]`,
	} {
		f.Add(s, uint8(i))
	}
	f.Fuzz(func(t *testing.T, text string, sel uint8) {
		clock := newClock()
		var sent []string
		var c *Client
		c = NewClient(ClientConfig{Now: clock.Now, QoS: QoS{Level: QoSLevel(sel % 3), Timeout: time.Second}, MaxPending: 4, Queue: sel&4 != 0},
			func(s string) error { sent = append(sent, s); return nil },
			ClientEvents{OnSubscription: func(ch string) { c.Publish(ch, ch, QueueLevel1) }})
		defer c.Close()
		c.Connected()
		c.Subscribe("s")
		c.Message(text)
		c.Message(text)
		c.SetQueue(false)
		clock.advance(time.Second)
		c.Tick()
		c.UnSubscribeAll()
		for _, s := range sent {
			if !json.Valid([]byte(s)) {
				t.Fatalf("sent invalid JSON %q", s)
			}
		}
	})
}
