package cases

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"strings"
	"time"

	"github.com/sgcws/sgcws/tests/conformance/fuzzer"
)

// Group 7: the closing handshake. In every case the fuzzer starts the close itself, so Autobahn's
// "close once the events match" never applies except in 7.1.1; the cases turn it off (our Expect
// would otherwise close at once, because an empty expected event list matches immediately).
func closeHandling() []*fuzzer.Case {
	var out []*fuzzer.Case
	out = append(out, closeThenMore()...)
	out = append(out, closePayloads()...)
	out = append(out, closeCodes()...)
	return out
}

// Close expectations shared by the group (the fuzzer always sends the first close).
var (
	cleanNormalClose = fuzzer.CloseExpectation{ClosedByMe: true, RequireClean: true, Codes: []int{1000}}
	protocolErrClose = fuzzer.CloseExpectation{ClosedByMe: true, Codes: []int{1002}}
)

// closeBody is a close frame's payload: a 2-byte code (omitted when code < 0) and the reason bytes.
func closeBody(code int, reason []byte) []byte {
	var b []byte
	if code >= 0 {
		b = binary.BigEndian.AppendUint16(b, uint16(code))
	}
	return append(b, reason...)
}

func closeFrame(payload []byte) fuzzer.Frame {
	return fuzzer.Frame{Opcode: fuzzer.OpClose, Payload: payload, Fin: true}
}

// closeCase builds a case in which the testee should send no events and the connection should end
// as exp says; send writes the fuzzer's frames (starting or including its close). Like Autobahn,
// the fuzzer gives the testee one second to end the connection.
func closeCase(id, desc, expect string, exp fuzzer.CloseExpectation, send func(p *fuzzer.Peer)) *fuzzer.Case {
	return &fuzzer.Case{ID: id, Description: desc, Expectation: expect, Run: func(p *fuzzer.Peer) {
		p.SuppressClose()
		p.Expect(fuzzer.OK)
		p.ExpectClose(exp)
		send(p)
		p.KillAfter(time.Second)
	}}
}

// 7.1: frames sent around (mostly after) the fuzzer's close; what follows a close must be ignored.
func closeThenMore() []*fuzzer.Case {
	hello := []byte("Hello World!")
	text := func(payload []byte, fin bool) fuzzer.Frame {
		return fuzzer.Frame{Opcode: fuzzer.OpText, Payload: payload, Fin: fin}
	}
	ignored := "Clean close with normal code; "
	return []*fuzzer.Case{
		{ID: "7.1.1", Description: "Send a text message, then close once it is echoed.",
			Expectation: "The message is echoed, then a clean close with normal code.",
			Run: func(p *fuzzer.Peer) {
				p.Expect(fuzzer.OK, fuzzer.Message(hello, false))
				p.ExpectCloseByMe()
				p.SendFrame(text(hello, true))
				p.KillAfter(time.Second)
			}},
		closeCase("7.1.2", "Send a close frame, then a second (empty) close frame.",
			ignored+"the second close is ignored.", cleanNormalClose, func(p *fuzzer.Peer) {
				p.SendClose(1000, "")
				p.SendFrame(closeFrame(nil))
			}),
		closeCase("7.1.3", "Send a close frame, then a ping.",
			ignored+"no pong.", cleanNormalClose, func(p *fuzzer.Peer) {
				p.SendClose(1000, "")
				p.SendPing(nil)
			}),
		closeCase("7.1.4", "Send a close frame, then a text message.",
			ignored+"the message is not echoed.", cleanNormalClose, func(p *fuzzer.Peer) {
				p.SendClose(1000, "")
				p.SendFrame(text(hello, true))
			}),
		closeCase("7.1.5", "Send the first fragment of a text message, a close frame, then the last fragment.",
			"Clean close with normal code.", cleanNormalClose, func(p *fuzzer.Peer) {
				p.SendFrame(text([]byte("fragment1"), false))
				p.SendClose(1000, "")
				p.SendFrame(fuzzer.Frame{Opcode: fuzzer.OpContinuation, Payload: []byte("fragment2"), Fin: true})
			}),
		largeMessageThenClose(hello),
	}
}

// 7.1.6: a 256 KiB text message, a short one, a close and a ping back to back. Whether the echoes
// make it out before the close depends on the testee's processing model, so the result is
// informational (the received events in the report show which way it went).
func largeMessageThenClose(hello []byte) *fuzzer.Case {
	big := []byte(strings.Repeat("BAsd7&jh23", 256<<10/10+1)[:256<<10])
	return &fuzzer.Case{ID: "7.1.6",
		Description: "Send a 256 KiB text message, a short text message, a close frame and a ping, back to back.",
		Expectation: "Implementation-defined: a testee that handles the close before finishing the echoes may " +
			"send back none or only part of them. Clean close with normal code.",
		Run: func(p *fuzzer.Peer) {
			p.SuppressClose()
			p.SetResult(fuzzer.Informational, "Outcome is implementation-defined; see the received events.")
			p.Expect(fuzzer.OK, fuzzer.Message(big, false), fuzzer.Message(hello, false))
			p.Expect(fuzzer.NonStrict)
			p.ExpectClose(cleanNormalClose)
			p.SendText(string(big))
			p.SendText(string(hello))
			p.SendClose(1000, "")
			p.SendPing(nil)
			p.KillAfter(time.Second)
		}}
}

// 7.3 (payload lengths of a close frame) and 7.5.1 (a reason that is not UTF-8).
func closePayloads() []*fuzzer.Case {
	star := func(n int) []byte { return bytes.Repeat([]byte{'*'}, n) }
	// "κόσμε" with a UTF-16 surrogate (ED A0 80) in the middle, then "edited".
	badUTF8 := []byte("\xce\xba\xe1\xbd\xb9\xcf\x83\xce\xbc\xce\xb5\xed\xa0\x80edited")
	rows := []struct {
		id, desc string
		payload  []byte
		exp      fuzzer.CloseExpectation
	}{
		{"7.3.1", "Send an empty close frame (no code, no reason).", nil, cleanNormalClose},
		{"7.3.2", "Send a close frame with a 1-byte payload.", []byte("a"), protocolErrClose},
		{"7.3.3", "Send a close frame with just a code (payload length 2).", closeBody(1000, nil), cleanNormalClose},
		{"7.3.4", "Send a close frame with a code and a reason.", closeBody(1000, []byte("Hello World!")), cleanNormalClose},
		{"7.3.5", "Send a close frame with a code and a reason of the longest allowed length (123).",
			closeBody(1000, star(123)), cleanNormalClose},
		{"7.3.6", "Send a close frame with a code and a 124-byte reason (126-byte control frame payload).",
			closeBody(1000, star(124)), protocolErrClose},
		{"7.5.1", "Send a close frame whose reason is not valid UTF-8.", closeBody(1000, badUTF8),
			fuzzer.CloseExpectation{ClosedByMe: true, Codes: []int{1002, 1007}}},
	}
	var out []*fuzzer.Case
	for _, r := range rows {
		expect := "Clean close with normal code."
		if !r.exp.RequireClean {
			expect = fmt.Sprintf("Close with code %v, or TCP dropped.", r.exp.Codes)
		}
		out = append(out, closeCase(r.id, r.desc, expect, r.exp, func(p *fuzzer.Peer) {
			p.SendFrame(closeFrame(r.payload))
		}))
	}
	return out
}

// 7.7 (codes a peer may send), 7.9 (codes it must not send) and 7.13 (codes outside the defined
// range, where the spec leaves the outcome open).
func closeCodes() []*fuzzer.Case {
	var out []*fuzzer.Case
	for i, code := range []int{1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 3000, 3999, 4000, 4999} {
		out = append(out, closeCase(fmt.Sprintf("7.7.%d", i+1), fmt.Sprintf("Send a close with valid code %d.", code),
			"Clean close with normal code or the code sent.",
			fuzzer.CloseExpectation{ClosedByMe: true, RequireClean: true, Codes: []int{1000, code}}, sendCode(code)))
	}
	// The latest catalogue's list: 1012-1014 were registered since older versions, so they left it.
	for i, code := range []int{0, 999, 1004, 1005, 1006, 1016, 1100, 2000, 2999} {
		out = append(out, closeCase(fmt.Sprintf("7.9.%d", i+1), fmt.Sprintf("Send a close with invalid code %d.", code),
			"Close with protocol error code, or TCP dropped.", protocolErrClose, sendCode(code)))
	}
	for i, code := range []int{5000, 65535} {
		c := closeCase(fmt.Sprintf("7.13.%d", i+1), fmt.Sprintf("Send a close with code %d.", code),
			"The spec does not define what happens.",
			fuzzer.CloseExpectation{ClosedByMe: true, Codes: []int{1000, code, 1002}}, sendCode(code))
		run := c.Run
		c.Run = func(p *fuzzer.Peer) {
			p.SetResult(fuzzer.Informational, "The spec does not define what happens.")
			run(p)
		}
		out = append(out, c)
	}
	return out
}

// sendCode sends a close frame carrying exactly code (0 included) and no reason.
func sendCode(code int) func(p *fuzzer.Peer) {
	return func(p *fuzzer.Peer) { p.SendFrame(closeFrame(closeBody(code, nil))) }
}
