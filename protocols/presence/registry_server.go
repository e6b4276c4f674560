package presence

import (
	"sync"
	"time"

	"github.com/sgcws/sgcws/core/props"
	"github.com/sgcws/sgcws/core/registry"
	"github.com/sgcws/sgcws/protocols/base"
)

// KindServer is TsgcWSPServer_Presence's ABI kind.
const KindServer = 20

// TsgcWSPServer_Presence's events, with the manual's signatures (its typos mended:
// OnBeforeNewChannelBeforeNewChannel is OnBeforeNewChannel).
var (
	sOnBeforeNewMember        = ev("OnBeforeNewMember", 100, argMember, argAccept)
	sOnNewMember              = ev("OnNewMember", 101, argMember)
	sOnBeforeNewChannel       = ev("OnBeforeNewChannel", 102, argChannel, argMember, argAccept)
	sOnNewChannel             = ev("OnNewChannel", 103, registry.Param{Name: "aChannel", Type: registry.String, Object: objChannel.Name, Ref: true})
	sOnBeforeNewChannelMember = ev("OnBeforeNewChannelMember", 104, argChannel, argMember, argAccept)
	sOnNewChannelMember       = ev("OnNewChannelMember", 105, argChannel, argMember)
	sOnRemoveChannelMember    = ev("OnRemoveChannelMember", 106, argChannel, argMember)
	sOnRemoveMember           = ev("OnRemoveMember", 107, registry.Param{Name: "aMember", Type: registry.String, Object: objMember.Name})
	sOnErrorMemberChannel     = ev("OnErrorMemberChannel", 108, argError, argChannel, argMember)
	sOnErrorPublishMsg        = ev("OnErrorPublishMsg", 109, argError, argMsg, argChannel, argMember)
	sOnBeforePublishMsg       = ev("OnBeforePublishMsg", 110, argMsg, argChannel, argMember, argAccept)
	sOnBeforeSendMembers      = ev("OnBeforeSendMembers", 111, argMembers, argChannel, argMember, argAccept)
)

// server is a TsgcWSPServer_Presence: the presence logic behind the shared attach part. The logic
// is made when the first connection arrives, with the properties as they are then, and dropped
// when the last one leaves (its state is empty by then).
type server struct {
	base.Server
	host registry.Host
	ps   *props.Set
	f    struct {
		encode, ackOn           bool
		ackInterval, ackTimeout int64
	}

	mu    sync.Mutex
	logic *Server
	n     int
}

func newServerComponent(host registry.Host) registry.Instance {
	s := &server{host: host, ps: props.NewSet()}
	s.Init(host, s, func() string { return Protocol })
	s.Register(s.ps)
	s.ps.Bool("EncodeBase64", &s.f.encode, false, "strings on the wire as sgc@b64:<base64>")
	registerAck(s.ps, &s.f.ackOn, &s.f.ackInterval, &s.f.ackTimeout)
	return s
}

// registerAck adds the Acknowledgment group both components have.
func registerAck(ps *props.Set, on *bool, interval, timeout *int64) {
	ps.Bool("Acknowledgment.Enabled", on, false, "ids on outgoing messages, re-sent until acknowledged")
	ps.Int("Acknowledgment.Interval", interval, 60, 1, 1<<31-1, "seconds between checks of unacknowledged messages")
	ps.Int("Acknowledgment.Timeout", timeout, 300, 1, 1<<31-1, "seconds before a message is sent again")
}

func ackFromProps(on bool, interval, timeout int64) AckConfig {
	return AckConfig{Enabled: on, Interval: time.Duration(interval) * time.Second, Timeout: time.Duration(timeout) * time.Second}
}

func (s *server) Props() *props.Set { return s.ps }

func (s *server) Close() {
	s.Server.Close()
	s.mu.Lock()
	l := s.logic
	s.logic, s.n = nil, 0
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

// Connected implements registry.Protocol.
func (s *server) Connected(c registry.Conn) {
	s.Track(c)
	s.mu.Lock()
	if s.logic == nil {
		s.ps.RLock()
		cfg := DefaultServerConfig()
		cfg.EncodeBase64 = s.f.encode
		cfg.Acknowledgment = ackFromProps(s.f.ackOn, s.f.ackInterval, s.f.ackTimeout).withDefaults()
		s.ps.RUnlock()
		s.logic = NewServer(cfg, s.events())
	}
	s.n++
	l := s.logic
	s.mu.Unlock()
	l.Connected(c)
}

func (s *server) Message(c registry.Conn, text string) {
	if l := s.current(); l != nil {
		l.Message(c, text)
	}
}

func (s *server) Binary(registry.Conn, []byte) {} // the protocol is text only

func (s *server) Disconnected(c registry.Conn, _ int) {
	s.Untrack(c)
	s.mu.Lock()
	l := s.logic
	if s.n--; s.n == 0 {
		s.logic = nil
	}
	s.mu.Unlock()
	if l != nil {
		l.Disconnected(c)
		if s.current() != l {
			l.Close()
		}
	}
}

// events maps the logic's events onto the component's.
func (s *server) events() ServerEvents {
	h := s.host
	accept := func(e *registry.Event, c Conn, args ...any) bool {
		vals := h.Decide(e, connHandle(c), append(args, true)...)
		return vals[len(vals)-1].Bool()
	}
	return ServerEvents{
		OnBeforeNewMember: func(c Conn, m Member) bool { return accept(sOnBeforeNewMember, c, encMember(m)) },
		OnNewMember:       func(c Conn, m Member) { h.Emit(sOnNewMember, connHandle(c), encMember(m)) },
		OnBeforeNewChannel: func(c Conn, ch string, m Member) bool {
			return accept(sOnBeforeNewChannel, c, encChannel(ch), encMember(m))
		},
		OnNewChannel: func(c Conn, ch string) { h.Emit(sOnNewChannel, connHandle(c), encChannel(ch)) },
		OnBeforeNewChannelMember: func(c Conn, ch string, m Member) bool {
			return accept(sOnBeforeNewChannelMember, c, encChannel(ch), encMember(m))
		},
		OnNewChannelMember: func(c Conn, ch string, m Member) {
			h.Emit(sOnNewChannelMember, connHandle(c), encChannel(ch), encMember(m))
		},
		OnRemoveChannelMember: func(c Conn, ch string, m Member) {
			h.Emit(sOnRemoveChannelMember, connHandle(c), encChannel(ch), encMember(m))
		},
		OnRemoveMember: func(c Conn, m Member) { h.Emit(sOnRemoveMember, connHandle(c), encMember(m)) },
		OnErrorMemberChannel: func(c Conn, e Error, ch string, m Member) {
			h.Emit(sOnErrorMemberChannel, connHandle(c), encError(e), encChannel(ch), encMember(m))
		},
		OnErrorPublishMsg: func(c Conn, e Error, msg, ch string, m Member) {
			h.Emit(sOnErrorPublishMsg, connHandle(c), encError(e), encMsg(msg), encChannel(ch), encMember(m))
		},
		OnBeforePublishMsg: func(c Conn, msg, ch string, m Member) bool {
			return accept(sOnBeforePublishMsg, c, encMsg(msg), encChannel(ch), encMember(m))
		},
		OnBeforeSendMembers: func(c Conn, ch string, m Member, ms []Member) ([]Member, bool) {
			return ms, accept(sOnBeforeSendMembers, c, encMembers(ms), encChannel(ch), encMember(m))
		},
	}
}

func init() {
	registry.Register(&registry.Class{
		Name: "TsgcWSPServer_Presence", Kind: KindServer, Unit: "sgcWebSocket_Protocols",
		Doc: "the Presence protocol server: who is online, per channel", New: newServerComponent,
		Refs: base.ServerRefs, Groups: map[string]string{"Acknowledgment": "TsgcWSPresenceAcknowledgment_Options"},
		Events: []*registry.Event{sOnBeforeNewMember, sOnNewMember, sOnBeforeNewChannel, sOnNewChannel,
			sOnBeforeNewChannelMember, sOnNewChannelMember, sOnRemoveChannelMember, sOnRemoveMember,
			sOnErrorMemberChannel, sOnErrorPublishMsg, sOnBeforePublishMsg, sOnBeforeSendMembers},
		Methods: []*registry.Method{
			{Name: "Broadcast", Doc: "sends Text to every connection, or to the members of Channel",
				Params: []registry.Param{{Name: "Text", Type: registry.String}, {Name: "Channel", Type: registry.String, Default: ""}},
				Run: func(inst registry.Instance, a []registry.Value) (registry.Value, error) {
					l := inst.(*server).current()
					if l == nil {
						return registry.Value{}, registry.Errorf(registry.ErrState, "no connection of this protocol")
					}
					return registry.Value{}, presenceErr(l.Broadcast(a[0].Str(), a[1].Str()))
				}},
		},
	})
}

// presenceErr classifies the logic's errors for the ABI.
func presenceErr(err error) error {
	switch err {
	case nil:
		return nil
	case ErrClosed, ErrNoSession:
		return registry.Errorf(registry.ErrState, "%v", err)
	}
	return registry.Errorf(registry.ErrValue, "%v", err)
}
