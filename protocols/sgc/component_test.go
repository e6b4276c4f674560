package sgc

import (
	"testing"

	"github.com/sgcws/sgcws/core/engine"
	"github.com/sgcws/sgcws/core/events"
	"github.com/sgcws/sgcws/core/registry"
	pt "github.com/sgcws/sgcws/protocols/prototest"
)

func kind(e *registry.Event) events.Kind { return events.Kind(e.ID) }

// The sgc protocol through the real engine, in every delivery mode: sessions, wildcard pub/sub, an
// RPC answered by the host from its OnRPC handler (result and error), an OnBeforeSubscription
// decision, and a server broadcast.
func TestSgcThroughTheEngine(t *testing.T) {
	for _, mode := range []string{"neNoSync", "neAsynchronous", "neSynchronous"} {
		t.Run(mode, func(t *testing.T) {
			srv := pt.Create(t, engine.KindServer)
			ps := pt.Create(t, KindServer)
			pt.Must(t, engine.SetInt(ps, "Server", int64(srv)))
			pt.Must(t, engine.SetBool(ps, "Events.OnBeforeSubscription", true))
			url := pt.Listen(t, srv)
			srvEv := pt.Record(t, ps, mode, func(ev *events.Event) {
				switch ev.Kind {
				case kind(sOnRPC):
					id, _ := engine.GetString(ev.Args, "ID")
					m, _ := engine.GetString(ev.Args, "Method")
					args := []registry.Value{registry.StringValue(id), registry.StringValue(`{"time":"12:00"}`)}
					name := "RPCResult"
					if m == "Fail" {
						name = "RPCError"
						args = []registry.Value{registry.StringValue(id), registry.IntValue(-32000), registry.StringValue("failed"), registry.StringValue("why")}
					}
					_, err := engine.Invoke(ps, name, args, nil)
					pt.Must(t, err)
				case kind(sOnBeforeSubscription):
					if sub, _ := engine.GetString(ev.Args, "Subscription"); sub == "secret" {
						pt.Must(t, engine.SetBool(ev.Args, "Accept", false))
					}
				}
			})
			dial := func() (uint64, *pt.Recorder, string) {
				cli := pt.Create(t, engine.KindClient)
				pc := pt.Create(t, KindClient)
				pt.Must(t, engine.SetInt(pc, "Client", int64(cli)))
				rec := pt.Record(t, pc, mode, nil)
				pt.Must(t, engine.SetString(cli, "URL", url))
				pt.Must(t, engine.Connect(cli, pt.Wait, false))
				return pc, rec, rec.Next(kind(cOnSession)).Arg("Guid")
			}
			a, aEv, aGuid := dial()
			b, bEv, _ := dial()
			sc := srvEv.Next(events.EvConnect)
			if g, _ := engine.GetString(sc.Connection, "Guid"); g != aGuid {
				t.Fatalf("session %q is not the server connection's Guid %q", aGuid, g)
			}

			pt.Invoke(t, a, "Subscribe", "secret")
			pt.Invoke(t, a, "Subscribe", "news*")
			if e := aEv.Next(kind(cOnSubscribe)); e.Arg("Subscription") != "news*" {
				t.Fatalf("first confirmation is %q: the refused subscription was confirmed", e.Arg("Subscription"))
			}
			if e := srvEv.Next(kind(sOnSubscription)); e.Arg("Subscription") != "news*" {
				t.Fatalf("server OnSubscription %+v", e.Args)
			}
			pt.Invoke(t, b, "Publish", "goal!", "news/sport")
			if e := aEv.Next(kind(cOnEvent)); e.Arg("Channel") != "news/sport" || e.Arg("Text") != "goal!" {
				t.Fatalf("OnEvent %+v", e.Args)
			}

			pt.Invoke(t, a, "RPC", "r1", "GetTime", "")
			if e := aEv.Next(kind(cOnRPCResult)); e.Arg("Id") != "r1" || e.Arg("Result") != `{"time":"12:00"}` {
				t.Fatalf("OnRPCResult %+v", e.Args)
			}
			pt.Invoke(t, a, "RPC", "r2", "Fail")
			if e := aEv.Next(kind(cOnRPCError)); e.Arg("Id") != "r2" || e.Args["ErrorCode"].Int != -32000 ||
				e.Arg("ErrorMessage") != "failed" || e.Arg("ErrorData") != "why" {
				t.Fatalf("OnRPCError %+v", e.Args)
			}

			pt.Invoke(t, ps, "Broadcast", "to everyone")
			for _, r := range []*pt.Recorder{aEv, bEv} {
				if e := r.Next(kind(cOnMessage)); e.Arg("Text") != "to everyone" {
					t.Fatalf("OnMessage %+v", e.Args)
				}
			}
			if subs, _ := engine.GetString(a, "Subscriptions"); subs != "news*" {
				t.Fatalf("client Subscriptions %q", subs)
			}
		})
	}
}
