package engine

import (
	"errors"
	"time"

	"github.com/sgcws/sgcws/core/deflate"
	"github.com/sgcws/sgcws/core/events"
	"github.com/sgcws/sgcws/core/wsconn"
	"github.com/sgcws/sgcws/core/wsproto"
)

// conn implements wsconn.Handler. Every method runs on the connection's reader goroutine, and the
// data passed in is only valid during the call: events get copies.

func (c *conn) OnMessage(_ *wsconn.Conn, data []byte) {
	if c.routed(data, false) {
		return
	}
	c.emit(&events.Event{Kind: events.EvMessage, Data: clone(data)})
}

func (c *conn) OnBinary(_ *wsconn.Conn, data []byte) {
	if c.routed(data, true) {
		return
	}
	c.emit(&events.Event{Kind: events.EvBinary, Data: clone(data)})
}

func (c *conn) OnFragmented(_ *wsconn.Conn, data []byte, op wsproto.Opcode, offset int64, final bool) {
	flags := uint32(0)
	if op == wsproto.OpBinary {
		flags |= events.FlagBinary
	}
	if final {
		flags |= events.FlagFinal
	}
	c.emit(&events.Event{Kind: events.EvFragmented, Data: clone(data), Flags: flags, Offset: offset})
}

func (c *conn) OnPing(_ *wsconn.Conn, _ []byte) {}

func (c *conn) OnPong(_ *wsconn.Conn, _ []byte) { c.lastPong.Store(time.Now().UnixNano()) }

// OnError reports a protocol violation; Code is the close code sent for it (1002, 1007, 1009).
func (c *conn) OnError(_ *wsconn.Conn, err error) {
	code := int32(EInternal)
	var pe *wsproto.ProtocolError
	if errors.As(err, &pe) {
		code = int32(pe.Code)
	}
	c.emit(&events.Event{Kind: events.EvError, Data: []byte(err.Error()), Code: code})
}

// OnClose is last: the connection leaves its server's list, then OnDisconnect is raised.
func (c *conn) OnClose(_ *wsconn.Conn, code int, _ string) {
	c.connected.Store(false)
	c.end()
	if c.ss != nil {
		c.ss.remove(c)
	}
	if c.cli != nil {
		c.cli.connEnded(c)
	}
	if d := c.dropCode.Load(); d != 0 {
		code = int(d)
	}
	if code == 0 {
		code = 1006
	}
	if c.att != nil {
		c.att.disconnected(c, code)
	}
	c.gone.Store(true)
	c.emit(&events.Event{Kind: events.EvDisconnect, Code: int32(code)})
}

func clone(b []byte) []byte {
	if len(b) == 0 {
		return nil
	}
	return append([]byte(nil), b...)
}

// wsConfig builds a connection's configuration from the component's Options.
func (b *component) wsConfig(role wsconn.Role, params *deflate.Params, level int) wsconn.Config {
	return wsconn.Config{
		Role:            role,
		Fragments:       wsconn.FragmentMode(b.getInt("Options.FragmentedMessages")),
		ValidateUTF8:    b.getBool("Options.ValidateUTF8"),
		MaxMessageSize:  b.getInt("Options.MaxMessageSize"),
		WriteQueueLimit: b.getInt("Options.WriteQueueLimit"),
		Deflate:         params,
		DeflateLevel:    level,
		CloseTimeout:    5 * time.Second,
	}
}
