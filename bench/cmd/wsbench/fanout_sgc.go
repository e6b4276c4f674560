package main

// The sgc protocol's fan-out (B7): the same measurement as B3, the payload travelling as the hex
// text of the sgc@publish / sgc@event messages of TsgcWSPServer_sgc instead of a binary frame, beside
// the plain Broadcast of the same engine.

import (
	"encoding/hex"
	"encoding/json"

	"github.com/gorilla/websocket"

	"github.com/sgcws/sgcws/protocols/sgc"
)

const fanoutChannel = "bench"

// fanoutWire is what a variant's clients speak: the plain binary frames of B3, or the sgc protocol.
func fanoutWire(impl string) (subProtocol, func([]byte) []byte, func(*websocket.Conn, []byte) error) {
	if impl != "sgc" {
		return subProtocol{}, func(b []byte) []byte { return b },
			func(c *websocket.Conn, msg []byte) error { return c.WriteMessage(websocket.BinaryMessage, msg) }
	}
	hello := []byte(`{"jsonrpc":"2.0","method":"sgc@subscribe","params":{"channel":"` + fanoutChannel + `"}}`)
	decode := func(b []byte) []byte {
		var ev struct {
			Result struct {
				Method, Message string
			}
		}
		if json.Unmarshal(b, &ev) != nil || ev.Result.Method != "sgc@event" {
			return nil // the session and subscription answers
		}
		out, _ := hex.DecodeString(ev.Result.Message)
		return out
	}
	publish := func(c *websocket.Conn, msg []byte) error {
		m := `{"jsonrpc":"2.0","method":"sgc@publish","params":{"channel":"` + fanoutChannel + `","message":"` +
			hex.EncodeToString(msg) + `"}}`
		return c.WriteMessage(websocket.TextMessage, []byte(m))
	}
	return subProtocol{name: sgc.Protocol, hello: hello}, decode, publish
}
