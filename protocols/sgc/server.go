package sgc

import (
	"encoding/json"
	"sync"
	"time"
)

// Server is the protocol logic of TsgcWSPServer_sgc for all connections of
// one server component. The transport adapter reports Connected, Message
// and Disconnected per connection (Message calls of one connection in
// order); the application calls the manual's methods from any goroutine.
type Server struct {
	cfg ServerConfig
	ev  ServerEvents
	now func() time.Time
	tk  *ticker

	mu     sync.Mutex
	conns  map[string]*connState
	subs   subIndex
	queues queueStore
	rpcs   map[string][]pendingRPC // RPCs awaiting RPCResult/RPCError, by id, oldest first
}

type pendingRPC struct {
	guid string
	id   msgID
}

type connState struct {
	c      Conn
	subs   map[string]struct{}
	out    outbox // server messages awaiting acknowledgment
	in     inbox  // QoS 2 messages awaiting pubrel
	tx     txStore
	rpcIDs map[string]int // ids of this connection's pending RPCs
	nrpc   int
}

// frame is one text to write. Frames are written after the lock is
// released, so a Conn may call back into the Server synchronously.
type frame struct {
	c    Conn
	text string
}

func write(frames []frame) error {
	var first error
	for _, f := range frames {
		if err := f.c.WriteText(f.text); err != nil && first == nil {
			first = err
		}
	}
	return first
}

// fanout writes a publish's or broadcast's frames: one text to many connections goes through
// cfg.Multicast (encoded once) when the host gave one.
func (s *Server) fanout(frames []frame) {
	if s.cfg.Multicast == nil || len(frames) < 2 {
		write(frames)
		return
	}
	conns := make([]Conn, len(frames))
	for i, f := range frames {
		if f.text != frames[0].text {
			write(frames) // several texts (a pattern publish): keep each connection's order
			return
		}
		conns[i] = f.c
	}
	s.cfg.Multicast(conns, frames[0].text)
}

// NewServer returns a Server. Without cfg.Now it starts a ticker for QoS
// retransmission; call Close to stop it.
func NewServer(cfg ServerConfig, ev ServerEvents) *Server {
	cfg.normalize()
	s := &Server{
		cfg:    cfg,
		ev:     ev,
		conns:  map[string]*connState{},
		subs:   newSubIndex(),
		queues: newQueueStore(cfg.MaxQueue, cfg.MaxQueueChannels),
		rpcs:   map[string][]pendingRPC{},
	}
	var real bool
	if s.now, real = clock(cfg.Now); real {
		s.tk = startTicker(cfg.QoS.Interval, s.Tick)
	}
	return s
}

// Close stops the retransmission ticker. It is idempotent; the state stays
// readable.
func (s *Server) Close() { s.tk.Stop() }

// stateLocked returns the state of c, registering an unknown connection
// (Message before Connected): Disconnected removes it again.
func (s *Server) stateLocked(c Conn) *connState {
	g := c.Guid()
	st := s.conns[g]
	if st == nil {
		max := s.cfg.MaxPending
		st = &connState{
			subs:   map[string]struct{}{},
			out:    outbox{max: max},
			in:     inbox{max: max},
			tx:     txStore{max: max},
			rpcIDs: map[string]int{},
		}
		s.conns[g] = st
	}
	st.c = c
	return st
}

// trackLocked keeps a message with an id for retransmission at QoS >= 1.
func (s *Server) trackLocked(st *connState, id msgID, text string) {
	if s.cfg.QoS.Level > QoSLevel0 {
		st.out.add(id.s, text, s.now())
	}
}

// Connected sends the session (id = Guid) and the queue of the "" channel.
// A second Connected for a known Guid first drops the old state.
func (s *Server) Connected(c Conn) {
	g := c.Guid()
	s.mu.Lock()
	_, known := s.conns[g]
	s.mu.Unlock()
	if known {
		s.Disconnected(c)
	}
	text := encSession(g, s.cfg.QoS.Level)
	s.mu.Lock()
	st := s.stateLocked(c)
	s.trackLocked(st, strID(g), text)
	frames := []frame{{c, text}}
	for _, q := range s.queues.onConnect() {
		frames = append(frames, frame{c, encEvent(q.channel, q.text)})
	}
	s.mu.Unlock()
	write(frames)
}

// Disconnected drops the connection's subscriptions (firing
// OnUnSubscription for each), QoS lists, transactions and pending RPCs.
func (s *Server) Disconnected(c Conn) {
	g := c.Guid()
	s.mu.Lock()
	st := s.conns[g]
	if st == nil {
		s.mu.Unlock()
		return
	}
	delete(s.conns, g)
	subs := sortedKeys(st.subs)
	for _, sub := range subs {
		s.subs.remove(sub, g)
	}
	for id, n := range st.rpcIDs {
		for ; n > 0; n-- {
			s.dropRPCLocked(id, g)
		}
	}
	s.mu.Unlock()
	if h := s.ev.OnUnSubscription; h != nil {
		for _, sub := range subs {
			h(st.c, sub)
		}
	}
}

// Tick retransmits the messages unacknowledged for longer than QoS.Timeout
// and expires QoS 2 messages whose pubrel did not come within it. The
// wall-clock configuration calls it every QoS.Interval.
func (s *Server) Tick() {
	now := s.now()
	var frames []frame
	s.mu.Lock()
	for _, st := range s.conns {
		for _, t := range st.out.due(now, s.cfg.QoS.Timeout) {
			frames = append(frames, frame{st.c, t})
		}
		st.in.expire(now, s.cfg.QoS.Timeout)
	}
	s.mu.Unlock()
	write(frames)
}

// Message processes one inbound text message of c.
func (s *Server) Message(c Conn, text string) {
	if h := s.ev.OnRawMessage; h != nil && h(c, text) {
		return
	}
	s.mu.Lock()
	s.stateLocked(c)
	s.mu.Unlock()
	if tooLarge(text, s.cfg.MaxMessageSize) {
		s.replyError(c, nil, CodeInvalidRequest, msgInvalidRequest, "message too large")
		return
	}
	e, werr := parseEnvelope(text)
	if werr != nil {
		s.replyError(c, werr.id, werr.code, werr.msg, werr.detail)
		return
	}
	if !e.hasMethod {
		// A response: only an acknowledgment of ours means something.
		if e.hasID && resultMethod(e.result) == mAck {
			s.acknowledged(c, e.id)
		}
		return
	}
	s.receive(c, newRequest(e))
}

// receive applies QoS: every request with an id is acknowledged, except
// QoS 2 ones, which are stored and answered with pubrec until released.
func (s *Server) receive(c Conn, r *request) {
	switch {
	case r.method == mAck:
		if r.hasID {
			s.acknowledged(c, r.id)
		}
		return
	case r.hasID && r.qos == QoSLevel2 && r.method != mPubrel:
		s.mu.Lock()
		ok := s.stateLocked(c).in.store(r, s.now())
		s.mu.Unlock()
		if !ok {
			s.replyError(c, r.idp(), CodeServerError, msgServerError, "QoS 2 store full")
			return
		}
		c.WriteText(encPubrec(r.id))
		return
	case r.hasID && r.method != mPubrel:
		c.WriteText(encAck(r.id))
	}
	s.route(c, r)
}

// route holds a request in its channel's open transaction, if any.
func (s *Server) route(c Conn, r *request) {
	if transactional(r.method) && r.bad == "" {
		s.mu.Lock()
		queued, full := s.stateLocked(c).tx.add(r)
		s.mu.Unlock()
		if full {
			s.fail(c, r, CodeServerError, msgServerError, "transaction full")
			return
		}
		if queued {
			return
		}
	}
	s.process(c, r)
}

func (s *Server) process(c Conn, r *request) {
	if r.bad != "" {
		s.fail(c, r, CodeInvalidParams, msgInvalidParams, r.bad)
		return
	}
	switch r.method {
	case mMessage:
		if h := s.ev.OnMessage; h != nil {
			h(c, r.message)
		}
	case mPublish:
		s.clientPublish(c, r)
	case mBroadcast:
		s.clientBroadcast(c, r)
	case mSubscribe:
		if err := s.subscribe(c, r.channel, r.idp(), true); err != nil {
			s.fail(c, r, CodeInvalidParams, msgInvalidParams, "invalid channel")
		}
	case mUnsubscribe:
		if err := s.unsubscribe(c, r.channel, r.idp()); err != nil {
			s.fail(c, r, CodeInvalidParams, msgInvalidParams, "invalid channel")
		}
	case mUnsubscribeAll:
		s.unsubscribeAll(c, r.idp())
	case mSession:
		s.session(c)
	case mPubrel:
		s.release(c, r)
	case mTransaction, mCommit, mRollback:
		s.transaction(c, r)
	case mProtocol:
		c.WriteText(s.cfg.Protocol)
	default:
		switch {
		case reserved(r.method):
			s.fail(c, r, CodeMethodNotFound, msgMethodNotFound, "")
		case r.hasID:
			s.rpc(c, r)
		case s.ev.OnNotification != nil:
			s.ev.OnNotification(c, r.method, r.params)
		}
	}
}

// fail replies an error to a request with an id; notifications get none.
func (s *Server) fail(c Conn, r *request, code int, msg, detail string) {
	if r.hasID {
		s.replyError(c, &r.id, code, msg, detail)
	}
}

// replyError writes an error reply; one with an id is tracked like any
// RPC error.
func (s *Server) replyError(c Conn, id *msgID, code int, msg, data string) {
	text := encRPCError(code, msg, data, s.cfg.QoS.Level, id)
	if id != nil {
		s.mu.Lock()
		s.trackLocked(s.stateLocked(c), *id, text)
		s.mu.Unlock()
	}
	c.WriteText(text)
}

func (s *Server) acknowledged(c Conn, id msgID) {
	s.mu.Lock()
	s.stateLocked(c).out.remove(id.s)
	s.mu.Unlock()
	if h := s.ev.OnAcknowledgment; h != nil {
		h(c, id.s)
	}
}

// resultMethod returns result.method when result is an object.
func resultMethod(raw json.RawMessage) string {
	m, ok := object(raw)
	if !ok {
		return ""
	}
	s, _, _ := str(m, "method")
	return s
}
