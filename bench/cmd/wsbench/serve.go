package main

// `wsbench serve`: the server process of B3 and B4. It runs one pub/sub server (every message a
// client sends goes to every other client) and nothing else, so that its CPU and memory can be
// measured alone; the clients live in the process that started it (serverproc.go).
//
// Protocol on its stdio: it prints "listening HOST:PORT", then answers each "stats" line on stdin
// with "STATS {json}" ("stats gc" collects garbage first, for a live-heap figure). It exits when
// stdin closes, so it never outlives the run. bench/node/broadcast.js speaks the same protocol.

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"runtime"
	"time"
)

// serverStats is a STATS line: CPU so far and, for Go servers, the runtime's memory figures.
type serverStats struct {
	CPUNs      int64  `json:"cpu_ns"`
	Conns      int64  `json:"conns"`
	Heap       uint64 `json:"heap,omitempty"`  // HeapAlloc
	Stack      uint64 `json:"stack,omitempty"` // StackInuse
	Goroutines int    `json:"goroutines,omitempty"`
}

// pubsubServer is one implementation: start listens on 127.0.0.1 and returns the address; conns is
// the number of open connections.
type pubsubServer interface {
	start(heartbeat time.Duration) (addr string, err error)
	conns() int64
}

func cmdServe(args []string) error {
	fs := flag.NewFlagSet("serve", flag.ExitOnError)
	impl := fs.String("impl", "ours", "ours or gorilla")
	heartbeat := fs.Duration("heartbeat", 0, "ping every connection this often (0 = off)")
	maxConns := fs.Uint64("fds", 4096, "file descriptors needed")
	fs.Parse(args)
	if err := needFDs(*maxConns); err != nil {
		return err
	}
	srvs := map[string]pubsubServer{"ours": &enginePubsub{}, "gorilla": &gorillaPubsub{}, "sgc": &sgcPubsub{}}
	srv, ok := srvs[*impl]
	if !ok {
		return fmt.Errorf("unknown -impl %q", *impl)
	}
	addr, err := srv.start(*heartbeat)
	if err != nil {
		return err
	}
	fmt.Printf("listening %s\n", addr)
	sc := bufio.NewScanner(os.Stdin)
	for sc.Scan() {
		if sc.Text() == "stats gc" {
			runtime.GC()
		}
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		b, _ := json.Marshal(serverStats{CPUNs: int64(cpuSeconds() * 1e9), Conns: srv.conns(),
			Heap: ms.HeapAlloc, Stack: ms.StackInuse, Goroutines: runtime.NumGoroutine()})
		fmt.Printf("STATS %s\n", b)
	}
	return nil // stdin closed: the run is over
}
