package main

import (
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/gorilla/websocket"
)

// gorillaPubsub is the baseline, written the way gorilla's chat example teaches (what a careful
// gorilla user ships): per connection a read loop (ReadMessage) and a write loop draining a buffered
// send channel and pinging on a ticker; a broadcast builds one PreparedMessage (encoded once) and
// offers it to every other connection's channel, skipping one whose channel is full.
type gorillaPubsub struct {
	mu      sync.Mutex
	clients map[*hubClient]struct{}
}

type hubClient struct {
	c    *websocket.Conn
	send chan *websocket.PreparedMessage
}

func (p *gorillaPubsub) start(heartbeat time.Duration) (string, error) {
	p.clients = map[*hubClient]struct{}{}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	up := websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}
	go http.Serve(ln, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, err := up.Upgrade(w, r, nil)
		if err != nil {
			return
		}
		cl := &hubClient{c: c, send: make(chan *websocket.PreparedMessage, 256)}
		p.mu.Lock()
		p.clients[cl] = struct{}{}
		p.mu.Unlock()
		// as the chat example does: both loops in goroutines of their own, and the handler returns,
		// which lets net/http drop its per-request state
		go cl.writeLoop(heartbeat)
		go func() {
			cl.readLoop(p)
			p.mu.Lock()
			delete(p.clients, cl)
			p.mu.Unlock()
			close(cl.send)
		}()
	}))
	return ln.Addr().String(), nil
}

func (cl *hubClient) readLoop(p *gorillaPubsub) {
	defer cl.c.Close()
	for {
		mt, msg, err := cl.c.ReadMessage()
		if err != nil {
			return
		}
		pm, err := websocket.NewPreparedMessage(mt, msg)
		if err != nil {
			return
		}
		p.mu.Lock()
		for other := range p.clients {
			if other == cl {
				continue
			}
			select {
			case other.send <- pm:
			default: // too slow: skip, as ours does over its queue limit
			}
		}
		p.mu.Unlock()
	}
}

func (cl *hubClient) writeLoop(heartbeat time.Duration) {
	var tick <-chan time.Time
	if heartbeat > 0 {
		t := time.NewTicker(heartbeat)
		defer t.Stop()
		tick = t.C
	}
	for {
		select {
		case pm, ok := <-cl.send:
			if !ok {
				return
			}
			if cl.c.WritePreparedMessage(pm) != nil {
				cl.c.Close()
				return
			}
		case <-tick:
			if cl.c.WriteMessage(websocket.PingMessage, nil) != nil {
				cl.c.Close()
				return
			}
		}
	}
}

func (p *gorillaPubsub) conns() int64 {
	p.mu.Lock()
	defer p.mu.Unlock()
	return int64(len(p.clients))
}
