package events

import (
	"sync"
	"testing"
	"time"
)

// TestOrderPerConnection: several connections emit concurrently; each
// connection's events arrive in emission order, none lost, in every mode.
func TestOrderPerConnection(t *testing.T) {
	const conns, per = 4, 2000
	for _, mode := range []Mode{Asynchronous, Synchronous, NoSync} {
		t.Run(mode.String(), func(t *testing.T) {
			d := NewDispatcher(7)
			defer d.Close()
			d.SetMode(mode)
			next := make(map[uint64]int64)
			var mu sync.Mutex
			total := 0
			check := func(ev *Event) {
				mu.Lock()
				defer mu.Unlock()
				if ev.Offset != next[ev.Connection] {
					t.Errorf("conn %d: got %d, want %d", ev.Connection, ev.Offset, next[ev.Connection])
				}
				next[ev.Connection] = ev.Offset + 1
				total++
			}
			d.SetCallback(check)
			wg := emitConcurrently(t, d, conns, per)
			if mode != NoSync {
				var lastSeq uint64
				deadline := time.Now().Add(guard)
				for got := 0; got < conns*per; {
					if time.Now().After(deadline) {
						t.Fatalf("timed out after %d events", got)
					}
					for _, ev := range d.Poll(100, 10*time.Millisecond) {
						if ev.Seq <= lastSeq {
							t.Fatalf("Seq not increasing: %d after %d", ev.Seq, lastSeq)
						}
						lastSeq = ev.Seq
						check(ev)
						got++
					}
				}
				d.Release()
			}
			wg.Wait()
			if total != conns*per {
				t.Fatalf("delivered %d, want %d", total, conns*per)
			}
		})
	}
}

// TestBackpressureNoLoss pushes 100,000 events through a tiny queue drained
// by a slow poller: nothing is lost, order is kept, the queue never exceeds
// its limit and the emitters did block.
func TestBackpressureNoLoss(t *testing.T) {
	const limit, conns, per = 16, 2, 50000
	old := QueueLimit
	QueueLimit = limit // read once by NewDispatcher
	d := NewDispatcher(1)
	QueueLimit = old
	defer d.Close()

	wg := emitConcurrently(t, d, conns, per)
	next := map[uint64]int64{}
	deadline := time.Now().Add(2 * guard)
	for got := 0; got < conns*per; {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %d events", got)
		}
		if p := d.Pending(); p > limit {
			t.Fatalf("Pending %d exceeds limit %d", p, limit)
		}
		for _, ev := range d.Poll(5, 10*time.Millisecond) { // slow: small batches
			if ev.Offset != next[ev.Connection] {
				t.Fatalf("conn %d: got %d want %d", ev.Connection, ev.Offset, next[ev.Connection])
			}
			next[ev.Connection]++
			got++
		}
	}
	wg.Wait()
	d.mu.Lock()
	hits := d.blockHits
	d.mu.Unlock()
	if hits == 0 {
		t.Fatal("emitters never blocked on the full queue")
	}
}

// TestBackpressureBlocksThenResumes checks the blocking step by step.
func TestBackpressureBlocksThenResumes(t *testing.T) {
	d := NewDispatcher(1)
	defer d.Close()
	d.SetQueueLimit(3)
	for i := 0; i < 3; i++ {
		if !d.Emit(msg(1, i)) {
			t.Fatal("Emit failed")
		}
	}
	returned := make(chan bool, 1)
	go func() { returned <- d.Emit(msg(1, 3)) }()
	waitFor(t, "emitter to block", func() bool { return d.blockedEmitters() == 1 })
	notYet(t, "Emit on full queue returning", returned)
	if b := d.Poll(1, 0); len(b) != 1 || b[0].Offset != 0 {
		t.Fatalf("Poll = %v", b)
	}
	if !recv(t, "blocked emitter", returned) {
		t.Fatal("resumed Emit returned false")
	}
	b := d.Poll(0, 0)
	if len(b) != 3 || b[0].Offset != 1 || b[2].Offset != 3 {
		t.Fatalf("rest of queue wrong: %d events", len(b))
	}
}

// emitConcurrently starts one emitter goroutine per connection 1..conns, each emitting per events
// in order; wait on the result for them to finish.
func emitConcurrently(t *testing.T, d *Dispatcher, conns uint64, per int) *sync.WaitGroup {
	t.Helper()
	wg := new(sync.WaitGroup)
	for c := uint64(1); c <= conns; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < per; i++ {
				if !d.Emit(msg(c, i)) {
					t.Errorf("Emit returned false")
					return
				}
			}
		}()
	}
	return wg
}
