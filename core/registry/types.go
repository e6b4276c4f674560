package registry

import (
	"fmt"
	"strconv"
)

// Type is the type of a method argument, a method result or an event argument. The values are ABI
// (SGCWS_T_* in include/sgcws.h): never renumber.
type Type int32

const (
	None   Type = 0 // no value (a procedure's result)
	Bool   Type = 1
	Int    Type = 2 // int64
	Double Type = 3 // float64
	String Type = 4 // UTF-8 text
	Bytes  Type = 5 // binary data
	Handle Type = 6 // an sgcws handle (a connection, a component)
)

var typeNames = [...]string{None: "None", Bool: "Boolean", Int: "Integer", Double: "Double",
	String: "String", Bytes: "Bytes", Handle: "Handle"}

func (t Type) String() string {
	if t >= 0 && int(t) < len(typeNames) {
		return typeNames[t]
	}
	return "Type(" + strconv.Itoa(int(t)) + ")"
}

// Value is one typed value crossing the boundary: an argument, a result or an event argument.
// Int carries Bool (0/1), Int and Handle; Float carries Double; Data carries String and Bytes.
type Value struct {
	Name  string
	Type  Type
	Int   int64
	Float float64
	Data  []byte
}

// Constructors for the values components emit and return.
func BoolValue(v bool) Value {
	if v {
		return Value{Type: Bool, Int: 1}
	}
	return Value{Type: Bool}
}
func IntValue(v int64) Value      { return Value{Type: Int, Int: v} }
func DoubleValue(v float64) Value { return Value{Type: Double, Float: v} }
func StringValue(v string) Value  { return Value{Type: String, Data: []byte(v)} }
func BytesValue(v []byte) Value   { return Value{Type: Bytes, Data: v} }
func HandleValue(v uint64) Value  { return Value{Type: Handle, Int: int64(v)} }
func (v Value) Bool() bool        { return v.Int != 0 }
func (v Value) Str() string       { return string(v.Data) }
func (v Value) HandleVal() uint64 { return uint64(v.Int) }

// ValueOf converts a Go value of a component's code (bool, int, int32, int64, uint64 for handles,
// float64, string, []byte, or a Value) into a Value of type t.
func ValueOf(t Type, x any) (Value, error) {
	if v, ok := x.(Value); ok {
		return convert(v, t)
	}
	var v Value
	switch x := x.(type) {
	case bool:
		v = BoolValue(x)
	case int:
		v = IntValue(int64(x))
	case int32:
		v = IntValue(int64(x))
	case int64:
		v = IntValue(x)
	case uint64:
		v = HandleValue(x)
	case float64:
		v = DoubleValue(x)
	case string:
		v = StringValue(x)
	case []byte:
		v = BytesValue(x)
	default:
		return Value{}, fmt.Errorf("registry: %T is not a value type", x)
	}
	return convert(v, t)
}

// convert gives v the type t where that loses nothing: integers and handles are interchangeable,
// an integer becomes a double, text and bytes are interchangeable. Anything else is an error.
func convert(v Value, t Type) (Value, error) {
	if v.Type == t {
		return v, nil
	}
	out := Value{Name: v.Name, Type: t}
	switch {
	case (v.Type == Int || v.Type == Handle) && (t == Int || t == Handle):
		out.Int = v.Int
	case v.Type == Int && t == Double:
		out.Float = float64(v.Int)
	case (v.Type == String || v.Type == Bytes) && (t == String || t == Bytes):
		out.Data = v.Data
	default:
		return Value{}, fmt.Errorf("is %s, not %s", t, v.Type)
	}
	return out, nil
}
