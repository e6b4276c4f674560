// Command wsconform runs sgcws's Autobahn-equivalent conformance catalogue.
//
//	wsconform client -addr HOST:PORT [-agent NAME] [-cases 1.*,2.*] [-exclude ...] [-out DIR]
//	    the fuzzing client: runs every selected case against the echo server at HOST:PORT
//	wsconform server [-listen 127.0.0.1:0] [-cases ...] [-exclude ...] [-out DIR]
//	    the fuzzing server: prints "PORT n", serves the testee client, writes the report on
//	    /updateReports and exits
//	wsconform list [-cases ...] [-exclude ...]
//	    prints the selected case ids and descriptions
//
// Both runs print one line per case, write report.json, index.json and summary.md to DIR, print the
// summary and exit 0 only when no case is FAILED or UNIMPLEMENTED.
package main

import (
	"flag"
	"fmt"
	"net"
	"os"
	"strings"
	"time"

	"github.com/sgcws/sgcws/tests/conformance/cases"
	"github.com/sgcws/sgcws/tests/conformance/fuzzer"
)

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	fs := flag.NewFlagSet(os.Args[1], flag.ExitOnError)
	addr := fs.String("addr", "127.0.0.1:9001", "testee server (client mode)")
	listen := fs.String("listen", "127.0.0.1:0", "listen address (server mode)")
	agent := fs.String("agent", "sgcws", "testee name in the report (client mode)")
	include := fs.String("cases", "", "comma-separated case ids or groups (1.*, 9.1.*); empty = all")
	exclude := fs.String("exclude", "", "comma-separated case ids or groups to leave out")
	out := fs.String("out", "", "report directory (empty = none)")
	fs.Parse(os.Args[2:])
	selected := fuzzer.Select(cases.All(), split(*include), split(*exclude))
	if len(selected) == 0 {
		fmt.Fprintln(os.Stderr, "wsconform: no case selected")
		os.Exit(2)
	}

	switch os.Args[1] {
	case "list":
		for _, c := range selected {
			fmt.Printf("%s\t%s\n", c.ID, c.Description)
		}
	case "client":
		r := fuzzer.Report{Mode: "fuzzingclient", Agent: *agent, Started: time.Now()}
		r.Cases = fuzzer.RunClient(*addr, selected, printCase)
		finish(r, *out)
	case "server":
		ln, err := net.Listen("tcp", *listen)
		if err != nil {
			fmt.Fprintln(os.Stderr, "wsconform:", err)
			os.Exit(2)
		}
		fmt.Printf("PORT %d\n", ln.Addr().(*net.TCPAddr).Port)
		started := time.Now()
		done := make(chan fuzzer.Report, 1)
		s := &fuzzer.Server{Cases: selected,
			Progress: func(_ string, r fuzzer.CaseResult) { printCase(r) },
			OnReport: func(agent string, results []fuzzer.CaseResult) {
				done <- fuzzer.Report{Mode: "fuzzingserver", Agent: agent, Started: started, Cases: results}
			}}
		go s.Serve(ln)
		r := <-done
		ln.Close()
		finish(r, *out)
	default:
		usage()
	}
}

func printCase(r fuzzer.CaseResult) {
	line := fmt.Sprintf("%-8s %-13s %5d ms", r.ID, r.Result, r.DurationMS)
	if r.Result != fuzzer.OK {
		line += fmt.Sprintf("  %s | close %s: %s", r.ResultText, r.BehaviorClose, r.CloseText)
	}
	fmt.Println(line)
}

func finish(r fuzzer.Report, dir string) {
	if dir != "" {
		if err := r.Write(dir); err != nil {
			fmt.Fprintln(os.Stderr, "wsconform:", err)
			os.Exit(2)
		}
	}
	fmt.Print("\n" + r.Summary())
	if !r.Passed() {
		os.Exit(1)
	}
}

func split(s string) []string {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	return strings.Split(s, ",")
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: wsconform client|server|list [flags]  (wsconform client -h for flags)")
	os.Exit(2)
}
