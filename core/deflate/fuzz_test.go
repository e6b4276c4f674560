package deflate

import (
	"bytes"
	"testing"
)

func FuzzDecompress(f *testing.F) {
	f.Add([]byte{0xf2, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00}, false)
	f.Add([]byte{0x00}, true)
	comp, _ := NewCompressor(15, false, 1).Compress(nil, sampleText(500))
	f.Add(comp, false)
	f.Fuzz(func(t *testing.T, b []byte, noCtx bool) {
		d := NewDecompressor(noCtx, 1<<20)
		out, err := d.Decompress(nil, b)
		if err == nil && len(out) > 1<<20 {
			t.Fatal("limit exceeded")
		}
		// Must stay usable after any input.
		ok, _ := NewCompressor(15, true, 1).Compress(nil, []byte("after"))
		d2 := NewDecompressor(true, 0)
		if got, err := d2.Decompress(nil, ok); err != nil || !bytes.Equal(got, []byte("after")) {
			t.Fatal("fresh decompressor broken")
		}
	})
}

func FuzzServerNegotiate(f *testing.F) {
	f.Add("permessage-deflate; client_max_window_bits", 15, 15, false)
	f.Add(`permessage-deflate; server_max_window_bits="10", x`, 10, 12, true)
	f.Fuzz(func(t *testing.T, offer string, cb, sb int, noCtx bool) {
		cfg := Config{Enabled: true, ClientMaxWindowBits: cb, ServerMaxWindowBits: sb, ServerNoContextTakeOver: noCtx}
		p, resp, ok := ServerNegotiate(cfg, []string{offer})
		if !ok {
			return
		}
		if p.ServerMaxWindowBits < 8 || p.ServerMaxWindowBits > 15 || p.ClientMaxWindowBits < 8 || p.ClientMaxWindowBits > 15 {
			t.Fatalf("bad params %+v", p)
		}
		if _, _, err := ClientAccept(Config{Enabled: true}, resp); err != nil && !bytes.Contains([]byte(offer), []byte("server_max")) {
			t.Fatalf("own answer %q rejected: %v", resp, err)
		}
	})
}

func FuzzClientAccept(f *testing.F) {
	f.Add("permessage-deflate; server_max_window_bits=12; client_max_window_bits=12")
	f.Add("permessage-deflate; server_no_context_takeover")
	f.Fuzz(func(t *testing.T, resp string) {
		p, ok, err := ClientAccept(DefaultConfig(), resp)
		if ok && (err != nil || p.ServerMaxWindowBits < 8 || p.ClientMaxWindowBits < 8) {
			t.Fatalf("bad result %+v %v", p, err)
		}
	})
}
