package registry

import (
	"fmt"
	"sort"
	"strings"
	"sync"
)

// The registry: every class, by kind and by name. Classes register from init functions, so
// registration happens before any host can call in; lookups need no lock after that, but one is
// kept so tests may register classes of their own.
var (
	regMu  sync.RWMutex
	byKind = map[int32]*Class{}
	byName = map[string]*Class{}
	enums  = map[string]string{} // first value name (folded) -> Pascal type
)

// FirstKind is the lowest kind number of a registered class; lower ones are the engine's fixed
// kinds (SGCWS_CLIENT ... SGCWS_ARGS).
const FirstKind = 16

// FirstEventID is the lowest event kind number of a registered event.
const FirstEventID = 100

// Register validates and records a class. Mistakes are programming errors caught by the first
// test of the package that declares the class, so they panic.
func Register(c *Class) {
	if err := validate(c); err != nil {
		panic("registry: " + c.Name + ": " + err.Error())
	}
	c.methodIndex = map[string]*Method{}
	for _, m := range c.Methods {
		c.methodIndex[m.Name] = m
		c.methodIndex[fold(m.Name)] = m
	}
	c.eventIndex = map[string]*Event{}
	for _, e := range c.Events {
		c.eventIndex[e.Name] = e
		c.eventIndex[fold(e.Name)] = e
	}
	regMu.Lock()
	defer regMu.Unlock()
	if byKind[c.Kind] != nil || byName[fold(c.Name)] != nil {
		panic(fmt.Sprintf("registry: %s (kind %d) registered twice", c.Name, c.Kind))
	}
	byKind[c.Kind] = c
	byName[fold(c.Name)] = c
}

func validate(c *Class) error {
	switch {
	case c.Name == "" || (c.New == nil) == (c.List == nil):
		return fmt.Errorf("a class needs a Name and either New or (built-in) List")
	case c.Builtin && (c.Kind < 1 || c.Kind >= FirstKind):
		return fmt.Errorf("built-in kind %d is outside 1..%d", c.Kind, FirstKind-1)
	case !c.Builtin && (c.Kind < FirstKind || c.Kind > 255):
		return fmt.Errorf("kind %d is outside %d..255", c.Kind, FirstKind)
	}
	seen := map[string]bool{}
	for _, m := range c.Methods {
		if m.Name == "" || m.Run == nil || seen["m"+fold(m.Name)] {
			return fmt.Errorf("method %q: empty, without Run, or declared twice", m.Name)
		}
		seen["m"+fold(m.Name)] = true
		if err := validParams(m.Params); err != nil {
			return fmt.Errorf("method %s: %w", m.Name, err)
		}
	}
	for _, e := range c.Events {
		if e.Name == "" || e.ID < FirstEventID || seen["e"+fold(e.Name)] || seen[fmt.Sprint("id", e.ID)] {
			return fmt.Errorf("event %q (id %d): empty, id below %d, or declared twice", e.Name, e.ID, FirstEventID)
		}
		seen["e"+fold(e.Name)], seen[fmt.Sprint("id", e.ID)] = true, true
		if err := validParams(e.Args); err != nil {
			return fmt.Errorf("event %s: %w", e.Name, err)
		}
		hasVar := false
		for _, a := range e.Args {
			hasVar = hasVar || a.Var
		}
		if hasVar != e.Decision {
			return fmt.Errorf("event %s: Var arguments if and only if Decision", e.Name)
		}
	}
	return nil
}

// validParams runs under no lock (ObjectByName takes it).
func validParams(ps []Param) error {
	optional := false
	for i, p := range ps {
		if p.Name == "" || p.Type < Bool || p.Type > Handle || paramIndex(ps[:i], p.Name) >= 0 {
			return fmt.Errorf("parameter %d (%q): empty name, bad type or duplicate", i, p.Name)
		}
		if p.Object != "" && (p.Type != String || ObjectByName(p.Object) == nil) {
			return fmt.Errorf("parameter %s: object %s is undeclared or not a String", p.Name, p.Object)
		}
		if p.Default != nil {
			if _, err := ValueOf(p.Type, p.Default); err != nil {
				return fmt.Errorf("parameter %s: default %w", p.Name, err)
			}
			optional = true
		} else if optional {
			return fmt.Errorf("parameter %s: a required parameter after an optional one", p.Name)
		}
	}
	return nil
}

// Enum declares the Pascal type of an enumeration by its value names (in ordinal order), once for
// every class that uses it.
func Enum(pascalType string, values ...string) {
	regMu.Lock()
	enums[fold(values[0])] = pascalType
	regMu.Unlock()
}

// EnumType is the Pascal type declared for an enumeration with these values ("" if none).
func EnumType(values []string) string {
	if len(values) == 0 {
		return ""
	}
	regMu.RLock()
	defer regMu.RUnlock()
	return enums[fold(values[0])]
}

// ByKind finds a registered class by its kind number.
func ByKind(kind int32) *Class {
	regMu.RLock()
	defer regMu.RUnlock()
	return byKind[kind]
}

// ByName finds a registered class by its manual name, case-insensitively.
func ByName(name string) *Class {
	regMu.RLock()
	defer regMu.RUnlock()
	return byName[fold(name)]
}

// All lists the registered classes in kind order.
func All() []*Class {
	regMu.RLock()
	out := make([]*Class, 0, len(byKind))
	for _, c := range byKind {
		out = append(out, c)
	}
	regMu.RUnlock()
	sort.Slice(out, func(i, j int) bool { return out[i].Kind < out[j].Kind })
	return out
}

func fold(s string) string { return strings.ToLower(s) }

func paramIndex(ps []Param, name string) int {
	for i := range ps {
		if strings.EqualFold(ps[i].Name, name) {
			return i
		}
	}
	return -1
}
