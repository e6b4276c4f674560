package wsproto

import (
	"net/http"
	"testing"
)

func TestAcceptKey(t *testing.T) {
	// Example from RFC 6455 section 1.3.
	if got := AcceptKey("dGhlIHNhbXBsZSBub25jZQ=="); got != "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=" {
		t.Fatalf("got %s", got)
	}
}

func TestNewKey(t *testing.T) {
	k := NewKey()
	if !ValidKey(k) || k == NewKey() {
		t.Fatalf("bad key %q", k)
	}
	if ValidKey("abc") {
		t.Fatal("short key accepted")
	}
}

func TestHeaderHasToken(t *testing.T) {
	h := http.Header{}
	h.Add("Connection", "keep-alive, Upgrade")
	h.Add("Upgrade", "WebSocket")
	if !HeaderHasToken(h, "Connection", "upgrade") || !HeaderHasToken(h, "upgrade", "websocket") {
		t.Fatal("token not found")
	}
	if HeaderHasToken(h, "Connection", "close") || HeaderHasToken(h, "Connection", "upgrad") {
		t.Fatal("false positive")
	}
	h.Add("Sec-WebSocket-Protocol", "a, b")
	h.Add("Sec-WebSocket-Protocol", " c ,,")
	if got := HeaderTokens(h, "Sec-WebSocket-Protocol"); len(got) != 3 || got[2] != "c" {
		t.Fatalf("tokens %q", got)
	}
}
