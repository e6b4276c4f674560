package main

// The scripted conversations. Client->server lines are the canonical JSON our JS defines
// (protocols/js headers); server->client lines are the shapes of inventory §11.4 / §14.4. The
// page side of each conversation (what it calls, which events it must see) is in ../driver.js;
// the two are kept in the same order.

// scriptGeneric: sgcWebSocket over WebSocket, no sub-protocol.
func scriptGeneric(s *script) {
	s.expect("c2s/queued-before-open", "queued before open")
	s.expect("c2s/text-utf8", "hello ñ 日本 🚀")
	s.expectBinary("c2s/binary", []byte{1, 2, 3, 0, 255})
	s.send("from peer ñ")
	s.sendBinary(append([]byte("0000000003abc"), 0, 1, 2, 255, 254, 10))
	s.send(b64(`ñ 日本 🚀 "q"`))
	s.send("sgc@b64:!!not base64")
	s.expect("c2s/sgc@b64-utf8", b64("héllo 日本 🚀"))
	s.expectClose("c2s/close-1000", 1000, "")
}

// scriptSSE: sgcWebSocket forced onto Server-Sent Events.
func scriptSSE(s *script) {
	s.expect("c2s/xhr-queued-before-open", "queued before open")
	s.expect("c2s/xhr-text", "one")
	s.expect("c2s/xhr-utf8", "two ñ 日本 🚀")
	s.expect("c2s/xhr-sgc@b64", b64("héllo 日本 🚀"))
	s.send("from peer ñ")
	s.send("line1\nline2")
	s.send(b64("ñ sse 🚀"))
	s.awaitClientClose("c2s/client-closed-stream")
}

// scriptSgc: every client->server shape of the sgc protocol, then every server->client shape.
func scriptSgc(s *script) {
	s.send(`{"jsonrpc":"2.0","result":{"method":"sgc@session","message":"G-1"},"qos":"qosLevel0","id":"G-1"}`)

	s.expect("c2s/subscribe", `{"jsonrpc":"2.0","method":"sgc@subscribe","params":{"channel":"news","message":""},"id":"id1"}`)
	s.expect("c2s/unsubscribe", `{"jsonrpc":"2.0","method":"sgc@unsubscribe","params":{"channel":"news","message":""},"id":"id2"}`)
	s.expect("c2s/publish-escaped-text", `{"jsonrpc":"2.0","method":"sgc@publish","params":{"channel":"news","message":"Hello \"sgc\" {x} [y] \\ ñ\n"},"id":"id3"}`)
	s.expect("c2s/send-json-looking-text-stays-a-string", `{"jsonrpc":"2.0","method":"sgc@message","params":{"message":"{\"raw\":1}"},"id":"id4"}`)
	s.expect("c2s/publish-object", `{"jsonrpc":"2.0","method":"sgc@publish","params":{"channel":"obj","message":{"a":1,"b":[true,null]}},"id":"id5"}`)
	s.expect("c2s/publish-qos1", `{"jsonrpc":"2.0","method":"sgc@publish","params":{"channel":"news","message":"q1","qos":"qosLevel1"},"id":"id6"}`)
	s.expect("c2s/publish-qos1-queue2", `{"jsonrpc":"2.0","method":"sgc@publish","params":{"channel":"news","message":"q2","qos":"qosLevel1","queue":"queueLevel2"},"id":"id7"}`)
	s.expect("c2s/subscribe-qos2-no-queue", `{"jsonrpc":"2.0","method":"sgc@subscribe","params":{"channel":"a","message":"","qos":"qosLevel2"},"id":"id8"}`)
	s.expect("c2s/send-qos2", `{"jsonrpc":"2.0","method":"sgc@message","params":{"message":"m2","qos":"qosLevel2"},"id":"id9"}`)
	s.expect("c2s/pubrel-no-qos", `{"jsonrpc":"2.0","method":"sgc@pubrel","params":{"channel":"","message":""},"id":"p0"}`)
	s.expect("c2s/broadcast-all", `{"jsonrpc":"2.0","method":"sgc@broadcast","params":{"channel":"","message":"all!"}}`)
	s.expect("c2s/broadcast-channel", `{"jsonrpc":"2.0","method":"sgc@broadcast","params":{"channel":"news","message":"to news"}}`)
	s.expect("c2s/publish-level0-no-keys", `{"jsonrpc":"2.0","method":"sgc@publish","params":{"channel":"news","message":"plain"},"id":"id10"}`)
	s.expect("c2s/transaction", `{"jsonrpc":"2.0","method":"sgc@transaction","params":{"channel":"tx","message":""}}`)
	s.expect("c2s/commit", `{"jsonrpc":"2.0","method":"sgc@commit","params":{"channel":"tx","message":""}}`)
	s.expect("c2s/rollback", `{"jsonrpc":"2.0","method":"sgc@rollback","params":{"channel":"tx","message":""}}`)
	s.expect("c2s/rpc-json-text-params", `{"jsonrpc":"2.0","method":"test","params":{"param":10},"id":"r1"}`)
	s.expect("c2s/rpc-array-params", `{"jsonrpc":"2.0","method":"sum","params":[1,2],"id":"r2"}`)
	s.expect("c2s/rpc-string-params", `{"jsonrpc":"2.0","method":"echo","params":"plain text","id":"r3"}`)
	s.expect("c2s/rpc-no-params", `{"jsonrpc":"2.0","method":"now","id":"r4"}`)
	s.expect("c2s/rpc-generated-id", `{"jsonrpc":"2.0","method":"auto","id":"id11"}`)
	s.expect("c2s/notify", `{"jsonrpc":"2.0","method":"log","params":{"level":"info"}}`)
	s.expect("c2s/notify-no-params", `{"jsonrpc":"2.0","method":"ping"}`)
	s.expect("c2s/getsession", `{"jsonrpc":"2.0","method":"sgc@session"}`)

	s.send(`{"jsonrpc":"2.0","result":{"method":"sgc@acknowledgment"},"id":"id1"}`)
	s.send(`{"jsonrpc":"2.0","result":{"method":"sgc@subscribe","channel":"news"},"id":"id1"}`)
	s.send(`{"jsonrpc":"2.0","result":{"method":"sgc@unsubscribe","channel":"news"},"id":"id2"}`)
	s.send(`{"jsonrpc":"2.0","result":{"method":"sgc@unsubscribe_all","channel":""}}`)
	s.send(`{"jsonrpc":"2.0","result":{"method":"sgc@event","channel":"news","message":"T \"q\" {x} ñ"}}`)
	s.send(`{"jsonrpc":"2.0","result":{"method":"sgc@message","channel":"","message":"B"}}`)
	s.send(`{"jsonrpc":"2.0","result":{"method":"sgc@message","channel":"news","message":"B2"},"qos":"qosLevel1","id":"X1"}`)
	s.expect("c2s/auto-ack-relayed-broadcast", `{"jsonrpc":"2.0","method":"sgc@acknowledgment","id":"X1"}`)
	s.send(`{"jsonrpc":"2.0","result":{"method":"sgc@pubrec"},"id":"id9"}`)
	s.expect("c2s/auto-pubrel", `{"jsonrpc":"2.0","method":"sgc@pubrel","params":{"channel":"","message":""},"id":"id9"}`)
	s.send(`{"jsonrpc":"2.0","result":"42","qos":"qosLevel0","id":"r1"}`)
	s.send(`{"jsonrpc":"2.0","result":{"sum":3},"qos":"qosLevel0","id":"r2"}`)
	s.send(`{"jsonrpc":"2.0","result":"ok","qos":"qosLevel1","id":"r3"}`)
	s.expect("c2s/auto-ack-rpc-result-qos1", `{"jsonrpc":"2.0","method":"sgc@acknowledgment","id":"r3"}`)
	s.send(`{"jsonrpc":"2.0","error":{"code":-32601,"message":"Method not found. The method does not exist / is not available.","data":"D"},"qos":"qosLevel0","id":"r4"}`)
	s.send(`{"jsonrpc":"2.0","error":{"code":-32000,"message":"Server error"},"qos":"qosLevel0","id":"id11"}`)
	s.send(`{"jsonrpc":"2.0","result":{"method":"sgc@session","message":"G-1"},"qos":"qosLevel1","id":"G-1"}`)
	s.expect("c2s/auto-ack-session-qos1", `{"jsonrpc":"2.0","method":"sgc@acknowledgment","id":"G-1"}`)
	s.send(`{"jsonrpc":"2.0","method":"sgc@message","params":{"message":"W"}}`)
	s.send(`esegece.com`)
	s.send(`{"jsonrpc":"2.0","result":{"method":"sgc@event","channel":"news","message":"` + b64("ñ 日本 🚀") + `"}}`)
	s.send(`{"jsonrpc":"2.0","result":[1,"two"],"id":"r5"}`)
	s.sendBinary([]byte("bin"))
	s.finish()
}

// scriptSgcBase64: sgcEncodeBase64 = true on the page.
func scriptSgcBase64(s *script) {
	s.expect("c2s/publish-b64-message", `{"jsonrpc":"2.0","method":"sgc@publish","params":{"channel":"news","message":"`+b64(`héllo 日本 🚀 "q"`)+`"},"id":"id1"}`)
	s.expect("c2s/send-b64-message", `{"jsonrpc":"2.0","method":"sgc@message","params":{"message":"`+b64("ñ")+`"},"id":"id2"}`)
	s.expect("c2s/broadcast-b64-message", `{"jsonrpc":"2.0","method":"sgc@broadcast","params":{"channel":"news","message":"`+b64("all ✓")+`"}}`)
	s.expect("c2s/publish-object-not-encoded", `{"jsonrpc":"2.0","method":"sgc@publish","params":{"channel":"obj","message":{"k":"v"}},"id":"id3"}`)
	s.send(`{"jsonrpc":"2.0","result":{"method":"` + b64("sgc@event") + `","channel":"` + b64("news") + `","message":"` + b64("ñ 日本 🚀") + `"}}`)
	s.finish()
}

const (
	john = `{"id":"S-1","name":"John","info":"Additional Info"}`
	ann  = `{"id":"S-2","name":"Ann","info":"x"}`
)

// scriptPresence: every Presence request, then every server->client shape.
func scriptPresence(s *script) {
	s.send(`{"jsonrpc":"2.0","method":"sgc@presence@session","message":{"text":"S-1"}}`)
	s.expect("c2s/newmember", `{"jsonrpc":"2.0","method":"sgc@presence@member@new","member":`+john+`}`)
	s.expect("c2s/subscribe", `{"jsonrpc":"2.0","method":"sgc@presence@channel@member@new","member":`+john+`,"channel":{"name":"Topic 1"}}`)
	s.expect("c2s/publish-channel", `{"jsonrpc":"2.0","method":"sgc@presence@publish@msg","member":`+john+`,"channel":{"name":"Topic 1"},"message":{"text":"Hello \"all\" ñ"}}`)
	s.expect("c2s/publish-all", `{"jsonrpc":"2.0","method":"sgc@presence@publish@msg","member":`+john+`,"channel":{"name":""},"message":{"text":"to everybody"}}`)
	s.expect("c2s/getmembers-all", `{"jsonrpc":"2.0","method":"sgc@presence@get@members","member":`+john+`,"channel":{"name":""}}`)
	s.expect("c2s/getmembers-channel", `{"jsonrpc":"2.0","method":"sgc@presence@get@members","member":`+john+`,"channel":{"name":"Topic 1"}}`)
	s.expect("c2s/unsubscribe", `{"jsonrpc":"2.0","method":"sgc@presence@channel@member@remove","member":`+john+`,"channel":{"name":"Topic 1"}}`)
	s.expect("c2s/removemember", `{"jsonrpc":"2.0","method":"sgc@presence@member@remove","member":`+john+`}`)

	s.send(`{"jsonrpc":"2.0","method":"sgc@presence@member@new","member":` + ann + `}`)
	s.send(`{"jsonrpc":"2.0","method":"sgc@presence@member@remove","member":` + ann + `}`)
	s.send(`{"jsonrpc":"2.0","method":"sgc@presence@channel@member@new","member":` + ann + `,"channel":{"name":"Topic 1"}}`)
	s.send(`{"jsonrpc":"2.0","method":"sgc@presence@channel@member@remove","member":` + ann + `,"channel":{"name":"Topic 1"}}`)
	s.send(`{"jsonrpc":"2.0","method":"sgc@presence@publish@msg","member":` + ann + `,"channel":{"name":"Topic 1"},"message":{"text":"Hi \"there\""}}`)
	s.send(`{"jsonrpc":"2.0","method":"sgc@presence@send@members","channel":{"name":""},"member":` + john + `,"members":[` + john + `,` + ann + `]}`)
	s.send(`{"jsonrpc":"2.0","method":"sgc@presence@error@member@channel","error":{"code":4,"text":"not subscribed"},"channel":{"name":"Topic 9"},"member":` + john + `}`)
	s.send(`{"jsonrpc":"2.0","method":"sgc@presence@error@publish@msg","error":{"code":5,"text":"publish denied"},"message":{"text":"spam"},"member":` + john + `,"channel":{"name":"Topic 1"}}`)
	s.send(`{"jsonrpc":"2.0","method":"sgc@presence@channel@invitation","channel":{"name":"Room"},"member":` + ann + `,"members":[` + john + `]}`)
	s.send(`{"jsonrpc":"2.0","method":"sgc@presence@publish@msg","member":` + ann + `,"channel":{"name":""},"message":{"text":"acked"},"id":"A1"}`)
	s.expect("c2s/acknowledgment", `{"jsonrpc":"2.0","method":"sgc@presence@acknowledgment","id":"A1"}`)
	s.send(`{"jsonrpc":"2.0","method":"sgc@presence@acknowledgment","id":"A2"}`)
	s.send(`{"jsonrpc":"2.0","method":"sgc@presence@member@new","member":{"id":"` + b64("S-3") + `","name":"` + b64("Zoë 日本") + `","info":"` + b64("🚀") + `"}}`)
	s.send(`{"jsonrpc":"2.0","method":"sgc@presence@unknown"}`)
	s.finish()
}

// scriptPresenceBase64: sgcEncodeBase64 = true: every string but "jsonrpc" is encoded.
func scriptPresenceBase64(s *script) {
	s.send(`{"jsonrpc":"2.0","method":"` + b64("sgc@presence@session") + `","message":{"text":"` + b64("S-1") + `"}}`)
	zoe := `{"id":"` + b64("S-1") + `","name":"` + b64("Zoë") + `","info":"` + b64("ñ info") + `"}`
	s.expect("c2s/newmember-b64", `{"jsonrpc":"2.0","method":"`+b64("sgc@presence@member@new")+`","member":`+zoe+`}`)
	s.expect("c2s/subscribe-b64", `{"jsonrpc":"2.0","method":"`+b64("sgc@presence@channel@member@new")+`","member":`+zoe+`,"channel":{"name":"`+b64("Tópico")+`"}}`)
	s.expect("c2s/publish-b64", `{"jsonrpc":"2.0","method":"`+b64("sgc@presence@publish@msg")+`","member":`+zoe+`,"channel":{"name":"`+b64("Tópico")+`"},"message":{"text":"`+b64("héllo 🚀")+`"}}`)
	s.send(`{"jsonrpc":"2.0","method":"sgc@presence@publish@msg","member":` + zoe + `,"channel":{"name":"` + b64("Tópico") + `"},"message":{"text":"` + b64("héllo 🚀") + `"}}`)
	s.finish()
}
