package cases

import (
	"fmt"
	"sync"
	"time"

	"github.com/sgcws/sgcws/tests/conformance/fuzzer"
)

// 6.4: an invalid text message in three parts with a one-second pause after each of the first two.
// The first part is valid, so the testee must still be open after the first pause (OK needs that);
// the second part makes the message invalid, so the testee should fail the connection at once; if it
// waits for the complete message the case is NON-STRICT.
//
// The payload is kosme, then U+110000 in the 4-byte pattern (f4 90 80 80, invalid at byte 12: 0x90
// cannot follow 0xf4), then "edited".
const outOfRange = kosme + "\xf4\x90\x80\x80" + "edited"

// pause is how long the fuzzer waits after each of the first two parts.
const pause = time.Second

func failFastCases() []*fuzzer.Case {
	atCodePoint := [3]string{kosme, "\xf4\x90\x80\x80", "edited"}
	atByte := [3]string{outOfRange[:12], outOfRange[12:13], outOfRange[13:]}
	return []*fuzzer.Case{
		failFastCase("6.4.1", "three frames; the second holds the whole invalid code point", atCodePoint, false),
		failFastCase("6.4.2", "three frames; the second is only the byte that makes it invalid", atByte, false),
		failFastCase("6.4.3", "one frame written in three pieces; the second piece holds the invalid code point",
			atCodePoint, true),
		failFastCase("6.4.4", "one frame written in three pieces; the second piece is only the byte that makes it invalid",
			atByte, true),
	}
}

func failFastCase(id, how string, parts [3]string, oneFrame bool) *fuzzer.Case {
	return &fuzzer.Case{
		ID: id,
		Description: fmt.Sprintf("Text message that is not UTF-8, sent as %s, pausing %v after the first two "+
			"(0x%x | 0x%x | 0x%x).", how, pause, parts[0], parts[1], parts[2]),
		Expectation: "Still open after the first pause; the connection is failed with 1007 as soon as the " +
			"second part arrives (NON-STRICT if only after the third).",
		Run: func(p *fuzzer.Peer) {
			w := &pauseLog{p: p}
			w.update()
			p.OnMessage(func(fuzzer.Event) { w.note(func() { w.echoed = true }) })
			p.ExpectFail(1007)
			if oneFrame {
				sendPiecesOfOneFrame(p, w, parts)
			} else {
				sendThreeFrames(p, w, parts)
			}
		},
	}
}

func sendThreeFrames(p *fuzzer.Peer, w *pauseLog, parts [3]string) {
	p.SendFrame(fuzzer.Frame{Opcode: fuzzer.OpText, Payload: []byte(parts[0])})
	p.Sleep(pause)
	if !w.survived() {
		return
	}
	p.SendFrame(fuzzer.Frame{Opcode: fuzzer.OpContinuation, Payload: []byte(parts[1])})
	p.Sleep(pause)
	if !w.survived() {
		return
	}
	p.SendFrame(fuzzer.Frame{Opcode: fuzzer.OpContinuation, Payload: []byte(parts[2]), Fin: true})
	p.KillAfter(pause)
}

// sendPiecesOfOneFrame writes one frame announcing the whole payload in pieces. The framework can
// only cut a frame into equal chops, and a masked frame's bytes can only come from one SendFrame
// call, so: one call writes the header and the first part, pauses, then writes the second part (a
// chop size of header + first part does exactly that); the first pause is checked just before the
// second chop goes out. The third part cannot be continued under the same mask key, so the frame
// is completed with filler bytes of the same length: the payload is already invalid after the
// second part, so whatever they unmask to, the message stays invalid.
func sendPiecesOfOneFrame(p *fuzzer.Peer, w *pauseLog, parts [3]string) {
	header := 2
	if p.Role() == fuzzer.AsClient {
		header += 4 // the mask key
	}
	total := int64(len(parts[0]) + len(parts[1]) + len(parts[2]))
	sent := make(chan struct{})
	go func() {
		defer close(sent)
		p.SendFrame(fuzzer.Frame{Opcode: fuzzer.OpText, Fin: true, Payload: []byte(parts[0] + parts[1]),
			Length: &total, Chop: header + len(parts[0]), ChopDelay: pause})
	}()
	p.Sleep(pause - 50*time.Millisecond)
	first := w.survived()
	<-sent
	if !first {
		return
	}
	p.Sleep(pause)
	if !w.survived() {
		return
	}
	// An unmasked "frame" of the right size is just raw bytes: two header bytes, then payload.
	unmasked := false
	p.SendFrame(fuzzer.Frame{Mask: &unmasked, Payload: make([]byte, len(parts[2])-2)})
	p.KillAfter(pause)
}

// pauseLog turns the pauses the connection survived into the case's class, as Autobahn does by
// recording a ("timeout", X) event for each: one pause is OK, two are NON-STRICT, none is FAILED
// (the testee rejected a valid prefix), and any echoed message is FAILED.
type pauseLog struct {
	p      *fuzzer.Peer
	mu     sync.Mutex
	pauses int
	echoed bool
}

// survived records one more pause if the connection is still open, and reports whether it is.
func (w *pauseLog) survived() bool {
	select {
	case <-w.p.Done():
		return false
	default:
	}
	w.note(func() { w.pauses++ })
	return true
}

func (w *pauseLog) note(change func()) {
	w.mu.Lock()
	change()
	w.mu.Unlock()
	w.update()
}

// update sets the class for what has happened so far; the result must be in place before the next
// part is sent, since the case is judged as soon as the testee drops the connection.
func (w *pauseLog) update() {
	w.mu.Lock()
	defer w.mu.Unlock()
	switch {
	case w.echoed:
		w.p.SetResult(fuzzer.Failed, "The testee echoed a message that is not UTF-8.")
	case w.pauses == 0:
		w.p.SetResult(fuzzer.Failed, "The connection ended during the first pause, after a valid prefix only.")
	case w.pauses == 1:
		w.p.SetResult(fuzzer.OK, "The connection was failed as soon as the message became invalid.")
	default:
		w.p.SetResult(fuzzer.NonStrict, "Still open after the second pause: the testee did not fail as soon as the message became invalid.")
	}
}
