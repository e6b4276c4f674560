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
		groups    map[string]string
	}{
		{KindClient, "TsgcWebSocketClient", "the WebSocket client", clientGroups},
		{KindServer, "TsgcWebSocketServer", "the WebSocket server", serverGroups},
		{KindHTTPServer, "TsgcWebSocketHTTPServer", "the WebSocket server with HTTP on the same port", serverGroups},
		{KindConnection, "TsgcWSConnection", "one connection of a client or server (handed out in events)", nil},
		{KindRequest, "TsgcWSRequest", "a decision or HTTP request in progress (handed out in events)", nil},
	} {
		kind := b.kind
		registry.Register(&registry.Class{Name: b.name, Kind: int32(kind), Unit: "sgcWebSocket", Doc: b.doc,
			Builtin: true, Groups: b.groups, List: func() []props.Info { infos, _ := PropertyList(kind); return infos }})
	}
	registry.Enum("TwsNotifyEvent", notifyValues...)
	registry.Enum("TwsFragmentedMessages", fragValues...)
	registry.Enum("TwsTLSVersions", tlsVersionNames...)
}

// The manual's classes of the nested property groups, by path prefix (the generated bindings keep
// these names).
var (
	clientGroups = map[string]string{
		"Options":                       "TsgcWSOptionsClient",
		"Extensions":                    "TsgcWSExtensions",
		"Extensions.PerMessage_Deflate": "TsgcWSPerMessageDeflate_Options",
		"HeartBeat":                     "TsgcWSHeartBeat_Options",
		"TLSOptions":                    "TsgcWSTLS_Options",
		"TLSOptions.OpenSSL_Options":    "TsgcOpenSSLClient_Options",
	}
	serverGroups = map[string]string{
		"Options":                       "TsgcWSOptionsServer",
		"Extensions":                    "TsgcWSExtensions",
		"Extensions.PerMessage_Deflate": "TsgcWSPerMessageDeflate_Options",
		"HeartBeat":                     "TsgcWSHeartBeat_Options",
		"Specifications":                "TsgcWSSpecifications",
		"Authentication":                "TsgcWSAuthenticationServer_Options",
		"Authentication.Basic":          "TsgcWSAuthenticationBasic_Options",
		"Authentication.URL":            "TsgcWSAuthenticationURL_Options",
		"SecurityOptions":               "TsgcWSSecurity_Options",
		"SSLOptions":                    "TsgcWSSSL_Options",
	}
)
