package presence

import (
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// syncConn wires a Client to a Server synchronously: a server write runs
// the client's Message on the writer's goroutine, and a client send runs
// the server's Message. Any lock held across a callback would deadlock.
type syncConn struct {
	guid string
	srv  *Server
	cli  *Client
}

func (c *syncConn) Guid() string { return c.guid }

func (c *syncConn) WriteText(text string) error {
	c.cli.Message(text)
	return nil
}

// dialSync connects a client; mk builds its events and may use *self,
// which is set before any message flows.
func dialSync(srv *Server, guid, name string, mk func(self **Client) ClientEvents) *syncConn {
	c := &syncConn{guid: guid, srv: srv}
	cfg := DefaultClientConfig()
	cfg.Presence.Name = name
	c.cli = NewClient(cfg, func(text string) error { srv.Message(c, text); return nil }, mk(&c.cli))
	c.cli.Connected()
	srv.Connected(c)
	return c
}

// watchdog fails the test instead of hanging it when f deadlocks.
func watchdog(t *testing.T, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { defer close(done); f() }()
	select {
	case <-done:
	case <-time.After(60 * time.Second):
		t.Fatal("deadlock: did not finish")
	}
}

// TestReentrantHandlers: handlers call back into the server and client
// while the messages that raised them are still being delivered.
func TestReentrantHandlers(t *testing.T) {
	var srv *Server
	srv = NewServer(DefaultServerConfig(), ServerEvents{
		OnNewMember:        func(c Conn, m Member) { srv.Broadcast("welcome "+m.Name, "") },
		OnBeforeNewChannel: func(c Conn, ch string, m Member) bool { return len(srv.Channels()) < 10 },
		OnNewChannelMember: func(c Conn, ch string, m Member) { srv.Members(ch) },
		OnRemoveMember:     func(c Conn, m Member) { srv.Broadcast("bye "+m.Name, "") },
	})
	defer srv.Close()
	var welcomes, lists, subs atomic.Int32
	var first *syncConn
	watchdog(t, func() {
		for i, name := range []string{"Ann", "Bob", "Cy"} {
			c := dialSync(srv, fmt.Sprintf("G%d", i), name, func(self **Client) ClientEvents {
				return ClientEvents{
					OnNewMember: func(m Member) {
						if m.Name == name {
							(*self).Subscribe("T1")
							(*self).GetMembers("")
						}
					},
					OnPublishMsg: func(msg, ch string, m Member) {
						if len(msg) > 7 && msg[:7] == "welcome" {
							welcomes.Add(1)
						}
					},
					OnGetMembers:       func([]Member, string) { lists.Add(1) },
					OnNewChannelMember: func(string, Member) { subs.Add(1) },
				}
			})
			if first == nil {
				first = c
			}
		}
		srv.Disconnected(first)
	})
	// Each welcome reaches everybody connected at that time: 1+2+3.
	if welcomes.Load() != 6 || lists.Load() == 0 || subs.Load() == 0 {
		t.Fatalf("welcomes %d, lists %d, subscriptions %d", welcomes.Load(), lists.Load(), subs.Load())
	}
	if got := fms(srv.Members("")); got != "[G1(Bob) G2(Cy)]" {
		t.Fatalf("members: %s", got)
	}
}

// TestConcurrentClients hammers one server from several goroutines (run
// with -race). Afterwards nothing may be left behind.
func TestConcurrentClients(t *testing.T) {
	var srv *Server
	srv = NewServer(DefaultServerConfig(), ServerEvents{
		OnNewChannelMember: func(c Conn, ch string, m Member) { srv.Members(ch) },
	})
	defer srv.Close()
	const workers, rounds = 6, 40
	channels := []string{"red", "green", "blue"}
	var wg sync.WaitGroup
	watchdog(t, func() {
		for w := 0; w < workers; w++ {
			wg.Add(1)
			go func(w int) {
				defer wg.Done()
				for r := 0; r < rounds; r++ {
					c := dialSync(srv, fmt.Sprintf("W%d-%d", w, r), fmt.Sprintf("w%d", w), func(**Client) ClientEvents {
						return ClientEvents{OnChannelInvitation: func(Member, string) (bool, int, string) { return r%2 == 0, 0, "" }}
					})
					ch := channels[(w+r)%len(channels)]
					c.cli.Subscribe(ch)
					c.cli.Publish("hello", ch)
					c.cli.Publish("all", "")
					c.cli.GetMembers(ch)
					c.cli.Invite(channels[r%len(channels)], fmt.Sprintf("W%d-%d", (w+1)%workers, r))
					srv.Broadcast("srv", ch)
					if r%3 == 0 {
						c.cli.Unsubscribe(ch)
					}
					srv.Disconnected(c)
					c.cli.Disconnected()
				}
			}(w)
		}
		wg.Wait()
	})
	if n := len(srv.Members("")); n != 0 {
		t.Fatalf("%d members left", n)
	}
	if chs := srv.Channels(); len(chs) != 0 {
		t.Fatalf("channels left: %q", chs)
	}
	srv.mu.Lock()
	defer srv.mu.Unlock()
	if len(srv.sessions) != 0 || len(srv.invites) != 0 {
		t.Fatalf("%d sessions, %d invitations left", len(srv.sessions), len(srv.invites))
	}
}
