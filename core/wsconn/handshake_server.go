package wsconn

import (
	"bufio"
	"bytes"
	"errors"
	"net"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/sgcws/sgcws/core/wsproto"
)

// Upgrade is a validated client upgrade request.
type Upgrade struct {
	Request    *http.Request
	Key        string
	Protocols  []string // offered subprotocols, in client order
	Extensions []string // raw Sec-WebSocket-Extensions values
}

// UpgradeError is an invalid upgrade request; Status is the HTTP status
// to answer with (400, or 426 for an unsupported version).
type UpgradeError struct {
	Status int
	Msg    string
}

func (e *UpgradeError) Error() string { return "websocket upgrade: " + e.Msg }

// IsUpgradeRequest reports whether r asks for a WebSocket upgrade.
func IsUpgradeRequest(r *http.Request) bool {
	return r.Method == http.MethodGet && wsproto.HeaderHasToken(r.Header, "Upgrade", "websocket")
}

// ParseUpgrade validates r as an RFC 6455 opening handshake.
func ParseUpgrade(r *http.Request) (*Upgrade, error) {
	bad := func(msg string) (*Upgrade, error) {
		return nil, &UpgradeError{Status: http.StatusBadRequest, Msg: msg}
	}
	if r.Method != http.MethodGet {
		return bad("method is not GET")
	}
	if !wsproto.HeaderHasToken(r.Header, "Upgrade", "websocket") {
		return bad("missing Upgrade: websocket")
	}
	if !wsproto.HeaderHasToken(r.Header, "Connection", "upgrade") {
		return bad("missing Connection: upgrade")
	}
	if r.Header.Get("Sec-WebSocket-Version") != "13" {
		return nil, &UpgradeError{Status: http.StatusUpgradeRequired, Msg: "unsupported Sec-WebSocket-Version"}
	}
	key := strings.TrimSpace(r.Header.Get("Sec-WebSocket-Key"))
	if !wsproto.ValidKey(key) {
		return bad("invalid Sec-WebSocket-Key")
	}
	return &Upgrade{
		Request:    r,
		Key:        key,
		Protocols:  wsproto.HeaderTokens(r.Header, "Sec-WebSocket-Protocol"),
		Extensions: r.Header.Values("Sec-WebSocket-Extensions"),
	}, nil
}

// WriteUpgradeError answers a request ParseUpgrade rejected.
func WriteUpgradeError(w http.ResponseWriter, err error) {
	status := http.StatusBadRequest
	var ue *UpgradeError
	if errors.As(err, &ue) {
		status = ue.Status
	}
	if status == http.StatusUpgradeRequired {
		w.Header().Set("Sec-WebSocket-Version", "13")
	}
	http.Error(w, err.Error(), status)
}

// AcceptUpgrade hijacks the HTTP connection and writes the 101 answer.
// protocol must be empty or one of u.Protocols; extResponse is the
// Sec-WebSocket-Extensions value (e.g. from deflate.ServerNegotiate).
func AcceptUpgrade(w http.ResponseWriter, u *Upgrade, protocol string, extResponse string, extra http.Header) (net.Conn, *bufio.Reader, error) {
	if protocol != "" && !slices.Contains(u.Protocols, protocol) {
		return nil, nil, errors.New("websocket upgrade: subprotocol was not offered: " + protocol)
	}
	var b bytes.Buffer
	b.WriteString("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: " +
		wsproto.AcceptKey(u.Key) + "\r\n")
	if protocol != "" {
		b.WriteString("Sec-WebSocket-Protocol: " + protocol + "\r\n")
	}
	if extResponse != "" {
		b.WriteString("Sec-WebSocket-Extensions: " + extResponse + "\r\n")
	}
	if err := writeHeaders(&b, extra); err != nil {
		return nil, nil, err
	}
	if strings.ContainsAny(protocol+extResponse, "\r\n") {
		return nil, nil, errors.New("websocket upgrade: CR or LF in response field")
	}
	b.WriteString("\r\n")

	hj, ok := w.(http.Hijacker)
	if !ok {
		return nil, nil, errors.New("websocket upgrade: response writer does not support hijacking")
	}
	nc, brw, err := hj.Hijack()
	if err != nil {
		return nil, nil, err
	}
	// The HTTP server's deadlines must not kill a long-lived connection.
	_ = nc.SetDeadline(time.Time{})
	if _, err := nc.Write(b.Bytes()); err != nil {
		nc.Close()
		return nil, nil, err
	}
	return nc, brw.Reader, nil
}
