package base

import (
	"fmt"
	"sync"

	"github.com/sgcws/sgcws/core/props"
	"github.com/sgcws/sgcws/core/registry"
)

// attacher holds one attachment: which transport, under which name, and how to undo it.
type attacher struct {
	host  registry.Host
	proto registry.Protocol
	name  func() string // the sub-protocol name, read when attaching

	mu        sync.Mutex
	transport uint64
	detach    func()
}

// set attaches to transport h (0 detaches). server: the transport must be a server (else a client).
func (a *attacher) set(h uint64, server bool) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	if h == a.transport {
		return nil
	}
	if a.host == nil {
		return fmt.Errorf("not a live component")
	}
	var detach func()
	if h != 0 {
		t, err := a.host.Transport(h)
		if err != nil {
			return err
		}
		if t.IsServer() != server {
			want := "client"
			if server {
				want = "server"
			}
			return registry.Errorf(registry.ErrValue, "handle %#x is not a %s", h, want)
		}
		if detach, err = t.Attach(a.name(), a.proto); err != nil {
			return err
		}
	}
	if a.detach != nil {
		a.detach()
	}
	a.transport, a.detach = h, detach
	return nil
}

func (a *attacher) get() uint64 {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.transport
}

// register adds the attach property (Integer: the transport's handle, 0 = none).
func (a *attacher) register(ps *props.Set, name, doc string, server bool) {
	ps.Func(props.Info{Name: name, Type: props.Int, Default: "0", Doc: doc},
		func() (any, error) { return int64(a.get()), nil },
		func(v any) error { return a.set(uint64(v.(int64)), server) })
}

func (a *attacher) close() { _ = a.set(0, false) }
