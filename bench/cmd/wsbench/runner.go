package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

type config struct {
	root, cabi, self, out string
	rounds                int
	warm, dur             time.Duration
	quick                 bool
}

// row is a finished comparison: the medians of both variants and ours/base (base/ours for
// latencies), so >1 always means ours is better.
type row struct {
	comparison
	ours, base, ratio float64
	ok                bool
}

func cmdAll(args []string) error {
	var cfg config
	fs := flag.NewFlagSet("all", flag.ExitOnError)
	fs.StringVar(&cfg.root, "root", ".", "repository root")
	fs.StringVar(&cfg.cabi, "cabi", "", "the C host (bench/c/cabi.c) binary")
	fs.StringVar(&cfg.out, "out", "", "results directory (default ROOT/bench/results)")
	fs.IntVar(&cfg.rounds, "rounds", 3, "interleaved rounds per group")
	fs.DurationVar(&cfg.warm, "warm", 300*time.Millisecond, "warm-up per run")
	fs.DurationVar(&cfg.dur, "dur", 1500*time.Millisecond, "measured time per run")
	fs.BoolVar(&cfg.quick, "quick", false, "fewer scenarios")
	fs.Parse(args)
	var err error
	if cfg.self, err = os.Executable(); err != nil {
		return err
	}
	if cfg.out == "" {
		cfg.out = filepath.Join(cfg.root, "bench", "results")
	}
	started := time.Now()
	var rows []row
	for _, g := range groups(cfg.quick) {
		rows = append(rows, runGroup(cfg, g)...)
	}
	return report(cfg, rows, time.Since(started))
}

// runGroup runs every variant of g once per round, in order, and compares the medians.
func runGroup(cfg config, g group) []row {
	runs := map[string][]result{}
	for r := 1; r <= cfg.rounds; r++ {
		for _, v := range g.variants {
			res, err := runOne(variantCmd(cfg, g, v))
			if err != nil {
				fmt.Fprintf(os.Stderr, "%s round %d %s: FAILED: %v\n", g.name, r, v, err)
				continue
			}
			fmt.Fprintf(os.Stderr, "%s round %d %-16s %10.0f msg/s  p50 %7.1f µs  p99 %8.1f µs\n",
				g.name, r, v, res.Rate, res.P50/1e3, res.P99/1e3)
			runs[v] = append(runs[v], res)
		}
	}
	var rows []row
	for _, c := range g.compare {
		o, okO := median(runs[c.ours], c.metric)
		b, okB := median(runs[c.base], c.metric)
		rw := row{comparison: c, ours: o, base: b, ok: okO && okB && o > 0 && b > 0}
		if rw.ok {
			if c.metric == "rate" {
				rw.ratio = o / b
			} else {
				rw.ratio = b / o
			}
		}
		rows = append(rows, rw)
	}
	return rows
}

func median(rs []result, metric string) (float64, bool) {
	if len(rs) == 0 {
		return 0, false
	}
	v := make([]float64, len(rs))
	for i, r := range rs {
		v[i] = map[string]float64{"rate": r.Rate, "p50": r.P50, "p99": r.P99, "p999": r.P999}[metric]
	}
	sort.Float64s(v)
	if len(v)%2 == 1 {
		return v[len(v)/2], true
	}
	return (v[len(v)/2-1] + v[len(v)/2]) / 2, true
}

// runOne runs a child and parses its "RESULT {json}" line.
func runOne(argv []string) (result, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	var out, errb bytes.Buffer
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	cmd.Stdout, cmd.Stderr = &out, &errb
	runErr := cmd.Run()
	sc := bufio.NewScanner(&out)
	for sc.Scan() {
		if js, ok := strings.CutPrefix(sc.Text(), "RESULT "); ok {
			var r result
			if err := json.Unmarshal([]byte(js), &r); err != nil {
				return r, err
			}
			if runErr != nil {
				return r, fmt.Errorf("%v: %s", runErr, strings.TrimSpace(out.String()+errb.String()))
			}
			return r, nil
		}
	}
	return result{}, fmt.Errorf("no RESULT line (%v): %s", runErr, strings.TrimSpace(out.String()+errb.String()))
}
