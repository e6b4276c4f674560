package fuzzer

import (
	"bytes"
	"fmt"
	"time"
)

// Result is an Autobahn result class.
type Result string

const (
	OK             Result = "OK"
	NonStrict      Result = "NON-STRICT"
	Informational  Result = "INFORMATIONAL"
	Unimplemented  Result = "UNIMPLEMENTED"
	Failed         Result = "FAILED"
	WrongCode      Result = "WRONG CODE"       // close classes only
	Unclean        Result = "UNCLEAN"          // close classes only
	FailedByClient Result = "FAILED BY CLIENT" // close classes only
)

// Classes lists the summary classes in report order.
var Classes = []Result{OK, NonStrict, Informational, Unimplemented, Failed}

// Case is one entry of the catalogue.
type Case struct {
	ID          string // "1.1.1"
	Description string
	Expectation string
	// Run sends the case's frames and states its expectations; it runs on its own goroutine once the
	// opening handshake is done and may sleep. The case ends when the TCP connection does.
	Run func(p *Peer)
	// Timeout bounds the whole case; when it passes the fuzzer drops the connection. 0 = 10 s.
	Timeout time.Duration
	// Deflate, when set, makes the fuzzer negotiate permessage-deflate (groups 12 and 13).
	Deflate *DeflateSettings
	// ReportTime marks cases whose duration is the interesting figure (group 9).
	ReportTime bool
}

// DeflateSettings describes a case's permessage-deflate negotiation.
//
// As the fuzzing client, the fuzzer offers each entry of Offers in order (one extension offer each);
// as the fuzzing server, it accepts the client's first offer and adds Accept's requests to its answer.
type DeflateSettings struct {
	Offers []DeflateParams
	Accept DeflateParams
}

// DeflateParams are the parameters one side asks of the other (RFC 7692 section 7.1).
type DeflateParams struct {
	// NoContextTakeover asks the peer not to keep its compression context between messages.
	NoContextTakeover bool
	// MaxWindowBits asks the peer to compress with at most this LZ77 window; 0 = not asked.
	MaxWindowBits int
}

// Event is something the testee sent: a message, a ping or a pong.
type Event struct {
	Kind    string // "message", "ping", "pong"
	Payload []byte
	Binary  bool
}

// Message, Ping and Pong build expected events.
func Message(payload []byte, binary bool) Event {
	return Event{Kind: "message", Payload: payload, Binary: binary}
}
func Text(s string) Event       { return Message([]byte(s), false) }
func Ping(payload []byte) Event { return Event{Kind: "ping", Payload: payload} }
func Pong(payload []byte) Event { return Event{Kind: "pong", Payload: payload} }

func (e Event) equal(o Event) bool {
	return e.Kind == o.Kind && e.Binary == o.Binary && bytes.Equal(e.Payload, o.Payload)
}

func (e Event) String() string {
	if e.Kind == "message" {
		return fmt.Sprintf("message(%d bytes, binary=%v)", len(e.Payload), e.Binary)
	}
	return fmt.Sprintf("%s(%d bytes)", e.Kind, len(e.Payload))
}

// outcome is one acceptable sequence of events and the class it earns.
type outcome struct {
	class  Result
	events []Event
}

// CloseExpectation states how the connection should end.
type CloseExpectation struct {
	ClosedByMe   bool  // the fuzzer starts the closing handshake (after the expected events)
	RequireClean bool  // the closing handshake must complete before TCP closes
	Codes        []int // acceptable close codes from the testee (an empty close is always accepted)
}

func matches(got, want []Event) bool {
	if len(got) != len(want) {
		return false
	}
	for i := range got {
		if !got[i].equal(want[i]) {
			return false
		}
	}
	return true
}
