package engine

import (
	"github.com/sgcws/sgcws/core/props"
)

// props builds the connection's read-only property set on first use: most connections are never
// inspected by the host, so they do not pay for it.
func (c *conn) props() *props.Set {
	c.psOnce.Do(func() { c.ps = connPropSet(c) })
	return c.ps
}

// connPropSet registers TsgcWSConnection's properties; c may be nil for a listing-only set.
func connPropSet(c *conn) *props.Set {
	ps := props.NewSet()
	ps.SetOwner("TsgcWSConnection")
	str := func(name string, get func() string) {
		ps.Func(props.Info{Name: name, Type: props.String}, func() (any, error) { return get(), nil }, nil)
	}
	num := func(name string, get func() int64) {
		ps.Func(props.Info{Name: name, Type: props.Int, Default: "0"}, func() (any, error) { return get(), nil }, nil)
	}
	lines := func(name string, get func() string) {
		ps.Func(props.Info{Name: name, Type: props.Strings}, func() (any, error) { return splitNonEmpty(get()), nil }, nil)
	}
	str("Guid", func() string { return c.guid })
	str("IP", func() string { return c.ip })
	num("Port", func() int64 { return int64(c.port) })
	str("LocalIP", func() string { return c.localIP })
	num("LocalPort", func() int64 { return int64(c.localPort) })
	str("URL", func() string { return c.url })
	str("Protocol", func() string { p, _ := c.negotiated(); return p })
	lines("HeadersRequest", func() string { return c.headersReq })
	lines("HeadersResponse", func() string { _, h := c.negotiated(); return h })
	num("RecBytes", func() int64 { return c.stat(func() int64 { return c.w().RecBytes() }) })
	num("SendBytes", func() int64 { return c.stat(func() int64 { return c.w().SendBytes() }) })
	num("BufferedAmount", func() int64 { return c.stat(func() int64 { return int64(c.w().Buffered()) }) })
	ps.Func(props.Info{Name: "Connected", Type: props.Bool, Default: "False"},
		func() (any, error) { return c.connected.Load(), nil }, nil)
	str("Transport", func() string { return "trpRFC6455" })
	return ps
}

func (c *conn) negotiated() (protocol, headersResp string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.protocol, c.headersResp
}

// stat reads a wsconn counter, 0 before the upgrade completed.
func (c *conn) stat(f func() int64) int64 {
	if c.w() == nil {
		return 0
	}
	return f()
}
