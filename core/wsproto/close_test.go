package wsproto

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestValidCloseCode(t *testing.T) {
	valid := []int{1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 3000, 3999, 4000, 4999}
	invalid := []int{0, 999, 1004, 1005, 1006, 1012, 1013, 1014, 1015, 1016, 1100, 2000, 2999, 5000, 65535}
	for _, c := range valid {
		if !ValidCloseCode(c) {
			t.Errorf("%d should be valid", c)
		}
	}
	for _, c := range invalid {
		if ValidCloseCode(c) {
			t.Errorf("%d should be invalid", c)
		}
	}
}

func TestParseClosePayload(t *testing.T) {
	cases := []struct {
		name    string
		in      []byte
		code    int
		reason  string
		errCode int // 0 = no error, -1 = any error
	}{
		{"empty", nil, 1005, "", 0},
		{"one byte", []byte{0x03}, 0, "", 1002},
		{"normal", []byte{0x03, 0xe8}, 1000, "", 0},
		{"reason", append([]byte{0x03, 0xe9}, "bye"...), 1001, "bye", 0},
		{"utf8 reason", append([]byte{0x0f, 0xa0}, "héllo €"...), 4000, "héllo €", 0},
		{"1005 on wire", []byte{0x03, 0xed}, 0, "", 1002},
		{"1006 on wire", []byte{0x03, 0xee}, 0, "", 1002},
		{"999", []byte{0x03, 0xe7}, 0, "", 1002},
		{"5000", []byte{0x13, 0x88}, 0, "", 1002},
		{"bad utf8", []byte{0x03, 0xe8, 0xce, 0xba, 0xe1, 0xbd, 0xb9, 0xcf, 0x83, 0xce, 0xbc, 0xce, 0xb5, 0xed, 0xa0, 0x80}, 0, "", 1007},
	}
	for _, c := range cases {
		code, reason, err := ParseClosePayload(c.in)
		if c.errCode != 0 {
			var pe *ProtocolError
			if !errors.As(err, &pe) || pe.Code != c.errCode {
				t.Errorf("%s: err %v, want protocol error %d", c.name, err, c.errCode)
			}
			continue
		}
		if err != nil || code != c.code || reason != c.reason {
			t.Errorf("%s: got %d %q %v", c.name, code, reason, err)
		}
	}
}

func TestClosePayload(t *testing.T) {
	if p := ClosePayload(-1, "x"); len(p) != 0 {
		t.Fatalf("negative code: %v", p)
	}
	p := ClosePayload(1000, "ok")
	if c, r, err := ParseClosePayload(p); err != nil || c != 1000 || r != "ok" {
		t.Fatalf("round trip: %d %q %v", c, r, err)
	}
	long := strings.Repeat("€", 100) // 300 bytes, 3-byte runes
	p = ClosePayload(1001, long)
	if len(p) > MaxControlPayload {
		t.Fatalf("payload %d > 125", len(p))
	}
	if !utf8.Valid(p[2:]) {
		t.Fatal("truncation split a rune")
	}
}
