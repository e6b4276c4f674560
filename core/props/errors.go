package props

import "fmt"

// ErrCode classifies an Error, so the C ABI can map it to a status code.
type ErrCode int

// Error codes.
const (
	ErrUnknown  ErrCode = iota + 1 // no such property
	ErrType                        // wrong typed call for the property
	ErrValue                       // value rejected (range, enum name, setter)
	ErrReadOnly                    // property cannot be set
	ErrState                       // property frozen while the component runs
)

// Error is returned by every failing access.
type Error struct {
	Code     ErrCode
	Property string // canonical name, or the name as given if unknown
	Msg      string // the complete message
	Cause    error  // a Func setter's own error, whose classification a caller may prefer
}

func (e *Error) Error() string { return e.Msg }
func (e *Error) Unwrap() error { return e.Cause }

func errUnknown(name, owner string) error {
	msg := fmt.Sprintf("unknown property %q", name)
	if owner != "" {
		msg += " for " + owner
	}
	return &Error{ErrUnknown, name, msg, nil}
}

func errType(name string, is, want Type) error {
	return &Error{ErrType, name, fmt.Sprintf("property %q is %s, not %s", name, is, want), nil}
}

func errRange(name string, v, min, max int64) error {
	return &Error{ErrValue, name, fmt.Sprintf("property %q: %d out of range %d..%d", name, v, min, max), nil}
}

func errReadOnly(name string) error {
	return &Error{ErrReadOnly, name, fmt.Sprintf("property %q is read-only", name), nil}
}

func errFrozen(name string) error {
	return &Error{ErrState, name, fmt.Sprintf("cannot change %s while Active", name), nil}
}
