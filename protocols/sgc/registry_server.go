package sgc

import (
	"sync"

	"github.com/sgcws/sgcws/core/props"
	"github.com/sgcws/sgcws/core/registry"
	"github.com/sgcws/sgcws/protocols/base"
)

// KindServer is TsgcWSPServer_sgc's ABI kind.
const KindServer = 18

// TsgcWSPServer_sgc's events, with the signatures the original product publishes (inventory
// §11.11); OnMessage carries the JS send() (sgc@message).
var (
	sOnRPCAuthentication  = ev("OnRPCAuthentication", 100, strParam("Method", nil), strParam("User", nil), strParam("Password", nil), varBool("Authenticated"))
	sOnRPC                = ev("OnRPC", 101, strParam("ID", nil), strParam("Method", nil), strParam("Params", nil))
	sOnNotification       = ev("OnNotification", 102, strParam("Method", nil), strParam("Params", nil))
	sOnBeforeSubscription = ev("OnBeforeSubscription", 103, strParam("Subscription", nil), varBool("Accept"))
	sOnSubscription       = ev("OnSubscription", 104, strParam("Subscription", nil))
	sOnUnSubscription     = ev("OnUnSubscription", 105, strParam("Subscription", nil))
	sOnRawMessage         = ev("OnRawMessage", 106, strParam("Text", nil), varBool("Handled"))
	sOnBeforePublish      = ev("OnBeforePublish", 107, strParam("Channel", nil),
		registry.Param{Name: "Text", Type: registry.String, Var: true}, varBool("Accept"))
	sOnAcknowledgment = ev("OnAcknowledgment", 108, strParam("Id", nil))
	sOnMessage        = ev("OnMessage", 109, strParam("Text", nil))
)

// server is a TsgcWSPServer_sgc. Its logic keeps channels, queues and QoS state across
// connections; it is made at the first connection with the properties as they are then, and made
// again at a later first connection when a property changed while none was open.
type server struct {
	base.Server
	host registry.Host
	ps   *props.Set
	f    struct {
		qos        qosFields
		rpcAuth    bool
		rpcMethods []string
		masks      bool
	}

	mu    sync.Mutex
	logic *Server
	n     int
	dirty bool
}

func newServerComponent(host registry.Host) registry.Instance {
	s := &server{host: host, ps: props.NewSet()}
	s.Init(host, s, func() string { return Protocol })
	s.Register(s.ps)
	s.ps.Bool("RPCAuthentication.Enabled", &s.f.rpcAuth, false, "RPCs must be allowed by Methods or OnRPCAuthentication")
	s.ps.Strings("RPCAuthentication.Methods", &s.f.rpcMethods, nil, "allowed methods: \"method\" or \"method=user\" per line")
	s.ps.Bool("UseMatchesMasks", &s.f.masks, false, "channels take MatchesMask wildcards (*, ?, [a-z]); else only a trailing *")
	s.f.qos.register(s.ps)
	s.ps.Func(props.Info{Name: "Subscriptions", Type: props.Strings, Doc: "the active subscriptions"},
		func() (any, error) {
			if l := s.current(); l != nil {
				return l.Subscriptions(), nil
			}
			return []string(nil), nil
		}, nil)
	s.ps.OnChange(func(string) {
		s.mu.Lock()
		s.dirty = true
		s.mu.Unlock()
	})
	return s
}

func (s *server) Props() *props.Set { return s.ps }

func (s *server) Close() {
	s.Server.Close()
	s.mu.Lock()
	l := s.logic
	s.logic = nil
	s.mu.Unlock()
	if l != nil {
		l.Close()
	}
}

func (s *server) current() *Server {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.logic
}

func (s *server) config() ServerConfig {
	s.ps.RLock()
	defer s.ps.RUnlock()
	cfg := DefaultServerConfig()
	cfg.QoS = s.f.qos.config()
	cfg.RPCAuthentication = RPCAuthentication{Enabled: s.f.rpcAuth, Methods: s.f.rpcMethods}
	cfg.UseMatchesMasks = s.f.masks
	cfg.Multicast = func(conns []Conn, text string) {
		rc := make([]registry.Conn, 0, len(conns))
		for _, c := range conns {
			if c, ok := c.(registry.Conn); ok {
				rc = append(rc, c)
			}
		}
		s.host.Multicast(rc, text)
	}
	return cfg
}

// Connected implements registry.Protocol.
func (s *server) Connected(c registry.Conn) {
	s.Track(c)
	s.mu.Lock()
	var old *Server
	if s.logic == nil || (s.dirty && s.n == 0) {
		old, s.logic, s.dirty = s.logic, NewServer(s.config(), s.events()), false
	}
	s.n++
	l := s.logic
	s.mu.Unlock()
	if old != nil {
		old.Close()
	}
	l.Connected(c)
}

func (s *server) Message(c registry.Conn, text string) {
	if l := s.current(); l != nil {
		l.Message(c, text)
	}
}

func (s *server) Binary(registry.Conn, []byte) {} // JSON-RPC is text

func (s *server) Disconnected(c registry.Conn, _ int) {
	s.Untrack(c)
	s.mu.Lock()
	s.n--
	l := s.logic
	s.mu.Unlock()
	if l != nil {
		l.Disconnected(c)
	}
}

func (s *server) events() ServerEvents {
	h := s.host
	return ServerEvents{
		OnRPCAuthentication: func(c Conn, method, user, password string) bool {
			return h.Decide(sOnRPCAuthentication, connHandle(c), method, user, password, false)[3].Bool()
		},
		OnRPC:          func(c Conn, id, m, params string) { h.Emit(sOnRPC, connHandle(c), id, m, params) },
		OnNotification: func(c Conn, m, params string) { h.Emit(sOnNotification, connHandle(c), m, params) },
		OnBeforeSubscription: func(c Conn, sub string) bool {
			return h.Decide(sOnBeforeSubscription, connHandle(c), sub, true)[1].Bool()
		},
		OnSubscription:   func(c Conn, sub string) { h.Emit(sOnSubscription, connHandle(c), sub) },
		OnUnSubscription: func(c Conn, sub string) { h.Emit(sOnUnSubscription, connHandle(c), sub) },
		OnRawMessage: func(c Conn, text string) bool {
			return h.Decide(sOnRawMessage, connHandle(c), text, false)[1].Bool()
		},
		OnBeforePublish: func(c Conn, channel, text string) (string, bool) {
			v := h.Decide(sOnBeforePublish, connHandle(c), channel, text, true)
			return v[1].Str(), v[2].Bool()
		},
		OnAcknowledgment: func(c Conn, id string) { h.Emit(sOnAcknowledgment, connHandle(c), id) },
		OnMessage:        func(c Conn, text string) { h.Emit(sOnMessage, connHandle(c), text) },
	}
}

// serverCall runs a method on the logic, which exists once a connection of the protocol arrived.
func serverCall(inst registry.Instance, f func(l *Server) error) error {
	l := inst.(*server).current()
	if l == nil {
		return registry.Errorf(registry.ErrState, "no connection of this protocol yet")
	}
	return f(l)
}

func init() {
	registry.Register(&registry.Class{
		Name: "TsgcWSPServer_sgc", Kind: KindServer, Unit: "sgcWebSocket_Protocols",
		Doc: "the sgc default protocol server (JSON-RPC 2.0: RPC, pub/sub, QoS, queues, transactions)",
		New: newServerComponent, Refs: base.ServerRefs,
		Groups: map[string]string{"QoS": "TsgcWSQoS_Options", "RPCAuthentication": "TsgcWSRPCAuthentication_Options"},
		Events: []*registry.Event{sOnRPCAuthentication, sOnRPC, sOnNotification, sOnBeforeSubscription,
			sOnSubscription, sOnUnSubscription, sOnRawMessage, sOnBeforePublish, sOnAcknowledgment, sOnMessage},
		Methods: []*registry.Method{
			method("Publish", "sends Text to the subscribers of Channel (wildcards allowed), optionally queued",
				[]registry.Param{strParam("Text", nil), strParam("Channel", nil), strParam("Exclude", ""), strParam("Include", ""), queueParam()},
				func(inst registry.Instance, a []registry.Value) error {
					return serverCall(inst, func(l *Server) error {
						return l.Publish(a[0].Str(), a[1].Str(), a[2].Str(), a[3].Str(), QueueLevel(a[4].Int))
					})
				}),
			method("Broadcast", "sends Text to every connection, or to the subscribers of Channel",
				[]registry.Param{strParam("Text", nil), strParam("Channel", ""), strParam("Exclude", ""), strParam("Include", "")},
				func(inst registry.Instance, a []registry.Value) error {
					return serverCall(inst, func(l *Server) error { return l.Broadcast(a[0].Str(), a[1].Str(), a[2].Str(), a[3].Str()) })
				}),
			method("WriteData", "sends Text to the connection(s) with Guid (comma-separated)",
				[]registry.Param{strParam("Guid", nil), strParam("Text", nil)},
				func(inst registry.Instance, a []registry.Value) error {
					return serverCall(inst, func(l *Server) error { return l.WriteData(a[0].Str(), a[1].Str()) })
				}),
			method("RPCResult", "answers the RPC with ID (Result: JSON object/array or text)",
				[]registry.Param{strParam("ID", nil), strParam("Result", nil)},
				func(inst registry.Instance, a []registry.Value) error {
					return serverCall(inst, func(l *Server) error { return l.RPCResult(a[0].Str(), a[1].Str()) })
				}),
			method("RPCError", "answers the RPC with ID with a JSON-RPC error",
				[]registry.Param{strParam("ID", nil), {Name: "Code", Type: registry.Int}, strParam("Message", nil), strParam("Data", "")},
				func(inst registry.Instance, a []registry.Value) error {
					return serverCall(inst, func(l *Server) error { return l.RPCError(a[0].Str(), int(a[1].Int), a[2].Str(), a[3].Str()) })
				}),
			method("Subscribe", "subscribes the connection with Guid to Channel",
				[]registry.Param{strParam("Channel", nil), strParam("Guid", nil)},
				func(inst registry.Instance, a []registry.Value) error {
					return serverCall(inst, func(l *Server) error { return l.Subscribe(a[1].Str(), a[0].Str()) })
				}),
			method("UnSubscribe", "unsubscribes the connection with Guid from Channel",
				[]registry.Param{strParam("Channel", nil), strParam("Guid", nil)},
				func(inst registry.Instance, a []registry.Value) error {
					return serverCall(inst, func(l *Server) error { return l.UnSubscribe(a[1].Str(), a[0].Str()) })
				}),
			{Name: "ClearQueue", Doc: "drops the messages queued for Channel; False if there were none",
				Params: []registry.Param{strParam("Channel", nil)}, Result: registry.Bool,
				Run: func(inst registry.Instance, a []registry.Value) (registry.Value, error) {
					l := inst.(*server).current()
					return registry.BoolValue(l != nil && l.ClearQueue(a[0].Str())), nil
				}},
		},
	})
}
