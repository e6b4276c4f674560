package fuzzer

import (
	"bufio"
	"crypto/rand"
	"crypto/sha1"
	"encoding/base64"
	"fmt"
	"net"
	"net/http"
	"strings"
	"time"
)

const handshakeTimeout = 10 * time.Second

func acceptKey(key string) string {
	h := sha1.Sum([]byte(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"))
	return base64.StdEncoding.EncodeToString(h[:])
}

// dial opens a connection to the testee server at hostport and performs the opening handshake for
// path, offering permessage-deflate when s is set. The pmd is nil when it was not negotiated.
func dial(hostport, path string, s *DeflateSettings) (net.Conn, *bufio.Reader, *pmd, error) {
	conn, err := net.DialTimeout("tcp", hostport, handshakeTimeout)
	if err != nil {
		return nil, nil, nil, err
	}
	conn.SetDeadline(time.Now().Add(handshakeTimeout))
	var raw [16]byte
	rand.Read(raw[:])
	key := base64.StdEncoding.EncodeToString(raw[:])
	req := "GET " + path + " HTTP/1.1\r\nHost: " + hostport + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
		"Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\nUser-Agent: sgcws-fuzzingclient\r\n"
	if s != nil {
		req += "Sec-WebSocket-Extensions: " + offerHeader(s) + "\r\n"
	}
	if _, err := conn.Write([]byte(req + "\r\n")); err != nil {
		conn.Close()
		return nil, nil, nil, err
	}
	br := bufio.NewReaderSize(conn, 64<<10)
	resp, err := http.ReadResponse(br, nil)
	if err != nil {
		conn.Close()
		return nil, nil, nil, fmt.Errorf("handshake response: %w", err)
	}
	resp.Body.Close()
	fail := func(format string, a ...any) (net.Conn, *bufio.Reader, *pmd, error) {
		conn.Close()
		return nil, nil, nil, fmt.Errorf(format, a...)
	}
	if resp.StatusCode != http.StatusSwitchingProtocols {
		return fail("handshake: status %s", resp.Status)
	}
	if got := resp.Header.Get("Sec-WebSocket-Accept"); got != acceptKey(key) {
		return fail("handshake: Sec-WebSocket-Accept %q", got)
	}
	var d *pmd
	if ext := strings.Join(resp.Header.Values("Sec-WebSocket-Extensions"), ", "); ext != "" {
		if s == nil {
			return fail("handshake: server answered extensions nobody offered: %q", ext)
		}
		if d, err = clientAccepts(ext); err != nil {
			return fail("handshake: %v", err)
		}
	}
	conn.SetDeadline(time.Time{})
	return conn, br, d, nil
}

// upgrade reads the testee client's opening request from conn; answer completes it for a case.
type upgrade struct {
	conn net.Conn
	br   *bufio.Reader
	req  *http.Request
}

func readUpgrade(conn net.Conn) (*upgrade, error) {
	conn.SetDeadline(time.Now().Add(handshakeTimeout))
	br := bufio.NewReaderSize(conn, 64<<10)
	req, err := http.ReadRequest(br)
	if err != nil {
		return nil, err
	}
	if !strings.EqualFold(req.Header.Get("Upgrade"), "websocket") || req.Header.Get("Sec-WebSocket-Key") == "" {
		conn.Write([]byte("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"))
		return nil, fmt.Errorf("not a WebSocket upgrade: %s %s", req.Method, req.URL)
	}
	return &upgrade{conn: conn, br: br, req: req}, nil
}

// accept answers the upgrade, negotiating permessage-deflate when s is set.
func (u *upgrade) accept(s *DeflateSettings) (*pmd, error) {
	var d *pmd
	resp := "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
		"Sec-WebSocket-Accept: " + acceptKey(u.req.Header.Get("Sec-WebSocket-Key")) + "\r\nServer: sgcws-fuzzingserver\r\n"
	if s != nil {
		var answer string
		d, answer = serverAnswer(strings.Join(u.req.Header.Values("Sec-WebSocket-Extensions"), ", "), s)
		if answer != "" {
			resp += "Sec-WebSocket-Extensions: " + answer + "\r\n"
		}
	}
	_, err := u.conn.Write([]byte(resp + "\r\n"))
	u.conn.SetDeadline(time.Time{})
	return d, err
}
