package presence

import (
	"encoding/json"
	"reflect"
	"testing"
)

func mem(id, name, info string) Member { return Member{ID: id, Name: name, Info: info} }

// has marks the keys a parsed packet must report.
func has(p packet, fs ...field) packet {
	for _, f := range fs {
		p.has[f] = true
	}
	return p
}

// golden holds every message shape of inventory 14.4 (and ours), in the
// canonical form we emit. Each must encode byte-exact and parse back.
var golden = []struct {
	name string
	p    packet
	text string
}{
	{"session S>C", has(packet{Method: MethodSession, Text: "G1"}, fMessage),
		`{"jsonrpc":"2.0","method":"sgc@presence@session","message":{"text":"G1"}}`},
	{"join C>S / member joined S>C", has(packet{Method: MethodNewMember, Member: mem("G1", "John", "john@x.org")}, fMember),
		`{"jsonrpc":"2.0","method":"sgc@presence@member@new","member":{"id":"G1","name":"John","info":"john@x.org"}}`},
	{"member left S>C", has(packet{Method: MethodRemoveMember, Member: mem("G1", "John", "")}, fMember),
		`{"jsonrpc":"2.0","method":"sgc@presence@member@remove","member":{"id":"G1","name":"John","info":""}}`},
	{"subscribe C>S / S>C", has(packet{Method: MethodNewChannelMember, Member: mem("G1", "John", ""), Channel: "Topic 1"}, fMember, fChannel),
		`{"jsonrpc":"2.0","method":"sgc@presence@channel@member@new","member":{"id":"G1","name":"John","info":""},"channel":{"name":"Topic 1"}}`},
	{"unsubscribe C>S / S>C", has(packet{Method: MethodRemoveChannelMember, Member: mem("G1", "John", ""), Channel: "Topic 1"}, fMember, fChannel),
		`{"jsonrpc":"2.0","method":"sgc@presence@channel@member@remove","member":{"id":"G1","name":"John","info":""},"channel":{"name":"Topic 1"}}`},
	{"publish to channel", has(packet{Method: MethodPublishMsg, Member: mem("G1", "John", ""), Channel: "Topic 1", Text: "Hello"}, fMember, fChannel, fMessage),
		`{"jsonrpc":"2.0","method":"sgc@presence@publish@msg","member":{"id":"G1","name":"John","info":""},"channel":{"name":"Topic 1"},"message":{"text":"Hello"}}`},
	{"publish to all", has(packet{Method: MethodPublishMsg, Member: mem("G1", "John", ""), Text: "Hello"}, fMember, fChannel, fMessage),
		`{"jsonrpc":"2.0","method":"sgc@presence@publish@msg","member":{"id":"G1","name":"John","info":""},"channel":{"name":""},"message":{"text":"Hello"}}`},
	{"get members of channel", has(packet{Method: MethodGetMembers, Member: mem("G1", "John", ""), Channel: "Topic 1"}, fMember, fChannel),
		`{"jsonrpc":"2.0","method":"sgc@presence@get@members","member":{"id":"G1","name":"John","info":""},"channel":{"name":"Topic 1"}}`},
	{"get all members", has(packet{Method: MethodGetMembers, Member: mem("G1", "John", "")}, fMember, fChannel),
		`{"jsonrpc":"2.0","method":"sgc@presence@get@members","member":{"id":"G1","name":"John","info":""},"channel":{"name":""}}`},
	{"send members", has(packet{Method: MethodSendMembers, Channel: "Topic 1", Member: mem("G1", "John", ""),
		Members: []Member{mem("G1", "John", ""), mem("G2", "Mary", "m")}}, fChannel, fMember, fMembers),
		`{"jsonrpc":"2.0","method":"sgc@presence@send@members","channel":{"name":"Topic 1"},"member":{"id":"G1","name":"John","info":""},"members":[{"id":"G1","name":"John","info":""},{"id":"G2","name":"Mary","info":"m"}]}`},
	{"send no members", has(packet{Method: MethodSendMembers, Member: mem("G1", "John", ""), Members: []Member{}}, fChannel, fMember, fMembers),
		`{"jsonrpc":"2.0","method":"sgc@presence@send@members","channel":{"name":""},"member":{"id":"G1","name":"John","info":""},"members":[]}`},
	{"error member channel", has(packet{Method: MethodErrorMemberChannel, Error: newError(CodeNotSubscribed), Channel: "Topic 1", Member: mem("G1", "John", "")}, fError, fChannel, fMember),
		`{"jsonrpc":"2.0","method":"sgc@presence@error@member@channel","error":{"code":4,"text":"not subscribed"},"channel":{"name":"Topic 1"},"member":{"id":"G1","name":"John","info":""}}`},
	{"error publish", has(packet{Method: MethodErrorPublishMsg, Error: newError(CodePublishDenied), Text: "Hello", Member: mem("G1", "John", ""), Channel: "Topic 1"}, fError, fMessage, fMember, fChannel),
		`{"jsonrpc":"2.0","method":"sgc@presence@error@publish@msg","error":{"code":5,"text":"publish not accepted"},"message":{"text":"Hello"},"member":{"id":"G1","name":"John","info":""},"channel":{"name":"Topic 1"}}`},
	{"invitation C>S", has(packet{Method: MethodChannelInvitation, Channel: "Topic 1", Member: mem("G1", "John", ""), Members: []Member{{ID: "G2"}}}, fChannel, fMember, fMembers),
		`{"jsonrpc":"2.0","method":"sgc@presence@channel@invitation","channel":{"name":"Topic 1"},"member":{"id":"G1","name":"John","info":""},"members":[{"id":"G2","name":"","info":""}]}`},
	{"invitation S>C", has(packet{Method: MethodChannelInvitation, Channel: "Topic 1", Member: mem("G1", "John", ""), Members: []Member{mem("G2", "Mary", "")}}, fChannel, fMember, fMembers),
		`{"jsonrpc":"2.0","method":"sgc@presence@channel@invitation","channel":{"name":"Topic 1"},"member":{"id":"G1","name":"John","info":""},"members":[{"id":"G2","name":"Mary","info":""}]}`},
	{"invitation accepted", has(packet{Method: MethodChannelInvitationResponse, Channel: "Topic 1", Member: mem("G2", "Mary", ""), Members: []Member{mem("G1", "John", "")}, Accept: true}, fChannel, fMember, fMembers, fAccept, fError),
		`{"jsonrpc":"2.0","method":"sgc@presence@channel@invitation@response","channel":{"name":"Topic 1"},"member":{"id":"G2","name":"Mary","info":""},"members":[{"id":"G1","name":"John","info":""}],"accept":true,"error":{"code":0,"text":""}}`},
	{"invitation declined", has(packet{Method: MethodChannelInvitationResponse, Channel: "Topic 1", Member: mem("G2", "Mary", ""), Members: []Member{mem("G1", "John", "")}, Error: Error{Code: 99, Text: "busy"}}, fChannel, fMember, fMembers, fAccept, fError),
		`{"jsonrpc":"2.0","method":"sgc@presence@channel@invitation@response","channel":{"name":"Topic 1"},"member":{"id":"G2","name":"Mary","info":""},"members":[{"id":"G1","name":"John","info":""}],"accept":false,"error":{"code":99,"text":"busy"}}`},
	{"acknowledgment", packet{Method: MethodAcknowledgment, ID: "7"},
		`{"jsonrpc":"2.0","method":"sgc@presence@acknowledgment","id":"7"}`},
	{"any message with id", has(packet{Method: MethodSession, Text: "G1", ID: "12"}, fMessage),
		`{"jsonrpc":"2.0","method":"sgc@presence@session","message":{"text":"G1"},"id":"12"}`},
	{"escaping", has(packet{Method: MethodPublishMsg, Member: mem("G1", `a"b\c`, "<&>"), Text: "l1\nl2\t\x01é/"}, fMember, fChannel, fMessage),
		`{"jsonrpc":"2.0","method":"sgc@presence@publish@msg","member":{"id":"G1","name":"a\"b\\c","info":"<&>"},"channel":{"name":""},"message":{"text":"l1\nl2\t\u0001é/"}}`},
}

func TestGoldenEncode(t *testing.T) {
	for _, g := range golden {
		if got := g.p.encode(false); got != g.text {
			t.Errorf("%s:\n got  %s\n want %s", g.name, got, g.text)
		}
		if !json.Valid([]byte(g.text)) {
			t.Errorf("%s: golden text is not JSON", g.name)
		}
	}
}

func TestGoldenParse(t *testing.T) {
	for _, g := range golden {
		p, err := parsePacket(g.text)
		if err != nil {
			t.Errorf("%s: %v", g.name, err)
			continue
		}
		w := g.p
		if w.Members == nil && p.Members != nil && len(p.Members) == 0 {
			w.Members = []Member{}
		}
		if !reflect.DeepEqual(p, w) {
			t.Errorf("%s:\n got  %+v\n want %+v", g.name, p, w)
		}
	}
}

// TestGoldenBase64 pins the encoded form: data strings encoded, jsonrpc,
// method and id not. The base64 literals are computed independently.
func TestGoldenBase64(t *testing.T) {
	p := packet{Method: MethodPublishMsg, ID: "3", Member: mem("G1", "Jöhn", ""), Channel: "Topic 1", Text: "日本 チャット"}
	const want = `{"jsonrpc":"2.0","method":"sgc@presence@publish@msg","member":{"id":"sgc@b64:RzE=","name":"sgc@b64:SsO2aG4=","info":""},` +
		`"channel":{"name":"sgc@b64:VG9waWMgMQ=="},"message":{"text":"sgc@b64:5pel5pysIOODgeODo+ODg+ODiA=="},"id":"3"}`
	if got := p.encode(true); got != want {
		t.Fatalf("\n got  %s\n want %s", got, want)
	}
	back, err := parsePacket(want)
	if err != nil || back.Member.Name != "Jöhn" || back.Text != "日本 チャット" || back.Channel != "Topic 1" || back.ID != "3" {
		t.Fatalf("parse back: %+v %v", back, err)
	}
}

// TestParseVendorForms: what the vendor JS sends (key order method,
// member, channel, message; spaces; every string encoded, method and
// jsonrpc included) must parse.
func TestParseVendorForms(t *testing.T) {
	cases := []struct {
		name string
		text string
		want packet
	}{
		{"js join with spaces", `{"jsonrpc":"2.0", "method":"sgc@presence@member@new", "member":{"id":"G1","name":"John","info":"..."}}`,
			has(packet{Method: MethodNewMember, Member: mem("G1", "John", "...")}, fMember)},
		{"js publish order", `{"method":"sgc@presence@publish@msg","member":{"id":"G1"},"channel":{"name":"C"},"message":{"text":"hi"},"jsonrpc":"2.0"}`,
			has(packet{Method: MethodPublishMsg, Member: mem("G1", "", ""), Channel: "C", Text: "hi"}, fMember, fChannel, fMessage)},
		{"js base64 everything", `{"jsonrpc":"sgc@b64:Mi4w","method":"sgc@b64:c2djQHByZXNlbmNlQG1lbWJlckBuZXc=","member":{"id":"sgc@b64:RzE=","name":"sgc@b64:SsO2aG4=","info":"sgc@b64:aQ=="},"id":"sgc@b64:RzE="}`,
			has(packet{Method: MethodNewMember, ID: "G1", Member: mem("G1", "Jöhn", "i")}, fMember)},
		{"btoa latin-1", `{"method":"sgc@presence@member@new","member":{"name":"sgc@b64:SvZobg=="}}`,
			has(packet{Method: MethodNewMember, Member: mem("", "Jöhn", "")}, fMember)},
		{"numeric id ignored", `{"method":"sgc@presence@get@members","id":5}`, packet{Method: MethodGetMembers}},
		{"nulls are absent", `{"method":"sgc@presence@get@members","member":null,"channel":{"name":null}}`,
			has(packet{Method: MethodGetMembers}, fChannel)},
		{"error code as string", `{"method":"sgc@presence@error@member@channel","error":{"code":"3","text":"x"}}`,
			has(packet{Method: MethodErrorMemberChannel, Error: Error{3, "x"}}, fError)},
		{"extra keys", `{"method":"sgc@presence@session","message":{"text":"G","extra":1},"params":[1,2]}`,
			has(packet{Method: MethodSession, Text: "G"}, fMessage)},
	}
	for _, c := range cases {
		p, err := parsePacket(c.text)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if !reflect.DeepEqual(p, c.want) {
			t.Errorf("%s:\n got  %+v\n want %+v", c.name, p, c.want)
		}
	}
}

func TestParseMalformed(t *testing.T) {
	bad := []string{
		``, `null`, `[]`, `"x"`, `{`, `{}`, `{"method":5}`, `{"method":null}`,
		`{"method":"m","member":"G1"}`, `{"method":"m","member":{"name":5}}`,
		`{"method":"m","channel":[]}`, `{"method":"m","channel":{"name":true}}`,
		`{"method":"m","message":{"text":{}}}`, `{"method":"m","members":{}}`,
		`{"method":"m","members":[1]}`, `{"method":"m","members":[{"id":1}]}`,
		`{"method":"m","error":{"code":1.5}}`, `{"method":"m","error":{"code":"x"}}`,
		`{"method":"m","error":{"code":1e20}}`, `{"method":"m","accept":"yes"}`,
		`{"method":"m"}{}`, `{"method":"m"} x`,
	}
	for _, text := range bad {
		if _, err := parsePacket(text); err == nil {
			t.Errorf("%q parsed", text)
		}
	}
	// The method survives a later fault, so a publish error keeps its shape.
	if p, err := parsePacket(`{"method":"sgc@presence@publish@msg","member":7}`); err == nil || p.Method != MethodPublishMsg {
		t.Errorf("method lost: %+v %v", p, err)
	}
}

func TestEncodeInvalidUTF8(t *testing.T) {
	p := packet{Method: MethodPublishMsg, Text: "a\xffb"}
	got := p.encode(false)
	if !json.Valid([]byte(got)) {
		t.Fatalf("not JSON: %q", got)
	}
	back, _ := parsePacket(got)
	if back.Text != "a\uFFFDb" {
		t.Fatalf("got %q", back.Text)
	}
}
