package cases

import (
	"bytes"
	"fmt"

	"github.com/sgcws/sgcws/tests/conformance/fuzzer"
)

// Group 1: text (1.1) and binary (1.2) messages of the lengths around each length-encoding boundary,
// echoed back unchanged; case 8 of each sends its frame in 997-byte chops.
func framing() []*fuzzer.Case {
	var out []*fuzzer.Case
	for sub, binary := range []bool{false, true} {
		kind, fill := "text", byte('*')
		if binary {
			kind, fill = "binary", 0xfe
		}
		for i, n := range []int{0, 125, 126, 127, 128, 65535, 65536, 65536} {
			payload, chop := bytes.Repeat([]byte{fill}, n), 0
			desc := fmt.Sprintf("Send %s message with payload length %d.", kind, n)
			if i == 7 {
				chop = 997
				desc = fmt.Sprintf("Send %s message with payload length %d, written in chops of 997 octets.", kind, n)
			}
			out = append(out, &fuzzer.Case{
				ID:          fmt.Sprintf("1.%d.%d", sub+1, i+1),
				Description: desc,
				Expectation: "Receive echo'ed " + kind + " message (with payload as sent). Clean close with normal code.",
				Run: func(p *fuzzer.Peer) {
					p.Expect(fuzzer.OK, fuzzer.Message(payload, binary))
					p.ExpectCloseByMe()
					opcode := fuzzer.OpText
					if binary {
						opcode = fuzzer.OpBinary
					}
					p.SendFrame(fuzzer.Frame{Opcode: opcode, Payload: payload, Fin: true, Chop: chop})
				},
			})
		}
	}
	return out
}
