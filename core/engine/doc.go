// Package engine implements the sgcws components behind the C ABI: TsgcWebSocketClient,
// TsgcWebSocketServer, TsgcWebSocketHTTPServer, TsgcWSConnection and the decision/request objects.
//
// api.go is the Go mirror of include/sgcws.h; every function there delegates to an unexported one
// implemented in the files beside it, one concept per file.
//
// Threading contract:
//
//   - Every ABI function may be called from any goroutine/thread at any time; all state is guarded.
//   - Every event of one connection is raised from that connection's own goroutine: OnConnect right
//     before its reader loop starts, messages/errors from the reader, OnDisconnect last from the
//     reader's close handler. So per-connection order holds in every NotifyEvents mode.
//   - Component events (OnStartup, OnShutdown, client connect failures) come from the component's
//     own goroutines.
//   - Events carry copies of their payloads; the host never sees wsconn buffers.
//
// Lifetime contract:
//
//   - A connection handle stays valid until its OnDisconnect event has been handled: in neNoSync
//     when the callback returns, in the queued modes when the batch holding it is released (the next
//     Poll or Release). A request handle (decision events) expires when its event is handled or the
//     decision timed out. Afterwards the handles are stale (EHandle), never reused.
//   - Destroy and Detach are final for events; Destroy also stops the component and releases every
//     handle it owns. From inside the component's own callback they do not wait for that callback.
//   - Shutdown destroys every component, waits (bounded) for every goroutine the engine started and
//     makes every later call fail with EShutdown except Shutdown and Stats.
//
// Blocking calls (Connect, DisconnectWait, Shutdown) fail with EInCallback when capi reports that
// they were called from inside a callback, instead of deadlocking the thread that must deliver the
// event they wait for.
//
// Behaviour worth knowing (decisions and sgcws extensions to the manual):
//
//   - Decision events are raised only when the host opts in with the Boolean properties
//     "Events.OnHandshake", "Events.OnAuthentication", "Events.OnUnknownProtocol" (servers; the
//     client has "Events.OnHandshake") and "Events.OnCommandGet"/"Events.OnCommandOther" (HTTP
//     server). Unanswered within DecisionTimeout: handshake unchanged, authentication refused,
//     unknown protocol refused, HTTP 503. In neNoSync without a callback the default applies too.
//   - Client: ConnectTimeout 0 means 10000 ms; "Options.Headers" ("Name: value" lines) adds
//     handshake request headers. Connect and connect failures raise their events from a library
//     goroutine, so a host blocked in Connect never deadlocks its own queue.
//   - Servers: "ListenAddresses" lists the actual ip:port of each listener (Bindings may use port
//     0). A server without "Protocols" accepts any offered sub-protocol without selecting one. The
//     plain TsgcWebSocketServer answers non-upgrade HTTP requests with 400 and a short text.
//   - HTTP server: a request event whose ResponseInfo the host left untouched falls through to
//     DocumentRoot, then 404. DocumentRoot is confined with os.Root: "..", and symlinks leading
//     outside, are 404.
//   - Registered components (registered.go, attach.go): instances of core/registry classes get the
//     same handle, properties, delivery and decisions as the built-in ones; their methods run by
//     name (invoke.go) and their events carry a KindArgs handle (eventargs.go) that expires with
//     the event.
//   - Attach model: a server accepts the sub-protocols of its Protocols property and of its
//     attached protocols; a client offers both. A connection whose negotiated sub-protocol is an
//     attached one belongs to that protocol: the transport raises OnConnect/OnDisconnect as for any
//     connection, the protocol component raises its own around the protocol's Connected and
//     Disconnected calls, and its messages reach the protocol only. When the server selects no
//     sub-protocol, a client's only attached protocol takes the connection. Connection handles are
//     counted per component that raised their OnConnect and expire when the last has handled its
//     OnDisconnect.
package engine
