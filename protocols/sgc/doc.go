// Package sgc is the protocol logic of the default "sgc" sub-protocol
// (esegece.com): TsgcWSPServer_sgc and TsgcWSPClient_sgc. It is JSON-RPC 2.0
// with reserved sgc@ methods for pub/sub with wildcards, broadcast,
// acknowledgments, QoS, server queues and transactions.
//
// The package knows no transport. A Server sees connections through Conn
// and is driven by Connected, Message and Disconnected; a Client is given a
// send function and driven the same way. Time comes from the config's Now
// (nil: the wall clock plus a ticker); tests call Tick themselves.
//
// Concurrency: Server and Client are safe for concurrent use. Events and
// writes (Conn.WriteText, send) happen outside internal locks, so handlers
// and transports may call back in synchronously; frames produced by
// concurrent calls may interleave.
//
// Decisions where the manual and the inventory leave a choice (inventory
// §11 [DECIDE] points and bad input), one line each:
//   - Wire: we emit keys in the §11.4 order without whitespace; strings are escaped (no HTML escaping, bad UTF-8 → \ufffd, U+2028/9 escaped).
//   - Inbound "message": a JSON string gives its text, any other JSON value its JSON text as received; we always emit "message" as a JSON string.
//   - RPC params: inbound string → its text, structured → its JSON text; the client sends object/array text as compact JSON, other text as a string, "" omitted.
//   - RPC result: object/array text → compact JSON, other text → string; an object with a reserved "method" goes as a string so clients cannot mis-dispatch it.
//   - Ids are opaque: string or number accepted and echoed in the same type; "id":null is a notification; any other type is -32600.
//   - Envelope errors get a reply with the id if readable, else null, and no acknowledgment: not JSON -32700; not an object (batches too), jsonrpc ≠ "2.0", bad id or method -32600.
//   - MaxMessageSize (default 1 MiB, negative = unlimited) is checked after OnRawMessage; a longer text gets -32600 with data "message too large".
//   - Every request with an id is acknowledged before it is processed, except acknowledgments, QoS 2 requests (pubrec instead) and pubrel (acknowledged after the release).
//   - Method-level errors (-32601, -32602, -32000) follow the acknowledgment; a request without id never gets an error reply.
//   - Unknown sgc@ methods (sgc@channels, or sgc@event/sgc@pubrec sent by a client) get -32601; without id they are ignored.
//   - An RPC with no OnRPC handler gets -32601; RPCResult answers the oldest pending RPC with that id, and pending RPCs per connection are capped at MaxPending (-32000).
//   - RPCAuthentication: Methods "m" or "m=user" compared case-sensitively; not allowed by the list → OnRPCAuthentication, nil = denied (-32601, vendor text); notifications are not checked.
//   - Server WriteData emits the result form {"result":{"method":"sgc@message","channel":"","message":T}} (JS clients ignore the method form); the Client accepts both.
//   - A relayed client sgc@broadcast carries neither the sender's id nor its qos; broadcast and publish also reach the sender (if subscribed, for channels).
//   - Events carry no id (as the vendor's): server QoS tracks session, RPC results/errors and error replies; server level 2 acts as level 1 for its own messages.
//   - Retransmission: at each tick (QoS.Interval) every tracked message older than QoS.Timeout since first sent is re-sent, without retry limit; at most MaxPending tracked per connection, the oldest dropped.
//   - The client acknowledges any server message with an id and a top-level qos ≥ 1, as {"jsonrpc":"2.0","method":"sgc@acknowledgment","id":X}; the server also accepts the result form.
//   - QoS 2 (server): any request with an id and qosLevel2 is stored once per id (a duplicate gets pubrec again), processed on pubrel, then acknowledged; after that the id is new again.
//   - QoS 2 limits: at most MaxPending stored per connection (-32000 beyond), each dropped after QoS.Timeout without pubrel; a pubrel for an unknown id is still acknowledged.
//   - QoS 2 (client): pubrel is sent automatically on pubrec ({"channel":"","message":""}, no qos) and retransmitted until acknowledged.
//   - qos/queue are read from params (top-level qos as fallback) and unknown names mean level 0; the client writes qos only when > 0 and queue only on publish when > 0.
//   - RPC, notify, broadcast, session and transaction requests carry no qos (the vendor shapes); RPCs are still retransmitted until acknowledged at client level ≥ 1.
//   - Queues are memory only, keyed by the channel published to: level 1 replaces, level 2 appends up to MaxQueue (1000, oldest dropped), at most MaxQueueChannels (10000) channels.
//   - Queued messages are replayed, in publish order, to a new subscription only; publish to "" reaches every connection and its queue is replayed on connect.
//   - Wildcards without UseMatchesMasks: only one trailing '*' (prefix, "news*"); a '*' elsewhere ("a*b", "**") is an invalid channel (-32602 / ErrInvalidChannel); '?' and '[' are literal.
//   - With UseMatchesMasks: MatchesMask '*', '?', '[a-z]', '[!a-z]', case-insensitive; an unclosed or empty set is invalid; exact names always compare case-sensitively.
//   - A pattern subscription is stored as given and matched at publish; a pattern publish matches subscriptions' names literally; one event per (connection, channel).
//   - Event channel: the channel published to, or the matched subscription when the publish was a pattern.
//   - Subscribe: one confirmation with the name given; a repeat is confirmed again without replay or event; OnBeforeSubscription false: no confirmation.
//   - Unsubscribe of a pattern removes it and every subscription of the connection it matches, one confirmation each; nothing removed: one confirmation of the name given.
//   - sgc@unsubscribe_all answers one sgc@unsubscribe per channel; Client.UnSubscribeAll sends one sgc@unsubscribe per confirmed channel.
//   - Server Subscribe/UnSubscribe skip OnBeforeSubscription, confirm without id and fire OnSubscription/OnUnSubscription.
//   - Disconnected fires OnUnSubscription per dropped subscription; Message for an unknown connection registers it without a session.
//   - OnBeforePublish filters client publishes only; Server.Publish is the application's own.
//   - Transactions are per (connection, channel); channel "" is -32602; held: publish, broadcast, message, subscribe, unsubscribe naming that channel (acknowledged when held).
//   - Transactions do not nest: reopening keeps what is held; commit/rollback of none is a no-op; open transactions plus held requests ≤ MaxPending per connection (-32000).
//   - Client Queue property: inbound messages are held before OnRawMessage, at most MaxPending, the excess dropped; SetQueue(false) processes them in order.
//   - The client ignores malformed input and unknown sgc@ results; any other result is an RPC result; its QoS entries and subscriptions end at Disconnected.
//   - sgc@protocol is answered with a bare text frame holding ServerConfig.Protocol ("esegece.com").
//   - Client.WriteData takes only the text: the Guid/Channel arguments address broker instances, which are not part of this package.
//   - Pascal "var" arguments are handler results in Pascal order; a nil handler means the documented default.
package sgc
