// Command wsbench runs the sgcws benchmarks (bench/run.sh builds and calls it).
//
//	wsbench one -impl NAME [-conns N -size B -window W -warm D -dur D -total T]
//	    one measured run in this process; prints "RESULT {json}" (the format bench/c/cabi prints too);
//	    -total: the manual's fixed-count run instead (manual.go)
//	wsbench http | httpserve ...   B6, plain HTTP under wrk (http.go)
//	wsbench fanout | idle | serve ...   B3 broadcast fan-out, B4 idle connections: clients in this
//	    process, the server in a child `serve` process (fanout.go, idle.go, serve.go)
//	wsbench all -root DIR -cabi PATH [-fpc PATH -rounds R -dur D -quick -only REGEXP -hold D]
//	    every scenario, its variants interleaved round by round, each run a fresh child process;
//	    writes bench/results/latest.{md,svg} and prints the table
//
// Files: load.go (the measurement), engine.go / gorilla.go / node.go (the implementations),
// scenarios.go (what is compared), runner.go (child processes, medians), report.go (md + svg),
// rusage.go (CPU time, peak RSS, fd limit). B3/B4: fanout.go, idle.go (the clients' side and the
// groups), serve.go + pubsub_engine.go / pubsub_gorilla.go / bench/node/broadcast.js (the server
// process), serverproc.go (driving it), subscribers.go, servermetrics.go.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"time"
)

// impls are the implementations `one` can run in-process; root is the repository (for node).
func impls(root string) map[string]transport {
	return map[string]transport{
		"ours":            engineTransport{mode: "neNoSync"},
		"ours-async":      engineTransport{mode: "neAsynchronous"},
		"ours-deflate":    engineTransport{mode: "neNoSync", deflate: true},
		"gorilla":         gorillaTransport{},
		"gorilla-deflate": gorillaTransport{compress: true},
		"ours-text":       engineTransport{mode: "neNoSync", text: true},
		"gorilla-text":    gorillaTransport{text: true},
		"node":            nodeTransport{root: root},
	}
}

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: wsbench one|all [flags]")
		os.Exit(2)
	}
	var err error
	switch os.Args[1] {
	case "one":
		err = cmdOne(os.Args[2:])
	case "all":
		err = cmdAll(os.Args[2:])
	case "http":
		err = cmdHTTP(os.Args[2:])
	case "httpserve":
		err = cmdHTTPServe(os.Args[2:])
	case "fanout": // B3, the clients' side (fanout.go)
		err = cmdFanout(os.Args[2:])
	case "idle": // B4, the clients' side (idle.go)
		err = cmdIdle(os.Args[2:])
	case "serve": // B3/B4's server process (serve.go)
		err = cmdServe(os.Args[2:])
	default:
		err = fmt.Errorf("unknown command %q", os.Args[1])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "wsbench:", err)
		os.Exit(1)
	}
}

func cmdOne(args []string) error {
	fs := flag.NewFlagSet("one", flag.ExitOnError)
	impl := fs.String("impl", "ours", "implementation")
	root := fs.String("root", ".", "repository root")
	var s loadSpec
	fs.IntVar(&s.Conns, "conns", 1, "connections")
	fs.IntVar(&s.Size, "size", 64, "message bytes")
	fs.IntVar(&s.Window, "window", 1, "messages in flight per connection")
	fs.DurationVar(&s.Warm, "warm", 300*time.Millisecond, "warm-up")
	fs.DurationVar(&s.Dur, "dur", 2*time.Second, "measured time")
	total := fs.Int("total", 0, "fixed-count run: this many round trips in all, timed (manual.go)")
	fs.Parse(args)
	tr, ok := impls(*root)[*impl]
	if !ok {
		return fmt.Errorf("unknown -impl %q", *impl)
	}
	if err := needFDs(uint64(2*s.Conns + 100)); err != nil { // both sides in this process
		return err
	}
	var r result
	var err error
	if *total > 0 {
		r, err = runCount(tr, s.Conns, *total, s.Size)
	} else {
		r, err = runLoad(tr, s)
	}
	return printResult(*impl, r, err)
}

// printResult prints a run's "RESULT {json}" line, the one thing a measuring child says to wsbench all.
func printResult(what string, r result, err error) error {
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	b, _ := json.Marshal(r)
	fmt.Printf("RESULT %s\n", b)
	return nil
}
