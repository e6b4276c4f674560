package deflate

import (
	"strconv"
	"strings"
)

// ExtensionName is the extension token of RFC 7692.
const ExtensionName = "permessage-deflate"

// Config is what this side is willing to use.
type Config struct {
	Enabled                 bool
	ClientMaxWindowBits     int // 8..15, default 15
	ServerMaxWindowBits     int // 8..15, default 15
	ClientNoContextTakeOver bool
	ServerNoContextTakeOver bool
	MemLevel                int // 1..9, default 1: compression level (1 = fastest)
}

// DefaultConfig enables permessage-deflate with full windows and context
// takeover in both directions, fastest compression.
func DefaultConfig() Config {
	return Config{Enabled: true, ClientMaxWindowBits: 15, ServerMaxWindowBits: 15, MemLevel: 1}
}

// normalize maps zero/out-of-range values to the defaults so a partially
// filled Config still behaves.
func (c Config) normalize() Config {
	if c.ClientMaxWindowBits < 8 || c.ClientMaxWindowBits > 15 {
		c.ClientMaxWindowBits = 15
	}
	if c.ServerMaxWindowBits < 8 || c.ServerMaxWindowBits > 15 {
		c.ServerMaxWindowBits = 15
	}
	return c
}

// Level returns the compression level for MemLevel (clamped to 1..9).
func (c Config) Level() int { return clampLevel(c.MemLevel) }

func clampLevel(l int) int {
	if l < 1 {
		return 1
	}
	if l > 9 {
		return 9
	}
	return l
}

// Params is what was negotiated for a connection.
type Params struct {
	ServerNoContextTakeover, ClientNoContextTakeover bool
	ServerMaxWindowBits, ClientMaxWindowBits         int // effective, 8..15
}

// param is one extension parameter; hasValue distinguishes "x" from "x=".
type param struct {
	key, value string
	hasValue   bool
}

type extension struct {
	name   string
	params []param
}

// parseExtensions splits Sec-WebSocket-Extensions values into extensions.
// It returns ok=false when the syntax is broken beyond use.
func parseExtensions(values []string) ([]extension, bool) {
	var out []extension
	for _, v := range values {
		for _, item := range splitQuoted(v, ',') {
			item = strings.TrimSpace(item)
			if item == "" {
				continue
			}
			parts := splitQuoted(item, ';')
			ext := extension{name: strings.ToLower(strings.TrimSpace(parts[0]))}
			if !isToken(ext.name) {
				return nil, false
			}
			for _, p := range parts[1:] {
				p = strings.TrimSpace(p)
				k, val, has := strings.Cut(p, "=")
				k = strings.ToLower(strings.TrimSpace(k))
				if !isToken(k) {
					return nil, false
				}
				if has {
					val = strings.TrimSpace(val)
					if len(val) >= 2 && val[0] == '"' && val[len(val)-1] == '"' {
						val = val[1 : len(val)-1]
					}
					if !isToken(val) {
						return nil, false
					}
				}
				ext.params = append(ext.params, param{key: k, value: val, hasValue: has})
			}
			out = append(out, ext)
		}
	}
	return out, true
}

// splitQuoted splits s at sep outside double quotes.
func splitQuoted(s string, sep byte) []string {
	var out []string
	inQuote, start := false, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '"':
			inQuote = !inQuote
		case sep:
			if !inQuote {
				out = append(out, s[start:i])
				start = i + 1
			}
		}
	}
	return append(out, s[start:])
}

func isToken(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || c >= 0x7f || strings.IndexByte("()<>@,;:\\\"/[]?={}", c) >= 0 {
			return false
		}
	}
	return true
}

// windowBits parses a max_window_bits value (8..15, plain decimal).
func windowBits(v string) (int, bool) {
	if len(v) == 0 || len(v) > 2 || v[0] == '0' {
		return 0, false
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 8 || n > 15 {
		return 0, false
	}
	return n, true
}
