package registry

import "github.com/sgcws/sgcws/core/props"

// Class describes one component of the manual. It is declared once, next to the component's code,
// and registered from that package's init.
type Class struct {
	Name   string // the manual's class name, e.g. "TsgcWSPServer_sgc"
	Kind   int32  // the ABI kind number (SGCWS_* in the generated constants), unique, >= 16
	Unit   string // the Pascal unit it lives in, e.g. "sgcWebSocket_Protocols"
	Parent string // the Pascal base class, e.g. "TsgcWSProtocol_Server_Base"
	Doc    string // one line: what it is

	// Builtin marks the engine's own components (kinds 1..15: client, servers, connection,
	// requests). Their events are the fixed SGCWS_EV_* kinds and their methods the typed calls of
	// sgcws.h; the registry describes their properties.
	Builtin bool

	// For the generated bindings. Groups names the Pascal (and C++) class of each nested property
	// group by its path prefix, e.g. "Options": "TsgcWSOptionsClient", "QoS": "TsgcWSQoS_Options";
	// a prefix without an entry gets a generated name. Refs marks Integer properties that hold
	// another component's handle by that component's class, e.g. "Server": "TsgcWebSocketServer":
	// the bindings type them as that class.
	Groups map[string]string
	Refs   map[string]string

	// New makes an instance. host is nil when the instance only serves to list properties (for
	// describe and the generator): New must then start nothing. Built-in classes have List instead.
	New  func(host Host) Instance
	List func() []props.Info

	Methods []*Method
	Events  []*Event

	methodIndex map[string]*Method
	eventIndex  map[string]*Event
}

// Method is one method of a class. Run receives the instance and the bound arguments, in the
// declared order, already converted to the declared types. Their Data may be the host's memory,
// lent for the call: Run copies what it keeps (Str copies).
type Method struct {
	Name     string
	Params   []Param
	Result   Type // None for a procedure
	Blocking bool // waits for the network: refused inside a callback, given a timeout
	Doc      string
	Run      func(inst Instance, args []Value) (Value, error)
}

// Event is one event of a class. ID is its event kind number in event records (unique within the
// class, >= 100 so it never meets the fixed SGCWS_EV_* kinds). Conn: the Pascal signature has the
// manual's "Connection: TsgcWSConnection" before Args. A Decision event has Var arguments the host
// may set while it handles the event; it is raised only when the host opts in through the
// Boolean property "Events.<Name>", so no network thread waits on a host that did not ask.
type Event struct {
	Name     string // "OnRPC"
	ID       int32
	Conn     bool
	Args     []Param
	Decision bool
	Doc      string
}

// Param is a method parameter or an event argument.
type Param struct {
	Name    string
	Type    Type
	Default any      // nil: required; else the value an omitted argument takes
	Var     bool     // event argument the host may change (Pascal "var")
	Ref     bool     // Pascal "var" in the manual's signature, though nothing is read back
	Const   bool     // Pascal "const" in the manual's signature
	Values  []string // Int arguments that are a Pascal enumeration: the value names
	Object  string   // a String argument that is a declared Object (see objects.go)
	List    bool     // ... a list of them
	Doc     string
}

// Host is what the engine gives an instance: its handle, its properties' owner and its events.
type Host interface {
	Handle() uint64
	// Emit raises a (non-decision) event with args in the declared order. It never blocks on
	// the host in neAsynchronous and neNoSync; in neSynchronous it waits as every event does.
	Emit(event *Event, conn uint64, args ...any)
	// Decide raises a decision event and returns the arguments as the host left them (the Var
	// ones possibly changed), or the given values when the host did not opt in or did not answer
	// within DecisionTimeout.
	Decide(event *Event, conn uint64, args ...any) []Value
	// Transport resolves a transport handle (a client or a server) for the attach model.
	Transport(h uint64) (Transport, error)
	// Report raises OnError on the component (a protocol error the host should see).
	Report(conn uint64, code int32, text string)
	// Multicast writes one text to many connections: encoded once, and written by each
	// connection's own writer, so a fan-out never makes one system call per recipient on the
	// caller's goroutine. Connections that are closing are skipped.
	Multicast(conns []Conn, text string)
}

// Instance is a live component of a registered class.
type Instance interface {
	Props() *props.Set
	// Close stops the instance (Destroy, Shutdown): it detaches from its transport and raises no
	// event afterwards.
	Close()
}

// Method finds a method by name, case-insensitively.
func (c *Class) Method(name string) *Method {
	if m := c.methodIndex[name]; m != nil {
		return m
	}
	return c.methodIndex[fold(name)]
}

// Event finds an event by name, case-insensitively.
func (c *Class) Event(name string) *Event {
	if e := c.eventIndex[name]; e != nil {
		return e
	}
	return c.eventIndex[fold(name)]
}

// EventByID finds an event by its kind number.
func (c *Class) EventByID(id int32) *Event {
	for _, e := range c.Events {
		if e.ID == id {
			return e
		}
	}
	return nil
}

// Arg finds an argument of an event by name, case-insensitively; -1 when there is none.
func (e *Event) Arg(name string) int {
	return paramIndex(e.Args, name)
}
