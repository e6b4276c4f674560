package engine

import (
	"errors"
	"strings"
	"unicode/utf8"

	"github.com/sgcws/sgcws/core/wsconn"
	"github.com/sgcws/sgcws/core/wsproto"
)

// sendError maps wsconn's write errors to status codes.
func sendError(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, wsconn.ErrClosed):
		return Errorf(EClosed, "connection closed")
	case errors.Is(err, wsconn.ErrQueueFull):
		return Errorf(EQueueFull, "write queue full")
	}
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return Errorf(EClosed, "write: %v", err)
}

func checkType(typ int32, data []byte) error {
	switch typ {
	case TypeText:
		if !utf8.Valid(data) {
			return Errorf(EArg, "text message is not valid UTF-8")
		}
	case TypeBinary:
	default:
		return Errorf(EArg, "message type %d is neither text (1) nor binary (2)", typ)
	}
	return nil
}

// liveWS returns the connection's wsconn or EClosed/EState.
func (c *conn) liveWS() (*wsconn.Conn, error) {
	ws := c.w()
	if ws == nil {
		return nil, Errorf(EState, "connection is not open yet")
	}
	return ws, nil
}

// liveConnOf resolves a client or connection handle to its open WebSocket.
func liveConnOf(h uint64) (*conn, *wsconn.Conn, error) {
	c, err := connOf(h)
	if err != nil {
		return nil, nil, err
	}
	ws, err := c.liveWS()
	return c, ws, err
}

func (c *conn) write(typ int32, data []byte, fragmentSize int) error {
	ws, err := c.liveWS()
	if err != nil {
		return err
	}
	if typ == TypeText {
		return sendError(ws.WriteText(data, fragmentSize))
	}
	return sendError(ws.WriteBinary(data, fragmentSize))
}

func write(h uint64, typ int32, data []byte, fragmentSize int) error {
	if err := checkType(typ, data); err != nil {
		return err
	}
	if fragmentSize < 0 {
		return Errorf(EArg, "negative fragment size")
	}
	c, err := connOf(h)
	if err != nil {
		return err
	}
	return c.write(typ, data, fragmentSize)
}

func writeTo(h uint64, guid string, typ int32, data []byte) error {
	if err := checkType(typ, data); err != nil {
		return err
	}
	s, err := lookupServer(h)
	if err != nil {
		return err
	}
	c := s.find(guid)
	if c == nil {
		return Errorf(EArg, "no connection with Guid %q", guid)
	}
	return c.write(typ, data, 0)
}

// broadcast encodes the frame once (a PreparedMessage) and queues it on every recipient; a
// recipient that is closing or over its queue limit is skipped, as in the manual.
func broadcast(h uint64, typ int32, data []byte, channel, protocol, exclude, include string) error {
	if err := checkType(typ, data); err != nil {
		return err
	}
	s, err := lookupServer(h)
	if err != nil {
		return err
	}
	var targets []*conn
	if channel != "" {
		targets = s.members(channel)
	} else {
		targets = s.snapshot()
	}
	ex, in := guidSet(exclude), guidSet(include)
	op := wsproto.OpText
	if typ == TypeBinary {
		op = wsproto.OpBinary
	}
	pm := wsconn.NewPreparedMessage(op, data)
	for _, c := range targets {
		if ex[c.guid] || (in != nil && !in[c.guid]) {
			continue
		}
		if protocol != "" {
			if p, _ := c.negotiated(); p != protocol {
				continue
			}
		}
		if ws := c.w(); ws != nil {
			_ = ws.WritePrepared(pm)
		}
	}
	return nil
}

func guidSet(list string) map[string]bool {
	if strings.TrimSpace(list) == "" {
		return nil
	}
	m := map[string]bool{}
	for _, g := range strings.Split(list, ",") {
		if g = strings.TrimSpace(g); g != "" {
			m[g] = true
		}
	}
	return m
}

func ping(h uint64, data []byte) error {
	if len(data) > 125 {
		return Errorf(EArg, "ping payload over 125 bytes")
	}
	if s, err := lookupServer(h); err == nil {
		for _, c := range s.snapshot() {
			if ws := c.w(); ws != nil {
				_ = ws.Ping(data)
			}
		}
		return nil
	}
	_, ws, err := liveConnOf(h)
	if err != nil {
		return err
	}
	return sendError(ws.Ping(data))
}

func closeConn(h uint64, code int32) error {
	_, ws, err := liveConnOf(h)
	if err != nil {
		return err
	}
	return sendError(ws.Close(int(code), ""))
}

// drop ends the connection now; OnDisconnect reports code.
func drop(h uint64, code int32) error {
	c, ws, err := liveConnOf(h)
	if err != nil {
		return err
	}
	c.dropCode.CompareAndSwap(0, code)
	ws.Disconnect()
	return nil
}

func connections(h uint64) ([]uint64, error) {
	s, err := lookupServer(h)
	if err != nil {
		return nil, err
	}
	cs := s.snapshot()
	out := make([]uint64, 0, len(cs))
	for _, c := range cs {
		out = append(out, c.h)
	}
	return out, nil
}

func findConnection(h uint64, guid string) (uint64, error) {
	s, err := lookupServer(h)
	if err != nil {
		return 0, err
	}
	if c := s.find(guid); c != nil {
		return c.h, nil
	}
	return 0, Errorf(EArg, "no connection with Guid %q", guid)
}

func setData(h uint64, data uintptr) error {
	c, err := lookupConn(h)
	if err != nil {
		return err
	}
	c.data.Store(data)
	return nil
}

func getData(h uint64) (uintptr, error) {
	c, err := lookupConn(h)
	if err != nil {
		return 0, err
	}
	return c.data.Load(), nil
}
