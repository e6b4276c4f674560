// Command wsbench runs the sgcws benchmarks (bench/run.sh builds and calls it).
//
//	wsbench one -impl NAME [-conns N -size B -window W -warm D -dur D]
//	    one measured run in this process; prints "RESULT {json}" (the format bench/c/cabi prints too)
//	wsbench all -root DIR -cabi PATH [-rounds R -dur D -quick]
//	    every scenario, its variants interleaved round by round, each run a fresh child process;
//	    writes bench/results/latest.{md,svg} and prints the table
//
// Files: load.go (the measurement), engine.go / gorilla.go / node.go (the implementations),
// scenarios.go (what is compared), runner.go (child processes, medians), report.go (md + svg).
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
	fs.Parse(args)
	tr, ok := impls(*root)[*impl]
	if !ok {
		return fmt.Errorf("unknown -impl %q", *impl)
	}
	r, err := runLoad(tr, s)
	if err != nil {
		return fmt.Errorf("%s: %w", *impl, err)
	}
	b, _ := json.Marshal(r)
	fmt.Printf("RESULT %s\n", b)
	return nil
}
