package events

import (
	"testing"

	"golang.org/x/sys/unix"
)

func readable(t *testing.T, fd uintptr) bool {
	t.Helper()
	fds := []unix.PollFd{{Fd: int32(fd), Events: unix.POLLIN}}
	for {
		n, err := unix.Poll(fds, 0)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		return n == 1 && fds[0].Revents&unix.POLLIN != 0
	}
}

func TestWaitableLevel(t *testing.T) {
	d := NewDispatcher(1)
	defer d.Close()
	d.Emit(msg(1, 0)) // before the waitable exists
	fd := d.Waitable()
	if fd == NoWaitable {
		t.Fatal("no waitable")
	}
	if d.Waitable() != fd {
		t.Fatal("Waitable changed")
	}
	if !readable(t, fd) {
		t.Fatal("not readable with a queued event created before the waitable")
	}
	d.Poll(0, 0)
	if readable(t, fd) {
		t.Fatal("readable with an empty queue")
	}
	d.Emit(msg(1, 1))
	d.Emit(msg(1, 2))
	if !readable(t, fd) {
		t.Fatal("not readable after Emit")
	}
	d.Poll(1, 0)
	if !readable(t, fd) {
		t.Fatal("not readable with one event left")
	}
	d.Poll(1, 0)
	if readable(t, fd) {
		t.Fatal("readable after draining")
	}
	d.Emit(msg(1, 3))
	d.Detach(false)
	if readable(t, fd) {
		t.Fatal("readable after Detach dropped the queue")
	}
}
