package main

import "fmt"

// serverMetrics are the figures B3 (fanout.go) and B4 (idle.go) add to a RESULT line; the existing
// ones (rate, p50, ...) are the clients' echo figures, these are per delivery and per server.
type serverMetrics struct {
	D50    float64 `json:"d50,omitempty"` // B3: publish → receipt latency percentiles, ns
	D95    float64 `json:"d95,omitempty"`
	D99    float64 `json:"d99,omitempty"`
	SrvCPU float64 `json:"srv_cpu,omitempty"` // B3: server CPU-seconds per second
	Lost   int64   `json:"lost,omitempty"`    // B3: deliveries that never came (counted as slow)

	RSSPerConn   float64 `json:"rss_conn,omitempty"` // B4: server bytes per idle connection
	HeapPerConn  float64 `json:"heap_conn,omitempty"`
	StackPerConn float64 `json:"stack_conn,omitempty"`

	Note string `json:"note,omitempty"` // one line for the progress log
}

// serverMetricDefs: each metric's value in a result and how the report prints it. All are "lower is
// better", which is how runGroup treats every metric but "rate".
var serverMetricDefs = map[string]struct {
	get  func(result) float64
	show func(float64) string
}{
	"d50":    {func(r result) float64 { return r.D50 }, fmtMs},
	"d95":    {func(r result) float64 { return r.D95 }, fmtMs},
	"d99":    {func(r result) float64 { return r.D99 }, fmtMs},
	"srvcpu": {func(r result) float64 { return r.SrvCPU }, func(v float64) string { return fmt.Sprintf("%.3f CPU-s/s", v) }},
	"rss":    {func(r result) float64 { return r.RSSPerConn }, fmtKiB},
	"heap":   {func(r result) float64 { return r.HeapPerConn }, fmtKiB},
	"stack":  {func(r result) float64 { return r.StackPerConn }, fmtKiB},
}

func fmtMs(ns float64) string { return fmt.Sprintf("%.2f ms", ns/1e6) }
func fmtKiB(b float64) string { return fmt.Sprintf("%.1f KiB", b/1024) }
