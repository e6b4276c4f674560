package events

import (
	"testing"
	"time"
)

func TestSynchronousBlocksUntilNextPoll(t *testing.T) {
	d := NewDispatcher(1)
	defer d.Close()
	d.SetMode(Synchronous)
	returned := make(chan bool, 1)
	go func() { returned <- d.Emit(msg(1, 0)) }()
	b := d.Poll(10, guard)
	if len(b) != 1 {
		t.Fatalf("Poll returned %d events", len(b))
	}
	notYet(t, "synchronous Emit returning before release", returned)
	d.Poll(10, 0) // releases the previous batch
	if !recv(t, "synchronous Emit", returned) {
		t.Fatal("Emit returned false")
	}
}

func TestSynchronousBlocksUntilRelease(t *testing.T) {
	d := NewDispatcher(1)
	defer d.Close()
	d.SetMode(Synchronous)
	returned := make(chan bool, 1)
	go func() { returned <- d.Emit(msg(1, 0)) }()
	if b := d.Poll(10, guard); len(b) != 1 {
		t.Fatalf("Poll returned %d events", len(b))
	}
	notYet(t, "synchronous Emit returning before release", returned)
	d.Release()
	if !recv(t, "synchronous Emit", returned) {
		t.Fatal("Emit returned false")
	}
}

func TestDecideQueued(t *testing.T) {
	for _, mode := range []Mode{Asynchronous, Synchronous} {
		t.Run(mode.String()+"/Done", func(t *testing.T) {
			d := NewDispatcher(1)
			defer d.Close()
			d.SetMode(mode)
			res := make(chan bool, 1)
			go func() { res <- d.Decide(&Event{Kind: EvAuthentication, Reply: 9}, guard) }()
			b := d.Poll(10, guard)
			if len(b) != 1 || b[0].Reply != 9 {
				t.Fatalf("Poll = %v", b)
			}
			if d.Done(b[0].Seq + 100) {
				t.Fatal("Done of unknown seq returned true")
			}
			if !d.Done(b[0].Seq) {
				t.Fatal("Done returned false")
			}
			if !recv(t, "Decide", res) {
				t.Fatal("Decide returned false after Done")
			}
			if d.Done(b[0].Seq) {
				t.Fatal("second Done returned true")
			}
		})
		t.Run(mode.String()+"/Release", func(t *testing.T) {
			d := NewDispatcher(1)
			defer d.Close()
			d.SetMode(mode)
			res := make(chan bool, 1)
			go func() { res <- d.Decide(&Event{Kind: EvHandshake}, 0) }()
			d.Poll(10, guard)
			notYet(t, "Decide before release", res)
			d.Release()
			if !recv(t, "Decide", res) {
				t.Fatal("Decide returned false after Release")
			}
		})
		t.Run(mode.String()+"/Timeout", func(t *testing.T) {
			d := NewDispatcher(1)
			defer d.Close()
			d.SetMode(mode)
			if d.Decide(&Event{Kind: EvHandshake}, 5*time.Millisecond) {
				t.Fatal("unanswered Decide returned true")
			}
			// The event still reaches the host; releasing it must be harmless.
			if b := d.Poll(10, 0); len(b) != 1 {
				t.Fatalf("Poll returned %d", len(b))
			}
			d.Release()
		})
		t.Run(mode.String()+"/Detached", func(t *testing.T) {
			d := NewDispatcher(1)
			d.SetMode(mode)
			res := make(chan bool, 1)
			go func() { res <- d.Decide(&Event{Kind: EvHandshake}, 0) }()
			waitFor(t, "event queued", func() bool { return d.Pending() == 1 })
			d.Detach(false)
			if recv(t, "Decide", res) {
				t.Fatal("Decide returned true after Detach")
			}
			if d.Decide(&Event{Kind: EvHandshake}, guard) {
				t.Fatal("Decide on detached dispatcher returned true")
			}
			d.Close()
		})
	}
}

func TestDecideNoSync(t *testing.T) {
	d := NewDispatcher(1)
	d.SetMode(NoSync)
	if d.Decide(&Event{Kind: EvAuthentication}, guard) {
		t.Fatal("Decide without callback returned true")
	}
	var seen *Event
	d.SetCallback(func(ev *Event) { seen = ev })
	ev := &Event{Kind: EvAuthentication, Reply: 3}
	if !d.Decide(ev, guard) {
		t.Fatal("Decide returned false")
	}
	if seen != ev || ev.Seq == 0 {
		t.Fatal("callback did not see the event with a Seq")
	}
	d.Detach(false)
	if d.Decide(&Event{Kind: EvAuthentication}, guard) {
		t.Fatal("Decide after Detach returned true")
	}
}
