package main

import (
	"strings"
	"time"

	"github.com/sgcws/sgcws/core/engine"
	"github.com/sgcws/sgcws/core/events"
)

// enginePubsub is ours: a TsgcWebSocketServer (core/engine, neNoSync) whose OnBinary hands the
// message to the library's Broadcast, which encodes the frame once for every recipient; the sender
// is excluded by Guid. Heartbeats are the library's own (HeartBeat.Enabled/Interval).
type enginePubsub struct{ srv uint64 }

func (p *enginePubsub) start(heartbeat time.Duration) (string, error) {
	srv, err := engine.Create(engine.KindServer)
	if err != nil {
		return "", err
	}
	p.srv = srv
	steps := []func() error{
		func() error { return engine.SetString(srv, "NotifyEvents", "neNoSync") },
		func() error { return engine.SetString(srv, "Bindings", "127.0.0.1:0") },
		func() error { return engine.SetCallback(srv, p.onEvent) },
	}
	if heartbeat > 0 { // HeartBeat.Interval is in whole seconds
		steps = append(steps,
			func() error { return engine.SetBool(srv, "HeartBeat.Enabled", true) },
			func() error { return engine.SetInt(srv, "HeartBeat.Interval", int64(max(heartbeat/time.Second, 1))) })
	}
	for _, step := range append(steps, func() error { return engine.Start(srv) }) {
		if err := step(); err != nil {
			return "", err
		}
	}
	addrs, err := engine.GetString(srv, "ListenAddresses")
	return strings.Split(addrs, "\n")[0], err
}

func (p *enginePubsub) onEvent(ev *events.Event) {
	if ev.Kind != events.EvBinary {
		return
	}
	guid, _ := engine.GetString(ev.Connection, "Guid")
	_ = engine.Broadcast(p.srv, engine.TypeBinary, ev.Data, "", "", guid, "")
}

func (p *enginePubsub) conns() int64 {
	n, _ := engine.GetInt(p.srv, "Count")
	return n
}
