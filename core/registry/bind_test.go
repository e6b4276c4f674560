package registry

import (
	"errors"
	"testing"
)

var testMethod = &Method{Name: "Publish", Run: func(Instance, []Value) (Value, error) { return Value{}, nil },
	Params: []Param{{Name: "Text", Type: String}, {Name: "Channel", Type: String, Default: ""},
		{Name: "QoS", Type: Int, Default: 0}, {Name: "Ratio", Type: Double, Default: 1.5}}}

func kindOf(err error) ErrorKind {
	var be *BindError
	if errors.As(err, &be) {
		return be.Kind
	}
	return 0
}

func TestBindPositionalNamedDefaults(t *testing.T) {
	got, err := Bind(testMethod, []Value{StringValue("hi"), {Name: "qos", Type: Int, Int: 2}})
	if err != nil {
		t.Fatal(err)
	}
	if got[0].Str() != "hi" || got[1].Str() != "" || got[2].Int != 2 || got[3].Float != 1.5 {
		t.Fatalf("bound %+v", got)
	}
	for i, p := range testMethod.Params {
		if got[i].Name != p.Name || got[i].Type != p.Type {
			t.Errorf("value %d is %s %s, want %s %s", i, got[i].Name, got[i].Type, p.Name, p.Type)
		}
	}
	// An integer converts to a double; text to bytes and back.
	got, err = Bind(testMethod, []Value{BytesValue([]byte("b")), {Name: "Ratio", Type: Int, Int: 3}})
	if err != nil || got[0].Type != String || got[3].Float != 3 {
		t.Fatalf("conversions: %+v, %v", got, err)
	}
}

func TestBindErrors(t *testing.T) {
	cases := []struct {
		name string
		in   []Value
		want ErrorKind
	}{
		{"missing required", nil, ErrArg},
		{"surplus", []Value{StringValue("a"), StringValue("b"), IntValue(1), DoubleValue(1), IntValue(9)}, ErrArg},
		{"unknown name", []Value{StringValue("a"), {Name: "Nope", Type: Int}}, ErrArg},
		{"twice", []Value{StringValue("a"), {Name: "Text", Type: String}}, ErrArg},
		{"positional after named", []Value{{Name: "Text", Type: String}, IntValue(1)}, ErrArg},
		{"wrong type", []Value{IntValue(1)}, ErrType},
		{"double to int", []Value{StringValue("a"), {Name: "QoS", Type: Double, Float: 1}}, ErrType},
		{"bad type code", []Value{{Type: Type(42)}}, ErrType},
	}
	for _, c := range cases {
		if _, err := Bind(testMethod, c.in); kindOf(err) != c.want {
			t.Errorf("%s: %v, want kind %d", c.name, err, c.want)
		}
	}
}

func TestSetArgOnlyVar(t *testing.T) {
	ev := &Event{Name: "OnBeforeSubscription", ID: 100, Decision: true,
		Args: []Param{{Name: "Subscription", Type: String}, {Name: "Accept", Type: Bool, Var: true}}}
	vals := Values(ev, []any{"news", true})
	if err := SetArg(ev, vals, "accept", BoolValue(false)); err != nil || vals[1].Bool() {
		t.Fatalf("SetArg Accept: %v %+v", err, vals)
	}
	if err := SetArg(ev, vals, "Subscription", StringValue("x")); kindOf(err) != ErrArg {
		t.Fatalf("a non-var argument was writable: %v", err)
	}
	if err := SetArg(ev, vals, "Accept", StringValue("x")); kindOf(err) != ErrType {
		t.Fatalf("wrong type: %v", err)
	}
}

func TestRegisterRejectsMistakes(t *testing.T) {
	run := func(Instance, []Value) (Value, error) { return Value{}, nil }
	bad := []*Class{
		{Name: "NoNew", Kind: 200},
		{Name: "LowKind", Kind: 3, New: func(Host) Instance { return nil }},
		{Name: "DupMethod", Kind: 201, New: func(Host) Instance { return nil },
			Methods: []*Method{{Name: "A", Run: run}, {Name: "a", Run: run}}},
		{Name: "LowEvent", Kind: 202, New: func(Host) Instance { return nil }, Events: []*Event{{Name: "OnX", ID: 5}}},
		{Name: "VarNotDecision", Kind: 203, New: func(Host) Instance { return nil },
			Events: []*Event{{Name: "OnX", ID: 100, Args: []Param{{Name: "A", Type: Bool, Var: true}}}}},
		{Name: "RequiredAfterOptional", Kind: 204, New: func(Host) Instance { return nil },
			Methods: []*Method{{Name: "M", Run: run, Params: []Param{{Name: "A", Type: Int, Default: 1}, {Name: "B", Type: Int}}}}},
	}
	for _, c := range bad {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s registered", c.Name)
				}
			}()
			Register(c)
		}()
	}
}
