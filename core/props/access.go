package props

import (
	"fmt"
	"strings"
)

// SetBool sets a Boolean property.
func (s *Set) SetBool(name string, v bool) error {
	p, err := s.lookup(name)
	if err != nil {
		return err
	}
	if p.info.Type != Bool {
		return errType(p.info.Name, p.info.Type, Bool)
	}
	if err := s.store(p, v); err != nil {
		return err
	}
	s.changed(p.info.Name)
	return nil
}

// SetInt sets an Integer property, or an Enum by ordinal.
func (s *Set) SetInt(name string, v int64) error {
	p, err := s.lookup(name)
	if err != nil {
		return err
	}
	var val any
	switch p.info.Type {
	case Int:
		if p.get == nil && (v < p.min || v > p.max) {
			return errRange(p.info.Name, v, p.min, p.max)
		}
		val = v
	case Enum:
		if v < 0 || v >= int64(len(p.info.Values)) {
			return errRange(p.info.Name, v, 0, int64(len(p.info.Values)-1))
		}
		val = int(v)
	default:
		return errType(p.info.Name, p.info.Type, Int)
	}
	if err := s.store(p, val); err != nil {
		return err
	}
	s.changed(p.info.Name)
	return nil
}

// SetString sets a String property, an Enum by value name
// (case-insensitive) or a Strings property from its text.
func (s *Set) SetString(name string, v string) error {
	p, err := s.lookup(name)
	if err != nil {
		return err
	}
	var val any
	switch p.info.Type {
	case String:
		val = v
	case Strings:
		val = splitLines(v)
	case Enum:
		i := enumIndex(p.info.Values, v)
		if i < 0 {
			return &Error{ErrValue, p.info.Name, fmt.Sprintf("property %q: unknown value %q (%s)",
				p.info.Name, v, strings.Join(p.info.Values, ", ")), nil}
		}
		val = i
	default:
		return errType(p.info.Name, p.info.Type, String)
	}
	if err := s.store(p, val); err != nil {
		return err
	}
	s.changed(p.info.Name)
	return nil
}

func enumIndex(values []string, v string) int {
	for i, name := range values {
		if strings.EqualFold(name, v) {
			return i
		}
	}
	return -1
}

// store writes an already converted and validated value.
func (s *Set) store(p *prop, v any) error {
	if err := writable(p); err != nil {
		return err
	}
	if p.get != nil {
		return p.callSet(v)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	switch p.info.Type {
	case Bool:
		*p.pBool = v.(bool)
	case Int:
		*p.pInt = v.(int64)
	case String:
		*p.pStr = v.(string)
	case Strings:
		*p.pStrs = v.([]string) // freshly split: nobody else holds it
	case Enum:
		*p.pEnum = v.(int)
	}
	return nil
}

// load reads the current value as bool, int64, string, []string or int.
func (s *Set) load(p *prop) (any, error) {
	if p.get != nil {
		return p.callGet()
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	switch p.info.Type {
	case Bool:
		return *p.pBool, nil
	case Int:
		return *p.pInt, nil
	case String:
		return *p.pStr, nil
	case Strings:
		return *p.pStrs, nil
	default:
		return *p.pEnum, nil
	}
}

// GetBool reads a Boolean property.
func (s *Set) GetBool(name string) (bool, error) {
	p, err := s.lookup(name)
	if err != nil {
		return false, err
	}
	if p.info.Type != Bool {
		return false, errType(p.info.Name, p.info.Type, Bool)
	}
	v, err := s.load(p)
	if err != nil {
		return false, err
	}
	return v.(bool), nil
}

// GetInt reads an Integer property, or an Enum's ordinal.
func (s *Set) GetInt(name string) (int64, error) {
	p, err := s.lookup(name)
	if err != nil {
		return 0, err
	}
	if p.info.Type != Int && p.info.Type != Enum {
		return 0, errType(p.info.Name, p.info.Type, Int)
	}
	v, err := s.load(p)
	if err != nil {
		return 0, err
	}
	if i, ok := v.(int); ok {
		return int64(i), nil
	}
	return v.(int64), nil
}

// GetString reads a String property, an Enum's value name or a Strings
// property's items joined with "\n".
func (s *Set) GetString(name string) (string, error) {
	p, err := s.lookup(name)
	if err != nil {
		return "", err
	}
	switch p.info.Type {
	case String, Strings, Enum:
	default:
		return "", errType(p.info.Name, p.info.Type, String)
	}
	v, err := s.load(p)
	if err != nil {
		return "", err
	}
	return formatValue(p, v), nil
}

// GetText reads any property as text, in the form used for Info.Default:
// Boolean "True"/"False", Integer in decimal, Enum by name, Strings joined
// with "\n". It serves generic hosts and introspection.
func (s *Set) GetText(name string) (string, error) {
	p, err := s.lookup(name)
	if err != nil {
		return "", err
	}
	v, err := s.load(p)
	if err != nil {
		return "", err
	}
	return formatValue(p, v), nil
}

func formatValue(p *prop, v any) string {
	switch x := v.(type) {
	case bool:
		return formatBool(x)
	case int64:
		return formatInt(x)
	case string:
		return x
	case []string:
		return joinLines(x)
	case int:
		return p.info.Values[x]
	}
	return ""
}
