package sgc

import (
	"sort"
	"strings"
)

// pubSpec parses a publish/broadcast channel; "" (everyone) is legal here.
func (s *Server) pubSpec(name string) (chanSpec, bool) {
	if name == "" {
		return chanSpec{}, true
	}
	return parseChannel(name, s.cfg.UseMatchesMasks)
}

func (s *Server) clientPublish(c Conn, r *request) {
	spec, ok := s.pubSpec(r.channel)
	if !r.hasChannel || !ok {
		s.fail(c, r, CodeInvalidParams, msgInvalidParams, "invalid channel")
		return
	}
	text := r.message
	if h := s.ev.OnBeforePublish; h != nil {
		var accept bool
		if text, accept = h(c, r.channel, text); !accept {
			return
		}
	}
	s.publish(spec, text, nil, nil, r.queue)
}

func (s *Server) clientBroadcast(c Conn, r *request) {
	spec, ok := s.pubSpec(r.channel)
	if !ok {
		s.fail(c, r, CodeInvalidParams, msgInvalidParams, "invalid channel")
		return
	}
	s.broadcast(spec, r.message, nil, nil)
}

// pass applies the Exclude and Include Guid lists (nil: no filter).
func pass(g string, exclude, include map[string]bool) bool {
	return !exclude[g] && (include == nil || include[g])
}

// publish queues the message and sends sgc@event to every matching
// subscriber, once per distinct event channel; channel "" reaches everyone.
func (s *Server) publish(spec chanSpec, text string, exclude, include map[string]bool, queue QueueLevel) {
	enc := map[string]string{}
	event := func(ch string) string {
		if t, ok := enc[ch]; ok {
			return t
		}
		enc[ch] = encEvent(ch, text)
		return enc[ch]
	}
	var frames []frame
	s.mu.Lock()
	s.queues.put(spec, text, queue)
	if spec.name == "" {
		for g, st := range s.conns {
			if pass(g, exclude, include) {
				frames = append(frames, frame{st.c, event("")})
			}
		}
	} else {
		for g, chs := range s.subs.targets(spec) {
			st := s.conns[g]
			if st == nil || !pass(g, exclude, include) {
				continue
			}
			for _, ch := range chs {
				frames = append(frames, frame{st.c, event(ch)})
			}
		}
	}
	s.mu.Unlock()
	s.fanout(frames)
}

// broadcast sends one sgc@message per connection: to all, or to those
// subscribed to a matching channel.
func (s *Server) broadcast(spec chanSpec, text string, exclude, include map[string]bool) {
	msg := encBroadcast(spec.name, text)
	var frames []frame
	s.mu.Lock()
	if spec.name == "" {
		for g, st := range s.conns {
			if pass(g, exclude, include) {
				frames = append(frames, frame{st.c, msg})
			}
		}
	} else {
		for g := range s.subs.targets(spec) {
			if st := s.conns[g]; st != nil && pass(g, exclude, include) {
				frames = append(frames, frame{st.c, msg})
			}
		}
	}
	s.mu.Unlock()
	s.fanout(frames)
}

// subscribe adds a subscription (a pattern is stored as given), confirms it
// and replays the matching queues to c. ask consults OnBeforeSubscription
// (client requests only). A repeated subscription is confirmed again but
// neither replayed nor reported.
func (s *Server) subscribe(c Conn, channel string, id *msgID, ask bool) error {
	spec, ok := parseChannel(channel, s.cfg.UseMatchesMasks)
	if !ok {
		return ErrInvalidChannel
	}
	if h := s.ev.OnBeforeSubscription; ask && h != nil && !h(c, channel) {
		return nil
	}
	g := c.Guid()
	s.mu.Lock()
	st := s.conns[g]
	if st == nil {
		s.mu.Unlock()
		return ErrUnknownConnection
	}
	_, had := st.subs[channel]
	st.subs[channel] = struct{}{}
	s.subs.add(spec, g)
	var replay []replayed
	if !had {
		replay = s.queues.replay(spec)
	}
	s.mu.Unlock()
	frames := []frame{{c, encConfirm(mSubscribe, channel, id)}}
	for _, q := range replay {
		frames = append(frames, frame{c, encEvent(q.channel, q.text)})
	}
	err := write(frames)
	if h := s.ev.OnSubscription; h != nil && !had {
		h(c, channel)
	}
	return err
}

// unsubscribe removes the subscription and, for a pattern, every
// subscription of c it matches, confirming each one; with nothing to
// remove it confirms the name given.
func (s *Server) unsubscribe(c Conn, channel string, id *msgID) error {
	spec, ok := parseChannel(channel, s.cfg.UseMatchesMasks)
	if !ok {
		return ErrInvalidChannel
	}
	g := c.Guid()
	s.mu.Lock()
	st := s.conns[g]
	if st == nil {
		s.mu.Unlock()
		return ErrUnknownConnection
	}
	var removed []string
	for sub := range st.subs {
		if sub == channel || spec.pattern && spec.matches(sub) {
			removed = append(removed, sub)
		}
	}
	s.dropSubsLocked(st, g, removed)
	s.mu.Unlock()
	return s.confirmUnsubscribed(c, removed, []string{channel}, id)
}

// unsubscribeAll removes every subscription of c, confirming each with
// sgc@unsubscribe.
func (s *Server) unsubscribeAll(c Conn, id *msgID) {
	g := c.Guid()
	s.mu.Lock()
	st := s.conns[g]
	if st == nil {
		s.mu.Unlock()
		return
	}
	removed := sortedKeys(st.subs)
	s.dropSubsLocked(st, g, removed)
	s.mu.Unlock()
	s.confirmUnsubscribed(c, removed, nil, id)
}

func (s *Server) dropSubsLocked(st *connState, g string, subs []string) {
	sort.Strings(subs)
	for _, sub := range subs {
		delete(st.subs, sub)
		s.subs.remove(sub, g)
	}
}

func (s *Server) confirmUnsubscribed(c Conn, removed, otherwise []string, id *msgID) error {
	list := removed
	if len(list) == 0 {
		list = otherwise
	}
	var frames []frame
	for _, ch := range list {
		frames = append(frames, frame{c, encConfirm(mUnsubscribe, ch, id)})
	}
	err := write(frames)
	if h := s.ev.OnUnSubscription; h != nil {
		for _, ch := range removed {
			h(c, ch)
		}
	}
	return err
}

func (s *Server) session(c Conn) {
	text := encSession(c.Guid(), s.cfg.QoS.Level)
	s.mu.Lock()
	s.trackLocked(s.stateLocked(c), strID(c.Guid()), text)
	s.mu.Unlock()
	c.WriteText(text)
}

// release processes the QoS 2 message a pubrel names (if still stored)
// and acknowledges the pubrel either way.
func (s *Server) release(c Conn, r *request) {
	if !r.hasID {
		return
	}
	s.mu.Lock()
	stored := s.stateLocked(c).in.take(r.id.s)
	s.mu.Unlock()
	if stored != nil {
		s.route(c, stored)
	}
	c.WriteText(encAck(r.id))
}

func (s *Server) transaction(c Conn, r *request) {
	if r.channel == "" {
		s.fail(c, r, CodeInvalidParams, msgInvalidParams, "channel required")
		return
	}
	s.mu.Lock()
	tx := &s.stateLocked(c).tx
	var ok = true
	var held []*request
	switch r.method {
	case mTransaction:
		ok = tx.begin(r.channel)
	case mCommit:
		held = tx.end(r.channel)
	case mRollback:
		tx.end(r.channel)
	}
	s.mu.Unlock()
	if !ok {
		s.fail(c, r, CodeServerError, msgServerError, "too many transactions")
	}
	for _, h := range held {
		s.process(c, h)
	}
}

func (s *Server) rpc(c Conn, r *request) {
	if s.cfg.RPCAuthentication.Enabled && !s.authorized(c, r.method) {
		s.fail(c, r, CodeMethodNotFound, msgMethodNotFound, "")
		return
	}
	h := s.ev.OnRPC
	if h == nil {
		s.fail(c, r, CodeMethodNotFound, msgMethodNotFound, "")
		return
	}
	g := c.Guid()
	s.mu.Lock()
	st := s.stateLocked(c)
	full := st.nrpc >= s.cfg.MaxPending
	if !full {
		st.nrpc++
		st.rpcIDs[r.id.s]++
		s.rpcs[r.id.s] = append(s.rpcs[r.id.s], pendingRPC{g, r.id})
	}
	s.mu.Unlock()
	if full {
		s.fail(c, r, CodeServerError, msgServerError, "too many pending requests")
		return
	}
	h(c, r.id.s, r.method, r.params)
}

// authorized applies RPCAuthentication.Methods ("method" or "method=user",
// compared case-sensitively), then OnRPCAuthentication.
func (s *Server) authorized(c Conn, method string) bool {
	user, password := c.Credentials()
	for _, m := range s.cfg.RPCAuthentication.Methods {
		name, u, hasUser := strings.Cut(m, "=")
		if strings.TrimSpace(name) == method && (!hasUser || strings.TrimSpace(u) == user) {
			return true
		}
	}
	if h := s.ev.OnRPCAuthentication; h != nil {
		return h(c, method, user, password)
	}
	return false
}

// takeRPCLocked removes the oldest pending RPC with this id.
func (s *Server) takeRPCLocked(id string) (pendingRPC, *connState, bool) {
	for _, p := range s.rpcs[id] {
		if st := s.conns[p.guid]; st != nil {
			s.dropRPCLocked(id, p.guid)
			return p, st, true
		}
	}
	return pendingRPC{}, nil, false
}

// dropRPCLocked removes one pending RPC of guid with this id.
func (s *Server) dropRPCLocked(id, guid string) {
	list := s.rpcs[id]
	for i, p := range list {
		if p.guid == guid {
			list = append(list[:i:i], list[i+1:]...)
			break
		}
	}
	if len(list) == 0 {
		delete(s.rpcs, id)
	} else {
		s.rpcs[id] = list
	}
	if st := s.conns[guid]; st != nil && st.rpcIDs[id] > 0 {
		st.nrpc--
		if st.rpcIDs[id]--; st.rpcIDs[id] == 0 {
			delete(st.rpcIDs, id)
		}
	}
}

func sortedKeys(m map[string]struct{}) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
