package fuzzer

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"net"
	"sync"
	"time"
)

// Role is the fuzzer's side of the connection.
type Role int

const (
	AsClient Role = iota // the fuzzing client: the testee is a server
	AsServer             // the fuzzing server: the testee is a client
)

// serverDropTimeout is how long the fuzzing client waits, after the closing handshake, for the
// testee server to close TCP (RFC 6455 7.1.1: the server closes first). Autobahn waits 1 s; we allow
// a little more because these machines are shared.
const serverDropTimeout = 3 * time.Second

// Peer is the fuzzer's end of one case's connection; a Case's Run drives it.
type Peer struct {
	c       *Case
	role    Role
	conn    net.Conn
	br      *bufio.Reader
	deflate *pmd
	started time.Time
	done    chan struct{}

	wmu sync.Mutex // one writer at a time

	mu            sync.Mutex
	received      []Event
	outcomes      []outcome
	closeExp      CloseExpectation
	onMessage     func(Event)
	suppressClose bool
	explicit      Result
	explicitText  string
	closeSent     bool
	closeReceived bool
	closedByMe    bool
	droppedByMe   bool
	killed        string // why the fuzzer dropped the connection, if it did
	remoteCode    int    // -1: no close frame, 0: close frame without a code
	remoteReason  string
	protocolError string // the first protocol violation by the testee
	wireIn        int64
	wireOut       int64

	// message being reassembled
	msgOpcode     int
	msgCompressed bool
	msgBuf        []byte
}

func newPeer(c *Case, role Role, conn net.Conn, br *bufio.Reader, d *pmd) *Peer {
	return &Peer{c: c, role: role, conn: conn, br: br, deflate: d, started: time.Now(),
		done: make(chan struct{}), remoteCode: -1, msgOpcode: -1}
}

// Role tells whether the fuzzer is the client or the server of this case.
func (p *Peer) Role() Role { return p.role }

// Deflated reports whether permessage-deflate was negotiated.
func (p *Peer) Deflated() bool { return p.deflate != nil }

// Elapsed is the time since the case started.
func (p *Peer) Elapsed() time.Duration { return time.Since(p.started) }

// Done is closed when the TCP connection has ended.
func (p *Peer) Done() <-chan struct{} { return p.done }

// Expect adds an acceptable outcome: the testee sends exactly these events, and the case earns class.
func (p *Peer) Expect(class Result, events ...Event) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.outcomes = append(p.outcomes, outcome{class, events})
	p.finishWhenDoneLocked()
}

// ExpectClose states how the connection should end.
func (p *Peer) ExpectClose(e CloseExpectation) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.closeExp = e
	p.finishWhenDoneLocked()
}

// ExpectCloseByMe is the common "echo, then the fuzzer closes normally" expectation.
func (p *Peer) ExpectCloseByMe() {
	p.ExpectClose(CloseExpectation{ClosedByMe: true, RequireClean: true, Codes: []int{1000}})
}

// ExpectFail is the common "the testee fails the connection" expectation, with acceptable codes.
func (p *Peer) ExpectFail(codes ...int) {
	p.ExpectClose(CloseExpectation{ClosedByMe: false, RequireClean: false, Codes: codes})
}

// OnMessage routes messages to fn instead of recording them (cases that count or time echoes).
func (p *Peer) OnMessage(fn func(Event)) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.onMessage = fn
}

// SetResult fixes the case's event class and its explanation, overriding Expect.
func (p *Peer) SetResult(class Result, text string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.explicit, p.explicitText = class, text
}

// SuppressClose stops the fuzzer from closing by itself when the events match (cases that close
// on their own terms).
func (p *Peer) SuppressClose() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.suppressClose = true
}

// Sleep pauses the case's script.
func (p *Peer) Sleep(d time.Duration) {
	select {
	case <-time.After(d):
	case <-p.done:
	}
}

// KillAfter drops the TCP connection after d unless it has ended by then.
func (p *Peer) KillAfter(d time.Duration) {
	time.AfterFunc(d, func() { p.kill(fmt.Sprintf("connection still open %v after the case asked", d)) })
}

// CloseAfter sends a close with code after d unless either side has sent one by then (Autobahn's
// closeAfter fallback).
func (p *Peer) CloseAfter(d time.Duration, code int) {
	time.AfterFunc(d, func() {
		p.mu.Lock()
		skip := p.closeSent || p.closeReceived
		p.mu.Unlock()
		if !skip {
			p.SendClose(code, "")
		}
	})
}

// SendFrame writes one frame exactly as described.
func (p *Peer) SendFrame(f Frame) {
	mask := p.role == AsClient
	if f.Mask != nil {
		mask = *f.Mask
	}
	wire := encodeFrame(f, mask)
	if f.Opcode == OpClose && f.RSV == 0 { // a close with reserved bits is a malformed frame, not our close
		p.noteCloseSent()
	}
	if f.Chop <= 0 {
		p.write(wire)
		return
	}
	for len(wire) > 0 {
		n := min(f.Chop, len(wire))
		p.write(wire[:n])
		wire = wire[n:]
		if f.ChopDelay > 0 && len(wire) > 0 {
			p.Sleep(f.ChopDelay)
		}
	}
}

// SendMessage sends a text or binary message, compressed when permessage-deflate is on, in frames of
// at most fragmentSize payload bytes (0 = one frame).
func (p *Peer) SendMessage(payload []byte, binary bool, fragmentSize int) {
	opcode, rsv := OpText, 0
	if binary {
		opcode = OpBinary
	}
	if p.deflate != nil {
		payload, rsv = p.deflate.compress(payload), 4
	}
	if fragmentSize <= 0 || len(payload) <= fragmentSize {
		p.SendFrame(Frame{Opcode: opcode, Payload: payload, Fin: true, RSV: rsv})
		return
	}
	for off := 0; off < len(payload); off += fragmentSize {
		end := min(off+fragmentSize, len(payload))
		p.SendFrame(Frame{Opcode: opcode, Payload: payload[off:end], Fin: end == len(payload), RSV: rsv})
		opcode, rsv = OpContinuation, 0
	}
}

// SendText and SendBinary send a message in one frame.
func (p *Peer) SendText(s string)   { p.SendMessage([]byte(s), false, 0) }
func (p *Peer) SendBinary(b []byte) { p.SendMessage(b, true, 0) }
func (p *Peer) SendPing(payload []byte) {
	p.SendFrame(Frame{Opcode: OpPing, Payload: payload, Fin: true})
}
func (p *Peer) SendPong(payload []byte) {
	p.SendFrame(Frame{Opcode: OpPong, Payload: payload, Fin: true})
}

// SendClose starts (or answers) the closing handshake; code 0 sends an empty close frame.
func (p *Peer) SendClose(code int, reason string) {
	p.SendFrame(Frame{Opcode: OpClose, Payload: closePayload(code, reason), Fin: true})
}

func closePayload(code int, reason string) []byte {
	if code == 0 {
		return nil
	}
	return append(binary.BigEndian.AppendUint16(nil, uint16(code)), reason...)
}

func (p *Peer) write(b []byte) {
	p.wmu.Lock()
	defer p.wmu.Unlock()
	n, _ := p.conn.Write(b) // a write to a closed connection is part of what a case observes
	p.mu.Lock()
	p.wireOut += int64(n)
	p.mu.Unlock()
}

func (p *Peer) noteCloseSent() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.closeSent && !p.closeReceived {
		p.closedByMe = true
	}
	p.closeSent = true
}

// kill drops the TCP connection (the fuzzer gives up waiting).
func (p *Peer) kill(why string) {
	select {
	case <-p.done:
		return
	default:
	}
	p.mu.Lock()
	if p.killed == "" {
		p.killed = why
	}
	p.droppedByMe = true
	p.mu.Unlock()
	p.conn.Close()
}

// drop closes TCP as the protocol wants (the server after the closing handshake).
func (p *Peer) drop() {
	p.mu.Lock()
	p.droppedByMe = true
	p.mu.Unlock()
	p.conn.Close()
}
