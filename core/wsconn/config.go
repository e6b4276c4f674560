package wsconn

import (
	"errors"
	"time"

	"github.com/sgcws/sgcws/core/deflate"
	"github.com/sgcws/sgcws/core/wsproto"
)

// Role says which side of the connection we are; it decides masking.
type Role int

// Roles.
const (
	RoleClient Role = iota
	RoleServer
)

// FragmentMode selects how received messages are reported.
type FragmentMode int

// Fragment modes (the manual's Options.FragmentedMessages).
const (
	FrgOnlyBuffer     FragmentMode = iota // whole messages via OnMessage/OnBinary
	FrgOnlyFragmented                     // only OnFragmented, per frame; nothing is buffered
	FrgAll                                // both
)

// Config configures one connection.
type Config struct {
	Role            Role
	Fragments       FragmentMode
	ValidateUTF8    bool  // also validate text messages (close 1007); close reasons are always validated
	MaxMessageSize  int64 // 0 = unlimited; exceeding → close 1009 and OnError
	WriteQueueLimit int64 // bytes; 0 = unlimited; exceeding → ErrQueueFull (a message always fits an empty queue)
	Deflate         *deflate.Params
	DeflateLevel    int
	CloseTimeout    time.Duration // default 5s when 0
}

const defaultCloseTimeout = 5 * time.Second

// maxClientLinger bounds how long a client waits for the server to drop
// TCP after the close handshake: the data is all in, only politeness is
// at stake.
const maxClientLinger = time.Second

func (c *Config) closeTimeout() time.Duration {
	if c.CloseTimeout > 0 {
		return c.CloseTimeout
	}
	return defaultCloseTimeout
}

// Handler receives the events of a connection, from its reader goroutine.
type Handler interface {
	OnMessage(c *Conn, text []byte)
	OnBinary(c *Conn, data []byte)
	OnFragmented(c *Conn, data []byte, op wsproto.Opcode, offset int64, final bool)
	OnPing(c *Conn, payload []byte)
	OnPong(c *Conn, payload []byte)
	OnError(c *Conn, err error)
	OnClose(c *Conn, code int, reason string)
}

// Errors returned by the write methods.
var (
	ErrClosed          = errors.New("wsconn: connection closing or closed")
	ErrQueueFull       = errors.New("wsconn: write queue limit exceeded")
	ErrInvalidCode     = errors.New("wsconn: close code not allowed on the wire")
	ErrControlTooLarge = errors.New("wsconn: control payload longer than 125 bytes")
)
