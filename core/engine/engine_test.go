package engine

import (
	"bytes"
	"fmt"
	"strconv"
	"testing"
	"time"

	"github.com/sgcws/sgcws/core/events"
)

var modes = []string{"neNoSync", "neAsynchronous", "neSynchronous"}

func TestEchoAllModes(t *testing.T) {
	for _, mode := range modes {
		t.Run(mode, func(t *testing.T) {
			var sc *collector
			srv, addr := newServerOn(t, KindServer, func(h uint64) { sc = newCollector(t, h, mode, echo) })
			sc.next(events.EvStartup)
			cli := newClientTo(t, "ws://"+addr+"/path?id=1")
			cc := newCollector(t, cli, mode, nil)
			must(t, Connect(cli, 5*time.Second, false))
			cc.next(events.EvConnect)
			sev := sc.next(events.EvConnect)
			url, err := GetString(sev.Connection, "URL")
			must(t, err)
			if url != "/path?id=1" {
				t.Fatalf("connection URL = %q", url)
			}
			if n, _ := GetInt(srv, "Count"); n != 1 {
				t.Fatalf("Count = %d", n)
			}
			must(t, Write(cli, TypeText, []byte("héllo"), 0))
			if ev := cc.next(events.EvMessage); string(ev.Data) != "héllo" {
				t.Fatalf("echo = %q", ev.Data)
			}
			must(t, Write(cli, TypeBinary, []byte{0, 1, 2}, 0))
			if ev := cc.next(events.EvBinary); !bytes.Equal(ev.Data, []byte{0, 1, 2}) {
				t.Fatalf("binary echo = %v", ev.Data)
			}
			// Fragmented writes are reassembled in frgOnlyBuffer (the default).
			big := bytes.Repeat([]byte("abcdefgh"), 1000)
			must(t, Write(cli, TypeText, big, 100))
			if ev := cc.next(events.EvMessage); !bytes.Equal(ev.Data, big) {
				t.Fatalf("fragmented echo has %d bytes", len(ev.Data))
			}
			const n = 10000
			for i := 0; i < n; i++ {
				must(t, Write(cli, TypeText, []byte(strconv.Itoa(i)), 0))
			}
			for i := 0; i < n; i++ {
				if ev := cc.next(events.EvMessage); string(ev.Data) != strconv.Itoa(i) {
					t.Fatalf("message %d = %q", i, ev.Data)
				}
			}
			must(t, DisconnectWait(cli, 5*time.Second, false))
			if ev := cc.next(events.EvDisconnect); ev.Code != 1000 {
				t.Fatalf("client disconnect code %d", ev.Code)
			}
			dev := sc.next(events.EvDisconnect)
			if dev.Connection != sev.Connection || dev.Code != 1000 {
				t.Fatalf("server disconnect %+v", dev)
			}
		})
	}
}

func TestFragmentModes(t *testing.T) {
	srv, addr := newServerOn(t, KindServer, func(h uint64) {
		must(t, SetString(h, "Options.FragmentedMessages", "frgAll"))
	})
	sc := newCollector(t, srv, "neNoSync", nil)
	cli := newClientTo(t, "ws://"+addr)
	must(t, Connect(cli, 5*time.Second, false))
	must(t, Write(cli, TypeBinary, []byte("0123456789"), 4))
	var got []byte
	for {
		ev := sc.next(events.EvFragmented)
		if ev.Offset != int64(len(got)) || ev.Flags&events.FlagBinary == 0 {
			t.Fatalf("fragment offset %d flags %d after %d bytes", ev.Offset, ev.Flags, len(got))
		}
		got = append(got, ev.Data...)
		if ev.Flags&events.FlagFinal != 0 {
			break
		}
	}
	if string(got) != "0123456789" {
		t.Fatalf("fragments = %q", got)
	}
	// frgAll also delivers the whole message.
	if ev := sc.next(events.EvBinary); string(ev.Data) != "0123456789" {
		t.Fatalf("whole message = %q", ev.Data)
	}
}

func TestSubProtocol(t *testing.T) {
	srv, addr := newServerOn(t, KindServer, func(h uint64) {
		must(t, SetString(h, "Protocols", "chat\nsuperchat"))
	})
	sc := newCollector(t, srv, "neNoSync", nil)
	cli := newClientTo(t, "ws://"+addr)
	must(t, SetString(cli, "Protocols", "other\nsuperchat"))
	must(t, Connect(cli, 5*time.Second, false))
	if p, _ := GetString(cli, "Protocol"); p != "superchat" {
		t.Fatalf("client Protocol = %q", p)
	}
	ev := sc.next(events.EvConnect)
	if p, _ := GetString(ev.Connection, "Protocol"); p != "superchat" {
		t.Fatalf("server connection Protocol = %q", p)
	}
	// Only unsupported protocols: refused with 400.
	cli2 := newClientTo(t, "ws://"+addr)
	must(t, SetString(cli2, "Protocols", "nope"))
	err := Connect(cli2, 5*time.Second, false)
	wantCode(t, err, EConnect)
	if !bytes.Contains([]byte(err.Error()), []byte("400")) {
		t.Fatalf("error %q does not name 400", err)
	}
	// With OnUnknownProtocol the host may accept.
	must(t, SetBool(srv, "Events.OnUnknownProtocol", true))
	sc.handle = func(ev *events.Event) {
		if ev.Kind == events.EvUnknownProtocol {
			if p, _ := GetString(ev.Reply, "Protocol"); p != "nope" {
				t.Errorf("offered = %q", p)
			}
			_ = SetBool(ev.Reply, "Accept", true)
		}
	}
	must(t, Connect(cli2, 5*time.Second, false))
}

func TestBroadcastChannelsWriteTo(t *testing.T) {
	srv, addr := newServerOn(t, KindServer, nil)
	sc := newCollector(t, srv, "neNoSync", nil)
	var clis []uint64
	var ccs []*collector
	var conns []uint64
	for i := 0; i < 3; i++ {
		c := newClientTo(t, "ws://"+addr)
		ccs = append(ccs, newCollector(t, c, "neNoSync", nil))
		must(t, Connect(c, 5*time.Second, false))
		clis = append(clis, c)
		conns = append(conns, sc.next(events.EvConnect).Connection)
	}
	if n, _ := GetInt(srv, "Count"); n != 3 {
		t.Fatalf("Count = %d", n)
	}
	list, err := Connections(srv)
	must(t, err)
	if len(list) != 3 {
		t.Fatalf("Connections = %v", list)
	}
	guid := func(h uint64) string {
		g, err := GetString(h, "Guid")
		must(t, err)
		return g
	}
	// conns[i] is not necessarily clis[i]'s peer: map by the local port of each side.
	peer := map[uint64]int{}
	for _, sconn := range conns {
		rp, _ := GetInt(sconn, "Port")
		for i, c := range clis {
			cc, err := connOf(c)
			must(t, err)
			if int64(cc.localPort) == rp {
				peer[sconn] = i
			}
		}
	}
	must(t, Subscribe(conns[0], "news"))
	must(t, Subscribe(conns[1], "news"))
	if ok, _ := Subscribed(conns[1], "news"); !ok {
		t.Fatal("Subscribed = false")
	}
	if ok, _ := Subscribed(conns[2], "news"); ok {
		t.Fatal("Subscribed = true for a non-member")
	}
	must(t, Broadcast(srv, TypeText, []byte("to-news"), "news", "", guid(conns[1]), ""))
	must(t, Broadcast(srv, TypeText, []byte("to-all"), "", "", "", ""))
	for sconn, i := range peer {
		first := ccs[i].next(events.EvMessage)
		want := "to-all"
		if sconn == conns[0] {
			want = "to-news"
		}
		if string(first.Data) != want {
			t.Fatalf("client %d got %q first, want %q", i, first.Data, want)
		}
		if sconn == conns[0] {
			ccs[i].next(events.EvMessage)
		}
	}
	must(t, WriteTo(srv, guid(conns[2]), TypeBinary, []byte{9}))
	if ev := ccs[peer[conns[2]]].next(events.EvBinary); ev.Data[0] != 9 {
		t.Fatalf("WriteTo delivered %v", ev.Data)
	}
	found, err := FindConnection(srv, guid(conns[2]))
	must(t, err)
	if found != conns[2] {
		t.Fatalf("FindConnection = %#x, want %#x", found, conns[2])
	}
	wantCode(t, WriteTo(srv, "nope", TypeText, []byte("x")), EArg)
	must(t, Unsubscribe(conns[0], "news"))
	if ok, _ := Subscribed(conns[0], "news"); ok {
		t.Fatal("still subscribed")
	}
}

func TestProperties(t *testing.T) {
	cli, err := Create(KindClient)
	must(t, err)
	defer Destroy(cli, false)
	must(t, SetString(cli, "url", "wss://example.com:8443/a/b?x=1"))
	if h, _ := GetString(cli, "Host"); h != "example.com" {
		t.Fatalf("Host = %q", h)
	}
	if p, _ := GetInt(cli, "Port"); p != 8443 {
		t.Fatalf("Port = %d", p)
	}
	if v, _ := GetBool(cli, "TLS"); !v {
		t.Fatal("TLS not set by wss://")
	}
	if v, _ := GetString(cli, "Options.Parameters"); v != "/a/b?x=1" {
		t.Fatalf("Parameters = %q", v)
	}
	if u, _ := GetString(cli, "URL"); u != "wss://example.com:8443/a/b?x=1" {
		t.Fatalf("URL = %q", u)
	}
	err = SetInt(cli, "Host", 1)
	wantCode(t, err, EType)
	if !bytes.Contains([]byte(err.Error()), []byte("Host")) {
		t.Fatalf("message %q does not name the property", err)
	}
	err = SetBool(cli, "NoSuchThing", true)
	wantCode(t, err, EProperty)
	if !bytes.Contains([]byte(err.Error()), []byte("NoSuchThing")) {
		t.Fatalf("message %q does not name the property", err)
	}
	wantCode(t, SetBool(cli, "Connected", true), EReadOnly)
	wantCode(t, SetInt(cli, "Port", 70000), EValue)
	wantCode(t, SetString(cli, "NotifyEvents", "neWhatever"), EValue)
	wantCode(t, SetString(cli, "URL", "ftp://x"), EValue)
	must(t, SetString(cli, "TLSOptions.OpenSSL_Options.MinVersion", "tls1_2"))
	if v, _ := GetInt(cli, "ConnectTimeout"); v != 10000 {
		t.Fatalf("ConnectTimeout = %d", v)
	}
	for _, k := range []Kind{KindClient, KindServer, KindHTTPServer, KindConnection, KindRequest} {
		txt, err := Properties(k)
		must(t, err)
		if len(txt) == 0 {
			t.Fatalf("no properties for kind %d", k)
		}
	}
	txt, _ := Properties(KindClient)
	if !bytes.Contains([]byte(txt), []byte("NotifyEvents\tEnum\tneAsynchronous\tneAsynchronous,neSynchronous,neNoSync\n")) {
		t.Fatalf("ListText lacks NotifyEvents:\n%s", txt)
	}
	txt, _ = Properties(KindHTTPServer)
	if !bytes.Contains([]byte(txt), []byte("DocumentRoot\tString")) {
		t.Fatal("HTTP server lacks DocumentRoot")
	}
	_, err = Properties(9)
	wantCode(t, err, EArg)
	k, err := KindOf(cli)
	must(t, err)
	if k != KindClient {
		t.Fatalf("KindOf = %d", k)
	}
}

func TestConnectFailures(t *testing.T) {
	// Port 1: nothing listens there (a freed ephemeral port could self-connect).
	addr := "127.0.0.1:1"
	cli := newClientTo(t, "ws://"+addr)
	cc := newCollector(t, cli, "neNoSync", nil)
	err := Connect(cli, 5*time.Second, false)
	wantCode(t, err, EConnect)
	if !bytes.Contains([]byte(err.Error()), []byte("connect to "+addr)) {
		t.Fatalf("message %q", err)
	}
	ev := cc.next(events.EvError)
	if ev.Connection != 0 || Code(ev.Code) != EConnect {
		t.Fatalf("error event %+v", ev)
	}
	wantCode(t, Connect(cli, time.Second, true), EInCallback)
	wantCode(t, Write(cli, TypeText, []byte("x"), 0), EState)
	// Start reports the failure as an event.
	must(t, Start(cli))
	cc.next(events.EvError)
}

func TestListenBusy(t *testing.T) {
	_, addr := newServerOn(t, KindServer, nil)
	h, err := Create(KindServer)
	must(t, err)
	defer Destroy(h, false)
	must(t, SetString(h, "Bindings", "127.0.0.1:0\n"+addr))
	err = Start(h)
	wantCode(t, err, EListen)
	if !bytes.Contains([]byte(err.Error()), []byte(addr)) {
		t.Fatalf("message %q does not name %s", err, addr)
	}
	if a, _ := GetBool(h, "Active"); a {
		t.Fatal("Active after a failed start")
	}
	wantCode(t, SetBool(h, "Active", true), EListen)
}

func TestStaleHandles(t *testing.T) {
	srv, addr := newServerOn(t, KindServer, nil)
	sc := newCollector(t, srv, "neAsynchronous", nil)
	cli := newClientTo(t, "ws://"+addr)
	must(t, Connect(cli, 5*time.Second, false))
	conn := sc.next(events.EvConnect).Connection
	must(t, Drop(cli, 4000))
	dev := sc.next(events.EvDisconnect)
	if dev.Connection != conn {
		t.Fatal("disconnect of another connection")
	}
	// The collector releases the batch at its next poll: then the handle is stale.
	deadline := time.Now().Add(waitLimit)
	for {
		_, err := GetString(conn, "Guid")
		if CodeOf(err) == EHandle {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("connection handle still valid: %v", err)
		}
		time.Sleep(5 * time.Millisecond)
	}
	wantCode(t, Write(conn, TypeText, []byte("x"), 0), EHandle)
	wantCode(t, Destroy(conn, false), EHandle)
	must(t, Destroy(cli, false))
	wantCode(t, Start(cli), EHandle)
	_, err := KindOf(cli)
	wantCode(t, err, EHandle)
	wantCode(t, SetBool(0, "Active", true), EHandle)
	wantCode(t, Subscribe(srv, "x"), EHandle)
	_, err = Create(KindConnection)
	wantCode(t, err, EArg)
}

func TestStopDisconnectsThenShutdown(t *testing.T) {
	for _, mode := range modes {
		t.Run(mode, func(t *testing.T) {
			srv, addr := newServerOn(t, KindServer, nil)
			sc := newCollector(t, srv, mode, nil)
			const n = 3
			for i := 0; i < n; i++ {
				c := newClientTo(t, "ws://"+addr)
				must(t, Connect(c, 5*time.Second, false))
			}
			conns := map[uint64]int{}
			for i := 0; i < n; i++ {
				conns[sc.next(events.EvConnect).Connection] = 0
			}
			must(t, Stop(srv))
			for {
				ev := sc.next(events.EvDisconnect, events.EvShutdown)
				if ev.Kind == events.EvShutdown {
					break
				}
				if ev.Code != 1001 {
					t.Errorf("disconnect code %d", ev.Code)
				}
				conns[ev.Connection]++
			}
			for h, k := range conns {
				if k != 1 {
					t.Fatalf("connection %#x got %d disconnects before shutdown", h, k)
				}
			}
			if n, _ := GetInt(srv, "Count"); n != 0 {
				t.Fatalf("Count after stop = %d", n)
			}
		})
	}
}

func TestDetachInsideCallback(t *testing.T) {
	srv, addr := newServerOn(t, KindServer, nil)
	var after []string
	got := make(chan struct{}, 1)
	detached := false
	must(t, SetString(srv, "NotifyEvents", "neNoSync"))
	must(t, SetCallback(srv, func(ev *events.Event) {
		if detached {
			after = append(after, ev.Kind.String())
			return
		}
		if ev.Kind == events.EvMessage {
			must(t, Detach(srv, true))
			detached = true
			got <- struct{}{}
		}
	}))
	cli := newClientTo(t, "ws://"+addr)
	must(t, Connect(cli, 5*time.Second, false))
	must(t, Write(cli, TypeText, []byte("a"), 0))
	<-got
	must(t, Write(cli, TypeText, []byte("b"), 0))
	must(t, DisconnectWait(cli, 5*time.Second, false))
	if len(after) != 0 {
		t.Fatalf("events after Detach: %v", after)
	}
	// The component still works silently: the server sees the connection go.
	deadline := time.Now().Add(waitLimit)
	for {
		n, err := GetInt(srv, "Count")
		must(t, err)
		if n == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("Count = %d", n)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestDestroyWhileWriting(t *testing.T) {
	srv, addr := newServerOn(t, KindServer, nil)
	must(t, SetString(srv, "NotifyEvents", "neNoSync"))
	must(t, SetCallback(srv, echo))
	cli := newClientTo(t, "ws://"+addr)
	var mu = make(chan struct{}, 1)
	destroyed := false
	var late []string
	must(t, SetString(cli, "NotifyEvents", "neNoSync"))
	must(t, SetCallback(cli, func(ev *events.Event) {
		mu <- struct{}{}
		if destroyed {
			late = append(late, ev.Kind.String())
		}
		<-mu
	}))
	must(t, Connect(cli, 5*time.Second, false))
	done := make(chan struct{})
	errs := make(chan error, 4)
	for i := 0; i < 4; i++ {
		go func() {
			var last error
			for {
				select {
				case <-done:
					errs <- last
					return
				default:
				}
				if err := Write(cli, TypeText, []byte(fmt.Sprint("w", i)), 0); err != nil {
					last = err
				}
			}
		}()
	}
	time.Sleep(20 * time.Millisecond)
	must(t, Destroy(cli, false))
	mu <- struct{}{}
	destroyed = true
	<-mu
	close(done)
	for i := 0; i < 4; i++ {
		if err := <-errs; err != nil && CodeOf(err) != EHandle && CodeOf(err) != EClosed && CodeOf(err) != EState && CodeOf(err) != EQueueFull {
			t.Fatalf("writer ended with %v", err)
		}
	}
	time.Sleep(20 * time.Millisecond)
	mu <- struct{}{}
	if len(late) != 0 {
		t.Fatalf("events after Destroy: %v", late)
	}
	<-mu
}
