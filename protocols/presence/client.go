package presence

import (
	"sort"
	"strconv"
	"sync"
)

// Client is TsgcWSPClient_Presence. Its methods are safe for concurrent
// use; Message, Connected and Disconnected are called by the transport in
// order. send writes one text frame; it is never called under the
// client's lock, so it may deliver synchronously.
type Client struct {
	cfg   ClientConfig
	send  func(text string) error
	ev    ClientEvents
	clock Clock
	tick  *ticker

	mu       sync.Mutex
	closed   bool
	session  string              // our session id; "" until the session message
	joined   bool                // our own member@new arrived
	channels map[string]struct{} // channels we are subscribed to
	acks     ackQueue
	seen     idWindow
	nextID   uint64
}

// NewClient returns a client that writes through send; zero numeric fields
// of cfg take the defaults.
func NewClient(cfg ClientConfig, send func(text string) error, ev ClientEvents) *Client {
	c := &Client{cfg: cfg.withDefaults(), send: send, ev: ev, clock: cfg.Clock, channels: map[string]struct{}{}}
	if c.clock == nil {
		c.clock = wallClock{}
		if c.cfg.Acknowledgment.Enabled {
			c.tick = startTicker(c.cfg.Acknowledgment.Interval, c.Tick)
		}
	}
	return c
}

// Connected: the transport opened; the server's session message is next.
func (c *Client) Connected() { c.reset() }

// Disconnected: the transport closed. Unacknowledged requests are dropped:
// they name the old session.
func (c *Client) Disconnected() { c.reset() }

func (c *Client) reset() {
	c.mu.Lock()
	c.session, c.joined = "", false
	clear(c.channels)
	c.acks = ackQueue{}
	c.seen = idWindow{}
	c.mu.Unlock()
}

// Close stops the acknowledgment timer; afterwards input is ignored and the
// methods return ErrClosed. Idempotent.
func (c *Client) Close() {
	c.mu.Lock()
	c.closed = true
	c.mu.Unlock()
	c.tick.stop()
}

// Session returns the session id (our member id); "" before the session message.
func (c *Client) Session() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.session
}

// Joined reports whether the server has announced us as a member.
func (c *Client) Joined() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.joined
}

// Channels lists the channels we are subscribed to, sorted.
func (c *Client) Channels() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make([]string, 0, len(c.channels))
	for n := range c.channels {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// Subscribe asks to join channel (created if new). Success arrives as
// OnNewChannelMember, refusal as OnErrorMemberChannel.
func (c *Client) Subscribe(channel string) error {
	if channel == "" {
		return ErrChannelRequired
	}
	return c.request(packet{Method: MethodNewChannelMember, Channel: channel})
}

// Unsubscribe asks to leave channel: OnRemoveChannelMember or OnErrorMemberChannel.
func (c *Client) Unsubscribe(channel string) error {
	if channel == "" {
		return ErrChannelRequired
	}
	return c.request(packet{Method: MethodRemoveChannelMember, Channel: channel})
}

// Publish sends text to channel's members, or to all members when channel
// is "": OnPublishMsg or OnErrorPublishMsg.
func (c *Client) Publish(text, channel string) error {
	return c.request(packet{Method: MethodPublishMsg, Channel: channel, Text: text})
}

// GetMembers asks for all members, or a channel's: OnGetMembers or OnErrorMemberChannel.
func (c *Client) GetMembers(channel string) error {
	return c.request(packet{Method: MethodGetMembers, Channel: channel})
}

// Invite asks member memberID to join channel; its answer arrives as
// OnChannelInvitationResponse.
func (c *Client) Invite(channel, memberID string) error {
	if channel == "" {
		return ErrChannelRequired
	}
	if memberID == "" {
		return ErrMemberRequired
	}
	return c.request(packet{Method: MethodChannelInvitation, Channel: channel, Members: []Member{{ID: memberID}}})
}

// Tick sends again every request unacknowledged for longer than
// Acknowledgment.Timeout (see Server.Tick).
func (c *Client) Tick() {
	if !c.cfg.Acknowledgment.Enabled {
		return
	}
	a := c.cfg.Acknowledgment
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		return
	}
	due := c.acks.due(c.clock.Now(), a.Timeout, a.MaxResends)
	c.mu.Unlock()
	for _, text := range due {
		_ = c.send(text)
	}
}

// me is our member record (under c.mu).
func (c *Client) me() Member {
	return Member{ID: c.session, Name: c.cfg.Presence.Name, Info: c.cfg.Presence.Info}
}

// request sends p as ourselves, tracked when acknowledgments are on.
func (c *Client) request(p packet) error {
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		return ErrClosed
	}
	if c.session == "" {
		c.mu.Unlock()
		return ErrNoSession
	}
	p.Member = c.me()
	if c.cfg.Acknowledgment.Enabled {
		c.nextID++
		p.ID = strconv.FormatUint(c.nextID, 10)
	}
	text := p.encode(c.cfg.EncodeBase64)
	if p.ID != "" {
		c.acks.add(p.ID, text, c.clock.Now(), c.cfg.Acknowledgment.MaxPending)
	}
	c.mu.Unlock()
	err := c.send(text)
	if err != nil && p.ID != "" {
		c.mu.Lock()
		c.acks.ack(p.ID) // never sent: nothing to wait for
		c.mu.Unlock()
	}
	return err
}

// Message handles one inbound text message. Input that is oversized,
// malformed or of an unknown method is dropped: answering the server
// with errors could loop.
func (c *Client) Message(text string) {
	c.mu.Lock()
	closed := c.closed
	c.mu.Unlock()
	if closed || len(text) > c.cfg.MaxMessageSize {
		return
	}
	p, err := parsePacket(text)
	if err != nil {
		return
	}
	if p.Method == MethodAcknowledgment {
		c.mu.Lock()
		c.acks.ack(p.ID)
		c.mu.Unlock()
		return
	}
	if p.ID != "" {
		c.mu.Lock()
		dup := c.seen.seen(p.ID)
		c.mu.Unlock()
		if dup {
			c.acknowledge(p.ID)
			return
		}
	}
	c.handle(p)
	if p.ID != "" {
		c.acknowledge(p.ID)
	}
}

func (c *Client) acknowledge(id string) {
	p := packet{Method: MethodAcknowledgment, ID: id}
	_ = c.send(p.encode(false))
}

// handle dispatches one notification from the server.
func (c *Client) handle(p packet) {
	ev := &c.ev
	switch p.Method {
	case MethodSession:
		c.mu.Lock()
		c.session, c.joined = p.Text, false
		clear(c.channels)
		c.mu.Unlock()
		if ev.OnSession != nil {
			ev.OnSession(p.Text)
		}
		_ = c.request(packet{Method: MethodNewMember}) // join automatically (manual)
	case MethodNewMember:
		c.own(p.Member, func() { c.joined = true })
		if ev.OnNewMember != nil {
			ev.OnNewMember(p.Member)
		}
	case MethodRemoveMember:
		c.own(p.Member, func() { c.joined = false; clear(c.channels) })
		if ev.OnRemoveMember != nil {
			ev.OnRemoveMember(p.Member)
		}
	case MethodNewChannelMember:
		c.own(p.Member, func() { c.channels[p.Channel] = struct{}{} })
		if ev.OnNewChannelMember != nil {
			ev.OnNewChannelMember(p.Channel, p.Member)
		}
	case MethodRemoveChannelMember:
		c.own(p.Member, func() { delete(c.channels, p.Channel) })
		if ev.OnRemoveChannelMember != nil {
			ev.OnRemoveChannelMember(p.Channel, p.Member)
		}
	case MethodPublishMsg:
		if ev.OnPublishMsg != nil {
			ev.OnPublishMsg(p.Text, p.Channel, p.Member)
		}
	case MethodSendMembers:
		if ev.OnGetMembers != nil {
			ev.OnGetMembers(p.Members, p.Channel)
		}
	case MethodErrorMemberChannel:
		if ev.OnErrorMemberChannel != nil {
			ev.OnErrorMemberChannel(p.Error, p.Channel, p.Member)
		}
	case MethodErrorPublishMsg:
		if ev.OnErrorPublishMsg != nil {
			ev.OnErrorPublishMsg(p.Error, p.Text, p.Channel, p.Member)
		}
	case MethodChannelInvitation:
		c.invited(p)
	case MethodChannelInvitationResponse:
		if ev.OnChannelInvitationResponse != nil {
			ev.OnChannelInvitationResponse(p.Member, p.Channel, p.Accept, p.Error.Code, p.Error.Text)
		}
	}
}

// own runs f under c.mu when m is us.
func (c *Client) own(m Member, f func()) {
	c.mu.Lock()
	if c.session != "" && m.ID == c.session {
		f()
	}
	c.mu.Unlock()
}

// invited answers an invitation: "member" is the inviter. On accept we
// answer first, then subscribe (unless already subscribed).
func (c *Client) invited(p packet) {
	accept, code, text := false, 0, ""
	if f := c.ev.OnChannelInvitation; f != nil {
		accept, code, text = f(p.Member, p.Channel)
	}
	e := declineError(accept, Error{Code: code, Text: text})
	_ = c.request(packet{Method: MethodChannelInvitationResponse, Channel: p.Channel,
		Members: []Member{p.Member}, Accept: accept, Error: e})
	if !accept || p.Channel == "" {
		return
	}
	c.mu.Lock()
	_, in := c.channels[p.Channel]
	c.mu.Unlock()
	if !in {
		_ = c.Subscribe(p.Channel)
	}
}
