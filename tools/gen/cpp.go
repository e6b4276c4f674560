package main

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/sgcws/sgcws/core/props"
	"github.com/sgcws/sgcws/core/registry"
)

// The C++ binding's generated half (the runtime is the hand-written bindings/cpp/sgcws.hpp):
//   - bindings/cpp/sgcws_builtin.hpp: every enumeration, and the property accessors of the
//     built-in components as mixins the hand-written classes inherit (their hot paths stay
//     hand-written);
//   - bindings/cpp/sgcws_components.hpp: one RAII class per registered component, and the
//     description the binding was generated from, for CheckComponents().
//
// This file builds the model both are rendered from; cpp_render.go writes them.
func init() {
	outputs = append(outputs,
		output{"bindings/cpp/sgcws_builtin.hpp", func() ([]byte, error) { return renderCpp(renderCppBuiltin) }},
		output{"bindings/cpp/sgcws_components.hpp", func() ([]byte, error) { return renderCpp(renderCppComponents) }})
}

// cppBuiltins are the built-in classes with a C++ class, and the C++ base whose accessors they
// inherit (TsgcWebSocketHTTPServer is a TsgcWebSocketServer). TsgcWSRequest has none: the
// runtime reads it for the decision events.
var cppBuiltins = map[string]string{
	"TsgcWebSocketClient": "", "TsgcWebSocketServer": "", "TsgcWebSocketHTTPServer": "TsgcWebSocketServer",
	"TsgcWSConnection": "",
}

// cppTransports are the classes a protocol attaches to: a class with a Ref to one of them gets
// the engine's OnConnect/OnDisconnect for the connections of its sub-protocol.
var cppTransports = map[string]bool{"TsgcWebSocketClient": true, "TsgcWebSocketServer": true, "TsgcWebSocketHTTPServer": true}

// The members of the hand-written bases a generated name must not hide.
var (
	cppComponentBase = []string{"Handle", "SetStr", "SetInt", "SetBool", "GetStr", "GetInt", "GetBool", "set",
		"Properties", "Describe", "Invoke", "NotifyEvents", "GetNotifyEvents", "SetNotifyEvents", "setNotifyEvents",
		"ProcessEvents", "Waitable", "OnError", "OnException", "OnEventsAvailable",
		"invoke", "event", "optIn", "var"} // the protected helpers the generated members call
	cppProtocolBase = []string{"OnConnect", "OnDisconnect"}
)

type cppType struct {
	value string // by value: "std::string", "int64_t", "TwsNotifyEvent"
	param string // as an input parameter: "const std::string &", "int64_t"
	enum  *cppEnum
}

type cppEnum struct {
	Name   string
	Values []string
}

type cppProp struct {
	Name     string // the member: the path's last segment
	Rel      string // the path below the owner (component or group)
	Type     cppType
	ReadOnly bool
	Ref      string // a component-typed property: the referenced class
	Doc      string
}

type cppGroup struct {
	Name   string // the member, e.g. "Options"
	Class  string // the view class, e.g. "TsgcWebSocketClient_Options"
	Prefix string // the full path prefix, e.g. "Extensions.PerMessage_Deflate"
	Props  []*cppProp
	Groups []*cppGroup
	owner  string // the class it was found in (for a generated view class name)
}

type cppGroupDecl struct {
	*cppGroup
	builtin bool // first used by a built-in class: declared in sgcws_builtin.hpp
}

type cppParam struct {
	Name    string
	Type    cppType
	Default string // a C++ expression, "" when required
	Var     bool   // the handler's value is the answer
	Ref     bool   // a Pascal var the library does not read back: a reference, not answered
}

// cppObject is a value class of the registry (registry.Object): a struct with the manual's
// fields, and, when an argument carries a list of them, its list class.
type cppObject struct {
	Name, Doc string
	Fields    []cppParam
	List      string // the list class ("" when no argument is a list): Name + "List", as the manual's TsgcWSPresenceMemberList
	Item      string // the list's indexed accessor: the last word of Name, as the manual's Member[i]
}

type cppMethod struct {
	Name, Doc string
	Params    []cppParam
	Result    *cppType // nil: a procedure
	Blocking  bool
}

type cppEvent struct {
	Name, Doc      string
	ID             int32
	Conn, Decision bool
	Args           []cppParam
}

type cppClass struct {
	c        *registry.Class
	Parent   string // built-ins: the C++ base whose accessors are inherited
	Protocol bool   // attaches to a transport: has OnConnect/OnDisconnect
	Top      *cppGroup
	Methods  []cppMethod
	Events   []cppEvent
}

// cppModel is everything both files are rendered from.
type cppModel struct {
	classes []*cppClass
	byName  map[string]*cppClass
	enums   []*cppEnum
	groups  []cppGroupDecl // every view class once, inner groups first
	objects []*cppObject   // every value class an event carries, in order of first use
	lines   map[string][]string
}

type cppBuilder struct {
	m         *cppModel
	enumByKey map[string]*cppEnum // by value list
	enumNames map[string]*cppEnum
	values    map[string]string // enum value name -> its enum
	groupKeys map[string]string // view class -> content key
	objects   map[string]*cppObject
}

func buildCpp() (*cppModel, error) {
	b := &cppBuilder{m: &cppModel{byName: map[string]*cppClass{}, lines: map[string][]string{}},
		enumByKey: map[string]*cppEnum{}, enumNames: map[string]*cppEnum{}, values: map[string]string{},
		groupKeys: map[string]string{}, objects: map[string]*cppObject{}}
	for _, c := range registry.All() {
		parent, known := cppBuiltins[c.Name]
		if c.Builtin && !known {
			continue
		}
		cc, err := b.class(c, parent)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", c.Name, err)
		}
		lines, err := describeLines(c)
		if err != nil {
			return nil, err
		}
		b.m.classes = append(b.m.classes, cc)
		b.m.byName[c.Name] = cc
		b.m.lines[c.Name] = lines
	}
	nameGroups(b.m.classes)
	for _, cc := range b.m.classes {
		if err := b.sortGroups(cc.Top, cc.c.Builtin); err != nil {
			return nil, fmt.Errorf("%s: %w", cc.c.Name, err)
		}
		for _, ref := range cc.c.Refs {
			if _, ok := b.m.byName[ref]; !ok {
				return nil, fmt.Errorf("%s: Refs names %s, which has no C++ class", cc.c.Name, ref)
			}
		}
	}
	return b.m, nil
}

func (b *cppBuilder) class(c *registry.Class, parent string) (*cppClass, error) {
	cc := &cppClass{c: c, Parent: parent, Top: &cppGroup{Class: c.Name}}
	for _, ref := range c.Refs {
		cc.Protocol = cc.Protocol || cppTransports[ref]
	}
	for _, p := range c.Properties() {
		if skipCppProperty(c, p) {
			if p.Type == props.Enum { // the runtime's accessors still use its enumeration
				if _, err := b.valueType("", registry.Int, p.Values); err != nil {
					return nil, err
				}
			}
			continue
		}
		if err := b.addProp(cc, p); err != nil {
			return nil, err
		}
	}
	for _, m := range c.Methods {
		cm := cppMethod{Name: m.Name, Doc: m.Doc, Blocking: m.Blocking}
		for _, p := range m.Params {
			if p.Object != "" {
				// sgcws_invoke would need the object's text: no method takes one yet
				return nil, fmt.Errorf("method %s: parameter %s is an object, which the C++ methods cannot send", m.Name, p.Name)
			}
			cp, err := b.param(c.Name+"_"+m.Name+"_"+p.Name, p)
			if err != nil {
				return nil, fmt.Errorf("method %s: %w", m.Name, err)
			}
			cm.Params = append(cm.Params, cp)
		}
		if m.Result != registry.None {
			t, err := b.valueType(c.Name+"_"+m.Name, m.Result, nil)
			if err != nil {
				return nil, err
			}
			cm.Result = &t
		}
		cc.Methods = append(cc.Methods, cm)
	}
	for _, e := range c.Events {
		ce := cppEvent{Name: e.Name, Doc: e.Doc, ID: e.ID, Conn: e.Conn, Decision: e.Decision}
		for _, a := range e.Args {
			if a.Var && a.Type == registry.Double {
				// sgcws.h has no setter for a Double: the answer could not be written back
				return nil, fmt.Errorf("event %s: var argument %s is a Double, which sgcws.h cannot set", e.Name, a.Name)
			}
			if a.Var && a.Object != "" {
				// the runtime decodes objects but does not encode them
				return nil, fmt.Errorf("event %s: var argument %s is an object, which the C++ binding cannot answer", e.Name, a.Name)
			}
			cp, err := b.param(c.Name+"_"+e.Name+"_"+a.Name, a)
			if err != nil {
				return nil, fmt.Errorf("event %s: %w", e.Name, err)
			}
			ce.Args = append(ce.Args, cp)
		}
		cc.Events = append(cc.Events, ce)
	}
	return cc, b.checkNames(cc)
}

// skipCppProperty: what the hand-written runtime owns. NotifyEvents is in every component's base;
// the "Events.On..." switches follow the handlers' assignment; a built-in's Active also switches
// its decision events on before it starts.
func skipCppProperty(c *registry.Class, p props.Info) bool {
	return p.Name == "NotifyEvents" || strings.HasPrefix(p.Name, "Events.") || (c.Builtin && p.Name == "Active")
}

func (b *cppBuilder) addProp(cc *cppClass, p props.Info) error {
	parts := strings.Split(p.Name, ".")
	g := cc.Top
	for i, part := range parts[:len(parts)-1] {
		prefix := strings.Join(parts[:i+1], ".")
		var next *cppGroup
		for _, sub := range g.Groups {
			if sub.Name == part {
				next = sub
			}
		}
		if next == nil {
			next = &cppGroup{Name: cppIdent(part), Class: cc.c.Groups[prefix], Prefix: prefix, owner: cc.c.Name}
			g.Groups = append(g.Groups, next)
		}
		g = next
	}
	cp := &cppProp{Name: cppIdent(parts[len(parts)-1]), Rel: parts[len(parts)-1], ReadOnly: p.ReadOnly,
		Ref: cc.c.Refs[p.Name], Doc: p.Doc}
	if g == cc.Top {
		cp.Rel = p.Name
	}
	var err error
	switch p.Type {
	case props.Bool:
		cp.Type, err = b.valueType("", registry.Bool, nil)
	case props.Int:
		cp.Type, err = b.valueType("", registry.Int, nil)
	case props.String:
		cp.Type, err = b.valueType("", registry.String, nil)
	case props.Strings:
		cp.Type = cppType{value: "TStrings", param: "const TStrings &"}
	case props.Enum:
		cp.Type, err = b.valueType(cc.c.Name+"_"+strings.ReplaceAll(p.Name, ".", "_"), registry.Int, p.Values)
	default:
		err = fmt.Errorf("property %s: type %s has no C++ type", p.Name, p.Type)
	}
	if cp.Ref != "" && p.Type != props.Int {
		err = fmt.Errorf("property %s: a Ref must be an Integer (a handle)", p.Name)
	}
	g.Props = append(g.Props, cp)
	return err
}

// sortGroups gives every view class its content key, checks that a class named by several
// components has the same members everywhere, and lists each class once, inner ones first.
func (b *cppBuilder) sortGroups(g *cppGroup, builtin bool) error {
	for _, sub := range g.Groups {
		if err := b.sortGroups(sub, builtin); err != nil {
			return err
		}
		key, seen := b.groupKeys[sub.Class]
		switch {
		case !seen:
			b.groupKeys[sub.Class] = groupKey(sub)
			b.m.groups = append(b.m.groups, cppGroupDecl{sub, builtin})
		case key != groupKey(sub):
			return fmt.Errorf("group class %s (%s) has other members than where it was first used", sub.Class, sub.Prefix)
		}
	}
	return nil
}

// nameGroups names the view classes the registry's Groups leave unnamed: TsgcWS_<path> when every
// class with that path has the same members there (one view class serves them all), else
// <Class>_<path>.
func nameGroups(classes []*cppClass) {
	keys := map[string]map[string]bool{}
	var walk func(g *cppGroup, visit func(*cppGroup))
	walk = func(g *cppGroup, visit func(*cppGroup)) {
		for _, sub := range g.Groups {
			walk(sub, visit)
			visit(sub)
		}
	}
	for _, cc := range classes {
		walk(cc.Top, func(g *cppGroup) {
			if keys[g.Prefix] == nil {
				keys[g.Prefix] = map[string]bool{}
			}
			keys[g.Prefix][groupKey(g)] = true
		})
	}
	for _, cc := range classes {
		walk(cc.Top, func(g *cppGroup) {
			if g.Class != "" {
				return
			}
			path := strings.ReplaceAll(g.Prefix, ".", "_")
			if len(keys[g.Prefix]) == 1 {
				g.Class = "TsgcWS_" + path
			} else {
				g.Class = g.owner + "_" + path
			}
		})
	}
}

// groupKey is a group's members, recursively, without its class names: equal keys are the same
// accessors.
func groupKey(g *cppGroup) string {
	var s strings.Builder
	for _, p := range g.Props {
		fmt.Fprintf(&s, "p %s %s %v %s;", p.Rel, p.Type.value, p.ReadOnly, p.Ref)
	}
	for _, sub := range g.Groups {
		fmt.Fprintf(&s, "g %s {%s};", sub.Name, groupKey(sub))
	}
	return s.String()
}

func (b *cppBuilder) param(enumName string, p registry.Param) (cppParam, error) {
	t, err := b.valueType(enumName, p.Type, p.Values)
	if p.Object != "" {
		t, err = b.objectType(p.Object, p.List)
	}
	if err != nil {
		return cppParam{}, fmt.Errorf("%s: %w", p.Name, err)
	}
	cp := cppParam{Name: cppIdent(p.Name), Type: t, Var: p.Var, Ref: p.Ref}
	if p.Default != nil {
		v, err := registry.ValueOf(p.Type, p.Default)
		if err != nil {
			return cp, err
		}
		cp.Default = cppLiteral(v, t)
	}
	return cp, nil
}

// valueType maps a registry type to C++; an Integer with value names is an enumeration (named by
// the registry's Enum declaration, else after where it is used).
func (b *cppBuilder) valueType(enumName string, t registry.Type, values []string) (cppType, error) {
	if len(values) > 0 {
		e, err := b.enum(enumName, values)
		if err != nil {
			return cppType{}, err
		}
		return cppType{value: e.Name, param: e.Name, enum: e}, nil
	}
	switch t {
	case registry.Bool:
		return cppType{value: "bool", param: "bool"}, nil
	case registry.Int:
		return cppType{value: "int64_t", param: "int64_t"}, nil
	case registry.Double:
		return cppType{value: "double", param: "double"}, nil
	case registry.String:
		return cppType{value: "std::string", param: "const std::string &"}, nil
	case registry.Bytes:
		return cppType{value: "TBytes", param: "const TBytes &"}, nil
	case registry.Handle:
		return cppType{value: "sgcws_handle", param: "sgcws_handle"}, nil
	}
	return cppType{}, fmt.Errorf("type %s has no C++ type", t)
}

// objectType is the C++ type of an object argument: the object's struct, or its list class. The
// object is declared on first use.
func (b *cppBuilder) objectType(name string, list bool) (cppType, error) {
	o := b.objects[name]
	if o == nil {
		ro := registry.ObjectByName(name)
		if ro == nil {
			return cppType{}, fmt.Errorf("object %s is not declared", name)
		}
		o = &cppObject{Name: ro.Name, Doc: ro.Doc}
		for _, f := range ro.Fields {
			t, err := b.valueType(ro.Name+"_"+f.Name, f.Type, f.Values)
			if err != nil {
				return cppType{}, fmt.Errorf("object %s: field %s: %w", name, f.Name, err)
			}
			o.Fields = append(o.Fields, cppParam{Name: cppIdent(f.Name), Type: t})
		}
		b.objects[name] = o
		b.m.objects = append(b.m.objects, o)
	}
	if !list {
		return cppType{value: o.Name, param: "const " + o.Name + " &"}, nil
	}
	if o.List == "" {
		o.List, o.Item = o.Name+"List", lastWord(o.Name)
		if o.Item == "Count" {
			return cppType{}, fmt.Errorf("object %s: its list accessor would be Count, the list's size", name)
		}
	}
	return cppType{value: o.List, param: "const " + o.List + " &"}, nil
}

// lastWord is the last capitalised word of a CamelCase name: "TsgcWSPresenceMember" -> "Member".
func lastWord(s string) string {
	i := strings.LastIndexFunc(s, unicode.IsUpper)
	if i < 0 {
		return s
	}
	return s[i:]
}

// enum declares an enumeration once. Its values become names in namespace sgcws (as C++Builder
// sees Delphi enumerations), so a value name may belong to one enumeration only.
func (b *cppBuilder) enum(fallback string, values []string) (*cppEnum, error) {
	key := strings.Join(values, ",")
	if e := b.enumByKey[key]; e != nil {
		return e, nil
	}
	name := registry.EnumType(values)
	switch {
	case name == "" && fallback == "":
		return nil, fmt.Errorf("enumeration %v has no registry.Enum declaration", values)
	case name == "":
		name = "T" + strings.TrimPrefix(fallback, "T")
	}
	if other := b.enumNames[name]; other != nil {
		return nil, fmt.Errorf("enumeration %s declared with values %v and %v", name, other.Values, values)
	}
	for _, v := range values {
		if other, ok := b.values[v]; ok {
			return nil, fmt.Errorf("enumeration value %s is in both %s and %s", v, other, name)
		}
		b.values[v] = name
	}
	e := &cppEnum{Name: name, Values: values}
	b.enumByKey[key], b.enumNames[name] = e, e
	b.m.enums = append(b.m.enums, e)
	return e, nil
}

// checkNames refuses a class whose generated members would collide with each other or hide a
// member of the hand-written base.
func (b *cppBuilder) checkNames(cc *cppClass) error {
	seen := map[string]string{}
	add := func(name, what string) error {
		if prev, ok := seen[name]; ok {
			return fmt.Errorf("C++ member %s of %s collides with %s", name, what, prev)
		}
		seen[name] = what
		return nil
	}
	if !cc.c.Builtin {
		base := cppComponentBase
		if cc.Protocol {
			base = append(append([]string{}, base...), cppProtocolBase...)
		}
		for _, n := range base {
			seen[n] = "the runtime's TsgcWSComponent"
		}
	}
	var err error
	for _, n := range memberNames(cc.Top) {
		err = firstErr(err, add(n, "a property"))
	}
	for _, m := range cc.Methods {
		err = firstErr(err, add(m.Name, "method "+m.Name))
	}
	for _, e := range cc.Events {
		err = firstErr(err, add(e.Name, "event "+e.Name), add(e.Name+"Fn", "event "+e.Name))
	}
	return err
}

func memberNames(g *cppGroup) []string {
	var out []string
	for _, p := range g.Props {
		out = append(out, p.Name, "Get"+p.Name, "Set"+p.Name, "set"+p.Name)
	}
	for _, sub := range g.Groups {
		out = append(out, sub.Name, "Get"+sub.Name)
	}
	return out
}

func firstErr(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}

// cppLiteral renders a parameter's default as a C++ expression of its type.
func cppLiteral(v registry.Value, t cppType) string {
	switch {
	case t.enum != nil && v.Int >= 0 && int(v.Int) < len(t.enum.Values):
		return t.enum.Values[v.Int]
	case v.Type == registry.Bool:
		return strconv.FormatBool(v.Bool())
	case v.Type == registry.Int || v.Type == registry.Handle:
		return strconv.FormatInt(v.Int, 10)
	case v.Type == registry.Double:
		s := strconv.FormatFloat(v.Float, 'g', -1, 64)
		if !strings.ContainsAny(s, ".eEn") {
			s += ".0"
		}
		return s
	case v.Type == registry.Bytes:
		return "TBytes()"
	}
	return strconv.Quote(v.Str())
}

var cppKeywords = map[string]bool{}

func init() {
	for _, k := range strings.Fields(`alignas alignof and asm auto bool break case catch char class const
		constexpr continue default delete do double else enum explicit export extern false float for friend
		goto if inline int long mutable namespace new noexcept not nullptr operator or private protected
		public register return short signed sizeof static struct switch template this throw true try
		typedef typeid typename union unsigned using virtual void volatile while xor`) {
		cppKeywords[k] = true
	}
}

// cppIdent keeps a manual's name unless C++ reserves it.
func cppIdent(s string) string {
	if cppKeywords[s] {
		return s + "_"
	}
	return s
}

// describeLines is the part of a class's description (sgcws_describe) the generated C++ depends
// on, one line per property, method and event, sorted. The runtime (sgcws.hpp, describeLines)
// builds the same lines from the library's JSON, so CheckComponents compares like with like. It
// reads the JSON too, so both sides start from the same text.
func describeLines(c *registry.Class) ([]string, error) {
	js, err := registry.Describe(c)
	if err != nil {
		return nil, err
	}
	var d describedClass
	if err := json.Unmarshal(js, &d); err != nil {
		return nil, err
	}
	var out []string
	for _, p := range d.Properties {
		s := "P " + p.Name + " " + p.Type
		if p.ReadOnly {
			s += " ro"
		}
		out = append(out, s+valueList(p.Values))
	}
	for _, m := range d.Methods {
		s := "M " + m.Name + "(" + describedParams(m.Params) + ") " + m.Result
		if m.Blocking {
			s += " blocking"
		}
		out = append(out, s)
	}
	for _, e := range d.Events {
		s := fmt.Sprintf("E %s %d", e.Name, e.ID)
		if e.Connection {
			s += " conn"
		}
		if e.Decision {
			s += " decision"
		}
		out = append(out, s+"("+describedParams(e.Args)+")")
	}
	for _, o := range d.Objects {
		out = append(out, "O "+o.Name+"("+describedParams(o.Fields)+")")
	}
	sort.Strings(out)
	return out, nil
}

func describedParams(ps []describedParam) string {
	parts := make([]string, len(ps))
	for i, p := range ps {
		s := p.Name
		if p.Var {
			s += " var"
		}
		s += " " + p.Type + valueList(p.Values)
		if p.Object != "" {
			s += " object " + p.Object
		}
		if p.List {
			s += " list"
		}
		if p.Default != nil {
			s += " = " + *p.Default
		}
		parts[i] = s
	}
	return strings.Join(parts, ", ")
}

func valueList(vs []string) string {
	if len(vs) == 0 {
		return ""
	}
	return " {" + strings.Join(vs, ",") + "}"
}

// The fields of sgcws_describe's JSON that describeLines reads.
type describedParam struct {
	Name    string   `json:"name"`
	Type    string   `json:"type"`
	Default *string  `json:"default"`
	Var     bool     `json:"var"`
	Values  []string `json:"values"`
	Object  string   `json:"object"`
	List    bool     `json:"list"`
}

type describedClass struct {
	Properties []struct {
		Name     string   `json:"name"`
		Type     string   `json:"type"`
		ReadOnly bool     `json:"readOnly"`
		Values   []string `json:"values"`
	} `json:"properties"`
	Methods []struct {
		Name     string           `json:"name"`
		Params   []describedParam `json:"params"`
		Result   string           `json:"result"`
		Blocking bool             `json:"blocking"`
	} `json:"methods"`
	Events []struct {
		Name       string           `json:"name"`
		ID         int32            `json:"id"`
		Connection bool             `json:"connection"`
		Decision   bool             `json:"decision"`
		Args       []describedParam `json:"args"`
	} `json:"events"`
	Objects []struct {
		Name   string           `json:"name"`
		Fields []describedParam `json:"fields"`
	} `json:"objects"`
}
