package cases

import (
	"time"

	"github.com/sgcws/sgcws/tests/conformance/fuzzer"
)

// writeMode is how a case's frames reach the wire: Autobahn sends the same frames at once, frame-wise
// and octet-wise, so that the testee must handle any TCP segmentation.
type writeMode int

const (
	together  writeMode = iota // frames written back to back
	frameWise                  // each frame its own write, with a pause after it
	octetWise                  // each octet its own write, with a pause after it
)

// writePause stands in for Autobahn's delay between "sync" writes; it only has to be long enough for
// the testee to read each piece on its own.
const writePause = time.Millisecond

func (w writeMode) words() string {
	return [...]string{"in one chop", "in frame-wise chops", "in octet-wise chops"}[w]
}

// send writes frames the way w says.
func send(p *fuzzer.Peer, w writeMode, frames ...fuzzer.Frame) {
	for _, f := range frames {
		if w == octetWise {
			f.Chop, f.ChopDelay = 1, writePause
		}
		p.SendFrame(f)
		if w != together {
			p.Sleep(writePause)
		}
	}
}
