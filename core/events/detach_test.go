package events

import (
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestDetachReleasesBlockedEmitters(t *testing.T) {
	full := NewDispatcher(1)
	full.SetQueueLimit(1)
	full.Emit(msg(1, 0))
	sync1 := NewDispatcher(2)
	sync1.SetMode(Synchronous)

	res := make(chan bool, 2)
	go func() { res <- full.Emit(msg(1, 1)) }()
	go func() { res <- sync1.Emit(msg(1, 0)) }()
	waitFor(t, "async emitter blocked", func() bool { return full.blockedEmitters() == 1 })
	waitFor(t, "sync emitter queued", func() bool { return sync1.Pending() == 1 })
	full.Detach(false)
	sync1.Detach(false)
	for i := 0; i < 2; i++ {
		if recv(t, "blocked emitter", res) {
			t.Fatal("blocked emitter returned true after Detach")
		}
	}
	if full.Pending() != 0 || sync1.Pending() != 0 {
		t.Fatal("queued events not dropped")
	}
	if full.Emit(msg(1, 2)) {
		t.Fatal("Emit after Detach returned true")
	}
	if b := full.Poll(10, -1); len(b) != 0 { // must not wait forever
		t.Fatalf("Poll after Detach returned %d events", len(b))
	}
	full.Close()
	sync1.Close()
}

func TestDetachReleasesSyncEventInBatch(t *testing.T) {
	d := NewDispatcher(1)
	d.SetMode(Synchronous)
	res := make(chan bool, 1)
	go func() { res <- d.Emit(msg(1, 0)) }()
	if b := d.Poll(1, guard); len(b) != 1 {
		t.Fatal("no event")
	}
	d.Detach(false)
	if recv(t, "emitter", res) {
		t.Fatal("Emit of unreleased event returned true after Detach")
	}
	d.Close()
}

func TestDetachFromOwnNoSyncCallback(t *testing.T) {
	d := NewDispatcher(1)
	d.SetMode(NoSync)
	var calls atomic.Int32
	d.SetCallback(func(ev *Event) {
		calls.Add(1)
		d.Detach(true) // must not wait for ourselves
	})
	res := make(chan bool, 1)
	go func() { res <- d.Emit(msg(1, 0)) }()
	if !recv(t, "Emit with self-detaching callback", res) {
		t.Fatal("Emit returned false")
	}
	if d.Emit(msg(1, 1)) {
		t.Fatal("Emit after Detach returned true")
	}
	if calls.Load() != 1 {
		t.Fatalf("callback ran %d times", calls.Load())
	}
	d.Close()
}

// Callbacks on two goroutines detaching at the same time must not wait for
// each other forever.
func TestConcurrentSelfDetach(t *testing.T) {
	d := NewDispatcher(1)
	d.SetMode(NoSync)
	var entered sync.WaitGroup
	entered.Add(2)
	d.SetCallback(func(ev *Event) {
		entered.Done()
		entered.Wait() // both callbacks running before either detaches
		d.Detach(true)
	})
	res := make(chan bool, 2)
	for c := uint64(1); c <= 2; c++ {
		go func() { res <- d.Emit(msg(c, 0)) }()
	}
	recv(t, "first emitter", res)
	recv(t, "second emitter", res)
	d.Close()
}

func TestDetachWaitsForRunningCallback(t *testing.T) {
	d := NewDispatcher(1)
	d.SetMode(NoSync)
	started := make(chan struct{})
	release := make(chan struct{})
	var order []string
	var mu sync.Mutex
	note := func(s string) { mu.Lock(); order = append(order, s); mu.Unlock() }
	d.SetCallback(func(ev *Event) {
		close(started)
		<-release
		note("callback returned")
	})
	go d.Emit(msg(1, 0))
	recv(t, "callback start", started)

	detached := make(chan struct{})
	go func() {
		d.Detach(false)
		note("Detach returned")
		close(detached)
	}()
	waitFor(t, "Detach to start", d.isDetached)
	notYet(t, "Detach returning while a callback runs", detached)
	close(release)
	recv(t, "Detach", detached)
	mu.Lock()
	defer mu.Unlock()
	if len(order) != 2 || order[0] != "callback returned" {
		t.Fatalf("order = %v", order)
	}
	d.Close()
}

func TestDetachWaitsForWake(t *testing.T) {
	d := NewDispatcher(1)
	started := make(chan struct{})
	release := make(chan struct{})
	var wakeDone atomic.Bool
	d.SetWake(func() {
		close(started)
		<-release
		wakeDone.Store(true)
	})
	go d.Emit(msg(1, 0))
	recv(t, "wake", started)
	detached := make(chan struct{})
	go func() { d.Detach(false); close(detached) }()
	waitFor(t, "Detach to start", d.isDetached)
	notYet(t, "Detach returning while wake runs", detached)
	close(release)
	recv(t, "Detach", detached)
	if !wakeDone.Load() {
		t.Fatal("Detach returned before wake finished")
	}
	d.Close()
}

func TestPollWaitsForEvent(t *testing.T) {
	d := NewDispatcher(1)
	defer d.Close()
	got := make(chan int, 1)
	go func() { got <- len(d.Poll(10, -1)) }()
	waitFor(t, "poller waiting", func() bool {
		d.mu.Lock()
		defer d.mu.Unlock()
		return d.pollers == 1
	})
	d.Emit(msg(1, 0))
	if n := recv(t, "Poll", got); n != 1 {
		t.Fatalf("Poll returned %d", n)
	}
	if b := d.Poll(10, time.Millisecond); len(b) != 0 {
		t.Fatalf("Poll on empty queue returned %d", len(b))
	}
	// A poller waiting forever is released by Detach.
	go func() { got <- len(d.Poll(10, -1)) }()
	waitFor(t, "poller waiting", func() bool {
		d.mu.Lock()
		defer d.mu.Unlock()
		return d.pollers == 1
	})
	d.Detach(false)
	if n := recv(t, "Poll", got); n != 0 {
		t.Fatalf("Poll after Detach returned %d", n)
	}
}
