package engine

import (
	"strings"
	"sync"
	"sync/atomic"
	"unsafe"

	"github.com/sgcws/sgcws/core/events"
	"github.com/sgcws/sgcws/core/registry"
)

// The attach model (registry.Transport): a protocol component attaches to a client or server under
// its sub-protocol name. A connection that negotiates the name is that protocol's: the transport
// still raises OnConnect and OnDisconnect for it, the protocol component raises its own OnConnect
// and OnDisconnect around the protocol's calls, and the messages go to the protocol only.
//
// A connection handle then lives until every component that raised its OnConnect has handled its
// OnDisconnect: the connection counts those references (conn.refs).

// attachment is one protocol attached to a transport.
type attachment struct {
	name   string
	p      registry.Protocol
	owner  *registered
	closed atomic.Bool
}

// attachments is the list a transport component keeps.
type attachments struct {
	mu   sync.RWMutex
	list []*attachment
}

func (as *attachments) find(name string) *attachment {
	as.mu.RLock()
	defer as.mu.RUnlock()
	for _, a := range as.list {
		if strings.EqualFold(a.name, name) {
			return a
		}
	}
	return nil
}

// only is the single attached protocol, or nil when there are none or several.
func (as *attachments) only() *attachment {
	as.mu.RLock()
	defer as.mu.RUnlock()
	if len(as.list) == 1 {
		return as.list[0]
	}
	return nil
}

func (as *attachments) names() []string {
	as.mu.RLock()
	defer as.mu.RUnlock()
	out := make([]string, len(as.list))
	for i, a := range as.list {
		out[i] = a.name
	}
	return out
}

// transport is a client or server as the protocol component owner sees it.
type transport struct {
	b      *component
	owner  *registered
	server bool
}

func (t *transport) Handle() uint64 { return t.b.h }
func (t *transport) IsServer() bool { return t.server }

func (t *transport) Attach(name string, p registry.Protocol) (func(), error) {
	if name == "" || strings.ContainsAny(name, ", \t\r\n") {
		return nil, Errorf(EValue, "sub-protocol name %q is empty or not a token", name)
	}
	as := &t.b.attached
	as.mu.Lock()
	defer as.mu.Unlock()
	for _, a := range as.list {
		if strings.EqualFold(a.name, name) {
			return nil, Errorf(EState, "sub-protocol %q is already attached to this transport", name)
		}
	}
	a := &attachment{name: name, p: p, owner: t.owner}
	as.list = append(as.list, a)
	return func() { t.b.detachProtocol(a) }, nil
}

func (b *component) detachProtocol(a *attachment) {
	a.closed.Store(true)
	as := &b.attached
	as.mu.Lock()
	defer as.mu.Unlock()
	for i, x := range as.list {
		if x == a {
			as.list = append(as.list[:i], as.list[i+1:]...)
			return
		}
	}
}

// connected runs on the connection's goroutine after the transport's OnConnect.
func (a *attachment) connected(c *conn) {
	if a.closed.Load() {
		return
	}
	c.refs.Add(1)
	a.owner.own(c.h)
	// The protocol knows the connection before its OnConnect runs, so a handler that writes from
	// OnConnect (neSynchronous holds this goroutine until it returns) finds it open.
	a.p.Connected(connView{c})
	a.owner.emit(&events.Event{Kind: events.EvConnect, Connection: c.h, UserData: c.data.Load()})
}

// disconnected runs on the connection's goroutine before the transport's OnDisconnect.
func (a *attachment) disconnected(c *conn, code int) {
	if a.closed.Load() {
		a.owner.expireNow([]uint64{c.h}) // its reference, if the owner still holds it
		return
	}
	a.p.Disconnected(connView{c}, code)
	a.owner.emit(&events.Event{Kind: events.EvDisconnect, Connection: c.h, Code: int32(code), UserData: c.data.Load()})
}

// routed reports whether a message of c belongs to its protocol (and hands it over).
func (c *conn) routed(data []byte, binary bool) bool {
	a := c.att
	if a == nil || a.closed.Load() {
		return false
	}
	if binary {
		a.p.Binary(connView{c}, data)
	} else {
		a.p.Message(connView{c}, string(data))
	}
	return true
}

// stringBytes lends a string's bytes to a send without a copy: sends copy what they keep before
// they return (api.go), and never write to it.
func stringBytes(s string) []byte { return unsafe.Slice(unsafe.StringData(s), len(s)) }

// connView is a connection as a protocol sees it (registry.Conn).
type connView struct{ c *conn }

func (v connView) Handle() uint64                { return v.c.h }
func (v connView) Guid() string                  { return v.c.guid }
func (v connView) WriteText(text string) error   { return v.c.write(TypeText, stringBytes(text), 0) }
func (v connView) WriteBinary(data []byte) error { return v.c.write(TypeBinary, data, 0) }
func (v connView) Credentials() (string, string) { return v.c.authUser, v.c.authPass }

func (v connView) Close(code int) error {
	ws, err := v.c.liveWS()
	if err != nil {
		return err
	}
	return sendError(ws.Close(code, ""))
}
