package cases

import (
	"bytes"
	"fmt"
	"time"

	"github.com/sgcws/sgcws/tests/conformance/fuzzer"
)

// g9RoundTrips is 9.7 (text) and 9.8 (binary): 1000 small messages of growing size, each sent once
// the previous echo is back, so the case's duration is 1000 round trips. Autobahn's waits grow with
// the size.
func g9RoundTrips() []*fuzzer.Case {
	const count = 1000
	steps := []struct{ size, wait int }{{0, 60}, {16, 60}, {64, 60}, {256, 120}, {1024, 240}, {4096, 480}}
	var out []*fuzzer.Case
	for sub, binary := range []bool{false, true} {
		fillByte := byte('*')
		if binary {
			fillByte = 0xfe
		}
		for i, s := range steps {
			kind, wait := g9Kind(binary), time.Duration(s.wait)*time.Second
			out = append(out, &fuzzer.Case{
				ID:          fmt.Sprintf("9.%d.%d", 7+sub, i+1),
				Description: fmt.Sprintf("Send %d %s messages of %d bytes, each after the previous echo, to time the round trips.", count, kind, s.size),
				Expectation: fmt.Sprintf("Every message comes back as sent, all within %d s; the fuzzer then closes normally.", s.wait),
				Timeout:     g9Timeout(wait),
				ReportTime:  true,
				Run: func(p *fuzzer.Peer) {
					payload := bytes.Repeat([]byte{fillByte}, s.size)
					frame := fuzzer.Frame{Opcode: g9Opcode(binary), Payload: payload, Fin: true}
					g9Echoes(p, count, wait, payload, binary, func() { p.SendFrame(frame) })
				},
			})
		}
	}
	return out
}
