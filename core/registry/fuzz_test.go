package registry

import (
	"encoding/binary"
	"testing"
)

// FuzzBind decodes arbitrary bytes into argument records, as a host might pass them, and binds them
// to methods of every shape: any input is an error or a bound list, never a panic, and a bound list
// always has the declared names and types.
func FuzzBind(f *testing.F) {
	f.Add([]byte{4, 0, 'h', 'i'})
	f.Add([]byte{2, 1, 'q', 'o', 's', 0, 7, 0, 0, 0, 0, 0, 0, 0})
	f.Add([]byte{3, 0, 1, 2, 3, 4, 5, 6, 7, 8, 5, 0})
	methods := []*Method{testMethod,
		{Name: "None", Run: testMethod.Run},
		{Name: "Flags", Run: testMethod.Run, Params: []Param{{Name: "A", Type: Bool}, {Name: "B", Type: Handle, Default: uint64(0)},
			{Name: "C", Type: Bytes, Default: []byte{}}}},
	}
	names := []string{"", "Text", "channel", "QoS", "ratio", "A", "b", "C", "nope"}
	f.Fuzz(func(t *testing.T, in []byte) {
		var vals []Value
		for len(in) >= 2 && len(vals) < 8 {
			v := Value{Type: Type(in[0] % 8), Name: names[int(in[1])%len(names)]}
			in = in[2:]
			if len(in) >= 8 {
				v.Int = int64(binary.LittleEndian.Uint64(in))
				v.Float = float64(v.Int)
				in = in[8:]
			}
			n := 0
			if len(in) > 0 {
				n = int(in[0]) % (len(in))
				v.Data = in[1 : 1+n]
				in = in[1+n:]
			}
			vals = append(vals, v)
		}
		for _, m := range methods {
			got, err := Bind(m, vals)
			if err != nil {
				continue
			}
			if len(got) != len(m.Params) {
				t.Fatalf("%s bound %d values for %d parameters", m.Name, len(got), len(m.Params))
			}
			for i, p := range m.Params {
				if got[i].Name != p.Name || got[i].Type != p.Type {
					t.Fatalf("%s value %d is %s %s, want %s %s", m.Name, i, got[i].Name, got[i].Type, p.Name, p.Type)
				}
			}
		}
	})
}
