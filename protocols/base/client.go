package base

import (
	"sync"

	"github.com/sgcws/sgcws/core/props"
	"github.com/sgcws/sgcws/core/registry"
)

// ClientRefs is the Refs entry of every client-side protocol class.
var ClientRefs = map[string]string{"Client": "TsgcWebSocketClient"}

// Client is the shared part of a client-side protocol component: the "Client" property and the
// one connection of its transport.
type Client struct {
	at attacher

	mu   sync.RWMutex
	conn registry.Conn
}

// Init prepares c for host (nil when listing), as Server.Init.
func (c *Client) Init(host registry.Host, proto registry.Protocol, name func() string) {
	c.at = attacher{host: host, proto: proto, name: name}
}

// Register adds the "Client" property.
func (c *Client) Register(ps *props.Set) {
	c.at.register(ps, "Client", "the TsgcWebSocketClient (handle) this protocol is attached to; 0 = none", false)
}

// Close detaches from the transport.
func (c *Client) Close() { c.at.close() }

// Track and Untrack record the transport's current connection.
func (c *Client) Track(conn registry.Conn) {
	c.mu.Lock()
	c.conn = conn
	c.mu.Unlock()
}

func (c *Client) Untrack(conn registry.Conn) {
	c.mu.Lock()
	if c.conn == conn {
		c.conn = nil
	}
	c.mu.Unlock()
}

// Conn is the open connection, or an error when there is none.
func (c *Client) Conn() (registry.Conn, error) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	if c.conn == nil {
		return nil, registry.Errorf(registry.ErrState, "not connected")
	}
	return c.conn, nil
}

// Send writes text on the open connection.
func (c *Client) Send(text string) error {
	conn, err := c.Conn()
	if err != nil {
		return err
	}
	return conn.WriteText(text)
}
