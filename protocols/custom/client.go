package custom

import (
	"github.com/sgcws/sgcws/core/props"
	"github.com/sgcws/sgcws/core/registry"
	"github.com/sgcws/sgcws/protocols/base"
)

// KindClient is TsgcWSProtocol_Client_Base's ABI kind.
const KindClient = 17

type client struct {
	base.Client
	ps       *props.Set
	protocol string
}

func (c *client) Props() *props.Set { return c.ps }
func (c *client) Close()            { c.Client.Close() }

func newClient(host registry.Host) registry.Instance {
	c := &client{ps: props.NewSet()}
	r := &relay{host: host, track: c.Track, drop: c.Untrack}
	c.Init(host, r, func() string { v, _ := c.ps.GetString("Protocol"); return v })
	c.ps.String("Protocol", &c.protocol, "", "the sub-protocol name (the manual's FProtocol)")
	c.Register(c.ps)
	return c
}

func init() {
	registry.Register(&registry.Class{
		Name: "TsgcWSProtocol_Client_Base", Kind: KindClient, Unit: "sgcWebSocket_Protocol_Base_Client",
		Doc: "the base of a host-written client sub-protocol", New: newClient, Refs: base.ClientRefs,
		Events: []*registry.Event{evMessage, evBinary},
		Methods: []*registry.Method{
			{Name: "WriteData", Doc: "sends Text to the server",
				Params: []registry.Param{{Name: "Text", Type: registry.String}},
				Run: func(inst registry.Instance, a []registry.Value) (registry.Value, error) {
					return registry.Value{}, inst.(*client).Send(a[0].Str())
				}},
		},
	})
}
