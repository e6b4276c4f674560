package props

import (
	"fmt"
	"strconv"
	"strings"
)

// SetText sets any property from text, the inverse of GetText: Boolean
// accepts True/False/1/0 (case-insensitive), Integer a decimal number, the
// other types are as for SetString. It serves generic hosts (INI files,
// designers) that only have text.
func (s *Set) SetText(name, text string) error {
	p, err := s.lookup(name)
	if err != nil {
		return err
	}
	switch p.info.Type {
	case Bool:
		switch strings.ToLower(strings.TrimSpace(text)) {
		case "true", "1":
			return s.SetBool(p.info.Name, true)
		case "false", "0":
			return s.SetBool(p.info.Name, false)
		}
		return &Error{ErrValue, p.info.Name, fmt.Sprintf("property %q: %q is not True or False", p.info.Name, text), nil}
	case Int:
		v, err := strconv.ParseInt(strings.TrimSpace(text), 10, 64)
		if err != nil {
			return &Error{ErrValue, p.info.Name, fmt.Sprintf("property %q: %q is not an integer", p.info.Name, text), nil}
		}
		return s.SetInt(p.info.Name, v)
	}
	return s.SetString(p.info.Name, text)
}
