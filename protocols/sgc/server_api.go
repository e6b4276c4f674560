package sgc

// The manual's methods of TsgcWSPServer_sgc. Exclude and Include are
// comma-separated connection Guids ("" = no filter).

// Publish sends text as sgc@event to the subscribers of channel (a pattern
// reaches every matching subscription; "" reaches every connection) and
// keeps it for later subscribers at queue levels 1 and 2.
func (s *Server) Publish(text, channel, exclude, include string, queue QueueLevel) error {
	if !queue.valid() {
		return ErrInvalidLevel
	}
	spec, ok := s.pubSpec(channel)
	if !ok {
		return ErrInvalidChannel
	}
	s.publish(spec, text, guidList(exclude), guidList(include), queue)
	return nil
}

// Broadcast sends text as sgc@message to every connection, or with a
// channel to those subscribed to it.
func (s *Server) Broadcast(text, channel, exclude, include string) error {
	spec, ok := s.pubSpec(channel)
	if !ok {
		return ErrInvalidChannel
	}
	s.broadcast(spec, text, guidList(exclude), guidList(include))
	return nil
}

// WriteData sends text to one connection, or to each of a comma-separated
// list, as sgc@message in the result form (the form JS clients dispatch).
// It reports ErrUnknownConnection if any Guid is not connected.
func (s *Server) WriteData(guid, text string) error {
	ids := guidList(guid)
	if ids == nil {
		return ErrUnknownConnection
	}
	msg := encBroadcast("", text)
	var frames []frame
	missing := false
	s.mu.Lock()
	for g := range ids {
		if st := s.conns[g]; st != nil {
			frames = append(frames, frame{st.c, msg})
		} else {
			missing = true
		}
	}
	s.mu.Unlock()
	if err := write(frames); err != nil {
		return err
	}
	if missing {
		return ErrUnknownConnection
	}
	return nil
}

// RPCResult answers the pending RPC id (the oldest, if two connections used
// the same id). A result that is a JSON object or array is sent as JSON,
// anything else as a string.
func (s *Server) RPCResult(id, result string) error {
	return s.answer(id, func(mid msgID) string { return encRPCResult(result, s.cfg.QoS.Level, mid) })
}

// RPCError answers the pending RPC id with an error; data "" is omitted.
func (s *Server) RPCError(id string, code int, message, data string) error {
	return s.answer(id, func(mid msgID) string { return encRPCError(code, message, data, s.cfg.QoS.Level, &mid) })
}

func (s *Server) answer(id string, enc func(msgID) string) error {
	s.mu.Lock()
	p, st, ok := s.takeRPCLocked(id)
	if !ok {
		s.mu.Unlock()
		return ErrUnknownID
	}
	text := enc(p.id)
	s.trackLocked(st, p.id, text)
	c := st.c
	s.mu.Unlock()
	return c.WriteText(text)
}

// Subscribe subscribes a connection to channel as if it had asked (without
// OnBeforeSubscription): the client gets a confirmation without id and the
// queued messages.
func (s *Server) Subscribe(guid, channel string) error {
	c := s.conn(guid)
	if c == nil {
		return ErrUnknownConnection
	}
	return s.subscribe(c, channel, nil, false)
}

// UnSubscribe removes a connection's subscription (and, for a pattern, the
// ones it matches), confirming to the client without id.
func (s *Server) UnSubscribe(guid, channel string) error {
	c := s.conn(guid)
	if c == nil {
		return ErrUnknownConnection
	}
	return s.unsubscribe(c, channel, nil)
}

// ClearQueue deletes the messages queued for channel (the name published
// to); it reports whether there were any.
func (s *Server) ClearQueue(channel string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.queues.clear(channel)
}

// Subscriptions returns the active subscriptions of all connections,
// distinct and sorted (patterns as subscribed).
func (s *Server) Subscriptions() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.subs.names()
}

// ConnectionSubscriptions returns one connection's subscriptions, sorted.
func (s *Server) ConnectionSubscriptions(guid string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if st := s.conns[guid]; st != nil {
		return sortedKeys(st.subs)
	}
	return nil
}

func (s *Server) conn(guid string) Conn {
	s.mu.Lock()
	defer s.mu.Unlock()
	if st := s.conns[guid]; st != nil {
		return st.c
	}
	return nil
}
