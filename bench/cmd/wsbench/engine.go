package main

import (
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/sgcws/sgcws/core/engine"
	"github.com/sgcws/sgcws/core/events"
)

// engineTransport is ours: a TsgcWebSocketServer echoing and n TsgcWebSocketClients, all through
// core/engine's API (the Go mirror of the C ABI) in one NotifyEvents mode.
type engineTransport struct {
	mode    string // "neNoSync" or "neAsynchronous"
	deflate bool
	text    bool // text messages (OnMessage, UTF-8 checked) instead of binary
}

func (t engineTransport) Dial(n int, payload []byte, onEcho func(int)) (func(int) error, func(), error) {
	var handles []uint64
	var pollers sync.WaitGroup
	stop := make(chan struct{})
	closeFn := func() {
		close(stop)
		for i := len(handles) - 1; i >= 0; i-- {
			_ = engine.Destroy(handles[i], false)
		}
		pollers.Wait()
	}
	fail := func(err error) (func(int) error, func(), error) {
		closeFn()
		return nil, nil, err
	}
	// deliver routes a component's events to fn: as the callback, or from a goroutine polling it.
	deliver := func(h uint64, fn func(*events.Event)) error {
		if err := engine.SetString(h, "NotifyEvents", t.mode); err != nil {
			return err
		}
		if t.mode == "neNoSync" {
			return engine.SetCallback(h, fn)
		}
		pollers.Add(1)
		go func() {
			defer pollers.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				batch, err := engine.Poll(h, 0, 20*time.Millisecond)
				if err != nil {
					return
				}
				for _, ev := range batch {
					fn(ev)
				}
			}
		}()
		return nil
	}
	setup := func(kind engine.Kind, fn func(*events.Event)) (uint64, error) {
		h, err := engine.Create(kind)
		if err != nil {
			return 0, err
		}
		handles = append(handles, h)
		if t.deflate {
			if err := engine.SetBool(h, "Extensions.PerMessage_Deflate.Enabled", true); err != nil {
				return 0, err
			}
		}
		return h, deliver(h, fn)
	}

	srv, err := setup(engine.KindServer, func(ev *events.Event) {
		switch ev.Kind {
		case events.EvBinary:
			_ = engine.Write(ev.Connection, engine.TypeBinary, ev.Data, 0)
		case events.EvMessage:
			_ = engine.Write(ev.Connection, engine.TypeText, ev.Data, 0)
		}
	})
	if err != nil {
		return fail(err)
	}
	if err := engine.SetString(srv, "Bindings", "127.0.0.1:0"); err != nil {
		return fail(err)
	}
	if err := engine.Start(srv); err != nil {
		return fail(err)
	}
	addrs, err := engine.GetString(srv, "ListenAddresses")
	if err != nil {
		return fail(err)
	}
	url := "ws://" + strings.Split(addrs, "\n")[0] + "/"

	clients := make([]uint64, n)
	index := make(map[uint64]int, n) // written before the first message is sent, then read-only
	for i := range clients {
		h, err := setup(engine.KindClient, func(ev *events.Event) {
			if ev.Kind == events.EvBinary || ev.Kind == events.EvMessage {
				onEcho(index[ev.Component])
			}
		})
		if err != nil {
			return fail(err)
		}
		clients[i], index[h] = h, i
		if err := engine.SetString(h, "URL", url); err != nil {
			return fail(err)
		}
	}
	for _, h := range clients {
		if err := engine.Connect(h, 10*time.Second, false); err != nil {
			return fail(fmt.Errorf("connect: %w", err))
		}
	}
	typ := engine.TypeBinary
	if t.text {
		typ = engine.TypeText
	}
	send := func(i int) error {
		return engine.Write(clients[i], typ, payload, 0)
	}
	return send, closeFn, nil
}
