package deflate

import (
	"bytes"
	stdflate "compress/flate"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"testing"
)

func sampleText(n int) []byte {
	r := rand.New(rand.NewPCG(3, 4))
	words := []string{"websocket ", "frame ", "deflate ", "pascal ", "message ", "context ", "window "}
	var b bytes.Buffer
	for b.Len() < n {
		b.WriteString(words[r.IntN(len(words))])
	}
	return b.Bytes()[:n]
}

// stdInflate decodes a sequence of compressed messages as one stream with
// Go's standard inflater, which is how a context-takeover peer sees them.
func stdInflate(t *testing.T, msgs [][]byte) []byte {
	t.Helper()
	var stream []byte
	for _, m := range msgs {
		stream = append(stream, m...)
		stream = append(stream, syncTail...)
	}
	stream = append(stream, 0x01, 0x00, 0x00, 0xff, 0xff)
	out, err := io.ReadAll(stdflate.NewReader(bytes.NewReader(stream)))
	if err != nil {
		t.Fatalf("standard inflater: %v", err)
	}
	return out
}

func TestCompressRoundTrip(t *testing.T) {
	msgs := [][]byte{sampleText(5000), {}, []byte("x"), sampleText(70000), bytes.Repeat([]byte{0}, 100000), sampleText(300)}
	for bits := 8; bits <= 15; bits++ {
		for _, noCtx := range []bool{false, true} {
			t.Run(fmt.Sprintf("bits%d_noctx%v", bits, noCtx), func(t *testing.T) {
				c := NewCompressor(bits, noCtx, 1)
				d := NewDecompressor(noCtx, 0)
				var want []byte
				for _, m := range msgs {
					comp, err := c.Compress(nil, m)
					if err != nil {
						t.Fatal(err)
					}
					if bytes.HasSuffix(comp, syncTail) && len(m) > 0 {
						t.Fatal("sync tail not stripped")
					}
					got, err := d.Decompress([]byte("prefix"), comp)
					if err != nil {
						t.Fatal(err)
					}
					if !bytes.Equal(got[6:], m) || string(got[:6]) != "prefix" {
						t.Fatalf("round trip mismatch (len %d)", len(m))
					}
					if noCtx {
						// Each message must stand alone.
						if one := stdInflate(t, [][]byte{comp}); !bytes.Equal(one, m) {
							t.Fatal("standalone decode mismatch")
						}
					}
					want = append(want, m...)
				}
				if !noCtx {
					var parts [][]byte
					c2 := NewCompressor(bits, false, 1)
					for _, m := range msgs {
						comp, _ := c2.Compress(nil, m)
						parts = append(parts, comp)
					}
					if got := stdInflate(t, parts); !bytes.Equal(got, want) {
						t.Fatal("stream decode mismatch")
					}
				}
			})
		}
	}
}

func TestWindowLimitRespected(t *testing.T) {
	// A stream compressed with window bits N must decode with a standard
	// inflater only needing distance <= 2^N: check by scanning distances is
	// hard, so instead check a repeat farther than the window does not
	// shrink the output the way it does with a big window.
	block := sampleText(1024)
	rnd := make([]byte, 2048)
	r := rand.New(rand.NewPCG(9, 9))
	for i := range rnd {
		rnd[i] = byte(r.Uint32())
	}
	msg := append(append(append([]byte(nil), block...), rnd...), block...)
	small, _ := NewCompressor(9, true, 1).Compress(nil, msg)
	big, _ := NewCompressor(15, true, 1).Compress(nil, msg)
	if len(small) <= len(big) {
		t.Fatalf("512-byte window output %d not larger than 32K window %d", len(small), len(big))
	}
}

func TestContextTakeoverShrinks(t *testing.T) {
	msg := sampleText(2000)
	for _, bits := range []int{15, 12} {
		c := NewCompressor(bits, false, 1)
		first, _ := c.Compress(nil, msg)
		second, _ := c.Compress(nil, msg)
		if len(second)*4 > len(first) {
			t.Fatalf("bits %d: repeated message %d bytes vs first %d: takeover not effective", bits, len(second), len(first))
		}
		n := NewCompressor(bits, true, 1)
		a, _ := n.Compress(nil, msg)
		b, _ := n.Compress(nil, msg)
		if !bytes.Equal(a, b) {
			t.Fatalf("bits %d: no-context-takeover output differs between identical messages", bits)
		}
		d := NewDecompressor(false, 0)
		for _, p := range [][]byte{first, second} {
			out, err := d.Decompress(nil, p)
			if err != nil || !bytes.Equal(out, msg) {
				t.Fatalf("decompress: %v", err)
			}
		}
	}
}

func TestDecompressMaxSize(t *testing.T) {
	msg := bytes.Repeat([]byte("a"), 10000)
	comp, _ := NewCompressor(15, true, 1).Compress(nil, msg)
	d := NewDecompressor(true, 9999)
	if _, err := d.Decompress(nil, comp); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("got %v, want ErrTooLarge", err)
	}
	d = NewDecompressor(true, 10000)
	if out, err := d.Decompress(nil, comp); err != nil || len(out) != 10000 {
		t.Fatalf("exact limit: %v", err)
	}
}

func TestDecompressCorrupt(t *testing.T) {
	d := NewDecompressor(false, 0)
	if _, err := d.Decompress(nil, []byte{0xff, 0xff, 0xff}); err == nil {
		t.Fatal("garbage accepted")
	}
	// Still usable afterwards.
	comp, _ := NewCompressor(15, true, 1).Compress(nil, []byte("hello"))
	d = NewDecompressor(true, 0)
	if out, err := d.Decompress(nil, comp); err != nil || string(out) != "hello" {
		t.Fatalf("%q %v", out, err)
	}
}

func TestDecompressRFCExample(t *testing.T) {
	// RFC 7692 section 7.2.3.1/7.2.3.2: "Hello" twice with context takeover.
	d := NewDecompressor(false, 0)
	for _, p := range [][]byte{{0xf2, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00}, {0xf2, 0x00, 0x11, 0x00, 0x00}} {
		out, err := d.Decompress(nil, p)
		if err != nil || string(out) != "Hello" {
			t.Fatalf("%q %v", out, err)
		}
	}
}

func BenchmarkCompressTakeover(b *testing.B) {
	msg := sampleText(1024)
	c := NewCompressor(15, false, 1)
	buf := make([]byte, 0, 2048)
	b.ReportAllocs()
	for b.Loop() {
		buf, _ = c.Compress(buf[:0], msg)
	}
}

func BenchmarkDecompress(b *testing.B) {
	msg := sampleText(1024)
	comp, _ := NewCompressor(15, true, 1).Compress(nil, msg)
	d := NewDecompressor(true, 0)
	buf := make([]byte, 0, 2048)
	b.ReportAllocs()
	for b.Loop() {
		buf, _ = d.Decompress(buf[:0], comp)
	}
}
