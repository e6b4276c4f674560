package engine

import (
	"github.com/sgcws/sgcws/core/events"
	"github.com/sgcws/sgcws/core/registry"
	"github.com/sgcws/sgcws/core/wsconn"
	"github.com/sgcws/sgcws/core/wsproto"
)

// registered is an instance of a class from the registry (a protocol, an API client, ...) behind
// a component handle. The engine gives it what every component has (handle, properties, event
// delivery in the three NotifyEvents modes, decisions, the transports to attach to) through
// registry.Host; the class's own Go code does the rest.
type registered struct {
	component
	cls  *registry.Class
	inst registry.Instance
}

func newRegistered(cls *registry.Class) *registered {
	r := &registered{cls: cls}
	r.component.init(Kind(cls.Kind), r)
	r.inst = registry.NewInstance(cls, r)
	r.ps = r.inst.Props()
	r.ps.OnChange(func(name string) {
		if name == "NotifyEvents" {
			r.disp.SetMode(events.Mode(r.getInt("NotifyEvents")))
		}
	})
	return r
}

func (r *registered) start() error {
	if s, ok := r.inst.(registry.Starter); ok {
		return s.Start()
	}
	return Errorf(EUnsupported, "%s has no Start/Stop", r.cls.Name)
}

func (r *registered) stop() error {
	if s, ok := r.inst.(registry.Starter); ok {
		return s.Stop()
	}
	return Errorf(EUnsupported, "%s has no Start/Stop", r.cls.Name)
}

func (r *registered) teardown(bool) { r.inst.Close() }

// Handle implements registry.Host.
func (r *registered) Handle() uint64 { return r.h }

// Emit implements registry.Host: the arguments travel in a KindArgs handle that expires with the
// event.
func (r *registered) Emit(e *registry.Event, conn uint64, args ...any) {
	vals := registry.Values(e, args)
	if r.detached.Load() {
		return
	}
	a := newEventArgs(&r.component, e, vals)
	r.emit(&events.Event{Kind: events.Kind(e.ID), Connection: conn, Args: a.h, UserData: connData(conn)})
}

// Decide implements registry.Host.
func (r *registered) Decide(e *registry.Event, conn uint64, args ...any) []registry.Value {
	vals := registry.Values(e, args)
	if !r.optIn("Events." + e.Name) {
		return vals
	}
	a := newEventArgs(&r.component, e, vals)
	ev := &events.Event{Kind: events.Kind(e.ID), Connection: conn, Args: a.h, UserData: connData(conn)}
	if !r.decide(ev, a) {
		return vals
	}
	return a.values()
}

// Report implements registry.Host: OnError on the component.
func (r *registered) Report(conn uint64, code int32, text string) {
	r.emit(&events.Event{Kind: events.EvError, Connection: conn, Code: code, Data: []byte(text), UserData: connData(conn)})
}

// Multicast implements registry.Host with the engine's broadcast: one prepared frame.
func (r *registered) Multicast(conns []registry.Conn, text string) {
	pm := wsconn.NewPreparedMessage(wsproto.OpText, []byte(text))
	for _, c := range conns {
		if v, ok := c.(connView); ok {
			if ws := v.c.w(); ws != nil {
				_ = ws.WritePrepared(pm)
			}
			continue
		}
		_ = c.WriteText(text)
	}
}

// Transport implements registry.Host.
func (r *registered) Transport(h uint64) (registry.Transport, error) {
	c, err := lookupComp(h)
	if err != nil {
		return nil, err
	}
	switch t := c.(type) {
	case *client:
		return &transport{b: &t.component, owner: r}, nil
	case *server:
		return &transport{b: &t.component, owner: r, server: true}, nil
	}
	return nil, Errorf(EHandle, "handle %#x is neither a client nor a server", h)
}

// connData is a connection's Data slot, copied into its events as for the transport's own.
func connData(h uint64) uintptr {
	if h == 0 {
		return 0
	}
	if obj, _, ok := tab.Get(h); ok {
		if c, isConn := obj.(*conn); isConn {
			return c.data.Load()
		}
	}
	return 0
}
