package engine

import (
	"strings"
	"sync"
	"sync/atomic"

	"github.com/sgcws/sgcws/core/events"
	"github.com/sgcws/sgcws/core/handles"
	"github.com/sgcws/sgcws/core/props"
	"github.com/sgcws/sgcws/core/registry"
)

// eventArgs holds the typed arguments of one registered event (a KindArgs handle). The host reads
// them all at once (sgcws_args) or one by name through the property calls; a decision event's Var
// arguments are also written by name, until the decision is taken. The handle expires with its
// event, so a late read is SGCWS_E_HANDLE, never stale memory.
type eventArgs struct {
	h     uint64
	owner *component
	ev    *registry.Event
	event *events.Event // the event it belongs to (decisions: for Done)

	mu         sync.Mutex
	vals       []registry.Value
	finished   bool
	unanswered atomic.Bool
}

func newEventArgs(owner *component, ev *registry.Event, vals []registry.Value) *eventArgs {
	a := &eventArgs{owner: owner, ev: ev, vals: vals}
	a.h = tab.Add(handles.Kind(KindArgs), a)
	owner.own(a.h)
	return a
}

func (a *eventArgs) handle() uint64               { return a.h }
func (a *eventArgs) bind(ev *events.Event)        { a.event = ev }
func (a *eventArgs) unansweredFlag() *atomic.Bool { return &a.unanswered }
func (a *eventArgs) ownerComp() *component        { return a.owner }

func (a *eventArgs) seq() uint64 {
	if a.event == nil {
		return 0
	}
	return a.event.Seq
}

func (a *eventArgs) finish() {
	a.mu.Lock()
	a.finished = true
	a.mu.Unlock()
}

// values returns a copy of the arguments (the answer, once finished).
func (a *eventArgs) values() []registry.Value {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]registry.Value(nil), a.vals...)
}

// get finds one argument by name.
func (a *eventArgs) get(name string) (registry.Value, error) {
	i := a.ev.Arg(name)
	if i < 0 {
		return registry.Value{}, Errorf(EProperty, "%s has no argument %q (%s)", a.ev.Name, name, argNames(a.ev))
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.vals[i], nil
}

// set answers a decision through a Var argument.
func (a *eventArgs) set(name string, v registry.Value) error {
	if !a.ev.Decision {
		return Errorf(EReadOnly, "%s is not a decision event: its arguments are read-only", a.ev.Name)
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.finished {
		return Errorf(EHandle, "the decision of %s is already taken", a.ev.Name)
	}
	return registry.SetArg(a.ev, a.vals, name, v)
}

func argNames(e *registry.Event) string {
	names := make([]string, len(e.Args))
	for i, p := range e.Args {
		names[i] = p.Name
	}
	return "arguments: " + strings.Join(names, ", ")
}

// asArgs returns the arguments behind a live KindArgs handle.
func asArgs(h uint64) (*eventArgs, bool) {
	if live() != nil {
		return nil, false // the property call reports the shutdown
	}
	obj, _, ok := tab.Get(h)
	a, isArgs := obj.(*eventArgs)
	return a, ok && isArgs
}

// The property calls on a KindArgs handle read and write arguments; the types map as the
// property types do (Boolean, Integer and Handle by the integer calls, text and bytes by the
// string calls).

func argsGet(a *eventArgs, name string, want props.Type) (registry.Value, error) {
	v, err := a.get(name)
	if err != nil {
		return v, err
	}
	ok := false
	switch want {
	case props.Bool:
		ok = v.Type == registry.Bool
	case props.Int:
		ok = v.Type == registry.Int || v.Type == registry.Handle || v.Type == registry.Bool
	case props.String:
		ok = v.Type == registry.String || v.Type == registry.Bytes
	}
	if !ok {
		return v, Errorf(EType, "argument %q of %s is %s, not %s", v.Name, a.ev.Name, v.Type, want)
	}
	return v, nil
}
