package wsconn

import (
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"
	"github.com/sgcws/sgcws/core/deflate"
)

func TestInteropGorillaClient(t *testing.T) {
	for _, compress := range []bool{false, true} {
		srv, recs := ourServer(t, deflate.DefaultConfig(), []string{"chat"})
		d := websocket.Dialer{EnableCompression: compress, Subprotocols: []string{"chat"}, HandshakeTimeout: testTimeout}
		gc, resp, err := d.Dial("ws"+strings.TrimPrefix(srv.URL, "http")+"/x", nil)
		if err != nil {
			t.Fatal(err)
		}
		if gc.Subprotocol() != "chat" {
			t.Fatal("subprotocol")
		}
		if got := resp.Header.Get("Sec-WebSocket-Extensions") != ""; got != compress {
			t.Fatalf("extension negotiated = %v", got)
		}
		_ = gc.SetReadDeadline(time.Now().Add(testTimeout))
		msgs := []string{"hello", strings.Repeat("compress me ", 1000), "", "héllo"}
		for i, m := range msgs {
			typ := websocket.TextMessage
			if i%2 == 1 {
				typ = websocket.BinaryMessage
			}
			if err := gc.WriteMessage(typ, []byte(m)); err != nil {
				t.Fatal(err)
			}
			gt, got, err := gc.ReadMessage()
			if err != nil || gt != typ || string(got) != m {
				t.Fatalf("echo %d: %v %v", i, gt, err)
			}
		}
		// Ping from gorilla: our automatic pong.
		pong := make(chan string, 1)
		gc.SetPongHandler(func(s string) error { pong <- s; return nil })
		_ = gc.WriteControl(websocket.PingMessage, []byte("pp"), time.Now().Add(testTimeout))
		_ = gc.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(4000, "bye"), time.Now().Add(testTimeout))
		_, _, err = gc.ReadMessage()
		if ce, ok := err.(*websocket.CloseError); !ok || ce.Code != 4000 {
			t.Fatalf("gorilla got %v", err)
		}
		if got := <-pong; got != "pp" {
			t.Fatal(got)
		}
		if e := (<-recs).closeEvent(t); e.code != 4000 || e.reason != "bye" {
			t.Fatalf("our server close %+v", e)
		}
		gc.Close()
	}
}

func TestInteropGorillaServer(t *testing.T) {
	for _, compress := range []bool{false, true} {
		up := websocket.Upgrader{EnableCompression: compress}
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			gc, err := up.Upgrade(w, r, nil)
			if err != nil {
				return
			}
			defer gc.Close()
			for {
				typ, p, err := gc.ReadMessage()
				if err != nil {
					return
				}
				if err := gc.WriteMessage(typ, p); err != nil {
					return
				}
			}
		}))
		defer srv.Close()
		nc, err := net.Dial("tcp", srv.Listener.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		dcfg := deflate.DefaultConfig()
		dcfg.Enabled = compress
		br, res, err := ClientHandshake(nc, ClientRequest{Host: srv.Listener.Addr().String(), Path: "/", Deflate: dcfg})
		if err != nil {
			t.Fatal(err)
		}
		if (res.Deflate != nil) != compress {
			t.Fatalf("deflate %+v", res.Deflate)
		}
		if compress && (!res.Deflate.ClientNoContextTakeover || !res.Deflate.ServerNoContextTakeover) {
			t.Fatalf("gorilla answers no-context-takeover: %+v", res.Deflate)
		}
		rec := newRecorder()
		c := New(nc, br, Config{Role: RoleClient, Deflate: res.Deflate, ValidateUTF8: true}, rec)
		go c.Run()
		msgs := []string{"a", strings.Repeat("gorilla ", 5000), "", "€uro"}
		for _, m := range msgs {
			if err := c.WriteText([]byte(m), 1000); err != nil {
				t.Fatal(err)
			}
		}
		got := rec.waitFor(t, "text", len(msgs))
		for i, m := range msgs {
			if got[i].data != m {
				t.Fatalf("echo %d mismatch", i)
			}
		}
		if err := c.Close(1000, ""); err != nil {
			t.Fatal(err)
		}
		if e := rec.closeEvent(t); e.code != 1000 {
			t.Fatalf("close %+v", e)
		}
	}
}
