package sgc

import "time"

// outbox tracks sent messages awaiting acknowledgment (QoS 1 and 2), in
// send order, for retransmission. When full the oldest entry is dropped:
// it is no longer retransmitted.
type outbox struct {
	max   int
	items []outItem
}

type outItem struct {
	id   string
	text string
	sent time.Time // first sent; retransmitted at every tick once older than the timeout
}

func (o *outbox) add(id, text string, now time.Time) {
	o.remove(id) // a reused id replaces its entry
	if len(o.items) >= o.max {
		o.items = append(o.items[:0], o.items[1:]...)
	}
	o.items = append(o.items, outItem{id, text, now})
}

func (o *outbox) remove(id string) bool {
	for i := range o.items {
		if o.items[i].id == id {
			o.items = append(o.items[:i], o.items[i+1:]...)
			return true
		}
	}
	return false
}

// replace swaps the text of a tracked entry (the client's QoS 2 publish
// becomes its pubrel), restarting its timer. ok is false if not tracked.
func (o *outbox) replace(id, text string, now time.Time) bool {
	for i := range o.items {
		if o.items[i].id == id {
			o.items[i].text, o.items[i].sent = text, now
			return true
		}
	}
	return false
}

// due returns the texts to retransmit now.
func (o *outbox) due(now time.Time, timeout time.Duration) []string {
	var out []string
	for _, it := range o.items {
		if now.Sub(it.sent) >= timeout {
			out = append(out, it.text)
		}
	}
	return out
}

// inbox holds the server's QoS 2 messages between pubrec and pubrel, once
// per id, at most max, each for at most the QoS timeout.
type inbox struct {
	max   int
	items map[string]inItem
}

type inItem struct {
	r      *request
	stored time.Time
}

// store keeps r unless its id is already held; ok is false when full.
func (b *inbox) store(r *request, now time.Time) (ok bool) {
	if _, dup := b.items[r.id.s]; dup {
		return true
	}
	if len(b.items) >= b.max {
		return false
	}
	if b.items == nil {
		b.items = map[string]inItem{}
	}
	b.items[r.id.s] = inItem{r, now}
	return true
}

// take removes and returns the message released by a pubrel, nil if none.
func (b *inbox) take(id string) *request {
	it, ok := b.items[id]
	if !ok {
		return nil
	}
	delete(b.items, id)
	return it.r
}

func (b *inbox) expire(now time.Time, timeout time.Duration) {
	for id, it := range b.items {
		if now.Sub(it.stored) >= timeout {
			delete(b.items, id)
		}
	}
}
