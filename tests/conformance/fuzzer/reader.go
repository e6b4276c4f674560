package fuzzer

import (
	"encoding/binary"
	"fmt"
	"time"
)

// readLoop reads the testee's frames until TCP ends, answering pings and closes the way Autobahn's
// peer does, then closes p.done.
func (p *Peer) readLoop() {
	defer close(p.done)
	defer p.conn.Close()
	for {
		f, err := readFrame(p.br)
		if err != nil {
			if err != errFrameTooLarge {
				return
			}
			p.violation(err.Error())
			return
		}
		p.mu.Lock()
		p.wireIn += int64(len(f.payload)) + 2
		p.mu.Unlock()
		if want := p.role == AsServer; f.masked != want {
			p.violation(fmt.Sprintf("frame masked=%v; a %s must send masked=%v", f.masked, p.testee(), want))
		}
		switch {
		case f.opcode == OpClose:
			p.onClose(f)
		case f.opcode == OpPing:
			p.deliver(Ping(f.payload))
			if !p.closing() {
				p.SendPong(f.payload)
			}
		case f.opcode == OpPong:
			p.deliver(Pong(f.payload))
		case f.opcode <= OpBinary:
			p.onDataFrame(f)
		default:
			p.violation(fmt.Sprintf("testee sent reserved opcode %d", f.opcode))
		}
	}
}

func (p *Peer) testee() string {
	if p.role == AsServer {
		return "client"
	}
	return "server"
}

func (p *Peer) closing() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.closeSent
}

func (p *Peer) violation(what string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.protocolError == "" {
		p.protocolError = what
	}
}

func (p *Peer) onDataFrame(f rawFrame) {
	if f.rsv&3 != 0 || (f.rsv&4 != 0 && (p.deflate == nil || f.opcode == OpContinuation)) {
		p.violation(fmt.Sprintf("testee sent reserved bits %d", f.rsv))
	}
	if f.opcode == OpContinuation && p.msgOpcode < 0 {
		p.violation("testee sent a continuation frame outside a message")
		return
	}
	if f.opcode != OpContinuation {
		if p.msgOpcode >= 0 {
			p.violation("testee started a message inside a fragmented one")
		}
		p.msgOpcode, p.msgCompressed, p.msgBuf = f.opcode, f.rsv&4 != 0, nil
	}
	p.msgBuf = append(p.msgBuf, f.payload...)
	if !f.fin {
		return
	}
	msg := p.msgBuf
	if p.msgCompressed {
		var err error
		if msg, err = p.deflate.decompress(msg); err != nil {
			p.violation("testee sent a compressed message that does not inflate: " + err.Error())
		}
	}
	ev := Message(msg, p.msgOpcode == OpBinary)
	p.msgOpcode, p.msgBuf = -1, nil
	p.deliver(ev)
}

func (p *Peer) onClose(f rawFrame) {
	p.mu.Lock()
	first := !p.closeReceived
	p.closeReceived = true
	if first {
		switch len(f.payload) {
		case 0:
			p.remoteCode = 0
		case 1:
			p.protocolError = "testee sent a close frame with a 1-byte payload"
		default:
			p.remoteCode = int(binary.BigEndian.Uint16(f.payload))
			p.remoteReason = string(f.payload[2:])
		}
	}
	reply := !p.closeSent
	p.mu.Unlock()
	if reply { // echo the testee's code, as Autobahn's peer does
		code := 1000
		if len(f.payload) >= 2 {
			code = int(binary.BigEndian.Uint16(f.payload))
		}
		if len(f.payload) == 0 {
			code = 0
		}
		p.SendClose(code, "")
	}
	if p.role == AsServer {
		p.drop()
		return
	}
	time.AfterFunc(serverDropTimeout, func() {
		p.kill(fmt.Sprintf("the testee server did not close TCP within %v of the closing handshake", serverDropTimeout))
	})
}

// deliver records an event from the testee (or hands a message to the case's OnMessage) and starts
// the closing handshake once the events match an expected outcome.
func (p *Peer) deliver(ev Event) {
	p.mu.Lock()
	if p.closeReceived {
		p.mu.Unlock()
		return
	}
	if fn := p.onMessage; fn != nil && ev.Kind == "message" {
		p.mu.Unlock()
		fn(ev)
		return
	}
	p.received = append(p.received, ev)
	p.finishWhenDoneLocked()
	p.mu.Unlock()
}

func (p *Peer) finishWhenDoneLocked() {
	if !p.closeExp.ClosedByMe || p.suppressClose || p.closeSent || p.onMessage != nil {
		return
	}
	for _, o := range p.outcomes {
		if matches(p.received, o.events) {
			code := 1000
			if len(p.closeExp.Codes) > 0 {
				code = p.closeExp.Codes[0]
			}
			go p.SendClose(code, "")
			return
		}
	}
}
