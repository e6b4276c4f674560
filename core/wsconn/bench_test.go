package wsconn

import (
	"sync/atomic"
	"testing"
	"time"
)

// countHandler counts messages without recording them.
type countHandler struct {
	recorder
	n atomic.Int64
}

func (h *countHandler) OnBinary(c *Conn, p []byte)  { h.n.Add(1) }
func (h *countHandler) OnMessage(c *Conn, p []byte) { h.n.Add(1) }

func benchmarkThroughput(b *testing.B, size int) {
	cn, sn := tcpPairB(b)
	srvH := &countHandler{recorder: *newRecorder()}
	cliH := &countHandler{recorder: *newRecorder()}
	srv := New(sn, nil, Config{Role: RoleServer}, srvH)
	cli := New(cn, nil, Config{Role: RoleClient}, cliH)
	go srv.Run()
	go cli.Run()
	msg := make([]byte, size)
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for cli.WriteBinary(msg, 0) == ErrQueueFull {
		}
	}
	for srvH.n.Load() < int64(b.N) {
		time.Sleep(10 * time.Microsecond)
	}
	b.StopTimer()
	cli.Disconnect()
	srv.Disconnect()
	<-cliH.closed
	<-srvH.closed
}

func BenchmarkThroughput64(b *testing.B)   { benchmarkThroughput(b, 64) }
func BenchmarkThroughput4096(b *testing.B) { benchmarkThroughput(b, 4096) }
