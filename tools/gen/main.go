// Command gen writes everything that is generated from the component registry (core/registry):
// docs/PROPERTIES.md, the C constants (include/sgcws_components.h), and the Pascal and C++
// component classes. Run it from the repository root: `go run ./tools/gen` (or ./build.sh gen).
// `go run ./tools/gen -check` fails, naming the files, when any committed output is stale; the
// test suite runs it.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	_ "github.com/sgcws/sgcws/protocols/catalogue" // every registered component
)

// An output is one generated file. Each generator file adds its outputs from its init.
type output struct {
	path   string
	render func() ([]byte, error)
}

var outputs []output

func main() {
	check := flag.Bool("check", false, "only check that every generated file is up to date")
	flag.Parse()
	sort.Slice(outputs, func(i, j int) bool { return outputs[i].path < outputs[j].path })
	stale := 0
	for _, o := range outputs {
		want, err := o.render()
		if err != nil {
			fail("%s: %v", o.path, err)
		}
		have, _ := os.ReadFile(o.path)
		if bytes.Equal(have, want) {
			continue
		}
		if *check {
			fmt.Fprintf(os.Stderr, "gen: %s is stale\n", o.path)
			stale++
			continue
		}
		if err := os.MkdirAll(filepath.Dir(o.path), 0o755); err != nil {
			fail("%v", err)
		}
		if err := os.WriteFile(o.path, want, 0o644); err != nil {
			fail("%v", err)
		}
		fmt.Println("gen: wrote", o.path)
	}
	if stale > 0 {
		fail("%d generated file(s) are stale: run `go run ./tools/gen` and commit the result", stale)
	}
}

func fail(format string, a ...any) {
	fmt.Fprintf(os.Stderr, "gen: "+format+"\n", a...)
	os.Exit(1)
}
