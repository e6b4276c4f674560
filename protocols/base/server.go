package base

import (
	"strings"
	"sync"

	"github.com/sgcws/sgcws/core/props"
	"github.com/sgcws/sgcws/core/registry"
)

// ServerRefs is the Refs entry of every server-side protocol class: its "Server" property holds a
// TsgcWebSocketServer (or TsgcWebSocketHTTPServer, which is one).
var ServerRefs = map[string]string{"Server": "TsgcWebSocketServer"}

// Server is the shared part of a server-side protocol component: the "Server" property and the
// connections of its sub-protocol. The protocol logic calls Track and Untrack from its
// Connected/Disconnected.
type Server struct {
	at attacher

	mu    sync.RWMutex
	conns map[string]registry.Conn
}

// Init prepares s for host (nil when listing); proto receives the connections, name gives the
// sub-protocol name when attaching.
func (s *Server) Init(host registry.Host, proto registry.Protocol, name func() string) {
	s.at = attacher{host: host, proto: proto, name: name}
	s.conns = map[string]registry.Conn{}
}

// Register adds the "Server" property.
func (s *Server) Register(ps *props.Set) {
	s.at.register(ps, "Server", "the TsgcWebSocketServer (handle) this protocol is attached to; 0 = none", true)
}

// Close detaches from the transport.
func (s *Server) Close() { s.at.close() }

func (s *Server) Track(c registry.Conn) {
	s.mu.Lock()
	s.conns[c.Guid()] = c
	s.mu.Unlock()
}

func (s *Server) Untrack(c registry.Conn) {
	s.mu.Lock()
	delete(s.conns, c.Guid())
	s.mu.Unlock()
}

// Conn finds a connection of this protocol by Guid.
func (s *Server) Conn(guid string) (registry.Conn, error) {
	s.mu.RLock()
	c := s.conns[guid]
	s.mu.RUnlock()
	if c == nil {
		return nil, registry.Errorf(registry.ErrValue, "no connection with Guid %q on this protocol", guid)
	}
	return c, nil
}

// Conns lists the connections of this protocol.
func (s *Server) Conns() []registry.Conn {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]registry.Conn, 0, len(s.conns))
	for _, c := range s.conns {
		out = append(out, c)
	}
	return out
}

// Select filters Conns by the manual's Exclude/Include lists (comma-separated Guids; empty
// Include = all).
func (s *Server) Select(exclude, include string) []registry.Conn {
	ex, in := guidSet(exclude), guidSet(include)
	var out []registry.Conn
	for _, c := range s.Conns() {
		if ex[c.Guid()] || (len(in) > 0 && !in[c.Guid()]) {
			continue
		}
		out = append(out, c)
	}
	return out
}

func guidSet(list string) map[string]bool {
	m := map[string]bool{}
	for _, g := range strings.Split(list, ",") {
		if g = strings.TrimSpace(g); g != "" {
			m[g] = true
		}
	}
	return m
}
