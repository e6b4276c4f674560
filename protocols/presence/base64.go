package presence

import (
	"encoding/base64"
	"strings"
	"unicode/utf8"
)

// b64Prefix marks a base64-encoded string value (EncodeBase64).
const b64Prefix = "sgc@b64:"

// encodeField encodes s for the wire. With EncodeBase64 off a value that
// already starts with the prefix is encoded anyway, otherwise the peer
// would decode text that was never encoded.
func encodeField(s string, on bool) string {
	if s == "" || (!on && !strings.HasPrefix(s, b64Prefix)) {
		return s
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	return b64Prefix + base64.StdEncoding.EncodeToString([]byte(s))
}

// decodeField undoes encodeField, one layer only. Text that is not valid
// base64 is kept as it came. Bytes that are not UTF-8 are read as Latin-1:
// that is what the vendor JS's btoa produces for U+0080..U+00FF.
func decodeField(s string) string {
	rest, ok := strings.CutPrefix(s, b64Prefix)
	if !ok {
		return s
	}
	raw, err := base64.StdEncoding.DecodeString(rest)
	if err != nil {
		if raw, err = base64.RawStdEncoding.DecodeString(rest); err != nil {
			return s
		}
	}
	if utf8.Valid(raw) {
		return string(raw)
	}
	rs := make([]rune, len(raw))
	for i, c := range raw {
		rs[i] = rune(c)
	}
	return string(rs)
}
