package wsconn

import (
	"bufio"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/sgcws/sgcws/core/deflate"
	"github.com/sgcws/sgcws/core/wsproto"
)

// Small messages go out uncompressed (RSV1 clear) while larger ones are compressed, and a peer that
// keeps its inflate window across messages still decodes every compressed one: skipped messages are
// outside the window on both sides. Checked on the wire, for plain and prepared writes.
func TestSmallMessagesSkipCompression(t *testing.T) {
	cn, sn := tcpPair(t)
	srv := New(sn, nil, Config{Role: RoleServer, Deflate: deflateVariants["takeover"]}, newRecorder())
	go srv.Run()
	t.Cleanup(func() { cn.Close(); srv.Disconnect() })

	big := strings.Repeat("compress me, ", 40)
	small := "hi"
	msgs := []string{small, big, small, big, strings.Repeat("x", MinCompressSize-1), strings.Repeat("y", MinCompressSize)}
	for i, m := range msgs {
		var err error
		if i%2 == 0 {
			err = srv.WriteText([]byte(m), 0)
		} else {
			err = srv.WritePrepared(NewPreparedMessage(wsproto.OpText, []byte(m)))
		}
		if err != nil {
			t.Fatal(err)
		}
	}

	_ = cn.SetReadDeadline(time.Now().Add(testTimeout))
	br := bufio.NewReader(cn)
	inflate := deflate.NewDecompressor(false, 0)
	for _, want := range msgs {
		h, err := wsproto.ReadHeader(br)
		if err != nil {
			t.Fatal(err)
		}
		p := make([]byte, h.Length)
		if _, err := io.ReadFull(br, p); err != nil {
			t.Fatal(err)
		}
		if wantRsv1 := len(want) >= MinCompressSize; h.Rsv1 != wantRsv1 {
			t.Fatalf("%d-byte message: RSV1 = %v, want %v", len(want), h.Rsv1, wantRsv1)
		}
		if h.Rsv1 {
			if p, err = inflate.Decompress(nil, p); err != nil {
				t.Fatalf("%d-byte message: %v", len(want), err)
			}
		}
		if string(p) != want {
			t.Fatalf("got %q, want %q", p, want)
		}
	}
}
