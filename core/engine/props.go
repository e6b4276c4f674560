package engine

import (
	"strings"

	"github.com/sgcws/sgcws/core/props"
	"github.com/sgcws/sgcws/core/registry"
)

// propsOf resolves any handle to its property set. For a request, unlock must be called after a
// write: it keeps finish (the end of the decision) from racing with the host's answer.
func propsOf(h uint64, write bool) (ps *props.Set, unlock func(), err error) {
	if err := live(); err != nil {
		return nil, nil, err
	}
	obj, _, ok := tab.Get(h)
	if !ok {
		return nil, nil, badHandle(h)
	}
	switch o := obj.(type) {
	case comp:
		return o.base().ps, func() {}, nil
	case *conn:
		return o.props(), func() {}, nil
	case *request:
		if !write {
			return o.propSet(), func() {}, nil
		}
		o.mu.Lock()
		if o.finished {
			o.mu.Unlock()
			return nil, nil, Errorf(EHandle, "the decision of request %#x is already taken", h)
		}
		return o.propSet(), o.mu.Unlock, nil
	}
	return nil, nil, badHandle(h)
}

// isActive reports whether name is "Active", which Start/Stop handle directly so that their error
// codes (EListen, ...) reach the host unchanged.
func isActive(h uint64, name string) (comp, bool) {
	if !strings.EqualFold(name, "Active") {
		return nil, false
	}
	c, err := lookupComp(h)
	return c, err == nil
}

func setBool(h uint64, name string, v bool) error {
	if a, ok := asArgs(h); ok {
		return a.set(name, registry.BoolValue(v))
	}
	if c, ok := isActive(h, name); ok {
		if v {
			return c.start()
		}
		return c.stop()
	}
	ps, unlock, err := propsOf(h, true)
	if err != nil {
		return err
	}
	defer unlock()
	return ps.SetBool(name, v)
}

func setInt(h uint64, name string, v int64) error {
	if a, ok := asArgs(h); ok {
		return a.set(name, registry.IntValue(v))
	}
	ps, unlock, err := propsOf(h, true)
	if err != nil {
		return err
	}
	defer unlock()
	return ps.SetInt(name, v)
}

func setString(h uint64, name string, v string) error {
	if a, ok := asArgs(h); ok {
		return a.set(name, registry.StringValue(v))
	}
	ps, unlock, err := propsOf(h, true)
	if err != nil {
		return err
	}
	defer unlock()
	return ps.SetString(name, v)
}

func getBool(h uint64, name string) (bool, error) {
	if a, ok := asArgs(h); ok {
		v, err := argsGet(a, name, props.Bool)
		return v.Bool(), err
	}
	ps, _, err := propsOf(h, false)
	if err != nil {
		return false, err
	}
	return ps.GetBool(name)
}

func getInt(h uint64, name string) (int64, error) {
	if a, ok := asArgs(h); ok {
		v, err := argsGet(a, name, props.Int)
		return v.Int, err
	}
	ps, _, err := propsOf(h, false)
	if err != nil {
		return 0, err
	}
	return ps.GetInt(name)
}

func getString(h uint64, name string) (string, error) {
	if a, ok := asArgs(h); ok {
		v, err := argsGet(a, name, props.String)
		return v.Str(), err
	}
	ps, _, err := propsOf(h, false)
	if err != nil {
		return "", err
	}
	return ps.GetString(name)
}

// properties lists a kind's properties from a listing-only set.
func properties(kind Kind) (string, error) {
	if err := live(); err != nil {
		return "", err
	}
	infos, err := PropertyList(kind)
	if err != nil {
		return "", err
	}
	return props.ListText(infos), nil
}

// PropertyList describes a kind's properties, with their documentation (tools/genprops writes
// docs/PROPERTIES.md from it).
func PropertyList(kind Kind) ([]props.Info, error) {
	var ps *props.Set
	switch kind {
	case KindClient:
		ps = clientPropSet(nil, &clientFields{})
	case KindServer:
		ps = serverPropSet(nil, false, &serverFields{})
	case KindHTTPServer:
		ps = serverPropSet(nil, true, &serverFields{})
	case KindConnection:
		ps = connPropSet(nil)
	case KindRequest:
		ps = requestPropSet(&requestFields{})
	default:
		if cls := registry.ByKind(int32(kind)); cls != nil && kind >= registry.FirstKind {
			return cls.Properties(), nil
		}
		return nil, Errorf(EArg, "no component kind %d", kind)
	}
	return ps.List(), nil
}
