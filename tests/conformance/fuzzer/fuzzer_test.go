package fuzzer_test

import (
	"bufio"
	"crypto/sha1"
	"encoding/base64"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/sgcws/sgcws/tests/conformance/cases"
	"github.com/sgcws/sgcws/tests/conformance/fuzzer"
)

// The fuzzer is judged against gorilla/websocket, an independent implementation that passes the real
// Autobahn suite, and against deliberately broken peers that it must catch.

var upgrader = websocket.Upgrader{EnableCompression: true}

func gorillaEcho(w http.ResponseWriter, r *http.Request) {
	c, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	defer c.Close()
	c.EnableWriteCompression(true)
	for {
		mt, msg, err := c.ReadMessage()
		if err != nil {
			return
		}
		if c.WriteMessage(mt, msg) != nil {
			return
		}
	}
}

func hostport(t *testing.T, h http.HandlerFunc) string {
	s := httptest.NewServer(h)
	t.Cleanup(s.Close)
	return strings.TrimPrefix(s.URL, "http://")
}

func selected(t *testing.T, ids ...string) []*fuzzer.Case {
	cs := fuzzer.Select(cases.All(), ids, nil)
	if len(cs) == 0 {
		t.Fatalf("no case matches %v", ids)
	}
	return cs
}

func TestClientAgainstGorilla(t *testing.T) {
	results := fuzzer.RunClient(hostport(t, gorillaEcho), selected(t, "1.*", "2.*", "5.*", "7.7.*"), nil)
	for _, r := range results {
		if r.Result != fuzzer.OK {
			t.Errorf("%s: %s (%s; close %s: %s)", r.ID, r.Result, r.ResultText, r.BehaviorClose, r.CloseText)
		}
	}
}

// verbatimEcho is a broken server: it completes the handshake, then sends every frame back unmasked
// but otherwise as it came (reserved bits, opcodes and all), and never fails the connection.
func verbatimEcho(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer conn.Close()
				br := bufio.NewReader(conn)
				req, err := http.ReadRequest(br)
				if err != nil {
					return
				}
				key := req.Header.Get("Sec-WebSocket-Key")
				conn.Write([]byte("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
					"Sec-WebSocket-Accept: " + websocketAccept(key) + "\r\n\r\n"))
				for {
					var h [2]byte
					if _, err := br.Read(h[:1]); err != nil {
						return
					}
					if _, err := br.Read(h[1:]); err != nil {
						return
					}
					n := int(h[1] & 0x7f) // the tests below only send short frames
					mask := make([]byte, 4)
					readFull(br, mask)
					payload := make([]byte, n)
					readFull(br, payload)
					for i := range payload {
						payload[i] ^= mask[i&3]
					}
					conn.Write(append([]byte{h[0], byte(n)}, payload...))
				}
			}()
		}
	}()
	return ln.Addr().String()
}

func readFull(r *bufio.Reader, b []byte) {
	for i := range b {
		b[i], _ = r.ReadByte()
	}
}

// websocketAccept computes Sec-WebSocket-Accept (gorilla keeps its helper private).
func websocketAccept(key string) string {
	h := sha1.Sum([]byte(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"))
	return base64.StdEncoding.EncodeToString(h[:])
}

func TestClientCatchesBrokenServer(t *testing.T) {
	addr := verbatimEcho(t)
	for _, id := range []string{"3.1", "4.1.1", "7.3.2"} {
		r := fuzzer.RunClient(addr, selected(t, id), nil)[0]
		if r.Result != fuzzer.Failed {
			t.Errorf("%s against a server that never fails: %s, want FAILED (%s)", id, r.Result, r.ResultText)
		}
	}
}

func TestServerAgainstGorillaClient(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	reported := make(chan []fuzzer.CaseResult, 1)
	s := &fuzzer.Server{Cases: selected(t, "1.*", "2.*", "7.7.*"),
		OnReport: func(_ string, r []fuzzer.CaseResult) { reported <- r }}
	go s.Serve(ln)
	base := "ws://" + ln.Addr().String()

	count := visit(t, base+"/getCaseCount")
	n, err := strconv.Atoi(count)
	if err != nil || n != len(s.Cases) {
		t.Fatalf("getCaseCount = %q, want %d", count, len(s.Cases))
	}
	for i := 1; i <= n; i++ {
		visit(t, base+"/runCase?agent=gorilla&case="+strconv.Itoa(i))
	}
	visit(t, base+"/updateReports?agent=gorilla")
	select {
	case results := <-reported:
		if len(results) != n {
			t.Fatalf("%d results, want %d", len(results), n)
		}
		for _, r := range results {
			if r.Result != fuzzer.OK {
				t.Errorf("%s: %s (%s; close %s: %s)", r.ID, r.Result, r.ResultText, r.BehaviorClose, r.CloseText)
			}
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no report")
	}
}

// visit connects a gorilla client, echoes until the fuzzing server closes, and returns the first text.
func visit(t *testing.T, url string) string {
	c, _, err := websocket.DefaultDialer.Dial(url, nil)
	if err != nil {
		t.Fatalf("%s: %v", url, err)
	}
	defer c.Close()
	c.SetReadDeadline(time.Now().Add(20 * time.Second))
	first := ""
	for {
		mt, msg, err := c.ReadMessage()
		if err != nil {
			return first
		}
		if first == "" {
			first = string(msg)
		}
		c.WriteMessage(mt, msg)
	}
}
