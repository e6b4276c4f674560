package cases

import (
	"fmt"
	"strings"

	"github.com/sgcws/sgcws/tests/conformance/fuzzer"
)

// Group 13: the JSON payload of 12.1 under seven permessage-deflate parameter sets (13.1-13.7), each
// at the 18 sizes of echoLoads. A set is what the fuzzing client offers (asking the testee server for
// no context takeover and/or a smaller window) and what the fuzzing server asks of the testee client
// in its answer.
func compressionParameters() []*fuzzer.Case {
	type (
		ask = fuzzer.DeflateParams
		set struct {
			offers []ask
			accept ask
		}
	)
	sets := []set{
		{[]ask{{}}, ask{}},
		{[]ask{{NoContextTakeover: true}}, ask{NoContextTakeover: true}},
		{[]ask{{MaxWindowBits: 8}}, ask{MaxWindowBits: 8}},
		{[]ask{{MaxWindowBits: 15}}, ask{MaxWindowBits: 15}},
		{[]ask{{NoContextTakeover: true, MaxWindowBits: 8}}, ask{NoContextTakeover: true, MaxWindowBits: 8}},
		{[]ask{{NoContextTakeover: true, MaxWindowBits: 15}}, ask{NoContextTakeover: true, MaxWindowBits: 15}},
		// Autobahn's server here tries (true, 8), then (true, 0), then (false, 0) against the testee's
		// offer; the fuzzer's answer already leaves out a window the offer does not allow, so asking
		// for (true, 8) gives the same fallback for the window (and RFC 7692 lets the server ask for
		// client_no_context_takeover unoffered).
		{[]ask{{NoContextTakeover: true, MaxWindowBits: 8}, {NoContextTakeover: true}, {}},
			ask{NoContextTakeover: true, MaxWindowBits: 8}},
	}
	var out []*fuzzer.Case
	for sub, s := range sets {
		desc := fmt.Sprintf("Client offers (no context takeover, max window bits): %s; server asks: %s.",
			askList(s.offers...), askList(s.accept))
		for i, l := range echoLoads {
			out = append(out, compressedEcho(fmt.Sprintf("13.%d.%d", sub+1, i+1), desc, jsonCorpus, l,
				&fuzzer.DeflateSettings{Offers: s.offers, Accept: s.accept}))
		}
	}
	return out
}

// askList renders parameter sets as Autobahn's tables do: [(false, 0), (true, 8)].
func askList(asks ...fuzzer.DeflateParams) string {
	parts := make([]string, len(asks))
	for i, a := range asks {
		parts[i] = fmt.Sprintf("(%v, %d)", a.NoContextTakeover, a.MaxWindowBits)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}
