package cases

import (
	"bytes"
	"fmt"
	"time"

	"github.com/sgcws/sgcws/tests/conformance/fuzzer"
)

// Group 2: pings and pongs. The testee must answer every ping with a pong carrying the same payload
// (however the ping's octets reach it), ignore unsolicited pongs, and fail the connection on a ping
// longer than the 125 octets a control frame may carry.
//
// Autobahn also schedules a fallback close one to three seconds in ("closeAfter") for a testee that
// never answers; here such a testee runs into the case timeout and fails just the same, and the
// fuzzer never risks sending a second close after its automatic one.
func pings() []*fuzzer.Case {
	nonUTF8 := []byte{0x00, 0xff, 0xfe, 0xfd, 0xfc, 0xfb, 0x00, 0xff}
	full := bytes.Repeat([]byte{0xfe}, 125)
	var tenPings [][]byte
	for i := range 10 {
		tenPings = append(tenPings, fmt.Appendf(nil, "payload-%d", i))
	}
	const tenPongs = "A pong for each ping, in order, with its payload (Autobahn checks this although the RFC lets a testee answer only the latest ping); the fuzzer then closes normally."
	return []*fuzzer.Case{
		pingCase("2.1", "Send a ping with an empty payload.", "", nil, together, nil),
		pingCase("2.2", "Send a ping with a short text payload.", "", nil, together, []byte("Hello, world!")),
		pingCase("2.3", "Send a ping with a short binary payload that is not UTF-8.", "", nil, together, nonUTF8),
		pingCase("2.4", "Send a ping with a 125-octet binary payload.", "", nil, together, full),
		{
			ID:          "2.5",
			Description: "Send a ping with a 126-octet binary payload.",
			Expectation: "The testee fails the connection at once (1002): a control frame carries at most 125 octets.",
			Run: func(p *fuzzer.Peer) {
				p.Expect(fuzzer.OK)
				p.ExpectFail(1002)
				p.SendPing(bytes.Repeat([]byte{0xfe}, 126))
				p.KillAfter(time.Second)
			},
		},
		pingCase("2.6", "Send a ping with a 125-octet binary payload, one octet per write.", "", nil, octetWise, full),
		unsolicitedPongCase("2.7", "Send an unsolicited pong with an empty payload, then close normally.", nil),
		unsolicitedPongCase("2.8", "Send an unsolicited pong with a payload, then close normally.", []byte("unsolicited pong payload")),
		pingCase("2.9", "Send an unsolicited pong with a payload, then a ping with a payload.",
			"No reply to the pong; a pong echoing the ping's payload; the fuzzer then closes normally.",
			[]byte("unsolicited pong payload"), together, []byte("ping payload")),
		pingCase("2.10", "Send ten pings with distinct payloads.", tenPongs, nil, together, tenPings...),
		pingCase("2.11", "Send ten pings with distinct payloads, one octet per write.", tenPongs, nil, octetWise, tenPings...),
	}
}

// pingCase sends an optional unsolicited pong and then the pings, and expects exactly one pong per
// ping echoing its payload, after which the fuzzer closes normally; w is how the pings are written.
func pingCase(id, desc, expect string, pongFirst []byte, w writeMode, payloads ...[]byte) *fuzzer.Case {
	if expect == "" {
		expect = "A pong echoing the ping's payload; the fuzzer then closes normally."
	}
	return &fuzzer.Case{ID: id, Description: desc, Expectation: expect, Run: func(p *fuzzer.Peer) {
		var pongs []fuzzer.Event
		for _, pl := range payloads {
			pongs = append(pongs, fuzzer.Pong(pl))
		}
		p.Expect(fuzzer.OK, pongs...)
		p.ExpectCloseByMe()
		if pongFirst != nil {
			p.SendPong(pongFirst)
		}
		var pings []fuzzer.Frame
		for _, pl := range payloads {
			pings = append(pings, fuzzer.Frame{Opcode: fuzzer.OpPing, Payload: pl, Fin: true})
		}
		send(p, w, pings...)
	}}
}

// unsolicitedPongCase sends a pong nobody asked for and closes at once; the testee must send nothing
// but its close reply. The automatic close is off: the expected (empty) event list matches at once,
// and the fuzzer must close after the pong, not race it.
func unsolicitedPongCase(id, desc string, payload []byte) *fuzzer.Case {
	return &fuzzer.Case{ID: id, Description: desc,
		Expectation: "Nothing in reply to the pong; a clean close with the normal code.",
		Run: func(p *fuzzer.Peer) {
			p.SuppressClose()
			p.Expect(fuzzer.OK)
			p.ExpectCloseByMe()
			p.SendPong(payload)
			p.SendClose(1000, "")
		}}
}
