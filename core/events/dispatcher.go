package events

import (
	"sync"
	"sync/atomic"
	"time"
)

// QueueLimit is the default number of queued events above which an
// Asynchronous Emit blocks until the host drains the queue. NewDispatcher
// reads it once; SetQueueLimit changes one dispatcher.
var QueueLimit = 65536

// NoWaitable is returned by Waitable when no waitable exists (after Close,
// on failure, or on platforms without one).
const NoWaitable = ^uintptr(0)

// Dispatcher delivers the events of one component. See the package
// documentation for the concurrency contract.
type Dispatcher struct {
	component uint64

	// Read on every Emit without the lock.
	mode     atomic.Int32
	cb       atomic.Pointer[func(*Event)]
	detached atomic.Bool
	running  atomic.Int64 // callbacks (NoSync callback or wake) in progress
	seq      atomic.Uint64

	mu        sync.Mutex
	cond      sync.Cond // signalled on: queue space freed, callbacks finished, detach
	queue     ring
	batch     []*Event // handed out by the last Poll; reused
	limit     int
	blocked   int           // Asynchronous emitters waiting for queue space
	pollers   int           // Poll calls waiting for an event
	avail     chan struct{} // token for waiting pollers on empty→non-empty
	detachCh  chan struct{} // closed by Detach
	selfDet   int           // Detach(true) calls in progress
	wake      func()
	w         *waitable // created lazily by Waitable
	wClosed   bool
	blockHits int // times an emitter blocked on a full queue (for tests)
}

// NewDispatcher returns a dispatcher for the component with the given
// handle, in Asynchronous mode.
func NewDispatcher(component uint64) *Dispatcher {
	d := &Dispatcher{
		component: component,
		limit:     QueueLimit,
		avail:     make(chan struct{}, 1),
		detachCh:  make(chan struct{}),
	}
	d.cond.L = &d.mu
	return d
}

// Component returns the handle given to NewDispatcher.
func (d *Dispatcher) Component() uint64 { return d.component }

// SetMode selects the delivery mode.
func (d *Dispatcher) SetMode(m Mode) { d.mode.Store(int32(m)) }

// Mode returns the delivery mode.
func (d *Dispatcher) Mode() Mode { return Mode(d.mode.Load()) }

// SetCallback sets the NoSync callback (nil removes it; NoSync events are
// then dropped).
func (d *Dispatcher) SetCallback(fn func(ev *Event)) {
	if fn == nil {
		d.cb.Store(nil)
		return
	}
	d.cb.Store(&fn)
}

// SetWake sets a function called, outside locks and from a library
// goroutine, whenever the queue goes from empty to non-empty, so a binding
// can post a message to its main thread. It may be called when the host has
// already drained the queue: treat it as a hint to Poll.
func (d *Dispatcher) SetWake(fn func()) {
	d.mu.Lock()
	d.wake = fn
	d.mu.Unlock()
}

// SetQueueLimit changes the number of queued events above which
// Asynchronous emitters block (n < 1 means 1).
func (d *Dispatcher) SetQueueLimit(n int) {
	if n < 1 {
		n = 1
	}
	d.mu.Lock()
	d.limit = n
	d.cond.Broadcast()
	d.mu.Unlock()
}

// Pending returns the number of queued events not yet returned by Poll.
func (d *Dispatcher) Pending() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.queue.len()
}

// Emit delivers ev according to the mode and reports whether it was
// delivered: false if the dispatcher is detached (the event is dropped) or,
// in NoSync mode, no callback is set. Emit takes ownership of ev.
func (d *Dispatcher) Emit(ev *Event) bool {
	switch Mode(d.mode.Load()) {
	case NoSync:
		return d.call(ev)
	case Synchronous:
		done, ok := d.enqueue(ev, true, false)
		if !ok {
			return false
		}
		<-done
		return ev.handled
	default:
		_, ok := d.enqueue(ev, false, true)
		return ok
	}
}

// Decide emits a decision event and waits until the host has handled it: in
// NoSync mode until the callback returns, in queued modes until the host
// releases its batch or calls Done(ev.Seq). It returns false if the
// dispatcher is or becomes detached, no NoSync callback is set, or timeout
// (<= 0: none) expires first; the caller then applies its documented
// default. After a timeout the event may still reach the host.
func (d *Dispatcher) Decide(ev *Event, timeout time.Duration) bool {
	if Mode(d.mode.Load()) == NoSync {
		return d.call(ev)
	}
	done, ok := d.enqueue(ev, true, false)
	if !ok {
		return false
	}
	if timeout <= 0 {
		<-done
		return ev.handled
	}
	t := time.NewTimer(timeout)
	defer t.Stop()
	select {
	case <-done:
		return ev.handled
	case <-t.C:
		return false
	}
}

// call runs the NoSync callback on the calling goroutine. The running count
// is raised before checking detached and Detach sets detached before reading
// the count, so one of them always sees the other (both are atomics).
func (d *Dispatcher) call(ev *Event) bool {
	ev.Seq = d.seq.Add(1)
	d.running.Add(1)
	defer d.exitCallback()
	if d.detached.Load() {
		return false
	}
	fn := d.cb.Load()
	if fn == nil {
		return false
	}
	(*fn)(ev)
	return true
}

func (d *Dispatcher) exitCallback() {
	d.running.Add(-1)
	if d.detached.Load() {
		// Only after Detach: a detacher may be waiting for us.
		d.mu.Lock()
		d.cond.Broadcast()
		d.mu.Unlock()
	}
}

// enqueue queues ev. wait: the emitter will wait for handling, so give the
// event a done channel. backpressure: block while the queue is full.
func (d *Dispatcher) enqueue(ev *Event, wait, backpressure bool) (chan struct{}, bool) {
	d.mu.Lock()
	if backpressure && d.queue.len() >= d.limit && !d.detached.Load() {
		d.blockHits++
		d.blocked++
		for d.queue.len() >= d.limit && !d.detached.Load() {
			d.cond.Wait()
		}
		d.blocked--
	}
	if d.detached.Load() {
		d.mu.Unlock()
		return nil, false
	}
	ev.Seq = d.seq.Add(1)
	ev.handled = false
	var done chan struct{}
	if wait {
		done = make(chan struct{})
		ev.done = done
	}
	d.queue.push(ev)
	var wake func()
	if d.queue.len() == 1 {
		d.becameNonEmpty()
		if d.wake != nil {
			wake = d.wake
			d.running.Add(1) // under mu, so Detach will wait for it
		}
	}
	d.mu.Unlock()
	if wake != nil {
		wake()
		d.exitCallback()
	}
	return done, true
}

// becameNonEmpty signals waiting pollers and the waitable; mu is held.
func (d *Dispatcher) becameNonEmpty() {
	if d.w != nil {
		d.w.set()
	}
	if d.pollers > 0 {
		select {
		case d.avail <- struct{}{}:
		default:
		}
	}
}

// Poll releases the previous batch (unblocking its Synchronous and decision
// emitters), then returns up to max (<= 0: all) queued events, waiting up to
// timeout (0: don't wait, < 0: forever) for at least one. The returned slice
// and events stay valid until the next Poll or Release; the slice is reused.
// It returns an empty batch on timeout and once detached.
func (d *Dispatcher) Poll(max int, timeout time.Duration) []*Event {
	d.mu.Lock()
	d.releaseLocked(true)
	if d.queue.len() == 0 && timeout != 0 && !d.detached.Load() {
		var expired <-chan time.Time
		if timeout > 0 {
			t := time.NewTimer(timeout)
			defer t.Stop()
			expired = t.C
		}
	wait:
		for d.queue.len() == 0 && !d.detached.Load() {
			d.pollers++
			d.mu.Unlock()
			select {
			case <-d.avail:
			case <-d.detachCh:
			case <-expired:
				d.mu.Lock()
				d.pollers--
				break wait
			}
			d.mu.Lock()
			d.pollers--
		}
	}
	wasFull := d.queue.len() >= d.limit
	d.batch = d.queue.popTo(d.batch[:0], max)
	if d.queue.len() == 0 && d.w != nil {
		d.w.clear()
	}
	if wasFull && d.blocked > 0 && d.queue.len() < d.limit {
		d.cond.Broadcast()
	}
	b := d.batch
	d.mu.Unlock()
	return b
}

// Release releases the current batch without taking more events.
func (d *Dispatcher) Release() {
	d.mu.Lock()
	d.releaseLocked(true)
	d.mu.Unlock()
}

// releaseLocked completes the waiters of the current batch with the given
// outcome and empties it; mu is held.
func (d *Dispatcher) releaseLocked(handled bool) {
	for i, ev := range d.batch {
		complete(ev, handled)
		d.batch[i] = nil
	}
	d.batch = d.batch[:0]
}

// complete wakes ev's waiter, if any and not yet woken; mu is held.
func complete(ev *Event, handled bool) {
	if ev.done != nil {
		ev.handled = handled
		close(ev.done)
		ev.done = nil
	}
}

// Done marks the event with sequence number seq in the current batch as
// handled, releasing its waiting emitter before the batch is released. It
// reports whether such an event was waiting.
func (d *Dispatcher) Done(seq uint64) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	// The batch is in Seq order: binary search.
	lo, hi := 0, len(d.batch)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if d.batch[m].Seq < seq {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo == len(d.batch) || d.batch[lo].Seq != seq || d.batch[lo].done == nil {
		return false
	}
	complete(d.batch[lo], true)
	return true
}

// Waitable returns a handle the host can wait on, readable (Unix fd) or
// signalled (Windows manual-reset event) exactly while the queue is
// non-empty. It is created on first use and stays the same until Close;
// NoWaitable if it cannot be created or the dispatcher is closed.
func (d *Dispatcher) Waitable() uintptr {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.wClosed {
		return NoWaitable
	}
	if d.w == nil {
		w, err := newWaitable()
		if err != nil {
			return NoWaitable
		}
		d.w = w
		if d.queue.len() > 0 {
			d.w.set()
		}
	}
	return d.w.handle()
}

// Detach ends delivery: afterwards no callback runs or will run, nothing
// more is queued, queued events are dropped and every blocked emitter or
// decider returns false. It returns once no callback of this dispatcher is
// running, except that with fromOwnCallback (called from inside one of this
// dispatcher's callbacks) it does not wait for the calling callback.
// Detach may be called more than once.
func (d *Dispatcher) Detach(fromOwnCallback bool) {
	d.mu.Lock()
	if !d.detached.Load() {
		d.detached.Store(true)
		close(d.detachCh)
		d.queue.drain(func(ev *Event) { complete(ev, false) })
		for _, ev := range d.batch {
			complete(ev, false) // the host may still read them until its next Poll
		}
		if d.w != nil {
			d.w.clear()
		}
		d.cond.Broadcast()
	}
	if fromOwnCallback {
		// Counting every self-detaching caller (not just "one") lets callbacks
		// on several goroutines detach concurrently without waiting for each
		// other.
		d.selfDet++
	}
	for d.running.Load() > int64(d.selfDet) {
		d.cond.Wait()
	}
	if fromOwnCallback {
		d.selfDet--
	}
	d.mu.Unlock()
}

// Close detaches (waiting for all callbacks) and releases the waitable.
func (d *Dispatcher) Close() {
	d.Detach(false)
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.w != nil {
		d.w.close()
		d.w = nil
	}
	d.wClosed = true
}
