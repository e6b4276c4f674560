package wsproto

import (
	"bufio"
	"bytes"
	"testing"
	"unicode/utf8"
)

func FuzzReadHeader(f *testing.F) {
	f.Add([]byte{0x81, 0x85, 1, 2, 3, 4})
	f.Add([]byte{0x82, 126, 0x01, 0x00})
	f.Add([]byte{0x82, 127, 0, 0, 0, 0, 0, 1, 0, 0})
	f.Fuzz(func(t *testing.T, b []byte) {
		h, err := ReadHeader(bufio.NewReader(bytes.NewReader(b)))
		if err != nil {
			return
		}
		// A header we accept must re-encode to the same bytes.
		enc := AppendHeader(nil, h)
		if !bytes.Equal(enc, b[:len(enc)]) {
			t.Fatalf("re-encoding %x differs from input %x", enc, b)
		}
	})
}

func FuzzParseClosePayload(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte{0x03, 0xe8, 'o', 'k'})
	f.Add([]byte{0x03})
	f.Fuzz(func(t *testing.T, b []byte) {
		code, reason, err := ParseClosePayload(b)
		if err != nil {
			return
		}
		if len(b) == 0 {
			if code != CloseNoStatus {
				t.Fatal("empty payload must be 1005")
			}
			return
		}
		if !ValidCloseCode(code) || !utf8.ValidString(reason) {
			t.Fatalf("accepted invalid close %d %q", code, reason)
		}
	})
}

func FuzzUTF8Validator(f *testing.F) {
	for _, b := range utf8Edge {
		f.Add(b, uint8(1))
	}
	f.Fuzz(func(t *testing.T, b []byte, cut uint8) {
		c := int(cut)
		if c > len(b) {
			c = len(b)
		}
		var v UTF8Validator
		got := v.Write(b[:c]) && v.Write(b[c:]) && v.Complete()
		if got != utf8.Valid(b) {
			t.Fatalf("%x cut %d: got %v", b, c, got)
		}
	})
}
