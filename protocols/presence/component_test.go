package presence

import (
	"testing"

	"github.com/sgcws/sgcws/core/engine"
	"github.com/sgcws/sgcws/core/events"
	"github.com/sgcws/sgcws/core/registry"
	pt "github.com/sgcws/sgcws/protocols/prototest"
)

func kind(e *registry.Event) events.Kind { return events.Kind(e.ID) }

func member(e pt.Event, arg string) Member {
	f := registry.DecodeObject(e.Arg(arg))
	return Member{ID: f[0], Name: f[1], Info: f[2]}
}

// Two members through the real engine, in every delivery mode: both see each other join, a
// channel subscription fans out, a publish reaches the channel, GetMembers lists it, the server's
// OnBeforeNewMember decision refuses "Spam", and a disconnect is seen as a member leaving.
func TestPresenceThroughTheEngine(t *testing.T) {
	for _, mode := range []string{"neNoSync", "neAsynchronous", "neSynchronous"} {
		t.Run(mode, func(t *testing.T) {
			srv := pt.Create(t, engine.KindServer)
			ps := pt.Create(t, KindServer)
			pt.Must(t, engine.SetInt(ps, "Server", int64(srv)))
			pt.Must(t, engine.SetBool(ps, "Events.OnBeforeNewMember", true))
			url := pt.Listen(t, srv)
			srvEv := pt.Record(t, ps, mode, func(ev *events.Event) {
				if ev.Kind == kind(sOnBeforeNewMember) {
					text, err := engine.GetString(ev.Args, "aMember")
					pt.Must(t, err)
					if registry.DecodeObject(text)[1] == "Spam" {
						pt.Must(t, engine.SetBool(ev.Args, "Accept", false))
					}
				}
			})

			join := func(name string) (uint64, uint64, *pt.Recorder) {
				cli := pt.Create(t, engine.KindClient)
				pc := pt.Create(t, KindClient)
				pt.Must(t, engine.SetString(pc, "Presence.Name", name))
				pt.Must(t, engine.SetString(pc, "Presence.Info", name+"'s info"))
				pt.Must(t, engine.SetInt(pc, "Client", int64(cli)))
				rec := pt.Record(t, pc, mode, nil)
				pt.Must(t, engine.SetString(cli, "URL", url))
				pt.Must(t, engine.Connect(cli, pt.Wait, false))
				rec.Next(events.EvConnect)
				if s := rec.Next(kind(cOnSession)); s.Arg("Guid") == "" {
					t.Fatalf("%s: empty session", name)
				}
				return cli, pc, rec
			}
			_, john, johnEv := join("John")
			if m := member(johnEv.Next(kind(cOnNewMember)), "aMember"); m.Name != "John" || m.Info != "John's info" {
				t.Fatalf("John joined as %+v", m)
			}
			maryCli, mary, maryEv := join("Mary")
			maryEv.Next(kind(cOnNewMember))
			if m := member(johnEv.Next(kind(cOnNewMember)), "aMember"); m.Name != "Mary" {
				t.Fatalf("John saw %+v join", m)
			}
			if m := member(srvEv.Next(kind(sOnNewMember)), "aMember"); m.Name != "John" {
				t.Fatalf("server OnNewMember %+v", m)
			}

			_, _, spamEv := join("Spam")
			if e := spamEv.Next(kind(cOnErrorMemberChannel)); registry.DecodeObject(e.Arg("aError"))[0] != "1" {
				t.Fatalf("Spam was not refused with code 1: %+v", e.Args)
			}

			pt.Invoke(t, john, "Subscribe", "Topic 1")
			e := johnEv.Next(kind(cOnNewChannelMember))
			if registry.DecodeObject(e.Arg("aChannel"))[0] != "Topic 1" || member(e, "aMember").Name != "John" {
				t.Fatalf("OnNewChannelMember %+v", e.Args)
			}
			pt.Invoke(t, mary, "Subscribe", "Topic 1")
			johnEv.Next(kind(cOnNewChannelMember))
			pt.Invoke(t, mary, "Publish", "hello", "Topic 1")
			e = johnEv.Next(kind(cOnPublishMsg))
			if registry.DecodeObject(e.Arg("aMsg"))[0] != "hello" || member(e, "aMember").Name != "Mary" {
				t.Fatalf("OnPublishMsg %+v", e.Args)
			}
			pt.Invoke(t, john, "GetMembers", "Topic 1")
			e = johnEv.Next(kind(cOnGetMembers))
			list := registry.DecodeObjectList(e.Arg("aMembers"))
			if len(list) != 2 || list[0][1] != "John" || list[1][1] != "Mary" {
				t.Fatalf("OnGetMembers %q", list)
			}

			pt.Must(t, engine.Close(maryCli, 1000))
			if m := member(johnEv.Next(kind(cOnRemoveMember)), "aMember"); m.Name != "Mary" {
				t.Fatalf("OnRemoveMember %+v", m)
			}
			srvEv.Next(events.EvDisconnect)
		})
	}
}
