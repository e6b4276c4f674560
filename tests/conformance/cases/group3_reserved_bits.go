package cases

import (
	"time"

	"github.com/sgcws/sgcws/tests/conformance/fuzzer"
)

// Group 3: frames with reserved bits set although no extension gives them a meaning. The testee must
// fail the connection (1002) on the bad frame; when a good message precedes it, echoing that message
// first is the strict behaviour, and in no case may the ping after the bad frame be answered.
func reservedBits() []*fuzzer.Case {
	hello := []byte("Hello, world!")
	lone := func(opcode int, payload []byte, rsv int) badFrameScript {
		return badFrameScript{bad: fuzzer.Frame{Opcode: opcode, Payload: payload, Fin: true, RSV: rsv}}
	}
	between := func(rsv int, w writeMode) badFrameScript {
		return badFrameScript{bad: fuzzer.Frame{Opcode: fuzzer.OpText, Payload: hello, Fin: true, RSV: rsv},
			between: hello, writes: w}
	}
	return []*fuzzer.Case{
		badFrameCase("3.1", "Send a short text message with RSV = 1.", lone(fuzzer.OpText, hello, 1)),
		badFrameCase("3.2", "Send a short text message, the same with RSV = 2, then a ping.", between(2, together)),
		badFrameCase("3.3", "Send a short text message, the same with RSV = 3, then a ping, each frame in its own write.", between(3, frameWise)),
		badFrameCase("3.4", "Send a short text message, the same with RSV = 4, then a ping, one octet per write.", between(4, octetWise)),
		badFrameCase("3.5", "Send a short binary message with RSV = 5.",
			lone(fuzzer.OpBinary, []byte{0x00, 0xff, 0xfe, 0xfd, 0xfc, 0xfb, 0x00, 0xff}, 5)),
		// Autobahn titles 3.6 a ping, but the frame it sends is a binary message; we send what it sends.
		badFrameCase("3.6", "Send a short binary message with RSV = 6.", lone(fuzzer.OpBinary, hello, 6)),
		badFrameCase("3.7", "Send an empty close with RSV = 7.", lone(fuzzer.OpClose, nil, 7)),
	}
}

// badFrameScript is one frame the testee must reject (groups 3 and 4). When between is set, the bad
// frame comes between a text message with that payload and an empty ping.
type badFrameScript struct {
	bad     fuzzer.Frame
	between []byte
	writes  writeMode
}

// badFrameCase expects the testee to fail the connection with 1002 once it reads the bad frame. With
// a preceding message, echoing it is OK and failing before echoing it is NON-STRICT; any pong fails.
// Like Autobahn, the fuzzer drops a testee that is still connected a second later (a FAILED case).
func badFrameCase(id, desc string, s badFrameScript) *fuzzer.Case {
	expect := "The testee fails the connection at once (1002)."
	bad := s.bad // a close with reserved bits (3.7) does not count as the fuzzer's close
	frames := []fuzzer.Frame{bad}
	if s.between != nil {
		expect = "The first message is echoed, then the testee fails the connection at once (1002); the ping gets no pong."
		frames = []fuzzer.Frame{{Opcode: fuzzer.OpText, Payload: s.between, Fin: true}, bad,
			{Opcode: fuzzer.OpPing, Fin: true}}
	}
	return &fuzzer.Case{ID: id, Description: desc, Expectation: expect, Run: func(p *fuzzer.Peer) {
		if s.between != nil {
			p.Expect(fuzzer.OK, fuzzer.Message(s.between, false))
			p.Expect(fuzzer.NonStrict)
		} else {
			p.Expect(fuzzer.OK)
		}
		p.ExpectFail(1002)
		send(p, s.writes, frames...)
		p.KillAfter(time.Second)
	}}
}
