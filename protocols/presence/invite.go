package presence

// inviteKey identifies a pending invitation: inviter asked invitee to
// join channel and has not had an answer yet.
type inviteKey struct {
	inviter, invitee, channel string
}

// invite handles channel@invitation: the sender asks each member listed in
// "members" (by id) to join "channel". Each invitee gets a
// channel@invitation whose "member" is the inviter and whose "members" is
// itself. The server keeps the invitation pending to relay the answer.
func (s *Server) invite(guid string, p packet) {
	var b batch
	s.mu.Lock()
	defer func() { s.mu.Unlock(); s.finish(&b) }()
	ss := s.live(guid)
	if ss == nil {
		return
	}
	m, code := s.sender(ss, p)
	switch {
	case code != 0:
	case p.Channel == "":
		code = CodeChannelRequired
	case len(p.Members) == 0:
		code = CodeInvalidMessage
	}
	if code != 0 {
		s.fail(&b, ss, p, code, false)
		return
	}
	for _, target := range p.Members {
		t := s.sessions[target.ID]
		if target.ID == "" || t == nil || t.member == nil {
			s.failAbout(&b, ss, CodeUnknownMember, false, p.Channel, "", target)
			continue
		}
		key := inviteKey{inviter: guid, invitee: t.guid, channel: p.Channel}
		if _, again := s.invites[key]; !again {
			if ss.invites >= s.cfg.MaxInvitations {
				s.failAbout(&b, ss, CodeTooManyInvitations, false, p.Channel, "", *t.member)
				continue
			}
			s.invites[key] = struct{}{}
			ss.invites++
		}
		s.send(&b, t, packet{Method: MethodChannelInvitation, Channel: p.Channel, Member: m, Members: []Member{*t.member}})
	}
}

// inviteResponse handles channel@invitation@response from the invitee:
// "members"[0] is the inviter. The answer is relayed to the inviter with
// "member" = the invitee and "members" = the inviter.
func (s *Server) inviteResponse(guid string, p packet) {
	var b batch
	s.mu.Lock()
	defer func() { s.mu.Unlock(); s.finish(&b) }()
	ss := s.live(guid)
	if ss == nil {
		return
	}
	m, code := s.sender(ss, p)
	var key inviteKey
	switch {
	case code != 0:
	case p.Channel == "":
		code = CodeChannelRequired
	case len(p.Members) == 0:
		code = CodeInvalidMessage
	default:
		key = inviteKey{inviter: p.Members[0].ID, invitee: guid, channel: p.Channel}
		if _, ok := s.invites[key]; !ok {
			code = CodeNoInvitation
		}
	}
	if code != 0 {
		s.fail(&b, ss, p, code, false)
		return
	}
	delete(s.invites, key)
	inv := s.sessions[key.inviter]
	if inv == nil || inv.member == nil {
		return // cannot happen: invitations die with their inviter
	}
	inv.invites--
	e := declineError(p.Accept, p.Error)
	s.send(&b, inv, packet{Method: MethodChannelInvitationResponse, Channel: p.Channel, Member: m,
		Members: []Member{*inv.member}, Accept: p.Accept, Error: e})
}

// dropInvites forgets the pending invitations sent to or by guid (under s.mu).
func (s *Server) dropInvites(guid string) {
	for k := range s.invites {
		switch guid {
		case k.inviter:
			delete(s.invites, k)
		case k.invitee:
			delete(s.invites, k)
			if inv := s.sessions[k.inviter]; inv != nil {
				inv.invites--
			}
		}
	}
	if ss := s.sessions[guid]; ss != nil {
		ss.invites = 0
	}
}

// declineError normalises an invitation answer's error: none when
// accepted, CodeInvitationDeclined when declined without a code.
func declineError(accept bool, e Error) Error {
	if accept {
		return Error{}
	}
	if e.Code == 0 {
		e.Code = CodeInvitationDeclined
		if e.Text == "" {
			e.Text = codeTexts[CodeInvitationDeclined]
		}
	}
	return e
}
