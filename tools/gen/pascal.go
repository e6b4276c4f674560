package main

import (
	"fmt"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/sgcws/sgcws/core/props"
	"github.com/sgcws/sgcws/core/registry"
)

// The Pascal bindings (Lazarus/Free Pascal and Delphi), from the registry:
//   - sgcWebSocket_Catalogue.pas: the kind numbers, the enumerations sgcWebSocket_Types lacks, and
//     the library path of every published property by index (the "index pi..." specifiers);
//   - sgcWebSocket_Components.inc / _Impl.inc: the property groups and published properties of the
//     built-in components, included by the hand-written sgcWebSocket.pas, whose *_Base classes keep
//     the runtime and the typed hot paths;
//   - one unit per registered Unit (e.g. sgcWebSocket_Protocol_Base_Server.pas): the classes with
//     their properties, methods (sgcws_invoke) and events (dispatched by the runtime's
//     TsgcWSComponent_Registered), and the value objects their events carry (registry.Object);
//   - the packages bindings/lazarus/sgcws.lpk (+ its unit sgcws.pas) and bindings/delphi/sgcws.dpk.
// This file builds the model; pascal_render.go writes the units.

const pasDir = "bindings/pascal-shared/"

func init() {
	m, err := pasBuild()
	if err != nil {
		// Reported when rendering, so `gen` names the failing output.
		outputs = append(outputs, output{pasDir + "sgcWebSocket_Catalogue.pas", func() ([]byte, error) { return nil, err }})
		return
	}
	outputs = append(outputs,
		output{pasDir + "sgcWebSocket_Catalogue.pas", m.renderCatalogue},
		output{pasDir + "sgcWebSocket_Components.inc", m.renderBuiltinIntf},
		output{pasDir + "sgcWebSocket_Components_Impl.inc", m.renderBuiltinImpl},
		output{"bindings/lazarus/sgcws.lpk", m.renderLpk},
		output{"bindings/lazarus/sgcws.pas", m.renderLazarusUnit},
		output{"bindings/delphi/sgcws.dpk", m.renderDpk})
	for _, u := range m.units {
		u := u
		outputs = append(outputs, output{pasDir + u.name + ".pas", func() ([]byte, error) { return m.renderUnit(u) }})
	}
}

// pasBuiltins are the built-in classes with a generated Pascal class, and the hand-written runtime
// class each derives from (in sgcWebSocket.pas). TsgcWSConnection and TsgcWSRequest are runtime
// objects (sgcWebSocket_Classes).
var pasBuiltins = map[string]string{
	"TsgcWebSocketClient":     "TsgcWebSocketClient_Base",
	"TsgcWebSocketServer":     "TsgcWebSocketServer_Base",
	"TsgcWebSocketHTTPServer": "TsgcWebSocketHTTPServer_Base",
}

// pasPromoted are the properties the runtime declares (public, typed by hand: Active streams,
// NotifyEvents drives the delivery); the generated classes publish them with "property Name;".
var pasPromoted = map[string]bool{"Active": true, "NotifyEvents": true}

// The runtime bases of the registered classes: TsgcWSProtocol is the manual's protocol base, with
// the FProtocol field its subclasses set in their constructor (and its published Protocol).
const (
	pasRegisteredBase = "TsgcWSComponent_Registered"
	pasProtocolBase   = "TsgcWSProtocol"
)

// pasRuntimeEvents are event types the runtime declares (sgcWebSocket_Classes): a generated event
// of the same name and signature uses them.
var pasRuntimeEvents = map[string]string{
	"TsgcWSMessageEvent": "Connection: TsgcWSConnection; const Text: string",
	"TsgcWSBinaryEvent":  "Connection: TsgcWSConnection; const Data: TMemoryStream",
	"TsgcWSErrorEvent":   "Connection: TsgcWSConnection; const Error: string",
}

type pasModel struct {
	builtin []*pasClass
	units   []*pasUnit // registered classes by unit, in kind order of their first class
	paths   []string   // every path published by index, in first-use order
	pathSet map[string]bool
	enums   []pasEnum // declared in the catalogue
	known   map[string][]string
	groups  map[string]*pasGroup  // by Pascal class name
	classes map[string]*pasClass  // by name
	objects map[string]*pasObject // the value objects events carry, by registry name
}

// A value object of the registry (registry.Object), declared in the unit of the first class whose
// events carry it, with its list class when some event carries a list of it.
type pasObject struct {
	reg  *registry.Object
	unit string
	list bool
}

type pasEnum struct {
	name   string
	values []string
}

type pasUnit struct {
	name    string
	classes []*pasClass
	groups  []*pasGroup  // declared in this unit, ancestors first
	objects []*pasObject // declared in this unit, in first-use order
}

type pasClass struct {
	reg     *registry.Class
	unit    string
	base    string
	parent  *pasClass // a registered parent class
	members []pasMember
	methods []*registry.Method
	events  []*registry.Event
	refs    []*pasProp
	all     []*pasProp // every property (for inheritance checks)
}

// A member of a component or a group: a property, or a nested group.
type pasMember struct {
	prop  *pasProp
	group *pasGroup
	name  string
}

func (m pasMember) key() string {
	if m.group != nil {
		return "g:" + m.name + ":" + m.group.name
	}
	return "p:" + m.prop.path + ":" + m.prop.typ
}

type pasProp struct {
	path, name, typ string
	access          string // accessor suffix: B, I, I64, S, Strings, or an enum's Get/Set name
	enum            string
	def             string // the default specifier's value, "" for none
	readOnly        bool
	ref             string // Refs: the class it holds
	promote         bool
}

type pasGroup struct {
	name, ancestor, prefix, unit string
	members                      []pasMember // own ones (not the ancestor's)
}

func pasBuild() (*pasModel, error) {
	m := &pasModel{pathSet: map[string]bool{}, groups: map[string]*pasGroup{}, classes: map[string]*pasClass{},
		objects: map[string]*pasObject{}}
	known, err := pasKnownEnums()
	if err != nil {
		return nil, err
	}
	m.known = known
	byUnit := map[string]*pasUnit{}
	for _, c := range registry.All() {
		if c.Builtin && pasBuiltins[c.Name] == "" {
			continue
		}
		pc, err := m.class(c)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", c.Name, err)
		}
		m.classes[c.Name] = pc
		if c.Builtin {
			m.builtin = append(m.builtin, pc)
			continue
		}
		u := byUnit[c.Unit]
		if u == nil {
			u = &pasUnit{name: c.Unit}
			byUnit[c.Unit] = u
			m.units = append(m.units, u)
		}
		u.classes = append(u.classes, pc)
		if err := m.addObjects(u, pc); err != nil {
			return nil, fmt.Errorf("%s: %w", c.Name, err)
		}
	}
	if err := m.shareAncestors(); err != nil {
		return nil, err
	}
	for _, u := range m.units {
		u.groups = m.unitGroups(u.name)
	}
	return m, nil
}

// pasKnownEnums reads the enumerations sgcWebSocket_Types declares by hand, so the catalogue
// declares only the others and the registry's values are checked against those.
func pasKnownEnums() (map[string][]string, error) {
	src, err := os.ReadFile(pasDir + "sgcWebSocket_Types.pas")
	if err != nil {
		return nil, err
	}
	out := map[string][]string{}
	for _, mt := range regexp.MustCompile(`(?m)^\s*(\w+)\s*=\s*\(([^)]*)\)\s*;`).FindAllStringSubmatch(string(src), -1) {
		var vals []string
		for _, v := range strings.Split(mt[2], ",") {
			vals = append(vals, strings.TrimSpace(v))
		}
		out[strings.ToLower(mt[1])] = vals
	}
	return out, nil
}

// enumType is the Pascal type of an enumeration, declared in the catalogue if it is new.
func (m *pasModel) enumType(values []string) (string, error) {
	name := registry.EnumType(values)
	if name == "" {
		return "", fmt.Errorf("enumeration %v has no Pascal type: declare it with registry.Enum", values)
	}
	have, ok := m.known[strings.ToLower(name)]
	if !ok {
		m.known[strings.ToLower(name)] = values
		m.enums = append(m.enums, pasEnum{name, values})
		return name, nil
	}
	if strings.Join(have, ",") != strings.Join(values, ",") {
		return "", fmt.Errorf("enumeration %s is (%s) in Pascal but (%s) in the registry", name,
			strings.Join(have, ", "), strings.Join(values, ", "))
	}
	return name, nil
}

func (m *pasModel) class(c *registry.Class) (*pasClass, error) {
	pc := &pasClass{reg: c, unit: c.Unit}
	switch {
	case c.Builtin:
		pc.base = pasBuiltins[c.Name]
	case c.Parent != "":
		if pc.parent = m.classes[c.Parent]; pc.parent == nil {
			return nil, fmt.Errorf("parent %s is not a registered class of a lower kind", c.Parent)
		}
		pc.base = c.Parent
	default:
		pc.base = pasRegisteredBase
	}
	root := &pasGroup{}
	for _, info := range c.Properties() {
		if strings.HasPrefix(info.Name, "Events.") {
			continue // the runtime switches these when a handler is assigned
		}
		p, err := m.prop(c, info)
		if err != nil {
			return nil, err
		}
		pc.all = append(pc.all, p)
		if !p.promote {
			m.addPath(p.path) // also the runtime's (e.g. piListenAddresses)
		}
		switch {
		case c.Builtin && info.ReadOnly:
			continue // the runtime bases declare them (shared by the servers)
		case !c.Builtin && c.Parent == "" && p.path == "Protocol" && p.typ == "string":
			pc.base = pasProtocolBase // its Protocol is the runtime's FProtocol
			continue
		case pc.parent != nil && pc.parent.hasProp(p):
			continue
		}
		m.place(c, root, p)
		if p.ref != "" {
			pc.refs = append(pc.refs, p)
		}
	}
	pc.members = root.members
	for _, meth := range c.Methods {
		if pc.parent != nil && pc.parent.reg.Method(meth.Name) != nil {
			continue
		}
		pc.methods = append(pc.methods, meth)
	}
	for _, e := range c.Events {
		if pc.parent != nil {
			if pe := pc.parent.reg.Event(e.Name); pe != nil {
				if m.eventSig(pe, "") != m.eventSig(e, "") {
					return nil, fmt.Errorf("event %s differs from %s's", e.Name, c.Parent)
				}
				continue
			}
		}
		pc.events = append(pc.events, e)
	}
	return pc, m.checkTypes(pc)
}

func (pc *pasClass) hasProp(p *pasProp) bool {
	for _, q := range pc.all {
		if q.path == p.path && q.typ == p.typ {
			return true
		}
	}
	return false
}

func (m *pasModel) prop(c *registry.Class, info props.Info) (*pasProp, error) {
	p := &pasProp{path: info.Name, name: info.Name[strings.LastIndex(info.Name, ".")+1:], readOnly: info.ReadOnly,
		promote: pasPromoted[info.Name]}
	if pasKeyword[strings.ToLower(p.name)] {
		return nil, fmt.Errorf("property %s is a Pascal keyword", info.Name)
	}
	switch info.Type {
	case props.Bool:
		p.typ, p.access = "Boolean", "B"
		p.def = info.Default
	case props.Int:
		p.typ, p.access = "Integer", "I"
		if ref := c.Refs[info.Name]; ref != "" {
			p.typ, p.ref = ref, ref
			break
		}
		if n, err := strconv.ParseInt(info.Default, 10, 64); err == nil {
			if n == int64(int32(n)) {
				p.def = info.Default
			} else {
				p.typ, p.access = "Int64", "I64" // no default specifier: Pascal's are 32-bit
			}
		}
	case props.String:
		p.typ, p.access = "string", "S"
	case props.Strings:
		p.typ, p.access = "TStrings", "Strings"
	case props.Enum:
		t, err := m.enumType(info.Values)
		if err != nil {
			return nil, fmt.Errorf("property %s: %w", info.Name, err)
		}
		p.typ, p.enum, p.access, p.def = t, t, pasEnumAccess(t), info.Default
	default:
		return nil, fmt.Errorf("property %s has type %s", info.Name, info.Type)
	}
	return p, nil
}

func (m *pasModel) addPath(path string) {
	if !m.pathSet[path] {
		m.pathSet[path] = true
		m.paths = append(m.paths, path)
	}
}

// pasEnumAccess names the typed accessors of an enumeration: TwsTLSVersions -> TLSVersions.
func pasEnumAccess(t string) string {
	s := strings.TrimPrefix(t, "T")
	return strings.TrimLeft(s, "abcdefghijklmnopqrstuvwxyz")
}

// place puts p into its group (creating the groups of its path) under root.
func (m *pasModel) place(c *registry.Class, root *pasGroup, p *pasProp) {
	segs := strings.Split(p.path, ".")
	g := root
	for i := 0; i < len(segs)-1; i++ {
		prefix := strings.Join(segs[:i+1], ".")
		var sub *pasGroup
		for _, mem := range g.members {
			if mem.group != nil && mem.name == segs[i] {
				sub = mem.group
			}
		}
		if sub == nil {
			name := c.Groups[prefix]
			if name == "" {
				name = "T" + strings.TrimPrefix(c.Name, "T") + "_" + strings.ReplaceAll(prefix, ".", "_")
			}
			sub = &pasGroup{name: name, prefix: prefix, unit: c.Unit}
			g.members = append(g.members, pasMember{group: sub, name: segs[i]})
		}
		g = sub
	}
	g.members = append(g.members, pasMember{prop: p, name: p.name})
}

// shareAncestors merges the groups of every class into one declaration per Pascal name. Groups of
// one path prefix with different names in one unit (TsgcWSOptionsClient, TsgcWSOptionsServer)
// share their common properties through an ancestor named after the names' common start
// (TsgcWSOptions_Base), as the manual's classes do.
func (m *pasModel) shareAncestors() error {
	var tops []*pasGroup
	var walk func(ms []pasMember)
	walk = func(ms []pasMember) {
		for _, mem := range ms {
			if mem.group != nil {
				tops = append(tops, mem.group)
				walk(mem.group.members)
			}
		}
	}
	for _, pc := range m.allClasses() {
		walk(pc.members)
	}
	byPrefix := map[string][]*pasGroup{} // unit + prefix -> distinct names, in order
	for _, g := range tops {
		k := g.unit + "\x00" + g.prefix
		dup := false
		for _, o := range byPrefix[k] {
			dup = dup || o.name == g.name
		}
		if !dup {
			byPrefix[k] = append(byPrefix[k], g)
		}
	}
	ancestors := map[string]*pasGroup{} // by unit + prefix, computed before any group is cut down
	for k, alts := range byPrefix {
		if len(alts) > 1 {
			a, err := pasAncestor(alts)
			if err != nil {
				return err
			}
			ancestors[k] = a
		}
	}
	for _, g := range tops {
		if a := ancestors[g.unit+"\x00"+g.prefix]; a != nil {
			keys := pasKeys(a.members)
			var own []pasMember
			for _, mem := range g.members {
				if !strings.Contains(keys, "|"+mem.key()+"|") {
					own = append(own, mem)
				}
			}
			g.members, g.ancestor = own, a.name
		}
	}
	for _, g := range tops {
		if have := m.groups[g.name]; have != nil {
			if pasKeys(have.members) != pasKeys(g.members) || have.prefix != g.prefix || have.ancestor != g.ancestor {
				return fmt.Errorf("group class %s is used for different properties (%s, %s)", g.name, have.prefix, g.prefix)
			}
			continue
		}
		m.groups[g.name] = g
	}
	for _, a := range ancestors {
		if a != nil {
			m.groups[a.name] = a
		}
	}
	return nil
}

// pasAncestor is the shared ancestor of groups of one prefix (nil when they share nothing).
func pasAncestor(alts []*pasGroup) (*pasGroup, error) {
	var common []pasMember
	for _, mem := range alts[0].members {
		in := true
		for _, o := range alts[1:] {
			in = in && strings.Contains(pasKeys(o.members), "|"+mem.key()+"|")
		}
		if in {
			common = append(common, mem)
		}
	}
	if len(common) == 0 {
		return nil, nil
	}
	start := alts[0].name
	for _, o := range alts[1:] {
		for !strings.HasPrefix(o.name, start) {
			start = start[:len(start)-1]
		}
	}
	if len(start) < 2 {
		return nil, fmt.Errorf("groups %s and %s of %s share properties but no name", alts[0].name, alts[1].name, alts[0].prefix)
	}
	return &pasGroup{name: strings.TrimRight(start, "_") + "_Base", prefix: alts[0].prefix, unit: alts[0].unit, members: common}, nil
}

func pasKeys(ms []pasMember) string {
	var b strings.Builder
	b.WriteString("|")
	for _, mem := range ms {
		b.WriteString(mem.key() + "|")
	}
	return b.String()
}

// unitGroups lists the groups declared in a unit: ancestors and nested groups before their users.
func (m *pasModel) unitGroups(unit string) []*pasGroup {
	var names []string
	for n, g := range m.groups {
		if g.unit == unit {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	var out []*pasGroup
	done := map[string]bool{}
	var add func(g *pasGroup)
	add = func(g *pasGroup) {
		if done[g.name] {
			return
		}
		done[g.name] = true
		if a := m.groups[g.ancestor]; a != nil && a.unit == unit {
			add(a)
		}
		for _, mem := range g.members {
			if mem.group != nil && m.groups[mem.group.name].unit == unit {
				add(m.groups[mem.group.name])
			}
		}
		out = append(out, g)
	}
	for _, n := range names {
		add(m.groups[n])
	}
	return out
}

func (m *pasModel) allClasses() []*pasClass {
	out := append([]*pasClass{}, m.builtin...)
	for _, u := range m.units {
		out = append(out, u.classes...)
	}
	return out
}

// addObjects records the value objects pc's events carry that no earlier unit declares.
func (m *pasModel) addObjects(u *pasUnit, pc *pasClass) error {
	for _, e := range pc.events {
		for _, a := range e.Args {
			if a.Object == "" {
				continue
			}
			if a.Var {
				return fmt.Errorf("event %s: a var object argument (%s) cannot be answered", e.Name, a.Name)
			}
			o := m.objects[a.Object]
			if o == nil {
				reg := registry.ObjectByName(a.Object)
				for _, f := range reg.Fields {
					if pasKeyword[strings.ToLower(f.Name)] || strings.EqualFold(f.Name, "Data") {
						return fmt.Errorf("object %s: field %s is a Pascal keyword or the runtime's Data", reg.Name, f.Name)
					}
				}
				o = &pasObject{reg: reg, unit: u.name}
				m.objects[a.Object] = o
				u.objects = append(u.objects, o)
			}
			o.list = o.list || a.List
		}
	}
	return nil
}

// pasListName is the class of a list of objects: TsgcWSPresenceMember -> TsgcWSPresenceMemberList.
func pasListName(object string) string { return object + "List" }

// pasItemName names a list's items after the object's last word, as the manual's
// TsgcWSPresenceMemberList.Member[i].
func pasItemName(object string) string {
	for i := len(object) - 1; i > 0; i-- {
		if object[i] >= 'A' && object[i] <= 'Z' && object[i-1] >= 'a' && object[i-1] <= 'z' {
			return object[i:]
		}
	}
	return "Items"
}

// checkTypes resolves every argument type up front, so rendering cannot fail half-way.
func (m *pasModel) checkTypes(pc *pasClass) error {
	for _, meth := range pc.methods {
		for _, p := range meth.Params {
			if _, err := m.paramType(p, false); err != nil {
				return fmt.Errorf("method %s: %w", meth.Name, err)
			}
		}
		if _, err := m.paramType(registry.Param{Name: "Result", Type: meth.Result}, false); err != nil && meth.Result != registry.None {
			return fmt.Errorf("method %s: %w", meth.Name, err)
		}
	}
	for _, e := range pc.events {
		for _, a := range e.Args {
			if _, err := m.paramType(a, true); err != nil {
				return fmt.Errorf("event %s: %w", e.Name, err)
			}
			if a.Var && a.Type == registry.Double {
				return fmt.Errorf("event %s: a var Double argument cannot be answered (no sgcws_set_double)", e.Name)
			}
		}
	}
	return nil
}

// paramType is the Pascal type of a method parameter or event argument.
func (m *pasModel) paramType(p registry.Param, event bool) (string, error) {
	if len(p.Values) > 0 {
		return m.enumType(p.Values)
	}
	switch {
	case p.Object != "" && !event:
		return "", fmt.Errorf("argument %s: object arguments of methods are not supported", p.Name)
	case p.Object != "" && p.List:
		return pasListName(p.Object), nil
	case p.Object != "":
		return p.Object, nil
	}
	switch p.Type {
	case registry.Bool:
		return "Boolean", nil
	case registry.Int:
		return "Integer", nil
	case registry.Double:
		return "Double", nil
	case registry.String:
		return "string", nil
	case registry.Bytes:
		if event {
			return "TMemoryStream", nil
		}
		return "TStream", nil
	case registry.Handle:
		return "TsgcwsHandle", nil
	}
	return "", fmt.Errorf("argument %s has type %s", p.Name, p.Type)
}

// eventSig renders an event's handler parameters, e.g.
// "Connection: TsgcWSConnection; const Text: string". conn names the connection parameter.
func (m *pasModel) eventSig(e *registry.Event, conn string) string {
	if conn == "" {
		conn = "Connection"
	}
	parts := []string{"Sender: TObject"}
	if e.Conn {
		parts = []string{conn + ": TsgcWSConnection"}
	}
	for _, a := range e.Args {
		t, _ := m.paramType(a, true)
		parts = append(parts, pasParamDecl(a, t, a.Name, false))
	}
	return strings.Join(parts, "; ")
}

// pasParamDecl declares a parameter. An event argument is const exactly where the manual's (or the
// original product's) signature has it, as const is part of a method type; a method's string
// parameters are always const (callers cannot tell).
func pasParamDecl(p registry.Param, typ, name string, method bool) string {
	switch {
	case p.Var || p.Ref:
		return "var " + name + ": " + typ
	case p.Const || (method && typ == "string"):
		return "const " + name + ": " + typ
	}
	return name + ": " + typ
}

var pasKeyword = map[string]bool{}

func init() {
	for _, k := range strings.Fields(`and array as asm begin case class const constructor destructor div do
		downto else end except exports file finalization finally for function goto if implementation in
		inherited initialization inline interface is label library mod nil not object of or out packed
		procedure program property raise record repeat resourcestring set shl shr string then threadvar
		to try type unit until uses var while with xor`) {
		pasKeyword[k] = true
	}
}
