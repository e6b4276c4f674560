package cases

import (
	"bytes"
	"fmt"
	"time"

	"github.com/sgcws/sgcws/tests/conformance/fuzzer"
)

// Group 9: large messages sent whole (9.1, 9.2), in fragments (9.3, 9.4) and in small TCP writes
// (9.5, 9.6), then echo round trips (9.7, 9.8, in group9_roundtrips.go). Their duration is the
// interesting figure, so they report it; each echo is checked as it arrives instead of being kept in
// the event list, and each case gives the testee the time Autobahn's does.
//
// Package-level names in group 9's files start with g9: every group shares this package.
func limits() []*fuzzer.Case {
	return append(g9LargeMessages(), g9RoundTrips()...)
}

// Autobahn fills its single-frame payloads by repeating these patterns.
var (
	g9TextPattern   = []byte("BAsd7&jh23")
	g9BinaryPattern = []byte{0x00, 0xfe, 0x23, 0xfa, 0xf0}
)

// g9BigEcho is one case of 9.1-9.6: one message, echoed once.
type g9BigEcho struct {
	id      string
	binary  bool
	size    int
	pattern []byte // repeated to fill size
	frag    int    // > 0: sent as a fragmented message with fragments of this size
	chop    int    // > 0: sent as one frame written in chops of this many octets
	wait    int    // seconds Autobahn gives the testee
}

func g9LargeMessages() []*fuzzer.Case {
	sizes := []int{64 << 10, 256 << 10, 1 << 20, 4 << 20, 8 << 20, 16 << 20}
	textWaits := []int{10, 10, 100, 100, 100, 100}
	binaryWaits := []int{10, 10, 10, 10, 100, 100}
	frags := []int{64, 256, 1 << 10, 4 << 10, 16 << 10, 64 << 10, 256 << 10, 1 << 20, 4 << 20}
	chops := []int{64, 128, 256, 512, 1024, 2048}

	var all []g9BigEcho
	for i, n := range sizes { // 9.1: text in one frame
		all = append(all, g9BigEcho{id: fmt.Sprintf("9.1.%d", i+1), size: n, pattern: g9TextPattern, wait: textWaits[i]})
	}
	for i, n := range sizes { // 9.2: binary in one frame
		all = append(all, g9BigEcho{id: fmt.Sprintf("9.2.%d", i+1), binary: true, size: n, pattern: g9BinaryPattern, wait: binaryWaits[i]})
	}
	for i, f := range frags { // 9.3: 4 MiB text in fragments
		all = append(all, g9BigEcho{id: fmt.Sprintf("9.3.%d", i+1), size: 4 << 20, pattern: []byte("*"), frag: f, wait: 100})
	}
	for i, f := range frags { // 9.4: 4 MiB binary in fragments
		fill := []byte("*") // Autobahn's 9.4.2-9.4.9 fill with '*', only 9.4.1 with 0xfe
		if i == 0 {
			fill = []byte{0xfe}
		}
		all = append(all, g9BigEcho{id: fmt.Sprintf("9.4.%d", i+1), binary: true, size: 4 << 20, pattern: fill, frag: f, wait: 100})
	}
	for i, c := range chops { // 9.5: 1 MiB text frame in chops
		all = append(all, g9BigEcho{id: fmt.Sprintf("9.5.%d", i+1), size: 1 << 20, pattern: g9TextPattern, chop: c, wait: 1000})
	}
	for i, c := range chops { // 9.6: 1 MiB binary frame in chops
		all = append(all, g9BigEcho{id: fmt.Sprintf("9.6.%d", i+1), binary: true, size: 1 << 20, pattern: g9BinaryPattern, chop: c, wait: 1000})
	}

	out := make([]*fuzzer.Case, len(all))
	for i, b := range all {
		out[i] = b.toCase()
	}
	return out
}

func (b g9BigEcho) toCase() *fuzzer.Case {
	kind := g9Kind(b.binary)
	desc := fmt.Sprintf("Send a %s message of %s in one frame.", kind, g9SizeName(b.size))
	switch {
	case b.frag > 0:
		desc = fmt.Sprintf("Send a %s message of %s in fragments of %s.", kind, g9SizeName(b.size), g9SizeName(b.frag))
	case b.chop > 0:
		desc = fmt.Sprintf("Send a %s message of %s in one frame, written in chops of %d octets.", kind, g9SizeName(b.size), b.chop)
	}
	wait := time.Duration(b.wait) * time.Second
	return &fuzzer.Case{
		ID:          b.id,
		Description: desc,
		Expectation: fmt.Sprintf("The same %s message comes back within %d s; the fuzzer then closes normally.", kind, b.wait),
		Timeout:     g9Timeout(wait),
		ReportTime:  true,
		Run: func(p *fuzzer.Peer) {
			// Built here, not when the catalogue is, so that listing or running other cases stays cheap.
			payload := g9Fill(b.pattern, b.size)
			g9Echoes(p, 1, wait, payload, b.binary, func() {
				if b.frag > 0 {
					p.SendMessage(payload, b.binary, b.frag)
					return
				}
				// Autobahn yields to its reactor for 10 µs between chops.
				p.SendFrame(fuzzer.Frame{Opcode: g9Opcode(b.binary), Payload: payload, Fin: true,
					Chop: b.chop, ChopDelay: 10 * time.Microsecond})
			})
		},
	}
}

// echoes sends count messages, each once the previous one has come back, and checks every echo
// (type, length and, more strictly than Autobahn, content). Like Autobahn's closeAfter, the fuzzer
// closes without a code when the testee has not finished within wait, and the case FAILS.
func g9Echoes(p *fuzzer.Peer, count int, wait time.Duration, want []byte, binary bool, send func()) {
	p.ExpectCloseByMe()
	p.SetResult(fuzzer.Failed, fmt.Sprintf("The testee had not echoed all %d message(s) after %v.", count, wait))
	got := make(chan fuzzer.Event, count)
	p.OnMessage(func(ev fuzzer.Event) {
		select {
		case got <- ev:
		default: // more messages than sent: the ones that count are already queued
		}
	})
	deadline := time.NewTimer(wait)
	defer deadline.Stop()
	for i := range count {
		send()
		select {
		case ev := <-got:
			if problem := g9EchoProblem(ev, want, binary); problem != "" {
				p.SetResult(fuzzer.Failed, fmt.Sprintf("Echo %d of %d: %s", i+1, count, problem))
				p.SendClose(1000, "")
				return
			}
		case <-deadline.C:
			p.SendClose(0, "")
			return
		case <-p.Done():
			return
		}
	}
	took := p.Elapsed().Round(time.Millisecond)
	if count == 1 {
		p.SetResult(fuzzer.OK, fmt.Sprintf("The %s message of %d bytes came back as sent, in %v.", g9Kind(binary), len(want), took))
	} else {
		p.SetResult(fuzzer.OK, fmt.Sprintf("All %d %s echoes of %d bytes came back as sent, in %v.", count, g9Kind(binary), len(want), took))
	}
	p.SendClose(1000, "")
}

func g9EchoProblem(ev fuzzer.Event, want []byte, binary bool) string {
	switch {
	case ev.Binary != binary:
		return fmt.Sprintf("expected a %s message, got %s.", g9Kind(binary), g9Kind(ev.Binary))
	case len(ev.Payload) != len(want):
		return fmt.Sprintf("expected a payload of %d bytes, got %d.", len(want), len(ev.Payload))
	case !bytes.Equal(ev.Payload, want):
		return fmt.Sprintf("payload differs from what was sent (first at byte %d).", g9FirstDiff(ev.Payload, want))
	}
	return ""
}

// g9Timeout leaves room after Autobahn's wait for the closing handshake and the server's TCP close.
func g9Timeout(wait time.Duration) time.Duration { return wait + 15*time.Second }

func g9Fill(pattern []byte, n int) []byte {
	return bytes.Repeat(pattern, n/len(pattern)+1)[:n]
}

func g9FirstDiff(a, b []byte) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

func g9Kind(binary bool) string {
	if binary {
		return "binary"
	}
	return "text"
}

func g9Opcode(binary bool) int {
	if binary {
		return fuzzer.OpBinary
	}
	return fuzzer.OpText
}

// g9SizeName renders 65536 as "64 KiB" and 64 as "64 octets".
func g9SizeName(n int) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d octets", n)
}
