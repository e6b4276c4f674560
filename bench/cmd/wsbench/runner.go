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
	"regexp"
	"sort"
	"strings"
	"time"
)

type config struct {
	root, cabi, self, out string
	fpc                   string // the FPC host (bench/pascal/fpcbench.lpr); empty: its variants are skipped
	rounds                int
	warm, dur             time.Duration
	quick                 bool
	hold                  time.Duration // B4's hold time (idle.go); 0 = its default
}

// row is a finished comparison: the medians of both variants and ours/base (base/ours for
// latencies), so >1 always means ours is better.
type row struct {
	comparison
	ours, base, ratio float64
	ok                bool
	limit             float64 // absolute target ours must not exceed (group.limits), 0 = none
}

func cmdAll(args []string) error {
	var cfg config
	fs := flag.NewFlagSet("all", flag.ExitOnError)
	fs.StringVar(&cfg.root, "root", ".", "repository root")
	fs.StringVar(&cfg.cabi, "cabi", "", "the C host (bench/c/cabi.c) binary")
	fs.StringVar(&cfg.fpc, "fpc", "", "the FPC host (bench/pascal/fpcbench.lpr) binary; empty skips its variants")
	fs.StringVar(&cfg.out, "out", "", "results directory (default ROOT/bench/results)")
	fs.IntVar(&cfg.rounds, "rounds", 3, "interleaved rounds per group")
	fs.DurationVar(&cfg.warm, "warm", 300*time.Millisecond, "warm-up per run")
	fs.DurationVar(&cfg.dur, "dur", 1500*time.Millisecond, "measured time per run")
	fs.BoolVar(&cfg.quick, "quick", false, "fewer scenarios")
	only := fs.String("only", "", "run only the groups whose name matches this regexp (e.g. '^B6|^Manual')")
	fs.DurationVar(&cfg.hold, "hold", 0, "B4: how long idle connections are held (default 60s, 6s with -quick)")
	fs.Parse(args)
	var err error
	if cfg.self, err = os.Executable(); err != nil {
		return err
	}
	if cfg.out == "" {
		cfg.out = filepath.Join(cfg.root, "bench", "results")
	}
	pick, err := regexp.Compile(*only)
	if err != nil {
		return err
	}
	started := time.Now()
	var rows []row
	for _, g := range append(groups(cfg.quick), processGroups(cfg)...) {
		if !pick.MatchString(g.name) {
			continue
		}
		rows = append(rows, runGroup(cfg, g)...)
	}
	return report(cfg, rows, time.Since(started))
}

// runGroup runs every variant of g once per round, in order, and compares the medians.
func runGroup(cfg config, g group) []row {
	runs := map[string][]result{}
	for r := 1; r <= cfg.rounds; r++ {
		for _, v := range g.variants {
			argv := variantCmd(cfg, g, v)
			if argv == nil { // its host is not built here: its rows read n/a
				continue
			}
			res, err := runOne(argv, g.timeout)
			if err != nil {
				fmt.Fprintf(os.Stderr, "%s round %d %s: FAILED: %v\n", g.name, r, v, err)
				continue
			}
			if res.Note != "" { // B3/B4: server-side figures
				fmt.Fprintf(os.Stderr, "%s round %d %-16s %s\n", g.name, r, v, res.Note)
			} else {
				fmt.Fprintf(os.Stderr, "%s round %d %-16s %10.0f msg/s  p50 %7.1f µs  p99 %8.1f µs  %8.0f /CPU-s  rss %6.1f MiB\n",
					g.name, r, v, res.Rate, res.P50/1e3, res.P99/1e3, res.PerCPU, res.MaxRSS/1024)
			}
			runs[v] = append(runs[v], res)
		}
	}
	for v, r := range g.fixed {
		runs[v] = []result{r}
	}
	var rows []row
	for _, c := range g.compare {
		o, okO := median(runs[c.ours], c.metric)
		b, okB := median(runs[c.base], c.metric)
		rw := row{comparison: c, ours: o, base: b, ok: okO && okB && o > 0 && b > 0, limit: g.limits[c.metric]}
		if rw.ok {
			if higherIsBetter(c.metric) {
				rw.ratio = o / b
			} else {
				rw.ratio = b / o
			}
		}
		rows = append(rows, rw)
	}
	return rows
}

func higherIsBetter(metric string) bool { return metric == "rate" || metric == "percpu" }

func median(rs []result, metric string) (float64, bool) {
	if len(rs) == 0 {
		return 0, false
	}
	v := make([]float64, len(rs))
	for i, r := range rs {
		if d, ok := serverMetricDefs[metric]; ok {
			v[i] = d.get(r)
			continue
		}
		v[i] = map[string]float64{"rate": r.Rate, "p50": r.P50, "p99": r.P99, "p999": r.P999,
			"percpu": r.PerCPU, "maxrss": r.MaxRSS, "elapsed": r.Elapsed}[metric]
	}
	sort.Float64s(v)
	if len(v)%2 == 1 {
		return v[len(v)/2], true
	}
	return (v[len(v)/2-1] + v[len(v)/2]) / 2, true
}

// runOne runs a child and parses its "RESULT {json}" line.
// timeout 0 is 90 s.
func runOne(argv []string, timeout time.Duration) (result, error) {
	if timeout == 0 {
		timeout = 90 * time.Second
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
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
