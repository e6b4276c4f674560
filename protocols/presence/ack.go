package presence

import (
	"sync"
	"time"
)

// Clock tells the time. A nil Clock in a config means the wall clock and a
// real ticker calling Tick every Acknowledgment.Interval; with a Clock set
// nothing ticks by itself and the host (or a test) calls Tick.
type Clock interface {
	Now() time.Time
}

type wallClock struct{}

func (wallClock) Now() time.Time { return time.Now() }

// ackEntry is one message sent with an id and not acknowledged yet.
type ackEntry struct {
	id, text string
	sent     time.Time
	resends  int
}

// ackQueue holds unacknowledged messages in send order. It is small
// (MaxPending), so plain slice operations are fine.
type ackQueue struct {
	list []ackEntry
}

// add tracks a sent message; beyond max the oldest stops being tracked,
// so a peer that never acknowledges cannot grow it without bound.
func (q *ackQueue) add(id, text string, now time.Time, max int) {
	if len(q.list) >= max {
		q.list = append(q.list[:0], q.list[len(q.list)-max+1:]...)
	}
	q.list = append(q.list, ackEntry{id: id, text: text, sent: now})
}

// ack forgets id and reports whether it was pending.
func (q *ackQueue) ack(id string) bool {
	for i := range q.list {
		if q.list[i].id == id {
			q.list = append(q.list[:i], q.list[i+1:]...)
			return true
		}
	}
	return false
}

// due returns the texts to send again now: those older than timeout. An
// entry already re-sent maxResends times is dropped instead.
func (q *ackQueue) due(now time.Time, timeout time.Duration, maxResends int) []string {
	var out []string
	keep := q.list[:0]
	for _, e := range q.list {
		if now.Sub(e.sent) >= timeout {
			if e.resends >= maxResends {
				continue
			}
			e.resends++
			e.sent = now
			out = append(out, e.text)
		}
		keep = append(keep, e)
	}
	clear(q.list[len(keep):])
	q.list = keep
	return out
}

func (q *ackQueue) pending() int { return len(q.list) }

// idWindowSize bounds the memory of inbound ids kept for de-duplication.
const idWindowSize = 1024

// idWindow remembers the last idWindowSize inbound ids: a message re-sent
// because our acknowledgment was lost is acknowledged again but not
// processed twice.
type idWindow struct {
	set  map[string]struct{}
	ring []string
	next int
}

// seen records id and reports whether it was already recorded.
func (w *idWindow) seen(id string) bool {
	if _, ok := w.set[id]; ok {
		return true
	}
	if w.set == nil {
		w.set = make(map[string]struct{})
	}
	if len(w.ring) < idWindowSize {
		w.ring = append(w.ring, id)
	} else {
		delete(w.set, w.ring[w.next])
		w.ring[w.next] = id
		w.next = (w.next + 1) % idWindowSize
	}
	w.set[id] = struct{}{}
	return false
}

// ticker calls tick every d on a real time.Ticker until stopped.
type ticker struct {
	once sync.Once
	done chan struct{}
}

func startTicker(d time.Duration, tick func()) *ticker {
	t := &ticker{done: make(chan struct{})}
	tk := time.NewTicker(d)
	go func() {
		defer tk.Stop()
		for {
			select {
			case <-tk.C:
				tick()
			case <-t.done:
				return
			}
		}
	}()
	return t
}

// stop is idempotent and safe on a nil ticker.
func (t *ticker) stop() {
	if t != nil {
		t.once.Do(func() { close(t.done) })
	}
}
