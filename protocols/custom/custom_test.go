package custom

import (
	"testing"
	"time"

	"github.com/sgcws/sgcws/core/engine"
	"github.com/sgcws/sgcws/core/events"
	"github.com/sgcws/sgcws/core/registry"
	pt "github.com/sgcws/sgcws/protocols/prototest"
)

const (
	evMsg = events.Kind(100)
	evBin = events.Kind(101)
)

// A host-written protocol on both ends, in every delivery mode: its connections raise OnConnect,
// OnMessage and OnDisconnect on the protocol components (the server's own OnMessage stays silent),
// WriteData and Broadcast answer, and a plain client of the same server is not the protocol's.
func TestCustomProtocolBothEnds(t *testing.T) {
	for _, mode := range []string{"neNoSync", "neAsynchronous", "neSynchronous"} {
		t.Run(mode, func(t *testing.T) {
			srv := pt.Create(t, engine.KindServer)
			proto := pt.Create(t, KindServer)
			pt.Must(t, engine.SetString(proto, "Protocol", "chat.test"))
			pt.Must(t, engine.SetInt(proto, "Server", int64(srv)))
			url := pt.Listen(t, srv)
			srvEvents := pt.Record(t, srv, mode, nil)
			var protoEvents *pt.Recorder
			protoEvents = pt.Record(t, proto, mode, func(ev *events.Event) {
				if ev.Kind == evMsg {
					text, err := engine.GetString(ev.Args, "Text")
					pt.Must(t, err)
					guid, err := engine.GetString(ev.Connection, "Guid")
					pt.Must(t, err)
					_, err = engine.Invoke(proto, "WriteData", []registry.Value{registry.StringValue(guid), registry.StringValue("echo:" + text)}, nil)
					pt.Must(t, err)
				}
			})

			cli := pt.Create(t, engine.KindClient)
			cliProto := pt.Create(t, KindClient)
			pt.Must(t, engine.SetString(cliProto, "Protocol", "chat.test"))
			pt.Must(t, engine.SetInt(cliProto, "Client", int64(cli)))
			cliEvents := pt.Record(t, cliProto, mode, nil)
			pt.Must(t, engine.SetString(cli, "URL", url))
			pt.Must(t, engine.Connect(cli, pt.Wait, false))

			sc := srvEvents.Next(events.EvConnect)
			pc := protoEvents.Next(events.EvConnect)
			if sc.Connection != pc.Connection {
				t.Fatalf("server and protocol saw different connections: %#x, %#x", sc.Connection, pc.Connection)
			}
			cliEvents.Next(events.EvConnect)
			if p, _ := engine.GetString(cli, "Protocol"); p != "chat.test" {
				t.Fatalf("negotiated %q", p)
			}

			pt.Invoke(t, cliProto, "WriteData", "hello")
			if e := protoEvents.Next(evMsg); e.Arg("Text") != "hello" || e.Connection != pc.Connection {
				t.Fatalf("protocol OnMessage: %+v", e)
			}
			if e := cliEvents.Next(evMsg); e.Arg("Text") != "echo:hello" {
				t.Fatalf("client OnMessage: %+v", e)
			}

			// A plain client of the same server is the server's, not the protocol's.
			plain := pt.Dial(t, url, "", nil)
			pc2 := srvEvents.Next(events.EvConnect)
			pt.Must(t, engine.Write(plain, engine.TypeText, []byte("plain"), 0))
			if e := srvEvents.Next(events.EvMessage); e.Data != "plain" || e.Connection != pc2.Connection {
				t.Fatalf("server OnMessage: %+v", e)
			}
			pt.Invoke(t, proto, "Broadcast", "to all")
			if e := cliEvents.Next(evMsg); e.Arg("Text") != "to all" {
				t.Fatalf("broadcast: %+v", e)
			}

			pt.Must(t, engine.Close(cli, 1000))
			if e := protoEvents.Next(events.EvDisconnect); e.Connection != pc.Connection {
				t.Fatalf("protocol OnDisconnect: %+v", e)
			}
			srvEvents.Next(events.EvDisconnect)
			cliEvents.Next(events.EvDisconnect)
			srvEvents.None(50*time.Millisecond, events.EvMessage)
		})
	}
}

// The connection handle outlives the transport's OnDisconnect while the protocol has not yet
// handled its own: both components may read it during their events.
func TestConnectionHandleLivesUntilEveryDisconnectIsHandled(t *testing.T) {
	srv := pt.Create(t, engine.KindServer)
	proto := pt.Create(t, KindServer)
	pt.Must(t, engine.SetString(proto, "Protocol", "p1"))
	pt.Must(t, engine.SetInt(proto, "Server", int64(srv)))
	url := pt.Listen(t, srv)
	pt.Must(t, engine.SetString(srv, "NotifyEvents", "neNoSync"))
	pt.Must(t, engine.SetString(proto, "NotifyEvents", "neAsynchronous")) // held in its queue
	cli := pt.Dial(t, url, "p1", nil)
	var conn uint64
	deadline := time.Now().Add(pt.Wait)
	for conn == 0 && time.Now().Before(deadline) {
		batch, err := engine.Poll(proto, 0, 20*time.Millisecond)
		pt.Must(t, err)
		for _, ev := range batch {
			if ev.Kind == events.EvConnect {
				conn = ev.Connection
			}
		}
	}
	pt.Must(t, engine.Close(cli, 1000))
	var disconnected bool
	for !disconnected && time.Now().Before(deadline) {
		batch, err := engine.Poll(proto, 0, 20*time.Millisecond)
		pt.Must(t, err)
		for _, ev := range batch {
			if ev.Kind == events.EvDisconnect {
				disconnected = true
				if _, err := engine.GetString(conn, "Guid"); err != nil {
					t.Fatalf("connection handle gone during the protocol's OnDisconnect: %v", err)
				}
			}
		}
	}
	if !disconnected {
		t.Fatal("no OnDisconnect on the protocol")
	}
	pt.Must(t, engine.Release(proto))
	if _, err := engine.GetString(conn, "Guid"); engine.CodeOf(err) != engine.EHandle {
		t.Fatalf("connection handle still live after every OnDisconnect was handled: %v", err)
	}
}

// Bad input to the generic path: unknown methods and arguments, wrong types, missing arguments,
// wrong handles, a second protocol of the same name, attaching to a non-server.
func TestGenericCallErrors(t *testing.T) {
	srv := pt.Create(t, engine.KindServer)
	cli := pt.Create(t, engine.KindClient)
	proto := pt.Create(t, KindServer)
	pt.Must(t, engine.SetString(proto, "Protocol", "p"))
	call := func(h uint64, m string, args ...registry.Value) error {
		_, err := engine.Invoke(h, m, args, nil)
		return err
	}
	s := registry.StringValue
	cases := []struct {
		name string
		err  error
		want engine.Code
	}{
		{"unknown method", call(proto, "NoSuch"), engine.EMethod},
		{"method on a built-in", call(srv, "WriteData"), engine.EMethod},
		{"stale handle", call(0x7fff, "WriteData"), engine.EHandle},
		{"missing argument", call(proto, "WriteData", s("g")), engine.EArg},
		{"too many", call(proto, "WriteData", s("g"), s("t"), s("x")), engine.EArg},
		{"unknown name", call(proto, "WriteData", registry.Value{Name: "Nope", Type: registry.String}), engine.EArg},
		{"wrong type", call(proto, "WriteData", registry.IntValue(1), s("t")), engine.EType},
		{"unknown guid", call(proto, "WriteData", s("nobody"), s("t")), engine.EValue},
		{"attach to a client", engine.SetInt(proto, "Server", int64(cli)), engine.EValue},
		{"attach to nothing", engine.SetInt(proto, "Server", 0x7fff), engine.EHandle},
	}
	for _, c := range cases {
		if got := engine.CodeOf(c.err); got != c.want {
			t.Errorf("%s: code %d (%v), want %d", c.name, got, c.err, c.want)
		}
	}
	pt.Must(t, engine.SetInt(proto, "Server", int64(srv)))
	other := pt.Create(t, KindServer)
	pt.Must(t, engine.SetString(other, "Protocol", "P"))
	if err := engine.SetInt(other, "Server", int64(srv)); engine.CodeOf(err) != engine.EState {
		t.Errorf("a second protocol named P: %v", err)
	}
	// Named arguments in any order work.
	err := call(proto, "Broadcast", s("x"), registry.Value{Name: "include", Type: registry.String, Data: []byte("none")})
	pt.Must(t, err)
}
