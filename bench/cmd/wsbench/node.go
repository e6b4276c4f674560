package main

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// nodeTransport: Node's `ws` echo server (bench/node/echo.js, a child process) with gorilla clients.
type nodeTransport struct{ root string }

func (t nodeTransport) Dial(n int, payload []byte, onEcho func(int)) (func(int) error, func(), error) {
	cmd := exec.Command("node", filepath.Join(t.root, "bench/node/echo.js"))
	cmd.Env = append(os.Environ(), "NODE_PATH="+filepath.Join(t.root, "tests/.deps/node_modules"))
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, nil, err
	}
	stopNode := func() { cmd.Process.Kill(); cmd.Wait() }
	line, err := bufio.NewReader(out).ReadString('\n')
	port, ok := strings.CutPrefix(strings.TrimSpace(line), "listening ")
	if err != nil || !ok {
		stopNode()
		return nil, nil, fmt.Errorf("node echo server did not start: %q %v", line, err)
	}
	send, closeClients, err := gorillaClients("ws://127.0.0.1:"+port+"/", n, false, false, payload, onEcho)
	if err != nil {
		stopNode()
		return nil, nil, err
	}
	return send, func() { closeClients(); stopNode() }, nil
}
