package engine

import (
	"github.com/sgcws/sgcws/core/props"
	"github.com/sgcws/sgcws/core/registry"
)

// The engine's own components in the registry, so the description (sgcws_describe), the
// generated bindings and docs/PROPERTIES.md cover them like every other component. Their events are
// the fixed SGCWS_EV_* kinds and their methods the typed calls of sgcws.h (the hot paths); what the
// registry adds for them is their properties.
func init() {
	for _, b := range []struct {
		kind      Kind
		name, doc string
	}{
		{KindClient, "TsgcWebSocketClient", "the WebSocket client"},
		{KindServer, "TsgcWebSocketServer", "the WebSocket server"},
		{KindHTTPServer, "TsgcWebSocketHTTPServer", "the WebSocket server with HTTP on the same port"},
		{KindConnection, "TsgcWSConnection", "one connection of a client or server (handed out in events)"},
		{KindRequest, "TsgcWSRequest", "a decision or HTTP request in progress (handed out in events)"},
	} {
		kind := b.kind
		registry.Register(&registry.Class{Name: b.name, Kind: int32(kind), Unit: "sgcWebSocket", Doc: b.doc,
			Builtin: true, List: func() []props.Info { infos, _ := PropertyList(kind); return infos }})
	}
	registry.Enum("TwsNotifyEvent", notifyValues...)
	registry.Enum("TwsFragmentedMessages", fragValues...)
	registry.Enum("TwsTLSVersions", tlsVersionNames...)
}
