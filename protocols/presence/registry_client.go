package presence

import (
	"sync"

	"github.com/sgcws/sgcws/core/props"
	"github.com/sgcws/sgcws/core/registry"
	"github.com/sgcws/sgcws/protocols/base"
)

// KindClient is TsgcWSPClient_Presence's ABI kind.
const KindClient = 21

// TsgcWSPClient_Presence's events, with the manual's signatures (OnSession as the sgc client's).
var (
	cOnSession             = ev("OnSession", 100, registry.Param{Name: "Guid", Type: registry.String})
	cOnNewMember           = ev("OnNewMember", 101, argMember)
	cOnRemoveMember        = ev("OnRemoveMember", 102, registry.Param{Name: "aMember", Type: registry.String, Object: objMember.Name})
	cOnNewChannelMember    = ev("OnNewChannelMember", 103, argChannel, argMember)
	cOnRemoveChannelMember = ev("OnRemoveChannelMember", 104, argChannel, argMember)
	cOnPublishMsg          = ev("OnPublishMsg", 105, argMsg, argChannel, argMember)
	cOnGetMembers          = ev("OnGetMembers", 106, argMembers, argChannel)
	cOnErrorMemberChannel  = ev("OnErrorMemberChannel", 107, argError, argChannel, argMember)
	cOnErrorPublishMsg     = ev("OnErrorPublishMsg", 108, argError, argMsg, argChannel, argMember)
	cOnChannelInvitation   = ev("OnChannelInvitation", 109, argMember, argChannel, argAccept,
		registry.Param{Name: "ErrorCode", Type: registry.Int, Var: true}, registry.Param{Name: "ErrorText", Type: registry.String, Var: true})
	cOnChannelInvitationResponse = ev("OnChannelInvitationResponse", 110, argMember, argChannel,
		registry.Param{Name: "Accept", Type: registry.Bool, Ref: true}, registry.Param{Name: "ErrorCode", Type: registry.Int, Ref: true},
		registry.Param{Name: "ErrorText", Type: registry.String, Ref: true})
)

// client is a TsgcWSPClient_Presence. Each connection gets fresh logic with the properties as they
// are when it opens (a new session: the client joins again).
type client struct {
	base.Client
	host registry.Host
	ps   *props.Set
	f    struct {
		encode, ackOn           bool
		ackInterval, ackTimeout int64
		name, info              string
	}

	mu    sync.Mutex
	logic *Client
	conn  uint64
}

func newClientComponent(host registry.Host) registry.Instance {
	c := &client{host: host, ps: props.NewSet()}
	c.Init(host, c, func() string { return Protocol })
	c.Register(c.ps)
	c.ps.Bool("EncodeBase64", &c.f.encode, false, "strings on the wire as sgc@b64:<base64>")
	c.ps.String("Presence.Name", &c.f.name, "", "this member's name, sent when it joins")
	c.ps.String("Presence.Info", &c.f.info, "", "this member's additional info")
	registerAck(c.ps, &c.f.ackOn, &c.f.ackInterval, &c.f.ackTimeout)
	return c
}

func (c *client) Props() *props.Set { return c.ps }

func (c *client) Close() {
	c.Client.Close()
	if l := c.swap(nil, 0); l != nil {
		l.Close()
	}
}

func (c *client) swap(l *Client, conn uint64) *Client {
	c.mu.Lock()
	defer c.mu.Unlock()
	old := c.logic
	c.logic, c.conn = l, conn
	return old
}

func (c *client) current() (*Client, uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.logic, c.conn
}

func (c *client) Connected(conn registry.Conn) {
	c.Track(conn)
	c.ps.RLock()
	cfg := DefaultClientConfig()
	cfg.EncodeBase64 = c.f.encode
	cfg.Presence = PresenceConfig{Name: c.f.name, Info: c.f.info}
	cfg.Acknowledgment = ackFromProps(c.f.ackOn, c.f.ackInterval, c.f.ackTimeout).withDefaults()
	c.ps.RUnlock()
	l := NewClient(cfg, conn.WriteText, c.events(conn.Handle()))
	if old := c.swap(l, conn.Handle()); old != nil {
		old.Close()
	}
	l.Connected()
}

func (c *client) Message(_ registry.Conn, text string) {
	if l, _ := c.current(); l != nil {
		l.Message(text)
	}
}

func (c *client) Binary(registry.Conn, []byte) {}

func (c *client) Disconnected(conn registry.Conn, _ int) {
	c.Untrack(conn)
	if l := c.swap(nil, 0); l != nil {
		l.Disconnected()
		l.Close()
	}
}

func (c *client) events(conn uint64) ClientEvents {
	h := c.host
	return ClientEvents{
		OnSession:      func(guid string) { h.Emit(cOnSession, conn, guid) },
		OnNewMember:    func(m Member) { h.Emit(cOnNewMember, conn, encMember(m)) },
		OnRemoveMember: func(m Member) { h.Emit(cOnRemoveMember, conn, encMember(m)) },
		OnNewChannelMember: func(ch string, m Member) {
			h.Emit(cOnNewChannelMember, conn, encChannel(ch), encMember(m))
		},
		OnRemoveChannelMember: func(ch string, m Member) {
			h.Emit(cOnRemoveChannelMember, conn, encChannel(ch), encMember(m))
		},
		OnPublishMsg: func(msg, ch string, m Member) { h.Emit(cOnPublishMsg, conn, encMsg(msg), encChannel(ch), encMember(m)) },
		OnGetMembers: func(ms []Member, ch string) { h.Emit(cOnGetMembers, conn, encMembers(ms), encChannel(ch)) },
		OnErrorMemberChannel: func(e Error, ch string, m Member) {
			h.Emit(cOnErrorMemberChannel, conn, encError(e), encChannel(ch), encMember(m))
		},
		OnErrorPublishMsg: func(e Error, msg, ch string, m Member) {
			h.Emit(cOnErrorPublishMsg, conn, encError(e), encMsg(msg), encChannel(ch), encMember(m))
		},
		OnChannelInvitation: func(m Member, ch string) (bool, int, string) {
			// Unanswered (no handler, no opt-in, timeout): declined, as the logic's nil handler.
			v := h.Decide(cOnChannelInvitation, conn, encMember(m), encChannel(ch), false, 0, "")
			return v[2].Bool(), int(v[3].Int), v[4].Str()
		},
		OnChannelInvitationResponse: func(m Member, ch string, accept bool, code int, text string) {
			h.Emit(cOnChannelInvitationResponse, conn, encMember(m), encChannel(ch), accept, code, text)
		},
	}
}

// call runs a method on the current logic.
func call(inst registry.Instance, f func(l *Client) error) (registry.Value, error) {
	l, _ := inst.(*client).current()
	if l == nil {
		return registry.Value{}, registry.Errorf(registry.ErrState, "not connected")
	}
	return registry.Value{}, presenceErr(f(l))
}

func init() {
	str := func(name string, def any) registry.Param {
		return registry.Param{Name: name, Type: registry.String, Default: def}
	}
	registry.Register(&registry.Class{
		Name: "TsgcWSPClient_Presence", Kind: KindClient, Unit: "sgcWebSocket_Protocols",
		Doc: "the Presence protocol client: joins as a member, subscribes to channels, sees who is there", New: newClientComponent,
		Refs: base.ClientRefs, Groups: map[string]string{"Acknowledgment": "TsgcWSPresenceAcknowledgment_Options",
			"Presence": "TsgcWSPresenceMember_Options"},
		Events: []*registry.Event{cOnSession, cOnNewMember, cOnRemoveMember, cOnNewChannelMember, cOnRemoveChannelMember,
			cOnPublishMsg, cOnGetMembers, cOnErrorMemberChannel, cOnErrorPublishMsg, cOnChannelInvitation, cOnChannelInvitationResponse},
		Methods: []*registry.Method{
			{Name: "Subscribe", Doc: "joins Channel (created if new)", Params: []registry.Param{str("Channel", nil)},
				Run: func(inst registry.Instance, a []registry.Value) (registry.Value, error) {
					return call(inst, func(l *Client) error { return l.Subscribe(a[0].Str()) })
				}},
			{Name: "Unsubscribe", Doc: "leaves Channel", Params: []registry.Param{str("Channel", nil)},
				Run: func(inst registry.Instance, a []registry.Value) (registry.Value, error) {
					return call(inst, func(l *Client) error { return l.Unsubscribe(a[0].Str()) })
				}},
			{Name: "Publish", Doc: "sends Text to the members of Channel ('' = all members)",
				Params: []registry.Param{str("Text", nil), str("Channel", "")},
				Run: func(inst registry.Instance, a []registry.Value) (registry.Value, error) {
					return call(inst, func(l *Client) error { return l.Publish(a[0].Str(), a[1].Str()) })
				}},
			{Name: "GetMembers", Doc: "asks for the members of Channel ('' = all): OnGetMembers answers",
				Params: []registry.Param{str("Channel", "")},
				Run: func(inst registry.Instance, a []registry.Value) (registry.Value, error) {
					return call(inst, func(l *Client) error { return l.GetMembers(a[0].Str()) })
				}},
			{Name: "Invite", Doc: "invites the member with MemberId to Channel", Params: []registry.Param{str("Channel", nil), str("MemberId", nil)},
				Run: func(inst registry.Instance, a []registry.Value) (registry.Value, error) {
					return call(inst, func(l *Client) error { return l.Invite(a[0].Str(), a[1].Str()) })
				}},
		},
	})
}
