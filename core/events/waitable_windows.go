//go:build windows

package events

import "golang.org/x/sys/windows"

// waitable is a manual-reset event, signalled while the queue is non-empty.
type waitable struct {
	h windows.Handle
}

func newWaitable() (*waitable, error) {
	h, err := windows.CreateEvent(nil, 1, 0, nil)
	if err != nil {
		return nil, err
	}
	return &waitable{h: h}, nil
}

func (w *waitable) handle() uintptr { return uintptr(w.h) }
func (w *waitable) set()            { _ = windows.SetEvent(w.h) }
func (w *waitable) clear()          { _ = windows.ResetEvent(w.h) }
func (w *waitable) close()          { _ = windows.CloseHandle(w.h) }
