package engine

import (
	"github.com/sgcws/sgcws/core/registry"
)

// invoke calls a registered component's method by name (sgcws_invoke): the arguments are bound to
// the declared parameters (by position, then by name, defaults for the rest) and converted to
// their types before the method's code sees them.
func invoke(h uint64, method string, args []registry.Value, insideCallback func() bool) (registry.Value, error) {
	if err := live(); err != nil {
		return registry.Value{}, err
	}
	obj, kind, ok := tab.Get(h)
	if !ok {
		return registry.Value{}, badHandle(h)
	}
	r, isReg := obj.(*registered)
	if !isReg {
		return registry.Value{}, Errorf(EMethod, "handle %#x (kind %d) has no methods by name; use its typed calls", h, kind)
	}
	m := r.cls.Method(method)
	if m == nil {
		return registry.Value{}, Errorf(EMethod, "unknown method %q for %s", method, r.cls.Name)
	}
	if m.Blocking && insideCallback != nil && insideCallback() {
		return registry.Value{}, Errorf(EInCallback, "%s.%s blocks: not allowed inside a callback", r.cls.Name, m.Name)
	}
	vals, err := registry.Bind(m, args)
	if err != nil {
		return registry.Value{}, err
	}
	res, err := m.Run(r.inst, vals)
	if err != nil {
		return registry.Value{}, err
	}
	if m.Result == registry.None {
		return registry.Value{}, nil
	}
	return res, nil
}

// describe renders the registry's description of a kind, or of every registered kind (kind 0).
func describe(kind Kind) (string, error) {
	if err := live(); err != nil {
		return "", err
	}
	if kind == 0 {
		b, err := registry.DescribeAll()
		return string(b), err
	}
	cls := registry.ByKind(int32(kind))
	if cls == nil {
		return "", Errorf(EArg, "no registered component of kind %d", kind)
	}
	b, err := registry.Describe(cls)
	return string(b), err
}

// eventArgValues are the arguments behind a KindArgs handle (sgcws_args).
func eventArgValues(h uint64) ([]registry.Value, error) {
	if err := live(); err != nil {
		return nil, err
	}
	a, ok := asArgs(h)
	if !ok {
		if _, _, live := tab.Get(h); live {
			return nil, Errorf(EHandle, "handle %#x is not an event's arguments", h)
		}
		return nil, Errorf(EHandle, "invalid or expired arguments handle %#x (the event was released)", h)
	}
	return a.values(), nil
}
