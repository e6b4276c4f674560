package sgc

// txStore holds the open transactions of one connection, keyed by channel.
// Requests whose params.channel names an open transaction wait here until
// sgc@commit (processed in order) or sgc@rollback (discarded). Open
// transactions plus waiting requests are bounded by max.
type txStore struct {
	max  int
	open map[string][]*request
	n    int // open transactions + waiting requests
}

// begin opens a transaction; reopening one keeps what it holds. ok is false
// when the store is full.
func (t *txStore) begin(channel string) (ok bool) {
	if _, open := t.open[channel]; open {
		return true
	}
	if t.n >= t.max {
		return false
	}
	if t.open == nil {
		t.open = map[string][]*request{}
	}
	t.open[channel] = nil
	t.n++
	return true
}

// add queues r when its channel has an open transaction. full reports a
// request refused because the store is full.
func (t *txStore) add(r *request) (queued, full bool) {
	q, open := t.open[r.channel]
	if !open || !r.hasChannel {
		return false, false
	}
	if t.n >= t.max {
		return false, true
	}
	t.open[r.channel] = append(q, r)
	t.n++
	return true, false
}

// end closes a transaction and returns what it held.
func (t *txStore) end(channel string) []*request {
	q, open := t.open[channel]
	if !open {
		return nil
	}
	delete(t.open, channel)
	t.n -= 1 + len(q)
	return q
}

// transactional reports whether a method can wait in a transaction: the
// channel-addressed requests, not the protocol's own control messages.
func transactional(method string) bool {
	switch method {
	case mPublish, mBroadcast, mMessage, mSubscribe, mUnsubscribe:
		return true
	}
	return false
}
