package sgc

import (
	"sync"

	"github.com/sgcws/sgcws/core/props"
	"github.com/sgcws/sgcws/core/registry"
	"github.com/sgcws/sgcws/protocols/base"
)

// KindClient is TsgcWSPClient_sgc's ABI kind.
const KindClient = 19

// TsgcWSPClient_sgc's events, with the signatures the original product publishes (inventory
// §11.11); OnMessage carries the server's broadcasts and WriteData.
var (
	cOnEvent       = ev("OnEvent", 100, strParam("Channel", nil), strParam("Text", nil))
	cOnRPCResult   = ev("OnRPCResult", 101, plain("Id"), plain("Result"))
	cOnRPCError    = ev("OnRPCError", 102, plain("Id"), registry.Param{Name: "ErrorCode", Type: registry.Int}, plain("ErrorMessage"), plain("ErrorData"))
	cOnAck         = ev("OnAcknowledgment", 103, strParam("Id", nil))
	cOnRawMessage  = ev("OnRawMessage", 104, strParam("Text", nil), varBool("Handled"))
	cOnSession     = ev("OnSession", 105, plain("Guid"))
	cOnSubscribe   = ev("OnSubscription", 106, strParam("Subscription", nil))
	cOnUnSubscribe = ev("OnUnSubscription", 107, strParam("Subscription", nil))
	cOnMessage     = ev("OnMessage", 108, strParam("Text", nil))
)

// plain is a String argument without the manual's const (OnRPCResult(Connection; Id, Result: string)).
func plain(name string) registry.Param { return registry.Param{Name: name, Type: registry.String} }

// client is a TsgcWSPClient_sgc: fresh logic for each connection, with the properties as they are
// when it opens; QoS.Level and Queue also apply at once to the open one.
type client struct {
	base.Client
	host registry.Host
	ps   *props.Set
	f    struct {
		qos   qosFields
		queue bool
	}

	mu    sync.Mutex
	logic *Client
}

func newClientComponent(host registry.Host) registry.Instance {
	c := &client{host: host, ps: props.NewSet()}
	c.Init(host, c, func() string { return Protocol })
	c.Register(c.ps)
	c.f.qos.register(c.ps)
	c.ps.Bool("Queue", &c.f.queue, false, "hold received messages unprocessed until Queue is False again")
	c.ps.Func(props.Info{Name: "Subscriptions", Type: props.Strings, Doc: "the active subscriptions"},
		func() (any, error) {
			if l := c.current(); l != nil {
				return l.Subscriptions(), nil
			}
			return []string(nil), nil
		}, nil)
	c.ps.OnChange(func(name string) {
		l := c.current()
		if l == nil {
			return
		}
		switch name {
		case "QoS.Level":
			v, _ := c.ps.GetInt(name)
			_ = l.SetQoSLevel(QoSLevel(v))
		case "Queue":
			v, _ := c.ps.GetBool(name)
			l.SetQueue(v)
		}
	})
	return c
}

func (c *client) Props() *props.Set { return c.ps }

func (c *client) Close() {
	c.Client.Close()
	if l := c.swap(nil); l != nil {
		l.Close()
	}
}

func (c *client) swap(l *Client) *Client {
	c.mu.Lock()
	defer c.mu.Unlock()
	old := c.logic
	c.logic = l
	return old
}

func (c *client) current() *Client {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.logic
}

func (c *client) Connected(conn registry.Conn) {
	c.Track(conn)
	c.ps.RLock()
	cfg := DefaultClientConfig()
	cfg.QoS = c.f.qos.config()
	cfg.Queue = c.f.queue
	c.ps.RUnlock()
	l := NewClient(cfg, conn.WriteText, c.events(conn.Handle()))
	if old := c.swap(l); old != nil {
		old.Close()
	}
	l.Connected()
}

func (c *client) Message(_ registry.Conn, text string) {
	if l := c.current(); l != nil {
		l.Message(text)
	}
}

func (c *client) Binary(registry.Conn, []byte) {}

func (c *client) Disconnected(conn registry.Conn, _ int) {
	c.Untrack(conn)
	if l := c.swap(nil); l != nil {
		l.Disconnected()
		l.Close()
	}
}

func (c *client) events(conn uint64) ClientEvents {
	h := c.host
	return ClientEvents{
		OnEvent:     func(ch, text string) { h.Emit(cOnEvent, conn, ch, text) },
		OnRPCResult: func(id, res string) { h.Emit(cOnRPCResult, conn, id, res) },
		OnRPCError: func(id string, code int, msg, data string) {
			h.Emit(cOnRPCError, conn, id, code, msg, data)
		},
		OnAcknowledgment: func(id string) { h.Emit(cOnAck, conn, id) },
		OnRawMessage:     func(text string) bool { return h.Decide(cOnRawMessage, conn, text, false)[1].Bool() },
		OnSession:        func(guid string) { h.Emit(cOnSession, conn, guid) },
		OnSubscription:   func(sub string) { h.Emit(cOnSubscribe, conn, sub) },
		OnUnSubscription: func(sub string) { h.Emit(cOnUnSubscribe, conn, sub) },
		OnMessage:        func(text string) { h.Emit(cOnMessage, conn, text) },
	}
}

// clientMethod declares a method that runs on the open connection's logic.
func clientMethod(name, doc string, params []registry.Param, f func(l *Client, a []registry.Value) error) *registry.Method {
	return method(name, doc, params, func(inst registry.Instance, a []registry.Value) error {
		l := inst.(*client).current()
		if l == nil {
			return ErrNotConnected
		}
		return f(l, a)
	})
}

func init() {
	ch := []registry.Param{strParam("Channel", nil)}
	registry.Register(&registry.Class{
		Name: "TsgcWSPClient_sgc", Kind: KindClient, Unit: "sgcWebSocket_Protocols",
		Doc: "the sgc default protocol client (JSON-RPC 2.0: RPC, pub/sub, QoS, queues, transactions)",
		New: newClientComponent, Refs: base.ClientRefs, Groups: map[string]string{"QoS": "TsgcWSQoS_Options"},
		Events: []*registry.Event{cOnEvent, cOnRPCResult, cOnRPCError, cOnAck, cOnRawMessage, cOnSession,
			cOnSubscribe, cOnUnSubscribe, cOnMessage},
		Methods: []*registry.Method{
			clientMethod("Publish", "sends Text to the subscribers of Channel, optionally queued on the server",
				[]registry.Param{strParam("Text", nil), strParam("Channel", nil), queueParam()},
				func(l *Client, a []registry.Value) error {
					return l.Publish(a[0].Str(), a[1].Str(), QueueLevel(a[2].Int))
				}),
			clientMethod("RPC", "calls Method with Params (JSON); OnRPCResult or OnRPCError answers ID",
				[]registry.Param{strParam("ID", nil), strParam("Method", nil), strParam("Params", "")},
				func(l *Client, a []registry.Value) error { return l.RPC(a[0].Str(), a[1].Str(), a[2].Str()) }),
			clientMethod("Notify", "sends a notification (no answer)",
				[]registry.Param{strParam("Method", nil), strParam("Params", "")},
				func(l *Client, a []registry.Value) error { return l.Notify(a[0].Str(), a[1].Str()) }),
			clientMethod("Broadcast", "asks the server to send Text to every client, or to the subscribers of Channel",
				[]registry.Param{strParam("Text", nil), strParam("Channel", "")},
				func(l *Client, a []registry.Value) error { return l.Broadcast(a[0].Str(), a[1].Str()) }),
			clientMethod("WriteData", "sends Text to the server (OnMessage there)", []registry.Param{strParam("Text", nil)},
				func(l *Client, a []registry.Value) error { return l.WriteData(a[0].Str()) }),
			clientMethod("Subscribe", "subscribes to Channel (wildcards allowed): OnSubscription confirms", ch,
				func(l *Client, a []registry.Value) error { return l.Subscribe(a[0].Str()) }),
			clientMethod("UnSubscribe", "unsubscribes from Channel: OnUnSubscription confirms", ch,
				func(l *Client, a []registry.Value) error { return l.UnSubscribe(a[0].Str()) }),
			clientMethod("UnSubscribeAll", "unsubscribes from every channel", nil,
				func(l *Client, _ []registry.Value) error { return l.UnSubscribeAll() }),
			clientMethod("GetSession", "asks for the session id: OnSession answers", nil,
				func(l *Client, _ []registry.Value) error { return l.GetSession() }),
			clientMethod("StartTransaction", "holds the messages for Channel on the server until Commit or RollBack", ch,
				func(l *Client, a []registry.Value) error { return l.StartTransaction(a[0].Str()) }),
			clientMethod("Commit", "processes the messages held for Channel", ch,
				func(l *Client, a []registry.Value) error { return l.Commit(a[0].Str()) }),
			clientMethod("RollBack", "drops the messages held for Channel", ch,
				func(l *Client, a []registry.Value) error { return l.RollBack(a[0].Str()) }),
		},
	})
}
