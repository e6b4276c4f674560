package props

import (
	"strings"
	"testing"
)

func TestParseWSURL(t *testing.T) {
	ok := []struct {
		in   string
		host string
		port int
		tls  bool
		path string
	}{
		{"ws://example.com", "example.com", 80, false, "/"},
		{"wss://example.com", "example.com", 443, true, "/"},
		{"WSS://Example.com:8443/chat?x=1&y=2", "Example.com", 8443, true, "/chat?x=1&y=2"},
		{"http://h/p", "h", 80, false, "/p"},
		{"https://h:1/", "h", 1, true, "/"},
		{"ws://[::1]:9000/a%20b", "::1", 9000, false, "/a%20b"},
		{"ws://[::1]", "::1", 80, false, "/"},
		{"ws://h?q", "h", 80, false, "/?q"},
		{"  ws://h/  ", "h", 80, false, "/"},
	}
	for _, c := range ok {
		h, p, tls, path, err := ParseWSURL(c.in)
		if err != nil || h != c.host || p != c.port || tls != c.tls || path != c.path {
			t.Errorf("%q → %q %d %v %q %v", c.in, h, p, tls, path, err)
		}
	}
	bad := []struct{ in, want string }{
		{"", "empty URL"},
		{"   ", "empty URL"},
		{"example.com:80", "missing scheme"},
		{"ftp://h", `unsupported scheme "ftp"`},
		{"ws://", "missing host"},
		{"ws://:80/", "missing host"},
		{"ws://h:0", `bad port "0"`},
		{"ws://h:70000", `bad port "70000"`},
		{"ws://h:abc", "invalid port"},
		{"ws://u:p@h", "user info"},
		{"ws://h/#frag", "fragment"},
		{"ws://[::1/", "missing ']'"},
	}
	for _, c := range bad {
		_, _, _, _, err := ParseWSURL(c.in)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: err = %v, want it to mention %q", c.in, err, c.want)
		}
	}
}
