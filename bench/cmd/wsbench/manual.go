package main

// The sgcWebSockets manual's own benchmark ("Fast Performance Servers" and "Memory Manager" chapters,
// shared/reference/001_7cad0895d74be74b.txt around lines 2035-2245), reproduced through our library and
// reported beside the published times. What its text says, and what we inferred:
//
//   - "a client (or more than one client) connects to a server, sends a message to server and server
//     replies with the same message to client. This is repeated 100.000 times", "with 1, 10, 100, 500
//     and 1000 concurrent clients": 100,000 round trips in all, shared among the clients (100,000 per
//     client would mean 50 million round trips/s at 1000 clients, which no 16-vCPU box does), so each
//     of N clients does 100,000/N, one message in flight: it sends the next when its echo arrives.
//   - "the measured time is the time elapsed between the first message sent by client and the last
//     message received from server (so the time used to connect to server is not measured)": all
//     clients connect first; then from the first send to the last echo. No warm-up (the manual has
//     none); it averages 3 runs, we take the median of the rounds.
//   - The clients are the library's own WebSocket clients (TsgcWebSocketClient) against its own server
//     (TsgcWebSocketServer on Indy, a thread per connection; "sgcBenchmark", a console application):
//     ours are TsgcWebSocketClients against a TsgcWebSocketServer through core/engine, in neNoSync, the
//     mode the same chapter recommends for speed; gorilla clients and server are the same-run baseline.
//   - "message": the components' WriteData(string) / OnMessage, i.e. a text frame (so ours checks
//     UTF-8). Its size is not given: a short text of 64 B. No permessage-deflate (off by default).
//   - Published numbers are milliseconds from the Indy server table; per client count we take the
//     fastest of its six columns (Win32/Win64 × default memory manager / FastMM5 / FastMM4-AVX), the most
//     demanding reference. That machine had 16 vCPUs at 2.2 GHz (Windows Server 2016, 32 GB); ours
//     has 2 shared cores.

import (
	"fmt"
	"sync"
	"sync/atomic"
	"time"
)

const (
	manualTotal = 100_000
	manualSize  = 64
)

// manualPublishedMs: client count → fastest published time (ms) of the manual's Indy server table.
var manualPublishedMs = map[int]float64{1: 4052, 10: 1651, 100: 1583, 500: 1723, 1000: 2208}

func manualGroups(quick bool) []group {
	clients := []int{1, 10, 100, 500, 1000}
	if quick {
		clients = []int{1, 1000}
	}
	var gs []group
	for _, n := range clients {
		who := fmt.Sprintf("%d clients", n)
		if n == 1 {
			who = "1 client"
		}
		p := fmt.Sprintf("Manual table: 100,000 round trips × %d B text, %s:", manualSize, who)
		gs = append(gs, group{
			name: fmt.Sprintf("Manual-%d", n), conns: n, size: manualSize, window: 1, total: manualTotal,
			variants: []string{"ours-text", "gorilla-text"},
			fixed:    map[string]result{"published": {Elapsed: manualPublishedMs[n] * 1e6}},
			compare: []comparison{
				{p + " time vs manual (16 vCPU, best column)", "ours-text", "published", "elapsed", 0},
				{p + " time vs gorilla", "ours-text", "gorilla-text", "elapsed", 0},
			},
		})
	}
	return gs
}

// runCount is the manual's measurement: conns clients, total round trips in all (total/conns each, one
// in flight per client), timed from the first send to the last echo.
func runCount(tr transport, conns, total, size int) (result, error) {
	if conns < 1 || total%conns != 0 {
		return result{}, fmt.Errorf("-total %d is not a multiple of -conns %d", total, conns)
	}
	quota := int64(total / conns)
	sent := make([]atomic.Int64, conns)
	var (
		left     atomic.Int64
		send     func(int) error
		end      time.Time
		done     = make(chan struct{})
		failed   = make(chan error, 1)
		failOnce sync.Once
	)
	left.Store(int64(total))
	issue := func(i int) {
		sent[i].Add(1)
		if err := send(i); err != nil {
			failOnce.Do(func() { failed <- err })
		}
	}
	onEcho := func(i int) {
		if left.Add(-1) == 0 {
			end = time.Now()
			close(done)
			return
		}
		if sent[i].Load() < quota {
			issue(i)
		}
	}
	send, closeFn, err := tr.Dial(conns, makePayload(size), onEcho)
	if err != nil {
		return result{}, err
	}
	defer closeFn()
	start, cpu0 := time.Now(), cpuSeconds()
	for i := 0; i < conns; i++ {
		issue(i)
	}
	select {
	case <-done:
	case err := <-failed:
		return result{}, fmt.Errorf("send: %w", err)
	case <-time.After(60 * time.Second):
		return result{}, fmt.Errorf("%d of %d echoes missing after 60 s", left.Load(), total)
	}
	elapsed, cpu := end.Sub(start), cpuSeconds()-cpu0
	r := result{Rate: float64(total) / elapsed.Seconds(), N: int64(total), Elapsed: float64(elapsed), CPU: cpu, MaxRSS: maxRSSKiB()}
	if cpu > 0 {
		r.PerCPU = float64(total) / cpu
	}
	return r, nil
}
