package sgc

import (
	"encoding/json"
	"testing"
)

// Client → server as the vendor JS (esegece.com.js) emits them: spaces
// after commas, its key order. Each must parse to the request shown.
func TestVendorRequestsParse(t *testing.T) {
	cases := []struct {
		in   string
		want request
	}{
		{`{"jsonrpc":"2.0", "method":"sgc@message", "params":{"message":"Hello", "qos":"qosLevel1"}, "id":"8a3f"}`,
			request{method: mMessage, message: "Hello", qos: QoSLevel1, id: strID("8a3f"), hasID: true}},
		{`{"jsonrpc":"2.0", "method":"sgc@message", "params":{"message":{"a": [1, "x"]}}, "id":"8a3f"}`,
			request{method: mMessage, message: `{"a": [1, "x"]}`, id: strID("8a3f"), hasID: true}},
		{`{"jsonrpc":"2.0", "method":"sgc@publish", "params":{"channel":"news", "message":"hi", "qos":"qosLevel2", "queue":"queueLevel1"}, "id":"1c"}`,
			request{method: mPublish, channel: "news", hasChannel: true, message: "hi", qos: QoSLevel2, queue: QueueLevel1, id: strID("1c"), hasID: true}},
		{`{"jsonrpc":"2.0", "method":"sgc@publish", "params":{"channel":"news", "message":"hi"}, "id":"1c"}`,
			request{method: mPublish, channel: "news", hasChannel: true, message: "hi", id: strID("1c"), hasID: true}},
		{`{"jsonrpc":"2.0", "method":"sgc@subscribe", "params":{"channel":"news*", "message":"", "qos":"qosLevel1"}, "id":"5"}`,
			request{method: mSubscribe, channel: "news*", hasChannel: true, qos: QoSLevel1, id: strID("5"), hasID: true}},
		{`{"jsonrpc":"2.0", "method":"sgc@unsubscribe", "params":{"channel":"news", "message":""}, "id":"6"}`,
			request{method: mUnsubscribe, channel: "news", hasChannel: true, id: strID("6"), hasID: true}},
		{`{"jsonrpc":"2.0", "method":"sgc@broadcast", "params":{"channel":"", "message":"all"}}`,
			request{method: mBroadcast, hasChannel: true, message: "all"}},
		{`{"jsonrpc":"2.0", "method":"sgc@transaction", "params":{"channel":"sgc:test", "message":""}}`,
			request{method: mTransaction, channel: "sgc:test", hasChannel: true}},
		{`{"jsonrpc":"2.0", "method":"sgc@commit", "params":{"channel":"sgc:test", "message":""}}`,
			request{method: mCommit, channel: "sgc:test", hasChannel: true}},
		{`{"jsonrpc":"2.0", "method":"sgc@rollback", "params":{"channel":"sgc:test", "message":""}}`,
			request{method: mRollback, channel: "sgc:test", hasChannel: true}},
		{`{"jsonrpc":"2.0", "method":"sgc@pubrel", "params":{"channel":"", "message":"", "qos":"qosLevel2"}, "id":"1c"}`,
			request{method: mPubrel, hasChannel: true, qos: QoSLevel2, id: strID("1c"), hasID: true}},
		{`{"jsonrpc":"2.0", "method":"sgc@session"}`,
			request{method: mSession}},
		{`{"jsonrpc":"2.0", "method":"test", "params":"{\"param\":10}", "id":"r1"}`, // 2021 JS: quoted
			request{method: "test", params: `{"param":10}`, id: strID("r1"), hasID: true}},
		{`{"jsonrpc":"2.0", "method":"test", "params":{"param":10}, "id":"r1"}`, // 2013 JS: raw
			request{method: "test", params: `{"param":10}`, id: strID("r1"), hasID: true}},
		{`{"jsonrpc":"2.0", "method":"test", "params":"{\"param\":10}"}`,
			request{method: "test", params: `{"param":10}`}},
		{`{"jsonrpc": "2.0", "method": "subtract", "params": [42, 23], "id": 1}`, // the manual's example
			request{method: "subtract", params: `[42, 23]`, id: msgID{s: "1", num: true}, hasID: true}},
		{`{"id":"k","params":{"message":"m","channel":"c"},"method":"sgc@publish","jsonrpc":"2.0"}`, // any key order
			request{method: mPublish, channel: "c", hasChannel: true, message: "m", id: strID("k"), hasID: true}},
	}
	for _, c := range cases {
		e, werr := parseEnvelope(c.in)
		if werr != nil {
			t.Fatalf("%s: %+v", c.in, werr)
		}
		if got := *newRequest(e); got != c.want {
			t.Errorf("%s:\n got %+v\nwant %+v", c.in, got, c.want)
		}
	}
}

// Every frame the Server writes, byte for byte. Each case starts a fresh
// server with G1 and G2 connected (sessions consumed), G2 subscribed to
// "news", then G1 sends in; want1/want2 are the frames G1/G2 receive.
func TestServerGolden(t *testing.T) {
	type tc struct {
		name         string
		cfg          ServerConfig
		ev           func(s **Server) ServerEvents
		in           []string
		want1, want2 []string
	}
	rpcAnswer := func(result string) func(s **Server) ServerEvents {
		return func(s **Server) ServerEvents {
			return ServerEvents{OnRPC: func(c Conn, id, method, params string) { (*s).RPCResult(id, result) }}
		}
	}
	cases := []tc{
		{name: "subscribe", in: []string{`{"jsonrpc":"2.0", "method":"sgc@subscribe", "params":{"channel":"news", "message":""}, "id":"7"}`},
			want1: []string{`{"jsonrpc":"2.0","result":{"method":"sgc@acknowledgment"},"id":"7"}`,
				`{"jsonrpc":"2.0","result":{"method":"sgc@subscribe","channel":"news"},"id":"7"}`}},
		{name: "unsubscribe", in: []string{`{"jsonrpc":"2.0", "method":"sgc@unsubscribe", "params":{"channel":"news", "message":""}, "id":"8"}`},
			want1: []string{`{"jsonrpc":"2.0","result":{"method":"sgc@acknowledgment"},"id":"8"}`,
				`{"jsonrpc":"2.0","result":{"method":"sgc@unsubscribe","channel":"news"},"id":"8"}`}},
		{name: "publish", in: []string{`{"jsonrpc":"2.0", "method":"sgc@publish", "params":{"channel":"news", "message":"say \"hi\"\n<&>"}, "id":"9"}`},
			want1: []string{`{"jsonrpc":"2.0","result":{"method":"sgc@acknowledgment"},"id":"9"}`},
			want2: []string{`{"jsonrpc":"2.0","result":{"method":"sgc@event","channel":"news","message":"say \"hi\"\n<&>"}}`}},
		{name: "broadcast", in: []string{`{"jsonrpc":"2.0", "method":"sgc@broadcast", "params":{"channel":"", "message":"all"}}`},
			want1: []string{`{"jsonrpc":"2.0","result":{"method":"sgc@message","channel":"","message":"all"}}`},
			want2: []string{`{"jsonrpc":"2.0","result":{"method":"sgc@message","channel":"","message":"all"}}`}},
		{name: "broadcast relayed without sender id/qos", in: []string{`{"jsonrpc":"2.0","method":"sgc@broadcast","params":{"channel":"news","message":"n","qos":"qosLevel1"},"id":"b1"}`},
			want1: []string{`{"jsonrpc":"2.0","result":{"method":"sgc@acknowledgment"},"id":"b1"}`},
			want2: []string{`{"jsonrpc":"2.0","result":{"method":"sgc@message","channel":"news","message":"n"}}`}},
		{name: "qos2 pubrec then pubrel", in: []string{
			`{"jsonrpc":"2.0", "method":"sgc@publish", "params":{"channel":"news", "message":"x", "qos":"qosLevel2"}, "id":"q"}`,
			`{"jsonrpc":"2.0", "method":"sgc@pubrel", "params":{"channel":"", "message":""}, "id":"q"}`},
			want1: []string{`{"jsonrpc":"2.0","result":{"method":"sgc@pubrec"},"id":"q"}`,
				`{"jsonrpc":"2.0","result":{"method":"sgc@acknowledgment"},"id":"q"}`},
			want2: []string{`{"jsonrpc":"2.0","result":{"method":"sgc@event","channel":"news","message":"x"}}`}},
		{name: "session on request", in: []string{`{"jsonrpc":"2.0", "method":"sgc@session"}`},
			want1: []string{`{"jsonrpc":"2.0","result":{"method":"sgc@session","message":"G1"},"qos":"qosLevel0","id":"G1"}`}},
		{name: "session qos stamp", cfg: ServerConfig{QoS: QoS{Level: QoSLevel2}}, in: []string{`{"jsonrpc":"2.0","method":"sgc@session"}`},
			want1: []string{`{"jsonrpc":"2.0","result":{"method":"sgc@session","message":"G1"},"qos":"qosLevel2","id":"G1"}`}},
		{name: "rpc object result", ev: rpcAnswer(`{"time": "12:00"}`), in: []string{`{"jsonrpc":"2.0", "method":"GetTime", "params":"", "id":"r1"}`},
			want1: []string{`{"jsonrpc":"2.0","result":{"method":"sgc@acknowledgment"},"id":"r1"}`,
				`{"jsonrpc":"2.0","result":{"time":"12:00"},"qos":"qosLevel0","id":"r1"}`}},
		{name: "rpc array result", ev: rpcAnswer(`[1, 2]`), in: []string{`{"jsonrpc":"2.0","method":"m","id":"r1"}`},
			want1: []string{`{"jsonrpc":"2.0","result":{"method":"sgc@acknowledgment"},"id":"r1"}`,
				`{"jsonrpc":"2.0","result":[1,2],"qos":"qosLevel0","id":"r1"}`}},
		{name: "rpc text result", ev: rpcAnswer(`42 "x"`), in: []string{`{"jsonrpc":"2.0","method":"m","id":"r1"}`},
			want1: []string{`{"jsonrpc":"2.0","result":{"method":"sgc@acknowledgment"},"id":"r1"}`,
				`{"jsonrpc":"2.0","result":"42 \"x\"","qos":"qosLevel0","id":"r1"}`}},
		{name: "rpc result that looks reserved goes as string", ev: rpcAnswer(`{"method":"sgc@event"}`), in: []string{`{"jsonrpc":"2.0","method":"m","id":"r1"}`},
			want1: []string{`{"jsonrpc":"2.0","result":{"method":"sgc@acknowledgment"},"id":"r1"}`,
				`{"jsonrpc":"2.0","result":"{\"method\":\"sgc@event\"}","qos":"qosLevel0","id":"r1"}`}},
		{name: "rpc numeric id echoed as number", ev: rpcAnswer(`19`), in: []string{`{"jsonrpc": "2.0", "method": "subtract", "params": [42, 23], "id": 1}`},
			want1: []string{`{"jsonrpc":"2.0","result":{"method":"sgc@acknowledgment"},"id":1}`,
				`{"jsonrpc":"2.0","result":"19","qos":"qosLevel0","id":1}`}},
		{name: "rpc error with data", ev: func(s **Server) ServerEvents {
			return ServerEvents{OnRPC: func(c Conn, id, m, p string) { (*s).RPCError(id, 10, "bad", "more") }}
		}, in: []string{`{"jsonrpc":"2.0","method":"m","id":"r1"}`},
			want1: []string{`{"jsonrpc":"2.0","result":{"method":"sgc@acknowledgment"},"id":"r1"}`,
				`{"jsonrpc":"2.0","error":{"code":10,"message":"bad","data":"more"},"qos":"qosLevel0","id":"r1"}`}},
		{name: "rpc error without data", ev: func(s **Server) ServerEvents {
			return ServerEvents{OnRPC: func(c Conn, id, m, p string) { (*s).RPCError(id, -1, "bad", "") }}
		}, in: []string{`{"jsonrpc":"2.0","method":"m","id":"r1"}`},
			want1: []string{`{"jsonrpc":"2.0","result":{"method":"sgc@acknowledgment"},"id":"r1"}`,
				`{"jsonrpc":"2.0","error":{"code":-1,"message":"bad"},"qos":"qosLevel0","id":"r1"}`}},
		{name: "rpc without handler", in: []string{`{"jsonrpc":"2.0","method":"m","id":"r1"}`},
			want1: []string{`{"jsonrpc":"2.0","result":{"method":"sgc@acknowledgment"},"id":"r1"}`,
				`{"jsonrpc":"2.0","error":{"code":-32601,"message":"Method not found. The method does not exist / is not available."},"qos":"qosLevel0","id":"r1"}`}},
		{name: "write data", ev: func(s **Server) ServerEvents {
			return ServerEvents{OnMessage: func(c Conn, text string) { (*s).WriteData("G2", "echo "+text) }}
		}, in: []string{`{"jsonrpc":"2.0", "method":"sgc@message", "params":{"message":"hi"}}`},
			want2: []string{`{"jsonrpc":"2.0","result":{"method":"sgc@message","channel":"","message":"echo hi"}}`}},
		{name: "parse error", in: []string{`{"jsonrpc":"2.0", "method":"sgc@message", "params":{"message":"he said "hi""}}`},
			want1: []string{`{"jsonrpc":"2.0","error":{"code":-32700,"message":"Parse error. Invalid JSON was received by the server."},"qos":"qosLevel0","id":null}`}},
		{name: "invalid request", in: []string{`{"jsonrpc":"1.0","method":"m","id":"x"}`},
			want1: []string{`{"jsonrpc":"2.0","error":{"code":-32600,"message":"Invalid Request. The JSON sent is not a valid Request object.","data":"jsonrpc must be \"2.0\""},"qos":"qosLevel0","id":"x"}`}},
		{name: "unknown reserved", in: []string{`{"jsonrpc":"2.0","method":"sgc@channels","id":"c"}`, `{"jsonrpc":"2.0","method":"sgc@channels"}`},
			want1: []string{`{"jsonrpc":"2.0","result":{"method":"sgc@acknowledgment"},"id":"c"}`,
				`{"jsonrpc":"2.0","error":{"code":-32601,"message":"Method not found. The method does not exist / is not available."},"qos":"qosLevel0","id":"c"}`}},
		{name: "invalid params", in: []string{`{"jsonrpc":"2.0","method":"sgc@subscribe","params":{"channel":"a*b"},"id":"s"}`},
			want1: []string{`{"jsonrpc":"2.0","result":{"method":"sgc@acknowledgment"},"id":"s"}`,
				`{"jsonrpc":"2.0","error":{"code":-32602,"message":"Invalid params. Invalid method parameter(s).","data":"invalid channel"},"qos":"qosLevel0","id":"s"}`}},
		{name: "protocol", in: []string{`{"jsonrpc":"2.0","method":"sgc@protocol"}`},
			want1: []string{`esegece.com`}},
		{name: "client acknowledgment is not acknowledged", in: []string{`{"jsonrpc":"2.0","method":"sgc@acknowledgment","id":"G1"}`}},
		{name: "notification", in: []string{`{"jsonrpc":"2.0", "method":"test", "params":"{\"param\":10}"}`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg := c.cfg
			cfg.Now = newClock().Now
			var s *Server
			ev := ServerEvents{}
			if c.ev != nil {
				ev = c.ev(&s)
			}
			s = NewServer(cfg, ev)
			defer s.Close()
			g1, g2 := &fakeConn{guid: "G1"}, &fakeConn{guid: "G2"}
			s.Connected(g1)
			s.Connected(g2)
			if err := s.Subscribe("G2", "news"); err != nil {
				t.Fatal(err)
			}
			g1.take()
			g2.take()
			for _, in := range c.in {
				s.Message(g1, in)
			}
			eq(t, "G1", g1.take(), c.want1)
			eq(t, "G2", g2.take(), c.want2)
		})
	}
}

// The connect-time frames: the session, and server-side Subscribe's
// confirmation without id.
func TestServerGoldenConnect(t *testing.T) {
	s := NewServer(ServerConfig{Now: newClock().Now, QoS: QoS{Level: QoSLevel1}}, ServerEvents{})
	g := &fakeConn{guid: "a\"b"}
	s.Connected(g)
	s.Subscribe(g.guid, "c")
	s.UnSubscribe(g.guid, "c")
	eq(t, "frames", g.take(), []string{
		`{"jsonrpc":"2.0","result":{"method":"sgc@session","message":"a\"b"},"qos":"qosLevel1","id":"a\"b"}`,
		`{"jsonrpc":"2.0","result":{"method":"sgc@subscribe","channel":"c"}}`,
		`{"jsonrpc":"2.0","result":{"method":"sgc@unsubscribe","channel":"c"}}`,
	})
}

// Every frame the Client writes, byte for byte.
func TestClientGolden(t *testing.T) {
	cases := []struct {
		name string
		qos  QoSLevel
		do   func(c *Client) error
		want []string
	}{
		{"write data", 0, func(c *Client) error { return c.WriteData("hi") },
			[]string{`{"jsonrpc":"2.0","method":"sgc@message","params":{"message":"hi"},"id":"I1"}`}},
		{"write data qos1", 1, func(c *Client) error { return c.WriteData("hi") },
			[]string{`{"jsonrpc":"2.0","method":"sgc@message","params":{"message":"hi","qos":"qosLevel1"},"id":"I1"}`}},
		{"publish", 0, func(c *Client) error { return c.Publish(`{"a":"b"} "q"`, "news", QueueLevel0) },
			[]string{`{"jsonrpc":"2.0","method":"sgc@publish","params":{"channel":"news","message":"{\"a\":\"b\"} \"q\""},"id":"I1"}`}},
		{"publish qos2 queue2", 2, func(c *Client) error { return c.Publish("m", "news", QueueLevel2) },
			[]string{`{"jsonrpc":"2.0","method":"sgc@publish","params":{"channel":"news","message":"m","qos":"qosLevel2","queue":"queueLevel2"},"id":"I1"}`}},
		{"publish queue1", 0, func(c *Client) error { return c.Publish("m", "news", QueueLevel1) },
			[]string{`{"jsonrpc":"2.0","method":"sgc@publish","params":{"channel":"news","message":"m","queue":"queueLevel1"},"id":"I1"}`}},
		{"subscribe", 0, func(c *Client) error { return c.Subscribe("news*") },
			[]string{`{"jsonrpc":"2.0","method":"sgc@subscribe","params":{"channel":"news*","message":""},"id":"I1"}`}},
		{"subscribe qos1", 1, func(c *Client) error { return c.Subscribe("news") },
			[]string{`{"jsonrpc":"2.0","method":"sgc@subscribe","params":{"channel":"news","message":"","qos":"qosLevel1"},"id":"I1"}`}},
		{"unsubscribe", 0, func(c *Client) error { return c.UnSubscribe("news") },
			[]string{`{"jsonrpc":"2.0","method":"sgc@unsubscribe","params":{"channel":"news","message":""},"id":"I1"}`}},
		{"broadcast", 1, func(c *Client) error { return c.Broadcast("hi", "") },
			[]string{`{"jsonrpc":"2.0","method":"sgc@broadcast","params":{"channel":"","message":"hi"}}`}},
		{"transaction", 0, func(c *Client) error {
			c.StartTransaction("sgc:test")
			c.Commit("sgc:test")
			return c.RollBack("sgc:test")
		}, []string{
			`{"jsonrpc":"2.0","method":"sgc@transaction","params":{"channel":"sgc:test","message":""}}`,
			`{"jsonrpc":"2.0","method":"sgc@commit","params":{"channel":"sgc:test","message":""}}`,
			`{"jsonrpc":"2.0","method":"sgc@rollback","params":{"channel":"sgc:test","message":""}}`}},
		{"get session", 0, func(c *Client) error { return c.GetSession() },
			[]string{`{"jsonrpc":"2.0","method":"sgc@session"}`}},
		{"rpc object params", 1, func(c *Client) error { return c.RPC("r1", "test", `{"param": 10}`) },
			[]string{`{"jsonrpc":"2.0","method":"test","params":{"param":10},"id":"r1"}`}},
		{"rpc text params", 0, func(c *Client) error { return c.RPC("r1", "test", `ab"c`) },
			[]string{`{"jsonrpc":"2.0","method":"test","params":"ab\"c","id":"r1"}`}},
		{"rpc no params", 0, func(c *Client) error { return c.RPC("r1", "test", "") },
			[]string{`{"jsonrpc":"2.0","method":"test","id":"r1"}`}},
		{"notify", 0, func(c *Client) error { return c.Notify("test", `[1, 2]`) },
			[]string{`{"jsonrpc":"2.0","method":"test","params":[1,2]}`}},
		{"acknowledge a qos1 session", 0, func(c *Client) error {
			c.Message(`{"jsonrpc":"2.0","result":{"method":"sgc@session","message":"G"},"qos":"qosLevel1","id":"G"}`)
			return nil
		}, []string{`{"jsonrpc":"2.0","method":"sgc@acknowledgment","id":"G"}`}},
		{"acknowledge a numeric-id rpc result", 0, func(c *Client) error {
			c.Message(`{"jsonrpc":"2.0","result":5,"qos":"qosLevel2","id":7}`)
			return nil
		}, []string{`{"jsonrpc":"2.0","method":"sgc@acknowledgment","id":7}`}},
		{"pubrel on pubrec", 2, func(c *Client) error {
			c.Message(`{"jsonrpc":"2.0","result":{"method":"sgc@pubrec"},"id":"X"}`)
			return nil
		}, []string{`{"jsonrpc":"2.0","method":"sgc@pubrel","params":{"channel":"","message":""},"id":"X"}`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var sent []string
			cl := NewClient(ClientConfig{Now: newClock().Now, NewID: func() string { return "I1" }},
				func(s string) error { sent = append(sent, s); return nil }, ClientEvents{})
			defer cl.Close()
			cl.Connected()
			cl.SetQoSLevel(c.qos)
			if err := c.do(cl); err != nil {
				t.Fatal(err)
			}
			eq(t, "sent", sent, c.want)
			for _, s := range sent {
				if !json.Valid([]byte(s)) {
					t.Fatalf("invalid JSON %s", s)
				}
			}
		})
	}
}

func TestAppendString(t *testing.T) {
	cases := map[string]string{
		"":                   `""`,
		"plain <&>":          `"plain <&>"`,
		"q\"b\\":             `"q\"b\\"`,
		"\n\r\t\b\f\x01\x1f": `"\n\r\t\b\f\u0001\u001f"`,
		"é€😀":                `"é€😀"`,
		"bad\xffutf8":        `"bad\ufffdutf8"`,
		"\u2028\u2029":       `"\u2028\u2029"`,
	}
	for in, want := range cases {
		got := string(appendString(nil, in))
		if got != want {
			t.Errorf("%q: got %s want %s", in, got, want)
		}
		var back string
		if err := json.Unmarshal([]byte(got), &back); err != nil {
			t.Errorf("%q: %v", in, err)
		}
	}
}
