// Package cases is the catalogue the fuzzer runs: Autobahn|Testsuite's published cases 1.1.1 to
// 13.7.18 (groups 1-7, 9, 10, 12 and 13), each written from its published description and
// expectation, with the same ids.
package cases

import "github.com/sgcws/sgcws/tests/conformance/fuzzer"

// All returns the whole catalogue in Autobahn's order.
func All() []*fuzzer.Case {
	var all []*fuzzer.Case
	for _, g := range [][]*fuzzer.Case{framing(), pings(), reservedBits(), opcodes(), fragmentation(),
		utf8Handling(), closeHandling(), limits(), autoFragmentation(), compressionPayloads(),
		compressionParameters()} {
		all = append(all, g...)
	}
	return all
}
