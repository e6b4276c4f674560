package registry

import "fmt"

// ErrorKind classifies a binding failure so the engine can map it to a status code.
type ErrorKind int

const (
	ErrArg  ErrorKind = iota + 1 // unknown, missing, repeated or surplus argument
	ErrType                      // an argument of the wrong type
)

// BindError is what Bind and SetArg return.
type BindError struct {
	Kind ErrorKind
	Msg  string
}

func (e *BindError) Error() string { return e.Msg }

func bindErr(kind ErrorKind, format string, a ...any) error {
	return &BindError{kind, fmt.Sprintf(format, a...)}
}

// Bind matches the values a host passed to a method's parameters, in the declared order:
// unnamed values fill the parameters by position, then named ones fill any parameter by name
// (case-insensitively); omitted parameters take their defaults. Every value is converted to its
// parameter's type where nothing is lost (see convert).
func Bind(m *Method, in []Value) ([]Value, error) {
	out := make([]Value, len(m.Params))
	var set paramSet
	pos, named := 0, false
	for _, v := range in {
		var i int
		switch {
		case v.Name != "":
			if i = paramIndex(m.Params, v.Name); i < 0 {
				return nil, bindErr(ErrArg, "%s has no parameter %q (%s)", m.Name, v.Name, m.signature())
			}
			named = true
		case named:
			return nil, bindErr(ErrArg, "%s: an unnamed argument after a named one", m.Name)
		case pos >= len(m.Params):
			return nil, bindErr(ErrArg, "%s takes %d parameters, got more (%s)", m.Name, len(m.Params), m.signature())
		default:
			i = pos
			pos++
		}
		if set.has(i) {
			return nil, bindErr(ErrArg, "%s: parameter %s given twice", m.Name, m.Params[i].Name)
		}
		cv, err := convert(v, m.Params[i].Type)
		if err != nil {
			return nil, bindErr(ErrType, "%s: parameter %s %s", m.Name, m.Params[i].Name, err)
		}
		cv.Name = m.Params[i].Name
		out[i] = cv
		set.add(i)
	}
	for i, p := range m.Params {
		if set.has(i) {
			continue
		}
		if p.Default == nil {
			return nil, bindErr(ErrArg, "%s: parameter %s is required (%s)", m.Name, p.Name, m.signature())
		}
		v, _ := ValueOf(p.Type, p.Default) // checked at registration
		v.Name = p.Name
		out[i] = v
	}
	return out, nil
}

// paramSet records which parameters were given, without an allocation for up to 64 of them.
type paramSet struct {
	bits  uint64
	extra map[int]bool
}

func (s *paramSet) add(i int) {
	if i < 64 {
		s.bits |= 1 << i
		return
	}
	if s.extra == nil {
		s.extra = map[int]bool{}
	}
	s.extra[i] = true
}

func (s *paramSet) has(i int) bool {
	if i < 64 {
		return s.bits&(1<<i) != 0
	}
	return s.extra[i]
}

// Values converts a component's Go arguments to an event's typed values; a mismatch is a
// programming error in the component, so it panics (the first test that raises the event finds it).
func Values(e *Event, args []any) []Value {
	if len(args) != len(e.Args) {
		panic(fmt.Sprintf("registry: %s raised with %d arguments, declared %d", e.Name, len(args), len(e.Args)))
	}
	out := make([]Value, len(args))
	for i, a := range args {
		v, err := ValueOf(e.Args[i].Type, a)
		if err != nil {
			panic(fmt.Sprintf("registry: %s argument %s: %v", e.Name, e.Args[i].Name, err))
		}
		v.Name = e.Args[i].Name
		out[i] = v
	}
	return out
}

// SetArg stores a host's answer into a decision event's argument, which must be a Var one.
func SetArg(e *Event, vals []Value, name string, v Value) error {
	i := e.Arg(name)
	if i < 0 {
		return bindErr(ErrArg, "%s has no argument %q", e.Name, name)
	}
	if !e.Args[i].Var {
		return bindErr(ErrArg, "%s: argument %s is not a var argument", e.Name, e.Args[i].Name)
	}
	cv, err := convert(v, e.Args[i].Type)
	if err != nil {
		return bindErr(ErrType, "%s: argument %s %s", e.Name, e.Args[i].Name, err)
	}
	cv.Name = e.Args[i].Name
	vals[i] = cv
	return nil
}

// signature renders "Name(A: String; B: Integer = 0)" for error messages.
func (m *Method) signature() string {
	s := m.Name + "("
	for i, p := range m.Params {
		if i > 0 {
			s += "; "
		}
		s += p.Name + ": " + p.Type.String()
		if p.Default != nil {
			s += fmt.Sprintf(" = %v", p.Default)
		}
	}
	return s + ")"
}

// Failures a method's Run reports, mapped by the engine to SGCWS_E_STATE, _VALUE, _CLOSED,
// _TIMEOUT and _UNSUPPORTED (any other error is SGCWS_E_STATE).
const (
	ErrState ErrorKind = iota + 10
	ErrValue
	ErrClosed
	ErrTimeout
	ErrUnsupported
)

// Errorf builds a method failure of the given kind.
func Errorf(kind ErrorKind, format string, a ...any) error { return bindErr(kind, format, a...) }
