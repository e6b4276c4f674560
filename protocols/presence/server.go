package presence

import (
	"sort"
	"strconv"
	"sync"
)

// Conn is one transport connection as the server-side protocol sees it.
type Conn interface {
	Guid() string                // the connection's Guid (opaque string)
	WriteText(text string) error // queues a text frame; never blocks
}

// Server is TsgcWSPServer_Presence. All its methods are safe for
// concurrent use; calls for one connection are expected in order (one
// goroutine at a time per connection), as the transport delivers them.
type Server struct {
	cfg   ServerConfig
	ev    ServerEvents
	clock Clock
	tick  *ticker

	mu       sync.Mutex
	closed   bool
	sessions map[string]*session // by Guid
	channels map[string]*channel // by name
	invites  map[inviteKey]struct{}
	seq      uint64 // join and subscription order
	nextID   uint64 // acknowledgment ids
}

// NewServer returns a server; zero numeric fields of cfg take the defaults.
func NewServer(cfg ServerConfig, ev ServerEvents) *Server {
	s := &Server{
		cfg:      cfg.withDefaults(),
		ev:       ev,
		clock:    cfg.Clock,
		sessions: map[string]*session{},
		channels: map[string]*channel{},
		invites:  map[inviteKey]struct{}{},
	}
	if s.clock == nil {
		s.clock = wallClock{}
		if s.cfg.Acknowledgment.Enabled {
			s.tick = startTicker(s.cfg.Acknowledgment.Interval, s.Tick)
		}
	}
	return s
}

// Close stops the acknowledgment timer; afterwards every call is ignored
// and Broadcast returns ErrClosed. Idempotent.
func (s *Server) Close() {
	s.mu.Lock()
	s.closed = true
	s.mu.Unlock()
	s.tick.stop()
}

// Connected registers c and sends it the session message. A Guid that is
// already registered is ignored: Guids must be unique among live connections.
func (s *Server) Connected(c Conn) {
	guid := c.Guid()
	var b batch
	s.mu.Lock()
	if s.closed || s.sessions[guid] != nil {
		s.mu.Unlock()
		return
	}
	ss := newSession(c, guid)
	s.sessions[guid] = ss
	s.send(&b, ss, packet{Method: MethodSession, Text: guid})
	s.mu.Unlock()
	s.finish(&b)
}

// Disconnected forgets c. If it was a member, the members of its channels
// get channel@member@remove and every member gets member@remove.
func (s *Server) Disconnected(c Conn) {
	guid := c.Guid()
	var b batch
	s.mu.Lock()
	ss := s.live(guid)
	if ss == nil {
		s.mu.Unlock()
		return
	}
	delete(s.sessions, guid)
	if ss.member != nil {
		s.removeMember(&b, ss)
	}
	ss.acks = ackQueue{}
	s.mu.Unlock()
	s.finish(&b)
}

// Message handles one inbound text message from c. Bad input is answered
// with an error message (package doc) and never affects other connections.
func (s *Server) Message(c Conn, text string) {
	guid := c.Guid()
	if len(text) > s.cfg.MaxMessageSize {
		s.reject(guid, packet{}, CodeMessageTooLarge, false)
		return
	}
	p, err := parsePacket(text)
	if err != nil {
		s.reject(guid, p, CodeInvalidMessage, p.Method == MethodPublishMsg)
		return
	}
	if p.Method == MethodAcknowledgment {
		s.mu.Lock()
		if ss := s.live(guid); ss != nil {
			ss.acks.ack(p.ID)
		}
		s.mu.Unlock()
		return
	}
	if p.ID != "" {
		s.mu.Lock()
		ss := s.live(guid)
		dup := ss != nil && ss.seen.seen(p.ID)
		s.mu.Unlock()
		if ss == nil {
			return
		}
		if dup {
			s.acknowledge(guid, p.ID)
			return
		}
	}
	switch p.Method {
	case MethodNewMember:
		s.join(guid, p)
	case MethodRemoveMember:
		s.leave(guid, p)
	case MethodNewChannelMember:
		s.subscribe(guid, p)
	case MethodRemoveChannelMember:
		s.unsubscribe(guid, p)
	case MethodPublishMsg:
		s.publish(guid, p)
	case MethodGetMembers:
		s.getMembers(guid, p)
	case MethodChannelInvitation:
		s.invite(guid, p)
	case MethodChannelInvitationResponse:
		s.inviteResponse(guid, p)
	default:
		s.reject(guid, p, CodeUnknownMethod, false)
	}
	if p.ID != "" {
		s.acknowledge(guid, p.ID)
	}
}

// Broadcast sends text as a publish@msg with an empty member: channel ""
// reaches every connection (members or not), otherwise that channel's members.
func (s *Server) Broadcast(text, channel string) error {
	var b batch
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return ErrClosed
	}
	var to []*session
	if channel == "" {
		for _, ss := range s.sessions {
			to = append(to, ss)
		}
	} else if ch := s.channels[channel]; ch != nil {
		to = ch.sessions(s.sessions)
	} else {
		s.mu.Unlock()
		return ErrUnknownChannel
	}
	s.fanout(&b, to, packet{Method: MethodPublishMsg, Channel: channel, Text: text})
	s.mu.Unlock()
	s.finish(&b)
	return nil
}

// Members lists the members ("" = all, in join order) or a channel's
// members (in subscription order); nil for an unknown channel.
func (s *Server) Members(channel string) []Member {
	s.mu.Lock()
	defer s.mu.Unlock()
	if channel == "" {
		return membersOf(joined(s.sessions))
	}
	if ch := s.channels[channel]; ch != nil {
		return membersOf(ch.sessions(s.sessions))
	}
	return nil
}

// Channels lists the existing channels, sorted by name.
func (s *Server) Channels() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]string, 0, len(s.channels))
	for n := range s.channels {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// Tick sends again every message unacknowledged for longer than
// Acknowledgment.Timeout. The real ticker calls it every Interval; with an
// injected Clock the host calls it.
func (s *Server) Tick() {
	if !s.cfg.Acknowledgment.Enabled {
		return
	}
	var b batch
	a := s.cfg.Acknowledgment
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return
	}
	now := s.clock.Now()
	for _, ss := range s.sessions {
		for _, text := range ss.acks.due(now, a.Timeout, a.MaxResends) {
			s.sendText(&b, ss, text)
		}
	}
	s.mu.Unlock()
	s.finish(&b)
}

// live returns the session of guid unless the server is closed.
func (s *Server) live(guid string) *session {
	if s.closed {
		return nil
	}
	return s.sessions[guid]
}

// batch collects the effects of one operation under the lock: sessions
// with queued output and events, both run by finish after unlocking.
type batch struct {
	touched []*session
	events  []func()
}

func (b *batch) event(f func()) { b.events = append(b.events, f) }

// send queues p for ss (under s.mu), with an id to track when
// acknowledgments are on.
func (s *Server) send(b *batch, ss *session, p packet) {
	if !s.cfg.Acknowledgment.Enabled {
		s.sendText(b, ss, p.encode(s.cfg.EncodeBase64))
		return
	}
	s.nextID++
	p.ID = strconv.FormatUint(s.nextID, 10)
	text := p.encode(s.cfg.EncodeBase64)
	ss.acks.add(p.ID, text, s.clock.Now(), s.cfg.Acknowledgment.MaxPending)
	s.sendText(b, ss, text)
}

// fanout queues p for every session of to.
func (s *Server) fanout(b *batch, to []*session, p packet) {
	if s.cfg.Acknowledgment.Enabled {
		for _, ss := range to {
			s.send(b, ss, p)
		}
		return
	}
	text := p.encode(s.cfg.EncodeBase64)
	for _, ss := range to {
		s.sendText(b, ss, text)
	}
}

func (s *Server) sendText(b *batch, ss *session, text string) {
	ss.out = append(ss.out, text)
	b.touched = append(b.touched, ss)
}

// acknowledge answers an inbound id. Acknowledgments are never tracked.
func (s *Server) acknowledge(guid, id string) {
	var b batch
	s.mu.Lock()
	if ss := s.live(guid); ss != nil {
		p := packet{Method: MethodAcknowledgment, ID: id}
		s.sendText(&b, ss, p.encode(false))
	}
	s.mu.Unlock()
	s.finish(&b)
}

// finish writes the queued output, then runs the events, without the lock.
func (s *Server) finish(b *batch) {
	for _, ss := range b.touched {
		s.flush(ss)
	}
	for _, f := range b.events {
		f()
	}
}

// flush drains ss.out in order. Only one goroutine drains a session at a
// time; others just leave their texts in out for it. Write errors are
// ignored: a broken transport reports itself through Disconnected.
func (s *Server) flush(ss *session) {
	s.mu.Lock()
	if ss.flushing {
		s.mu.Unlock()
		return
	}
	ss.flushing = true
	for len(ss.out) > 0 {
		out := ss.out
		ss.out = nil
		s.mu.Unlock()
		for _, text := range out {
			_ = ss.conn.WriteText(text)
		}
		s.mu.Lock()
	}
	ss.flushing = false
	s.mu.Unlock()
}
