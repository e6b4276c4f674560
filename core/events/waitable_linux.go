//go:build linux

package events

import (
	"encoding/binary"

	"golang.org/x/sys/unix"
)

// waitable is an eventfd: one fd, readable while its counter is non-zero.
// set and clear are called only under the dispatcher's mutex, and only on
// transitions, so the counter is 0 or 1.
type waitable struct {
	fd  int
	on  bool
	buf [8]byte
}

func newWaitable() (*waitable, error) {
	fd, err := unix.Eventfd(0, unix.EFD_CLOEXEC|unix.EFD_NONBLOCK)
	if err != nil {
		return nil, err
	}
	return &waitable{fd: fd}, nil
}

func (w *waitable) handle() uintptr { return uintptr(w.fd) }

func (w *waitable) set() {
	if w.on {
		return
	}
	w.on = true
	var one [8]byte // eventfd takes a native-endian uint64
	binary.NativeEndian.PutUint64(one[:], 1)
	_, _ = unix.Write(w.fd, one[:])
}

func (w *waitable) clear() {
	if !w.on {
		return
	}
	w.on = false
	_, _ = unix.Read(w.fd, w.buf[:]) // resets the counter to 0
}

func (w *waitable) close() { _ = unix.Close(w.fd) }
