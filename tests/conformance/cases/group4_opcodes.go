package cases

import (
	"fmt"

	"github.com/sgcws/sgcws/tests/conformance/fuzzer"
)

// Group 4: frames with reserved opcodes, non-control (4.1: opcodes 3-7) and control (4.2: 11-15).
// The testee must fail the connection (1002) on such a frame. Both subgroups run the same five
// scripts, one opcode each.
func opcodes() []*fuzzer.Case {
	hello := []byte("Hello, world!")
	scripts := []struct {
		payload, between []byte // the bad frame's payload; the text message before it (nil = alone)
		writes           writeMode
	}{
		{nil, nil, together},
		{[]byte("reserved opcode payload"), nil, together},
		{nil, hello, together},
		{hello, hello, together},
		{hello, hello, octetWise},
	}
	var out []*fuzzer.Case
	for sub, kind := range []string{"non-control", "control"} {
		for i, sc := range scripts {
			opcode := 3 + 8*sub + i
			desc := fmt.Sprintf("a frame with the reserved %s opcode %d", kind, opcode)
			if sc.payload != nil {
				desc += " and a payload"
			}
			if sc.between != nil {
				desc = "a short text message, then " + desc + ", then a ping"
			}
			if sc.writes == octetWise {
				desc += ", one octet per write"
			}
			out = append(out, badFrameCase(fmt.Sprintf("4.%d.%d", sub+1, i+1), "Send "+desc+".", badFrameScript{
				bad:     fuzzer.Frame{Opcode: opcode, Payload: sc.payload, Fin: true},
				between: sc.between,
				writes:  sc.writes,
			}))
		}
	}
	return out
}
