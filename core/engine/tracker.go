package engine

import (
	"sync"
	"time"
)

// tracker counts running goroutines. Unlike sync.WaitGroup it allows Add concurrently with a bounded
// Wait, which Shutdown needs: a late goroutine must not panic the process.
type tracker struct {
	mu   sync.Mutex
	n    int
	zero chan struct{} // closed while n == 0; replaced when n leaves 0
}

func (t *tracker) add() {
	t.mu.Lock()
	if t.n == 0 || t.zero == nil {
		t.zero = make(chan struct{})
	}
	t.n++
	t.mu.Unlock()
}

func (t *tracker) done() {
	t.mu.Lock()
	t.n--
	if t.n == 0 {
		close(t.zero)
	}
	t.mu.Unlock()
}

// wait returns true when no tracked goroutine runs, false after timeout.
func (t *tracker) wait(timeout time.Duration) bool {
	t.mu.Lock()
	if t.n == 0 {
		t.mu.Unlock()
		return true
	}
	ch := t.zero
	t.mu.Unlock()
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	select {
	case <-ch:
		return true
	case <-timer.C:
		return false
	}
}

// goFn runs f on a tracked goroutine so that Shutdown can wait for it.
func (t *tracker) goFn(f func()) {
	t.add()
	go func() {
		defer t.done()
		f()
	}()
}
