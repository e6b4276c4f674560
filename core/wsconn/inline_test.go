package wsconn

import (
	"bytes"
	"encoding/binary"
	"testing"
)

// Messages written while the peer is not reading: the first ones go inline until the socket buffer
// fills, the rest (and the unwritten tail of a partly written one) queue behind; none may block the
// writer, and the peer must get every message, whole and in order, once it reads.
func TestInlineWritesHandOverToDrain(t *testing.T) {
	cn, sn := tcpPair(t)
	srvRec, cliRec := newRecorder(), newRecorder()
	srv := New(sn, nil, Config{Role: RoleServer}, srvRec)
	go srv.Run()
	const count, size = 300, 50 << 10 // 15 MB: far more than loopback socket buffers hold
	for i := range count {
		msg := bytes.Repeat([]byte{byte(i)}, size)
		binary.BigEndian.PutUint32(msg, uint32(i))
		if err := srv.WriteBinary(msg, 0); err != nil {
			t.Fatalf("write %d: %v", i, err)
		}
	}
	if srv.Buffered() == 0 {
		t.Fatal("nothing queued: the peer took 15 MB without reading, so this test no longer exercises the hand-over")
	}
	cli := New(cn, nil, Config{Role: RoleClient}, cliRec)
	go cli.Run()
	t.Cleanup(func() {
		cli.Disconnect()
		srv.Disconnect()
		cliRec.wait(t)
		srvRec.wait(t)
	})
	got := cliRec.waitFor(t, "binary", count)
	for i, e := range got {
		want := bytes.Repeat([]byte{byte(i)}, size)
		binary.BigEndian.PutUint32(want, uint32(i))
		if e.data != string(want) {
			t.Fatalf("message %d: %d bytes, starts %x; want message %d", i, len(e.data), []byte(e.data[:min(4, len(e.data))]), i)
		}
	}
}
