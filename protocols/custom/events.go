package custom

import "github.com/sgcws/sgcws/core/registry"

// The events both classes raise besides the engine's OnConnect/OnDisconnect.
var (
	evMessage = &registry.Event{Name: "OnMessage", ID: 100, Conn: true, Doc: "a text message of this protocol",
		Args: []registry.Param{{Name: "Text", Type: registry.String, Const: true}}}
	evBinary = &registry.Event{Name: "OnBinary", ID: 101, Conn: true, Doc: "a binary message of this protocol",
		Args: []registry.Param{{Name: "Data", Type: registry.Bytes, Const: true}}}
)

// relay is the registry.Protocol half both classes share: every message becomes an event.
type relay struct {
	host  registry.Host
	track func(c registry.Conn)
	drop  func(c registry.Conn)
}

func (r *relay) Connected(c registry.Conn)            { r.track(c) }
func (r *relay) Disconnected(c registry.Conn, _ int)  { r.drop(c) }
func (r *relay) Message(c registry.Conn, text string) { r.host.Emit(evMessage, c.Handle(), text) }
func (r *relay) Binary(c registry.Conn, data []byte)  { r.host.Emit(evBinary, c.Handle(), data) }
