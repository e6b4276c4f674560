// Package prototest drives protocol components through the real engine for their tests: a server
// on 127.0.0.1, clients, and a recorder of every event a component raises, in any NotifyEvents
// mode, with each registered event's arguments read back through the generic path (EventArgs), as
// a host would.
package prototest

import (
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sgcws/sgcws/core/engine"
	"github.com/sgcws/sgcws/core/events"
	"github.com/sgcws/sgcws/core/registry"
)

// Wait bounds every wait of a test.
const Wait = 10 * time.Second

// Event is a copy of one event, with its arguments if it had any.
type Event struct {
	Kind       events.Kind
	Connection uint64
	Code       int32
	Data       string
	Args       map[string]registry.Value
}

// Arg is a string argument's text, for short assertions.
func (e Event) Arg(name string) string { return e.Args[name].Str() }

// Recorder collects a component's events. Answer, when set, runs in the delivery context of each
// event (the callback, or between two polls), where a decision can still be answered.
type Recorder struct {
	t      *testing.T
	h      uint64
	ch     chan Event
	stop   chan struct{}
	wg     sync.WaitGroup
	Answer func(ev *events.Event)
}

// Record starts recording component h's events in mode ("neNoSync", "neAsynchronous",
// "neSynchronous"); answer may be nil.
func Record(t *testing.T, h uint64, mode string, answer func(ev *events.Event)) *Recorder {
	t.Helper()
	r := &Recorder{t: t, h: h, ch: make(chan Event, 10000), stop: make(chan struct{}), Answer: answer}
	Must(t, engine.SetString(h, "NotifyEvents", mode))
	if mode == "neNoSync" {
		Must(t, engine.SetCallback(h, r.deliver))
	} else {
		r.wg.Add(1)
		go r.pump()
	}
	t.Cleanup(r.Close)
	return r
}

func (r *Recorder) pump() {
	defer r.wg.Done()
	for {
		select {
		case <-r.stop:
			_ = engine.Release(r.h)
			return
		default:
		}
		batch, err := engine.Poll(r.h, 0, 20*time.Millisecond)
		if err != nil {
			return
		}
		for _, ev := range batch {
			r.deliver(ev)
		}
	}
}

func (r *Recorder) deliver(ev *events.Event) {
	if r.Answer != nil {
		r.Answer(ev)
	}
	e := Event{Kind: ev.Kind, Connection: ev.Connection, Code: ev.Code, Data: string(ev.Data)}
	if ev.Args != 0 {
		vals, err := engine.EventArgs(ev.Args)
		if err != nil {
			r.t.Errorf("reading the arguments of event %d: %v", ev.Kind, err)
		}
		e.Args = map[string]registry.Value{}
		for _, v := range vals {
			e.Args[v.Name] = v
		}
	}
	select {
	case r.ch <- e:
	default:
		r.t.Errorf("recorder overflow")
	}
}

// Close stops a queued-mode pump (also run at cleanup).
func (r *Recorder) Close() {
	select {
	case <-r.stop:
	default:
		close(r.stop)
	}
	r.wg.Wait()
}

// Next returns the next event of one of the kinds, skipping others; it fails the test after Wait.
func (r *Recorder) Next(kinds ...events.Kind) Event {
	r.t.Helper()
	deadline := time.After(Wait)
	for {
		select {
		case e := <-r.ch:
			for _, k := range kinds {
				if e.Kind == k {
					return e
				}
			}
		case <-deadline:
			r.t.Fatalf("no event of kinds %v within %v", kinds, Wait)
		}
	}
}

// None checks that no event of the kinds arrives within d (only for "nothing more happens"
// checks after the events that must happen have been seen).
func (r *Recorder) None(d time.Duration, kinds ...events.Kind) {
	r.t.Helper()
	deadline := time.After(d)
	for {
		select {
		case e := <-r.ch:
			for _, k := range kinds {
				if e.Kind == k {
					r.t.Fatalf("unexpected event %d: %+v", e.Kind, e)
				}
			}
		case <-deadline:
			return
		}
	}
}

// Must fails the test on an error.
func Must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// Create makes a component of kind and destroys it at cleanup.
func Create(t *testing.T, kind engine.Kind) uint64 {
	t.Helper()
	h, err := engine.Create(kind)
	Must(t, err)
	t.Cleanup(func() { _ = engine.Destroy(h, false) })
	return h
}

// Listen starts server h on 127.0.0.1 and returns its ws:// base URL.
func Listen(t *testing.T, h uint64) string {
	t.Helper()
	Must(t, engine.SetString(h, "Bindings", "127.0.0.1:0"))
	Must(t, engine.Start(h))
	addrs, err := engine.GetString(h, "ListenAddresses")
	Must(t, err)
	return "ws://" + strings.Split(addrs, "\n")[0]
}

// Dial makes a client for url offering protocols (newline-separated) and connects it.
func Dial(t *testing.T, url, protocols string, setup func(client uint64)) uint64 {
	t.Helper()
	c := Create(t, engine.KindClient)
	Must(t, engine.SetString(c, "URL", url))
	Must(t, engine.SetString(c, "Protocols", protocols))
	if setup != nil {
		setup(c)
	}
	Must(t, engine.Connect(c, Wait, false))
	return c
}

// Invoke calls a method by name with positional string/int/bool arguments.
func Invoke(t *testing.T, h uint64, method string, args ...any) registry.Value {
	t.Helper()
	vals := make([]registry.Value, len(args))
	for i, a := range args {
		v, err := registry.ValueOf(typeOf(a), a)
		Must(t, err)
		vals[i] = v
	}
	res, err := engine.Invoke(h, method, vals, nil)
	Must(t, err)
	return res
}

func typeOf(a any) registry.Type {
	switch a.(type) {
	case bool:
		return registry.Bool
	case int, int32, int64:
		return registry.Int
	case uint64:
		return registry.Handle
	case float64:
		return registry.Double
	case []byte:
		return registry.Bytes
	}
	return registry.String
}
