package registry

import (
	"encoding/json"
	"fmt"
)

// The JSON shape of sgcws_describe: what a binding needs to check itself against the library
// (and what tools/gen generates from).
type classJSON struct {
	Name       string            `json:"name"`
	Kind       int32             `json:"kind"`
	Unit       string            `json:"unit,omitempty"`
	Parent     string            `json:"parent,omitempty"`
	Doc        string            `json:"doc,omitempty"`
	Builtin    bool              `json:"builtin,omitempty"`
	Groups     map[string]string `json:"groups,omitempty"`
	Refs       map[string]string `json:"refs,omitempty"`
	Properties []propJSON        `json:"properties"`
	Methods    []methodJSON      `json:"methods"`
	Events     []eventJSON       `json:"events"`
	Objects    []objectJSON      `json:"objects,omitempty"` // the value classes its events carry
}

type propJSON struct {
	Name     string   `json:"name"`
	Type     string   `json:"type"`
	Default  string   `json:"default"`
	Values   []string `json:"values,omitempty"`
	EnumType string   `json:"enumType,omitempty"`
	ReadOnly bool     `json:"readOnly,omitempty"`
	Doc      string   `json:"doc,omitempty"`
}

type paramJSON struct {
	Name     string   `json:"name"`
	Type     string   `json:"type"`
	Default  *string  `json:"default,omitempty"`
	Var      bool     `json:"var,omitempty"`
	Const    bool     `json:"const,omitempty"`
	Values   []string `json:"values,omitempty"`
	EnumType string   `json:"enumType,omitempty"`
	Object   string   `json:"object,omitempty"`
	List     bool     `json:"list,omitempty"`
	Doc      string   `json:"doc,omitempty"`
}

type objectJSON struct {
	Name   string      `json:"name"`
	Fields []paramJSON `json:"fields"`
	Doc    string      `json:"doc,omitempty"`
}

type methodJSON struct {
	Name     string      `json:"name"`
	Params   []paramJSON `json:"params"`
	Result   string      `json:"result"`
	Blocking bool        `json:"blocking,omitempty"`
	Doc      string      `json:"doc,omitempty"`
}

type eventJSON struct {
	Name       string      `json:"name"`
	ID         int32       `json:"id"`
	Connection bool        `json:"connection,omitempty"`
	Decision   bool        `json:"decision,omitempty"`
	Args       []paramJSON `json:"args"`
	Doc        string      `json:"doc,omitempty"`
}

// Describe renders one class as JSON.
func Describe(c *Class) ([]byte, error) { return json.Marshal(describe(c)) }

// DescribeAll renders every registered class as a JSON array, in kind order.
func DescribeAll() ([]byte, error) {
	all := All()
	out := make([]classJSON, len(all))
	for i, c := range all {
		out[i] = describe(c)
	}
	return json.Marshal(out)
}

func describe(c *Class) classJSON {
	j := classJSON{Name: c.Name, Kind: c.Kind, Unit: c.Unit, Parent: c.Parent, Doc: c.Doc,
		Builtin: c.Builtin, Groups: c.Groups, Refs: c.Refs,
		Properties: []propJSON{}, Methods: []methodJSON{}, Events: []eventJSON{}}
	for _, p := range c.Properties() {
		j.Properties = append(j.Properties, propJSON{Name: p.Name, Type: p.Type.String(),
			Default: p.Default, Values: p.Values, EnumType: EnumType(p.Values), ReadOnly: p.ReadOnly, Doc: p.Doc})
	}
	for _, m := range c.Methods {
		j.Methods = append(j.Methods, methodJSON{Name: m.Name, Params: params(m.Params),
			Result: m.Result.String(), Blocking: m.Blocking, Doc: m.Doc})
	}
	seen := map[string]bool{}
	for _, e := range c.Events {
		j.Events = append(j.Events, eventJSON{Name: e.Name, ID: e.ID, Connection: e.Conn,
			Decision: e.Decision, Args: params(e.Args), Doc: e.Doc})
		for _, a := range e.Args {
			if o := ObjectByName(a.Object); o != nil && !seen[o.Name] {
				seen[o.Name] = true
				j.Objects = append(j.Objects, objectJSON{Name: o.Name, Fields: params(o.Fields), Doc: o.Doc})
			}
		}
	}
	return j
}

func params(ps []Param) []paramJSON {
	out := []paramJSON{}
	for _, p := range ps {
		pj := paramJSON{Name: p.Name, Type: p.Type.String(), Var: p.Var, Const: p.Const,
			Values: p.Values, EnumType: EnumType(p.Values), Object: p.Object, List: p.List, Doc: p.Doc}
		if p.Default != nil {
			d := fmt.Sprint(p.Default)
			pj.Default = &d
		}
		out = append(out, pj)
	}
	return out
}
