package main

// B3, broadcast fan-out: one publisher and many subscribers (this process) on a pub/sub server (its
// own process, serve.go). Each message carries its send time, so every subscriber measures publish →
// receipt; the server's CPU is read from the server itself (getrusage).

import (
	"encoding/binary"
	"flag"
	"fmt"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/gorilla/websocket"
)

type fanoutSpec struct {
	impl, root       string
	subs, rate, size int
	warm, dur        time.Duration
}

// Payload layout: 8 bytes send time (ns since epoch, this process's monotonic clock), 1 byte "sent
// inside the measured window", filler.
const fanoutHeader = 9

func cmdFanout(args []string) error {
	fs := flag.NewFlagSet("fanout", flag.ExitOnError)
	var s fanoutSpec
	fs.StringVar(&s.impl, "impl", "ours", "server: ours, gorilla or node")
	fs.StringVar(&s.root, "root", ".", "repository root (for node)")
	fs.IntVar(&s.subs, "subs", 1000, "subscriber connections")
	fs.IntVar(&s.rate, "rate", 10, "messages published per second")
	fs.IntVar(&s.size, "size", 200, "message bytes")
	fs.DurationVar(&s.warm, "warm", 300*time.Millisecond, "warm-up")
	fs.DurationVar(&s.dur, "dur", 3*time.Second, "measured time")
	fs.Parse(args)
	r, err := runFanout(s)
	return printResult("fanout "+s.impl, r, err)
}

func runFanout(s fanoutSpec) (result, error) {
	if s.size < fanoutHeader || s.rate <= 0 {
		return result{}, fmt.Errorf("need -size ≥ %d and -rate > 0", fanoutHeader)
	}
	epoch := time.Now()
	srv, err := startServer(s.impl, s.root, 0, s.subs+1)
	if err != nil {
		return result{}, err
	}
	defer srv.stop()

	lats := make([][]int64, s.subs) // each written by its subscriber's reader only
	var got atomic.Int64
	sp, decode, publish := fanoutWire(s.impl)
	closeSubs, err := dialSubscribers(srv.url(), s.subs, sp, func(i int, data []byte) {
		if data = decode(data); len(data) >= fanoutHeader && data[8] == 1 {
			lats[i] = append(lats[i], int64(time.Since(epoch))-int64(binary.LittleEndian.Uint64(data)))
			got.Add(1)
		}
	}, nil)
	if err != nil {
		return result{}, fmt.Errorf("subscribers: %w", err)
	}
	defer closeSubs()
	if _, err := srv.waitConns(s.subs, 10*time.Second); err != nil {
		return result{}, err
	}
	pd := websocket.Dialer{HandshakeTimeout: 10 * time.Second}
	if sp.name != "" {
		pd.Subprotocols = []string{sp.name}
	}
	pub, _, err := pd.Dial(srv.url(), nil)
	if err != nil {
		return result{}, fmt.Errorf("publisher: %w", err)
	}
	defer pub.Close()

	// The publisher follows a fixed schedule, message k due at t0 + k/rate, and stamps each with its
	// due time: a server that stalls the publisher (TCP backpressure) pays for the backlog in latency
	// instead of being sent fewer messages. Messages due in [from, until) are the measured ones.
	// The server's CPU is taken from before the first message until the last measured delivery, over
	// the schedule's length: CPU-seconds per second of traffic, the catching up of a server that fell
	// behind included (one that cannot use more than a core would otherwise look frugal).
	before, err := srv.stats(false)
	if err != nil {
		return result{}, err
	}
	clientCPU := cpuSeconds() // the clients' own, to tell when they are what saturates the machine
	period := time.Second / time.Duration(s.rate)
	t0 := time.Now().Add(10 * time.Millisecond)
	from, until := t0.Add(s.warm), t0.Add(s.warm+s.dur)
	var due int64 // measured messages on the schedule
	for at := t0; at.Before(until); at = at.Add(period) {
		if !at.Before(from) {
			due++
		}
	}
	var sent int64 // measured messages written; read after the publisher has stopped
	var pubErr error
	var stopping atomic.Bool
	pubDone := make(chan struct{})
	go func() {
		defer close(pubDone)
		msg := makePayload(s.size)
		for at := t0; at.Before(until) && !stopping.Load(); at = at.Add(period) {
			time.Sleep(time.Until(at))
			measured := !at.Before(from)
			msg[8] = 0
			if measured {
				msg[8] = 1
			}
			binary.LittleEndian.PutUint64(msg, uint64(at.Sub(epoch)))
			if err := publish(pub, msg); err != nil {
				if !stopping.Load() {
					pubErr = err
				}
				return
			}
			if measured {
				sent++
			}
		}
	}()

	time.Sleep(time.Until(until))
	// A publisher still behind gets 3 s to catch up, then is cut off (its unsent messages are lost).
	select {
	case <-pubDone:
	case <-time.After(3 * time.Second):
		stopping.Store(true)
		for cut := false; !cut; { // again and again: gorilla resets the deadline as a write starts
			pub.UnderlyingConn().SetWriteDeadline(time.Now())
			select {
			case <-pubDone:
				cut = true
			case <-time.After(20 * time.Millisecond):
			}
		}
	}
	if pubErr != nil {
		return result{}, fmt.Errorf("publish: %w", pubErr)
	}
	want := due * int64(s.subs)
	deadline := time.Now().Add(3 * time.Second)
	for got.Load() < want && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	gaveUp := time.Now()
	after, err := srv.stats(false)
	if err != nil {
		return result{}, err
	}
	clientCPU = cpuSeconds() - clientCPU
	closeSubs()

	var all []int64
	for _, l := range lats {
		all = append(all, l...)
	}
	lost := want - int64(len(all))
	for i := int64(0); i < lost; i++ { // a lost delivery is at least as late as the wait for it
		all = append(all, int64(gaveUp.Sub(until)))
	}
	if len(all) == 0 {
		return result{}, fmt.Errorf("nothing published in %v", s.dur)
	}
	r := result{Rate: float64(len(all)-int(lost)) / s.dur.Seconds(), N: int64(len(all)) - lost}
	r.D50, r.D99, _ = percentiles(all) // sorts all
	r.D95 = float64(all[int(0.95*float64(len(all)-1))])
	r.SrvCPU = float64(after.CPUNs-before.CPUNs) / 1e9 / (s.warm + s.dur).Seconds()
	r.Lost = lost
	r.Note = fmt.Sprintf("%d/%d msgs sent × %d subs  p50 %s  p95 %s  p99 %s  server %.3f CPU-s/s (clients %.3f)  lost %d",
		sent, due, s.subs, fmtMs(r.D50), fmtMs(r.D95), fmtMs(r.D99), r.SrvCPU, clientCPU/(s.warm+s.dur).Seconds(), lost)
	return r, nil
}

// fanoutGroups: 1,000 and 5,000 subscribers (-quick: 1,000) at 10 and 100 messages/s.
func fanoutGroups(cfg config) []group {
	subs := []int{1000, 5000}
	if cfg.quick {
		subs = subs[:1]
	}
	var gs []group
	for _, n := range subs {
		for _, rate := range []int{10, 100} {
			// at least 30 publishes per run (-quick: as -dur gives), or the percentiles describe a
			// handful of broadcasts
			dur := cfg.dur
			if !cfg.quick {
				dur = max(dur, 30*time.Second/time.Duration(rate))
			}
			p := fmt.Sprintf("B3 fan-out 200 B to %d subs at %d msg/s:", n, rate)
			gs = append(gs, group{
				name: fmt.Sprintf("B3-%d-%d", n, rate), conns: n, size: 200,
				variants: []string{"ours", "gorilla", "node"},
				argv: func(cfg config, v string) []string {
					return []string{cfg.self, "fanout", "-impl", v, "-root", cfg.root, "-subs", strconv.Itoa(n),
						"-rate", strconv.Itoa(rate), "-size", "200", "-warm", cfg.warm.String(), "-dur", dur.String()}
				},
				limits: map[string]float64{"d95": 50e6}, // the target: p95 < 50 ms at 5,000 subscribers
				compare: []comparison{
					{label: p + " delivery p50 vs gorilla", ours: "ours", base: "gorilla", metric: "d50"},
					{label: p + " delivery p95 vs gorilla", ours: "ours", base: "gorilla", metric: "d95"},
					{label: p + " delivery p99 vs gorilla", ours: "ours", base: "gorilla", metric: "d99"},
					{label: p + " server CPU-s per s of traffic vs gorilla", ours: "ours", base: "gorilla", metric: "srvcpu"},
					{label: p + " delivery p95 vs node ws", ours: "ours", base: "node", metric: "d95"},
					{label: p + " server CPU-s per s of traffic vs node ws", ours: "ours", base: "node", metric: "srvcpu"},
				},
			})
		}
	}
	// B7: the sgc protocol's publish -> subscriber fan-out at 1,000 subscribers, beside the plain
	// Broadcast of the same engine.
	for _, rate := range []int{10, 100} {
		dur := cfg.dur
		if !cfg.quick {
			dur = max(dur, 30*time.Second/time.Duration(rate))
		}
		p := fmt.Sprintf("B7 sgc protocol publish 200 B to 1000 subscribers at %d msg/s:", rate)
		gs = append(gs, group{
			name: fmt.Sprintf("B7-1000-%d", rate), conns: 1000, size: 200, variants: []string{"sgc", "ours"},
			argv: func(cfg config, v string) []string {
				return []string{cfg.self, "fanout", "-impl", v, "-root", cfg.root, "-subs", "1000",
					"-rate", strconv.Itoa(rate), "-size", "200", "-warm", cfg.warm.String(), "-dur", dur.String()}
			},
			compare: []comparison{
				{label: p + " delivery p95 vs plain Broadcast", ours: "sgc", base: "ours", metric: "d95"},
				{label: p + " delivered msg/s vs plain Broadcast", ours: "sgc", base: "ours", metric: "rate"},
				{label: p + " server CPU-s per s of traffic vs plain Broadcast", ours: "sgc", base: "ours", metric: "srvcpu"},
			},
		})
	}
	return gs
}
