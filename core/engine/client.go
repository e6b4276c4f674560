package engine

import (
	"context"
	"crypto/tls"
	"errors"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/sgcws/sgcws/core/deflate"
	"github.com/sgcws/sgcws/core/events"
	"github.com/sgcws/sgcws/core/wsconn"
)

// client is TsgcWebSocketClient: at most one connection (or one attempt) at a time.
type client struct {
	component

	mu       sync.Mutex
	cur      *conn              // the open connection, nil when none
	cancel   context.CancelFunc // the attempt in progress, nil when none
	protocol string             // negotiated sub-protocol of the last connection
}

func newClient() *client {
	c := &client{}
	c.component.init(KindClient, c)
	c.initProps()
	return c
}

func (c *client) current() *conn {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.cur
}

func (c *client) connectedOrConnecting() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.cur != nil || c.cancel != nil
}

func connect(h uint64, timeout time.Duration, insideCallback bool) error {
	if insideCallback {
		return Errorf(EInCallback, "Connect is blocking: not allowed inside a callback; use Start")
	}
	c, err := lookupClient(h)
	if err != nil {
		return err
	}
	err = c.dialAndRun(timeout)
	if err != nil {
		// Raised from another goroutine: in neSynchronous the caller may be the thread that polls.
		goFn(func() { c.connectFailed(err) })
	}
	return err
}

// start connects in the background; the outcome arrives as OnConnect or OnError.
func (c *client) start() error {
	if err := live(); err != nil {
		return err
	}
	if c.connectedOrConnecting() {
		return nil
	}
	goFn(func() {
		if err := c.dialAndRun(0); err != nil {
			c.connectFailed(err)
		}
	})
	return nil
}

func (c *client) connectFailed(err error) {
	c.emit(&events.Event{Kind: events.EvError, Data: []byte(err.Error()), Code: int32(CodeOf(err))})
}

// stop cancels an attempt and closes the connection with 1000 without waiting.
func (c *client) stop() error {
	c.mu.Lock()
	cur, cancel := c.cur, c.cancel
	c.mu.Unlock()
	if cancel != nil {
		cancel()
	}
	if cur != nil {
		cur.w().Close(1000, "")
	}
	return nil
}

func (c *client) teardown(wait bool) {
	c.mu.Lock()
	cur, cancel := c.cur, c.cancel
	c.mu.Unlock()
	if cancel != nil {
		cancel()
	}
	if cur != nil {
		cur.silent.Store(true)
		cur.w().Disconnect()
		if wait {
			cur.waitEnded(5 * time.Second)
		}
	}
}

func disconnectWait(h uint64, timeout time.Duration, insideCallback bool) error {
	if insideCallback {
		return Errorf(EInCallback, "Disconnect is blocking: not allowed inside a callback; use Stop")
	}
	c, err := lookupClient(h)
	if err != nil {
		return err
	}
	cur := c.current()
	if cur == nil {
		_ = c.stop()
		return nil
	}
	if timeout <= 0 {
		timeout = 10 * time.Second
	}
	cur.w().Close(1000, "")
	if !cur.waitEnded(timeout) {
		return Errorf(ETimeout, "disconnect did not finish within %v", timeout)
	}
	return nil
}

// clientSettings is a snapshot of the properties a connection attempt uses.
type clientSettings struct {
	host, path, origin string
	port               int
	useTLS             bool
	protocols, headers []string
	deflate            deflate.Config
	tls                tlsOptions
	connectTimeout     time.Duration
}

func (c *client) settings() clientSettings {
	s := clientSettings{
		host:      c.getString("Host"),
		port:      int(c.getInt("Port")),
		useTLS:    c.getBool("TLS"),
		path:      c.getString("Options.Parameters"),
		origin:    c.getString("Options.Origin"),
		protocols: append(c.getLines("Protocols"), c.attached.names()...),
		headers:   c.getLines("Options.Headers"),
		deflate:   c.deflateConfig(),
		tls:       c.tlsOptions(),
	}
	if s.path == "" {
		s.path = "/"
	}
	ms := c.getInt("ConnectTimeout")
	if ms <= 0 {
		ms = 10000
	}
	s.connectTimeout = time.Duration(ms) * time.Millisecond
	return s
}

// dialAndRun performs one connection attempt; on success the connection runs on its own goroutine.
func (c *client) dialAndRun(timeout time.Duration) error {
	if err := live(); err != nil {
		return err
	}
	st := c.settings()
	if timeout <= 0 {
		timeout = st.connectTimeout
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	c.mu.Lock()
	if c.cur != nil || c.cancel != nil {
		c.mu.Unlock()
		return Errorf(EState, "client is already connected or connecting")
	}
	c.cancel = cancel
	c.mu.Unlock()
	defer func() {
		c.mu.Lock()
		c.cancel = nil
		c.mu.Unlock()
	}()
	if st.host == "" {
		return Errorf(EConnect, "connect: Host is empty")
	}
	addr := net.JoinHostPort(st.host, strconv.Itoa(st.port))
	var d net.Dialer
	nc, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return dialError(ctx, addr, err)
	}
	ok := false
	defer func() {
		if !ok {
			nc.Close()
		}
	}()
	if dl, has := ctx.Deadline(); has {
		_ = nc.SetDeadline(dl)
	}
	// Closing the socket is what aborts a blocking handshake when Stop cancels the attempt.
	stopWatch := context.AfterFunc(ctx, func() { nc.Close() })
	defer stopWatch()
	if st.useTLS {
		cfg, err := st.tls.clientConfig(st.host)
		if err != nil {
			return err
		}
		tc := tls.Client(nc, cfg)
		if err := tc.HandshakeContext(ctx); err != nil {
			if ctx.Err() == context.DeadlineExceeded {
				return Errorf(ETimeout, "connect to %s: TLS handshake timed out", addr)
			}
			return Errorf(ETLS, "connect to %s: TLS: %v", addr, err)
		}
		nc = tc
	}
	req := wsconn.ClientRequest{Host: hostHeader(st), Path: st.path, Origin: st.origin, Protocols: st.protocols, Header: http.Header{}}
	for _, l := range st.headers {
		if k, v, found := strings.Cut(l, ":"); found {
			req.Header.Add(strings.TrimSpace(k), strings.TrimSpace(v))
		}
	}
	if st.deflate.Enabled {
		req.Deflate = st.deflate
	}
	if c.optIn("Events.OnHandshake") {
		c.handshakeDecision(&req)
	}
	br, res, err := wsconn.ClientHandshake(nc, req)
	if err != nil {
		var he *wsconn.HandshakeError
		switch {
		case errors.As(err, &he) && he.Status != 0 && he.Status != http.StatusSwitchingProtocols:
			return Errorf(EConnect, "handshake: server answered %d %s", he.Status, http.StatusText(he.Status))
		case ctx.Err() == context.DeadlineExceeded:
			return Errorf(ETimeout, "connect to %s: handshake timed out", addr)
		case ctx.Err() != nil:
			return Errorf(EConnect, "connect to %s: cancelled", addr)
		}
		return Errorf(EConnect, "handshake with %s: %v", addr, err)
	}
	if !stopWatch() {
		return Errorf(EConnect, "connect to %s: cancelled", addr)
	}
	_ = nc.SetDeadline(time.Time{})
	cn := &conn{owner: &c.component, cli: c, guid: newGuid(), ended: make(chan struct{})}
	cn.setAddrs(nc)
	cn.url = st.path
	cn.protocol = res.Protocol
	// The protocol the server selected; when it selected none, the client's only attached one.
	if cn.att = c.attached.find(res.Protocol); cn.att == nil && res.Protocol == "" {
		cn.att = c.attached.only()
	}
	cn.headersReq = strings.Join(requestLines(&req), "\n")
	cn.headersResp = headerLines(res.Header)
	cn.ws.Store(wsconn.New(nc, br, c.wsConfig(wsconn.RoleClient, res.Deflate, st.deflate.Level()), cn))
	cn.publish()
	c.mu.Lock()
	c.cur = cn
	c.protocol = res.Protocol
	c.mu.Unlock()
	ok = true
	goFn(cn.run)
	return nil
}

func hostHeader(st clientSettings) string {
	if (st.useTLS && st.port == 443) || (!st.useTLS && st.port == 80) {
		return st.host
	}
	return net.JoinHostPort(st.host, strconv.Itoa(st.port))
}

func dialError(ctx context.Context, addr string, err error) error {
	if ctx.Err() == context.DeadlineExceeded {
		return Errorf(ETimeout, "connect to %s: timed out", addr)
	}
	var oe *net.OpError
	if errors.As(err, &oe) && oe.Err != nil {
		err = oe.Err
	}
	msg := err.Error()
	if i := strings.LastIndex(msg, ": "); i >= 0 {
		msg = msg[i+2:]
	}
	return Errorf(EConnect, "connect to %s: %s", addr, msg)
}

// connEnded is called from the connection's close handler.
func (c *client) connEnded(cn *conn) {
	c.mu.Lock()
	if c.cur == cn {
		c.cur = nil
	}
	c.mu.Unlock()
}

// requestLines renders the handshake request headers the host may see and edit.
func requestLines(req *wsconn.ClientRequest) []string {
	lines := []string{"Host: " + req.Host}
	if req.Origin != "" {
		lines = append(lines, "Origin: "+req.Origin)
	}
	if len(req.Protocols) > 0 {
		lines = append(lines, "Sec-WebSocket-Protocol: "+strings.Join(req.Protocols, ", "))
	}
	return append(lines, splitNonEmpty(headerLines(req.Header))...)
}

// handshakeDecision raises the client's OnHandshake: the host edits the request headers in the
// reply's "Headers"; Host, Origin and Sec-WebSocket-Protocol lines map back to their fields.
func (c *client) handshakeDecision(req *wsconn.ClientRequest) {
	r := newRequest(&c.component, func(f *requestFields) { f.headers = requestLines(req) })
	if !c.decide(&events.Event{Kind: events.EvHandshake}, r) {
		return
	}
	req.Origin, req.Protocols, req.Header = "", nil, http.Header{}
	for _, l := range r.answer().headers {
		k, v, found := strings.Cut(l, ":")
		if !found {
			continue
		}
		k, v = strings.TrimSpace(k), strings.TrimSpace(v)
		switch http.CanonicalHeaderKey(k) {
		case "Host":
			req.Host = v
		case "Origin":
			req.Origin = v
		case "Sec-Websocket-Protocol":
			for _, p := range strings.Split(v, ",") {
				if p = strings.TrimSpace(p); p != "" {
					req.Protocols = append(req.Protocols, p)
				}
			}
		default:
			req.Header.Add(k, v)
		}
	}
}
