package events

// ring is a growable FIFO of events. It grows by doubling and never shrinks,
// so a steady stream costs no allocation beyond the events themselves.
type ring struct {
	buf  []*Event
	head int
	n    int
}

func (r *ring) len() int { return r.n }

func (r *ring) push(ev *Event) {
	if r.n == len(r.buf) {
		r.grow()
	}
	r.buf[(r.head+r.n)%len(r.buf)] = ev
	r.n++
}

func (r *ring) grow() {
	size := 2 * len(r.buf)
	if size == 0 {
		size = 64
	}
	nb := make([]*Event, size)
	for i := 0; i < r.n; i++ {
		nb[i] = r.buf[(r.head+i)%len(r.buf)]
	}
	r.buf, r.head = nb, 0
}

// popTo appends up to max events (all if max <= 0) to dst in FIFO order.
func (r *ring) popTo(dst []*Event, max int) []*Event {
	if max <= 0 || max > r.n {
		max = r.n
	}
	for i := 0; i < max; i++ {
		dst = append(dst, r.buf[r.head])
		r.buf[r.head] = nil // let the host's copy be the only reference
		r.head = (r.head + 1) % len(r.buf)
	}
	r.n -= max
	if r.n == 0 {
		r.head = 0
	}
	return dst
}

// drain removes every event, calling fn on each in FIFO order.
func (r *ring) drain(fn func(*Event)) {
	for r.n > 0 {
		ev := r.buf[r.head]
		r.buf[r.head] = nil
		r.head = (r.head + 1) % len(r.buf)
		r.n--
		fn(ev)
	}
	r.head = 0
}
