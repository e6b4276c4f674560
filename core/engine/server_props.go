package engine

import (
	"strings"

	"github.com/sgcws/sgcws/core/events"
	"github.com/sgcws/sgcws/core/props"
)

// serverFields is the bound storage of the servers' properties.
type serverFields struct {
	port, maxConns, decision int64
	bindings, protocols      []string
	notify, frag             int
	validate, rfc6455, ssl   bool
	jsFiles                  bool
	maxMsg, queueLimit       int64
	software                 string
	commonFields
	auth struct {
		enabled, basic, url bool
		users               []string
	}
	origins                                      []string
	onHandshake, onAuth, onUnknown, onGet, onOth bool
	documentRoot                                 string
	keepAlive                                    bool
}

func (s *server) initProps() {
	s.ps = serverPropSet(s, s.httpMode, &serverFields{})
}

// serverPropSet registers a server's properties; s may be nil for a listing-only set.
func serverPropSet(s *server, httpMode bool, f *serverFields) *props.Set {
	ps := props.NewSet()
	if httpMode {
		ps.SetOwner("TsgcWebSocketHTTPServer")
	} else {
		ps.SetOwner("TsgcWebSocketServer")
	}
	ps.Func(props.Info{Name: "Active", Type: props.Bool, Default: "False", Doc: "True = Start, False = Stop"},
		func() (any, error) { return s.active(), nil },
		func(v any) error {
			if v.(bool) {
				return s.start()
			}
			return s.stop()
		})
	ps.Int("Port", &f.port, 80, 0, 65535, "port when Bindings is empty")
	ps.Strings("Bindings", &f.bindings, nil, "\"IP:Port\" per line, IPv6 as [::1]:8080; empty = all interfaces on Port")
	ps.Func(props.Info{Name: "ListenAddresses", Type: props.Strings, Doc: "actual ip:port of each listener (sgcws extension)"},
		func() (any, error) { return splitNonEmpty(s.listenAddresses()), nil }, nil)
	ps.Int("MaxConnections", &f.maxConns, 0, 0, 1<<31-1, "0 = unlimited")
	ps.Func(props.Info{Name: "Count", Type: props.Int, Default: "0", Doc: "open connections"},
		func() (any, error) { return int64(s.count()), nil }, nil)
	registerEvents(ps, &f.notify, &f.decision)
	ps.String("Software", &f.software, "sgcws "+Version, "Server header")
	ps.Bool("Specifications.RFC6455", &f.rfc6455, true, "accept RFC 6455 upgrades")
	registerMessageOptions(ps, &f.frag, &f.validate, &f.maxMsg, &f.queueLimit)
	ps.Bool("Options.JavascriptFiles", &f.jsFiles, true, "serve the built-in JavaScript libraries (/sgcWebSockets.js, /esegece.com.js, ...)")
	ps.Strings("Protocols", &f.protocols, nil, "supported sub-protocols")
	registerCommon(ps, &f.commonFields)
	ps.Bool("Authentication.Enabled", &f.auth.enabled, false, "require authentication")
	ps.Strings("Authentication.AuthUsers", &f.auth.users, nil, "user=password per line")
	ps.Bool("Authentication.Basic.Enabled", &f.auth.basic, true, "accept Authorization: Basic")
	ps.Bool("Authentication.URL.Enabled", &f.auth.url, true, "accept /sgc/auth/url/user/password")
	ps.Strings("SecurityOptions.OriginsAllowed", &f.origins, nil, "allowed origins; empty = all; http://host:* = any port")
	ps.Bool("SSL", &f.ssl, false, "TLS on every listener")
	registerTLSOptions(ps, "SSLOptions", false)
	ps.Bool("Events.OnHandshake", &f.onHandshake, false, "raise the OnHandshake decision event")
	ps.Bool("Events.OnAuthentication", &f.onAuth, false, "raise the OnAuthentication decision event")
	ps.Bool("Events.OnUnknownProtocol", &f.onUnknown, false, "raise the OnUnknownProtocol decision event")
	if httpMode {
		ps.String("DocumentRoot", &f.documentRoot, "", "directory served to HTTP requests")
		ps.Bool("KeepAlive", &f.keepAlive, true, "HTTP keep-alive")
		ps.Bool("Events.OnCommandGet", &f.onGet, false, "raise OnCommandGet for GET, HEAD, POST")
		ps.Bool("Events.OnCommandOther", &f.onOth, false, "raise OnCommandOther for other methods")
	}
	if s != nil {
		ps.OnChange(func(name string) {
			if name == "NotifyEvents" {
				s.disp.SetMode(events.Mode(s.getInt("NotifyEvents")))
			}
		})
	}
	return ps
}

func (s *server) tlsOptions() tlsOptions { return tlsOptionsOf(&s.component, "SSLOptions") }

func splitNonEmpty(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l != "" {
			out = append(out, l)
		}
	}
	return out
}
