package presence

import (
	"strconv"
	"strings"
	"testing"
)

func errMC(code int, channel, member string) string {
	e := newError(code)
	return `{"jsonrpc":"2.0","method":"sgc@presence@error@member@channel","error":{"code":` + strconv.Itoa(code) + `,"text":"` + e.Text +
		`"},"channel":{"name":"` + channel + `"},"member":` + member + `}`
}

func errPub(code int, text, member, channel string) string {
	e := newError(code)
	return `{"jsonrpc":"2.0","method":"sgc@presence@error@publish@msg","error":{"code":` + strconv.Itoa(code) + `,"text":"` + e.Text +
		`"},"message":{"text":"` + text + `"},"member":` + member + `,"channel":{"name":"` + channel + `"}}`
}

const (
	rawMember = `{"id":"GR","name":"Raw","info":""}`
	m         = `"method":"sgc@presence@`
)

// TestBadInput: every kind of bad request gets its error, exactly, and
// only the sender sees it; the server keeps serving.
func TestBadInput(t *testing.T) {
	cfg := DefaultServerConfig()
	cfg.MaxMessageSize = 256
	h, a, _, _ := three(t, cfg, ServerEvents{})
	a.cli.Subscribe("T1")
	h.run()
	a.take()
	r := h.rawPeer("GR")
	r.raw(`{` + m + `member@new","member":{"name":"Raw"}}`)
	r.raw(`{` + m + `channel@member@new","channel":{"name":"Mine"}}`)
	r.takeWire()
	a.take()

	cases := []struct{ name, in, out string }{
		{"not JSON", `hello`, errMC(10, "", rawMember)},
		{"not an object", `[1,2]`, errMC(10, "", rawMember)},
		{"method missing", `{"jsonrpc":"2.0"}`, errMC(10, "", rawMember)},
		{"unknown method", `{` + m + `nope"}`, errMC(11, "", rawMember)},
		{"oversized", `{` + m + `publish@msg","message":{"text":"` + strings.Repeat("x", 300) + `"}}`, errMC(12, "", rawMember)},
		{"join twice", `{` + m + `member@new","member":{"name":"Raw"}}`, errMC(13, "", `{"id":"GR","name":"Raw","info":""}`)},
		{"join as somebody else", `{` + m + `member@new","member":{"id":"GA","name":"X"}}`, errMC(8, "", `{"id":"GA","name":"X","info":""}`)},
		{"subscribe without channel", `{` + m + `channel@member@new"}`, errMC(18, "", rawMember)},
		{"subscribe empty channel", `{` + m + `channel@member@new","channel":{"name":""}}`, errMC(18, "", rawMember)},
		{"subscribe as somebody else", `{` + m + `channel@member@new","member":{"id":"GA"},"channel":{"name":"T1"}}`,
			errMC(8, "T1", `{"id":"GA","name":"","info":""}`)},
		{"subscribe twice", `{` + m + `channel@member@new","channel":{"name":"Mine"}}`, errMC(3, "Mine", rawMember)},
		{"unsubscribe not subscribed", `{` + m + `channel@member@remove","channel":{"name":"T1"}}`, errMC(4, "T1", rawMember)},
		{"unsubscribe unknown channel", `{` + m + `channel@member@remove","channel":{"name":"zz"}}`, errMC(4, "zz", rawMember)},
		{"channel of wrong type", `{` + m + `channel@member@new","channel":"T1"}`, errMC(10, "", rawMember)},
		{"publish without message", `{` + m + `publish@msg","channel":{"name":"Mine"}}`, errPub(10, "", rawMember, "Mine")},
		{"publish as somebody else", `{` + m + `publish@msg","member":{"id":"GA"},"message":{"text":"hi"}}`,
			errPub(8, "hi", `{"id":"GA","name":"","info":""}`, "")},
		{"publish malformed member", `{` + m + `publish@msg","member":7}`, errPub(10, "", rawMember, "")},
		{"publish to a channel not joined", `{` + m + `publish@msg","channel":{"name":"T1"},"message":{"text":"hi"}}`, errPub(4, "hi", rawMember, "T1")},
		{"get members not subscribed", `{` + m + `get@members","channel":{"name":"T1"}}`, errMC(4, "T1", rawMember)},
		{"invite without members", `{` + m + `channel@invitation","channel":{"name":"T1"}}`, errMC(10, "T1", rawMember)},
		{"invite without channel", `{` + m + `channel@invitation","members":[{"id":"GA"}]}`, errMC(18, "", rawMember)},
		{"invite unknown member", `{` + m + `channel@invitation","channel":{"name":"T1"},"members":[{"id":""}]}`,
			errMC(9, "T1", `{"id":"","name":"","info":""}`)},
		{"answer without inviter", `{` + m + `channel@invitation@response","channel":{"name":"T1"},"accept":true}`, errMC(10, "T1", rawMember)},
		{"answer nothing pending", `{` + m + `channel@invitation@response","channel":{"name":"T1"},"members":[{"id":"GA"}]}`, errMC(17, "T1", rawMember)},
		{"leave as somebody else", `{` + m + `member@remove","member":{"id":"GA"}}`, errMC(8, "", `{"id":"GA","name":"","info":""}`)},
	}
	for _, c := range cases {
		r.raw(c.in)
		want(t, c.name, r.takeWire(), []string{c.out})
	}

	fresh := h.rawPeer("GF")
	fresh.takeWire()
	fresh.raw(`{` + m + `member@new"}`)
	want(t, "join without member", fresh.takeWire(), []string{errMC(10, "", `{"id":"GF","name":"","info":""}`)})
	fresh.raw(`{` + m + `get@members"}`)
	want(t, "request before joining", fresh.takeWire(), []string{errMC(7, "", `{"id":"GF","name":"","info":""}`)})

	stranger := &peer{h: h, guid: "never-connected"}
	stranger.raw(`{` + m + `member@new","member":{"name":"X"}}`)
	want(t, "unknown connection", stranger.takeWire(), nil)

	want(t, "A saw none of it", a.take(), nil)
	a.cli.Publish("still fine", "T1")
	h.run()
	want(t, "A", a.take(), []string{`publish "still fine" "T1" GA(Ann)`})
	if got := fms(h.srv.Members("")); got != "[GA(Ann) GB(Bob) GC(Cy) GR(Raw)]" {
		t.Fatalf("members: %s", got)
	}
}

// TestClientIgnoresBadInput: the client drops what it cannot use and
// never answers it.
func TestClientIgnoresBadInput(t *testing.T) {
	var sent []string
	var events int
	cfg := DefaultClientConfig()
	cfg.MaxMessageSize = 100
	count := func() { events++ }
	c := NewClient(cfg, func(s string) error { sent = append(sent, s); return nil }, ClientEvents{
		OnSession:            func(string) { count() },
		OnNewMember:          func(Member) { count() },
		OnErrorMemberChannel: func(Error, string, Member) { count() },
	})
	defer c.Close()
	for _, in := range []string{
		``, `x`, `{}`, `{"method":1}`, `{` + m + `nope"}`, `{` + m + `member@new","member":[]}`,
		`{` + m + `session","message":{"text":"` + strings.Repeat("x", 200) + `"}}`,
	} {
		c.Message(in)
	}
	if len(sent) != 0 || events != 0 {
		t.Fatalf("sent %q, %d events", sent, events)
	}
}

func TestClientMethodErrors(t *testing.T) {
	var fail error
	c := NewClient(DefaultClientConfig(), func(string) error { return fail }, ClientEvents{})
	defer c.Close()
	if err := c.Subscribe("T1"); err != ErrNoSession {
		t.Fatalf("before session: %v", err)
	}
	c.Message(`{` + m + `session","message":{"text":"G1"}}`)
	for _, err := range []error{c.Subscribe(""), c.Unsubscribe(""), c.Invite("", "G2")} {
		if err != ErrChannelRequired {
			t.Fatalf("empty channel: %v", err)
		}
	}
	if err := c.Invite("T1", ""); err != ErrMemberRequired {
		t.Fatalf("empty member: %v", err)
	}
	fail = ErrClosed
	if err := c.Publish("x", ""); err != fail {
		t.Fatalf("send error not returned: %v", err)
	}
}
