package main

import (
	"fmt"
	"sort"
	"sync"
	"sync/atomic"
	"time"
)

// A transport is one implementation under test: an echo server plus n clients connected to it.
// Dial returns send (write one message on client i; must be safe to call from onEcho) and a close
// function. onEcho(i) is called once per echo received by client i, sequentially per client.
type transport interface {
	Dial(n int, payload []byte, onEcho func(i int)) (send func(i int) error, closeFn func(), err error)
}

// loadSpec is one measured run: conns clients, each keeping window messages in flight (1 = closed
// loop), for dur after a warm-up.
type loadSpec struct {
	Conns, Size, Window int
	Warm, Dur           time.Duration
}

// result is what one run reports; latencies in nanoseconds.
type result struct {
	Rate float64 `json:"rate"` // echoes/s
	P50  float64 `json:"p50"`
	P99  float64 `json:"p99"`
	P999 float64 `json:"p999"`
	N    int64   `json:"n"`
	// CPU is the process's CPU-seconds (user+sys) over the measured time, PerCPU = N/CPU, MaxRSS
	// the process's peak resident set over its whole life (KiB).
	CPU    float64 `json:"cpu,omitempty"`
	PerCPU float64 `json:"percpu,omitempty"`
	MaxRSS float64 `json:"maxrss_kib,omitempty"`
	// Elapsed (ns) is a fixed-count run's time from the first send to the last echo (manual.go).
	Elapsed float64 `json:"elapsed,omitempty"`
	// B3/B4's server-side figures (servermetrics.go).
	serverMetrics
}

// client state: send times of the messages in flight (FIFO: echoes come back in order) and the
// latencies measured inside the window.
type loadConn struct {
	mu       sync.Mutex
	inflight []time.Time
	lat      []int64
}

func runLoad(tr transport, s loadSpec) (result, error) {
	payload := makePayload(s.Size)
	conns := make([]*loadConn, s.Conns)
	for i := range conns {
		conns[i] = &loadConn{}
	}
	var (
		stop        atomic.Bool
		measuring   atomic.Bool
		count       atomic.Int64
		outstanding atomic.Int64
		send        func(int) error
		sendErr     atomic.Value
	)
	issue := func(i int) {
		c := conns[i]
		c.mu.Lock()
		c.inflight = append(c.inflight, time.Now())
		c.mu.Unlock()
		outstanding.Add(1)
		if err := send(i); err != nil {
			sendErr.Store(err)
		}
	}
	onEcho := func(i int) {
		now := time.Now()
		c := conns[i]
		c.mu.Lock()
		t0 := c.inflight[0]
		c.inflight = c.inflight[1:]
		if measuring.Load() {
			c.lat = append(c.lat, int64(now.Sub(t0)))
		}
		c.mu.Unlock()
		if measuring.Load() {
			count.Add(1)
		}
		outstanding.Add(-1)
		if !stop.Load() {
			issue(i)
		}
	}
	send, closeFn, err := tr.Dial(s.Conns, payload, onEcho)
	if err != nil {
		return result{}, err
	}
	defer closeFn()
	for w := 0; w < s.Window; w++ {
		for i := range conns {
			issue(i)
		}
	}
	time.Sleep(s.Warm)
	measuring.Store(true)
	start, cpu0 := time.Now(), cpuSeconds()
	time.Sleep(s.Dur)
	measuring.Store(false)
	elapsed, cpu := time.Since(start), cpuSeconds()-cpu0
	n := count.Load()
	stop.Store(true)
	for deadline := time.Now().Add(5 * time.Second); outstanding.Load() > 0 && time.Now().Before(deadline); {
		time.Sleep(time.Millisecond)
	}
	if e, ok := sendErr.Load().(error); ok {
		return result{}, fmt.Errorf("send: %w", e)
	}
	if n == 0 {
		return result{}, fmt.Errorf("no echo within %v", s.Dur)
	}
	var all []int64
	for _, c := range conns {
		c.mu.Lock()
		all = append(all, c.lat...)
		c.mu.Unlock()
	}
	r := result{Rate: float64(n) / elapsed.Seconds(), N: n, CPU: cpu, MaxRSS: maxRSSKiB()}
	if cpu > 0 {
		r.PerCPU = float64(n) / cpu
	}
	r.P50, r.P99, r.P999 = percentiles(all)
	return r, nil
}

func percentiles(v []int64) (p50, p99, p999 float64) {
	if len(v) == 0 {
		return
	}
	sort.Slice(v, func(a, b int) bool { return v[a] < v[b] })
	at := func(q float64) float64 { return float64(v[int(q*float64(len(v)-1))]) }
	return at(0.5), at(0.99), at(0.999)
}

// makePayload is mildly compressible text (so permessage-deflate has work to do, but not trivially).
func makePayload(n int) []byte {
	words := []string{"alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet"}
	b := make([]byte, 0, n+16)
	x := uint32(2463534242)
	for len(b) < n {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		b = append(b, words[x%uint32(len(words))]...)
		b = append(b, byte('0'+x/7%10), ' ')
	}
	return b[:n]
}
