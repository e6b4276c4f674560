//go:build unix

package engine

import (
	"testing"
	"time"

	"github.com/sgcws/sgcws/core/events"
	"golang.org/x/sys/unix"
)

// readableWithin polls fd for POLLIN for at most d.
func readableWithin(t *testing.T, fd uintptr, d time.Duration) bool {
	t.Helper()
	fds := []unix.PollFd{{Fd: int32(fd), Events: unix.POLLIN}}
	for {
		n, err := unix.Poll(fds, int(d/time.Millisecond))
		if err == unix.EINTR {
			continue
		}
		must(t, err)
		return n == 1 && fds[0].Revents&unix.POLLIN != 0
	}
}

func TestWakeAndWaitable(t *testing.T) {
	wakes := make(chan struct{}, 100)
	var fd uintptr
	srv, addr := newServerOn(t, KindServer, func(h uint64) {
		must(t, SetString(h, "NotifyEvents", "neAsynchronous"))
		must(t, SetWake(h, func() { wakes <- struct{}{} }))
		var err error
		fd, err = Waitable(h)
		must(t, err)
		if readableWithin(t, fd, 0) {
			t.Fatal("waitable readable before any event")
		}
	})
	if w, err := Waitable(srv); err != nil || w != fd {
		t.Fatalf("Waitable changed: %v %v", w, err)
	}
	// Start queued OnStartup: the wake ran and the fd is readable until the host polls.
	waitWake := func() {
		t.Helper()
		select {
		case <-wakes:
		case <-time.After(waitLimit):
			t.Fatal("wake not called")
		}
	}
	waitWake()
	if !readableWithin(t, fd, waitLimit) {
		t.Fatal("waitable not readable with a queued event")
	}
	batch, err := Poll(srv, 0, 0)
	must(t, err)
	if len(batch) != 1 || batch[0].Kind != events.EvStartup {
		t.Fatalf("batch %v", batch)
	}
	must(t, Release(srv))
	if readableWithin(t, fd, 0) {
		t.Fatal("waitable readable with an empty queue")
	}
	// A connection queues OnConnect: woken again, readable again.
	must(t, Connect(newClientTo(t, "ws://"+addr), 5*time.Second, false))
	waitWake()
	if !readableWithin(t, fd, waitLimit) {
		t.Fatal("waitable not readable after OnConnect was queued")
	}
	for got := false; !got; {
		batch, err = Poll(srv, 0, waitLimit)
		must(t, err)
		if len(batch) == 0 {
			t.Fatal("no OnConnect")
		}
		for _, ev := range batch {
			got = got || ev.Kind == events.EvConnect
		}
	}
	must(t, Release(srv))
	// Removing the wake function stops the calls.
	must(t, SetWake(srv, nil))
	for len(wakes) > 0 {
		<-wakes
	}
	must(t, Connect(newClientTo(t, "ws://"+addr), 5*time.Second, false))
	if !readableWithin(t, fd, waitLimit) {
		t.Fatal("waitable not readable after the second OnConnect")
	}
	if len(wakes) != 0 {
		t.Fatal("wake called after SetWake(nil)")
	}
	// The handle, and with it Waitable, is stale after Destroy.
	must(t, Destroy(srv, false))
	_, err = Waitable(srv)
	wantCode(t, err, EHandle)
}

func TestDestroyInsideOwnCallback(t *testing.T) {
	srv, addr := newServerOn(t, KindServer, nil)
	sc := newCollector(t, srv, "neNoSync", echo)
	cli := newClientTo(t, "ws://"+addr)
	must(t, SetString(cli, "NotifyEvents", "neNoSync"))
	returned := make(chan error, 1)
	late := make(chan events.Kind, 100)
	destroyed := false // only touched on the client's callback goroutine(s), which Destroy serialises
	must(t, SetCallback(cli, func(ev *events.Event) {
		if destroyed {
			late <- ev.Kind
			return
		}
		if ev.Kind == events.EvMessage {
			destroyed = true
			returned <- Destroy(cli, true)
		}
	}))
	must(t, Connect(cli, 5*time.Second, false))
	must(t, Write(cli, TypeText, []byte("bye"), 0))
	select {
	case err := <-returned:
		must(t, err)
	case <-time.After(waitLimit):
		t.Fatal("Destroy from the component's own callback did not return")
	}
	// The server sees the connection go; the destroyed client raises nothing more.
	sc.next(events.EvDisconnect)
	_, err := KindOf(cli)
	wantCode(t, err, EHandle)
	wantCode(t, Write(cli, TypeText, []byte("x"), 0), EHandle)
	wantCode(t, Connect(cli, time.Second, false), EHandle)
	wantCode(t, Destroy(cli, false), EHandle)
	select {
	case k := <-late:
		t.Fatalf("event %v after Destroy", k)
	default:
	}
}
