package presence

import "sort"

// Member is the manual's TsgcWSPresenceMember. ID is the member's
// connection Guid (the session id); Name and Info come from the client.
// The manual's Data property is host-side state and lives in the host.
type Member struct {
	ID, Name, Info string
}

// session is the server's state for one connection.
type session struct {
	conn     Conn
	guid     string
	member   *Member             // nil until the join is accepted
	seq      uint64              // join order, for stable member lists
	channels map[string]struct{} // channels this member is subscribed to
	invites  int                 // pending invitations this member sent

	out      []string // texts queued for conn, written outside the lock
	flushing bool     // a goroutine is draining out
	acks     ackQueue // sent with an id, not yet acknowledged
	seen     idWindow // recent inbound ids, to drop re-sent duplicates
}

func newSession(c Conn, guid string) *session {
	return &session{conn: c, guid: guid, channels: map[string]struct{}{}}
}

// joined lists the sessions that are members, in join order.
func joined(all map[string]*session) []*session {
	out := make([]*session, 0, len(all))
	for _, ss := range all {
		if ss.member != nil {
			out = append(out, ss)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].seq < out[j].seq })
	return out
}

// membersOf returns the members of sessions, in order.
func membersOf(list []*session) []Member {
	out := make([]Member, len(list))
	for i, ss := range list {
		out[i] = *ss.member
	}
	return out
}
