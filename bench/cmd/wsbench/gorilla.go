package main

import (
	"net"
	"net/http"
	"sync"

	"github.com/gorilla/websocket"
)

// gorillaServer is the baseline echo server: plain gorilla/websocket on net/http, one goroutine per
// connection doing ReadMessage/WriteMessage. It returns the ws:// URL and a stop function.
func gorillaServer(compress bool) (string, func(), error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	up := websocket.Upgrader{EnableCompression: compress, CheckOrigin: func(*http.Request) bool { return true }}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, err := up.Upgrade(w, r, nil)
		if err != nil {
			return
		}
		defer c.Close()
		for {
			mt, msg, err := c.ReadMessage()
			if err != nil {
				return
			}
			if err := c.WriteMessage(mt, msg); err != nil {
				return
			}
		}
	})}
	go srv.Serve(ln)
	return "ws://" + ln.Addr().String() + "/", func() { srv.Close() }, nil
}

// gorillaClients dials n gorilla clients to url; each has a reader goroutine calling onEcho, and a
// write lock (gorilla allows one concurrent writer). text sends text messages instead of binary.
func gorillaClients(url string, n int, compress, text bool, payload []byte, onEcho func(int)) (func(int) error, func(), error) {
	d := websocket.Dialer{EnableCompression: compress}
	conns := make([]*websocket.Conn, 0, n)
	locks := make([]sync.Mutex, n)
	var readers sync.WaitGroup
	closeFn := func() {
		for _, c := range conns {
			c.Close()
		}
		readers.Wait()
	}
	for i := 0; i < n; i++ {
		c, _, err := d.Dial(url, nil)
		if err != nil {
			closeFn()
			return nil, nil, err
		}
		conns = append(conns, c)
	}
	for i, c := range conns {
		readers.Add(1)
		go func() {
			defer readers.Done()
			for {
				if _, _, err := c.ReadMessage(); err != nil {
					return
				}
				onEcho(i)
			}
		}()
	}
	mt := websocket.BinaryMessage
	if text {
		mt = websocket.TextMessage
	}
	send := func(i int) error {
		locks[i].Lock()
		defer locks[i].Unlock()
		return conns[i].WriteMessage(mt, payload)
	}
	return send, closeFn, nil
}

// gorillaTransport: gorilla server and gorilla clients in this process.
type gorillaTransport struct{ compress, text bool }

func (t gorillaTransport) Dial(n int, payload []byte, onEcho func(int)) (func(int) error, func(), error) {
	url, stopSrv, err := gorillaServer(t.compress)
	if err != nil {
		return nil, nil, err
	}
	send, closeClients, err := gorillaClients(url, n, t.compress, t.text, payload, onEcho)
	if err != nil {
		stopSrv()
		return nil, nil, err
	}
	return send, func() { closeClients(); stopSrv() }, nil
}
