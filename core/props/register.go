package props

import "strings"

// add validates and records a new property. Mistakes here are programming
// errors in a component, caught by its first test, so they panic.
func (s *Set) add(p *prop) *Set {
	name := p.info.Name
	if name == "" {
		panic("props: empty property name")
	}
	if s.exact == nil { // tolerate a zero Set
		s.exact, s.folded = map[string]*prop{}, map[string]*prop{}
	}
	key := strings.ToLower(name)
	if s.folded[key] != nil {
		panic("props: duplicate property " + name)
	}
	s.list = append(s.list, p)
	s.exact[name] = p
	s.folded[key] = p
	return s
}

// Bool registers a Boolean property stored in *p, initialised to def.
func (s *Set) Bool(name string, p *bool, def bool, doc string) *Set {
	s.mu.Lock()
	*p = def
	s.mu.Unlock()
	return s.add(&prop{info: Info{Name: name, Type: Bool, Default: formatBool(def), Doc: doc}, pBool: p})
}

// Int registers an Integer property stored in *p, limited to min..max.
func (s *Set) Int(name string, p *int64, def int64, min, max int64, doc string) *Set {
	if min > max || def < min || def > max {
		panic("props: bad range or default for " + name)
	}
	s.mu.Lock()
	*p = def
	s.mu.Unlock()
	return s.add(&prop{info: Info{Name: name, Type: Int, Default: formatInt(def), Doc: doc}, pInt: p, min: min, max: max})
}

// String registers a String property stored in *p.
func (s *Set) String(name string, p *string, def string, doc string) *Set {
	s.mu.Lock()
	*p = def
	s.mu.Unlock()
	return s.add(&prop{info: Info{Name: name, Type: String, Default: def, Doc: doc}, pStr: p})
}

// Strings registers a TStrings property stored in *p.
func (s *Set) Strings(name string, p *[]string, def []string, doc string) *Set {
	s.mu.Lock()
	*p = cloneStrings(def)
	s.mu.Unlock()
	return s.add(&prop{info: Info{Name: name, Type: Strings, Default: joinLines(def), Doc: doc}, pStrs: p})
}

// Enum registers an enumeration stored in *p as the index into values,
// which are spelled as in the manual (e.g. "neAsynchronous").
func (s *Set) Enum(name string, p *int, def int, values []string, doc string) *Set {
	if len(values) == 0 || def < 0 || def >= len(values) {
		panic("props: bad values or default for " + name)
	}
	s.mu.Lock()
	*p = def
	s.mu.Unlock()
	vals := append([]string(nil), values...)
	return s.add(&prop{info: Info{Name: name, Type: Enum, Default: vals[def], Values: vals, Doc: doc}, pEnum: p})
}

// Func registers a computed property. get returns, and set receives, a
// bool, int64, string, []string or int (Enum index) according to info.Type.
// A nil set makes the property read-only. Both run without the Set's lock.
func (s *Set) Func(info Info, get func() (any, error), set func(any) error) *Set {
	if get == nil || info.Type < Bool || info.Type > Strings || (info.Type == Enum && len(info.Values) == 0) {
		panic("props: bad Func registration for " + info.Name)
	}
	info.Values = append([]string(nil), info.Values...)
	if set == nil {
		info.ReadOnly = true
	}
	return s.add(&prop{info: info, get: get, set: set})
}
