package main

import (
	"fmt"
	"strconv"
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
}

// A comparison is one table row: metric of variant ours against variant base.
type comparison struct {
	label      string
	ours, base string
	metric     string // "rate" (higher is better) or "p50", "p99", "p999" (lower is better)
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
	sizes := []int{64, 1024}
	if quick {
		sizes = sizes[:1]
	}
	for _, size := range sizes {
		p := fmt.Sprintf("B2 50 conns × %s, window 8:", sizeName(size))
		gs = append(gs, group{
			name: "B2-" + sizeName(size), conns: 50, size: size, window: 8,
			variants: []string{"ours", "gorilla", "ours-deflate", "gorilla-deflate"},
			compare: []comparison{
				{p + " msg/s vs gorilla", "ours", "gorilla", "rate", 0},
				{p + " msg/s deflate vs gorilla deflate", "ours-deflate", "gorilla-deflate", "rate", 0},
				{p + " msg/s ours deflate vs ours plain", "ours-deflate", "ours", "rate", 0},
			},
		})
	}
	for _, g := range []struct {
		name          string
		conns, window int
		latency       bool
	}{{"B5-1", 1, 1, true}, {"B5-50", 50, 8, false}} {
		p := fmt.Sprintf("B5 C ABI, %d conn × 1 KiB, window %d:", g.conns, g.window)
		gr := group{name: g.name, conns: g.conns, size: 1024, window: g.window,
			variants: []string{"c-nosync", "go-nosync", "c-async", "go-async"}}
		for _, m := range []struct {
			mode, c, goV string
			target       float64
		}{
			{"neNoSync", "c-nosync", "go-nosync", 0.9}, {"neAsynchronous", "c-async", "go-async", 0.7},
		} {
			gr.compare = append(gr.compare, comparison{fmt.Sprintf("%s %s msg/s, C vs Go", p, m.mode), m.c, m.goV, "rate", m.target})
			if g.latency {
				gr.compare = append(gr.compare, comparison{fmt.Sprintf("%s %s p99, C vs Go", p, m.mode), m.c, m.goV, "p99", 0})
			}
		}
		gs = append(gs, gr)
	}
	return gs
}

func sizeName(n int) string {
	if n%1024 == 0 {
		return strconv.Itoa(n/1024) + " KiB"
	}
	return strconv.Itoa(n) + " B"
}

// variantCmd is the command line of one run of a variant: wsbench itself for the Go ones (go-* are
// the engine in-process, the pure-Go side of B5), the C host for c-*.
func variantCmd(cfg config, g group, v string) []string {
	ms := func(d interface{ Milliseconds() int64 }) string { return strconv.FormatInt(d.Milliseconds(), 10) }
	switch v {
	case "c-nosync", "c-async":
		return []string{cfg.cabi, v[2:], strconv.Itoa(g.conns), strconv.Itoa(g.size), strconv.Itoa(g.window), ms(cfg.warm), ms(cfg.dur)}
	case "go-nosync":
		v = "ours"
	case "go-async":
		v = "ours-async"
	}
	return []string{cfg.self, "one", "-impl", v, "-root", cfg.root, "-conns", strconv.Itoa(g.conns),
		"-size", strconv.Itoa(g.size), "-window", strconv.Itoa(g.window), "-warm", cfg.warm.String(), "-dur", cfg.dur.String()}
}
