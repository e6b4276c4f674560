package main

import (
	"fmt"
	"html"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"
)

// report writes latest.md and latest.svg into cfg.out and prints the table.
func report(cfg config, rows []row, took time.Duration) error {
	if err := os.MkdirAll(cfg.out, 0o755); err != nil {
		return err
	}
	table := markdownTable(rows)
	var md strings.Builder
	fmt.Fprintf(&md, "# sgcws benchmarks\n\n")
	fmt.Fprintf(&md, "%s, %s/%s, %d CPUs (shared: compare ratios, not absolute numbers), %s.\n",
		time.Now().UTC().Format("2006-01-02 15:04 UTC"), runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runtime.Version())
	fmt.Fprintf(&md, "Each variant ran %d× (%v + %v warm-up per run), interleaved with its baseline; values are medians. "+
		"Ratio > 1 means ours is better (rates: ours/baseline; latency, time, memory: baseline/ours). Run took %v.\n\n",
		cfg.rounds, cfg.dur, cfg.warm, took.Round(time.Second))
	md.WriteString(table)
	md.WriteString("\n![ratios](latest.svg)\n")
	if err := os.WriteFile(filepath.Join(cfg.out, "latest.md"), []byte(md.String()), 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(cfg.out, "latest.svg"), []byte(svgChart(rows)), 0o644); err != nil {
		return err
	}
	fmt.Print(table)
	return nil
}

func markdownTable(rows []row) string {
	var b strings.Builder
	b.WriteString("| scenario | ours | baseline | ratio |\n|---|---:|---:|---:|\n")
	for _, r := range rows {
		label := r.label
		if r.target > 0 {
			label += fmt.Sprintf(" (target ≥ %.1f×)", r.target)
		}
		if r.limit > 0 {
			label += fmt.Sprintf(" (target: ours ≤ %s)", value(r.metric, r.limit))
		}
		if !r.ok {
			fmt.Fprintf(&b, "| %s | n/a | n/a | n/a |\n", label)
			continue
		}
		mark := ""
		if r.warn() {
			mark = " ⚠"
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %.2f×%s |\n", label, value(r.metric, r.ours), value(r.metric, r.base), r.ratio, mark)
	}
	return b.String()
}

// warn: the row misses its ratio target (0.9× without one) or ours exceeds its absolute limit.
func (r row) warn() bool {
	return r.target > 0 && r.ratio < r.target || r.target == 0 && r.ratio < 0.9 || r.limit > 0 && r.ours > r.limit
}

func value(metric string, v float64) string {
	if d, ok := serverMetricDefs[metric]; ok {
		return d.show(v)
	}
	switch metric {
	case "rate":
		return fmt.Sprintf("%.0f/s", v)
	case "percpu":
		return fmt.Sprintf("%.0f/CPU-s", v)
	case "maxrss":
		return fmt.Sprintf("%.1f MiB", v/1024)
	case "elapsed":
		return fmt.Sprintf("%.0f ms", v/1e6)
	}
	return fmt.Sprintf("%.1f µs", v/1e3)
}

// svgChart is a horizontal bar per row (its ratio), a dashed line at 1× and a tick at each target.
func svgChart(rows []row) string {
	const (
		labelW, barW, rowH, top = 560, 360, 22, 40
	)
	maxR := 2.0
	for _, r := range rows {
		if r.ok && r.ratio > maxR {
			maxR = r.ratio
		}
	}
	x := func(v float64) float64 { return labelW + v/maxR*barW }
	h := top + rowH*len(rows) + 30
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" font-family="sans-serif" font-size="12">`+"\n", labelW+barW+70, h)
	fmt.Fprintf(&b, `<rect width="100%%" height="100%%" fill="white"/>`+"\n")
	fmt.Fprintf(&b, `<text x="10" y="22" font-size="15" font-weight="bold">sgcws vs baseline (ratio, &gt;1 = ours better)</text>`+"\n")
	for i, r := range rows {
		y := top + i*rowH
		fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="end">%s</text>`+"\n", labelW-8, y+15, html.EscapeString(r.label))
		if !r.ok {
			fmt.Fprintf(&b, `<text x="%d" y="%d" fill="gray">n/a</text>`+"\n", labelW+4, y+15)
			continue
		}
		color := "#4a9d5b"
		if r.warn() {
			color = "#d9822b"
		}
		fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%.1f" height="%d" fill="%s"/>`+"\n", labelW, y+3, x(r.ratio)-labelW, rowH-6, color)
		fmt.Fprintf(&b, `<text x="%.1f" y="%d">%.2f×</text>`+"\n", x(r.ratio)+4, y+15, r.ratio)
		if r.target > 0 {
			fmt.Fprintf(&b, `<line x1="%.1f" x2="%.1f" y1="%d" y2="%d" stroke="black" stroke-width="2"/>`+"\n", x(r.target), x(r.target), y+1, y+rowH-1)
		}
	}
	bottom := top + rowH*len(rows)
	fmt.Fprintf(&b, `<line x1="%.1f" x2="%.1f" y1="%d" y2="%d" stroke="black" stroke-dasharray="4 3"/>`+"\n", x(1), x(1), top, bottom)
	fmt.Fprintf(&b, `<text x="%.1f" y="%d" text-anchor="middle">1×</text>`+"\n", x(1), bottom+16)
	fmt.Fprintf(&b, `<text x="%d" y="%d">black tick = target; orange = a target missed (or &lt; 0.9× without one)</text>`+"\n", labelW, bottom+28)
	b.WriteString("</svg>\n")
	return b.String()
}
