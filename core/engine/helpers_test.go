package engine

import (
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sgcws/sgcws/core/events"
)

const waitLimit = 10 * time.Second

// collector receives a component's events in one NotifyEvents mode and hands copies to the test.
// handle runs in the delivery context (the callback, or between Poll and the next Poll).
type collector struct {
	t      *testing.T
	h      uint64
	ch     chan *events.Event
	stop   chan struct{}
	wg     sync.WaitGroup
	handle func(ev *events.Event)
}

func newCollector(t *testing.T, h uint64, mode string, handle func(ev *events.Event)) *collector {
	t.Helper()
	c := &collector{t: t, h: h, ch: make(chan *events.Event, 100000), stop: make(chan struct{}), handle: handle}
	must(t, SetString(h, "NotifyEvents", mode))
	deliver := func(ev *events.Event) {
		if c.handle != nil {
			c.handle(ev)
		}
		select {
		case c.ch <- ev.Clone():
		default:
			t.Errorf("collector overflow")
		}
	}
	if mode == "neNoSync" {
		must(t, SetCallback(h, deliver))
	} else {
		c.wg.Add(1)
		go func() {
			defer c.wg.Done()
			for {
				select {
				case <-c.stop:
					_ = Release(h)
					return
				default:
				}
				batch, err := Poll(h, 0, 20*time.Millisecond)
				if err != nil {
					return
				}
				for _, ev := range batch {
					deliver(ev)
				}
			}
		}()
	}
	t.Cleanup(c.close)
	return c
}

func (c *collector) close() {
	select {
	case <-c.stop:
	default:
		close(c.stop)
	}
	c.wg.Wait()
}

// next returns the next event of one of the kinds, skipping others.
func (c *collector) next(kinds ...events.Kind) *events.Event {
	c.t.Helper()
	deadline := time.After(waitLimit)
	for {
		select {
		case ev := <-c.ch:
			for _, k := range kinds {
				if ev.Kind == k {
					return ev
				}
			}
		case <-deadline:
			c.t.Fatalf("no event of kinds %v within %v", kinds, waitLimit)
		}
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("unexpected error: %v (code %d)", err, CodeOf(err))
	}
}

func wantCode(t *testing.T, err error, code Code) {
	t.Helper()
	if CodeOf(err) != code {
		t.Fatalf("got %v (code %d), want code %d", err, CodeOf(err), code)
	}
}

// newServerOn creates a started server of kind on 127.0.0.1 with a free port; it returns its handle
// and "127.0.0.1:port".
func newServerOn(t *testing.T, kind Kind, setup func(h uint64)) (uint64, string) {
	t.Helper()
	h, err := Create(kind)
	must(t, err)
	t.Cleanup(func() { _ = Destroy(h, false) })
	must(t, SetString(h, "Bindings", "127.0.0.1:0"))
	if setup != nil {
		setup(h)
	}
	must(t, Start(h))
	addrs, err := GetString(h, "ListenAddresses")
	must(t, err)
	return h, strings.Split(addrs, "\n")[0]
}

func newClientTo(t *testing.T, url string) uint64 {
	t.Helper()
	h, err := Create(KindClient)
	must(t, err)
	t.Cleanup(func() { _ = Destroy(h, false) })
	must(t, SetString(h, "URL", url))
	return h
}

// echo answers every message on the connection it came from.
func echo(ev *events.Event) {
	switch ev.Kind {
	case events.EvMessage:
		_ = Write(ev.Connection, TypeText, ev.Data, 0)
	case events.EvBinary:
		_ = Write(ev.Connection, TypeBinary, ev.Data, 0)
	}
}
