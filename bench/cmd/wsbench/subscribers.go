package main

import (
	"io"
	"sync"
	"time"

	"github.com/gorilla/websocket"
)

// subProtocol is what a subscriber speaks besides plain WebSocket: the sub-protocol it offers and the
// text it sends once connected (the sgc protocol's subscription). The zero value is plain WebSocket.
type subProtocol struct {
	name  string
	hello []byte
}

// dialSubscribers opens n gorilla client connections to url, a few dials at a time, each with a
// reader goroutine calling onMsg(i, data) (nil: discard; data is reused after onMsg returns) and counting the server's pings in onPing
// (nil: ignore) while answering them. The clients are the same for every server under test. The
// returned function closes them all and waits for their readers.
func dialSubscribers(url string, n int, sp subProtocol, onMsg func(i int, data []byte), onPing func()) (func(), error) {
	d := websocket.Dialer{HandshakeTimeout: 10 * time.Second, ReadBufferSize: 1024, WriteBufferSize: 512}
	if sp.name != "" {
		d.Subprotocols = []string{sp.name}
	}
	conns := make([]*websocket.Conn, n)
	var readers sync.WaitGroup
	closeAll := func() {
		for _, c := range conns {
			if c != nil {
				c.Close()
			}
		}
		readers.Wait()
	}
	const dialers = 8 // more would only queue in the server's accept backlog
	errs := make(chan error, dialers)
	next := make(chan int)
	go func() {
		defer close(next)
		for i := 0; i < n; i++ {
			next <- i
		}
	}()
	for w := 0; w < dialers; w++ {
		go func() {
			var err error
			for i := range next {
				if err != nil {
					continue // drain
				}
				var c *websocket.Conn
				if c, _, err = d.Dial(url, nil); err == nil && sp.hello != nil {
					err = c.WriteMessage(websocket.TextMessage, sp.hello)
				}
				if err == nil {
					conns[i] = c
					readers.Add(1)
					go readSubscriber(c, i, onMsg, onPing, &readers)
				}
			}
			errs <- err
		}()
	}
	var first error
	for w := 0; w < dialers; w++ {
		if err := <-errs; err != nil && first == nil {
			first = err
		}
	}
	if first != nil {
		closeAll()
		return nil, first
	}
	return closeAll, nil
}

func readSubscriber(c *websocket.Conn, i int, onMsg func(int, []byte), onPing func(), done *sync.WaitGroup) {
	defer done.Done()
	if onPing != nil {
		c.SetPingHandler(func(data string) error {
			onPing()
			err := c.WriteControl(websocket.PongMessage, []byte(data), time.Now().Add(time.Second))
			if err == websocket.ErrCloseSent {
				return nil
			}
			return err
		})
	}
	// One buffer per connection rather than ReadMessage's fresh one per message: the clients share the
	// machine with the server under test, so they should cost as little as they can.
	var buf []byte
	for {
		_, r, err := c.NextReader()
		if err == nil {
			buf, err = readAll(buf[:0], r)
		}
		if err != nil {
			return
		}
		if onMsg != nil {
			onMsg(i, buf)
		}
	}
}

func readAll(buf []byte, r io.Reader) ([]byte, error) {
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
}
