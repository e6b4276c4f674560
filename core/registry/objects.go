package registry

import (
	"fmt"
	"strings"
)

// Object is a value class of the manual that events carry (TsgcWSPresenceMember,
// TsgcWSPresenceChannel, ...). An argument of an object type (Param.Object) is a String whose text
// is the object's fields in declared order, separated by TAB, with TAB, line breaks and
// backslashes escaped as \t, \n, \r and \\ (the escaping of sgcws_properties); a list
// (Param.List) is one such line per element. The bindings build the manual's objects from it.
type Object struct {
	Name   string  // the Pascal class, e.g. "TsgcWSPresenceMember"
	Fields []Param // String, Int or Bool fields
	Doc    string
}

var objects = map[string]*Object{}

// DeclareObject records a value class, once, before the classes whose events use it register.
func DeclareObject(o *Object) {
	for _, f := range o.Fields {
		if f.Type != String && f.Type != Int && f.Type != Bool {
			panic("registry: object " + o.Name + ": field " + f.Name + " is not String, Integer or Boolean")
		}
	}
	regMu.Lock()
	defer regMu.Unlock()
	if objects[fold(o.Name)] != nil {
		panic("registry: object " + o.Name + " declared twice")
	}
	objects[fold(o.Name)] = o
}

// ObjectByName finds a declared value class.
func ObjectByName(name string) *Object {
	regMu.RLock()
	defer regMu.RUnlock()
	return objects[fold(name)]
}

// EncodeObject renders one object's field values (in declared order) as its argument text.
func EncodeObject(fields ...any) string {
	var b strings.Builder
	for i, f := range fields {
		if i > 0 {
			b.WriteByte('\t')
		}
		switch v := f.(type) {
		case bool:
			if v {
				b.WriteString("True")
			} else {
				b.WriteString("False")
			}
		default:
			b.WriteString(objectEscaper.Replace(fmt.Sprint(v)))
		}
	}
	return b.String()
}

// EncodeObjectList renders a list of objects, one EncodeObject line each.
func EncodeObjectList(items [][]any) string {
	lines := make([]string, len(items))
	for i, it := range items {
		lines[i] = EncodeObject(it...)
	}
	return strings.Join(lines, "\n")
}

// DecodeObject splits one object's text back into its field texts.
func DecodeObject(text string) []string {
	parts := strings.Split(text, "\t")
	for i, p := range parts {
		parts[i] = objectUnescape(p)
	}
	return parts
}

var objectEscaper = strings.NewReplacer(`\`, `\\`, "\t", `\t`, "\n", `\n`, "\r", `\r`)

func objectUnescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 == len(s) {
			b.WriteByte(s[i])
			continue
		}
		i++
		switch s[i] {
		case 't':
			b.WriteByte('\t')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// DecodeObjectList splits a list's text into its objects' field texts.
func DecodeObjectList(text string) [][]string {
	if text == "" {
		return nil
	}
	lines := strings.Split(text, "\n")
	out := make([][]string, len(lines))
	for i, l := range lines {
		out[i] = DecodeObject(l)
	}
	return out
}
