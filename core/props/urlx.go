package props

import (
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
)

// ParseWSURL splits a WebSocket URL, as set through a client's URL
// property, into what the connection needs. Schemes ws and wss (and http,
// https as aliases) are accepted case-insensitively; the port defaults to 80
// or 443; host is returned without IPv6 brackets (join it with
// net.JoinHostPort); path defaults to "/" and keeps the query. User info and
// fragments are rejected: RFC 6455 forbids fragments and credentials belong
// in the Authentication properties.
func ParseWSURL(s string) (host string, port int, tls bool, path string, err error) {
	fail := func(format string, a ...any) (string, int, bool, string, error) {
		return "", 0, false, "", errors.New("URL " + strconv.Quote(s) + ": " + fmt.Sprintf(format, a...))
	}
	s0 := strings.TrimSpace(s)
	if s0 == "" {
		return "", 0, false, "", errors.New("empty URL")
	}
	i := strings.Index(s0, "://")
	if i < 0 {
		return fail("missing scheme (want ws:// or wss://)")
	}
	switch strings.ToLower(s0[:i]) {
	case "ws", "http":
		port = 80
	case "wss", "https":
		port, tls = 443, true
	default:
		return fail("unsupported scheme %q (want ws, wss, http or https)", s0[:i])
	}
	u, perr := url.Parse(s0)
	if perr != nil {
		var ue *url.Error
		if errors.As(perr, &ue) {
			perr = ue.Err
		}
		return fail("%v", perr)
	}
	if u.User != nil {
		return fail("user info is not supported")
	}
	if u.Fragment != "" || strings.Contains(s0, "#") {
		return fail("fragments are not allowed in WebSocket URLs")
	}
	host = u.Hostname()
	if host == "" {
		return fail("missing host")
	}
	if p := u.Port(); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > 65535 {
			return fail("bad port %q (want 1..65535)", p)
		}
		port = n
	}
	path = u.EscapedPath()
	if path == "" {
		path = "/"
	} else if path[0] != '/' {
		return fail("bad path %q", path)
	}
	if u.RawQuery != "" || u.ForceQuery {
		path += "?" + u.RawQuery
	}
	return host, port, tls, path, nil
}
