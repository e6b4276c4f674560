package events

// Kind identifies an event. The values are part of the C ABI: never renumber.
type Kind int32

// Event kinds.
const (
	EvConnect         Kind = 1
	EvDisconnect      Kind = 2
	EvMessage         Kind = 3
	EvBinary          Kind = 4
	EvFragmented      Kind = 5
	EvError           Kind = 6
	EvException       Kind = 7
	EvHandshake       Kind = 8
	EvAuthentication  Kind = 9
	EvHTTPRequest     Kind = 10
	EvStartup         Kind = 11
	EvShutdown        Kind = 12
	EvUnknownProtocol Kind = 13
)

var kindNames = [...]string{
	EvConnect: "Connect", EvDisconnect: "Disconnect", EvMessage: "Message",
	EvBinary: "Binary", EvFragmented: "Fragmented", EvError: "Error",
	EvException: "Exception", EvHandshake: "Handshake",
	EvAuthentication: "Authentication", EvHTTPRequest: "HTTPRequest",
	EvStartup: "Startup", EvShutdown: "Shutdown",
	EvUnknownProtocol: "UnknownProtocol",
}

// String returns the event name as used in the manual without the "On"
// prefix, e.g. "Message".
func (k Kind) String() string {
	if k > 0 && int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "Kind(" + itoa(int64(k)) + ")"
}

// Event flags.
const (
	FlagFinal  uint32 = 1 // last fragment of a message
	FlagBinary uint32 = 2 // the message's opcode is binary
)

// Event is the one record used for every kind of event.
type Event struct {
	Kind       Kind
	Component  uint64  // handle of the emitting component
	Connection uint64  // handle of the connection, 0 for component-level events
	Reply      uint64  // non-zero for decision events: handle the host answers through
	Args       uint64  // registered events: the handle of their typed arguments (may equal Reply)
	Data       []byte  // payload, fragment or error text; owned by the event
	Code       int32   // close code (EvDisconnect) or error code
	Flags      uint32  // FlagFinal, FlagBinary
	Offset     int64   // EvFragmented: bytes of the message before this fragment
	UserData   uintptr // the connection's host-owned Data slot at emission time
	Seq        uint64  // per-dispatcher sequence number, set by Emit

	// Set for events whose emitter waits (Synchronous, Decide); guarded by
	// the dispatcher's mutex until closed. handled is written before done is
	// closed, so the waiter may read it after receiving from done.
	done    chan struct{}
	handled bool
}

// Clone returns a copy of ev with its own Data, for emitters that reuse
// buffers.
func (ev *Event) Clone() *Event {
	c := &Event{
		Kind: ev.Kind, Component: ev.Component, Connection: ev.Connection,
		Reply: ev.Reply, Args: ev.Args, Code: ev.Code, Flags: ev.Flags, Offset: ev.Offset,
		UserData: ev.UserData, Seq: ev.Seq,
	}
	if ev.Data != nil {
		c.Data = append([]byte(nil), ev.Data...)
	}
	return c
}

func itoa(v int64) string {
	var b [20]byte
	i := len(b)
	neg := v < 0
	u := uint64(v)
	if neg {
		u = -u
	}
	for {
		i--
		b[i] = byte('0' + u%10)
		u /= 10
		if u == 0 {
			break
		}
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}
