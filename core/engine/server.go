package engine

import (
	"crypto/tls"
	"io"
	"log"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/sgcws/sgcws/core/events"
)

// server is TsgcWebSocketServer, and TsgcWebSocketHTTPServer when httpMode is set. WebSocket and
// HTTP share each listener through one http.Server; upgrades are hijacked into wsconn.Conn.
type server struct {
	component
	httpMode bool

	mu   sync.Mutex
	sess *session // nil while stopped

	chMu  sync.RWMutex
	chans map[string]map[*conn]struct{} // channel index for Broadcast
}

// session is one Start..Stop period: its listeners and connections.
type session struct {
	srv     *server
	started chan struct{} // closed once OnStartup has been handled: connections wait for it
	https   []*http.Server
	addrs   []string

	mu      sync.Mutex
	conns   map[*conn]struct{}
	pending int // upgrades in progress (MaxConnections counts them)
	byGuid  map[string]*conn
	closing bool
	running tracker // request handlers, hence connections, of this session
	roots   docRoots
}

func newServer(kind Kind) *server {
	s := &server{httpMode: kind == KindHTTPServer, chans: map[string]map[*conn]struct{}{}}
	s.component.init(kind, s)
	s.initProps()
	return s
}

func (s *server) active() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sess != nil
}

// listenAddrs turns Bindings (or Port) into listen addresses.
func (s *server) listenAddrs() []string {
	b := s.getLines("Bindings")
	if len(b) == 0 {
		return []string{":" + strconv.FormatInt(s.getInt("Port"), 10)}
	}
	return b
}

// start binds every listener before returning (a busy port fails the whole start, leaving nothing
// listening) and serves in the background.
func (s *server) start() error {
	if err := live(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.sess != nil {
		return nil
	}
	var tcfg *tls.Config
	if s.getBool("SSL") {
		o := s.tlsOptions()
		cfg, err := o.serverConfig()
		if err != nil {
			return err
		}
		tcfg = cfg
	}
	var lns []net.Listener
	for _, a := range s.listenAddrs() {
		ln, err := net.Listen("tcp", a)
		if err != nil {
			for _, l := range lns {
				l.Close()
			}
			return Errorf(EListen, "listen on %s: %v", a, err)
		}
		lns = append(lns, ln)
	}
	ss := &session{srv: s, started: make(chan struct{}), conns: map[*conn]struct{}{}, byGuid: map[string]*conn{}}
	keepAlive := !s.httpMode || s.getBool("KeepAlive")
	for _, ln := range lns {
		ss.addrs = append(ss.addrs, ln.Addr().String())
		hs := &http.Server{
			Handler:           ss,
			ReadHeaderTimeout: 30 * time.Second,
			ErrorLog:          log.New(io.Discard, "", 0),
		}
		hs.SetKeepAlivesEnabled(keepAlive)
		if tcfg != nil {
			ln = tls.NewListener(ln, tcfg)
		}
		ss.https = append(ss.https, hs)
		l := ln
		goFn(func() { _ = hs.Serve(l) })
	}
	s.sess = ss
	goFn(func() {
		s.emit(&events.Event{Kind: events.EvStartup})
		close(ss.started)
	})
	return nil
}

// stop closes the listeners at once (the port is free when it returns) and, in the background,
// every connection with 1001; OnShutdown follows the last OnDisconnect.
func (s *server) stop() error {
	s.mu.Lock()
	ss := s.sess
	s.sess = nil
	s.mu.Unlock()
	if ss == nil {
		return nil
	}
	for _, hs := range ss.https {
		hs.Close()
	}
	goFn(func() {
		for _, c := range ss.closeAll() {
			c.w().Close(1001, "server shutdown")
		}
		ss.running.wait(time.Hour)
		ss.roots.close()
		s.emit(&events.Event{Kind: events.EvShutdown})
	})
	return nil
}

// closeAll marks the session closing (no new connections) and lists its connections.
func (ss *session) closeAll() []*conn {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	ss.closing = true
	out := make([]*conn, 0, len(ss.conns))
	for c := range ss.conns {
		out = append(out, c)
	}
	return out
}

// teardown drops every connection without events (Destroy/Shutdown).
func (s *server) teardown(wait bool) {
	s.mu.Lock()
	ss := s.sess
	s.sess = nil
	s.mu.Unlock()
	if ss == nil {
		return
	}
	for _, hs := range ss.https {
		hs.Close()
	}
	for _, c := range ss.closeAll() {
		c.silent.Store(true)
		c.w().Disconnect()
	}
	if wait {
		ss.running.wait(5 * time.Second)
	}
}

func (s *server) count() int {
	s.mu.Lock()
	ss := s.sess
	s.mu.Unlock()
	if ss == nil {
		return 0
	}
	ss.mu.Lock()
	defer ss.mu.Unlock()
	return len(ss.conns)
}

func (s *server) listenAddresses() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.sess == nil {
		return ""
	}
	return strings.Join(s.sess.addrs, "\n")
}

// session is the current listening session, nil while stopped.
func (s *server) session() *session {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sess
}

// snapshot lists the live connections of the current session.
func (s *server) snapshot() []*conn {
	ss := s.session()
	if ss == nil {
		return nil
	}
	ss.mu.Lock()
	defer ss.mu.Unlock()
	out := make([]*conn, 0, len(ss.conns))
	for c := range ss.conns {
		out = append(out, c)
	}
	return out
}

func (s *server) find(guid string) *conn {
	ss := s.session()
	if ss == nil {
		return nil
	}
	ss.mu.Lock()
	defer ss.mu.Unlock()
	return ss.byGuid[guid]
}

// add registers an open connection, consuming its reservation; false when the session is closing.
func (ss *session) add(c *conn) bool {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	ss.pending--
	if ss.closing {
		return false
	}
	ss.conns[c] = struct{}{}
	ss.byGuid[c.guid] = c
	return true
}

// reserve takes a connection slot under MaxConnections (max <= 0: unlimited).
func (ss *session) reserve(max int64) bool {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	if max > 0 && int64(len(ss.conns)+ss.pending) >= max {
		return false
	}
	ss.pending++
	return true
}

func (ss *session) unreserve() {
	ss.mu.Lock()
	ss.pending--
	ss.mu.Unlock()
}

func (ss *session) remove(c *conn) {
	ss.mu.Lock()
	delete(ss.conns, c)
	delete(ss.byGuid, c.guid)
	ss.mu.Unlock()
	ss.srv.unsubscribeAll(c)
}

func (ss *session) count() int {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	return len(ss.conns)
}

// ServeHTTP routes one request of the session: upgrades become connections, the rest is HTTP.
func (ss *session) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	ss.running.add()
	defer ss.running.done()
	workers.add()
	defer workers.done()
	s := ss.srv
	if sw := s.getString("Software"); sw != "" {
		w.Header().Set("Server", sw)
	}
	if isUpgrade(r) {
		s.serveUpgrade(ss, w, r)
		return
	}
	if s.serveAsset(w, r) {
		return
	}
	if s.httpMode {
		s.serveHTTP(ss, w, r)
		return
	}
	// The plain server is not an HTTP server: say so instead of a misleading 404.
	http.Error(w, "400 Bad Request: this is a WebSocket server, send a WebSocket upgrade", http.StatusBadRequest)
}

func localAddr(r *http.Request) net.Addr {
	a, _ := r.Context().Value(http.LocalAddrContextKey).(net.Addr)
	return a
}
