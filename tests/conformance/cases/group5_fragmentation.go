package cases

import (
	"fmt"
	"strings"
	"time"

	"github.com/sgcws/sgcws/tests/conformance/fuzzer"
)

// Group 5: fragmented messages, legal (echoed, with control frames between fragments) and illegal
// (fragmented control frames, continuations with nothing to continue, a second data opcode inside a
// message), each sent whole or in frame-wise or octet-wise chops so the testee must be TCP clean.

func fragFrame(opcode int, fin bool, payload string) fuzzer.Frame {
	return fuzzer.Frame{Opcode: opcode, Fin: fin, Payload: []byte(payload)}
}

const (
	fragMustFail = "The testee fails the connection (1002) at once and echoes nothing."
	fragEchoed   = "The testee reassembles the message and echoes it; the fuzzer then closes normally."
)

// fragIllegal expects the testee to fail the connection with 1002 before echoing anything.
func fragIllegal(id, desc string, c writeMode, frames ...fuzzer.Frame) *fuzzer.Case {
	return &fuzzer.Case{ID: id, Description: desc, Expectation: fragMustFail,
		Run: func(p *fuzzer.Peer) {
			p.Expect(fuzzer.OK)
			p.ExpectFail(1002)
			send(p, c, frames...)
			p.KillAfter(time.Second)
		}}
}

// fragEcho expects the events in want, then closes normally. Autobahn also schedules its own close
// a second later as a fallback; here a testee that never matches runs into the case timeout and
// fails just the same.
func fragEcho(id, desc string, c writeMode, want []fuzzer.Event, frames ...fuzzer.Frame) *fuzzer.Case {
	return &fuzzer.Case{ID: id, Description: desc, Expectation: fragEchoed,
		Run: func(p *fuzzer.Peer) {
			p.Expect(fuzzer.OK, want...)
			p.ExpectCloseByMe()
			send(p, c, frames...)
		}}
}

func fragmentation() []*fuzzer.Case {
	var out []*fuzzer.Case
	id := func() string { return fmt.Sprintf("5.%d", len(out)+1) }

	// 5.1-5.2: control frames must not be fragmented.
	for _, ctl := range []struct {
		name   string
		opcode int
	}{{"ping", fuzzer.OpPing}, {"pong", fuzzer.OpPong}} {
		out = append(out, fragIllegal(id(), fmt.Sprintf("Send a %s split into two fragments.", ctl.name), together,
			fragFrame(ctl.opcode, false, "fragment1"), fragFrame(fuzzer.OpContinuation, true, "fragment2")))
	}

	// 5.3-5.8: a text message in two fragments, then the same with a ping between the fragments.
	const ping = "ping payload"
	whole := fuzzer.Text("fragment1fragment2")
	for _, withPing := range []bool{false, true} {
		for _, c := range []writeMode{together, frameWise, octetWise} {
			frames := []fuzzer.Frame{fragFrame(fuzzer.OpText, false, "fragment1")}
			want := []fuzzer.Event{whole}
			desc := "Send a text message in two fragments, " + c.words() + "."
			if withPing {
				frames = append(frames, fragFrame(fuzzer.OpPing, true, ping))
				want = []fuzzer.Event{fuzzer.Pong([]byte(ping)), whole}
				desc = "Send a text message in two fragments with a ping between them, " + c.words() + "."
			}
			frames = append(frames, fragFrame(fuzzer.OpContinuation, true, "fragment2"))
			out = append(out, fragEcho(id(), desc, c, want, frames...))
		}
	}

	// 5.9-5.14: a continuation frame that continues nothing, then a whole text message.
	for _, fin := range []bool{true, false} {
		for _, c := range []writeMode{together, frameWise, octetWise} {
			desc := fmt.Sprintf("Send a continuation frame (FIN=%v) with no message to continue, then a text message, %s.",
				fin, c.words())
			out = append(out, fragIllegal(id(), desc, c,
				fragFrame(fuzzer.OpContinuation, fin, "non-continuation payload"), fragFrame(fuzzer.OpText, true, "Hello, world!")))
		}
	}

	// 5.15: a good fragmented message, then a stray continuation. Echoing the good message first is
	// right; failing before it is only tolerated.
	out = append(out, &fuzzer.Case{ID: id(),
		Description: "Send a text message in two fragments, then a continuation frame (FIN=false) with nothing to " +
			"continue, then a text message, in one chop.",
		Expectation: "The testee echoes the first message, then fails the connection (1002); failing before the " +
			"echo is NON-STRICT.",
		Run: func(p *fuzzer.Peer) {
			p.Expect(fuzzer.OK, whole)
			p.Expect(fuzzer.NonStrict)
			p.ExpectFail(1002)
			send(p, together, fragFrame(fuzzer.OpText, false, "fragment1"), fragFrame(fuzzer.OpContinuation, true, "fragment2"),
				fragFrame(fuzzer.OpContinuation, false, "fragment3"), fragFrame(fuzzer.OpText, true, "fragment4"))
			p.KillAfter(time.Second)
		}})

	// 5.16-5.17: twice over, a stray continuation followed by a good two-fragment message.
	for _, fin := range []bool{false, true} {
		var frames []fuzzer.Frame
		for range 2 {
			frames = append(frames, fragFrame(fuzzer.OpContinuation, fin, "fragment1"),
				fragFrame(fuzzer.OpText, false, "fragment2"), fragFrame(fuzzer.OpContinuation, true, "fragment3"))
		}
		desc := fmt.Sprintf("Twice: a continuation frame (FIN=%v) with nothing to continue, then a text message in "+
			"two fragments.", fin)
		out = append(out, fragIllegal(id(), desc, together, frames...))
	}

	// 5.18: the second fragment carries the text opcode instead of continuation.
	out = append(out, fragIllegal(id(), "Send a text message in two fragments, both with the text opcode, in one chop.",
		together, fragFrame(fuzzer.OpText, false, "fragment1"), fragFrame(fuzzer.OpText, true, "fragment2")))

	// 5.19-5.20: pings inside a fragmented message that stays open for a second mid-way; the pongs
	// must come back in order, ahead of the echo.
	for _, c := range []writeMode{together, frameWise} {
		out = append(out, &fuzzer.Case{ID: id(),
			Description: "Send a text message in five fragments with a ping after the second and the fourth; wait " +
				"1 s after the first ping; " + c.words() + ".",
			Expectation: "The testee answers each ping, in order and with its exact payload, then echoes " +
				"the whole message; the fuzzer then closes normally.",
			Run: func(p *fuzzer.Peer) {
				frags := []string{"fragment1", "fragment2", "fragment3", "fragment4", "fragment5"}
				pings := []string{"pongme 1!", "pongme 2!"}
				p.Expect(fuzzer.OK, fuzzer.Pong([]byte(pings[0])), fuzzer.Pong([]byte(pings[1])),
					fuzzer.Text(strings.Join(frags, "")))
				p.ExpectCloseByMe()
				send(p, c, fragFrame(fuzzer.OpText, false, frags[0]), fragFrame(fuzzer.OpContinuation, false, frags[1]),
					fragFrame(fuzzer.OpPing, true, pings[0]))
				p.Sleep(time.Second)
				send(p, c, fragFrame(fuzzer.OpContinuation, false, frags[2]), fragFrame(fuzzer.OpContinuation, false, frags[3]),
					fragFrame(fuzzer.OpPing, true, pings[1]), fragFrame(fuzzer.OpContinuation, true, frags[4]))
			}})
	}
	return out
}
