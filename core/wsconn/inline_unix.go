//go:build unix

package wsconn

import (
	"net"
	"syscall"
)

// inlineSocket returns nc's socket for inline writes: plain TCP only (TLS
// must go through its own record layer).
func inlineSocket(nc net.Conn) syscall.RawConn {
	tc, ok := nc.(*net.TCPConn)
	if !ok {
		return nil
	}
	rc, err := tc.SyscallConn()
	if err != nil {
		return nil
	}
	return rc
}

// tryWrite makes one non-blocking write attempt (Go's sockets are in
// non-blocking mode): it returns how much the kernel took, never waiting.
func tryWrite(rc syscall.RawConn, b []byte) (int, error) {
	var n int
	var err error
	if cerr := rc.Write(func(fd uintptr) bool {
		n, err = syscall.Write(int(fd), b)
		return true // done either way: waiting for writability is the drain goroutine's job
	}); cerr != nil {
		return 0, cerr
	}
	if err == syscall.EAGAIN || err == syscall.EINTR {
		return 0, nil
	}
	if n < 0 {
		n = 0
	}
	return n, err
}
