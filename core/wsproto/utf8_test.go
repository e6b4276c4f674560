package wsproto

import (
	"math/rand/v2"
	"testing"
	"unicode/utf8"
)

// edge cases in the spirit of Autobahn section 6.
var utf8Edge = [][]byte{
	{},
	[]byte("Hello-µ@ßöäüàá-UTF-8!!"),
	{0xce, 0xba, 0xe1, 0xbd, 0xb9, 0xcf, 0x83, 0xce, 0xbc, 0xce, 0xb5},
	{0xed, 0xa0, 0x80},             // surrogate U+D800
	{0xed, 0xbf, 0xbf},             // surrogate U+DFFF
	{0xed, 0x9f, 0xbf},             // U+D7FF ok
	{0xee, 0x80, 0x80},             // U+E000 ok
	{0xf4, 0x8f, 0xbf, 0xbf},       // U+10FFFF ok
	{0xf4, 0x90, 0x80, 0x80},       // U+110000
	{0xf5, 0x80, 0x80, 0x80},       // > U+10FFFF
	{0xf7, 0xbf, 0xbf, 0xbf},       // U+1FFFFF
	{0xf8, 0x88, 0x80, 0x80, 0x80}, // 5-byte
	{0xc0, 0xaf},                   // overlong '/'
	{0xc1, 0xbf},                   // overlong
	{0xe0, 0x80, 0xaf},             // overlong
	{0xe0, 0x9f, 0xbf},             // overlong
	{0xf0, 0x80, 0x80, 0xaf},       // overlong
	{0xf0, 0x8f, 0xbf, 0xbf},       // overlong
	{0x80},                         // lone continuation
	{0xbf},
	{0xc2},             // truncated
	{0xe0, 0xa0},       // truncated
	{0xf0, 0x90, 0x80}, // truncated
	{0xfe}, {0xff},
	{0xef, 0xbf, 0xbe}, // U+FFFE noncharacter is valid UTF-8
	{0xf0, 0x9f, 0x98, 0x80},
}

func checkSplits(t *testing.T, b []byte) {
	t.Helper()
	want := utf8.Valid(b)
	for cut1 := 0; cut1 <= len(b); cut1++ {
		for cut2 := cut1; cut2 <= len(b); cut2++ {
			var v UTF8Validator
			ok := v.Write(b[:cut1]) && v.Write(b[cut1:cut2]) && v.Write(b[cut2:])
			got := ok && v.Complete()
			if got != want {
				t.Fatalf("%x split %d/%d: got %v want %v", b, cut1, cut2, got, want)
			}
		}
	}
}

func TestUTF8ValidatorEdgeCases(t *testing.T) {
	for _, b := range utf8Edge {
		checkSplits(t, b)
		// Also embedded in ASCII context.
		checkSplits(t, append(append([]byte("ab"), b...), 'z'))
	}
}

func TestUTF8ValidatorFailFast(t *testing.T) {
	var v UTF8Validator
	// E0 80 can never start valid UTF-8: must fail before the sequence ends.
	if v.Write([]byte{'a', 0xe0, 0x80}) {
		t.Fatal("E0 80 accepted as prefix")
	}
	v.Reset()
	if !v.Write([]byte{0xf4}) || v.Write([]byte{0x90}) {
		t.Fatal("F4 90 accepted as prefix")
	}
	v.Reset()
	if !v.Write([]byte{0xe2, 0x82}) || v.Complete() {
		t.Fatal("partial code point must be pending")
	}
	if !v.Write([]byte{0xac}) || !v.Complete() {
		t.Fatal("euro sign rejected")
	}
}

func TestUTF8ValidatorRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	alphabet := []byte{'a', 0x80, 0xbf, 0xc2, 0xdf, 0xe0, 0xa0, 0xed, 0x9f, 0xf0, 0x90, 0xf4, 0x8f, 0xff}
	for i := 0; i < 3000; i++ {
		n := r.IntN(12)
		b := make([]byte, n)
		for j := range b {
			if r.IntN(2) == 0 {
				b[j] = alphabet[r.IntN(len(alphabet))]
			} else {
				b[j] = byte(r.Uint32())
			}
		}
		checkSplits(t, b)
	}
	// Valid random strings with multi-byte runes split anywhere.
	for i := 0; i < 200; i++ {
		var s []rune
		for j := 0; j < 20; j++ {
			s = append(s, rune(r.IntN(0x10FFFF)))
		}
		checkSplits(t, []byte(string(s)))
	}
}
