package engine

import (
	"net/http"
	"strings"

	"github.com/sgcws/sgcws/core/deflate"
	"github.com/sgcws/sgcws/core/events"
	"github.com/sgcws/sgcws/core/wsconn"
	"github.com/sgcws/sgcws/core/wsproto"
)

func isUpgrade(r *http.Request) bool { return wsconn.IsUpgradeRequest(r) }

// serveUpgrade turns an upgrade request into a connection and starts its event goroutine.
func (s *server) serveUpgrade(ss *session, w http.ResponseWriter, r *http.Request) {
	if !s.getBool("Specifications.RFC6455") {
		http.Error(w, "WebSocket (RFC 6455) is disabled on this server", http.StatusBadRequest)
		return
	}
	// The slot is reserved before the 101 goes out, so a client never sees an accepted
	// handshake that Count does not reflect yet.
	if !ss.reserve(s.getInt("MaxConnections")) {
		http.Error(w, "too many connections", http.StatusServiceUnavailable)
		return
	}
	added := false
	defer func() {
		if !added {
			ss.unreserve()
		}
	}()
	if !originAllowed(s.getLines("SecurityOptions.OriginsAllowed"), r.Header.Get("Origin")) {
		http.Error(w, "origin not allowed", http.StatusForbidden)
		return
	}
	u, err := wsconn.ParseUpgrade(r)
	if err != nil {
		wsconn.WriteUpgradeError(w, err)
		return
	}
	c := &conn{owner: &s.component, srv: s, ss: ss, guid: newGuid(), ended: make(chan struct{})}
	c.ip, c.port = splitAddrString(r.RemoteAddr)
	if la := localAddr(r); la != nil {
		c.localIP, c.localPort = splitAddr(la)
	}
	c.url = r.URL.RequestURI()
	hdr := r.Header.Clone()
	hdr.Set("Host", r.Host)
	c.headersReq = headerLines(hdr)
	ok := false
	defer func() {
		if !ok && c.h != 0 {
			c.gone.Store(true)
			s.expireNow([]uint64{c.h})
		}
	}()
	if s.getBool("Authentication.Enabled") && !s.authenticate(c, w, r) {
		return
	}
	proto, accepted := s.selectProtocol(c, u.Protocols)
	if !accepted {
		http.Error(w, "no supported sub-protocol offered", http.StatusBadRequest)
		return
	}
	var params *deflate.Params
	extResp := ""
	dcfg := s.deflateConfig()
	if dcfg.Enabled && len(u.Extensions) > 0 {
		if p, resp, found := deflate.ServerNegotiate(dcfg, u.Extensions); found {
			params, extResp = &p, resp
		}
	}
	extra := http.Header{}
	if sw := s.getString("Software"); sw != "" {
		extra.Set("Server", sw)
	}
	if s.optIn("Events.OnHandshake") {
		c.publish()
		req := newRequest(&s.component, func(f *requestFields) {
			f.headersRequest = splitNonEmpty(c.headersReq)
		})
		if s.decideConn(c, &events.Event{Kind: events.EvHandshake}, req) {
			for _, l := range req.answer().headers {
				if k, v, found := strings.Cut(l, ":"); found {
					extra.Add(strings.TrimSpace(k), strings.TrimSpace(v))
				}
			}
		}
	}
	nc, br, err := wsconn.AcceptUpgrade(w, u, proto, extResp, extra)
	if err != nil {
		return
	}
	resp := extra.Clone()
	resp.Set("Upgrade", "websocket")
	resp.Set("Connection", "Upgrade")
	resp.Set("Sec-WebSocket-Accept", wsproto.AcceptKey(u.Key))
	if proto != "" {
		resp.Set("Sec-WebSocket-Protocol", proto)
	}
	if extResp != "" {
		resp.Set("Sec-WebSocket-Extensions", extResp)
	}
	c.att = s.attached.find(proto)
	c.mu.Lock()
	c.protocol = proto
	c.headersResp = headerLines(resp)
	c.mu.Unlock()
	c.ws.Store(wsconn.New(nc, br, s.wsConfig(wsconn.RoleServer, params, dcfg.Level()), c))
	added = true // add takes over the reservation
	if !ss.add(c) {
		nc.Close()
		return
	}
	c.publish()
	ok = true
	// The connection outlives this handler: returning lets net/http free what it keeps per request
	// (its write buffer, the request), several KiB per idle connection.
	ss.running.add()
	goFn(func() {
		defer ss.running.done()
		<-ss.started
		c.run()
	})
}

// selectProtocol picks the first offered sub-protocol the server supports. A server without
// Protocols accepts any offer without selecting one (lenient, so plain servers work with clients
// that offer protocols); otherwise an offer of only unsupported protocols is refused unless the
// OnUnknownProtocol decision accepts it.
func (s *server) selectProtocol(c *conn, offered []string) (string, bool) {
	supported := append(s.getLines("Protocols"), s.attached.names()...)
	if len(offered) == 0 || len(supported) == 0 {
		return "", true
	}
	for _, o := range offered {
		for _, p := range supported {
			if strings.EqualFold(o, p) {
				return o, true
			}
		}
	}
	if !s.optIn("Events.OnUnknownProtocol") {
		return "", false
	}
	c.publish()
	req := newRequest(&s.component, func(f *requestFields) { f.protocol = strings.Join(offered, ", ") })
	if s.decideConn(c, &events.Event{Kind: events.EvUnknownProtocol}, req) && req.answer().accept {
		return "", true
	}
	return "", false
}

// authenticate applies Authentication.*; a refusal has been answered with 401.
func (s *server) authenticate(c *conn, w http.ResponseWriter, r *http.Request) bool {
	a := authConfig{
		enabled: true,
		users:   s.getLines("Authentication.AuthUsers"),
		basic:   s.getBool("Authentication.Basic.Enabled"),
		url:     s.getBool("Authentication.URL.Enabled"),
	}
	user, pass, _, found := a.credentials(r)
	if found && a.knownUser(user, pass) {
		c.authUser, c.authPass = user, pass
		return true
	}
	if s.optIn("Events.OnAuthentication") {
		c.publish()
		req := newRequest(&s.component, func(f *requestFields) { f.user, f.password = user, pass })
		if s.decideConn(c, &events.Event{Kind: events.EvAuthentication}, req) && req.answer().authenticated {
			c.authUser, c.authPass = user, pass
			return true
		}
	}
	if a.basic {
		w.Header().Set("WWW-Authenticate", `Basic realm="sgcws"`)
	}
	http.Error(w, "401 Unauthorized", http.StatusUnauthorized)
	return false
}

// decideConn raises a connection's decision event.
func (b *component) decideConn(c *conn, ev *events.Event, req *request) bool {
	ev.Connection = c.h
	ev.UserData = c.data.Load()
	return b.decide(ev, req)
}
