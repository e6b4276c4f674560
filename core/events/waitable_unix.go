//go:build unix && !linux

package events

import "golang.org/x/sys/unix"

// waitable is a non-blocking pipe holding one byte while the queue is
// non-empty; the host waits on the read end. set and clear are called only
// under the dispatcher's mutex, and only on transitions.
type waitable struct {
	r, w int
	on   bool
	buf  [1]byte
}

func newWaitable() (*waitable, error) {
	var p [2]int
	if err := unix.Pipe(p[:]); err != nil {
		return nil, err
	}
	for _, fd := range p {
		unix.CloseOnExec(fd)
		if err := unix.SetNonblock(fd, true); err != nil {
			unix.Close(p[0])
			unix.Close(p[1])
			return nil, err
		}
	}
	return &waitable{r: p[0], w: p[1]}, nil
}

func (w *waitable) handle() uintptr { return uintptr(w.r) }

func (w *waitable) set() {
	if w.on {
		return
	}
	w.on = true
	_, _ = unix.Write(w.w, []byte{1})
}

func (w *waitable) clear() {
	if !w.on {
		return
	}
	w.on = false
	_, _ = unix.Read(w.r, w.buf[:])
}

func (w *waitable) close() {
	_ = unix.Close(w.r)
	_ = unix.Close(w.w)
}
