package registry

// The attach model (the manual's "Protocol.Server := WSServer" / "Protocol.Client := WSClient"):
// a protocol component attaches to a transport under its sub-protocol name, and the transport
// hands it the connections that negotiated that name. One connection uses exactly one protocol;
// a server may carry several. The transport's own OnConnect/OnDisconnect still fire for those
// connections (its connection list stays whole); their messages go to the protocol only.

// Transport is a TsgcWebSocketClient, TsgcWebSocketServer or TsgcWebSocketHTTPServer as a
// protocol sees it.
type Transport interface {
	Handle() uint64
	IsServer() bool
	// Attach routes the connections that negotiate the sub-protocol name to p: a server accepts
	// the name in its handshake, a client requests it. It fails when another protocol already
	// holds the name on this transport. After detach returns, p is called no more.
	Attach(name string, p Protocol) (detach func(), err error)
}

// Protocol receives the connections of its sub-protocol, each connection's calls in order and
// from that connection's own goroutine (as the engine's events are). Connected runs just before
// the protocol component's OnConnect is raised and Disconnected just before its OnDisconnect, so
// Connected may set up and write but should raise no event of its own.
type Protocol interface {
	Connected(c Conn)
	Message(c Conn, text string)
	Binary(c Conn, data []byte)
	Disconnected(c Conn, code int)
}

// Conn is one connection as a protocol sees it. Writes never block.
type Conn interface {
	Handle() uint64
	Guid() string
	WriteText(text string) error
	WriteBinary(data []byte) error
	Close(code int) error
	Credentials() (user, password string) // from the transport's authentication; "" if none
}
