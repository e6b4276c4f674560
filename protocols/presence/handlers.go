package presence

// Server-side handling of each client request. Each handler validates under
// s.mu, releases it to ask the host's "Before" events, and re-validates
// before committing, since the connection may have changed meanwhile.

// reject answers p from guid with an error message.
func (s *Server) reject(guid string, p packet, code int, publish bool) {
	var b batch
	s.mu.Lock()
	if ss := s.live(guid); ss != nil {
		s.fail(&b, ss, p, code, publish)
	}
	s.mu.Unlock()
	s.finish(&b)
}

// fail queues the error for request p (under s.mu).
func (s *Server) fail(b *batch, ss *session, p packet, code int, publish bool) {
	s.failAbout(b, ss, code, publish, p.Channel, p.Text, s.requestMember(ss, p))
}

// failAbout queues an error message about member m and raises the
// matching server event. Publish errors use error@publish@msg, all others
// error@member@channel.
func (s *Server) failAbout(b *batch, ss *session, code int, publish bool, channel, text string, m Member) {
	e := newError(code)
	c := ss.conn
	if publish {
		s.send(b, ss, packet{Method: MethodErrorPublishMsg, Error: e, Text: text, Member: m, Channel: channel})
		if f := s.ev.OnErrorPublishMsg; f != nil {
			b.event(func() { f(c, e, text, channel, m) })
		}
		return
	}
	s.send(b, ss, packet{Method: MethodErrorMemberChannel, Error: e, Channel: channel, Member: m})
	if f := s.ev.OnErrorMemberChannel; f != nil {
		b.event(func() { f(c, e, channel, m) })
	}
}

// requestMember is the member an error about p refers to: the one the
// request carried (empty id = the sender), else the sender.
func (s *Server) requestMember(ss *session, p packet) Member {
	if p.present(fMember) {
		m := p.Member
		if m.ID == "" {
			m.ID = ss.guid
		}
		return m
	}
	if ss.member != nil {
		return *ss.member
	}
	return Member{ID: ss.guid}
}

// sender checks that p comes from a member speaking for itself and
// returns that member, or the refusal code.
func (s *Server) sender(ss *session, p packet) (Member, int) {
	if p.present(fMember) && p.Member.ID != "" && p.Member.ID != ss.guid {
		return Member{}, CodeSpoofedMember
	}
	if ss.member == nil {
		return Member{}, CodeNotMember
	}
	return *ss.member, 0
}

// join handles member@new: the sender becomes a member, announced to all.
func (s *Server) join(guid string, p packet) {
	var b batch
	s.mu.Lock()
	ss := s.live(guid)
	if ss == nil {
		s.mu.Unlock()
		return
	}
	code := 0
	switch {
	case !p.present(fMember):
		code = CodeInvalidMessage
	case p.Member.ID != "" && p.Member.ID != guid:
		code = CodeSpoofedMember
	case ss.member != nil:
		code = CodeAlreadyMember
	}
	if code != 0 {
		s.fail(&b, ss, p, code, false)
		s.mu.Unlock()
		s.finish(&b)
		return
	}
	c := ss.conn
	m := p.Member
	m.ID = guid
	s.mu.Unlock()

	if f := s.ev.OnBeforeNewMember; f != nil && !f(c, m) {
		s.reject(guid, p, CodeMemberDenied, false)
		return
	}

	s.mu.Lock()
	if ss = s.live(guid); ss == nil {
		s.mu.Unlock()
		return
	}
	if ss.member != nil {
		s.fail(&b, ss, p, CodeAlreadyMember, false)
	} else {
		s.seq++
		ss.member, ss.seq = &m, s.seq
		s.fanout(&b, joined(s.sessions), packet{Method: MethodNewMember, Member: m})
		if f := s.ev.OnNewMember; f != nil {
			b.event(func() { f(c, m) })
		}
	}
	s.mu.Unlock()
	s.finish(&b)
}

// leave handles member@remove from a client (the JS removemember()): like
// a disconnect, but the connection stays and may join again.
func (s *Server) leave(guid string, p packet) {
	var b batch
	s.mu.Lock()
	if ss := s.live(guid); ss != nil {
		if _, code := s.sender(ss, p); code != 0 {
			s.fail(&b, ss, p, code, false)
		} else {
			s.removeMember(&b, ss)
		}
	}
	s.mu.Unlock()
	s.finish(&b)
}

// removeMember takes ss out of its channels and the member list (under
// s.mu). Whoever is still in s.sessions is notified, so a disconnected
// session (already deleted) is not, and a leaving one is.
func (s *Server) removeMember(b *batch, ss *session) {
	m, c := *ss.member, ss.conn
	for _, name := range sortedNames(ss.channels) {
		ch := s.channels[name]
		if ch == nil {
			continue
		}
		to := ch.sessions(s.sessions)
		s.dropChannelMember(ch, ss.guid)
		s.fanout(b, to, packet{Method: MethodRemoveChannelMember, Member: m, Channel: name})
		if f := s.ev.OnRemoveChannelMember; f != nil {
			b.event(func() { f(c, name, m) })
		}
	}
	clear(ss.channels)
	to := joined(s.sessions)
	ss.member = nil
	s.fanout(b, to, packet{Method: MethodRemoveMember, Member: m})
	if f := s.ev.OnRemoveMember; f != nil {
		b.event(func() { f(c, m) })
	}
	s.dropInvites(ss.guid)
}

// dropChannelMember removes guid from ch, and ch once it is empty.
func (s *Server) dropChannelMember(ch *channel, guid string) {
	delete(ch.members, guid)
	if len(ch.members) == 0 {
		delete(s.channels, ch.name)
	}
}

// subscribe handles channel@member@new. A channel is created only once
// its first subscriber is accepted, so a refusal leaves no empty channel.
func (s *Server) subscribe(guid string, p packet) {
	name := p.Channel
	// A channel that vanished while the events ran means they were asked
	// about the wrong thing: ask again, a bounded number of times.
	for attempt := 0; attempt < 3; attempt++ {
		var b batch
		s.mu.Lock()
		ss := s.live(guid)
		if ss == nil {
			s.mu.Unlock()
			return
		}
		m, code := s.sender(ss, p)
		if code == 0 && name == "" {
			code = CodeChannelRequired
		}
		if _, in := ss.channels[name]; code == 0 && in {
			code = CodeAlreadySubscribed
		}
		if code != 0 {
			s.fail(&b, ss, p, code, false)
			s.mu.Unlock()
			s.finish(&b)
			return
		}
		c := ss.conn
		exists := s.channels[name] != nil
		s.mu.Unlock()

		if f := s.ev.OnBeforeNewChannel; !exists && f != nil && !f(c, name, m) {
			s.reject(guid, p, CodeChannelDenied, false)
			return
		}
		if f := s.ev.OnBeforeNewChannelMember; f != nil && !f(c, name, m) {
			s.reject(guid, p, CodeChannelMemberDenied, false)
			return
		}

		s.mu.Lock()
		if ss = s.live(guid); ss == nil {
			s.mu.Unlock()
			return
		}
		_, in := ss.channels[name]
		ch := s.channels[name]
		if ss.member == nil || in || (exists && ch == nil) {
			s.mu.Unlock()
			continue // state changed: validate again
		}
		created := ch == nil
		if created {
			ch = &channel{name: name, members: map[string]uint64{}}
			s.channels[name] = ch
		}
		s.seq++
		ch.members[guid] = s.seq
		ss.channels[name] = struct{}{}
		s.fanout(&b, ch.sessions(s.sessions), packet{Method: MethodNewChannelMember, Member: m, Channel: name})
		if f := s.ev.OnNewChannel; created && f != nil {
			b.event(func() { f(c, name) })
		}
		if f := s.ev.OnNewChannelMember; f != nil {
			b.event(func() { f(c, name, m) })
		}
		s.mu.Unlock()
		s.finish(&b)
		return
	}
	s.reject(guid, p, CodeChannelDenied, false)
}

// unsubscribe handles channel@member@remove; the leaver is notified too.
func (s *Server) unsubscribe(guid string, p packet) {
	var b batch
	s.mu.Lock()
	defer func() { s.mu.Unlock(); s.finish(&b) }()
	ss := s.live(guid)
	if ss == nil {
		return
	}
	m, code := s.sender(ss, p)
	name := p.Channel
	if code == 0 && name == "" {
		code = CodeChannelRequired
	}
	ch := s.channels[name]
	if _, in := ss.channels[name]; code == 0 && (!in || ch == nil) {
		code = CodeNotSubscribed
	}
	if code != 0 {
		s.fail(&b, ss, p, code, false)
		return
	}
	to := ch.sessions(s.sessions)
	delete(ss.channels, name)
	s.dropChannelMember(ch, guid)
	s.fanout(&b, to, packet{Method: MethodRemoveChannelMember, Member: m, Channel: name})
	if f := s.ev.OnRemoveChannelMember; f != nil {
		c := ss.conn
		b.event(func() { f(c, name, m) })
	}
}

// publish handles publish@msg: channel "" reaches every member, otherwise
// the channel's members; the publisher must be subscribed to the channel.
func (s *Server) publish(guid string, p packet) {
	check := func(ss *session) (Member, int) {
		m, code := s.sender(ss, p)
		if code == 0 && !p.present(fMessage) {
			code = CodeInvalidMessage
		}
		if _, in := ss.channels[p.Channel]; code == 0 && p.Channel != "" && !in {
			code = CodeNotSubscribed
		}
		return m, code
	}
	var b batch
	s.mu.Lock()
	ss := s.live(guid)
	if ss == nil {
		s.mu.Unlock()
		return
	}
	m, code := check(ss)
	if code != 0 {
		s.fail(&b, ss, p, code, true)
		s.mu.Unlock()
		s.finish(&b)
		return
	}
	c := ss.conn
	s.mu.Unlock()

	if f := s.ev.OnBeforePublishMsg; f != nil && !f(c, p.Text, p.Channel, m) {
		s.reject(guid, p, CodePublishDenied, true)
		return
	}

	s.mu.Lock()
	if ss = s.live(guid); ss != nil {
		if m, code = check(ss); code != 0 {
			s.fail(&b, ss, p, code, true)
		} else {
			to := joined(s.sessions)
			if p.Channel != "" {
				to = s.channelSessions(p.Channel)
			}
			s.fanout(&b, to, packet{Method: MethodPublishMsg, Member: m, Channel: p.Channel, Text: p.Text})
		}
	}
	s.mu.Unlock()
	s.finish(&b)
}

// getMembers handles get@members: all members, or those of a channel the
// sender is subscribed to.
func (s *Server) getMembers(guid string, p packet) {
	var b batch
	s.mu.Lock()
	ss := s.live(guid)
	if ss == nil {
		s.mu.Unlock()
		return
	}
	m, code := s.sender(ss, p)
	if _, in := ss.channels[p.Channel]; code == 0 && p.Channel != "" && !in {
		code = CodeNotSubscribed
	}
	if code != 0 {
		s.fail(&b, ss, p, code, false)
		s.mu.Unlock()
		s.finish(&b)
		return
	}
	list := membersOf(joined(s.sessions))
	if p.Channel != "" {
		list = membersOf(s.channelSessions(p.Channel))
	}
	c := ss.conn
	s.mu.Unlock()

	if f := s.ev.OnBeforeSendMembers; f != nil {
		var ok bool
		if list, ok = f(c, p.Channel, m, list); !ok {
			s.reject(guid, p, CodeMembersDenied, false)
			return
		}
	}

	s.mu.Lock()
	if ss = s.live(guid); ss != nil {
		s.send(&b, ss, packet{Method: MethodSendMembers, Channel: p.Channel, Member: m, Members: list})
	}
	s.mu.Unlock()
	s.finish(&b)
}
