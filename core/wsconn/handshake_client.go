package wsconn

import (
	"bufio"
	"bytes"
	"io"
	"net"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/sgcws/sgcws/core/deflate"
	"github.com/sgcws/sgcws/core/wsproto"
)

// ClientRequest describes the opening handshake a client sends.
type ClientRequest struct {
	Host      string // host[:port] for the Host header
	Path      string // request target, e.g. "/?id=1"
	Origin    string
	Protocols []string
	Header    http.Header // extra headers
	Deflate   deflate.Config
}

// ClientResult is what the server agreed to.
type ClientResult struct {
	Status   int
	Header   http.Header
	Protocol string
	Deflate  *deflate.Params
}

// HandshakeError is a failed opening handshake. For a non-101 answer,
// Status, Header and the first 4 KiB of Body describe it.
type HandshakeError struct {
	Status int
	Header http.Header
	Body   []byte
	Msg    string
}

func (e *HandshakeError) Error() string {
	if e.Msg != "" {
		return "websocket handshake: " + e.Msg
	}
	return "websocket handshake: unexpected HTTP status " + strconv.Itoa(e.Status)
}

const maxErrorBody = 4096

// ClientHandshake writes the upgrade request on nc and validates the
// answer. The returned reader may already hold the first frames.
func ClientHandshake(nc net.Conn, req ClientRequest) (*bufio.Reader, *ClientResult, error) {
	key := wsproto.NewKey()
	path := req.Path
	if path == "" {
		path = "/"
	}
	var b bytes.Buffer
	b.WriteString("GET " + path + " HTTP/1.1\r\nHost: " + req.Host +
		"\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key +
		"\r\nSec-WebSocket-Version: 13\r\n")
	if req.Origin != "" {
		b.WriteString("Origin: " + req.Origin + "\r\n")
	}
	if len(req.Protocols) > 0 {
		b.WriteString("Sec-WebSocket-Protocol: " + strings.Join(req.Protocols, ", ") + "\r\n")
	}
	if req.Deflate.Enabled {
		b.WriteString("Sec-WebSocket-Extensions: " + deflate.ClientOffer(req.Deflate) + "\r\n")
	}
	if err := writeHeaders(&b, req.Header); err != nil {
		return nil, nil, err
	}
	b.WriteString("\r\n")
	if strings.ContainsAny(path+req.Host+req.Origin+strings.Join(req.Protocols, ""), "\r\n") {
		return nil, nil, &HandshakeError{Msg: "CR or LF in request field"}
	}
	if _, err := nc.Write(b.Bytes()); err != nil {
		return nil, nil, err
	}

	br := bufio.NewReaderSize(nc, 4096)
	resp, err := http.ReadResponse(br, &http.Request{Method: http.MethodGet})
	if err != nil {
		return nil, nil, err
	}
	res := &ClientResult{Status: resp.StatusCode, Header: resp.Header}
	if resp.StatusCode != http.StatusSwitchingProtocols {
		body, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
		return nil, res, &HandshakeError{Status: resp.StatusCode, Header: resp.Header, Body: body}
	}
	fail := func(msg string) (*bufio.Reader, *ClientResult, error) {
		return nil, res, &HandshakeError{Status: resp.StatusCode, Header: resp.Header, Msg: msg}
	}
	if !wsproto.HeaderHasToken(resp.Header, "Upgrade", "websocket") {
		return fail("missing Upgrade: websocket")
	}
	if !wsproto.HeaderHasToken(resp.Header, "Connection", "upgrade") {
		return fail("missing Connection: upgrade")
	}
	if resp.Header.Get("Sec-WebSocket-Accept") != wsproto.AcceptKey(key) {
		return fail("bad Sec-WebSocket-Accept")
	}
	if p := resp.Header.Get("Sec-WebSocket-Protocol"); p != "" {
		if !slices.Contains(req.Protocols, p) {
			return fail("server chose a subprotocol that was not offered: " + p)
		}
		res.Protocol = p
	}
	if exts := resp.Header.Values("Sec-WebSocket-Extensions"); len(exts) > 0 {
		if !req.Deflate.Enabled {
			return fail("server accepted extensions that were not offered")
		}
		p, ok, err := deflate.ClientAccept(req.Deflate, strings.Join(exts, ", "))
		if err != nil {
			return fail(err.Error())
		}
		if ok {
			res.Deflate = &p
		}
	}
	return br, res, nil
}

// writeHeaders appends extra headers, refusing header injection.
func writeHeaders(b *bytes.Buffer, h http.Header) error {
	for k, vs := range h {
		for _, v := range vs {
			if strings.ContainsAny(k+v, "\r\n") || k == "" {
				return &HandshakeError{Msg: "invalid extra header " + strconv.Quote(k)}
			}
			b.WriteString(k + ": " + v + "\r\n")
		}
	}
	return nil
}
