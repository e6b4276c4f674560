package main

import (
	"strings"
	"time"

	"github.com/sgcws/sgcws/core/engine"
	"github.com/sgcws/sgcws/protocols/sgc"
)

// sgcPubsub is a TsgcWebSocketServer with a TsgcWSPServer_sgc attached (neNoSync, no handler: the
// protocol does the fan-out itself); subscribers and publisher speak the sgc protocol (fanout_sgc.go).
type sgcPubsub struct{ srv uint64 }

func (p *sgcPubsub) start(time.Duration) (string, error) {
	srv, err := engine.Create(engine.KindServer)
	if err != nil {
		return "", err
	}
	p.srv = srv
	proto, err := engine.Create(sgc.KindServer)
	if err != nil {
		return "", err
	}
	for _, step := range []func() error{
		func() error { return engine.SetString(proto, "NotifyEvents", "neNoSync") },
		func() error { return engine.SetInt(proto, "Server", int64(srv)) },
		func() error { return engine.SetString(srv, "NotifyEvents", "neNoSync") },
		func() error { return engine.SetString(srv, "Bindings", "127.0.0.1:0") },
		func() error { return engine.Start(srv) },
	} {
		if err := step(); err != nil {
			return "", err
		}
	}
	addrs, err := engine.GetString(srv, "ListenAddresses")
	return strings.Split(addrs, "\n")[0], err
}

func (p *sgcPubsub) conns() int64 {
	n, _ := engine.GetInt(p.srv, "Count")
	return n
}
