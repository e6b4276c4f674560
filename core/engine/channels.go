package engine

// Channels (the manual's Subscribe/Unsubscribe/Broadcast by channel): each connection keeps its set
// and the server keeps an index per channel, so a broadcast to a channel visits only its members.
// Both are guarded by the server's chMu.

func subscribe(h uint64, channel string) error {
	c, s, err := serverConn(h)
	if err != nil {
		return err
	}
	s.chMu.Lock()
	defer s.chMu.Unlock()
	if c.chans == nil {
		c.chans = map[string]struct{}{}
	}
	c.chans[channel] = struct{}{}
	m := s.chans[channel]
	if m == nil {
		m = map[*conn]struct{}{}
		s.chans[channel] = m
	}
	m[c] = struct{}{}
	return nil
}

func unsubscribe(h uint64, channel string) error {
	c, s, err := serverConn(h)
	if err != nil {
		return err
	}
	s.chMu.Lock()
	defer s.chMu.Unlock()
	delete(c.chans, channel)
	if m := s.chans[channel]; m != nil {
		delete(m, c)
		if len(m) == 0 {
			delete(s.chans, channel)
		}
	}
	return nil
}

func subscribed(h uint64, channel string) (bool, error) {
	c, s, err := serverConn(h)
	if err != nil {
		return false, err
	}
	s.chMu.RLock()
	defer s.chMu.RUnlock()
	_, ok := c.chans[channel]
	return ok, nil
}

// unsubscribeAll removes a closed connection from every channel.
func (s *server) unsubscribeAll(c *conn) {
	s.chMu.Lock()
	defer s.chMu.Unlock()
	for ch := range c.chans {
		if m := s.chans[ch]; m != nil {
			delete(m, c)
			if len(m) == 0 {
				delete(s.chans, ch)
			}
		}
	}
	c.chans = nil
}

// members lists a channel's connections.
func (s *server) members(channel string) []*conn {
	s.chMu.RLock()
	defer s.chMu.RUnlock()
	m := s.chans[channel]
	out := make([]*conn, 0, len(m))
	for c := range m {
		out = append(out, c)
	}
	return out
}

func serverConn(h uint64) (*conn, *server, error) {
	c, err := lookupConn(h)
	if err != nil {
		return nil, nil, err
	}
	if c.srv == nil {
		return nil, nil, Errorf(EUnsupported, "channels are a server feature")
	}
	return c, c.srv, nil
}
