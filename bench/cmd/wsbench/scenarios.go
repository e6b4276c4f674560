package main

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// A group is one load shape whose variants run interleaved (round 1: A B C, round 2: A B C, ...), so
// that noise from the shared machine hits every variant alike. Its comparisons become table rows.
type group struct {
	name     string
	conns    int
	size     int
	window   int
	variants []string // variant names, see variantCmd
	compare  []comparison
	total    int               // >0: fixed-count runs of total round trips (manual.go), not timed ones
	fixed    map[string]result // variants that are not run but given: published numbers
	// Scenarios with their own command (B3, B4): a variant's command line, the child's time limit
	// (0 = 90 s), and absolute targets for ours by metric (e.g. "d95": 50e6 ns).
	argv    func(cfg config, v string) []string
	timeout time.Duration
	limits  map[string]float64
}

// A comparison is one table row: metric of variant ours against variant base.
type comparison struct {
	label      string
	ours, base string
	metric     string // "rate", "percpu" (higher is better) or "p50", "p99", "p999", "elapsed", "maxrss" (lower is better)
	target     float64
}

func latencyRows(prefix, ours, base string) []comparison {
	return []comparison{
		{prefix + " round trips/s", ours, base, "rate", 0},
		{prefix + " p50", ours, base, "p50", 0},
		{prefix + " p99", ours, base, "p99", 0},
		{prefix + " p99.9", ours, base, "p999", 0},
	}
}

func groups(quick bool) []group {
	gs := []group{{
		name: "B1", conns: 1, size: 64, window: 1,
		variants: []string{"ours", "gorilla", "node"},
		compare: append(latencyRows("B1 echo 64 B, 1 conn, vs gorilla:", "ours", "gorilla"),
			latencyRows("B1 echo 64 B, 1 conn, vs node ws:", "ours", "node")...),
	}}
	// B2: throughput, CPU cost (both sides are in the measuring process) and peak memory, plain and
	// with permessage-deflate; -quick keeps 64 B only. 1000 connections keep one message in flight
	// each: with 8 (8000 × 16 KiB queued) gorilla-deflate needs longer than a run to drain.
	for _, load := range []struct{ conns, window int }{{50, 8}, {1000, 1}} {
		for _, size := range []int{64, 1024, 16384} {
			if quick && size != 64 {
				continue
			}
			conns := load.conns
			p := fmt.Sprintf("B2 %d conns × %s, window %d:", conns, sizeName(size), load.window)
			gr := group{name: fmt.Sprintf("B2-%d×%s", conns, sizeName(size)), conns: conns, size: size, window: load.window,
				variants: []string{"ours", "gorilla", "ours-deflate", "gorilla-deflate"}}
			for _, m := range []struct{ metric, what string }{{"rate", "msg/s"}, {"percpu", "msg per CPU-s"}, {"maxrss", "peak RSS"}} {
				gr.compare = append(gr.compare,
					comparison{p + " " + m.what + " vs gorilla", "ours", "gorilla", m.metric, 0},
					comparison{p + " " + m.what + " deflate vs gorilla deflate", "ours-deflate", "gorilla-deflate", m.metric, 0})
			}
			gr.compare = append(gr.compare, comparison{p + " msg/s ours deflate vs ours plain", "ours-deflate", "ours", "rate", 0})
			gs = append(gs, gr)
		}
	}
	for _, g := range []struct {
		name          string
		conns, window int
		latency       bool
	}{{"B5-1", 1, 1, true}, {"B5-50", 50, 8, false}} {
		p := fmt.Sprintf("B5 C ABI, %d conn × 1 KiB, window %d:", g.conns, g.window)
		gr := group{name: g.name, conns: g.conns, size: 1024, window: g.window,
			variants: []string{"c-nosync", "fpc-nosync", "go-nosync", "c-async", "fpc-async", "go-async"}}
		for _, m := range []struct {
			mode, v string
			target  float64
		}{{"neNoSync", "nosync", 0.9}, {"neAsynchronous", "async", 0.7}} {
			// The C host and the FPC host (bench/pascal: the Pascal components over the same library).
			for _, host := range []struct{ name, v string }{{"C", "c-"}, {"FPC", "fpc-"}} {
				ours, goV := host.v+m.v, "go-"+m.v
				gr.compare = append(gr.compare, comparison{fmt.Sprintf("%s %s msg/s, %s vs Go", p, m.mode, host.name), ours, goV, "rate", m.target})
				if g.latency {
					gr.compare = append(gr.compare, comparison{fmt.Sprintf("%s %s p99, %s vs Go", p, m.mode, host.name), ours, goV, "p99", 0})
				}
			}
		}
		gs = append(gs, gr)
	}
	gs = append(gs, httpGroups()...)
	gs = append(gs, manualGroups(quick)...)
	return gs
}

func sizeName(n int) string {
	if n%1024 == 0 {
		return strconv.Itoa(n/1024) + " KiB"
	}
	return strconv.Itoa(n) + " B"
}

// variantCmd is the command line of one run of a variant: wsbench itself for the Go ones (go-* are
// the engine in-process, the pure-Go side of B5), the C host for c-*, the FPC host for fpc-*; nil
// when that host was not given.
func variantCmd(cfg config, g group, v string) []string {
	ms := func(d interface{ Milliseconds() int64 }) string { return strconv.FormatInt(d.Milliseconds(), 10) }
	if g.argv != nil {
		return g.argv(cfg, v)
	}
	switch v {
	case "c-nosync", "c-async", "fpc-nosync", "fpc-async":
		host, mode, _ := strings.Cut(v, "-")
		bin := map[string]string{"c": cfg.cabi, "fpc": cfg.fpc}[host]
		if bin == "" { // not built on this machine (run.sh says why): the variant is skipped
			return nil
		}
		return []string{bin, mode, strconv.Itoa(g.conns), strconv.Itoa(g.size), strconv.Itoa(g.window), ms(cfg.warm), ms(cfg.dur)}
	case "go-nosync":
		v = "ours"
	case "go-async":
		v = "ours-async"
	}
	return []string{cfg.self, "one", "-impl", v, "-root", cfg.root, "-conns", strconv.Itoa(g.conns),
		"-size", strconv.Itoa(g.size), "-window", strconv.Itoa(g.window), "-warm", cfg.warm.String(), "-dur", cfg.dur.String(),
		"-total", strconv.Itoa(g.total)}
}
