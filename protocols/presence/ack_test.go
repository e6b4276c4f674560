package presence

import (
	"reflect"
	"strconv"
	"testing"
	"time"
)

func TestAckQueue(t *testing.T) {
	t0 := time.Unix(0, 0)
	var q ackQueue
	q.add("1", "one", t0, 3)
	q.add("2", "two", t0.Add(time.Second), 3)
	if got := q.due(t0.Add(9*time.Second), 10*time.Second, 2); got != nil {
		t.Fatalf("nothing is due yet: %q", got)
	}
	if got := q.due(t0.Add(10*time.Second), 10*time.Second, 2); !reflect.DeepEqual(got, []string{"one"}) {
		t.Fatalf("due: %q", got)
	}
	if !q.ack("2") || q.ack("2") || q.ack("nope") {
		t.Fatal("ack must forget exactly once")
	}
	// "one" was re-sent at 10 s: due again at 20 s, then dropped after 2 re-sends.
	if got := q.due(t0.Add(20*time.Second), 10*time.Second, 2); !reflect.DeepEqual(got, []string{"one"}) {
		t.Fatalf("second re-send: %q", got)
	}
	if got := q.due(t0.Add(30*time.Second), 10*time.Second, 2); got != nil || q.pending() != 0 {
		t.Fatalf("after MaxResends the entry is dropped: %q, %d left", got, q.pending())
	}
}

func TestAckQueueBounded(t *testing.T) {
	var q ackQueue
	for i := 0; i < 10; i++ {
		q.add(strconv.Itoa(i), strconv.Itoa(i), time.Unix(0, 0), 4)
	}
	if q.pending() != 4 {
		t.Fatalf("pending %d, want 4", q.pending())
	}
	got := q.due(time.Unix(100, 0), time.Second, 5)
	if !reflect.DeepEqual(got, []string{"6", "7", "8", "9"}) {
		t.Fatalf("oldest must go first: %q", got)
	}
}

func TestIDWindow(t *testing.T) {
	var w idWindow
	if w.seen("a") || !w.seen("a") {
		t.Fatal("second sighting must be reported")
	}
	for i := 0; i < idWindowSize; i++ {
		w.seen(strconv.Itoa(i))
	}
	if w.seen("a") {
		t.Fatal("an id older than the window is forgotten")
	}
	if len(w.set) != idWindowSize {
		t.Fatalf("window holds %d ids", len(w.set))
	}
}

func TestConfigDefaults(t *testing.T) {
	s := DefaultServerConfig()
	if s.EncodeBase64 || s.Acknowledgment.Enabled || s.Acknowledgment.Interval != 60*time.Second ||
		s.Acknowledgment.Timeout != 300*time.Second || s.MaxMessageSize != 1<<20 || s.MaxInvitations != 64 {
		t.Fatalf("server defaults: %+v", s)
	}
	c := DefaultClientConfig()
	if c.EncodeBase64 || c.Acknowledgment.Enabled || c.Acknowledgment.Timeout != 300*time.Second || c.Presence != (PresenceConfig{}) {
		t.Fatalf("client defaults: %+v", c)
	}
	if (ServerConfig{}).withDefaults() != s {
		t.Fatal("a zero ServerConfig must behave as the defaults")
	}
}

// TestRealTimerClose: with no Clock a real ticker runs; Close stops it
// and is idempotent.
func TestRealTimerClose(t *testing.T) {
	cfg := DefaultServerConfig()
	cfg.Acknowledgment.Enabled = true
	s := NewServer(cfg, ServerEvents{})
	if s.tick == nil {
		t.Fatal("no ticker started")
	}
	s.Close()
	s.Close()
	<-s.tick.done
	ccfg := DefaultClientConfig()
	ccfg.Acknowledgment.Enabled = true
	c := NewClient(ccfg, func(string) error { return nil }, ClientEvents{})
	c.Close()
	c.Close()
	<-c.tick.done
	if err := c.Subscribe("x"); err != ErrClosed {
		t.Fatalf("after Close: %v", err)
	}
	if err := s.Broadcast("x", ""); err != ErrClosed {
		t.Fatalf("after Close: %v", err)
	}
}
