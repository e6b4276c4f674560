package sgc

// Conn is one transport connection as the server-side protocol sees it.
type Conn interface {
	Guid() string                         // the connection's Guid (opaque string)
	WriteText(text string) error          // queues a text frame; never blocks
	Credentials() (user, password string) // from the transport's authentication, "" if none
}

// ServerEvents are the events of TsgcWSPServer_sgc. A nil field is not
// handled and the documented default applies. A Pascal "var" argument is a
// result here, in the Pascal order. Handlers run on the goroutine that
// called into the Server, never under an internal lock, and may call back
// into the Server.
type ServerEvents struct {
	// OnRPCAuthentication decides an RPC that no RPCAuthentication.Methods
	// entry allows. nil: not authenticated (-32601).
	OnRPCAuthentication func(c Conn, method, user, password string) (authenticated bool)
	// OnRPC receives a request; answer with RPCResult or RPCError.
	// nil: the server answers -32601.
	OnRPC func(c Conn, id, method, params string)
	// OnNotification receives a request without id.
	OnNotification func(c Conn, method, params string)
	// OnBeforeSubscription may deny a client's subscription. nil: accept.
	OnBeforeSubscription func(c Conn, subscription string) (accept bool)
	OnSubscription       func(c Conn, subscription string)
	// OnUnSubscription also fires for each subscription a disconnect drops.
	OnUnSubscription func(c Conn, subscription string)
	// OnRawMessage sees every inbound text first; handled=true stops the
	// protocol from processing it.
	OnRawMessage func(c Conn, text string) (handled bool)
	// OnBeforePublish may rewrite or deny a client's publish. nil: accept as is.
	OnBeforePublish func(c Conn, channel, text string) (newText string, accept bool)
	// OnAcknowledgment fires when the client acknowledges a server message.
	OnAcknowledgment func(c Conn, id string)
	// OnMessage receives sgc@message (the JS send(), the client's WriteData).
	OnMessage func(c Conn, text string)
}

// ClientEvents are the events of TsgcWSPClient_sgc; conventions as for
// ServerEvents. The client has one connection, so no Conn is passed.
type ClientEvents struct {
	OnEvent          func(channel, text string)
	OnRPCResult      func(id, result string)
	OnRPCError       func(id string, errorCode int, errorMessage, errorData string)
	OnAcknowledgment func(id string)
	OnRawMessage     func(text string) (handled bool)
	OnSession        func(guid string)
	OnSubscription   func(subscription string)
	OnUnSubscription func(subscription string)
	// OnMessage receives broadcasts and the server's WriteData.
	OnMessage func(text string)
}
