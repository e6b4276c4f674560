package custom

import (
	"github.com/sgcws/sgcws/core/props"
	"github.com/sgcws/sgcws/core/registry"
	"github.com/sgcws/sgcws/protocols/base"
)

// KindServer is TsgcWSProtocol_Server_Base's ABI kind.
const KindServer = 16

type server struct {
	base.Server
	ps       *props.Set
	protocol string
}

func (s *server) Props() *props.Set { return s.ps }
func (s *server) Close()            { s.Server.Close() }

func newServer(host registry.Host) registry.Instance {
	s := &server{ps: props.NewSet()}
	r := &relay{host: host, track: s.Track, drop: s.Untrack}
	s.Init(host, r, func() string { return s.protocolName() })
	s.ps.String("Protocol", &s.protocol, "", "the sub-protocol name (the manual's FProtocol)")
	s.Register(s.ps)
	return s
}

func (s *server) protocolName() string {
	v, _ := s.ps.GetString("Protocol")
	return v
}

func init() {
	registry.Register(&registry.Class{
		Name: "TsgcWSProtocol_Server_Base", Kind: KindServer, Unit: "sgcWebSocket_Protocol_Base_Server",
		Doc: "the base of a host-written server sub-protocol", New: newServer, Refs: base.ServerRefs,
		Events: []*registry.Event{evMessage, evBinary},
		Methods: []*registry.Method{
			{Name: "WriteData", Doc: "sends Text to the connection with Guid",
				Params: []registry.Param{{Name: "Guid", Type: registry.String}, {Name: "Text", Type: registry.String}},
				Run: func(inst registry.Instance, a []registry.Value) (registry.Value, error) {
					c, err := inst.(*server).Conn(a[0].Str())
					if err != nil {
						return registry.Value{}, err
					}
					return registry.Value{}, c.WriteText(a[1].Str())
				}},
			{Name: "Broadcast", Doc: "sends Text to every connection of this protocol (Exclude/Include: comma-separated Guids)",
				Params: []registry.Param{{Name: "Text", Type: registry.String},
					{Name: "Exclude", Type: registry.String, Default: ""}, {Name: "Include", Type: registry.String, Default: ""}},
				Run: func(inst registry.Instance, a []registry.Value) (registry.Value, error) {
					for _, c := range inst.(*server).Select(a[1].Str(), a[2].Str()) {
						_ = c.WriteText(a[0].Str()) // a connection closing meanwhile is not the others' failure
					}
					return registry.Value{}, nil
				}},
		},
	})
}
