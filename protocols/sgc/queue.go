package sgc

import "sort"

// queueStore keeps published messages for replay to new subscribers:
// queueLevel1 keeps the last message of a channel, queueLevel2 every one up
// to max (the oldest is dropped). Memory only; at most maxChannels channels
// hold a queue, messages for further channels are delivered but not kept.
type queueStore struct {
	max, maxChannels int
	seq              uint64
	byChannel        map[string]*chanQueue // by the channel published to
}

type chanQueue struct {
	spec  chanSpec
	items []queued
}

type queued struct {
	seq  uint64
	text string
}

// replayed is one queued message as the new subscriber receives it.
type replayed struct {
	seq           uint64
	channel, text string
}

func newQueueStore(max, maxChannels int) queueStore {
	return queueStore{max: max, maxChannels: maxChannels, byChannel: map[string]*chanQueue{}}
}

func (q *queueStore) put(spec chanSpec, text string, level QueueLevel) {
	if level == QueueLevel0 {
		return
	}
	cq := q.byChannel[spec.name]
	if cq == nil {
		if len(q.byChannel) >= q.maxChannels {
			return
		}
		cq = &chanQueue{spec: spec}
		q.byChannel[spec.name] = cq
	}
	q.seq++
	it := queued{seq: q.seq, text: text}
	switch {
	case level == QueueLevel1:
		cq.items = append(cq.items[:0], it)
	case len(cq.items) >= q.max:
		copy(cq.items, cq.items[1:])
		cq.items[len(cq.items)-1] = it
	default:
		cq.items = append(cq.items, it)
	}
}

// replay returns, in publish order, the queued messages a new subscription
// to sub receives. The "" queue is replayed on connect only.
func (q *queueStore) replay(sub chanSpec) []replayed {
	var out []replayed
	for name, cq := range q.byChannel {
		if name == "" || !related(cq.spec, sub) {
			continue
		}
		ch := eventChannel(cq.spec, sub)
		for _, it := range cq.items {
			out = append(out, replayed{it.seq, ch, it.text})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].seq < out[j].seq })
	return out
}

// onConnect returns the queue of the "" channel (publishes to everyone).
func (q *queueStore) onConnect() []replayed {
	cq := q.byChannel[""]
	if cq == nil {
		return nil
	}
	out := make([]replayed, len(cq.items))
	for i, it := range cq.items {
		out[i] = replayed{it.seq, "", it.text}
	}
	return out
}

func (q *queueStore) clear(channel string) bool {
	cq := q.byChannel[channel]
	delete(q.byChannel, channel)
	return cq != nil && len(cq.items) > 0
}
