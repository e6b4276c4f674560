package engine

import (
	"net"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/sgcws/sgcws/core/events"
	"github.com/sgcws/sgcws/core/handles"
	"github.com/sgcws/sgcws/core/props"
	"github.com/sgcws/sgcws/core/wsconn"
)

// conn is one WebSocket connection (TsgcWSConnection) of a client or a server. Its identity fields
// are set before the handle is published and never change, so reading them needs no lock.
type conn struct {
	h     uint64
	owner *component
	srv   *server                     // nil for a client's connection
	ss    *session                    // the server session it belongs to
	cli   *client                     // nil for a server's connection
	ws    atomic.Pointer[wsconn.Conn] // set when the upgrade completes

	guid, ip, localIP, url string
	port, localPort        int
	headersReq             string

	ps     *props.Set
	psOnce sync.Once

	mu          sync.Mutex // guards the fields set when the upgrade completes (and ws)
	protocol    string
	headersResp string

	data      atomic.Uintptr
	connected atomic.Bool
	gone      atomic.Bool   // OnDisconnect was raised (or will never be)
	silent    atomic.Bool   // teardown: raise no more events
	dropCode  atomic.Int32  // Drop's code, reported by OnDisconnect
	lastPong  atomic.Int64  // unix nanoseconds of the last pong, for HeartBeat.Timeout
	ended     chan struct{} // closed when the network connection is over
	endOnce   sync.Once
	chans     map[string]struct{}

	att                *attachment  // the protocol that owns its messages, set before it runs
	refs               atomic.Int32 // components holding the handle (attach.go)
	authUser, authPass string       // the credentials it authenticated with
}

// publish gives the connection its handle; identity fields must be set before.
func (c *conn) publish() {
	if c.h != 0 {
		return
	}
	c.refs.Store(1)
	c.h = tab.Add(handles.Kind(KindConnection), c)
	c.owner.own(c.h)
}

func (c *conn) setAddrs(nc net.Conn) {
	c.ip, c.port = splitAddr(nc.RemoteAddr())
	c.localIP, c.localPort = splitAddr(nc.LocalAddr())
}

func splitAddr(a net.Addr) (string, int) {
	if a == nil {
		return "", 0
	}
	host, port, err := net.SplitHostPort(a.String())
	if err != nil {
		return a.String(), 0
	}
	p, _ := strconv.Atoi(port)
	return host, p
}

// run raises OnConnect and runs the reader loop on the calling goroutine until the connection ends;
// every event of the connection therefore comes from this goroutine.
func (c *conn) run() {
	c.connected.Store(true)
	c.emit(&events.Event{Kind: events.EvConnect})
	if c.att != nil {
		c.att.connected(c)
	}
	c.startHeartbeat()
	c.w().Run()
}

func (c *conn) emit(ev *events.Event) {
	if c.silent.Load() {
		if ev.Kind == events.EvDisconnect {
			c.owner.expireNow([]uint64{c.h})
		}
		return
	}
	ev.Connection = c.h
	ev.UserData = c.data.Load()
	c.owner.emit(ev)
}

func (c *conn) end() { c.endOnce.Do(func() { close(c.ended) }) }

// headerLines renders headers as "Name: value" lines, sorted for stable output.
func headerLines(h map[string][]string) string {
	keys := make([]string, 0, len(h))
	for k := range h {
		keys = append(keys, k)
	}
	sortStrings(keys)
	var b strings.Builder
	for _, k := range keys {
		for _, v := range h[k] {
			b.WriteString(k)
			b.WriteString(": ")
			b.WriteString(v)
			b.WriteString("\n")
		}
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// waitEnded waits for the end of the network connection, at most timeout.
func (c *conn) waitEnded(timeout time.Duration) bool {
	t := time.NewTimer(timeout)
	defer t.Stop()
	select {
	case <-c.ended:
		return true
	case <-t.C:
		return false
	}
}

// expireDead removes handles whose last event can no longer be delivered (after Detach).
func (b *component) expireDead() {
	b.mu.Lock()
	var dead []uint64
	for h := range b.owned {
		obj, _, ok := tab.Get(h)
		if !ok {
			dead = append(dead, h)
			continue
		}
		switch o := obj.(type) {
		case *conn:
			if o.gone.Load() {
				dead = append(dead, h)
			}
		case *request:
			if o.isFinished() {
				dead = append(dead, h)
			}
		}
	}
	b.mu.Unlock()
	b.expireNow(dead)
}

// w is the live wsconn.Conn, nil before the upgrade completed.
func (c *conn) w() *wsconn.Conn { return c.ws.Load() }

func splitAddrString(s string) (string, int) {
	host, port, err := net.SplitHostPort(s)
	if err != nil {
		return s, 0
	}
	p, _ := strconv.Atoi(port)
	return host, p
}
