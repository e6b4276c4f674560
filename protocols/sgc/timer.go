package sgc

import (
	"sync"
	"time"
)

// ticker calls f every d on its own goroutine until stopped. Only the
// wall-clock configuration starts one; tests drive Tick themselves.
type ticker struct {
	stop chan struct{}
	once sync.Once
}

func startTicker(d time.Duration, f func()) *ticker {
	t := &ticker{stop: make(chan struct{})}
	go func() {
		tk := time.NewTicker(d)
		defer tk.Stop()
		for {
			select {
			case <-t.stop:
				return
			case <-tk.C:
				f()
			}
		}
	}()
	return t
}

// Stop ends the ticker without waiting for a running f; safe on nil and
// idempotent.
func (t *ticker) Stop() {
	if t == nil {
		return
	}
	t.once.Do(func() { close(t.stop) })
}

// clock returns the configured time source and whether to run a ticker.
func clock(now func() time.Time) (func() time.Time, bool) {
	if now != nil {
		return now, false
	}
	return time.Now, true
}
