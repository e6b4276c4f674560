package main

// B4, idle connections: N clients (this process) hold connections to a server (its own process,
// serve.go) that pings each of them every heartbeat; the server's memory per connection is
// (RSS held − RSS before) / N, and for Go servers the live heap and goroutine stacks likewise.

import (
	"flag"
	"fmt"
	"strconv"
	"sync/atomic"
	"time"
)

type idleSpec struct {
	impl            string
	conns           int
	hold, heartbeat time.Duration
}

func cmdIdle(args []string) error {
	fs := flag.NewFlagSet("idle", flag.ExitOnError)
	var s idleSpec
	fs.StringVar(&s.impl, "impl", "ours", "server: ours or gorilla")
	fs.IntVar(&s.conns, "conns", 10000, "connections")
	fs.DurationVar(&s.hold, "hold", 60*time.Second, "how long the connections are held before measuring")
	fs.DurationVar(&s.heartbeat, "heartbeat", 5*time.Second, "server ping interval (whole seconds)")
	fs.Parse(args)
	r, err := runIdle(s)
	return printResult("idle "+s.impl, r, err)
}

func runIdle(s idleSpec) (result, error) {
	srv, err := startServer(s.impl, "", s.heartbeat, s.conns)
	if err != nil {
		return result{}, err
	}
	defer srv.stop()
	time.Sleep(200 * time.Millisecond) // let the fresh process settle
	rss0, err := srv.rss()
	if err != nil {
		return result{}, err
	}
	before, err := srv.stats(true)
	if err != nil {
		return result{}, err
	}
	var pings atomic.Int64
	closeConns, err := dialSubscribers(srv.url(), s.conns, subProtocol{}, nil, func() { pings.Add(1) })
	if err != nil {
		return result{}, fmt.Errorf("clients: %w", err)
	}
	defer closeConns()
	if _, err := srv.waitConns(s.conns, 10*time.Second); err != nil {
		return result{}, err
	}
	time.Sleep(s.hold)
	rss1, err := srv.rss() // before "stats gc": measure what the server holds, not a fresh collection
	if err != nil {
		return result{}, err
	}
	after, err := srv.stats(true)
	if err != nil {
		return result{}, err
	}
	if after.Conns < int64(s.conns) {
		return result{}, fmt.Errorf("only %d of %d connections survived %v", after.Conns, s.conns, s.hold)
	}
	n := float64(s.conns)
	var r result
	r.RSSPerConn = float64(rss1-rss0) / n
	r.HeapPerConn = float64(int64(after.Heap)-int64(before.Heap)) / n
	r.StackPerConn = float64(int64(after.Stack)-int64(before.Stack)) / n
	r.Note = fmt.Sprintf("%d conns held %v: RSS %s/conn  heap %s/conn  stacks %s/conn  %.2f goroutines/conn  %.1f pings/conn",
		s.conns, s.hold, fmtKiB(r.RSSPerConn), fmtKiB(r.HeapPerConn), fmtKiB(r.StackPerConn),
		float64(after.Goroutines-before.Goroutines)/n, float64(pings.Load())/n)
	return r, nil
}

// idleGroups: one group, ours against gorilla; -hold sets the time (default 60 s, 6 s with -quick,
// which also holds fewer connections).
func idleGroups(cfg config) []group {
	conns, hold := 10000, 60*time.Second
	if cfg.quick {
		conns, hold = 2000, 6*time.Second
	}
	if cfg.hold > 0 {
		hold = cfg.hold
	}
	const heartbeat = 5 * time.Second
	p := fmt.Sprintf("B4 %d idle conns held %v, heartbeat %v:", conns, hold, heartbeat)
	return []group{{
		name: "B4", conns: conns,
		variants: []string{"ours", "gorilla"},
		argv: func(cfg config, v string) []string {
			return []string{cfg.self, "idle", "-impl", v, "-conns", strconv.Itoa(conns),
				"-hold", hold.String(), "-heartbeat", heartbeat.String()}
		},
		timeout: hold + 90*time.Second,
		limits:  map[string]float64{"rss": 20 * 1024}, // the target: ≤ 20 KiB per idle connection
		compare: []comparison{
			{label: p + " server RSS/conn vs gorilla", ours: "ours", base: "gorilla", metric: "rss"},
			{label: p + " Go heap/conn vs gorilla", ours: "ours", base: "gorilla", metric: "heap"},
			{label: p + " Go stacks/conn vs gorilla", ours: "ours", base: "gorilla", metric: "stack"},
		},
	}}
}

// processGroups are the scenarios whose server runs in a process of its own (B3, B4).
func processGroups(cfg config) []group {
	return append(fanoutGroups(cfg), idleGroups(cfg)...)
}
