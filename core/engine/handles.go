package engine

import (
	"sync"

	"github.com/sgcws/sgcws/core/handles"
)

// The engine's process-wide state: one handle table for every kind, the goroutine tracker that
// Shutdown waits for, and the shut-down flag.
var (
	tab     handles.Table
	workers tracker
	downMu  sync.RWMutex
	isDown  bool
)

func live() error {
	downMu.RLock()
	defer downMu.RUnlock()
	if isDown {
		return Errorf(EShutdown, "sgcws has been shut down")
	}
	return nil
}

// goFn starts a tracked goroutine.
func goFn(f func()) { workers.goFn(f) }

func badHandle(h uint64) error { return Errorf(EHandle, "invalid, closed or stale handle %#x", h) }

func kindOf(h uint64) (Kind, error) {
	if err := live(); err != nil {
		return 0, err
	}
	_, k, ok := tab.Get(h)
	if !ok {
		return 0, badHandle(h)
	}
	return Kind(k), nil
}

// lookupComp finds a client, server or HTTP server.
func lookupComp(h uint64) (comp, error) {
	if err := live(); err != nil {
		return nil, err
	}
	obj, _, ok := tab.Get(h)
	if c, isComp := obj.(comp); ok && isComp {
		return c, nil
	}
	return nil, badHandle(h)
}

func lookupClient(h uint64) (*client, error) {
	if err := live(); err != nil {
		return nil, err
	}
	if obj, ok := tab.Lookup(h, handles.Kind(KindClient)); ok {
		return obj.(*client), nil
	}
	if _, _, ok := tab.Get(h); ok {
		return nil, Errorf(EHandle, "handle %#x is not a client", h)
	}
	return nil, badHandle(h)
}

// lookupServer finds a server or HTTP server.
func lookupServer(h uint64) (*server, error) {
	if err := live(); err != nil {
		return nil, err
	}
	obj, _, ok := tab.Get(h)
	if !ok {
		return nil, badHandle(h)
	}
	if s, isSrv := obj.(*server); isSrv {
		return s, nil
	}
	return nil, Errorf(EHandle, "handle %#x is not a server", h)
}

func lookupConn(h uint64) (*conn, error) {
	if err := live(); err != nil {
		return nil, err
	}
	if obj, ok := tab.Lookup(h, handles.Kind(KindConnection)); ok {
		return obj.(*conn), nil
	}
	if _, _, ok := tab.Get(h); ok {
		return nil, Errorf(EHandle, "handle %#x is not a connection", h)
	}
	return nil, badHandle(h)
}

func lookupRequest(h uint64) (*request, error) {
	if err := live(); err != nil {
		return nil, err
	}
	if obj, ok := tab.Lookup(h, handles.Kind(KindRequest)); ok {
		return obj.(*request), nil
	}
	return nil, badHandle(h)
}

// lookupDecision finds the reply object of a decision event: a request or decision arguments.
func lookupDecision(h uint64) (decision, error) {
	if err := live(); err != nil {
		return nil, err
	}
	obj, _, ok := tab.Get(h)
	switch d := obj.(type) {
	case *request:
		return d, nil
	case *eventArgs:
		if ok && d.ev.Decision {
			return d, nil
		}
	}
	return nil, badHandle(h)
}

// connOf resolves a client (its current connection) or a connection handle.
func connOf(h uint64) (*conn, error) {
	if err := live(); err != nil {
		return nil, err
	}
	obj, _, ok := tab.Get(h)
	if !ok {
		return nil, badHandle(h)
	}
	switch o := obj.(type) {
	case *conn:
		return o, nil
	case *client:
		if c := o.current(); c != nil {
			return c, nil
		}
		return nil, Errorf(EState, "client is not connected")
	}
	return nil, Errorf(EHandle, "handle %#x is neither a client nor a connection", h)
}

func stats() (int64, int64) {
	return int64(tab.Len()), int64(numGoroutine())
}
