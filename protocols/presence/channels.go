package presence

import "sort"

// channel is a presence channel. It exists while it has members: created by
// its first accepted subscriber, removed when the last one leaves.
type channel struct {
	name    string
	members map[string]uint64 // member guid -> subscription order
}

// sessions lists the channel's member sessions in subscription order.
func (ch *channel) sessions(all map[string]*session) []*session {
	out := make([]*session, 0, len(ch.members))
	for guid := range ch.members {
		if ss := all[guid]; ss != nil && ss.member != nil {
			out = append(out, ss)
		}
	}
	sort.Slice(out, func(i, j int) bool { return ch.members[out[i].guid] < ch.members[out[j].guid] })
	return out
}

// sortedNames returns the keys of set, sorted, so removals notify in a
// stable order.
func sortedNames(set map[string]struct{}) []string {
	out := make([]string, 0, len(set))
	for n := range set {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// channelSessions lists the member sessions of channel name (under s.mu);
// nil if it does not exist.
func (s *Server) channelSessions(name string) []*session {
	if ch := s.channels[name]; ch != nil {
		return ch.sessions(s.sessions)
	}
	return nil
}
