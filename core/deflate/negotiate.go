package deflate

import (
	"errors"
	"strconv"
	"strings"
)

// ClientOffer returns the Sec-WebSocket-Extensions value a client sends.
// client_max_window_bits is always offered because our compressor can
// honour any window the server asks for.
func ClientOffer(cfg Config) string {
	cfg = cfg.normalize()
	var b strings.Builder
	b.WriteString(ExtensionName)
	if cfg.ClientNoContextTakeOver {
		b.WriteString("; client_no_context_takeover")
	}
	if cfg.ServerNoContextTakeOver {
		b.WriteString("; server_no_context_takeover")
	}
	if cfg.ServerMaxWindowBits < 15 {
		b.WriteString("; server_max_window_bits=" + strconv.Itoa(cfg.ServerMaxWindowBits))
	}
	b.WriteString("; client_max_window_bits")
	if cfg.ClientMaxWindowBits < 15 {
		b.WriteString("=" + strconv.Itoa(cfg.ClientMaxWindowBits))
	}
	return b.String()
}

// ClientAccept validates the server's Sec-WebSocket-Extensions answer to
// ClientOffer. ok=false means the server declined; err means the answer is
// invalid and the connection must be failed (RFC 7692 section 5).
func ClientAccept(cfg Config, response string) (p Params, ok bool, err error) {
	cfg = cfg.normalize()
	if strings.TrimSpace(response) == "" {
		return p, false, nil
	}
	exts, good := parseExtensions([]string{response})
	if !good {
		return p, false, errors.New("deflate: malformed Sec-WebSocket-Extensions response")
	}
	if len(exts) == 0 {
		return p, false, nil
	}
	if len(exts) > 1 || exts[0].name != ExtensionName {
		return p, false, errors.New("deflate: server accepted an extension that was not offered")
	}
	p = Params{ServerMaxWindowBits: 15, ClientMaxWindowBits: cfg.ClientMaxWindowBits}
	seen := map[string]bool{}
	for _, pr := range exts[0].params {
		if seen[pr.key] {
			return p, false, errors.New("deflate: duplicate parameter " + pr.key)
		}
		seen[pr.key] = true
		switch pr.key {
		case "server_no_context_takeover":
			if pr.hasValue {
				return p, false, errors.New("deflate: server_no_context_takeover with a value")
			}
			p.ServerNoContextTakeover = true
		case "client_no_context_takeover":
			if pr.hasValue {
				return p, false, errors.New("deflate: client_no_context_takeover with a value")
			}
			p.ClientNoContextTakeover = true
		case "server_max_window_bits":
			n, good := windowBits(pr.value)
			if !good {
				return p, false, errors.New("deflate: invalid server_max_window_bits")
			}
			if n > cfg.ServerMaxWindowBits {
				return p, false, errors.New("deflate: server_max_window_bits larger than offered")
			}
			p.ServerMaxWindowBits = n
		case "client_max_window_bits":
			n, good := windowBits(pr.value)
			if !good {
				// The response must carry a value (RFC 7692 7.1.2.2).
				return p, false, errors.New("deflate: invalid client_max_window_bits")
			}
			p.ClientMaxWindowBits = min(n, cfg.ClientMaxWindowBits)
		default:
			return p, false, errors.New("deflate: unknown parameter " + pr.key)
		}
	}
	// What we asked for ourselves we apply regardless of the echo.
	if cfg.ClientNoContextTakeOver {
		p.ClientNoContextTakeover = true
	}
	return p, true, nil
}

// ServerNegotiate picks the first acceptable permessage-deflate offer in
// the client's Sec-WebSocket-Extensions values and returns the negotiated
// parameters and the response value. Offers with unknown, duplicate or
// invalid parameters are skipped (declined), as RFC 7692 section 5.1 allows.
func ServerNegotiate(cfg Config, requestValues []string) (p Params, response string, ok bool) {
	if !cfg.Enabled {
		return p, "", false
	}
	cfg = cfg.normalize()
	exts, good := parseExtensions(requestValues)
	if !good {
		return p, "", false
	}
	for _, e := range exts {
		if e.name != ExtensionName {
			continue
		}
		if p, response, ok = acceptOffer(cfg, e.params); ok {
			return p, response, true
		}
	}
	return Params{}, "", false
}

func acceptOffer(cfg Config, params []param) (Params, string, bool) {
	p := Params{ServerMaxWindowBits: cfg.ServerMaxWindowBits, ClientMaxWindowBits: 15}
	p.ServerNoContextTakeover = cfg.ServerNoContextTakeOver
	p.ClientNoContextTakeover = cfg.ClientNoContextTakeOver
	clientBitsOffered, clientBits := false, 15
	seen := map[string]bool{}
	for _, pr := range params {
		if seen[pr.key] {
			return p, "", false
		}
		seen[pr.key] = true
		switch pr.key {
		case "server_no_context_takeover":
			if pr.hasValue {
				return p, "", false
			}
			p.ServerNoContextTakeover = true
		case "client_no_context_takeover":
			if pr.hasValue {
				return p, "", false
			}
			p.ClientNoContextTakeover = true
		case "server_max_window_bits":
			n, good := windowBits(pr.value)
			if !good {
				return p, "", false
			}
			p.ServerMaxWindowBits = min(n, cfg.ServerMaxWindowBits)
		case "client_max_window_bits":
			clientBitsOffered = true
			if pr.hasValue {
				n, good := windowBits(pr.value)
				if !good {
					return p, "", false
				}
				clientBits = n
			}
		default:
			return p, "", false
		}
	}
	if cfg.ClientMaxWindowBits < 15 && !clientBitsOffered {
		// We want the client limited but it cannot do that.
		return p, "", false
	}
	p.ClientMaxWindowBits = min(clientBits, cfg.ClientMaxWindowBits)

	var b strings.Builder
	b.WriteString(ExtensionName)
	if p.ServerNoContextTakeover {
		b.WriteString("; server_no_context_takeover")
	}
	if p.ClientNoContextTakeover {
		b.WriteString("; client_no_context_takeover")
	}
	if p.ServerMaxWindowBits < 15 || seen["server_max_window_bits"] {
		b.WriteString("; server_max_window_bits=" + strconv.Itoa(p.ServerMaxWindowBits))
	}
	if clientBitsOffered && p.ClientMaxWindowBits < 15 {
		// Echoing the client's own limit is harmless and tells it we saw it.
		b.WriteString("; client_max_window_bits=" + strconv.Itoa(p.ClientMaxWindowBits))
	}
	return p, b.String(), true
}
