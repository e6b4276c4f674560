package wsconn

import (
	"bufio"
	"bytes"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/sgcws/sgcws/core/deflate"
	"github.com/sgcws/sgcws/core/wsproto"
)

// answerConn plays a server for ClientHandshake: it reads the client's key from the request it is
// given and answers with a template in which ACCEPTKEY stands for the matching Sec-WebSocket-Accept,
// so that fuzzing reaches the checks behind the key.
type answerConn struct {
	streamConn
	template string
	once     sync.Once
}

func (a *answerConn) Write(p []byte) (int, error) {
	a.once.Do(func() {
		key := ""
		for _, line := range strings.Split(string(p), "\r\n") {
			if v, ok := strings.CutPrefix(line, "Sec-WebSocket-Key: "); ok {
				key = v
			}
		}
		a.r = bytes.NewReader([]byte(strings.ReplaceAll(a.template, "ACCEPTKEY", wsproto.AcceptKey(key))))
	})
	return len(p), nil
}

func FuzzClientHandshake(f *testing.F) {
	ok := "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ACCEPTKEY\r\n"
	f.Add(ok + "\r\n")
	f.Add(ok + "Sec-WebSocket-Protocol: chat\r\n\r\n")
	f.Add(ok + "Sec-WebSocket-Extensions: permessage-deflate; server_no_context_takeover; client_max_window_bits=9\r\n\r\n\x81\x02hi")
	f.Add(ok + "Sec-WebSocket-Extensions: permessage-deflate; server_max_window_bits=7\r\n\r\n")
	f.Add("HTTP/1.1 401 Unauthorized\r\nContent-Length: 5\r\n\r\nnope!")
	f.Add("HTTP/1.1 101 OK\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: wrong\r\n\r\n")
	f.Fuzz(func(t *testing.T, template string) {
		nc := &answerConn{template: template}
		nc.r = bytes.NewReader(nil)
		req := ClientRequest{Host: "example", Protocols: []string{"chat"}, Deflate: deflate.Config{Enabled: true}}
		br, res, err := ClientHandshake(nc, req)
		if err != nil {
			return
		}
		if br == nil || res == nil || res.Status != http.StatusSwitchingProtocols {
			t.Fatalf("accepted a handshake without a reader or a 101: %v %+v", br, res)
		}
		if res.Protocol != "" && res.Protocol != "chat" {
			t.Fatalf("accepted the unoffered sub-protocol %q", res.Protocol)
		}
		if d := res.Deflate; d != nil && (d.ServerMaxWindowBits < 8 || d.ServerMaxWindowBits > 15 ||
			d.ClientMaxWindowBits < 8 || d.ClientMaxWindowBits > 15) {
			t.Fatalf("accepted window bits out of 8..15: %+v", *d)
		}
	})
}

func FuzzServerUpgrade(f *testing.F) {
	f.Add("GET /chat HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
	f.Add("GET / HTTP/1.1\r\nHost: h\r\nUpgrade: WebSocket\r\nConnection: keep-alive, Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: a, b\r\nSec-WebSocket-Extensions: permessage-deflate; client_max_window_bits, x-other\r\n\r\n")
	f.Add("GET / HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: short\r\nSec-WebSocket-Version: 8\r\n\r\n")
	f.Add("POST / HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\n\r\n")
	f.Fuzz(func(t *testing.T, raw string) {
		r, err := http.ReadRequest(bufio.NewReader(strings.NewReader(raw)))
		if err != nil {
			return
		}
		u, err := ParseUpgrade(r)
		if err != nil {
			return
		}
		if !wsproto.ValidKey(u.Key) {
			t.Fatalf("accepted the invalid key %q", u.Key)
		}
		_, _, _ = deflate.ServerNegotiate(deflate.Config{Enabled: true}, u.Extensions)
	})
}
