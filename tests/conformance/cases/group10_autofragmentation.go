package cases

import (
	"bytes"
	"time"

	"github.com/sgcws/sgcws/tests/conformance/fuzzer"
)

// Group 10: a large message the fuzzer splits into fixed-size frames itself, which the testee must
// reassemble and echo.
func autoFragmentation() []*fuzzer.Case {
	// 65536 octets in 1300-octet frames: one text frame and 50 continuations, the last one short.
	// Autobahn also checks that its own sender produced that frame count; SendMessage's fixed-size
	// split does so by construction.
	const size, fragmentSize = 65536, 1300
	payload := bytes.Repeat([]byte{'*'}, size)
	return []*fuzzer.Case{{
		ID:          "10.1.1",
		Description: "Send a 65536-octet text message split by the fuzzer into frames of 1300 octets.",
		Expectation: "The testee reassembles the message and echoes it unchanged; the fuzzer then closes normally.",
		Run: func(p *fuzzer.Peer) {
			p.Expect(fuzzer.OK, fuzzer.Message(payload, false))
			p.ExpectCloseByMe()
			p.SendMessage(payload, false, fragmentSize)
			p.KillAfter(10 * time.Second)
		},
	}}
}
