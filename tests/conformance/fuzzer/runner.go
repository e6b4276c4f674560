package fuzzer

import (
	"bufio"
	"fmt"
	"net"
	"time"
)

// DefaultTimeout bounds a case that sets no Timeout.
const DefaultTimeout = 10 * time.Second

// execute runs c on an open connection and judges it.
func execute(c *Case, role Role, conn net.Conn, br *bufio.Reader, d *pmd) CaseResult {
	p := newPeer(c, role, conn, br, d)
	go p.readLoop()
	if c.Deflate != nil && d == nil {
		p.SetResult(Unimplemented, "The testee did not negotiate permessage-deflate.")
		p.ExpectCloseByMe()
		p.SendClose(1000, "")
	} else {
		go func() {
			defer func() {
				if e := recover(); e != nil {
					p.SetResult(Failed, fmt.Sprintf("the case's script panicked: %v", e))
					p.kill("case script failed")
				}
			}()
			c.Run(p)
		}()
	}
	timeout := c.Timeout
	if timeout == 0 {
		timeout = DefaultTimeout
	}
	select {
	case <-p.done:
	case <-time.After(timeout):
		p.kill(fmt.Sprintf("case timed out after %v", timeout))
		<-p.done
	}
	return p.judge()
}

// failedToConnect is the result of a case whose connection could not even be opened.
func failedToConnect(c *Case, err error) CaseResult {
	return CaseResult{ID: c.ID, Description: c.Description, Expectation: c.Expectation, Result: Failed,
		Behavior: Failed, BehaviorClose: Failed, ResultText: "opening handshake failed: " + err.Error(),
		RemoteCode: -1, Expected: map[Result][]string{}}
}

// RunClient is the fuzzing client: it runs every case, one connection each, against the testee
// server at hostport, calling progress after each.
func RunClient(hostport string, cases []*Case, progress func(CaseResult)) []CaseResult {
	var out []CaseResult
	for _, c := range cases {
		var r CaseResult
		conn, br, d, err := dial(hostport, "/", c.Deflate)
		if err != nil {
			r = failedToConnect(c, err)
		} else {
			r = execute(c, AsClient, conn, br, d)
		}
		out = append(out, r)
		if progress != nil {
			progress(r)
		}
	}
	return out
}
