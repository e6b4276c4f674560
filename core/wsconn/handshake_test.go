package wsconn

import (
	"bufio"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/sgcws/sgcws/core/deflate"
	"github.com/sgcws/sgcws/core/wsproto"
)

// ourServer is an httptest server that upgrades with our handshake and
// echoes every message with our Conn.
func ourServer(t *testing.T, dcfg deflate.Config, protocols []string) (*httptest.Server, chan *recorder) {
	t.Helper()
	recs := make(chan *recorder, 4)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/forbidden" {
			http.Error(w, "go away", http.StatusForbidden)
			return
		}
		u, err := ParseUpgrade(r)
		if err != nil {
			WriteUpgradeError(w, err)
			return
		}
		proto := ""
		for _, p := range u.Protocols {
			for _, want := range protocols {
				if p == want && proto == "" {
					proto = p
				}
			}
		}
		p, ext, ok := deflate.ServerNegotiate(dcfg, u.Extensions)
		var params *deflate.Params
		if ok {
			params = &p
		}
		nc, br, err := AcceptUpgrade(w, u, proto, ext, http.Header{"X-Test": {"1"}})
		if err != nil {
			t.Error(err)
			return
		}
		rec := newRecorder()
		rec.onMsg = func(c *Conn, kind string, p []byte) {
			if kind == "text" {
				_ = c.WriteText(p, 0)
			} else {
				_ = c.WriteBinary(p, 0)
			}
		}
		c := New(nc, br, Config{Role: RoleServer, Deflate: params, ValidateUTF8: true}, rec)
		recs <- rec
		c.Run()
	}))
	t.Cleanup(srv.Close)
	return srv, recs
}

func dialOur(t *testing.T, srv *httptest.Server, req ClientRequest) (net.Conn, *bufio.Reader, *ClientResult, error) {
	t.Helper()
	nc, err := net.Dial("tcp", srv.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { nc.Close() })
	req.Host = srv.Listener.Addr().String()
	br, res, err := ClientHandshake(nc, req)
	return nc, br, res, err
}

func TestHandshakeOurClientOurServer(t *testing.T) {
	for _, withDeflate := range []bool{false, true} {
		dcfg := deflate.DefaultConfig()
		dcfg.Enabled = withDeflate
		srv, recs := ourServer(t, deflate.DefaultConfig(), []string{"chat"})
		nc, br, res, err := dialOur(t, srv, ClientRequest{Path: "/?id=1", Origin: "http://x", Protocols: []string{"superchat", "chat"}, Deflate: dcfg,
			Header: http.Header{"Authorization": {"Bearer t"}}})
		if err != nil {
			t.Fatal(err)
		}
		if res.Status != 101 || res.Protocol != "chat" || res.Header.Get("X-Test") != "1" {
			t.Fatalf("result %+v", res)
		}
		if (res.Deflate != nil) != withDeflate {
			t.Fatalf("deflate negotiated = %v", res.Deflate)
		}
		rec := newRecorder()
		c := New(nc, br, Config{Role: RoleClient, Deflate: res.Deflate}, rec)
		go c.Run()
		msg := strings.Repeat("echo me ", 100)
		if err := c.WriteText([]byte(msg), 100); err != nil {
			t.Fatal(err)
		}
		if got := rec.waitFor(t, "text", 1); got[0].data != msg {
			t.Fatal("echo mismatch")
		}
		if err := c.Close(1000, "done"); err != nil {
			t.Fatal(err)
		}
		if e := rec.closeEvent(t); e.code != 1000 {
			t.Fatalf("client close %d", e.code)
		}
		if e := (<-recs).closeEvent(t); e.code != 1000 || e.reason != "done" {
			t.Fatalf("server close %+v", e)
		}
	}
}

func TestHandshakeNon101(t *testing.T) {
	srv, _ := ourServer(t, deflate.Config{}, nil)
	_, _, _, err := dialOur(t, srv, ClientRequest{Path: "/forbidden"})
	var he *HandshakeError
	if !errors.As(err, &he) || he.Status != 403 || !strings.Contains(string(he.Body), "go away") {
		t.Fatalf("got %v", err)
	}
}

func TestHandshakeBadVersion(t *testing.T) {
	srv, _ := ourServer(t, deflate.Config{}, nil)
	req, _ := http.NewRequest("GET", srv.URL, nil)
	req.Header.Set("Upgrade", "websocket")
	req.Header.Set("Connection", "Upgrade")
	req.Header.Set("Sec-WebSocket-Key", wsproto.NewKey())
	req.Header.Set("Sec-WebSocket-Version", "8")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 426 || resp.Header.Get("Sec-WebSocket-Version") != "13" {
		t.Fatalf("status %d header %q", resp.StatusCode, resp.Header.Get("Sec-WebSocket-Version"))
	}
}

func TestParseUpgrade(t *testing.T) {
	good := func() *http.Request {
		r := httptest.NewRequest("GET", "/", nil)
		r.Header.Set("Upgrade", "websocket")
		r.Header.Set("Connection", "keep-alive, Upgrade")
		r.Header.Set("Sec-WebSocket-Version", "13")
		r.Header.Set("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
		r.Header.Add("Sec-WebSocket-Protocol", "a, b")
		r.Header.Add("Sec-WebSocket-Extensions", "permessage-deflate")
		return r
	}
	u, err := ParseUpgrade(good())
	if err != nil || len(u.Protocols) != 2 || len(u.Extensions) != 1 || !IsUpgradeRequest(good()) {
		t.Fatalf("%+v %v", u, err)
	}
	breakers := map[string]func(r *http.Request){
		"post":       func(r *http.Request) { r.Method = "POST" },
		"no upgrade": func(r *http.Request) { r.Header.Del("Upgrade") },
		"no conn":    func(r *http.Request) { r.Header.Set("Connection", "keep-alive") },
		"version":    func(r *http.Request) { r.Header.Set("Sec-WebSocket-Version", "12") },
		"short key":  func(r *http.Request) { r.Header.Set("Sec-WebSocket-Key", "abcd") },
		"no key":     func(r *http.Request) { r.Header.Del("Sec-WebSocket-Key") },
	}
	for name, br := range breakers {
		r := good()
		br(r)
		var ue *UpgradeError
		if _, err := ParseUpgrade(r); !errors.As(err, &ue) {
			t.Errorf("%s: accepted", name)
		} else if (name == "version") != (ue.Status == 426) {
			t.Errorf("%s: status %d", name, ue.Status)
		}
	}
}

// fakeServer answers the handshake with a canned response.
func fakeServer(t *testing.T, answer func(key string) string) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				r, err := http.ReadRequest(bufio.NewReader(c))
				if err != nil {
					return
				}
				_, _ = c.Write([]byte(answer(r.Header.Get("Sec-WebSocket-Key"))))
			}()
		}
	}()
	return ln.Addr().String()
}

func TestClientHandshakeValidation(t *testing.T) {
	ok := func(key string) string {
		return "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: " + wsproto.AcceptKey(key) + "\r\n"
	}
	cases := map[string]func(string) string{
		"bad accept":      func(string) string { return ok("other") + "\r\n" },
		"no upgrade":      func(k string) string { return strings.Replace(ok(k), "Upgrade: websocket\r\n", "", 1) + "\r\n" },
		"unoffered proto": func(k string) string { return ok(k) + "Sec-WebSocket-Protocol: evil\r\n\r\n" },
		"unoffered ext":   func(k string) string { return ok(k) + "Sec-WebSocket-Extensions: x-foo\r\n\r\n" },
		"bad deflate reply": func(k string) string {
			return ok(k) + "Sec-WebSocket-Extensions: permessage-deflate; server_max_window_bits=99\r\n\r\n"
		},
	}
	for name, ans := range cases {
		addr := fakeServer(t, ans)
		nc, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		req := ClientRequest{Host: addr, Protocols: []string{"chat"}}
		if strings.Contains(name, "deflate") {
			req.Deflate = deflate.DefaultConfig()
		}
		if _, _, err := ClientHandshake(nc, req); err == nil {
			t.Errorf("%s: accepted", name)
		}
		nc.Close()
	}
	// A valid answer with frames right behind it: the reader keeps them.
	addr := fakeServer(t, func(k string) string {
		return ok(k) + "Sec-WebSocket-Extensions: permessage-deflate; server_max_window_bits=12; client_max_window_bits=12\r\n\r\n\x81\x02hi"
	})
	nc, _ := net.Dial("tcp", addr)
	defer nc.Close()
	br, res, err := ClientHandshake(nc, ClientRequest{Host: addr, Deflate: deflate.DefaultConfig()})
	if err != nil || res.Deflate == nil || res.Deflate.ClientMaxWindowBits != 12 {
		t.Fatalf("%+v %v", res, err)
	}
	h, err := wsproto.ReadHeader(br)
	if err != nil || h.Length != 2 {
		t.Fatalf("frame after handshake lost: %v", err)
	}
}
