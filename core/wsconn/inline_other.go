//go:build !unix

package wsconn

import (
	"net"
	"syscall"
)

// inlineSocket: no inline writes here (a Windows socket needs WSASend); every
// write goes through the drain goroutine.
func inlineSocket(net.Conn) syscall.RawConn { return nil }

func tryWrite(syscall.RawConn, []byte) (int, error) { return 0, nil }
