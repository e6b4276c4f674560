package events

import (
	"sync/atomic"
	"testing"
)

func TestWakeOnlyOnEmptyToNonEmpty(t *testing.T) {
	d := NewDispatcher(1)
	var wakes atomic.Int32
	d.SetWake(func() { wakes.Add(1) })
	for i := 0; i < 3; i++ {
		d.Emit(msg(1, i))
	}
	if w := wakes.Load(); w != 1 {
		t.Fatalf("wakes after 3 emits into empty queue = %d, want 1", w)
	}
	d.Poll(2, 0)
	d.Emit(msg(1, 3)) // queue was not empty
	if w := wakes.Load(); w != 1 {
		t.Fatalf("wakes = %d, want 1", w)
	}
	d.Poll(0, 0)
	d.Emit(msg(1, 4))
	if w := wakes.Load(); w != 2 {
		t.Fatalf("wakes = %d, want 2", w)
	}
	d.Poll(0, 0)
	d.Detach(false)
	d.Emit(msg(1, 5))
	if w := wakes.Load(); w != 2 {
		t.Fatalf("wake ran after Detach")
	}
	d.Close()
}

func TestCloseReleasesWaitable(t *testing.T) {
	d := NewDispatcher(1)
	if d.Waitable() == NoWaitable {
		t.Skip("no waitable on this platform")
	}
	d.Close()
	if d.Waitable() != NoWaitable {
		t.Fatal("Waitable after Close")
	}
	d.Close() // idempotent
}
