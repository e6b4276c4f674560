package engine

import (
	"strconv"
	"strings"

	"github.com/sgcws/sgcws/core/deflate"
	"github.com/sgcws/sgcws/core/events"
	"github.com/sgcws/sgcws/core/props"
)

// Enum values in the manual's spelling; the order of notifyValues is events.Mode's.
var (
	notifyValues = []string{"neAsynchronous", "neSynchronous", "neNoSync"}
	fragValues   = []string{"frgOnlyBuffer", "frgOnlyFragmented", "frgAll"}
)

const (
	defMaxMessage = 64 << 20
	defQueueLimit = 64 << 20
)

// clientFields is the bound storage of a client's properties.
type clientFields struct {
	host, params, origin           string
	port, connectTimeout, decision int64
	useTLS                         bool
	protocols, headers             []string
	notify, frag                   int
	validate                       bool
	maxMsg, queueLimit             int64
	commonFields
	onHandshake bool
}

// commonFields are the property groups clients and servers share.
type commonFields struct {
	defl struct {
		enabled, clientNoCtx, serverNoCtx bool
		clientBits, serverBits, memLevel  int64
	}
	hb struct {
		enabled           bool
		interval, timeout int64
	}
}

func (c *client) initProps() {
	c.ps = clientPropSet(c, &clientFields{})
}

// clientPropSet registers the client's properties; c may be nil for a listing-only set.
func clientPropSet(c *client, f *clientFields) *props.Set {
	ps := props.NewSet()
	ps.SetOwner("TsgcWebSocketClient")
	ps.Func(props.Info{Name: "URL", Type: props.String, Doc: "ws://, wss:// URL; sets Host, Port, TLS, Options.Parameters"},
		func() (any, error) { return c.buildURL(), nil },
		func(v any) error { return c.applyURL(v.(string)) })
	ps.String("Host", &f.host, "", "server host name or IP")
	ps.Int("Port", &f.port, 80, 0, 65535, "server port")
	ps.Bool("TLS", &f.useTLS, false, "use wss://")
	ps.Func(props.Info{Name: "Active", Type: props.Bool, Default: "False", Doc: "True = Start, False = Stop"},
		func() (any, error) { return c.connectedOrConnecting(), nil },
		func(v any) error {
			if v.(bool) {
				return c.start()
			}
			return c.stop()
		})
	ps.Func(props.Info{Name: "Connected", Type: props.Bool, Default: "False", Doc: "a connection is open"},
		func() (any, error) { return c.current() != nil, nil }, nil)
	ps.Func(props.Info{Name: "Protocol", Type: props.String, Doc: "negotiated sub-protocol"},
		func() (any, error) {
			c.mu.Lock()
			defer c.mu.Unlock()
			return c.protocol, nil
		}, nil)
	ps.Strings("Protocols", &f.protocols, nil, "sub-protocols offered")
	ps.Int("ConnectTimeout", &f.connectTimeout, 10000, 0, 1<<31-1, "ms; 0 = 10000")
	registerEvents(ps, &f.notify, &f.decision)
	ps.String("Options.Parameters", &f.params, "/", "request path and query")
	ps.String("Options.Origin", &f.origin, "", "Origin header")
	ps.Strings("Options.Headers", &f.headers, nil, "extra handshake headers, \"Name: value\" (sgcws extension)")
	registerMessageOptions(ps, &f.frag, &f.validate, &f.maxMsg, &f.queueLimit)
	registerCommon(ps, &f.commonFields)
	registerTLSOptions(ps, "TLSOptions", true)
	ps.Bool("Events.OnHandshake", &f.onHandshake, false, "raise the OnHandshake decision event")
	if c != nil {
		ps.OnChange(func(name string) {
			if name == "NotifyEvents" {
				c.disp.SetMode(events.Mode(c.getInt("NotifyEvents")))
			}
		})
	}
	return ps
}

// registerEvents adds NotifyEvents and DecisionTimeout.
func registerEvents(ps *props.Set, notify *int, decision *int64) {
	ps.Enum("NotifyEvents", notify, 0, notifyValues, "event delivery mode")
	ps.Int("DecisionTimeout", decision, 10000, 0, 1<<31-1, "ms a decision event may take; 0 = 10000")
}

func registerMessageOptions(ps *props.Set, frag *int, validate *bool, maxMsg, queue *int64) {
	ps.Enum("Options.FragmentedMessages", frag, 0, fragValues, "how fragmented messages are raised")
	ps.Bool("Options.ValidateUTF8", validate, false, "check text messages are UTF-8")
	ps.Int("Options.MaxMessageSize", maxMsg, defMaxMessage, 0, 1<<62, "bytes; 0 = unlimited (sgcws extension)")
	ps.Int("Options.WriteQueueLimit", queue, defQueueLimit, 0, 1<<62, "bytes queued per connection (sgcws extension)")
}

func registerCommon(ps *props.Set, f *commonFields) {
	const d = "Extensions.PerMessage_Deflate."
	ps.Bool(d+"Enabled", &f.defl.enabled, false, "negotiate permessage-deflate")
	ps.Int(d+"ClientMaxWindowBits", &f.defl.clientBits, 15, 8, 15, "")
	ps.Int(d+"ServerMaxWindowBits", &f.defl.serverBits, 15, 8, 15, "")
	ps.Bool(d+"ClientNoContextTakeOver", &f.defl.clientNoCtx, false, "")
	ps.Bool(d+"ServerNoContextTakeOver", &f.defl.serverNoCtx, false, "")
	ps.Int(d+"MemLevel", &f.defl.memLevel, 1, 1, 9, "compression level")
	ps.Bool("HeartBeat.Enabled", &f.hb.enabled, false, "send pings every Interval")
	ps.Int("HeartBeat.Interval", &f.hb.interval, 300, 1, 1<<31-1, "seconds")
	ps.Int("HeartBeat.Timeout", &f.hb.timeout, 0, 0, 1<<31-1, "seconds to wait for a pong; 0 = none")
}

// registerTLSOptions adds the TLS group under prefix (client "TLSOptions", servers "SSLOptions").
// Fields are read back by name (tlsOptionsOf), so they live in closures' storage here.
func registerTLSOptions(ps *props.Set, prefix string, client bool) {
	var s struct {
		root, cert, key, pass string
		verify                bool
		version, minVersion   int
		alpn                  []string
	}
	ps.String(prefix+".RootCertFile", &s.root, "", "PEM file of trusted CA certificates")
	ps.String(prefix+".CertFile", &s.cert, "", "PEM certificate (chain)")
	ps.String(prefix+".KeyFile", &s.key, "", "PEM private key; empty = in CertFile")
	ps.String(prefix+".Password", &s.pass, "", "password of an encrypted PEM key")
	ps.Bool(prefix+".VerifyCertificate", &s.verify, false, "verify the peer certificate")
	ps.Enum(prefix+".Version", &s.version, 0, tlsVersionNames, "pin the TLS version; tlsUndefined = negotiate")
	if client {
		ps.Enum(prefix+".OpenSSL_Options.MinVersion", &s.minVersion, 0, tlsVersionNames, "lowest TLS version")
		ps.Strings(prefix+".ALPNProtocols", &s.alpn, nil, "ALPN protocols offered")
	}
}

func tlsOptionsOf(b *component, prefix string) tlsOptions {
	o := tlsOptions{
		rootCertFile: b.getString(prefix + ".RootCertFile"),
		certFile:     b.getString(prefix + ".CertFile"),
		keyFile:      b.getString(prefix + ".KeyFile"),
		password:     b.getString(prefix + ".Password"),
		verify:       b.getBool(prefix + ".VerifyCertificate"),
		version:      int(b.getInt(prefix + ".Version")),
	}
	if b.kind == KindClient {
		o.minVersion = int(b.getInt(prefix + ".OpenSSL_Options.MinVersion"))
		o.alpn = b.getLines(prefix + ".ALPNProtocols")
	}
	return o
}

func (c *client) tlsOptions() tlsOptions { return tlsOptionsOf(&c.component, "TLSOptions") }

func (b *component) deflateConfig() deflate.Config {
	const d = "Extensions.PerMessage_Deflate."
	return deflate.Config{
		Enabled:                 b.getBool(d + "Enabled"),
		ClientMaxWindowBits:     int(b.getInt(d + "ClientMaxWindowBits")),
		ServerMaxWindowBits:     int(b.getInt(d + "ServerMaxWindowBits")),
		ClientNoContextTakeOver: b.getBool(d + "ClientNoContextTakeOver"),
		ServerNoContextTakeOver: b.getBool(d + "ServerNoContextTakeOver"),
		MemLevel:                int(b.getInt(d + "MemLevel")),
	}
}

// buildURL renders Host, Port, TLS and Options.Parameters as the manual's URL.
func (c *client) buildURL() string {
	host := c.getString("Host")
	if host == "" {
		return ""
	}
	scheme, def := "ws", int64(80)
	if c.getBool("TLS") {
		scheme, def = "wss", 443
	}
	if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	u := scheme + "://" + host
	if p := c.getInt("Port"); p != def {
		u += ":" + strconv.FormatInt(p, 10)
	}
	path := c.getString("Options.Parameters")
	if path == "" {
		path = "/"
	}
	return u + path
}

func (c *client) applyURL(s string) error {
	host, port, useTLS, path, err := props.ParseWSURL(s)
	if err != nil {
		return err
	}
	if err := c.ps.SetString("Host", host); err != nil {
		return err
	}
	if err := c.ps.SetInt("Port", int64(port)); err != nil {
		return err
	}
	if err := c.ps.SetBool("TLS", useTLS); err != nil {
		return err
	}
	return c.ps.SetString("Options.Parameters", path)
}
