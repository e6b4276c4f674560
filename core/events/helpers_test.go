package events

import (
	"runtime"
	"testing"
	"time"
)

// guard bounds every wait in these tests; it only protects against hangs.
const guard = 20 * time.Second

// waitFor spins until cond holds, failing the test if it never does.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(guard)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		runtime.Gosched()
		time.Sleep(time.Millisecond)
	}
}

// recv waits for a value on ch, failing the test on a hang.
func recv[T any](t *testing.T, what string, ch <-chan T) T {
	t.Helper()
	select {
	case v := <-ch:
		return v
	case <-time.After(guard):
		t.Fatalf("timed out waiting for %s", what)
	}
	var zero T
	return zero
}

// notYet asserts that ch has not delivered. A short grace period gives a
// buggy implementation the chance to show itself; it cannot fail a correct
// one.
func notYet[T any](t *testing.T, what string, ch <-chan T) {
	t.Helper()
	select {
	case <-ch:
		t.Fatalf("%s happened too early", what)
	case <-time.After(20 * time.Millisecond):
	}
}

func (d *Dispatcher) blockedEmitters() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.blocked
}

func (d *Dispatcher) isDetached() bool { return d.detached.Load() }

func msg(conn uint64, i int) *Event {
	return &Event{Kind: EvMessage, Connection: conn, Offset: int64(i), Data: []byte("x")}
}
