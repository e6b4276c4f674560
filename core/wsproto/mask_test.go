package wsproto

import (
	"bytes"
	"math/rand/v2"
	"testing"
)

func maskSlow(key [4]byte, pos int, b []byte) int {
	for i := range b {
		b[i] ^= key[(pos+i)&3]
	}
	return (pos + len(b)) & 3
}

func TestMaskBytesMatchesBytewise(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for n := 0; n < 300; n++ {
		for pos := 0; pos < 4; pos++ {
			b := make([]byte, n)
			for i := range b {
				b[i] = byte(r.Uint32())
			}
			key := [4]byte{byte(r.Uint32()), byte(r.Uint32()), byte(r.Uint32()), byte(r.Uint32())}
			want := append([]byte(nil), b...)
			wp := maskSlow(key, pos, want)
			gp := MaskBytes(key, pos, b)
			if gp != wp || !bytes.Equal(b, want) {
				t.Fatalf("n=%d pos=%d mismatch", n, pos)
			}
		}
	}
}

func TestNewMaskKeyVaries(t *testing.T) {
	seen := map[[4]byte]bool{}
	for i := 0; i < 100; i++ {
		seen[NewMaskKey()] = true
	}
	if len(seen) < 95 {
		t.Fatalf("only %d distinct keys out of 100", len(seen))
	}
}

func BenchmarkMaskBytes(b *testing.B) {
	buf := make([]byte, 4096)
	key := [4]byte{1, 2, 3, 4}
	b.SetBytes(int64(len(buf)))
	for b.Loop() {
		MaskBytes(key, 1, buf)
	}
}

func TestMaskBytesSplit(t *testing.T) {
	key := NewMaskKey()
	orig := bytes.Repeat([]byte("hello websocket "), 20)
	whole := append([]byte(nil), orig...)
	MaskBytes(key, 0, whole)
	full := append([]byte(nil), orig...)
	p, off := 0, 0
	for _, cut := range []int{3, 17, 1, 100} {
		p = MaskBytes(key, p, full[off:off+cut])
		off += cut
	}
	MaskBytes(key, p, full[off:])
	if !bytes.Equal(full, whole) {
		t.Fatal("split masking differs from whole masking")
	}
}
