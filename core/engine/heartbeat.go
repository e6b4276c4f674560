package engine

import "time"

// startHeartbeat pings every HeartBeat.Interval seconds while the connection lives; with
// HeartBeat.Timeout > 0 a pong missing for that long drops the connection (1006 reported).
func (c *conn) startHeartbeat() {
	b := c.owner
	if !b.getBool("HeartBeat.Enabled") {
		return
	}
	interval := time.Duration(b.getInt("HeartBeat.Interval")) * time.Second
	timeout := time.Duration(b.getInt("HeartBeat.Timeout")) * time.Second
	if interval <= 0 {
		return
	}
	c.lastPong.Store(time.Now().UnixNano())
	goFn(func() {
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-c.ended:
				return
			case now := <-t.C:
				ws := c.w()
				if ws == nil {
					return
				}
				if timeout > 0 && now.Sub(time.Unix(0, c.lastPong.Load())) > timeout+interval {
					ws.Disconnect()
					return
				}
				_ = ws.Ping(nil)
			}
		}
	})
}
