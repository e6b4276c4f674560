package cases

import (
	"strings"
	"unicode/utf8"
)

// utf8Vector is one payload of the generated cases 6.5.1 onwards.
type utf8Vector struct {
	valid   bool
	payload []byte
}

// utf8VectorGroup is one generated subgroup (6.5, 6.6, ...), in Autobahn's order.
type utf8VectorGroup struct {
	title   string
	vectors []utf8Vector
}

// kosme is the Greek word "κόσμε", the multi-byte sample of Markus Kuhn's UTF-8 decoder test.
const kosme = "\xce\xba\xe1\xbd\xb9\xcf\x83\xce\xbc\xce\xb5"

func good(payloads ...string) []utf8Vector { return vectors(true, payloads) }
func bad(payloads ...string) []utf8Vector  { return vectors(false, payloads) }

func vectors(valid bool, payloads []string) []utf8Vector {
	out := make([]utf8Vector, len(payloads))
	for i, s := range payloads {
		out[i] = utf8Vector{valid, []byte(s)}
	}
	return out
}

// prefixes lists every non-empty prefix of s; a prefix is valid when it ends on a code point boundary.
func prefixes(s string) []utf8Vector {
	var out []utf8Vector
	for n := 1; n <= len(s); n++ {
		out = append(out, utf8Vector{utf8.ValidString(s[:n]), []byte(s[:n])})
	}
	return out
}

// byteRun returns the bytes from..to-1 (Autobahn's half-open ranges), each followed by sep.
func byteRun(from, to byte, sep string) string {
	var b strings.Builder
	for c := from; c < to; c++ {
		b.WriteByte(c)
		b.WriteString(sep)
	}
	return b.String()
}

// encodedRunes returns the UTF-8 encodings of the given code points.
func encodedRunes(runes ...rune) []string {
	out := make([]string, len(runes))
	for i, r := range runes {
		out[i] = string(r)
	}
	return out
}

// noncharacters are U+nFFFE and U+nFFFF of every plane 0..16: valid UTF-8 that is not text.
func noncharacters() []string {
	var runes []rune
	for plane := rune(0); plane <= 0x10; plane++ {
		runes = append(runes, plane<<16|0xfffe, plane<<16|0xffff)
	}
	return encodedRunes(runes...)
}

// surrogatePairs are CESU-8 style pairs: a high surrogate then a low one, each encoded on its own.
func surrogatePairs() []string {
	var out []string
	for _, high := range []string{"\xed\xa0\x80", "\xed\xad\xbf", "\xed\xae\x80", "\xed\xaf\xbf"} {
		for _, low := range []string{"\xed\xb0\x80", "\xed\xbf\xbf"} {
			out = append(out, high+low)
		}
	}
	return out
}

// truncatedSequences are 2- to 6-byte sequences (lowest, then highest lead byte) without their last byte.
var truncatedSequences = []string{"\xc0", "\xe0\x80", "\xf0\x80\x80", "\xf8\x80\x80\x80", "\xfc\x80\x80\x80\x80",
	"\xdf", "\xef\xbf", "\xf7\xbf\xbf", "\xfb\xbf\xbf\xbf", "\xfd\xbf\xbf\xbf\xbf"}

// utf8VectorGroups follows Autobahn's case6_x_x, which walks Markus Kuhn's UTF-8-test.txt; the
// first group is numbered 6.5.
func utf8VectorGroups() []utf8VectorGroup {
	return []utf8VectorGroup{
		{"valid text", good("hello\x24world", "hello\xc2\xa2world", "hello\xe2\x82\xacworld",
			"hello\xf0\xa4\xad\xa2world", kosme)},
		{"prefixes of a multi-byte word", prefixes(kosme)},
		{"first code point of each sequence length", good("\x00", "\xc2\x80", "\xe0\xa0\x80", "\xf0\x90\x80\x80")},
		{"first 5- and 6-byte sequences (past U+10FFFF)", bad("\xf8\x88\x80\x80\x80", "\xfc\x84\x80\x80\x80\x80")},
		{"last code point of each sequence length", good("\x7f", "\xdf\xbf", "\xef\xbf\xbf", "\xf4\x8f\xbf\xbf")},
		{"last 4-, 5- and 6-byte sequences (past U+10FFFF)",
			bad("\xf7\xbf\xbf\xbf", "\xfb\xbf\xbf\xbf\xbf", "\xfd\xbf\xbf\xbf\xbf\xbf")},
		{"other boundaries", append(good("\xed\x9f\xbf", "\xee\x80\x80", "\xef\xbf\xbd", "\xf4\x8f\xbf\xbf"),
			bad("\xf4\x90\x80\x80")...)},
		{"continuation bytes without a lead byte", bad("\x80", "\xbf", "\x80\xbf", "\x80\xbf\x80",
			"\x80\xbf\x80\xbf", "\x80\xbf\x80\xbf\x80", "\x80\xbf\x80\xbf\x80\xbf", byteRun(0x80, 0xbf, ""))},
		{"lead bytes each followed by a space", bad(byteRun(0xc0, 0xdf, " "), byteRun(0xe0, 0xef, " "),
			byteRun(0xf0, 0xf7, " "), byteRun(0xf8, 0xfb, " "), byteRun(0xfc, 0xfd, " "))},
		{"sequences missing their last byte", bad(truncatedSequences...)},
		{"all those truncated sequences in a row", bad(strings.Join(truncatedSequences, ""))},
		{"bytes that never occur in UTF-8", bad("\xfe", "\xff", "\xfe\xfe\xff\xff")},
		{"overlong encodings of '/'", bad("\xc0\xaf", "\xe0\x80\xaf", "\xf0\x80\x80\xaf", "\xf8\x80\x80\x80\xaf",
			"\xfc\x80\x80\x80\x80\xaf")},
		{"largest overlong encodings", bad("\xc1\xbf", "\xe0\x9f\xbf", "\xf0\x8f\xbf\xbf", "\xf8\x87\xbf\xbf\xbf",
			"\xfc\x83\xbf\xbf\xbf\xbf")},
		{"overlong encodings of NUL", bad("\xc0\x80", "\xe0\x80\x80", "\xf0\x80\x80\x80", "\xf8\x80\x80\x80\x80",
			"\xfc\x80\x80\x80\x80\x80")},
		{"lone UTF-16 surrogates", bad("\xed\xa0\x80", "\xed\xad\xbf", "\xed\xae\x80", "\xed\xaf\xbf",
			"\xed\xb0\x80", "\xed\xbe\x80", "\xed\xbf\xbf")},
		{"paired UTF-16 surrogates", bad(surrogatePairs()...)},
		{"noncharacters (valid UTF-8)", good(noncharacters()...)},
		{"the Specials block U+FFF9..U+FFFF", good(encodedRunes(0xfff9, 0xfffa, 0xfffb, 0xfffc, 0xfffd, 0xfffe, 0xffff)...)},
	}
}
