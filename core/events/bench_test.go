package events

import (
	"testing"
	"time"
)

// BenchmarkEmitAsync measures the hot path: one emitter, one draining host.
func BenchmarkEmitAsync(b *testing.B) {
	d := NewDispatcher(1)
	defer d.Close()
	stop := make(chan struct{})
	go func() {
		for {
			select {
			case <-stop:
				return
			default:
				d.Poll(1024, time.Millisecond)
			}
		}
	}()
	ev := &Event{Kind: EvMessage}
	for i := 0; i < b.N; i++ {
		e := *ev
		d.Emit(&e)
	}
	close(stop)
}
