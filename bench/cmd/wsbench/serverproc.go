package main

// The client side's handle on a server process (`wsbench serve`, or Node's bench/node/broadcast.js):
// B3 and B4 measure the server's own CPU and memory, so it must not share a process with the
// thousands of clients that load it.

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

type serverProc struct {
	cmd  *exec.Cmd
	addr string // HOST:PORT
	in   io.WriteCloser
	out  *bufio.Reader
}

// startServer starts impl's pub/sub server for up to conns connections, pinging each every
// heartbeat (0 = off; Go servers only).
func startServer(impl, root string, heartbeat time.Duration, conns int) (*serverProc, error) {
	fds := uint64(conns) + 256
	if err := needFDs(fds); err != nil {
		return nil, err
	}
	// Go restores the soft limit it started with in its children unless the program set one itself:
	// set it, so that node inherits the raised limit too.
	var lim syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim); err == nil {
		_ = syscall.Setrlimit(syscall.RLIMIT_NOFILE, &lim)
	}
	var cmd *exec.Cmd
	if impl == "node" {
		cmd = exec.Command("node", filepath.Join(root, "bench/node/broadcast.js"))
		cmd.Env = append(os.Environ(), "NODE_PATH="+filepath.Join(root, "tests/.deps/node_modules"))
	} else {
		self, err := os.Executable()
		if err != nil {
			return nil, err
		}
		cmd = exec.Command(self, "serve", "-impl", impl, "-heartbeat", heartbeat.String(),
			"-fds", strconv.FormatUint(fds, 10))
	}
	cmd.Stderr = os.Stderr
	in, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	p := &serverProc{cmd: cmd, in: in, out: bufio.NewReader(out)}
	line, err := p.out.ReadString('\n')
	addr, ok := strings.CutPrefix(strings.TrimSpace(line), "listening ")
	if err != nil || !ok {
		p.stop()
		return nil, fmt.Errorf("%s server did not start: %q %v", impl, line, err)
	}
	p.addr = addr
	return p, nil
}

func (p *serverProc) url() string { return "ws://" + p.addr + "/" }

// stats asks the server for its CPU time, connection count and (Go) memory figures; gc collects
// garbage first so that Heap is the live heap.
func (p *serverProc) stats(gc bool) (serverStats, error) {
	var s serverStats
	req := "stats\n"
	if gc {
		req = "stats gc\n"
	}
	if _, err := io.WriteString(p.in, req); err != nil {
		return s, err
	}
	line, err := p.out.ReadString('\n')
	js, ok := strings.CutPrefix(strings.TrimSpace(line), "STATS ")
	if err != nil || !ok {
		return s, fmt.Errorf("server stats: %q %v", line, err)
	}
	return s, json.Unmarshal([]byte(js), &s)
}

// rss is the server's resident set in bytes, read the same way whatever the implementation.
func (p *serverProc) rss() (int64, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", p.cmd.Process.Pid))
	if err != nil {
		return 0, err
	}
	for _, l := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, "VmRSS:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return kb * 1024, err
		}
	}
	return 0, fmt.Errorf("no VmRSS in /proc/%d/status", p.cmd.Process.Pid)
}

// stop closes the server's stdin (it exits on EOF) and kills it if it has not gone in 5 s.
func (p *serverProc) stop() {
	p.in.Close()
	done := make(chan struct{})
	go func() { p.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		p.cmd.Process.Kill()
		<-done
	}
}

// waitConns waits until the server counts n open connections (the last upgrades may still be in
// flight when the clients' dials return).
func (p *serverProc) waitConns(n int, timeout time.Duration) (serverStats, error) {
	for deadline := time.Now().Add(timeout); ; time.Sleep(20 * time.Millisecond) {
		s, err := p.stats(false)
		if err != nil || s.Conns >= int64(n) {
			return s, err
		}
		if time.Now().After(deadline) {
			return s, fmt.Errorf("server has %d of %d connections after %v", s.Conns, n, timeout)
		}
	}
}
