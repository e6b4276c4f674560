package engine

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/sgcws/sgcws/core/events"
)

func TestAuthentication(t *testing.T) {
	srv, addr := newServerOn(t, KindServer, func(h uint64) {
		must(t, SetBool(h, "Authentication.Enabled", true))
		must(t, SetString(h, "Authentication.AuthUsers", "admin=1234\nuser=pw"))
		must(t, SetInt(h, "DecisionTimeout", 200))
	})
	// Basic, through Options.Headers.
	cli := newClientTo(t, "ws://"+addr)
	must(t, SetString(cli, "Options.Headers", "Authorization: Basic "+base64.StdEncoding.EncodeToString([]byte("admin:1234"))))
	must(t, Connect(cli, 5*time.Second, false))
	// URL form.
	must(t, Connect(newClientTo(t, "ws://"+addr+"/sgc/auth/url/user/pw"), 5*time.Second, false))
	// Wrong password: 401.
	err := Connect(newClientTo(t, "ws://"+addr+"/sgc/auth/url/user/bad"), 5*time.Second, false)
	wantCode(t, err, EConnect)
	if !strings.Contains(err.Error(), "401") {
		t.Fatalf("message %q", err)
	}
	// OnAuthentication decision: accept john, refuse others; in neAsynchronous mode a host that
	// does not answer in time refuses by default.
	must(t, SetBool(srv, "Events.OnAuthentication", true))
	answer := true
	sc := newCollector(t, srv, "neAsynchronous", func(ev *events.Event) {
		if ev.Kind != events.EvAuthentication {
			return
		}
		u, _ := GetString(ev.Reply, "User")
		p, _ := GetString(ev.Reply, "Password")
		wantCode(t, SetString(ev.Reply, "User", "x"), EReadOnly)
		if answer {
			must(t, SetBool(ev.Reply, "Authenticated", u == "john" && p == "secret"))
			must(t, Done(ev.Reply))
		} else {
			time.Sleep(400 * time.Millisecond) // longer than DecisionTimeout
		}
	})
	must(t, Connect(newClientTo(t, "ws://"+addr+"/sgc/auth/url/john/secret"), 5*time.Second, false))
	if ev := sc.next(events.EvAuthentication); ev.Connection == 0 {
		t.Fatal("authentication event without connection")
	}
	wantCode(t, Connect(newClientTo(t, "ws://"+addr+"/sgc/auth/url/john/wrong"), 5*time.Second, false), EConnect)
	answer = false
	wantCode(t, Connect(newClientTo(t, "ws://"+addr+"/sgc/auth/url/john/secret"), 5*time.Second, false), EConnect)
}

func TestHandshakeHeaders(t *testing.T) {
	srv, addr := newServerOn(t, KindServer, func(h uint64) {
		must(t, SetBool(h, "Events.OnHandshake", true))
	})
	newCollector(t, srv, "neNoSync", func(ev *events.Event) {
		if ev.Kind == events.EvHandshake {
			req, _ := GetString(ev.Connection, "HeadersRequest")
			if !strings.Contains(req, "X-Hello: world") {
				t.Errorf("HeadersRequest lacks the client header:\n%s", req)
			}
			must(t, SetString(ev.Reply, "Headers", "X-Server: yes"))
		}
	})
	cli := newClientTo(t, "ws://"+addr)
	must(t, SetBool(cli, "Events.OnHandshake", true))
	newCollector(t, cli, "neNoSync", func(ev *events.Event) {
		if ev.Kind == events.EvHandshake {
			h, _ := GetString(ev.Reply, "Headers")
			must(t, SetString(ev.Reply, "Headers", h+"\nX-Hello: world"))
		}
	})
	must(t, Connect(cli, 5*time.Second, false))
	c, err := connOf(cli)
	must(t, err)
	resp, err := GetString(c.h, "HeadersResponse")
	must(t, err)
	if !strings.Contains(resp, "X-Server: yes") {
		t.Fatalf("client HeadersResponse lacks X-Server:\n%s", resp)
	}
}

func TestOriginsAndLimits(t *testing.T) {
	srv, addr := newServerOn(t, KindServer, func(h uint64) {
		must(t, SetString(h, "SecurityOptions.OriginsAllowed", "http://127.0.0.1:*"))
		must(t, SetInt(h, "MaxConnections", 1))
	})
	bad := newClientTo(t, "ws://"+addr)
	must(t, SetString(bad, "Options.Origin", "http://evil.example"))
	wantCode(t, Connect(bad, 5*time.Second, false), EConnect)
	ok := newClientTo(t, "ws://"+addr)
	must(t, SetString(ok, "Options.Origin", "http://127.0.0.1:5555"))
	must(t, Connect(ok, 5*time.Second, false))
	third := newClientTo(t, "ws://"+addr)
	must(t, SetString(third, "Options.Origin", "http://127.0.0.1:1"))
	err := Connect(third, 5*time.Second, false)
	if err == nil || !strings.Contains(err.Error(), "503") {
		t.Fatalf("over MaxConnections: %v", err)
	}
	must(t, SetBool(srv, "Specifications.RFC6455", false))
	wantCode(t, Connect(newClientTo(t, "ws://"+addr), 5*time.Second, false), EConnect)
}

func TestDeflateNegotiated(t *testing.T) {
	srv, addr := newServerOn(t, KindServer, func(h uint64) {
		must(t, SetBool(h, "Extensions.PerMessage_Deflate.Enabled", true))
	})
	sc := newCollector(t, srv, "neNoSync", echo)
	cli := newClientTo(t, "ws://"+addr)
	must(t, SetBool(cli, "Extensions.PerMessage_Deflate.Enabled", true))
	cc := newCollector(t, cli, "neNoSync", nil)
	must(t, Connect(cli, 5*time.Second, false))
	sconn := sc.next(events.EvConnect).Connection
	resp, err := GetString(sconn, "HeadersResponse")
	must(t, err)
	if !strings.Contains(resp, "Sec-Websocket-Extensions: permessage-deflate") {
		t.Fatalf("HeadersResponse lacks the extension:\n%s", resp)
	}
	msg := bytes.Repeat([]byte("compress me "), 500)
	must(t, Write(cli, TypeText, msg, 0))
	if ev := cc.next(events.EvMessage); !bytes.Equal(ev.Data, msg) {
		t.Fatal("deflated echo differs")
	}
	sent, _ := GetInt(sconn, "RecBytes")
	if sent <= 0 || sent >= int64(len(msg)) {
		t.Fatalf("server received %d wire bytes for a %d-byte compressible message", sent, len(msg))
	}
}

func TestHeartbeatPings(t *testing.T) {
	srv, addr := newServerOn(t, KindServer, nil)
	sc := newCollector(t, srv, "neNoSync", nil)
	cli := newClientTo(t, "ws://"+addr)
	must(t, SetBool(cli, "HeartBeat.Enabled", true))
	must(t, SetInt(cli, "HeartBeat.Interval", 1))
	must(t, Connect(cli, 5*time.Second, false))
	sconn := sc.next(events.EvConnect).Connection
	deadline := time.Now().Add(waitLimit)
	for {
		n, err := GetInt(sconn, "RecBytes")
		must(t, err)
		if n > 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("no heartbeat ping received")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// rawPeer completes a WebSocket handshake with addr over plain TCP and returns the connection with
// its reader; the test decides what, if anything, the peer does afterwards.
func rawPeer(t *testing.T, addr string) (net.Conn, *bufio.Reader) {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	must(t, err)
	t.Cleanup(func() { c.Close() })
	must(t, c.SetDeadline(time.Now().Add(waitLimit)))
	_, err = io.WriteString(c, "GET / HTTP/1.1\r\nHost: "+addr+"\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"+
		"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
	must(t, err)
	br := bufio.NewReader(c)
	resp, err := http.ReadResponse(br, nil)
	must(t, err)
	if resp.StatusCode != http.StatusSwitchingProtocols {
		t.Fatalf("handshake status %d", resp.StatusCode)
	}
	return c, br
}

func TestHeartbeatTimeoutDropsSilentPeer(t *testing.T) {
	srv, addr := newServerOn(t, KindServer, func(h uint64) {
		must(t, SetBool(h, "HeartBeat.Enabled", true))
		must(t, SetInt(h, "HeartBeat.Interval", 1))
		must(t, SetInt(h, "HeartBeat.Timeout", 1))
	})
	sc := newCollector(t, srv, "neNoSync", nil)
	_, br := rawPeer(t, addr)
	conn := sc.next(events.EvConnect).Connection
	// The peer reads (so the server's writes never block) but never answers.
	pings := 0
	var readErr error
	closed := make(chan struct{})
	go func() {
		defer close(closed)
		for {
			b, err := br.ReadByte()
			if err != nil {
				readErr = err
				return
			}
			if b == 0x89 { // FIN + ping opcode; the engine's pings are empty, so no payload byte matches
				pings++
			}
		}
	}()
	ev := sc.next(events.EvDisconnect)
	if ev.Connection != conn || ev.Code != 1006 {
		t.Fatalf("disconnect of %#x with code %d, want %#x 1006", ev.Connection, ev.Code, conn)
	}
	// The server really closed the TCP connection (the read deadline bounds the wait).
	<-closed
	if pings == 0 {
		t.Fatal("the peer saw no ping before being dropped")
	}
	if errors.Is(readErr, os.ErrDeadlineExceeded) {
		t.Fatal("the server did not close the peer's TCP connection")
	}
}
