package engine

import (
	"runtime"
	"testing"
	"time"

	"github.com/sgcws/sgcws/core/events"
)

// TestShutdown runs last in its file order but resets the engine afterwards, so test order does not
// matter.
func TestShutdown(t *testing.T) {
	defer resetForTest()
	settle := func() int {
		n := runtime.NumGoroutine()
		for i := 0; i < 50; i++ {
			time.Sleep(20 * time.Millisecond)
			if m := runtime.NumGoroutine(); m >= n {
				break
			} else {
				n = m
			}
		}
		return n
	}
	base := settle()
	srv, addr := newServerOn(t, KindServer, nil)
	sc := newCollector(t, srv, "neAsynchronous", echo)
	cli := newClientTo(t, "ws://"+addr)
	must(t, Connect(cli, 5*time.Second, false))
	sc.next(events.EvConnect)
	http, hAddr := newServerOn(t, KindHTTPServer, nil)
	_ = http
	c2 := newClientTo(t, "ws://"+hAddr)
	must(t, Start(c2))

	wantCode(t, Shutdown(true), EInCallback)
	must(t, Shutdown(false))
	must(t, Shutdown(false))
	sc.close()
	n, _ := Stats()
	if n != 0 {
		t.Fatalf("%d handles after Shutdown", n)
	}
	_, err := Create(KindClient)
	wantCode(t, err, EShutdown)
	wantCode(t, Write(cli, TypeText, nil, 0), EShutdown)
	deadline := time.Now().Add(waitLimit)
	for runtime.NumGoroutine() > base {
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<16)
			t.Fatalf("goroutines %d > baseline %d\n%s", runtime.NumGoroutine(), base, buf[:runtime.Stack(buf, true)])
		}
		time.Sleep(10 * time.Millisecond)
	}
}
