package wsconn

import (
	"bufio"
	"net"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/sgcws/sgcws/core/deflate"
	"github.com/sgcws/sgcws/core/wsproto"
)

// Conn is one WebSocket connection. See the package doc for the
// concurrency contract.
type Conn struct {
	nc     net.Conn
	raw    syscall.RawConn // nc's socket when inline writes are possible (plain TCP on Unix), else nil
	br     *bufio.Reader
	cfg    Config
	h      Handler
	client bool

	// Reader goroutine state.
	rd readState

	// Writer state, guarded by mu.
	mu          sync.Mutex
	queue       []outFrame
	spare       []outFrame
	draining    bool
	closeQueued bool
	broken      bool // socket failed or connection ended: drop everything
	closeTimer  *time.Timer

	// Writer-role state: only the holder of draining (the drain goroutine, or
	// a caller writing inline) touches it; hand-over happens under mu.
	comp    *deflate.Compressor
	compBuf []byte

	closeWritten     chan struct{} // closed once our close frame is on the wire (or never will be)
	closeWrittenOnce sync.Once

	running   atomic.Bool
	closing   atomic.Bool
	inputLeft atomic.Bool // the reader has more frames buffered (a hint for inline writes)
	recBytes  atomic.Int64
	sendBytes atomic.Int64
	buffered  atomic.Int64
}

// New wraps an established (post-handshake) connection. br may hold bytes
// already read after the handshake; nil makes a 4 KiB reader.
func New(nc net.Conn, br *bufio.Reader, cfg Config, h Handler) *Conn {
	if br == nil {
		br = bufio.NewReaderSize(nc, 4096)
	}
	return &Conn{
		nc:           nc,
		raw:          inlineSocket(nc),
		br:           br,
		cfg:          cfg,
		h:            h,
		client:       cfg.Role == RoleClient,
		closeWritten: make(chan struct{}),
	}
}

// Run is the reader loop. It returns after the connection ended and
// OnClose returned. Only the first call does anything.
func (c *Conn) Run() {
	if !c.running.CompareAndSwap(false, true) {
		return
	}
	code, reason := c.readLoop()

	c.mu.Lock()
	c.broken = true
	if c.closeTimer != nil {
		c.closeTimer.Stop()
	}
	c.mu.Unlock()
	c.closing.Store(true)
	c.signalCloseWritten()
	c.nc.Close()
	c.h.OnClose(c, code, reason)
}

// Close starts the closing handshake without blocking. A negative code
// sends a close frame without status. If the peer has not completed the
// handshake after CloseTimeout, the TCP connection is dropped.
func (c *Conn) Close(code int, reason string) error {
	if code >= 0 && !wsproto.ValidCloseCode(code) {
		return ErrInvalidCode
	}
	if err := c.enqueueClose(code, reason); err != nil {
		return err
	}
	c.mu.Lock()
	if c.closeTimer == nil && !c.broken {
		c.closeTimer = time.AfterFunc(c.cfg.closeTimeout(), func() { c.nc.Close() })
	}
	c.mu.Unlock()
	return nil
}

// Disconnect drops the TCP connection now.
func (c *Conn) Disconnect() {
	c.closing.Store(true)
	c.nc.Close()
}

// Buffered returns the payload bytes queued but not yet written.
func (c *Conn) Buffered() int64 { return c.buffered.Load() }

// RecBytes returns the bytes received on the wire (frames only).
func (c *Conn) RecBytes() int64 { return c.recBytes.Load() }

// SendBytes returns the bytes written to the wire.
func (c *Conn) SendBytes() int64 { return c.sendBytes.Load() }

// NetConn returns the underlying connection.
func (c *Conn) NetConn() net.Conn { return c.nc }

// Closed reports whether the connection is closing (a close frame was
// queued or the socket dropped) or has ended.
func (c *Conn) Closed() bool { return c.closing.Load() }

// Role returns the role the connection was created with.
func (c *Conn) Role() Role { return c.cfg.Role }

func (c *Conn) signalCloseWritten() {
	c.closeWrittenOnce.Do(func() { close(c.closeWritten) })
}

// waitCloseWritten waits, bounded by CloseTimeout, until our close frame
// left (or can no longer leave).
func (c *Conn) waitCloseWritten() {
	t := time.NewTimer(c.cfg.closeTimeout())
	defer t.Stop()
	select {
	case <-c.closeWritten:
	case <-t.C:
	}
}
