package engine

import (
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/sgcws/sgcws/core/events"
	"github.com/sgcws/sgcws/core/handles"
	"github.com/sgcws/sgcws/core/props"
)

// comp is what clients and servers share behind a component handle.
type comp interface {
	base() *component
	start() error
	stop() error
	// teardown stops everything without raising events (Destroy, Shutdown). wait: block until the
	// component's goroutines have finished (false from inside a callback).
	teardown(wait bool)
}

// component is the part common to every component: handle, properties and event delivery.
type component struct {
	h    uint64
	kind Kind
	ps   *props.Set
	disp *events.Dispatcher

	hostCb    atomic.Pointer[func(*events.Event)]
	detached  atomic.Bool
	destroyed atomic.Bool

	attached attachments // protocols attached to this transport (clients and servers)

	mu     sync.Mutex
	owned  map[uint64]struct{} // connection and request handles this component issued
	expire []uint64            // handles of the batch the host holds, removed when it is released
}

func (c *component) base() *component { return c }

// init registers the component and its dispatcher. The dispatcher needs the handle, so obj is added
// to the table first; nobody can see the handle before create returns.
func (c *component) init(kind Kind, obj comp) {
	c.kind = kind
	c.owned = make(map[uint64]struct{})
	c.h = tab.Add(handles.Kind(kind), obj)
	c.disp = events.NewDispatcher(c.h)
	c.disp.SetCallback(c.deliver)
}

// deliver wraps the host callback (NoSync) so that handles expire right after their event ran.
func (c *component) deliver(ev *events.Event) {
	if fn := c.hostCb.Load(); fn != nil {
		(*fn)(ev)
	} else if ev.Reply != 0 {
		if d, err := lookupDecision(ev.Reply); err == nil {
			d.unansweredFlag().Store(true)
		}
	}
	c.expireNow(expiring(ev, nil))
}

// expiring appends the handles that die once ev has been handled.
func expiring(ev *events.Event, dst []uint64) []uint64 {
	if ev.Kind == events.EvDisconnect && ev.Connection != 0 {
		dst = append(dst, ev.Connection)
	}
	if ev.Reply != 0 {
		dst = append(dst, ev.Reply)
	}
	if ev.Args != 0 && ev.Args != ev.Reply {
		dst = append(dst, ev.Args)
	}
	return dst
}

// emit raises an event of this component. An event that could not be delivered (detached) releases
// its handles at once, as nobody will ever see them.
func (c *component) emit(ev *events.Event) {
	ev.Component = c.h
	if !c.disp.Emit(ev) {
		c.expireNow(expiring(ev, nil))
	}
}

// own records a connection or request handle of this component.
func (c *component) own(h uint64) {
	c.mu.Lock()
	c.owned[h] = struct{}{}
	c.mu.Unlock()
}

func (c *component) expireNow(hs []uint64) {
	if len(hs) == 0 {
		return
	}
	c.mu.Lock()
	for _, h := range hs {
		if _, mine := c.owned[h]; mine {
			delete(c.owned, h)
			releaseHandle(h)
		}
	}
	c.mu.Unlock()
}

// releaseHandle drops one component's hold on a handle: a connection's handle goes when the last
// component that raised its OnConnect lets go (see attach.go), any other at once.
func releaseHandle(h uint64) {
	if obj, _, ok := tab.Get(h); ok {
		if c, isConn := obj.(*conn); isConn && c.refs.Add(-1) > 0 {
			return
		}
	}
	tab.Remove(h)
}

// releaseAll removes every handle the component issued (Destroy).
func (c *component) releaseAll() {
	c.mu.Lock()
	for h := range c.owned {
		releaseHandle(h)
	}
	c.owned = map[uint64]struct{}{}
	c.expire = nil
	c.mu.Unlock()
}

func (c *component) decisionTimeout() time.Duration {
	ms := c.getInt("DecisionTimeout")
	if ms <= 0 {
		ms = 10000
	}
	return time.Duration(ms) * time.Millisecond
}

// optIn reports whether the host enabled a decision event ("Events.OnHandshake", ...).
func (c *component) optIn(name string) bool {
	return !c.detached.Load() && c.getBool(name)
}

// decision is the reply object of a decision event: a request (the fixed decision events and HTTP
// requests) or the arguments of a registered decision event.
type decision interface {
	handle() uint64
	bind(ev *events.Event) // the event it answers, for Done
	finish()               // freezes the answer: later writes fail
	unansweredFlag() *atomic.Bool
	ownerComp() *component
	seq() uint64 // the sequence number of its event, for Done
}

// decide raises a decision event through d and reports whether the host answered in time. The
// answer is frozen afterwards: late answers are ignored and its handle is gone.
func (c *component) decide(ev *events.Event, d decision) bool {
	ev.Component = c.h
	ev.Reply = d.handle()
	d.bind(ev)
	timeout := c.decisionTimeout()
	deadline := time.Now().Add(timeout)
	ok := c.disp.Decide(ev, timeout)
	d.finish()
	c.expireNow([]uint64{d.handle()})
	// In neNoSync the callback runs to completion on this goroutine, so Decide cannot time out by
	// itself: an answer given after DecisionTimeout is late and, as in the queued modes, ignored.
	late := time.Now().After(deadline)
	return ok && !late && !d.unansweredFlag().Load()
}

// Typed readers for the component's own properties; the names are registered by this package, so a
// failure is a bug caught by the tests.
func (c *component) getBool(name string) bool {
	v, err := c.ps.GetBool(name)
	if err != nil {
		panic(err)
	}
	return v
}

func (c *component) getInt(name string) int64 {
	v, err := c.ps.GetInt(name)
	if err != nil {
		panic(err)
	}
	return v
}

func (c *component) getString(name string) string {
	v, err := c.ps.GetString(name)
	if err != nil {
		panic(err)
	}
	return v
}

// getLines reads a Strings property as its non-empty lines.
func (c *component) getLines(name string) []string {
	var out []string
	for _, l := range strings.Split(c.getString(name), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}
