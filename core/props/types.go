package props

// Type is a property's value type.
type Type int

// Property types.
const (
	Bool    Type = iota + 1
	Int          // int64
	String       // string
	Enum         // one of Info.Values, stored as its index
	Strings      // a TStrings: one item per line
)

// String returns the type's name as shown to hosts.
func (t Type) String() string {
	switch t {
	case Bool:
		return "Boolean"
	case Int:
		return "Integer"
	case String:
		return "String"
	case Enum:
		return "Enum"
	case Strings:
		return "Strings"
	}
	return "Unknown"
}

// Info describes a property for introspection.
type Info struct {
	Name     string
	Type     Type
	Default  string   // the default in text form (see GetText)
	Values   []string // Enum: value names in the manual's spelling
	ReadOnly bool
	Doc      string
}
