package cases

import (
	"fmt"

	"github.com/sgcws/sgcws/tests/conformance/fuzzer"
)

// Group 12: echo of compressed messages cut from five kinds of payload (12.1-12.5), each at the 18
// message sizes and frame sizes of echoLoads. permessage-deflate is negotiated with defaults: the
// fuzzing client offers nothing special, the fuzzing server accepts the testee's first offer as is.
func compressionPayloads() []*fuzzer.Case {
	var out []*fuzzer.Case
	for sub, src := range []corpus{jsonCorpus, bmpCorpus, faustCorpus, htmlCorpus, pdfCorpus} {
		for i, l := range echoLoads {
			out = append(out, compressedEcho(fmt.Sprintf("12.%d.%d", sub+1, i+1),
				"Default permessage-deflate offer.", src, l,
				&fuzzer.DeflateSettings{Offers: []fuzzer.DeflateParams{{}}}))
		}
	}
	return out
}
