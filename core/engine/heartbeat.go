package engine

import (
	"sync"
	"time"
)

// heartbeat pings a connection every HeartBeat.Interval seconds while it lives; with
// HeartBeat.Timeout > 0 a pong missing for that long drops the connection (1006 reported). It is a
// timer that re-arms itself, not a goroutine per connection: idle connections cost no stack.
type heartbeat struct {
	c                 *conn
	interval, timeout time.Duration
	mu                sync.Mutex
	t                 *time.Timer
}

func (c *conn) startHeartbeat() {
	b := c.owner
	if !b.getBool("HeartBeat.Enabled") {
		return
	}
	hb := &heartbeat{c: c, interval: time.Duration(b.getInt("HeartBeat.Interval")) * time.Second,
		timeout: time.Duration(b.getInt("HeartBeat.Timeout")) * time.Second}
	if hb.interval <= 0 {
		return
	}
	c.lastPong.Store(time.Now().UnixNano())
	hb.mu.Lock()
	hb.t = time.AfterFunc(hb.interval, hb.beat)
	hb.mu.Unlock()
}

// beat runs on the timer's goroutine; it does not re-arm once the connection has ended.
func (hb *heartbeat) beat() {
	hb.mu.Lock()
	defer hb.mu.Unlock()
	select {
	case <-hb.c.ended:
		return
	default:
	}
	ws := hb.c.w()
	if ws == nil {
		return
	}
	if hb.timeout > 0 && time.Since(time.Unix(0, hb.c.lastPong.Load())) > hb.timeout+hb.interval {
		ws.Disconnect()
		return
	}
	_ = ws.Ping(nil)
	hb.t.Reset(hb.interval)
}
