package props

import (
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
)

// prop is one registered property: bound to storage (one of the p* fields)
// or to get/set functions.
type prop struct {
	info   Info
	pBool  *bool
	pInt   *int64
	pStr   *string
	pStrs  *[]string
	pEnum  *int
	min    int64
	max    int64
	get    func() (any, error)
	set    func(any) error
	frozen atomic.Bool
}

// Set holds the properties of one component instance.
type Set struct {
	mu sync.RWMutex // guards the bound storage

	// Written only during registration, before the Set is shared.
	list   []*prop
	exact  map[string]*prop // canonical name
	folded map[string]*prop // lower-cased name

	meta     sync.Mutex // guards owner and onChange
	owner    string
	onChange []func(name string)
}

// NewSet returns an empty Set.
func NewSet() *Set {
	return &Set{exact: map[string]*prop{}, folded: map[string]*prop{}}
}

// SetOwner names the component in error messages, e.g.
// "TsgcWebSocketClient".
func (s *Set) SetOwner(componentName string) {
	s.meta.Lock()
	s.owner = componentName
	s.meta.Unlock()
}

// Lock and Unlock exclude setters, so the owning component can read several
// bound fields consistently. Do not call other Set methods while holding it.
func (s *Set) Lock()   { s.mu.Lock() }
func (s *Set) Unlock() { s.mu.Unlock() }

// RLock and RUnlock are the shared form of Lock, enough for reading.
func (s *Set) RLock()   { s.mu.RLock() }
func (s *Set) RUnlock() { s.mu.RUnlock() }

// OnChange adds fn, called with the canonical name after every successful
// set, without locks held (so it may set dependent properties).
func (s *Set) OnChange(fn func(name string)) *Set {
	s.meta.Lock()
	s.onChange = append(s.onChange, fn)
	s.meta.Unlock()
	return s
}

func (s *Set) changed(name string) {
	s.meta.Lock()
	fns := s.onChange
	s.meta.Unlock()
	for _, fn := range fns {
		fn(name)
	}
}

// lookup finds a property by name, case-insensitively.
func (s *Set) lookup(name string) (*prop, error) {
	if p := s.exact[name]; p != nil {
		return p, nil
	}
	if p := s.folded[strings.ToLower(name)]; p != nil {
		return p, nil
	}
	s.meta.Lock()
	owner := s.owner
	s.meta.Unlock()
	return nil, errUnknown(name, owner)
}

// Info returns the description of the named property.
func (s *Set) Info(name string) (Info, bool) {
	p, err := s.lookup(name)
	if err != nil {
		return Info{}, false
	}
	return p.info, true
}

// List describes every property in registration order.
func (s *Set) List() []Info {
	out := make([]Info, len(s.list))
	for i, p := range s.list {
		out[i] = p.info
	}
	return out
}

// Freeze makes the named properties refuse changes (ErrState) until
// Unfreeze, e.g. while the component is Active. Unknown names panic: they
// are programming errors.
func (s *Set) Freeze(names ...string) {
	for _, n := range names {
		p, err := s.lookup(n)
		if err != nil {
			panic("props: Freeze: " + err.Error())
		}
		p.frozen.Store(true)
	}
}

// Unfreeze lifts Freeze for the named properties, or for all if none are
// named.
func (s *Set) Unfreeze(names ...string) {
	if len(names) == 0 {
		for _, p := range s.list {
			p.frozen.Store(false)
		}
		return
	}
	for _, n := range names {
		if p, err := s.lookup(n); err == nil {
			p.frozen.Store(false)
		}
	}
}

// writable checks that p may be set at all.
func writable(p *prop) error {
	if p.info.ReadOnly {
		return errReadOnly(p.info.Name)
	}
	if p.frozen.Load() {
		return errFrozen(p.info.Name)
	}
	return nil
}

// callSet runs a Func setter and normalises its error.
func (p *prop) callSet(v any) error {
	err := p.set(v)
	if err == nil {
		return nil
	}
	if e, ok := err.(*Error); ok {
		if e.Property == "" {
			e.Property = p.info.Name
		}
		return e
	}
	return &Error{ErrValue, p.info.Name, fmt.Sprintf("property %q: %v", p.info.Name, err), err}
}

// callGet runs a Func getter; a wrong result type is reported, not panicked
// on, because it would reach the host through the C ABI.
func (p *prop) callGet() (any, error) {
	v, err := p.get()
	if err != nil {
		if e, ok := err.(*Error); ok {
			return nil, e
		}
		return nil, &Error{ErrValue, p.info.Name, fmt.Sprintf("property %q: %v", p.info.Name, err), nil}
	}
	ok := false
	switch p.info.Type {
	case Bool:
		_, ok = v.(bool)
	case Int:
		if i, isInt := v.(int); isInt {
			v, ok = int64(i), true
		} else {
			_, ok = v.(int64)
		}
	case String:
		_, ok = v.(string)
	case Strings:
		_, ok = v.([]string)
	case Enum:
		if i, isInt64 := v.(int64); isInt64 {
			v = int(i)
		}
		var i int
		if i, ok = v.(int); ok && (i < 0 || i >= len(p.info.Values)) {
			return nil, &Error{ErrValue, p.info.Name, fmt.Sprintf("property %q: getter returned ordinal %d", p.info.Name, i), nil}
		}
	}
	if !ok {
		return nil, &Error{ErrValue, p.info.Name, fmt.Sprintf("property %q: getter returned %T for %s", p.info.Name, v, p.info.Type), nil}
	}
	return v, nil
}
