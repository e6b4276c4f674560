package deflate

import (
	"strings"
	"testing"
)

func TestClientOffer(t *testing.T) {
	cases := []struct {
		cfg  Config
		want string
	}{
		{DefaultConfig(), "permessage-deflate; client_max_window_bits"},
		{Config{Enabled: true}, "permessage-deflate; client_max_window_bits"},
		{Config{Enabled: true, ClientMaxWindowBits: 10, ServerMaxWindowBits: 12, ClientNoContextTakeOver: true, ServerNoContextTakeOver: true},
			"permessage-deflate; client_no_context_takeover; server_no_context_takeover; server_max_window_bits=12; client_max_window_bits=10"},
	}
	for _, c := range cases {
		if got := ClientOffer(c.cfg); got != c.want {
			t.Errorf("got %q want %q", got, c.want)
		}
		// Our own server must accept our own offer.
		if _, _, ok := ServerNegotiate(DefaultConfig(), []string{ClientOffer(c.cfg)}); !ok {
			t.Errorf("own offer %q declined", ClientOffer(c.cfg))
		}
	}
}

func TestServerNegotiate(t *testing.T) {
	def := DefaultConfig()
	cases := []struct {
		name   string
		cfg    Config
		offers []string
		ok     bool
		resp   string
		p      Params
	}{
		{"chromium", def, []string{"permessage-deflate; client_max_window_bits"}, true,
			"permessage-deflate", Params{ServerMaxWindowBits: 15, ClientMaxWindowBits: 15}},
		{"firefox/node plain", def, []string{"permessage-deflate"}, true,
			"permessage-deflate", Params{ServerMaxWindowBits: 15, ClientMaxWindowBits: 15}},
		{"python websockets client", def, []string{"permessage-deflate; client_max_window_bits=12"}, true,
			"permessage-deflate; client_max_window_bits=12", Params{ServerMaxWindowBits: 15, ClientMaxWindowBits: 12}},
		{"server limits client", Config{Enabled: true, ClientMaxWindowBits: 10}, []string{"permessage-deflate; client_max_window_bits"}, true,
			"permessage-deflate; client_max_window_bits=10", Params{ServerMaxWindowBits: 15, ClientMaxWindowBits: 10}},
		{"server limits client, client cannot", Config{Enabled: true, ClientMaxWindowBits: 10}, []string{"permessage-deflate"}, false, "", Params{}},
		{"server limits itself", Config{Enabled: true, ServerMaxWindowBits: 11}, []string{"permessage-deflate"}, true,
			"permessage-deflate; server_max_window_bits=11", Params{ServerMaxWindowBits: 11, ClientMaxWindowBits: 15}},
		{"client asks server window", def, []string{"permessage-deflate; server_max_window_bits=10"}, true,
			"permessage-deflate; server_max_window_bits=10", Params{ServerMaxWindowBits: 10, ClientMaxWindowBits: 15}},
		{"quoted value", def, []string{`permessage-deflate; server_max_window_bits="10"`}, true,
			"permessage-deflate; server_max_window_bits=10", Params{ServerMaxWindowBits: 10, ClientMaxWindowBits: 15}},
		{"no context takeover both", def, []string{"permessage-deflate; server_no_context_takeover; client_no_context_takeover"}, true,
			"permessage-deflate; server_no_context_takeover; client_no_context_takeover",
			Params{ServerNoContextTakeover: true, ClientNoContextTakeover: true, ServerMaxWindowBits: 15, ClientMaxWindowBits: 15}},
		{"server forces no takeover", Config{Enabled: true, ServerNoContextTakeOver: true, ClientNoContextTakeOver: true}, []string{"permessage-deflate"}, true,
			"permessage-deflate; server_no_context_takeover; client_no_context_takeover",
			Params{ServerNoContextTakeover: true, ClientNoContextTakeover: true, ServerMaxWindowBits: 15, ClientMaxWindowBits: 15}},
		{"first bad offer skipped", def, []string{"permessage-deflate; server_max_window_bits=7, permessage-deflate; client_max_window_bits"}, true,
			"permessage-deflate", Params{ServerMaxWindowBits: 15, ClientMaxWindowBits: 15}},
		{"other ext first", def, []string{"x-webkit-deflate-frame", "permessage-deflate"}, true,
			"permessage-deflate", Params{ServerMaxWindowBits: 15, ClientMaxWindowBits: 15}},
		{"duplicate param", def, []string{"permessage-deflate; server_no_context_takeover; server_no_context_takeover"}, false, "", Params{}},
		{"unknown param", def, []string{"permessage-deflate; foo=1"}, false, "", Params{}},
		{"bits 16", def, []string{"permessage-deflate; server_max_window_bits=16"}, false, "", Params{}},
		{"bits 08", def, []string{"permessage-deflate; server_max_window_bits=08"}, false, "", Params{}},
		{"bare server bits", def, []string{"permessage-deflate; server_max_window_bits"}, false, "", Params{}},
		{"takeover with value", def, []string{"permessage-deflate; server_no_context_takeover=1"}, false, "", Params{}},
		{"disabled", Config{}, []string{"permessage-deflate"}, false, "", Params{}},
		{"none", def, nil, false, "", Params{}},
	}
	for _, c := range cases {
		p, resp, ok := ServerNegotiate(c.cfg, c.offers)
		if ok != c.ok || resp != c.resp || p != c.p {
			t.Errorf("%s: got %+v %q %v, want %+v %q %v", c.name, p, resp, ok, c.p, c.resp, c.ok)
			continue
		}
		if ok {
			// The client side must accept what the server answered.
			if _, cok, err := ClientAccept(DefaultConfig(), resp); !cok || err != nil {
				if !strings.Contains(c.offers[0], "server_max_window_bits") {
					t.Errorf("%s: our client rejects answer %q: %v", c.name, resp, err)
				}
			}
		}
	}
}

func TestClientAccept(t *testing.T) {
	def := DefaultConfig()
	cases := []struct {
		name   string
		cfg    Config
		resp   string
		ok     bool
		hasErr bool
		p      Params
	}{
		{"declined", def, "", false, false, Params{}},
		{"plain", def, "permessage-deflate", true, false, Params{ServerMaxWindowBits: 15, ClientMaxWindowBits: 15}},
		{"python websockets", def, "permessage-deflate; server_max_window_bits=12; client_max_window_bits=12", true, false,
			Params{ServerMaxWindowBits: 12, ClientMaxWindowBits: 12}},
		{"node ws", def, "permessage-deflate; client_max_window_bits=15", true, false, Params{ServerMaxWindowBits: 15, ClientMaxWindowBits: 15}},
		{"no takeover", def, "permessage-deflate; server_no_context_takeover; client_no_context_takeover", true, false,
			Params{ServerNoContextTakeover: true, ClientNoContextTakeover: true, ServerMaxWindowBits: 15, ClientMaxWindowBits: 15}},
		{"our limit kept", Config{Enabled: true, ClientMaxWindowBits: 10}, "permessage-deflate; client_max_window_bits=12", true, false,
			Params{ServerMaxWindowBits: 15, ClientMaxWindowBits: 10}},
		{"our no-takeover kept", Config{Enabled: true, ClientNoContextTakeOver: true}, "permessage-deflate", true, false,
			Params{ClientNoContextTakeover: true, ServerMaxWindowBits: 15, ClientMaxWindowBits: 15}},
		{"server bits above offer", Config{Enabled: true, ServerMaxWindowBits: 10}, "permessage-deflate; server_max_window_bits=12", false, true, Params{}},
		{"bare client bits", def, "permessage-deflate; client_max_window_bits", false, true, Params{}},
		{"bits 7", def, "permessage-deflate; server_max_window_bits=7", false, true, Params{}},
		{"unknown param", def, "permessage-deflate; foo", false, true, Params{}},
		{"duplicate", def, "permessage-deflate; client_no_context_takeover; client_no_context_takeover", false, true, Params{}},
		{"other extension", def, "x-foo", false, true, Params{}},
		{"two deflates", def, "permessage-deflate, permessage-deflate", false, true, Params{}},
		{"garbage", def, "permessage-deflate; =", false, true, Params{}},
	}
	for _, c := range cases {
		p, ok, err := ClientAccept(c.cfg, c.resp)
		if ok != c.ok || (err != nil) != c.hasErr || (ok && p != c.p) {
			t.Errorf("%s: got %+v %v %v", c.name, p, ok, err)
		}
	}
}
