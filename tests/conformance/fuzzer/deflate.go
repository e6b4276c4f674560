package fuzzer

import (
	"bytes"
	"compress/flate"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// pmd is the fuzzer's permessage-deflate state (RFC 7692), built on the standard library's
// compress/flate so that it shares no code with the engine under test.
type pmd struct {
	ownNoContext  bool // the testee asked us not to keep our compression context
	ownWindowBits int  // the testee asked us to use at most this window (15 = any)
	peerNoContext bool // the testee promised not to keep its context (we may drop our dictionary)
	summary       string

	w    *flate.Writer
	wbuf bytes.Buffer
	dict []byte // the last 32 KiB the testee's messages inflated to
}

const maxInflated = 64 << 20

var tail = []byte{0x00, 0x00, 0xff, 0xff, 0x01, 0x00, 0x00, 0xff, 0xff} // RFC 7692 7.2.2, then an empty final block

func (d *pmd) compress(msg []byte) []byte {
	// Below 15 bits we cannot bound the standard library's window, so we send Huffman-only blocks,
	// which refer to nothing and so fit any window.
	if d.w == nil || d.ownNoContext || d.ownWindowBits < 15 {
		level := flate.BestSpeed
		if d.ownWindowBits < 15 {
			level = flate.HuffmanOnly
		}
		d.w, _ = flate.NewWriter(&d.wbuf, level)
	}
	d.wbuf.Reset()
	d.w.Write(msg)
	d.w.Flush()
	out := bytes.TrimSuffix(d.wbuf.Bytes(), []byte{0x00, 0x00, 0xff, 0xff})
	return append([]byte(nil), out...)
}

func (d *pmd) decompress(data []byte) ([]byte, error) {
	r := flate.NewReaderDict(io.MultiReader(bytes.NewReader(data), bytes.NewReader(tail)), d.dict)
	out, err := io.ReadAll(io.LimitReader(r, maxInflated+1))
	if err != nil {
		return nil, err
	}
	if len(out) > maxInflated {
		return nil, fmt.Errorf("inflates past %d bytes", maxInflated)
	}
	if !d.peerNoContext {
		d.dict = append(d.dict, out...)
		if len(d.dict) > 32768 {
			d.dict = append([]byte(nil), d.dict[len(d.dict)-32768:]...)
		}
	}
	return out, nil
}

// offerHeader is the fuzzing client's Sec-WebSocket-Extensions: one offer per entry, each asking the
// server for what the entry says and letting it limit our window.
func offerHeader(s *DeflateSettings) string {
	var offers []string
	for _, o := range s.Offers {
		parts := []string{"permessage-deflate"}
		if o.NoContextTakeover {
			parts = append(parts, "server_no_context_takeover")
		}
		if o.MaxWindowBits > 0 {
			parts = append(parts, "server_max_window_bits="+strconv.Itoa(o.MaxWindowBits))
		}
		parts = append(parts, "client_max_window_bits")
		offers = append(offers, strings.Join(parts, "; "))
	}
	return strings.Join(offers, ", ")
}

// extParam is one "name[=value]" of an extension.
type extension struct {
	name   string
	params map[string]string // value "" for a bare parameter
}

func parseExtensions(header string) ([]extension, error) {
	var out []extension
	for _, item := range strings.Split(header, ",") {
		fields := strings.Split(item, ";")
		e := extension{name: strings.TrimSpace(fields[0]), params: map[string]string{}}
		if e.name == "" {
			continue
		}
		for _, f := range fields[1:] {
			k, v, _ := strings.Cut(strings.TrimSpace(f), "=")
			k = strings.TrimSpace(k)
			if _, dup := e.params[k]; dup {
				return nil, fmt.Errorf("parameter %s repeated", k)
			}
			e.params[k] = strings.Trim(strings.TrimSpace(v), `"`)
		}
		out = append(out, e)
	}
	return out, nil
}

func windowBits(v string) (int, error) {
	n, err := strconv.Atoi(v)
	if err != nil || n < 8 || n > 15 {
		return 0, fmt.Errorf("window bits %q out of 8..15", v)
	}
	return n, nil
}

// clientAccepts reads the testee server's answer to offerHeader.
func clientAccepts(answer string) (*pmd, error) {
	exts, err := parseExtensions(answer)
	if err != nil || len(exts) == 0 {
		return nil, err
	}
	if len(exts) > 1 || exts[0].name != "permessage-deflate" {
		return nil, fmt.Errorf("server answered extensions that were not offered: %q", answer)
	}
	d := &pmd{ownWindowBits: 15, summary: answer}
	for k, v := range exts[0].params {
		switch k {
		case "server_no_context_takeover":
			d.peerNoContext = true
		case "client_no_context_takeover":
			d.ownNoContext = true
		case "server_max_window_bits":
			if _, err := windowBits(v); err != nil {
				return nil, err
			}
		case "client_max_window_bits":
			if d.ownWindowBits, err = windowBits(v); err != nil {
				return nil, err
			}
		default:
			return nil, fmt.Errorf("unknown permessage-deflate parameter %q", k)
		}
	}
	return d, nil
}

// serverAnswer accepts the testee client's first permessage-deflate offer, adds the case's requests,
// and returns the answer header ("" = declined).
func serverAnswer(offer string, s *DeflateSettings) (*pmd, string) {
	exts, err := parseExtensions(offer)
	if err != nil {
		return nil, ""
	}
	for _, e := range exts {
		if e.name != "permessage-deflate" {
			continue
		}
		d := &pmd{ownWindowBits: 15}
		parts := []string{"permessage-deflate"}
		if _, ok := e.params["server_no_context_takeover"]; ok {
			d.ownNoContext = true
			parts = append(parts, "server_no_context_takeover")
		}
		if v, ok := e.params["server_max_window_bits"]; ok {
			if d.ownWindowBits, err = windowBits(v); err != nil {
				continue
			}
			parts = append(parts, "server_max_window_bits="+v)
		}
		if s.Accept.NoContextTakeover {
			d.peerNoContext = true
			parts = append(parts, "client_no_context_takeover")
		}
		if _, ok := e.params["client_max_window_bits"]; ok && s.Accept.MaxWindowBits > 0 {
			parts = append(parts, "client_max_window_bits="+strconv.Itoa(s.Accept.MaxWindowBits))
		}
		d.summary = strings.Join(parts, "; ")
		return d, d.summary
	}
	return nil, ""
}
