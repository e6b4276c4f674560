package main

// B6: plain HTTP on TsgcWebSocketHTTPServer against Go's net/http, loaded by wrk. One run is three
// processes: `wsbench http` (the measuring child of `all`), the server (`wsbench httpserve`, in its
// own process so that neither wrk nor the measurement shares its cores' run queue with it) and wrk.
//
//	wsbench http -impl ours|nethttp -mode static|handler [-conns N -warm D -dur D]
//	wsbench httpserve -impl ours|nethttp -mode static|handler -dir DIR
//	    prints "listening ADDR", serves until its standard input closes (at most 10 minutes)
//
// static:  a 1 KiB file: ours from DocumentRoot, net/http from http.FileServer on the same directory.
// handler: the same short text answer: ours from the host through the OnCommandGet decision event
//          (neNoSync callback setting ResponseInfo.*), net/http from a HandlerFunc.

import (
	"bufio"
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/sgcws/sgcws/core/engine"
	"github.com/sgcws/sgcws/core/events"
)

const (
	httpAnswer = "hello from the host\n" // the handler mode's answer body, text/plain
	httpFile   = "static.txt"            // the static mode's file, makePayload(1024)
)

// wrkReport makes wrk print one line with what it measured (its latencies are µs, duration µs).
const wrkReport = `done = function(s, lat, req)
  local e = s.errors
  io.write(string.format("WRK %d %d %d %d %d %d %d\n", s.requests, s.duration,
    lat:percentile(50), lat:percentile(99), lat:percentile(99.9), e.status, e.connect + e.read + e.write + e.timeout))
end
`

func httpGroups() []group {
	var gs []group
	for _, m := range []struct{ mode, what string }{
		{"static", "1 KiB static file (DocumentRoot)"},
		{"handler", "host-answered request (OnCommandGet, neNoSync)"},
	} {
		const conns = 50
		p := fmt.Sprintf("B6 HTTP %s, wrk %d conns:", m.what, conns)
		o, b := "http-ours-"+m.mode, "http-nethttp-"+m.mode
		gs = append(gs, group{
			name: "B6-" + m.mode, conns: conns, variants: []string{o, b}, argv: httpArgv(conns),
			compare: []comparison{
				{p + " req/s vs net/http", o, b, "rate", 0},
				{p + " p99 vs net/http", o, b, "p99", 0},
				{p + " req per server CPU-s vs net/http", o, b, "percpu", 0},
			},
		})
	}
	return gs
}

// httpArgv gives the command line of a B6 variant ("http-IMPL-MODE").
func httpArgv(conns int) func(config, string) []string {
	return func(cfg config, v string) []string {
		impl, mode, _ := strings.Cut(strings.TrimPrefix(v, "http-"), "-")
		return []string{cfg.self, "http", "-impl", impl, "-mode", mode, "-conns", strconv.Itoa(conns),
			"-warm", cfg.warm.String(), "-dur", cfg.dur.String()}
	}
}

func cmdHTTP(args []string) error {
	fs := flag.NewFlagSet("http", flag.ExitOnError)
	impl := fs.String("impl", "ours", "ours or nethttp")
	mode := fs.String("mode", "static", "static or handler")
	conns := fs.Int("conns", 50, "wrk connections")
	warm := fs.Duration("warm", 300*time.Millisecond, "warm-up (wrk counts whole seconds: rounded up)")
	dur := fs.Duration("dur", 2*time.Second, "measured time (rounded up to whole seconds)")
	fs.Parse(args)

	dir, err := os.MkdirTemp("", "wsbench-http-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	file := makePayload(1024)
	if err := os.WriteFile(filepath.Join(dir, httpFile), file, 0o644); err != nil {
		return err
	}
	script := filepath.Join(dir, "report.lua")
	if err := os.WriteFile(script, []byte(wrkReport), 0o644); err != nil {
		return err
	}
	self, err := os.Executable()
	if err != nil {
		return err
	}
	srv := exec.Command(self, "httpserve", "-impl", *impl, "-mode", *mode, "-dir", dir)
	srv.Stderr = os.Stderr
	stdin, err := srv.StdinPipe()
	if err != nil {
		return err
	}
	out, err := srv.StdoutPipe()
	if err != nil {
		return err
	}
	if err := srv.Start(); err != nil {
		return err
	}
	stopped := false
	stop := func() {
		if !stopped {
			stopped = true
			stdin.Close()
			srv.Wait()
		}
	}
	defer stop()
	line, _ := bufio.NewReader(out).ReadString('\n')
	addr, ok := strings.CutPrefix(strings.TrimSpace(line), "listening ")
	if !ok {
		return fmt.Errorf("%s server did not start: %q", *impl, line)
	}
	url, want := "http://"+addr+"/"+httpFile, string(file)
	if *mode == "handler" {
		url, want = "http://"+addr+"/answer", httpAnswer
	}
	// Both servers must give the same answer, or the comparison means nothing.
	if err := checkAnswer(url, want); err != nil {
		return fmt.Errorf("%s %s: %w", *impl, *mode, err)
	}
	secs := func(d time.Duration) string { return strconv.Itoa(max(1, int(math.Ceil(d.Seconds())))) + "s" }
	c := strconv.Itoa(*conns)
	warmW, err := runWrk("-t1", "-c"+c, "-d"+secs(*warm), "-s", script, url)
	if err != nil {
		return err
	}
	w, err := runWrk("-t1", "-c"+c, "-d"+secs(*dur), "-s", script, url)
	if err != nil {
		return err
	}
	stop()
	ru, _ := srv.ProcessState.SysUsage().(*syscall.Rusage)
	if ru == nil {
		return fmt.Errorf("no resource usage of the server process")
	}
	// The server's CPU covers its whole life (start-up, the check, warm-up and the measured run).
	cpu := rusageCPU(ru)
	r := result{Rate: w.requests / (w.durUs / 1e6), P50: w.p50 * 1e3, P99: w.p99 * 1e3, P999: w.p999 * 1e3,
		N: int64(w.requests), CPU: cpu, MaxRSS: float64(ru.Maxrss)}
	if cpu > 0 {
		r.PerCPU = (w.requests + warmW.requests + 1) / cpu
	}
	return printResult("http", r, nil)
}

type wrkResult struct{ requests, durUs, p50, p99, p999 float64 }

// runWrk runs wrk with the report script and fails on any non-2xx answer or socket error.
func runWrk(args ...string) (wrkResult, error) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var out bytes.Buffer
	cmd := exec.CommandContext(ctx, "wrk", args...)
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return wrkResult{}, fmt.Errorf("wrk: %v: %s", err, out.String())
	}
	for _, l := range strings.Split(out.String(), "\n") {
		f, ok := strings.CutPrefix(l, "WRK ")
		if !ok {
			continue
		}
		var w wrkResult
		var status, sock int
		if _, err := fmt.Sscan(f, &w.requests, &w.durUs, &w.p50, &w.p99, &w.p999, &status, &sock); err != nil {
			return w, fmt.Errorf("wrk report %q: %v", l, err)
		}
		if status+sock > 0 || w.requests == 0 {
			return w, fmt.Errorf("wrk: %d requests, %d bad status, %d socket errors", int(w.requests), status, sock)
		}
		return w, nil
	}
	return wrkResult{}, fmt.Errorf("wrk printed no report: %s", out.String())
}

func checkAnswer(url, want string) error {
	resp, err := (&http.Client{Timeout: 5 * time.Second}).Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode != 200 || string(body) != want {
		return fmt.Errorf("GET %s: %d, %d bytes, not the expected %d", url, resp.StatusCode, len(body), len(want))
	}
	return nil
}

func cmdHTTPServe(args []string) error {
	fs := flag.NewFlagSet("httpserve", flag.ExitOnError)
	impl := fs.String("impl", "ours", "ours or nethttp")
	mode := fs.String("mode", "static", "static or handler")
	dir := fs.String("dir", "", "the static file's directory")
	fs.Parse(args)
	var (
		addr string
		stop func()
		err  error
	)
	switch *impl {
	case "ours":
		addr, stop, err = serveOurs(*mode, *dir)
	case "nethttp":
		addr, stop, err = serveNetHTTP(*mode, *dir)
	default:
		err = fmt.Errorf("unknown -impl %q", *impl)
	}
	if err != nil {
		return err
	}
	defer stop()
	fmt.Printf("listening %s\n", addr)
	closed := make(chan struct{})
	go func() { io.Copy(io.Discard, os.Stdin); close(closed) }()
	select {
	case <-closed:
	case <-time.After(10 * time.Minute):
	}
	return nil
}

// serveOurs is a TsgcWebSocketHTTPServer through core/engine.
func serveOurs(mode, dir string) (string, func(), error) {
	h, err := engine.Create(engine.KindHTTPServer)
	if err != nil {
		return "", nil, err
	}
	stop := func() { _ = engine.Destroy(h, false) }
	fail := func(err error) (string, func(), error) { stop(); return "", nil, err }
	set := []error{engine.SetString(h, "NotifyEvents", "neNoSync"), engine.SetString(h, "Bindings", "127.0.0.1:0")}
	switch mode {
	case "static":
		set = append(set, engine.SetString(h, "DocumentRoot", dir))
	case "handler":
		set = append(set, engine.SetBool(h, "Events.OnCommandGet", true), engine.SetCallback(h, func(ev *events.Event) {
			if ev.Kind == events.EvHTTPRequest {
				_ = engine.SetString(ev.Reply, "ResponseInfo.ContentType", "text/plain")
				_ = engine.SetString(ev.Reply, "ResponseInfo.ContentText", httpAnswer)
			}
		}))
	default:
		set = append(set, fmt.Errorf("unknown -mode %q", mode))
	}
	for _, err := range set {
		if err != nil {
			return fail(err)
		}
	}
	if err := engine.Start(h); err != nil {
		return fail(err)
	}
	addrs, err := engine.GetString(h, "ListenAddresses")
	if err != nil {
		return fail(err)
	}
	return strings.Split(addrs, "\n")[0], stop, nil
}

// serveNetHTTP is the baseline: plain net/http doing the same.
func serveNetHTTP(mode, dir string) (string, func(), error) {
	var h http.Handler
	switch mode {
	case "static":
		h = http.FileServer(http.Dir(dir))
	case "handler":
		h = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/plain")
			w.Header().Set("Content-Length", strconv.Itoa(len(httpAnswer)))
			io.WriteString(w, httpAnswer)
		})
	default:
		return "", nil, fmt.Errorf("unknown -mode %q", mode)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	srv := &http.Server{Handler: h}
	go srv.Serve(ln)
	return ln.Addr().String(), func() { srv.Close() }, nil
}
